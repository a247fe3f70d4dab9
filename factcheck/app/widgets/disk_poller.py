"""The shape every watcher of files on disk shares: look in a thread now and then, one look at a
time, and hand what was found to the UI thread.

Files are polled by signature rather than watched with inotify or FSEvents: see
`factcheck.reviews.others` for why.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from textual import on
from textual.message import Message
from textual.widget import Widget

from factcheck.app.threads import run_in_thread

Found = TypeVar("Found")


class DiskPoller(Widget, Generic[Found]):
    """A widget with nothing to draw: every `interval` seconds it runs `look` in a thread (unless
    the last look is still running: a slow disk) and passes what it found, if anything, to
    `found` on the UI thread, where the subclass posts its messages up."""

    DEFAULT_CSS = """
    DiskPoller {
        display: none;
    }
    """

    class _Looked(Message):
        def __init__(self, found: object | None) -> None:
            super().__init__()
            self.found = found

    def __init__(self, interval: float, *, name: str, group: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self._interval = interval
        self._worker_name = name
        self._group = group
        self._looking = False

    def look(self) -> Found | None:
        """In a thread: read the disk, touch nothing the UI thread changes; None when nothing
        changed."""
        raise NotImplementedError

    def found(self, found: Found) -> None:
        """On the UI thread, with what `look` found."""
        raise NotImplementedError

    def on_mount(self) -> None:
        self.set_interval(self._interval, self.poll_now)

    def poll_now(self) -> None:
        if self._looking:
            return  # the last look is still reading
        self._looking = True
        # The look posts back here even when it fails, so polling goes on.
        run_in_thread(self, self._look_and_post, name=self._worker_name, group=self._group)

    def _look_and_post(self) -> None:
        found: Found | None = None
        try:
            found = self.look()
        finally:
            self.post_message(self._Looked(found))

    @on(_Looked)
    def _looked(self, message: _Looked) -> None:
        message.stop()
        self._looking = False
        if message.found is not None:
            self.found(message.found)  # type: ignore[arg-type]  # what `look` returned
