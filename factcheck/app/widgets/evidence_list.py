"""The selected claim's evidence, grouped contradicts / supports / context, one quote a row."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from factcheck.app.long_text import QUOTE_ROW_SHOWN, more, window
from factcheck.app.text import plain
from factcheck.app.widgets.figure_conflicts import Sides, disagreements_of
from factcheck.corpus.model import Claim, Corpus, EvidenceLink, Quote, Source, Stance
from factcheck.quotes import Anchor, MatchStatus, Severity

STANCE_ORDER = (Stance.CONTRADICTS, Stance.SUPPORTS, Stance.CONTEXT)
_STANCE_STYLE = {
    Stance.CONTRADICTS: "bold red",
    Stance.SUPPORTS: "bold green",
    Stance.CONTEXT: "bold #79a8e0",
}
CITED_BADGE = " CITED "
"""Before a quote the reviewer's verdict rests on (marked with space, see the review screen)."""
_CITED_STYLE = "bold black on #e0c060"


def check_label(anchor: Anchor | None, source: Source, *, checking: bool = True) -> Text:
    """How the quote was found in its source, as a short coloured phrase; `checking` says
    whether verification is still under way for a quote with no anchor yet."""
    if anchor is None:
        if source.text is None:
            return Text("✗ no source text", "bold red")
        return Text("checking…", "dim italic") if checking else Text("not verified", "yellow")
    status = anchor.status
    if status is MatchStatus.EXACT:
        return Text("✓ exact", "green")
    if status in (MatchStatus.NORMALISED, MatchStatus.ELIDED):
        return Text(f"✓ {status}", "green" if anchor.severity is Severity.INFO else "yellow")
    if status is MatchStatus.FUZZY:
        return Text(f"≈ fuzzy {anchor.score:.0f}%", "yellow")
    return Text(f"✗ {status}", "bold red")


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    link: EvidenceLink
    quote: Quote
    source: Source


