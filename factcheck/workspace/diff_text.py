"""`factcheck diff` as text: one section per kind of change, only those with changes. The caller
shows it through `visible` (ids, names and notes come from the files), and says the warnings on
stderr."""

from __future__ import annotations

from factcheck.workspace.corpus_diff import CorpusDiff, ReviewChange

NONE = "(none)"


def _ids(title: str, ids: list[str]) -> list[str]:
    return [f"{title} ({len(ids)}): {', '.join(ids)}"] if ids else []


def _verdict_lines(changes: list[ReviewChange]) -> list[str]:
    if not changes:
        return []
    width = max(len(change.claim_id) for change in changes)
    lines = [f"Verdicts ({len(changes)}):"]
    for change in changes:
        lines.append(
            f"  {change.claim_id:<{width}}  {change.reviewer}: "
            f"{change.before or NONE} -> {change.after or NONE}"
        )
    return lines


def _note_lines(changes: list[ReviewChange]) -> list[str]:
    if not changes:
        return []
    lines = [f"Notes ({len(changes)}):"]
    for change in changes:
        lines.append(f"  {change.claim_id}  {change.reviewer}:")
        for sign, note in (("-", change.before), ("+", change.after)):
            if note is not None:
                lines += [f"    {sign} {line}" for line in note.splitlines()]
    return lines


def render_diff(diff: CorpusDiff, heading: str) -> str:
    lines = [heading, ""]
    if diff.empty:
        lines.append("No changes to claims, evidence, quotes' status, verdicts or notes.")
    lines += _verdict_lines(diff.verdicts)
    lines += _note_lines(diff.notes)
    lines += _ids("Claims added", diff.claims_added)
    lines += _ids("Claims removed", diff.claims_removed)
    lines += _ids("Claims reworded", diff.claims_reworded)
    lines += _ids("Sources added", diff.sources_added)
    lines += _ids("Sources removed", diff.sources_removed)
    lines += _ids("Quotes added", diff.quotes_added)
    lines += _ids("Quotes removed", diff.quotes_removed)
    if diff.links:
        lines.append(f"Evidence links ({len(diff.links)}):")
        for link in diff.links:
            if link.before is None:
                lines.append(f"  {link.claim_id}: + {link.quote_id} ({link.after})")
            elif link.after is None:
                lines.append(f"  {link.claim_id}: - {link.quote_id} ({link.before})")
            else:
                lines.append(f"  {link.claim_id}: {link.quote_id} {link.before} -> {link.after}")
    if diff.statuses:
        lines.append(f"Quotes whose status changed ({len(diff.statuses)}):")
        width = max(len(change.quote_id) for change in diff.statuses)
        lines += [
            f"  {change.quote_id:<{width}}  {change.before} -> {change.after}"
            for change in diff.statuses
        ]
    return "\n".join(lines) + "\n"
