"""factcheck: claim-versus-evidence fact-checking on a YAML corpus."""

__version__ = "0.1.0"
