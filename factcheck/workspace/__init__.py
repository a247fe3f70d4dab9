"""One opened corpus: what every command and the app ask of it. Plain Python, no Textual."""

from factcheck.workspace.workspace import Evidence, Workspace

__all__ = ["Evidence", "Workspace"]
