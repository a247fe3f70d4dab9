"""`factcheck stats` as text: a table a person reads in a terminal or pastes into a chat."""

from __future__ import annotations

from factcheck.reviews.agreement import AgreementReport


def _figure(value: float | None, digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def render_stats(report: AgreementReport, *, title: str, claims: int) -> str:
    lines = [f"{title}: {claims:,} claims", ""]
    if not report.reviewers:
        lines.append("No reviews yet: rate claims with `factcheck review`.")
        return "\n".join(lines) + "\n"
    width = max(8, *(len(r.reviewer) for r in report.reviewers))
    lines.append(f"{'reviewer':<{width}}  {'rated':>6}  {'stale':>6}  {'pending':>7}  verdicts")
    for row in report.reviewers:
        verdicts = ", ".join(f"{label} {n}" for label, n in row.verdicts.items()) or "-"
        lines.append(
            f"{row.reviewer:<{width}}  {row.rated:>6}  {row.stale:>6}  {row.pending:>7}  {verdicts}"
        )
    lines.append("")
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
            f"  {pair.first} and {pair.second}: agree on {pair.agreed} of {pair.claims} "
            f"({_figure(pair.percent, 1)}%)"
        )
    if report.unknown_verdicts:
        lines.append(
            "  left out, not on the scale: " + ", ".join(repr(v) for v in report.unknown_verdicts)
        )
    lines.append("")
    if not report.disputes:
        lines.append("No disputes: every claim rated by several reviewers has one verdict.")
    else:
        lines.append(f"In dispute ({len(report.disputes)}), worst first:")
        id_width = max(len(d.claim_id) for d in report.disputes)
        for dispute in report.disputes:
            votes = "; ".join(f"{who}: {label}" for who, label in dispute.verdicts.items())
            lines.append(f"  {dispute.claim_id:<{id_width}}  spread {dispute.spread}  {votes}")
    return "\n".join(lines) + "\n"
