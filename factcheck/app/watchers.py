"""Letting go of removed widgets that watched another object's reactive.

Textual keeps each watcher made by `widget.watch(other, ...)` or `widget.data_bind(...)` in a
list on the watched object, and prunes that list only when the watched reactive next changes,
whether the widget is still on screen or long removed (Textualize/textual#6666, open). Here
the watched reactives never change: the app's `theme` (every TextArea watches it, so every note
editor ever opened stayed alive) and a footer's `compact` (every key a footer ever drew stayed
alive, about twenty at each rebuild of the review screen's footer). With each widget went its
styles and render caches: the soak of the app (benchmarks/soak_app.py) grew by 50 MB of
resident memory per 1,000 keys.
"""

from __future__ import annotations

from textual.dom import DOMNode

_WATCHERS = "__watchers"
"""Where Textual keeps the watchers of an object's reactives (textual/reactive.py `_watch`):
reactive name -> [(watching node, callback)]."""


def forget_removed_watchers(watched: DOMNode) -> None:
    """Drop from `watched`'s watcher lists every watcher whose widget is removed or being
    removed, as Textual itself does when the reactive changes (`_check_watchers`)."""
    lists: dict[str, list[tuple[object, object]]] = getattr(watched, _WATCHERS, {})
    for entries in lists.values():
        entries[:] = [
            (node, callback) for node, callback in entries if not getattr(node, "_closing", False)
        ]
