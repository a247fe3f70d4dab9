"""The claim list: one line per claim, drawn only for the rows on screen.

Mounting 10,000 OptionList items takes over a second, so this is a Line API widget: it holds the
claims in display order and renders a row when the row is scrolled into view.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.events import Click
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from factcheck.app.text import visible
from factcheck.corpus.model import Claim
from factcheck.corpus.scale import Scale, Verdict
from factcheck.reviews.session import ClaimStatus

StatusLookup = Callable[[Claim], ClaimStatus]

ID_COLUMN_MAX = 28
"""The widest the id column grows; a longer id is cut with an ellipsis."""
TEXT_BEFORE_ID = 40
"""Cells the claim's words keep before an id column is drawn beside them: the words come first."""
ID_SHOWN_FROM = 16
"""An id column narrower than this would show too little of the id to be worth the words lost."""
ID_GAP = 2
"""Blank cells between the words and the id column."""


def fit(value: str, room: int, *, more: bool = False) -> str:
    """`value` if it takes at most `room` cells, else cut to end in an ellipsis within them;
    `more` says `value` is only the start of the text, so it ends in an ellipsis however short."""
    if cell_len(value) <= room and not more:
        return value
    if room <= 0:
        return ""
    kept = value if cell_len(value) < room else set_cell_size(value, room - 1)
    return kept.rstrip() + "…"


def row_words(text: str, room: int) -> tuple[str, bool]:
    """A claim's words on one line, made visible, and whether more of them were left off. Only
    enough of the start of a long claim is joined for `room` cells: a claim can be a megabyte."""
    head = text[: max(256, room * 8)]
    left_off = len(head) < len(text) and not text[len(head) :].isspace()
    return visible(" ".join(head.split())), left_off


def verdict_abbreviations(scale: Scale) -> dict[str, str]:
    """Short badges for a narrow list: initials ('Mostly false' -> 'MF'), the key if two clash."""
    short = {
        v.label: "".join(word[0] for word in v.label.split()).upper() or str(v.key) for v in scale
    }
    if len(set(short.values())) < len(short):
        return {v.label: str(v.key) for v in scale}
    return short


