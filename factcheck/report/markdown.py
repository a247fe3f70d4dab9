"""The Markdown report: reads as plain text and renders on a code-hosting site."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from factcheck.report import escaping
from factcheck.report.model import ClaimEntry, Report, SourceRef
from factcheck.report.templating import template
from factcheck.report.view import ReportView


def render_markdown(report: Report, custom_template: Path | None = None) -> str:
    view = ReportView(report)
    seen: dict[str, int] = {}
    slugs = {claim.id: escaping.github_slug(claim.id, seen) for claim in report.claims}
    citations = _Citations()
    text = template("report.md.j2", html=False, custom=custom_template).render(
        **view.template_context(),
        slugs=slugs,
        cite=citations.cite,
        evidence=lambda claim: evidence(view, citations.cite, claim),
    )
    # Blank lines are written generously in the template, where the conditional blocks make
    # them hard to count; Markdown needs only one between blocks.
    # str.replace until no run of three is left: the same as re.sub(r"\n{3,}", "\n\n"), and
    # several times faster over the megabytes of a large report.
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"


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
                f"— {cite(item.source)} · quote {item.verification}\n"
                + (f"\n{escaping.md_block(note)}\n" if note else "")
                + "\n"
            )
    return "".join(parts)


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
