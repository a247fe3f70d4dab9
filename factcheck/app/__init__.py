"""The Textual review app. `create_app` is the one factory the CLI, tests and benchmarks use.

Imported lazily, so `import factcheck.app` alone does not load Textual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from factcheck.app.app import ReviewApp, create_app

__all__ = ["ReviewApp", "create_app"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from factcheck.app import app

        return getattr(app, name)
    raise AttributeError(name)