class EvidenceList(OptionList):
    """Quotes for and against the claim; enter opens the highlighted one in its source; c, s
    and x give its link another stance, d removes the link (the screen writes the change). The
    quotes the reviewer's verdict cites wear a CITED badge (the screen's space marks them)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "c", "stance('contradicts')", "Stance", key_display="c/s/x", id="evidence-contradicts"
        ),
        Binding("s", "stance('supports')", "Supports", show=False, id="evidence-supports"),
        Binding("x", "stance('context')", "Context", show=False, id="evidence-context"),
        Binding("d,delete", "unlink", "Remove link", key_display="d", id="evidence-unlink"),
    ]

    class Open(Message):
        """Show this piece of evidence in its source text."""

        def __init__(self, item: EvidenceItem) -> None:
            super().__init__()
            self.item = item

    class StanceChosen(Message):
        """The link of this piece of evidence is to take `stance`."""

        def __init__(self, item: EvidenceItem, stance: Stance) -> None:
            super().__init__()
            self.item = item
            self.stance = stance

    class UnlinkChosen(Message):
        """This quote is to be no longer evidence of the claim (the quote stays in its
        source's file, where other claims may use it)."""

        def __init__(self, item: EvidenceItem) -> None:
            super().__init__()
            self.item = item

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._items: dict[str, EvidenceItem] = {}
        self._claim_id: str | None = None
        """The claim whose evidence is shown."""
        self._anchors: Mapping[str, Anchor] = {}
        self._checking = True
        self._cited: frozenset[str] = frozenset()
        """The ids of the quotes the reviewer's verdict on the claim cites."""
        self._corpus: Corpus | None = None
        self._sides: Sides = {}
        """The figures that disagree between sources, by the source of each figure."""

    def show(
        self,
        corpus: Corpus,
        claim: Claim | None,
        anchors: Mapping[str, Anchor],
        checking: bool,
        cited: Collection[str] = (),
    ) -> None:
        self._anchors = anchors
        self._checking = checking
        self._cited = frozenset(cited)
        self._corpus = corpus
        # The same claim shown again (the corpus reloaded after a stance changed): the same
        # quote stays highlighted, wherever its group now puts it.
        kept = self.selected_item if claim is not None and claim.id == self._claim_id else None
        self._claim_id = claim.id if claim is not None else None
        self._items = {}
        options: list[Option | None] = []
        evidence = list(corpus.evidence(claim)) if claim else []
        for stance in STANCE_ORDER:
            group = [EvidenceItem(*row) for row in evidence if row[0].stance == stance]
            if not group:
                continue
            heading = Text(f"{stance.upper()} ({len(group)})", _STANCE_STYLE[stance])
            options.append(Option(heading, disabled=True))
            for item in group:
                option_id = f"{len(self._items)}"
                self._items[option_id] = item
                options.append(Option(self._prompt(item), id=option_id))
        if claim is not None and not evidence:
            options.append(
                Option(Text("No evidence linked to this claim.", "italic"), disabled=True)
            )
        self.set_options(options)
        if self._items:
            same = (
                option_id
                for option_id, item in self._items.items()
                if kept is not None and item.quote.id == kept.quote.id
            )
            self.highlighted = self.get_option_index(next(same, next(iter(self._items))))

    def update_anchors(self, anchors: Mapping[str, Anchor], checking: bool) -> None:
        """New verification results arrived, or verification ended: redraw the quotes."""
        self._anchors = anchors
        self._checking = checking
        for option_id, item in self._items.items():
            self.replace_option_prompt(option_id, self._prompt(item))

    def show_conflicts(self, sides: Sides) -> None:
        """The figures that disagree between sources were found: redraw the quotes, each with
        the disagreements its passage is part of."""
        self._sides = sides
        for option_id, item in self._items.items():
            self.replace_option_prompt(option_id, self._prompt(item))

    def mark_cited(self, cited: Collection[str]) -> None:
        """The verdict cites these quotes now: redraw the quotes marked or unmarked."""
        cited = frozenset(cited)
        changed = cited ^ self._cited
        self._cited = cited
        for option_id, item in self._items.items():
            if item.quote.id in changed:
                self.replace_option_prompt(option_id, self._prompt(item))

    def scroll_to_highlight(self, top: bool = False) -> None:
        """Also bring a group's heading into view with its first quote: moving up to it would
        otherwise leave 'CONTRADICTS (6)' scrolled off just above, and the reader unsure which
        side the quote is on."""
        super().scroll_to_highlight(top)
        index = self.highlighted
        if not index or not self.options[index - 1].disabled:
            return
        # The option's first line: OptionList's own map (textual is pinned to 8.2.8).
        line = self._index_to_line.get(index - 1)
        if line is not None and line < self.scroll_y:
            self.scroll_to(y=line, animate=False, immediate=True)

    @property
    def selected_item(self) -> EvidenceItem | None:
        option = self.highlighted_option
        return self._items.get(option.id) if option and option.id else None

    def _prompt(self, item: EvidenceItem) -> Text:
        words = item.quote.text.strip()
        _, end = window(len(words), QUOTE_ROW_SHOWN)
        out = Text()
        if item.quote.id in self._cited:
            out.append(CITED_BADGE, _CITED_STYLE)
            out.append(" ")
        if end < len(words):  # a row is a few lines; enter shows the rest in the source view
            out.append_text(plain(f"“{words[:end]}"))
            out.append("\n  ")
            out.append_text(more(len(words) - end, "enter shows the whole quote in its source"))
        else:
            out.append_text(plain(f"“{words}”"))
        out.append("\n  ")
        out.append_text(plain(item.source.outlet, "bold"))
        if item.source.published:
            out.append(f" · {item.source.published.human()}", "dim")
        out.append(" · ", "dim")
        out.append_text(
            check_label(self._anchors.get(item.quote.id), item.source, checking=self._checking)
        )
        out.append_text(plain(f"  {item.quote.id}", "dim"))
        if self._sides and self._corpus is not None:
            anchor = self._anchors.get(item.quote.id)
            disagreements = disagreements_of(item.quote, anchor, self._sides, self._corpus)
            if disagreements is not None:
                out.append("\n  ")
                out.append_text(disagreements)
        if note := item.link.note:
            _, end = window(len(note), QUOTE_ROW_SHOWN)
            out.append("\n  ")
            out.append_text(plain(note[:end], "italic dim"))
            if end < len(note):
                out.append_text(more(len(note) - end, "the rest is in the claims file"))
        return out

    def action_stance(self, stance: str) -> None:
        item = self.selected_item
        if item is not None:
            self.post_message(self.StanceChosen(item, Stance(stance)))

    def action_unlink(self) -> None:
        item = self.selected_item
        if item is not None:
            self.post_message(self.UnlinkChosen(item))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id in self._items:
            self.post_message(self.Open(self._items[event.option.id]))
