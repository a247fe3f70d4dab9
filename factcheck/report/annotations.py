"""The report as W3C Web Annotations: every quote cited for a claim, anchored on its source.

One AnnotationCollection (JSON-LD, http://www.w3.org/ns/anno.jsonld) whose single page holds an
Annotation per evidence link (a quote cited for a claim), so a quote cited for two claims is two
annotations. Each annotation:

- `id`: urn:factcheck:annotation:<claim id>:<quote id>;
- `motivation`: assessing;
- `body`: TextualBodies: what the quote says of the claim ('contradicts the claim "..." (verdict:
  False)', purpose assessing), the stance (purpose tagging), the published verdict (purpose
  classifying, when there is one), and the link's note (purpose commenting, when there is one);
- `target`: `source` is the source's url, or urn:factcheck:source:<source id> when it has none;
  `selector` the quote's TextQuoteSelector (exact, prefix, suffix) and TextPositionSelector
  (start, end) in the captured text, as in the JSON report; none for a quote not found in it.

A tool that shows annotations on the page (a Hypothesis-compatible viewer) anchors each by its
selectors; `selectors_by_source` reads them back, so a re-captured text can be checked with
factcheck.quotes.reanchor (which quotes are still there, which are orphans).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from factcheck.quotes.reanchor import QuoteSelectors
from factcheck.report.model import ClaimEntry, EvidenceEntry, Report, SourceRef
from factcheck.report.streaming import chunked

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
URN = "urn:factcheck"


_STANCE_VERBS = {"context": "gives context for"}
"""How the assessing body says a stance, where the stance's name is not a verb already."""


def source_id(source: SourceRef) -> str:
    """The target's `source`: the source's url, else a urn naming it in the corpus."""
    return source.url or f"{URN}:source:{source.id}"


def annotation(claim: ClaimEntry, item: EvidenceEntry) -> dict[str, Any]:
    verdict = claim.resolved.verdict
    verdict_text = f"verdict: {verdict}" if verdict else f"no verdict: {claim.resolved.status}"
    body: list[dict[str, Any]] = [
        _text(
            f"{_STANCE_VERBS.get(item.stance, item.stance)} the claim \u201c{claim.text}\u201d "
            f"({verdict_text})",
            "assessing",
        ),
        _text(item.stance, "tagging"),
    ]
    if verdict:
        body.append(_text(verdict, "classifying"))
    if item.note:
        body.append(_text(item.note, "commenting"))
    target: dict[str, Any] = {"source": source_id(item.source)}
    if item.selector:
        target["selector"] = [_plain(selector) for selector in item.selector]
    return {
        "id": f"{URN}:annotation:{claim.id}:{item.quote_id}",
        "type": "Annotation",
        "motivation": "assessing",
        "body": body,
        "target": target,
    }


def _text(value: str, purpose: str) -> dict[str, str]:
    return {"type": "TextualBody", "purpose": purpose, "value": value, "format": "text/plain"}


def _plain(selector: Any) -> dict[str, Any]:
    # The model's selector dataclasses, as the JSON report writes them.
    return {name: getattr(selector, name) for name in selector.__dataclass_fields__}


def stream_annotations(report: Report) -> Iterator[str]:
    """The AnnotationCollection, claim by claim (see the module's docstring)."""
    return chunked(_pieces(report))


def _pieces(report: Report) -> Iterator[str]:
    head = json.dumps(
        {"@context": CONTEXT, "id": f"{URN}:report", "type": "AnnotationCollection"},
        ensure_ascii=False,
        indent=2,
    ).removesuffix("\n}")
    label = json.dumps(report.title, ensure_ascii=False)
    yield (
        f'{head},\n  "label": {label},\n  "first": {{\n    "type": "AnnotationPage",\n'
        '    "startIndex": 0,\n    "items": ['
    )
    # The total is written after the items, when it is known: JSON's keys have no order, and
    # counting first would make every claim's entry twice.
    total = 0
    for claim in report.claims:
        for item in claim.evidence:
            text = json.dumps(annotation(claim, item), ensure_ascii=False, indent=2)
            yield ("\n      " if total == 0 else ",\n      ") + text.replace("\n", "\n      ")
            total += 1
    yield ("\n    ]" if total else "]") + f'\n  }},\n  "total": {total}\n}}\n'


def selectors_by_source(document: Mapping[str, Any]) -> dict[str, dict[str, QuoteSelectors]]:
    """What an annotations export anchored: target source -> quote id -> its selectors (the
    first annotation of a quote cited for several claims; all carry the same selectors).
    Annotations without selectors (quotes not found when exported) are left out."""
    found: dict[str, dict[str, QuoteSelectors]] = {}
    for item in document.get("first", {}).get("items", []):
        target = item.get("target", {})
        if not target.get("selector"):
            continue
        quote_id = item["id"].rsplit(":", 1)[-1]
        quotes = found.setdefault(target["source"], {})
        quotes.setdefault(quote_id, QuoteSelectors.from_w3c(target["selector"]))
    return found
