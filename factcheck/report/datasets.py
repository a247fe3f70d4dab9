"""Research datasets: the report's claims as FEVER and AVeriTeC records.

Only claims with a published verdict are written: a pending or disputed claim has no label, and
guessing one would put our doubt into someone's training data.

Mapping from our scale. The scale's numeric positions (higher is truer) are cut in three equal
bands between the worst and the best, so a house scale maps as the default one does:

| our verdict (default scale)  | position | FEVER           | AVeriTeC                           |
|------------------------------|----------|-----------------|------------------------------------|
| True, Mostly true            | 6, 5     | SUPPORTS        | Supported                          |
| Half true, Misleading        | 4, 3     | NOT ENOUGH INFO | Conflicting Evidence/Cherrypicking |
| Mostly false, False          | 2, 1     | REFUTES         | Refuted                            |
| Unproven (and any off-scale) | none     | NOT ENOUGH INFO | Not Enough Evidence                |

A band is: top third (position >= worst + 2/3 of the range), bottom third (<= worst + 1/3),
the middle between. FEVER has no label for a half-truth; AVeriTeC's "Conflicting
Evidence/Cherrypicking" is one.

FEVER (JSON Lines, one claim a line): `id` (our claim id), `claim`, `label`, `verdict` (ours),
and `evidence`: the quotes whose stance agrees with the label (supports for SUPPORTS, contradicts
for REFUTES), each as a sentence with its quote id, source id and url. FEVER wants evidence for
SUPPORTS and REFUTES, so a verdict in those bands with no quote of that stance is written NOT
ENOUGH INFO, with empty evidence, as is every NOT ENOUGH INFO record.

AVeriTeC (one JSON array, as its dev set is): `claim`, `speaker` (the claimant), `claim_date`
(DD-MM-YYYY as AVeriTeC writes it when the day is known, else our ISO date as precise as known),
`label`, `justification` (the published rationale), `original_claim_url`, `reporting_source`,
`fact_checking_article` (the fact check's url), and `questions`: one question-answer pair per
evidence link that has a note: the note is the question, the quote the extractive answer with
its source url. Links without a note are left out there: a question cannot be made up.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from enum import StrEnum

from factcheck.report.model import ClaimEntry, EvidenceEntry, Report
from factcheck.report.streaming import chunked


class Band(StrEnum):
    """Where a verdict sits on the scale, in three bands, or off it."""

    TRUE = "true"
    MIDDLE = "middle"
    FALSE = "false"
    OFF_SCALE = "off scale"


FEVER_LABELS = {
    Band.TRUE: "SUPPORTS",
    Band.MIDDLE: "NOT ENOUGH INFO",
    Band.FALSE: "REFUTES",
    Band.OFF_SCALE: "NOT ENOUGH INFO",
}
AVERITEC_LABELS = {
    Band.TRUE: "Supported",
    Band.MIDDLE: "Conflicting Evidence/Cherrypicking",
    Band.FALSE: "Refuted",
    Band.OFF_SCALE: "Not Enough Evidence",
}
_AGREEING_STANCE = {"SUPPORTS": "supports", "REFUTES": "contradicts"}


def band(report: Report, verdict: str) -> Band:
    """The band of `verdict` on the report's scale (see the module's mapping)."""
    entry = report.scale_entry(verdict)
    best, worst = report.best_position, report.worst_position
    if entry is None or entry.position is None or best is None or worst is None:
        return Band.OFF_SCALE
    if best == worst:
        return Band.TRUE
    third = (best - worst) / 3
    if entry.position >= worst + 2 * third:
        return Band.TRUE
    if entry.position <= worst + third:
        return Band.FALSE
    return Band.MIDDLE


def _labelled(report: Report) -> Iterator[tuple[ClaimEntry, str, Band]]:
    for claim in report.claims:
        verdict = claim.resolved.verdict
        if verdict is not None:
            yield claim, verdict, band(report, verdict)


def fever_record(claim: ClaimEntry, verdict: str, claim_band: Band) -> dict[str, object]:
    label = FEVER_LABELS[claim_band]
    stance = _AGREEING_STANCE.get(label)
    evidence = [_sentence(item) for item in claim.evidence if item.stance == stance]
    if stance is not None and not evidence:
        label = "NOT ENOUGH INFO"
    return {
        "id": claim.id,
        "claim": claim.text,
        "label": label,
        "verdict": verdict,
        "evidence": evidence,
    }


def _sentence(item: EvidenceEntry) -> dict[str, object]:
    return {
        "sentence": item.quote,
        "quote_id": item.quote_id,
        "source_id": item.source.id,
        "url": item.source.url,
    }


def stream_fever(report: Report) -> Iterator[str]:
    """FEVER-style JSON Lines, one rated claim a line (see the module's docstring)."""
    return chunked(
        json.dumps(fever_record(*labelled), ensure_ascii=False) + "\n"
        for labelled in _labelled(report)
    )


def averitec_record(claim: ClaimEntry, verdict: str, claim_band: Band) -> dict[str, object]:
    return {
        "claim_id": claim.id,
        "claim": claim.text,
        "speaker": claim.claimant,
        "claim_date": _averitec_date(claim.date),
        "label": AVERITEC_LABELS[claim_band],
        "verdict": verdict,
        "justification": claim.resolved.rationale,
        "original_claim_url": claim.source.url if claim.source is not None else None,
        "reporting_source": claim.source.outlet if claim.source is not None else None,
        "fact_checking_article": claim.url,
        "questions": [
            {
                "question": item.note,
                "answers": [
                    {
                        "answer": item.quote,
                        "answer_type": "Extractive",
                        "source_url": item.source.url,
                        "source_medium": "Web text",
                    }
                ],
            }
            for item in claim.evidence
            if item.note
        ],
    }


def _averitec_date(iso: str | None) -> str | None:
    if iso is None or len(iso) != len("YYYY-MM-DD"):
        return iso
    year, month, day = iso.split("-")
    return f"{day}-{month}-{year}"


def stream_averitec(report: Report) -> Iterator[str]:
    """An AVeriTeC-style JSON array of the rated claims (see the module's docstring)."""
    return chunked(_averitec_pieces(report))


def _averitec_pieces(report: Report) -> Iterator[str]:
    separator = "[\n"
    for labelled in _labelled(report):
        record = json.dumps(averitec_record(*labelled), ensure_ascii=False, indent=2)
        yield separator + "  " + record.replace("\n", "\n  ")
        separator = ",\n"
    yield "[]\n" if separator == "[\n" else "\n]\n"
