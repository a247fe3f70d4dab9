"""The HTML report: one self-contained page (no scripts, no external fetches), printable."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from factcheck.corpus.conflicts import counted_phrase
from factcheck.report.escaping import css_colour, safe_url, text_colour_on
from factcheck.report.model import ClaimEntry, FiguresDisagree, Report, SourceRef
from factcheck.report.streaming import chunked
from factcheck.report.templating import template
from factcheck.report.view import ReportView, cited_text

CHART_WIDTH = 640
BAR_HEIGHT = 22
BAR_GAP = 8
LABEL_WIDTH = 130
"""Room for the verdict labels left of the bars, in SVG units."""


@dataclass(frozen=True, slots=True)
class ChartBar:
    label: str
    count: int
    colour: str
    y: int
    width: float


@dataclass(frozen=True, slots=True)
class Chart:
    bars: list[ChartBar]
    width: int
    height: int
    label_width: int
    bar_height: int


def verdict_chart(report: Report) -> Chart:
    """A horizontal bar per verdict with claims (every scale verdict stays, so scales compare)."""
    counts = [c for c in report.counts if c.count or c.verdict not in {"disputed", "pending"}]
    most = max((c.count for c in counts), default=0) or 1
    room = CHART_WIDTH - LABEL_WIDTH - 60  # and room for the count right of the longest bar
    bars = [
        ChartBar(c.verdict, c.count, c.colour, i * (BAR_HEIGHT + BAR_GAP), room * c.count / most)
        for i, c in enumerate(counts)
    ]
    height = max(len(bars) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP, BAR_HEIGHT)
    return Chart(bars, CHART_WIDTH, height, LABEL_WIDTH, BAR_HEIGHT)


def stream_html(report: Report, custom_template: Path | None = None) -> Iterator[str]:
    """The HTML page, in chunks, claim by claim (see factcheck.report.streaming)."""
    view = ReportView(report)
    fragments = _Fragments(view)
    pieces = template("report.html.j2", html=True, custom=custom_template).generate(
        **view.template_context(),
        chart=verdict_chart(report),
        verdict_colour=view.verdict_colour,
        evidence=fragments.evidence,
        badge=fragments.badge,
        cite=fragments.cite,
        colour_of=view.label_colour,
        verdict_badge=fragments.verdict_badge,
        label_badge=fragments.label_badge,
    )
    return chunked(pieces)


class _Fragments:
    """Small pieces of markup that repeat thousands of times, made once each (escaped here,
    as the template would)."""

    def __init__(self, view: ReportView) -> None:
        self.view = view
        self.badges: dict[tuple[str, str], Markup] = {}
        self.citations: dict[str, Markup] = {}

    def badge(self, text: str, colour: str) -> Markup:
        made = self.badges.get((text, colour))
        if made is None:
            made = self.badges[text, colour] = Markup(
                '<span class="badge" style="background:{};color:{}">{}</span>'
            ).format(css_colour(colour), text_colour_on(colour), text)
        return made

    def verdict_badge(self, claim: ClaimEntry) -> Markup:
        """The claim's published verdict (or Disputed, Pending) as a badge: one call from the
        template instead of three, twice per claim."""
        view = self.view
        return self.badge(view.verdict_text(claim), view.verdict_colour(claim))

    def label_badge(self, label: str) -> Markup:
        """A verdict label of a review as a badge in the scale's colour."""
        return self.badge(label, self.view.label_colour(label))

    def cite(self, source: SourceRef) -> Markup:
        made = self.citations.get(source.id)
        if made is None:
            made = self.citations[source.id] = _citation(source)
        return made

    def evidence(self, claim: ClaimEntry) -> Markup:
        """The claim's evidence, grouped by stance: a figure per quote, with its citation.

        Made here rather than in the template: 60,000 figures of a dozen escaped fields each
        were most of the time of a large report, and plain string joins are several times
        faster than template output (the markup is the same, byte for byte)."""
        groups = self.view.evidence_groups(claim)
        if not groups:
            return _NO_EVIDENCE
        cite = self.cite
        parts: list[str] = []
        for heading, items in groups:
            parts.append(f"<h4>{heading}</h4>\n")
            for item in items:
                url = safe_url(item.source.url)
                cited = f' cite="{_escape(url)}"' if url else ""
                status = _escape(item.verification)
                note = item.note or item.quote_note
                marked = (
                    f' · <strong class="cited">{_escape(cited_text(item))}</strong>'
                    if item.cited
                    else ""
                )
                parts.append(
                    f'<figure class="stance-{_escape(item.stance)}'
                    + (' cited">\n' if item.cited else '">\n')
                    + f"<blockquote{cited}><p>{_escape(item.quote)}</p></blockquote>\n"
                    f"<figcaption>— {cite(item.source)} · "
                    f'<span class="status status-{status.replace(" ", "-")}">quote {status}'
                    f"</span>{marked}\n"
                    + (f'<p class="note">{_escape(note)}</p>' if note else "")
                    + "".join(self.disagreement(conflict) for conflict in item.conflicts)
                    + "</figcaption>\n</figure>\n"
                )
        return Markup("".join(parts))

    def disagreement(self, conflict: FiguresDisagree) -> str:
        """Another source's figure for the same count of the same event, which this quote's
        passage contradicts."""
        other = conflict.other
        return (
            f'<p class="conflict"><strong>Figures disagree</strong> '
            f"({_escape(counted_phrase(conflict))}; "
            f"{_escape(conflict.event)}): this source says “{_escape(conflict.this.figure)}”; "
            f"{_escape(other.source.outlet)} ({_escape(other.source.id)}) says "
            f"“{_escape(other.figure)}”: "
            f"<q>{_escape(other.passage)}</q></p>"
        )


_NO_EVIDENCE = Markup('<p class="meta">No evidence cited.</p>\n')


def _escape(text: str) -> str:
    """markupsafe's escapes, for strings joined outside the template (str.replace in C is
    several times faster than str.translate with a table, or than making Markup objects)."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("'", "&#39;")
        .replace('"', "&#34;")
    )


def _citation(source: SourceRef) -> Markup:
    # f-strings with _escape, not Markup.format: 2,000 sources x 3 formats showed in profiles.
    url = safe_url(source.url)
    title = _escape(source.title)
    if url:
        title = f'<a href="{_escape(url)}">{title}</a>'
    text = f"<cite>{_escape(source.outlet)}, {title}"
    if source.published_human:
        text += (
            f', <time datetime="{_escape(str(source.published))}">'
            f"{_escape(source.published_human)}</time>"
        )
    return Markup(text + "</cite>")
