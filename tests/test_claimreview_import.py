"""Fact checks other outlets published: reading ClaimReview feeds (corpus/claimreview_feed.py),
keeping them in checked/ (corpus/published_checks.py), `import-claimreview` and
`checked-before`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.corpus.claimreview_feed import FeedError, parse_feed
from factcheck.corpus.model import Corpus
from factcheck.corpus.published_checks import load_published_checks
from tests.test_report_model import report_corpus

__all__ = ["report_corpus"]  # the fixture, imported for pytest

DAESH = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://check.example/daesh",
    "claimReviewed": "Daesh has been defeated and suppressed in Afghanistan, the Taliban say",
    "author": {"@type": "Organization", "name": "Example Check", "url": "https://check.example/"},
    "datePublished": "2022-05-10T08:00:00Z",
    "reviewRating": {
        "@type": "Rating",
        "alternateName": "Pants on Fire",
        "ratingValue": 1,
        "bestRating": 6,
        "worstRating": 1,
    },
    "itemReviewed": {
        "@type": "Claim",
        "author": {"@type": "Person", "name": "Zabihullah Mujahid"},
        "datePublished": "2022-04",
    },
}
SHIAS = {
    "@type": "ClaimReview",
    "url": "https://check.example/shias",
    "claimReviewed": "The Taliban have pledged to protect Shias in Afghanistan",
    "author": {"@type": "Organization", "name": "Example Check"},
    "datePublished": "2021-12-01",
    "reviewRating": {"@type": "Rating", "alternateName": "False"},
}


def _feed(document: Any) -> str:
    return json.dumps(document)


@pytest.mark.parametrize(
    "document",
    [
        [DAESH, SHIAS],
        {"@context": "https://schema.org", "@graph": [{"@type": "WebPage"}, DAESH, SHIAS]},
        [{"@graph": [DAESH]}, [SHIAS]],
    ],
    ids=["a list", "an @graph", "nested"],
)
def test_a_feed_is_a_list_or_a_graph(document: Any) -> None:
    feed = parse_feed(_feed(document), "feed.json")
    assert [item.entry.url for item in feed.items] == [DAESH["url"], SHIAS["url"]]
    assert feed.notes == []


def test_one_object_gives_every_field() -> None:
    [item] = parse_feed(_feed(DAESH), "feed.json").items
    assert (item.outlet, item.outlet_url) == ("Example Check", "https://check.example/")
    entry = item.entry
    assert entry.claim == DAESH["claimReviewed"]
    assert (entry.rating, entry.rating_value, entry.best_rating, entry.worst_rating) == (
        "Pants on Fire",
        1,
        6,
        1,
    )
    assert (entry.published, entry.claimant, entry.claim_date) == (
        "2022-05-10",
        "Zabihullah Mujahid",
        "2022-04",
    )


def test_missing_fields_leave_an_item_out_with_a_note_or_stay_empty() -> None:
    no_claim = {"@type": "ClaimReview", "url": "https://x.example/1", "author": {"name": "X"}}
    no_author = {"@type": "ClaimReview", "claimReviewed": "Something was said"}
    bare = {"@type": "ClaimReview", "claimReviewed": "Bare claim", "author": "Plain Outlet"}
    feed = parse_feed(_feed([no_claim, no_author, bare]), "feed.json")
    assert feed.notes == [
        "ClaimReview 1 (https://x.example/1) has no claimReviewed (the claim): left out",
        "ClaimReview 2 has no author (the outlet that published it): left out; name the outlet "
        "with --outlet",
    ]
    [item] = feed.items
    assert (item.outlet, item.entry.rating, item.entry.url) == ("Plain Outlet", None, None)
    # --outlet names the outlet of the items that name none.
    named = parse_feed(_feed([no_author]), "feed.json", outlet="Given")
    assert [item.outlet for item in named.items] == ["Given"]


@pytest.mark.parametrize(
    ("text", "where"),
    [('{"a": [1,\n', "feed.json:2:1: "), ('[{"@type": "ClaimReview",}]', "feed.json:1:26: ")],
)
def test_malformed_json_is_located(text: str, where: str) -> None:
    with pytest.raises(FeedError) as raised:
        parse_feed(text, "feed.json")
    assert str(raised.value).startswith(where + "not JSON: ")


def _run(*arguments: str, input: str | None = None) -> Any:
    return CliRunner().invoke(cli, list(arguments), input=input)


def test_import_writes_one_file_per_outlet_and_a_second_import_updates_it(
    bundled_copy: Path, tmp_path: Path
) -> None:
    feed = tmp_path / "feed.json"
    feed.write_text(_feed([DAESH, SHIAS]), encoding="utf-8")
    first = _run("import-claimreview", str(feed), str(bundled_copy))
    assert first.exit_code == 0, first.output
    assert "checked/example-check.yaml: 2 added, 0 updated, 0 unchanged" in first.stderr
    written = yaml.safe_load((bundled_copy / "checked/example-check.yaml").read_text("utf-8"))
    assert written["outlet"] == "Example Check"
    assert [check["url"] for check in written["checks"]] == [DAESH["url"], SHIAS["url"]]

    changed = dict(SHIAS, reviewRating={"@type": "Rating", "alternateName": "Mostly false"})
    feed.write_text(_feed([changed]), encoding="utf-8")
    again = _run("import-claimreview", str(feed), str(bundled_copy))
    assert "0 added, 1 updated, 0 unchanged" in again.stderr
    checks = load_published_checks(bundled_copy).checks
    assert [(c.entry.url, c.entry.rating) for c in checks] == [
        (DAESH["url"], "Pants on Fire"),
        (SHIAS["url"], "Mostly false"),
    ]


def test_unmapped_rating_names_are_listed_with_a_mapping_to_copy(
    bundled_copy: Path, tmp_path: Path
) -> None:
    feed = tmp_path / "feed.json"
    feed.write_text(_feed([DAESH, SHIAS]), encoding="utf-8")
    result = _run("import-claimreview", str(feed), str(bundled_copy))
    assert "1 rating name(s) are not on this corpus's scale: 'Pants on Fire' (1)" in result.stderr
    assert '    "Pants on Fire": "False"' in result.stderr  # nearest to 1 of 1-6
    assert "False" not in result.stderr.split("scale:")[1].split("(1)")[0]  # mapped by label

    with (bundled_copy / "factcheck.yaml").open("a", encoding="utf-8") as settings:
        settings.write("imported_ratings:\n  pants on fire: False\n")
    mapped = _run("import-claimreview", str(feed), str(bundled_copy))
    assert "not on this corpus's scale" not in mapped.stderr
    listed = _run("checked-before", str(bundled_copy), "--claim", "daesh-defeated")
    assert (
        '  checked before: "Daesh has been defeated and suppressed in Afghanistan, the Taliban '
        'say" — rated Pants on Fire (False on our scale) by Example Check, on 2022-05-10'
    ) in listed.stdout


def test_a_mapping_to_no_verdict_of_the_scale_is_an_error_at_its_place(
    bundled_copy: Path,
) -> None:
    with (bundled_copy / "factcheck.yaml").open("a", encoding="utf-8") as settings:
        settings.write("imported_ratings:\n  Four Pinocchios: Flase\n")
    result = _run("check", "--no-quotes", str(bundled_copy))
    assert result.exit_code == 1
    assert (
        "factcheck.yaml:6:20: error: imported rating 'Four Pinocchios' is mapped to 'Flase', "
        "which is not a verdict of the scale (did you mean 'False'?)"
    ) in result.output


def test_a_bad_feed_says_where_and_exits_without_a_traceback(
    bundled_copy: Path, tmp_path: Path
) -> None:
    feed = tmp_path / "feed.json"
    feed.write_text('[{"@type": "ClaimReview"\n  "url": 1}]', encoding="utf-8")
    result = _run("import-claimreview", str(feed), str(bundled_copy))
    assert result.exit_code == 1
    assert f"{feed}:2:3: not JSON: Expecting ',' delimiter" in result.stderr
    assert "Traceback" not in result.output
    assert not (bundled_copy / "checked").exists()
    empty = _run("import-claimreview", "-", str(bundled_copy), input='[{"@type": "WebPage"}]')
    assert empty.exit_code == 1
    assert "holds no ClaimReview to import (1 objects of other types)" in empty.stderr


def test_a_checked_file_that_cannot_be_read_is_not_overwritten(
    bundled_copy: Path, tmp_path: Path
) -> None:
    broken = "outlet: Example Check\nchecks: [\n"
    (bundled_copy / "checked").mkdir()
    (bundled_copy / "checked/example-check.yaml").write_text(broken, encoding="utf-8")
    feed = tmp_path / "feed.json"
    feed.write_text(_feed(DAESH), encoding="utf-8")
    result = _run("import-claimreview", str(feed), str(bundled_copy))
    assert result.exit_code == 1
    assert "checked/example-check.yaml:3:1: error:" in result.stderr
    assert "it is not overwritten" in result.stderr
    assert (bundled_copy / "checked/example-check.yaml").read_text("utf-8") == broken


def test_our_own_claimreview_export_round_trips(
    report_corpus: tuple[Path, Corpus], tmp_path: Path
) -> None:
    root, _corpus = report_corpus
    exported = _run("export", "--format", "claimreview", "--reviewer", "Ana", str(root))
    assert exported.exit_code == 0, exported.output
    items = json.loads(exported.stdout)
    feed = tmp_path / "ours.jsonld"
    feed.write_text(exported.stdout, encoding="utf-8")
    imported = _run("import-claimreview", str(feed), str(root))
    assert imported.exit_code == 0, imported.output
    assert "not on this corpus's scale" not in imported.stderr
    checks = load_published_checks(root).checks
    assert [(c.entry.claim, c.entry.rating, c.entry.url) for c in checks] == [
        (item["claimReviewed"], item["reviewRating"]["alternateName"], item["url"])
        for item in items
    ]
    assert {c.outlet for c in checks} == {items[0]["author"]["name"]}
    assert [c.entry.claimant for c in checks] == [
        item["itemReviewed"]["author"]["name"] for item in items
    ]
    # Each claim is found again, as checked before by its own outlet with its own verdict.
    listed = _run("checked-before", str(root), "--format", "json")
    found = {entry["claim_id"]: entry["matches"] for entry in json.loads(listed.stdout)}
    for item in items:
        claim_id = item["url"].rsplit("/", 1)[1]
        published = [m for m in found[claim_id] if m["where"] == "published"]
        assert published[0]["verdict"] == item["reviewRating"]["alternateName"]
        assert published[0]["score"] >= 0.9  # claimReviewed is cut to 75 characters


def test_checked_before_within_and_against_another_corpus(
    bundled_copy: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    (other / "claims").mkdir(parents=True)
    (other / "evidence").mkdir()
    (other / "claims/c.yaml").write_text(
        "claims:\n"
        "  - id: peace-promise\n"
        '    text: "The Taliban promised to restore peace in Afghanistan."\n'
        "    claimant: Taliban\n",
        encoding="utf-8",
    )
    claims = bundled_copy / "claims/security.yaml"
    claims.write_text(
        claims.read_text("utf-8")
        + "\n  - id: shias-again\n"
        + '    text: "Afghanistan\'s Shias will be protected by the Taliban."\n'
        + "    claimant: Taliban\n",
        encoding="utf-8",
    )
    result = _run("checked-before", str(bundled_copy), "--against", str(other))
    assert result.exit_code == 0, result.output
    assert (
        "taliban-restore-peace: The Taliban will restore peace in Afghanistan.\n"
        '  same claim, not yet rated: "The Taliban promised to restore peace in Afghanistan." '
        "(peace-promise) in other\n"
    ) in result.stdout
    assert '"Afghanistan\'s Shias will be protected by the Taliban." (shias-again)' in (
        result.stdout
    )
    nothing = _run("checked-before", str(other))
    assert "no claim was checked before, among 0 published check(s)" in nothing.stderr
    unknown = _run("checked-before", str(bundled_copy), "--claim", "daesh-defeatd")
    assert unknown.exit_code == 2
    assert "no claim has the id 'daesh-defeatd' (did you mean 'daesh-defeated'?)" in (
        unknown.stderr
    )


def test_the_report_shows_the_checks_of_the_same_claim_escaped(
    bundled_copy: Path, tmp_path: Path
) -> None:
    import jsonschema

    from factcheck.report.jsonout import SCHEMA_FILE

    nasty = dict(
        DAESH,
        claimReviewed="Daesh has been defeated and suppressed <script>alert(1)</script> | *x*",
        url="https://check.example/daesh?a=1&b=(2)",
    )
    feed = tmp_path / "feed.json"
    feed.write_text(_feed([nasty, SHIAS]), encoding="utf-8")
    assert _run("import-claimreview", str(feed), str(bundled_copy)).exit_code == 0

    report = json.loads(_run("export", "--format", "json", str(bundled_copy)).stdout)
    jsonschema.validate(report, json.loads(SCHEMA_FILE.read_text("utf-8")))
    by_id = {claim["id"]: claim for claim in report["claims"]}
    [check] = by_id["daesh-defeated"]["checked_before"]
    assert (check["rating"], check["verdict"], check["by"], check["date"]) == (
        "Pants on Fire",
        None,
        "Example Check",
        "2022-05-10",
    )
    assert check["line"].startswith('checked before: "Daesh has been defeated')
    assert by_id["protect-shias"]["checked_before"][0]["verdict"] == "False"
    assert by_id["complete-security"]["checked_before"] == []

    html = _run("export", "--format", "html", str(bundled_copy)).stdout
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<p class="checked-before">checked before: &#34;Daesh has been defeated' in html
    assert 'href="https://check.example/daesh?a=1&amp;b=(2)"' in html

    markdown = _run("export", "--format", "md", str(bundled_copy)).stdout
    line = next(text for text in markdown.splitlines() if text.startswith("checked before:"))
    assert "\\<script\\>" in line or "&lt;script&gt;" in line
    assert "\\| \\*x\\*" in line
    assert "rated Pants on Fire by Example Check, on 2022-05-10" in line


def test_suggest_says_when_the_claim_was_checked_before(bundled_copy: Path, tmp_path: Path) -> None:
    feed = tmp_path / "feed.json"
    feed.write_text(_feed([DAESH, SHIAS]), encoding="utf-8")
    assert _run("import-claimreview", str(feed), str(bundled_copy)).exit_code == 0
    text = _run("suggest", "protect-shias", str(bundled_copy), "-n", "1")
    assert text.exit_code == 0, text.output
    assert (
        'checked before: "The Taliban have pledged to protect Shias in Afghanistan" — rated '
        "False by Example Check, on 2021-12-01"
    ) in text.stdout
    document = json.loads(
        _run("suggest", "protect-shias", str(bundled_copy), "--format", "json").stdout
    )
    assert [m["url"] for m in document["checked_before"]] == [SHIAS["url"]]
    other = json.loads(
        _run("suggest", "complete-security", str(bundled_copy), "--format", "json").stdout
    )
    assert other["checked_before"] == []
