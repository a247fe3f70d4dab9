"""One opened corpus: what every command and the app ask of it. Plain Python, no Textual."""
