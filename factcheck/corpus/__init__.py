"""The corpus: its model, loading and validation with file positions, and the verification of
its quotes against their sources. Plain Python: no Textual, no Rich."""
