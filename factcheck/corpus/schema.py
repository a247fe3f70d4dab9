"""The corpus file formats, declared once.

These models validate what the YAML loader gives (plain dicts and lists) and generate the JSON
Schema that editors' YAML tooling can use (`factcheck schema`). Every field carries a description
because the schema is documentation people read while writing the files.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    ValidationError,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from factcheck.corpus.dates import PartialDate
from factcheck.corpus.limits import DEFAULT_LIMITS, MEGABYTE
from factcheck.corpus.model import ClaimKind, Stance

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=120),
    Field(description="An identifier: letters, digits, '.', '_' and '-', first a letter or digit."),
]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=False)]

WEB_ADDRESS_PATTERN = r"^[Hh][Tt][Tt][Pp][Ss]?://[^/?#\s]+"
"""http:// or https:// and a host: a link a report may publish. `javascript:`, `data:` and
`file:` links run or read something when clicked, and a link without a scheme (`//host`) takes
the scheme of whatever page shows it. Written for both Python and JSON Schema's regexes."""
_WEB_ADDRESS = re.compile(WEB_ADDRESS_PATTERN)
WEB_ADDRESS_ERROR = "web_address"


def is_web_address(url: str) -> bool:
    return _WEB_ADDRESS.match(url) is not None


def _web_address(url: str) -> str:
    if not is_web_address(url):
        shown = repr(url) if len(url) <= 60 else repr(url[:57] + "...")
        raise PydanticCustomError(
            WEB_ADDRESS_ERROR,
            "must be a web address, starting http:// or https://, not {shown}",
            {"shown": shown},
        )
    return url


WebAddress = Annotated[
    str,
    AfterValidator(_web_address),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": WEB_ADDRESS_PATTERN}),
]


def without_bad_web_addresses(model: type[BaseModel], data: Any) -> Any | None:
    """`data` without the links that are not web addresses, when they alone keep it from
    fitting `model`, else None. Such a link is an error that `check` reports, but no reason to
    lose the source it is in with all its quotes, or the settings with their scale."""
    try:
        model.model_validate(data)
    except ValidationError as error:
        places = [detail["loc"] for detail in error.errors()]
        if any(detail["type"] != WEB_ADDRESS_ERROR for detail in error.errors()):
            return None
    else:
        return data
    trimmed = copy.deepcopy(data)
    for place in places:
        *parents, key = place
        holder = trimmed
        for step in parents:
            holder = holder[step]
        del holder[key]
    return trimmed


# YAML gives 2022 as an int, 2022-05 as a str and 2022-05-03 as a date; all are fine here.
DateField = Annotated[
    PartialDate,
    BeforeValidator(PartialDate.parse),
    PlainSerializer(str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ],
            "description": "An ISO date, as precise as is known: YYYY, YYYY-MM or YYYY-MM-DD.",
        }
    ),
]


class _Strict(BaseModel):
    # Unknown keys are errors: a misspelt key would otherwise be silently ignored. Validators
    # are built on first use, not on import: every command and the app import these models, and
    # building them all took some 80 ms of each start, for files a warm start never validates.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class SourceEntry(_Strict):
    """Where the quotes of this file come from."""

    id: Slug = Field(description="Unique in the corpus; by convention the file's own name.")
    outlet: Text = Field(description="The publication, e.g. 'RFE/RL'.")
    title: Text = Field(description="The article's headline.")
    url: WebAddress | None = Field(
        default=None, description="Where the article was published: an http(s) address."
    )
    published: DateField | None = Field(default=None, description="When it was published.")
    author: str | None = Field(default=None, description="The byline, when the page gives one.")
    text: Text = Field(
        description="The captured text of the article, relative to this file; must stay inside "
        "the corpus. Never edit it: quotes are verified against it."
    )
    original: str | None = Field(
        default=None,
        description="The page or document as captured (HTML, PDF), relative to this file, kept "
        "so that the text can be extracted again.",
    )
    captured: str | None = Field(
        default=None,
        pattern=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$",
        json_schema_extra={"format": "date-time"},
        description="When the text was captured, as an ISO date and time with its time zone "
        "(`factcheck add-source` writes it).",
    )


class QuoteEntry(_Strict):
    """A passage quoted verbatim from the source."""

    id: Slug = Field(description="Unique in the corpus; claims refer to it.")
    quote: Text = Field(
        description="The words exactly as in the source text; '...' marks an elision."
    )
    note: str | None = Field(
        default=None, description="What this quote establishes, in your words."
    )


class EvidenceFile(_Strict):
    """`evidence/<source-id>.yaml`: one source and the quotes taken from it."""

    source: SourceEntry
    quotes: list[QuoteEntry] = Field(default_factory=list)


class EvidenceLink(_Strict):
    """One piece of evidence for a claim, and which way it points."""

    ref: Slug = Field(description="The id of a quote in evidence/.")
    stance: Stance = Field(description="supports, contradicts or context.")
    note: str | None = Field(default=None, description="Why this quote bears on this claim.")


