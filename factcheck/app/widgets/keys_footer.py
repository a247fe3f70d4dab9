"""The footer of keys, drawn with the first screen and rebuilt only when its keys change."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

from factcheck.app.watchers import forget_removed_watchers

KeysShown = tuple[tuple[str, str, str, str, bool, str], ...]


class KeysFooter(Footer):
    """Textual's Footer, with its keys from the first frame, rebuilt only when they change.

    Textual's composes empty and then rebuilds itself (unmounts and mounts a widget per key,
    20-40 ms for the review screen, and a layout of the whole screen after) on every change of
    focus or of the screen stack, whether the keys shown changed or not. Opening the review
    screen made three such changes, so three rebuilds stood between the first screen and the
    first key press; and every `j` made one more."""

    def __init__(self, *, compact: bool = False, show_command_palette: bool = True) -> None:
        super().__init__(compact=compact, show_command_palette=show_command_palette)
        self._shown: KeysShown | None = None
        self._rebuild_pending = False

    def compose(self) -> ComposeResult:
        # The screen's keys are known when it composes: the focused widget adds none shown.
        self._bindings_ready = True
        self._shown = self._keys_shown()
        yield from super().compose()

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        if not self.is_attached:
            return  # its screen closed before the refresh (enter on the desk): nothing to show
        shown = self._keys_shown()
        if shown != self._shown:
            self._shown = shown
            await self.recompose()
            # Each key drawn binds to this footer's `compact`: the keys just removed would
            # stay alive in its watcher list, twenty a rebuild (see factcheck/app/watchers.py).
            forget_removed_watchers(self)

    def _keys_shown(self) -> KeysShown:
        """What `Footer.compose` draws from: the shown bindings, their state and palette key."""
        return tuple(
            (
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                enabled,
                tooltip,
            )
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == self.app.COMMAND_PALETTE_BINDING
        )