class ClaimList(ScrollView, can_focus=True):
    """The claims in display order, a cursor on one of them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", "Next", show=False),
        Binding("up", "move(-1)", "Previous", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "claim-list--cursor",
        "claim-list--id",
        "claim-list--unrated",
        "claim-list--stale",
        "claim-list--set-aside",
    }
    """cursor: the selected row; id: the claim id column; unrated: the badge of an unrated
    claim; stale: the mark beside a rating made on other evidence; set-aside: the badge of a
    claim the reviewer set aside."""

    cursor: reactive[int] = reactive(0, init=False, always_update=True)
    """Position of the selected claim in the list."""

    class Highlighted(Message):
        """The cursor moved to another claim (or the list changed under it)."""

        def __init__(self, claim_list: ClaimList, claim: Claim | None, position: int) -> None:
            super().__init__()
            self.claim_list = claim_list
            self.claim = claim
            self.position = position

        @property
        def control(self) -> ClaimList:
            return self.claim_list

    class Chosen(Message):
        """Enter was pressed on a claim: the reader wants to go into its evidence."""

    def __init__(
        self, scale: Scale, status: StatusLookup, *, id: str | None = None, classes: str = ""
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._claims: Sequence[Claim] = ()
        self._status = status
        self._scale = scale
        self._abbreviations = verdict_abbreviations(scale)
        self._long_badge = max((len(v.label) for v in scale), default=4) + 2
        self._id_width = 12
        self._strips: LRUCache[tuple[object, ...], Strip] = LRUCache(1024)

    # Parents call these

    def set_claims(self, claims: Sequence[Claim], cursor: int = 0) -> None:
        self._claims = claims
        self._strips.clear()
        self._id_width = min(max((len(c.id) for c in claims[:2000]), default=8), ID_COLUMN_MAX)
        self.virtual_size = Size(0, len(claims))
        self.cursor = max(0, min(cursor, len(claims) - 1))
        self.refresh()

    @property
    def claims(self) -> Sequence[Claim]:
        return self._claims

    @property
    def selected(self) -> Claim | None:
        return self._claims[self.cursor] if self._claims else None

    def refresh_row(self, position: int) -> None:
        self.refresh_line(position - round(self.scroll_y))

    def refresh_line(self, y: int) -> None:
        if 0 <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    # Keys

    def action_move(self, delta: int) -> None:
        if self._claims:
            self.cursor = max(0, min(self.cursor + delta, len(self._claims) - 1))

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(1, self.size.height - 1))

    def action_jump(self, position: int) -> None:
        if self._claims:
            self.cursor = position % len(self._claims)

    def key_enter(self) -> None:
        if self._claims:
            self.post_message(self.Chosen())

    def on_click(self, event: Click) -> None:
        position = round(self.scroll_y) + event.y
        if 0 <= position < len(self._claims):
            self.cursor = position

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_row(old)
        self.refresh_row(new)
        self.scroll_to(y=self._scroll_target(new), animate=False, immediate=True)
        self.post_message(self.Highlighted(self, self.selected, new))

    def _scroll_target(self, position: int) -> float:
        height = max(1, self.size.height)
        top = round(self.scroll_y)
        if position < top:
            return position
        if position >= top + height:
            return position - height + 1
        return top

    # Drawing

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        position = round(self.scroll_y) + y
        if not 0 <= position < len(self._claims):
            return Strip.blank(width, self.rich_style)
        claim = self._claims[position]
        status = self._status(claim)
        is_cursor = position == self.cursor
        # A row is drawn again only when what it shows changed: scrolling and moving the cursor
        # redraw whole screens of rows, and building Text is the slow part.
        key = (claim.id, width, is_cursor, is_cursor and self.has_focus, status)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._strips[key] = self._render_row(claim, status, width, is_cursor)
        return strip

    def _render_row(self, claim: Claim, status: ClaimStatus, width: int, is_cursor: bool) -> Strip:
        base = self.rich_style
        row = self._row(claim, status, width)
        if is_cursor:
            # The badge keeps its verdict colour; the rest of the row shows the cursor.
            cursor = self.get_component_rich_style("claim-list--cursor", partial=True)
            row.stylize(cursor, self._badge_width(width))
        segments = list(row.render(self.app.console))
        return Strip(Segment.apply_style(segments, base), row.cell_len).adjust_cell_length(
            width, base
        )

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    def on_focus(self) -> None:
        self.refresh_row(self.cursor)

    def on_blur(self) -> None:
        self.refresh_row(self.cursor)

    def _row(self, claim: Claim, status: ClaimStatus, width: int) -> Text:
        """The status marks, the claim's words, and its id in a dim column at the end when the
        words keep room for `TEXT_BEFORE_ID` cells beside it. Every cut ends in an ellipsis."""
        row = Text(no_wrap=True, end="")
        row.append_text(self._badge(status.verdict, width, set_aside=status.set_aside))
        if status.stale:
            row.append("!", self.get_component_rich_style("claim-list--stale", partial=True))
        else:
            row.append(" ")
        row.append(" ")
        room = width - row.cell_len
        id_width = min(self._id_width, room - TEXT_BEFORE_ID - ID_GAP)
        show_id = id_width >= ID_SHOWN_FROM
        words_room = room - (id_width + ID_GAP if show_id else 0)
        words, left_off = row_words(claim.text, words_room)
        shown = fit(words, words_room, more=left_off)
        row.append(shown + " " * (words_room - cell_len(shown)))
        if show_id:
            row.append(" " * ID_GAP)
            shown_id = fit(visible(claim.id), id_width)
            row.append(
                shown_id + " " * (id_width - cell_len(shown_id)),
                self.get_component_rich_style("claim-list--id", partial=True),
            )
        return row

    def _badge_width(self, width: int) -> int:
        return 4 if width < 60 else self._long_badge

    def _badge(self, verdict: Verdict | None, width: int, *, set_aside: bool = False) -> Text:
        size = self._badge_width(width)
        narrow = size < self._long_badge
        if verdict is None and set_aside:
            # Not "to do": the reviewer put it aside, with a reason (A shows it).
            style = self.get_component_rich_style("claim-list--set-aside", partial=True)
            return Text(("⊘" if narrow else "set aside").center(size), style=style)
        if verdict is None:
            style = self.get_component_rich_style("claim-list--unrated", partial=True)
            return Text("·".center(size), style=style)
        label = self._abbreviations[verdict.label] if narrow else verdict.label
        return Text(
            label.center(size), style=Style(color="white", bgcolor=verdict.colour, bold=True)
        )