class ClaimEntry(_Strict):
    """A claim to be checked."""

    id: Slug = Field(description="Unique in the corpus.")
    text: Text = Field(description="The claim; for kind 'quote', the claimant's exact words.")
    kind: ClaimKind = Field(
        default=ClaimKind.SUMMARY,
        description="'quote': the claimant's own words, verified against `source` like evidence; "
        "'summary': a fair paraphrase.",
    )
    claimant: Text = Field(description="Who made the claim.")
    role: str | None = Field(default=None, description="The claimant's position.")
    date: DateField | None = Field(default=None, description="When the claim was made.")
    venue: str | None = Field(default=None, description="Where it was made: an interview, a post.")
    source: Slug | None = Field(default=None, description="The id of the source reporting it.")
    tags: list[Slug] = Field(default_factory=list, description="Topics, for filters.")
    assigned: list[Text] = Field(
        default_factory=list,
        description="Who reviews this claim: reviewers' names as they pass --reviewer "
        "(`factcheck assign` writes it).",
    )
    evidence: list[EvidenceLink] = Field(default_factory=list)


class ClaimsFile(_Strict):
    """`claims/<topic>.yaml`: claims with their evidence."""

    claims: list[ClaimEntry] = Field(default_factory=list)


class ScaleEntry(_Strict):
    """One verdict on the newsroom's scale."""

    label: Text = Field(description="The verdict as published, e.g. 'Mostly false'. Quote it.")
    key: int = Field(ge=1, le=9, description="The key (1-9) that gives this verdict in the app.")
    colour: str = Field(pattern=r"^#[0-9a-fA-F]{6}$", description="Badge colour, as #rrggbb.")
    meaning: Text = Field(description="One line on when this verdict applies.")
    position: int | None = Field(
        default=None,
        ge=1,
        description="Where the verdict sits on the numeric scale ClaimReview publishes (higher is "
        "truer); leave out for verdicts off the scale, such as Unproven.",
    )


class Organisation(_Strict):
    name: Text = Field(description="The publishing fact-check organisation.")
    url: WebAddress | None = Field(default=None, description="Its home page: an http(s) address.")


class LimitsEntry(_Strict):
    """How large a file or an entry may be (factcheck/corpus/limits.py says why these sizes);
    anything larger is an error naming it, never read whole. Raise one only for a corpus that
    needs it."""

    source_text_mb: float = Field(
        default=DEFAULT_LIMITS.source_text_bytes / MEGABYTE,
        gt=0,
        description="The largest source text read, in MB (1 MB is 1,000,000 bytes).",
    )
    yaml_file_mb: float = Field(
        default=DEFAULT_LIMITS.yaml_file_bytes / MEGABYTE,
        gt=0,
        description="The largest claims or evidence file read, in MB, and the most its data may "
        "hold with its aliases (*name) expanded.",
    )
    claim_characters: int = Field(
        default=DEFAULT_LIMITS.claim_characters, ge=1, description="The longest claim."
    )
    quote_characters: int = Field(
        default=DEFAULT_LIMITS.quote_characters,
        ge=1,
        description="The longest quote.",
    )


def _label_written_bare(value: Any) -> Any:
    # `Pants on Fire: False` is natural to write, and YAML reads a bare False as a boolean.
    return str(value) if isinstance(value, bool) else value


VerdictLabel = Annotated[
    Text,
    BeforeValidator(_label_written_bare),
    Field(description="A label of the scale; a bare True or False is read as that label."),
]


class SettingsFile(_Strict):
    """`factcheck.yaml` at the corpus root. Every key is optional."""

    title: str | None = Field(default=None, description="The corpus title.")
    organisation: Organisation | None = None
    publication_url: WebAddress | None = Field(
        default=None,
        description="Base URL (http or https) of the published fact checks; a claim's page is "
        "this plus its id, or this with {id} replaced by it.",
    )
    editors: list[str] = Field(
        default_factory=list, description="Reviewers whose verdict is final when they give one."
    )
    scale: list[ScaleEntry] | None = Field(
        default=None, description="The verdict scale; the default has seven verdicts."
    )
    limits: LimitsEntry | None = Field(
        default=None, description="How large a file or an entry may be; every limit optional."
    )
    imported_ratings: dict[Text, VerdictLabel] = Field(
        default_factory=dict,
        description="What other outlets' rating names mean on this scale, for fact checks "
        "imported with `factcheck import-claimreview`: their name (ClaimReview's "
        "reviewRating.alternateName, any case) -> a label of the scale, e.g. "
        "'Pants on Fire: False'. A name that is already a label of the scale needs no entry.",
    )


def json_schema(model: type[BaseModel]) -> dict[str, Any]:
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


SCHEMAS: dict[str, type[BaseModel]] = {
    "claims": ClaimsFile,
    "evidence": EvidenceFile,
    "settings": SettingsFile,
}


def schema_text(kind: str) -> str:
    return json.dumps(json_schema(SCHEMAS[kind]), indent=2, ensure_ascii=False) + "\n"
