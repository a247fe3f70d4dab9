"""schema.org ClaimReview JSON-LD, for search engines' fact-check markup.

One item per claim with a verdict to publish (an editor's final verdict, or the reviewers'
unanimous one), each a complete JSON-LD document with its own @context, because each
belongs on its own page (the claim's `url`). Disputed and pending claims have no verdict to
publish and are left out; `publishing_notices` says so, and says when the markup cannot be
published yet (no publication_url: the items then have no `url`, the one required field we
cannot make up, so a validator flags them rather than pointing search engines at a wrong page).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pydantic_core import to_json

from factcheck.report.escaping import safe_url
from factcheck.report.model import ClaimEntry, Report, SourceRef, Status
from factcheck.report.streaming import chunked

SUMMARY_LIMIT = 75
"""Google's advice for claimReviewed: under 75 characters, so it does not wrap on a phone."""

# The corpus says who made a claim but not whether that is a person; these words in a
# claimant's name mean a body ("Taliban authorities", "Interior Ministry", "Soufan Centre").
_ORGANISATION_WORDS = re.compile(
    r"\b(authorit(y|ies)|government|ministry|ministries|department|office|agency|council|"
    r"committee|party|army|forces|police|commission|administration|centre|center|institute|"
    r"group|network|organi[sz]ation|association|union|company|corporation|inc|ltd|"
    r"foundation|university|embassy|spokespeople)\b",
    re.IGNORECASE,
)


# Publishers paste these items into <script type="application/ld+json">, where a "</script>" in
# a rationale would end the script; JSON's \u escapes keep the same strings without the markup.
_HTML_SENSITIVE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"))


def stream_claimreview(report: Report) -> Iterator[str]:
    """A JSON array of the items, in chunks, item by item (see factcheck.report.streaming)."""
    return chunked(_html_safe(piece) for piece in _array_pieces(report))


def _array_pieces(report: Report) -> Iterator[str]:
    # pydantic-core writes the same text as json.dumps(indent=2, ensure_ascii=False), 5x faster
    # (json.dumps falls back to pure Python when it indents). Each item is written alone and
    # indented to its place in the array, which gives the text of the whole array written
    # at once (JSON strings hold no raw line end).
    separator = "[\n  "
    for claim in publishable_claims(report):
        yield separator + to_json(_item(report, claim), indent=2).decode("utf-8").replace(
            "\n", "\n  "
        )
        separator = ",\n  "
    yield "[]\n" if separator == "[\n  " else "\n]\n"


def _html_safe(text: str) -> str:
    # Three str.replace calls: far faster than str.translate with a table.
    for char, escaped in _HTML_SENSITIVE:
        text = text.replace(char, escaped)
    return text


def claimreview_items(report: Report) -> list[dict[str, Any]]:
    return [_item(report, claim) for claim in publishable_claims(report)]


def publishable_claims(report: Report) -> Iterator[ClaimEntry]:
    """Claims with a verdict to publish: an editor's final one, or one the reviewers agree on
    (or the chosen reviewer's); never a disputed one."""
    return (claim for claim in report.claims if claim.resolved.status.has_verdict)


