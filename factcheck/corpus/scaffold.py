"""A new, empty corpus that `factcheck check` accepts at once (`factcheck init`).

It holds `claims/` and `evidence/`, a `factcheck.yaml` with every setting written out in comments
(taken from the schema, so a new setting shows up here), a `.gitignore` for the files a running
factcheck leaves that must not be committed, and the JSON Schemas that the YAML files name on
their first line, so an editor validates and completes them as one types.
"""

from __future__ import annotations

from pathlib import Path

from factcheck.corpus.files import write_atomically
from factcheck.corpus.limits import DEFAULT_LIMITS, MEGABYTE
from factcheck.corpus.scale import DEFAULT_SCALE
from factcheck.corpus.schema import SCHEMAS, SettingsFile, schema_text
from factcheck.corpus.settings import SETTINGS_FILE
from factcheck.corpus.writer import LOCK_FILE
from factcheck.corpus.yamledit import schema_comment, schema_path

GITIGNORE = f"""\
# Written by factcheck while it runs; never commit them.
# The lock and open markers of a reviewer's file (reviews/.<reviewer>.lock and friends):
/reviews/.*.lock
# A file being written, before it is renamed into place:
.*.tmp
# The corpus writer's lock:
/{LOCK_FILE}
"""

_EXAMPLES: dict[str, list[str]] = {
    "title": ['title: "{title}"'],
    "organisation": [
        "organisation:",
        '  name: "Example Fact Check"',
        "  url: https://example.org/",
    ],
    "publication_url": ["publication_url: https://example.org/fact-checks/"],
    "editors": ["editors: [alice]"],
    "limits": [
        "limits:",
        f"  source_text_mb: {DEFAULT_LIMITS.source_text_bytes // MEGABYTE}",
        f"  yaml_file_mb: {DEFAULT_LIMITS.yaml_file_bytes // MEGABYTE}",
        f"  claim_characters: {DEFAULT_LIMITS.claim_characters}",
        f"  quote_characters: {DEFAULT_LIMITS.quote_characters}",
    ],
    "imported_ratings": [
        "imported_ratings:",
        '  "Pants on Fire": "False"',
        '  "Four Pinocchios": "False"',
        '  "Mixture": "Half true"',
    ],
    "scale": [
        "scale:",
        *(
            f'  - {{label: "{v.label}", key: {v.key}, colour: "{v.colour}", '
            f'meaning: "{v.meaning}"' + (f", position: {v.position}}}" if v.position else "}")
            for v in DEFAULT_SCALE
        ),
    ],
}
"""Each setting as one would write it; `scale` is the default scale, to change in place."""

_DESCRIPTIONS = {
    "organisation": "The fact-check organisation that publishes the verdicts (ClaimReview).",
}


class NotEmptyError(FileExistsError):
    """The folder is a corpus already, or holds files: `init` overwrites nothing."""


def settings_text(title: str) -> str:
    """factcheck.yaml for a new corpus: every setting, commented out, with what it does."""
    lines = [
        schema_comment(SETTINGS_FILE, "settings").rstrip("\n"),
        "# The settings of this corpus. Every key is optional: remove the '# ' before a key (and",
        "# its lines) to set it. `factcheck check` checks this file too.",
    ]
    for key, field in SettingsFile.model_fields.items():
        description = field.description or _DESCRIPTIONS[key]
        lines += ["", f"# {description}"]
        lines += [f"# {line}".replace("{title}", title) for line in _EXAMPLES[key]]
    return "\n".join(lines) + "\n"


def create_corpus(root: Path) -> list[str]:
    """Make a new corpus in `root` (created if missing) and return the paths written, relative
    to it. A folder that is a corpus already, or holds anything but dot-files, is refused."""
    if root.exists() and not root.is_dir():
        raise NotEmptyError(f"{root} is a file, not a folder")
    if (root / "claims").is_dir() or (root / SETTINGS_FILE).exists():
        raise NotEmptyError(f"{root} is a factcheck corpus already; nothing was changed")
    if root.is_dir() and any(not p.name.startswith(".") for p in root.iterdir()):
        raise NotEmptyError(
            f"{root} is not empty; make the corpus in a new folder (nothing was changed)"
        )
    root.mkdir(parents=True, exist_ok=True)
    written: list[str] = []
    for folder in ("claims", "evidence"):
        (root / folder).mkdir()
        written.append(f"{folder}/")
    files = {SETTINGS_FILE: settings_text(root.resolve().name)}
    files |= {schema_path(kind): schema_text(kind) for kind in SCHEMAS}
    files[".gitignore"] = _gitignore(root / ".gitignore")
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, text)
        written.append(relative)
    return written


def _gitignore(path: Path) -> str:
    """Ours, or the lines of ours that a .gitignore there already (a repository made first)
    lacks, added at its end."""
    try:
        existing = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return GITIGNORE
    present = set(existing.splitlines())
    missing = [line for line in GITIGNORE.splitlines() if line not in present]
    return (
        existing
        + ("" if existing.endswith("\n") or not existing else "\n")
        + "\n".join(missing)
        + "\n"
    )
