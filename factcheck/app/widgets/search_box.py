"""The search box: every key typed into it takes effect in the order it was typed."""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class SearchBox(Input):
    """An `Input` that runs its own editing keys (backspace, delete, arrows...) as it receives
    them.

    Textual runs a widget's key bindings when the key, unhandled by the widget, has bubbled up
    through every parent to the App. A letter is typed at once, but a backspace waits behind
    whatever the screen is doing (re-listing claims for the last letter), so with keys coming
    fast the letters typed after a backspace went in before it: 'haqqani', seven backspaces and
    'mujahid' left 'haqqani' (the backspaces deleted 'mujahid'), or 'hujahid'.
    """

    async def _on_key(self, event: events.Key) -> None:
        if event.is_printable:
            return  # Input's own handler, next in line, types it
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            # Handled here, and not again by Input's handler or as a binding after bubbling.
            event.stop()
            event.prevent_default()
            self._restart_blink()
            await self.run_action(binding.action)
            return