def claim_summary(text: str) -> str:
    """The claim in at most SUMMARY_LIMIT characters, cut at a word with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= SUMMARY_LIMIT:
        return flat
    cut = flat[: SUMMARY_LIMIT - 1]
    if flat[SUMMARY_LIMIT - 1] != " " and " " in cut:  # the cut is inside a word: drop it
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-–—") + "…"


def _item(report: Report, claim: ClaimEntry) -> dict[str, Any]:
    resolved = claim.resolved
    item: dict[str, Any] = {"@context": "https://schema.org", "@type": "ClaimReview"}
    if claim.url:
        item["url"] = claim.url
    item["claimReviewed"] = claim_summary(claim.text)
    if report.organisation:
        item["author"] = _drop_none(
            {
                "@type": "Organization",
                "name": report.organisation.name,
                "url": safe_url(report.organisation.url),
            }
        )
    published = claim.published or resolved.time
    if published:
        item["datePublished"] = published[:10]
    # The last change: a correction, or the verdict or rationale changed after publishing.
    changes = [t for t in (resolved.time, claim.published) if t]
    changes += [correction.date for correction in claim.corrections]
    if changes:
        item["dateModified"] = max(changes)[:10]
    item["reviewRating"] = _rating(report, resolved.verdict or "", resolved.rationale)
    item["itemReviewed"] = _claim(claim)
    if cited := _cited_sources(claim):
        item["citation"] = cited
    return item


def _cited_sources(claim: ClaimEntry) -> list[dict[str, Any]]:
    """The sources of the quotes the verdict rests on (schema.org's `citation` of a creative
    work), each once, in the order cited."""
    sources = {item.source.id: item.source for item in claim.evidence if item.cited}
    return [_creative_work(source) for source in sources.values()]


def _rating(report: Report, verdict: str, rationale: str) -> dict[str, Any]:
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": verdict}
    entry = report.scale_entry(verdict)
    best, worst = report.best_position, report.worst_position
    # A verdict off the numeric scale (Unproven) is published by its name alone.
    if entry is not None and entry.position is not None and best is not None:
        rating.update(ratingValue=entry.position, bestRating=best, worstRating=worst)
    if rationale.strip():
        rating["ratingExplanation"] = rationale.strip()
    return rating


def _claim(claim: ClaimEntry) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": "Claim", "author": claimant(claim.claimant, claim.role)}
    if claim.date:
        item["datePublished"] = claim.date
    if claim.source:
        # The reporting source, which is not necessarily where the claim first appeared.
        item["appearance"] = _creative_work(claim.source)
    return item


def claimant(name: str, role: str | None) -> dict[str, Any]:
    if _ORGANISATION_WORDS.search(name):
        return _drop_none({"@type": "Organization", "name": name, "description": role})
    return _drop_none({"@type": "Person", "name": name, "jobTitle": role})


def _creative_work(source: SourceRef) -> dict[str, Any]:
    return _drop_none(
        {
            "@type": "CreativeWork",
            "url": safe_url(source.url),
            "headline": source.title,
            "datePublished": source.published,
            "publisher": {"@type": "Organization", "name": source.outlet},
        }
    )


def _drop_none(mapping: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in mapping.items() if value is not None}


def publishing_notices(report: Report) -> list[str]:
    """What stands between this markup and publishing it."""
    published = disputed = stale = shortened = unexplained = 0
    for claim in report.claims:  # once, counting: the claims are made as they are read
        resolved = claim.resolved
        if not resolved.status.has_verdict:
            disputed += resolved.status is Status.DISPUTED
            continue
        published += 1
        stale += resolved.stale
        shortened += len(" ".join(claim.text.split())) > SUMMARY_LIMIT
        unexplained += not resolved.rationale.strip()
    notes: list[str] = []
    if not report.publication_url:
        notes.append(
            "the ClaimReview markup is not yet publishable: it has no `url` (the page of each "
            "fact check), which search engines require; set publication_url in factcheck.yaml"
        )
    if not report.organisation:
        notes.append("no organisation in factcheck.yaml: the markup has no `author`")
    left_out = len(report.claims) - published
    if left_out:
        notes.append(
            f"{left_out} claim(s) left out, with no verdict to publish: {disputed} disputed "
            "(an editor's final verdict settles one; or choose a reviewer with --reviewer), "
            f"{left_out - disputed} pending"
        )
    if stale:
        notes.append(f"{stale} published verdict(s) are stale: their evidence changed since")
    if shortened:
        notes.append(
            f"{shortened} claim(s) are longer than {SUMMARY_LIMIT} characters and were shortened "
            "for claimReviewed: check each still says what the claim says"
        )
    if unexplained:
        notes.append(f"{unexplained} verdict(s) have no rationale for ratingExplanation")
    return notes
