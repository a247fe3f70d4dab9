"""`factcheck.yaml`: the corpus title, the publisher, the editors and the verdict scale."""

from __future__ import annotations

import dataclasses

from factcheck.corpus.diagnostics import ProblemCollector, did_you_mean
from factcheck.corpus.limits import DEFAULT_LIMITS, MEGABYTE, Limits
from factcheck.corpus.model import ImportedRating, Organisation, Place, Settings
from factcheck.corpus.problems import Severity
from factcheck.corpus.scale import Scale, Verdict
from factcheck.corpus.schema import SettingsFile

SETTINGS_FILE = "factcheck.yaml"


def settings_from(parsed: SettingsFile, collector: ProblemCollector) -> Settings:
    """The settings of a validated factcheck.yaml; a scale that does not hold together is
    reported and the default scale kept."""
    organisation = (
        Organisation(parsed.organisation.name, parsed.organisation.url)
        if parsed.organisation
        else None
    )
    settings = Settings(
        title=parsed.title,
        organisation=organisation,
        publication_url=parsed.publication_url,
        editors=tuple(parsed.editors),
    )
    scale = _scale(parsed, collector) if parsed.scale is not None else None
    if scale is not None:
        settings = dataclasses.replace(settings, scale=scale)
    ratings = _imported_ratings(parsed, settings.scale, collector)
    return dataclasses.replace(settings, imported_ratings=ratings) if ratings else settings


def _imported_ratings(
    parsed: SettingsFile, scale: Scale, collector: ProblemCollector
) -> tuple[ImportedRating, ...]:
    """imported_ratings whose verdict is on the scale; the others are reported, and left out."""
    ratings: list[ImportedRating] = []
    labels = {verdict.label: verdict for verdict in scale}
    for name, label in parsed.imported_ratings.items():
        verdict = scale.by_label(label.strip())
        if verdict is None:
            collector.at(
                Place(SETTINGS_FILE, ("imported_ratings", name)),
                Severity.ERROR,
                "unknown-verdict",
                f"imported rating {name!r} is mapped to {label!r}, which is not a verdict of "
                f"the scale{did_you_mean(label, labels)}",
            )
            continue
        ratings.append(ImportedRating(name, verdict.label))
    return tuple(ratings)


def limits_from(parsed: SettingsFile) -> Limits:
    """The size limits factcheck.yaml sets, the defaults for those it leaves out."""
    if parsed.limits is None:
        return DEFAULT_LIMITS
    written = parsed.limits
    return Limits(
        source_text_bytes=int(written.source_text_mb * MEGABYTE),
        yaml_file_bytes=int(written.yaml_file_mb * MEGABYTE),
        claim_characters=written.claim_characters,
        quote_characters=written.quote_characters,
    )


def _scale(parsed: SettingsFile, collector: ProblemCollector) -> Scale | None:
    assert parsed.scale is not None
    verdicts: list[Verdict] = []
    keys: dict[int, int] = {}
    labels: dict[str, int] = {}
    for index, entry in enumerate(parsed.scale):
        place = Place(SETTINGS_FILE, ("scale", index))
        for value, seen, what in (
            (entry.key, keys, "key"),
            (entry.label.casefold(), labels, "label"),
        ):
            if value in seen:
                first = Place(SETTINGS_FILE, ("scale", seen[value]))
                message = f"duplicate verdict {what} {value!r}: first used at {{related}}"
                collector.at(place, Severity.ERROR, "duplicate-verdict", message, related=first)
            seen.setdefault(value, index)
        verdicts.append(
            Verdict(entry.label, entry.key, entry.colour, entry.meaning, entry.position)
        )
    if not verdicts:
        collector.at(
            Place(SETTINGS_FILE, ("scale",)),
            Severity.ERROR,
            "empty-scale",
            "the scale has no verdicts; list some, or leave 'scale' out for the default",
        )
        return None
    return Scale(tuple(verdicts))
