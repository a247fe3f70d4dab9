"""The selected claim: its words, who said them, when and where; and this reviewer's rating."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from factcheck.app.long_text import CLAIM_SHOWN, more, window
from factcheck.app.text import one_line, plain
from factcheck.corpus.model import Claim, Corpus
from factcheck.corpus.problems import Problem, Severity
from factcheck.corpus.scale import Scale
from factcheck.reviews import Review
from factcheck.reviews.citations import CitationWarning
from factcheck.reviews.workflow import ClaimWorkflow, State


def verdict_badge(label: str, scale: Scale) -> Text:
    verdict = scale.by_label(label)
    colour = verdict.colour if verdict else "grey50"
    return Text(f" {label} ", style=Style(color="white", bgcolor=colour, bold=True))


class _SizedStatic(Static):
    def show_text(self, text: Text) -> None:
        """Update without a screen layout when the new text takes as many lines as the old:
        at 10,000 claims the layout is most of the time a key press takes."""
        width = self.content_region.width or self.size.width
        lines = len(text.wrap(self.app.console, width)) if width else -1
        self.update(text, layout=lines != self.size.height or lines < 0)


class ClaimDetail(_SizedStatic):
    """What the claim says, who said it, when and where, and who reported it. A claim longer
    than `CLAIM_SHOWN` characters is cut there until `show_whole` (key m, more)."""

    shown: Claim | None = None
    """The claim on display."""
    whole: str | None = None
    """The id of the claim shown whole, however long, until another is shown."""

    def show(self, corpus: Corpus, claim: Claim | None) -> None:
        self.shown = claim
        if claim is None or claim.id != self.whole:
            self.whole = None  # cut again once another claim was shown
        if claim is None:
            self.update(Text("No claim matches.", style="italic"))
            return
        self.show_text(self._render_claim(corpus, claim))

    def show_whole(self, corpus: Corpus) -> bool:
        """Show all of the claim on display; False when none of it was cut."""
        claim = self.shown
        if claim is None or len(claim.text.strip()) <= CLAIM_SHOWN or self.whole == claim.id:
            return False
        self.whole = claim.id
        self.show_text(self._render_claim(corpus, claim))
        return True

    def show_nothing_loaded(self, problems: list[Problem]) -> None:
        """The corpus has no claim at all: say why, and what to do, where the claim would be."""
        self.shown = None
        self.update(nothing_loaded(problems))

    def _render_claim(self, corpus: Corpus, claim: Claim) -> Text:
        # The id heads the pane: the claim list gives its room to the claim's words.
        out = Text()
        out.append_text(one_line(claim.id, "bold"))
        out.append(" · ", "dim")
        out.append_text(one_line(claim.kind, "dim"))
        out.append("\n")
        words = claim.text.strip()
        _, end = (0, len(words)) if self.whole == claim.id else window(len(words), CLAIM_SHOWN)
        if end < len(words):
            out.append_text(plain(f"“{words[:end]}", "bold"))
            out.append("\n")
            out.append_text(more(len(words) - end, "press m to show all"))
        else:
            out.append_text(plain(f"“{words}”", "bold"))
        out.append("\n")
        out.append_text(plain(claim.claimant, "bold cyan"))
        if claim.role:
            out.append(" — ")
            out.append_text(plain(claim.role, "italic"))
        when_where = [str(claim.date.human()) if claim.date else "", claim.venue or ""]
        if any(when_where):
            out.append("\n")
            out.append_text(plain(" · ".join(part for part in when_where if part), "dim"))
        source = corpus.sources.get(claim.source_id) if claim.source_id else None
        if source is not None:
            out.append("\nReported by ", "dim")
            out.append_text(plain(source.outlet))
            out.append(": ", "dim")
            out.append_text(plain(source.title, "italic"))
            if source.published:
                out.append(f" ({source.published.human()})", "dim")
        if claim.tags:
            out.append("\ntags: ", "dim")
            out.append_text(plain(", ".join(claim.tags), "dim"))
        return out


def nothing_loaded(problems: list[Problem]) -> Text:
    """'No claims could be loaded: claims/security.yaml:3:5: …; fix …', or, with no error, how
    to add the first claim."""
    errors = sorted((p for p in problems if p.severity is Severity.ERROR), key=Problem.sort_key)
    out = Text()
    if not errors:
        out.append("This corpus has no claims yet.", "bold")
        out.append(
            "\nAdd them to a YAML file in claims/ (see the README); the app reloads when it "
            "changes."
        )
        return out
    out.append("No claims could be loaded: ", "bold red")
    out.append_text(plain(f"{errors[0].location}: {errors[0].message}"))
    if len(errors) > 1:
        out.append(f" (and {len(errors) - 1} more error{'s' * (len(errors) > 2)}, listed below)")
    out.append(
        "\nFix the file (`factcheck check` lists every problem); the app reloads when it changes."
    )
    return out


class RatingBar(_SizedStatic):
    """This reviewer's verdict on the claim, the quotes it cites, where the two disagree, and
    the note, kept in view below the claim."""

    def show(
        self,
        scale: Scale,
        review: Review | None,
        stale: bool,
        warnings: list[CitationWarning] | None = None,
        workflow: ClaimWorkflow | None = None,
    ) -> None:
        text = self._rating(scale, review, stale, warnings or [])
        if workflow is not None and worth_showing(workflow):
            text.append("\n")
            text.append_text(workflow_line(workflow))
        self.show_text(text)

    @staticmethod
    def _rating(
        scale: Scale, review: Review | None, stale: bool, warnings: list[CitationWarning]
    ) -> Text:
        out = Text()
        if review is None or review.verdict is None:
            keys = rate_keys(scale)
            out.append(f"Not rated yet: press {keys}" if keys else "No scale")
            out.stylize("italic")
        else:
            out.append("Verdict ")
            out.append_text(verdict_badge(review.verdict, scale))
            out.append(f"  {when(review.time)}", "dim")
            if stale:
                out.append("\n")
                out.append(" STALE ", Style(color="black", bgcolor="yellow", bold=True))
                out.append(
                    " rated on other evidence than today's: check it and rate again", "yellow"
                )
        if review is not None and review.cites:
            count = len(review.cites)
            out.append(f"\nCites {count} quote{'s' * (count != 1)}: ", "bold")
            out.append_text(plain(", ".join(review.cites)))
        for warning in warnings:
            out.append("\n⚠ ", "bold yellow")
            out.append_text(plain(warning.message, "yellow"))
        if review is not None and review.note:
            out.append("\nNote: ", "bold")
            out.append_text(plain(review.note))
        return out


def worth_showing(workflow: ClaimWorkflow) -> bool:
    """Whether the workflow says more than the verdict shown: a desk that assigns no one and
    signs nothing off sees the rating bar as it was."""
    return bool(
        workflow.assigned
        or workflow.sent_back
        or workflow.state in (State.SET_ASIDE, State.SIGNED_OFF, State.PUBLISHED)
    )


def workflow_line(workflow: ClaimWorkflow) -> Text:
    """Where the claim stands: its state, who is assigned, and an editor's send-back comment or
    the reason it was set aside (words from the files, shown as text)."""
    out = Text()
    out.append("State ", "dim")
    out.append(workflow.state.value, "bold")
    if workflow.assigned:
        out.append(" · assigned: ", "dim")
        out.append_text(plain(", ".join(workflow.assigned)))
    if workflow.sent_back is not None and workflow.sent_back_by is not None:
        out.append("\nSent back by ", "bold yellow")
        out.append_text(plain(workflow.sent_back_by, "bold yellow"))
        out.append(": ", "bold yellow")
        out.append_text(plain(workflow.sent_back.comment))
    if workflow.set_aside_by is not None:
        out.append("\nSet aside by ", "bold")
        out.append_text(plain(workflow.set_aside_by, "bold"))
        out.append(": ", "bold")
        out.append_text(plain(workflow.set_aside_reason))
    if workflow.corrections:
        count = len(workflow.corrections)
        out.append(f"\nCorrected {count} time{'s' * (count > 1)} since published", "dim")
    return out


def rate_keys(scale: Scale) -> str:
    """The keys that rate on this scale: '1-7' for the default one, '1,2,5' for a scale with
    gaps; '' for none."""
    keys = sorted(verdict.key for verdict in scale)
    if len(keys) > 2 and keys == list(range(keys[0], keys[-1] + 1)):
        return f"{keys[0]}-{keys[-1]}"
    return ",".join(str(key) for key in keys)


def when(iso_time: str) -> str:
    """'2026-01-02T03:04:05+00:00' -> '2026-01-02 03:04 UTC'; anything else as it is."""
    if len(iso_time) >= 16 and iso_time.endswith("+00:00"):
        return f"{iso_time[:10]} {iso_time[11:16]} UTC"
    return iso_time
