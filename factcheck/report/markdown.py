"""The Markdown report: reads as plain text and renders on a code-hosting site."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from factcheck.corpus.conflicts import counted_phrase
from factcheck.report import escaping
from factcheck.report.model import ClaimEntry, FiguresDisagree, Report, SourceRef
from factcheck.report.streaming import chunked, squeezed
from factcheck.report.templating import template
from factcheck.report.view import ReportView, cited_text


def stream_markdown(report: Report, custom_template: Path | None = None) -> Iterator[str]:
    """The Markdown report, in chunks, claim by claim (see factcheck.report.streaming)."""
    view = ReportView(report)
    # The anchors of the summary table's links, made before the first claim's section: a
    # claim's slug depends on the claims before it with the same id-derived slug.
    seen: dict[str, int] = {}
    slugs = {claim_id: escaping.github_slug(claim_id, seen) for claim_id in report.claim_ids()}
    citations = _Citations()
    pieces = template("report.md.j2", html=False, custom=custom_template).generate(
        **view.template_context(),
        slugs=slugs,
        cite=citations.cite,
        evidence=lambda claim: evidence(view, citations.cite, claim),
    )
    # Blank lines are written generously in the template, where the conditional blocks make
    # them hard to count; Markdown needs only one between blocks.
    return squeezed(chunked(pieces))


def evidence(view: ReportView, cite: Callable[[SourceRef], str], claim: ClaimEntry) -> str:
    """The claim's evidence by stance: each quote as a blockquote, its citation, its note.

    Made here rather than in the template: at 60,000 quotes, template output was most of the
    time of a large report, and plain string joins are several times faster."""
    groups = view.evidence_groups(claim)
    if not groups:
        return "No evidence cited.\n\n"
    parts: list[str] = []
    for heading, items in groups:
        parts.append(f"#### {heading}\n\n")
        for item in items:
            note = item.note or item.quote_note
            parts.append(
                f"{escaping.md_quote(item.quote)}\n\n"
                f"— {cite(item.source)} · quote {item.verification}"
                + (f" · **{cited_text(item)}**" if item.cited else "")
                + "\n"
                + (f"\n{escaping.md_block(note)}\n" if note else "")
                + "".join(_disagreement(conflict) for conflict in item.conflicts)
                + "\n"
            )
    return "".join(parts)


def _disagreement(conflict: FiguresDisagree) -> str:
    """'**Figures disagree** (people killed; military hospital, Kabul, November 2021): this
    source says “Nineteen”; RFE/RL (rferl-2022-05) says “at least 20”: “In November, ...”'."""
    other = conflict.other
    return (
        f"\n**Figures disagree** ({escaping.md_inline(counted_phrase(conflict))}; "
        f"{escaping.md_inline(conflict.event)}): this source says "
        f"“{escaping.md_inline(conflict.this.figure)}”; {escaping.md_inline(other.source.outlet)} "
        f"({escaping.md_inline(other.source.id)}) says "
        f"“{escaping.md_inline(other.figure)}”: “{escaping.md_inline(other.passage)}”\n"
    )


class _Citations:
    """Citations by source: a source is cited by many quotes, and escaping is the slow part."""

    def __init__(self) -> None:
        self.done: dict[str, str] = {}

    def cite(self, source: SourceRef) -> str:
        text = self.done.get(source.id)
        if text is None:
            text = self.done[source.id] = cite(source)
        return text


def cite(source: SourceRef) -> str:
    """'[RFE/RL: A title](url), May 2022', all escaped; without a URL, no link."""
    label = f"{escaping.md_inline(source.outlet)}: {escaping.md_inline(source.title)}"
    url = escaping.md_url(source.url)
    text = f"[{label}]({url})" if url else label
    return f"{text}, {escaping.md_inline(source.published_human)}" if source.published else text
