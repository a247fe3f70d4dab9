"""`factcheck.yaml`: the corpus title, the publisher, the editors and the verdict scale."""

from __future__ import annotations

import dataclasses

from factcheck.corpus.diagnostics import ProblemCollector
from factcheck.corpus.limits import DEFAULT_LIMITS, MEGABYTE, Limits
from factcheck.corpus.model import Organisation, Place, Settings
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
    return dataclasses.replace(settings, scale=scale) if scale is not None else settings


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
