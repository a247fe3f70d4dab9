"""Reading schema.org ClaimReview JSON-LD as fact-check feeds carry it.

A feed is one ClaimReview object, a list of them, or a JSON-LD document whose `@graph` holds
them (nested lists and graphs too). From each: claimReviewed; reviewRating's alternateName,
ratingValue, bestRating and worstRating; author (the outlet: an Organization's name);
datePublished; url; itemReviewed's author (the claimant) and datePublished (the claim's date).
Objects of another @type are passed over and counted; a ClaimReview with no claimReviewed, or
no outlet (no author, and none given), is left out with a note saying which and why.

Our own `export --format claimreview` is such a feed: exporting and importing it back gives the
same claims, ratings and outlet (a test keeps it so).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factcheck.corpus.model import Settings
from factcheck.corpus.published_checks import CheckedEntry, Merged, merge_into
from factcheck.corpus.schema import is_web_address


class FeedError(ValueError):
    """A feed that is not JSON, as file:line:column: message."""


@dataclass(slots=True)
class FeedItem:
    outlet: str
    outlet_url: str | None
    entry: CheckedEntry


@dataclass(slots=True)
class Feed:
    items: list[FeedItem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Items left out, and why."""
    other_types: int = 0
    """Objects that are not ClaimReviews (a WebPage, an Organization ...)."""


def parse_feed(text: str, name: str, *, outlet: str | None = None) -> Feed:
    """The ClaimReviews of the feed `text` (read from `name`); `outlet` names the outlet of
    those that have no author."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise FeedError(f"{name}:{error.lineno}:{error.colno}: not JSON: {error.msg}") from None
    feed = Feed()
    for number, item in enumerate(_objects(document), start=1):
        if not _is_claimreview(item):
            feed.other_types += 1
            continue
        _read_item(item, number, feed, outlet)
    return feed


def _objects(node: Any) -> Iterator[dict[str, Any]]:
    """Every object of the document that may be a ClaimReview, in order: the document itself,
    the items of a list, those of an @graph."""
    if isinstance(node, list):
        for item in node:
            yield from _objects(item)
    elif isinstance(node, dict):
        if "@graph" in node:
            yield from _objects(node["@graph"])
        else:
            yield node


def _is_claimreview(item: dict[str, Any]) -> bool:
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.rsplit("/", 1)[-1] == "ClaimReview" for k in kinds)


def _read_item(item: dict[str, Any], number: int, feed: Feed, outlet: str | None) -> None:
    claim = _text(item.get("claimReviewed"))
    author_name, author_url = _name_and_url(item.get("author"))
    url = _text(item.get("url"))
    where = f"ClaimReview {number}" + (f" ({url})" if url else "")
    if not claim:
        feed.notes.append(f"{where} has no claimReviewed (the claim): left out")
        return
    name = author_name or outlet
    if not name:
        feed.notes.append(
            f"{where} has no author (the outlet that published it): left out; name the outlet "
            "with --outlet"
        )
        return
    if url and not is_web_address(url):
        feed.notes.append(f"{where}: its url is not an http(s) address, so it is left out")
        url = None
    rating = _first(item.get("reviewRating"))
    reviewed = _first(item.get("itemReviewed"))
    claimant, _ = _name_and_url(reviewed.get("author") if isinstance(reviewed, dict) else None)
    entry = CheckedEntry(
        claim=" ".join(claim.split()),
        rating=_text(rating.get("alternateName")) if isinstance(rating, dict) else None,
        rating_value=_number(rating, "ratingValue"),
        best_rating=_number(rating, "bestRating"),
        worst_rating=_number(rating, "worstRating"),
        published=_date(item.get("datePublished")),
        url=url,
        claimant=claimant,
        claim_date=_date(reviewed.get("datePublished")) if isinstance(reviewed, dict) else None,
    )
    feed.items.append(
        FeedItem(name, author_url if author_url and is_web_address(author_url) else None, entry)
    )


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _text(value: Any) -> str | None:
    value = _first(value)
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        text = str(value).strip()
        return text or None
    return None


def _name_and_url(value: Any) -> tuple[str | None, str | None]:
    """An author as a name: an object's name, or a plain text."""
    value = _first(value)
    if isinstance(value, dict):
        return _text(value.get("name")), _text(value.get("url"))
    return _text(value), None


def _number(rating: Any, key: str) -> float | None:
    if not isinstance(rating, dict):
        return None
    value = rating.get(key)
    if isinstance(value, bool):
        return None
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _date(value: Any) -> str | None:
    """A date as ISO text: 2022-05-10T08:00:00Z gives 2022-05-10."""
    text = _text(value)
    if text is None:
        return None
    return text[:10] if len(text) > 10 and text[10] in "T " else text


@dataclass(slots=True)
class Imported:
    """What importing a feed did."""

    merged: list[Merged]
    feed: Feed
    unmapped: Counter[str]
    """Their rating names that mean nothing on this corpus's scale yet, with how many checks
    carry each: shown with the outlet's own rating until factcheck.yaml maps them."""
    suggested: dict[str, str]
    """For each unmapped name, the verdict of the scale nearest its numeric rating (else the
    scale's lowest): a guess to offer, never applied."""


def import_feed(root: Path, feed: Feed, settings: Settings) -> Imported:
    """The feed's checks written into checked/<outlet>.yaml, one file per outlet."""
    by_outlet: dict[str, list[FeedItem]] = {}
    for item in feed.items:
        by_outlet.setdefault(item.outlet, []).append(item)
    merged = [
        merge_into(
            root,
            outlet,
            next((item.outlet_url for item in items if item.outlet_url), None),
            [item.entry for item in items],
        )
        for outlet, items in by_outlet.items()
    ]
    unmapped: Counter[str] = Counter(
        item.entry.rating
        for item in feed.items
        if item.entry.rating and settings.verdict_for_rating(item.entry.rating) is None
    )
    suggested = {
        name: _nearest_verdict(
            next(item.entry for item in feed.items if item.entry.rating == name), settings
        )
        for name in unmapped
    }
    return Imported(merged, feed, unmapped, suggested)


def _nearest_verdict(entry: CheckedEntry, settings: Settings) -> str:
    scale = [verdict for verdict in settings.scale if verdict.position is not None]
    if not scale:
        return next(iter(settings.scale)).label
    lowest = min(scale, key=lambda verdict: verdict.position or 0)
    value, best, worst = entry.rating_value, entry.best_rating, entry.worst_rating
    if value is None or best is None or worst is None or best == worst:
        return lowest.label
    share = (value - worst) / (best - worst)
    top, bottom = settings.scale.best_position or 0, settings.scale.worst_position or 0
    wanted = bottom + share * (top - bottom)
    return min(scale, key=lambda verdict: abs((verdict.position or 0) - wanted)).label
