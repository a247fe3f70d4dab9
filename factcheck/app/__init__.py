"""The Textual review app. Import `create_app` from here: the CLI and the tests both use it."""

from factcheck.app.app import ReviewApp, create_app

__all__ = ["ReviewApp", "create_app"]
