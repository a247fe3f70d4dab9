"""`factcheck stats` as text: a table a person reads in a terminal or pastes into a chat."""

from __future__ import annotations

from factcheck.corpus.terminal_text import visible
from factcheck.reviews.agreement import AgreementReport, Dispute, ReviewerProgress
from factcheck.reviews.workflow import WorkflowSummary

# Names, verdicts and ids come from review files and the corpus: each is made visible before the
# table is padded to it, so a control character shown as a sign several characters wide does not
# push its row out of line, and nothing in it reaches the terminal raw.


def _figure(value: float | None, digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def _progress_table(rows: list[ReviewerProgress], width: int) -> list[str]:
    """Reviewers with their pending work; editors, who rule rather than rate every claim, with
    the disputes they settled instead."""
    editors = rows[0].editor
    heading = "editor" if editors else "reviewer"
    last = "settled" if editors else "pending"
    lines = [f"{heading:<{width}}  {'rated':>6}  {'stale':>6}  {last:>7}  verdicts"]
    for row in rows:
        verdicts = ", ".join(f"{visible(label)} {n}" for label, n in row.verdicts.items()) or "-"
        count = row.settled if editors else row.pending
        lines.append(
            f"{visible(row.reviewer):<{width}}  {row.rated:>6}  {row.stale:>6}  {count:>7}  "
            f"{verdicts}"
        )
    return lines


def _spread(dispute: Dispute) -> str:
    if dispute.spread is None:
        return "no numeric spread (off-scale verdict)"
    if dispute.off_scale:
        return f"spread {dispute.spread} and an off-scale verdict"
    return f"spread {dispute.spread}"


def _dispute_lines(disputes: list[Dispute]) -> list[str]:
    id_width = max(len(visible(d.claim_id)) for d in disputes)
    lines = []
    for dispute in disputes:
        votes = "; ".join(
            f"{visible(who)}: {visible(label)}" for who, label in dispute.verdicts.items()
        )
        line = f"  {visible(dispute.claim_id):<{id_width}}  "
        if dispute.settled_by is not None:
            line += (
                f"{visible(dispute.settled_by)}: {visible(dispute.final_verdict or '')}  "
                f"(reviewers: {votes})"
            )
        else:
            line += f"{_spread(dispute)}  {votes}"
        lines.append(line)
    return lines


def _workflow_lines(summary: WorkflowSummary) -> list[str]:
    states = ", ".join(f"{state.value} {n}" for state, n in summary.states.items() if n)
    lines = [f"Workflow: {states}"]
    if summary.queues:
        width = max(8, *(len(visible(q.reviewer)) for q in summary.queues))
        lines.append(f"{'queue':<{width}}  {'assigned':>8}  {'waiting':>7}")
        lines += [
            f"{visible(q.reviewer):<{width}}  {q.assigned:>8}  {q.waiting:>7}"
            for q in summary.queues
        ]
    return [*lines, ""]


def render_stats(
    report: AgreementReport,
    *,
    title: str,
    claims: int,
    workflow: WorkflowSummary | None = None,
) -> str:
    lines = [f"{visible(title)}: {claims:,} claims", ""]
    if workflow is not None:
        lines += _workflow_lines(workflow)
    if not report.reviewers:
        lines.append("No reviews yet: rate claims with `factcheck review`.")
        return "\n".join(lines) + "\n"
    width = max(8, *(len(visible(r.reviewer)) for r in report.reviewers))
    reviewers = [row for row in report.reviewers if not row.editor]
    editors = [row for row in report.reviewers if row.editor]
    for rows in (reviewers, editors):
        if rows:
            lines += [*_progress_table(rows, width), ""]
    several = report.claims_rated_by_several
    if several == 0:
        lines.append("Agreement: no claim has been rated by two reviewers yet.")
        return "\n".join(lines) + "\n"
    lines.append(f"Agreement on {several:,} claims rated by two or more reviewers:")
    lines.append(
        f"  Krippendorff's alpha, ordinal: {_figure(report.alpha_ordinal)}"
        f"  (off-scale verdicts such as Unproven left out: {report.off_scale})"
    )
    lines.append(
        f"  Krippendorff's alpha, nominal: {_figure(report.alpha_nominal)}"
        "  (every verdict a category, Unproven included)"
    )
    lines.append(f"  percent agreement, overall:   {_figure(report.percent_agreement, 1)}%")
    for pair in report.pairs:
        lines.append(
            f"  {visible(pair.first)} and {visible(pair.second)}: agree on {pair.agreed} of "
            f"{pair.claims} "
            f"({_figure(pair.percent, 1)}%)"
        )
    if report.unknown_verdicts:
        lines.append(
            "  left out, not on the scale: " + ", ".join(repr(v) for v in report.unknown_verdicts)
        )
    lines.append("")
    if report.disputes:
        lines.append(f"In dispute ({len(report.disputes)}), worst first:")
        lines += _dispute_lines(report.disputes)
    elif report.settled:
        lines.append(
            "No open disputes: an editor has ruled on every claim the reviewers differ on."
        )
    else:
        lines.append("No disputes: every claim rated by several reviewers has one verdict.")
    if report.settled:
        lines += ["", f"Settled by an editor ({len(report.settled)}):"]
        lines += _dispute_lines(report.settled)
    return "\n".join(lines) + "\n"
