"""The one corpus writer: YAML edited in place (golden files), changes checked before they are
written, other writers' changes on disk never overwritten, undo, and readable unique ids."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
import yaml

from factcheck.corpus import ids, yamledit
from factcheck.corpus.loader import load_corpus
from factcheck.corpus.problems import Severity
from factcheck.corpus.writer import ChangedOnDisk, CorpusWriter, WriteRefused
from factcheck.corpus.yamlfile import YamlFile
from tests.conftest import CorpusWriter as WriteCorpus

DATA = Path(__file__).parent / "data" / "writer"
CLAIMS = "claims/drought.yaml"
EVIDENCE = "evidence/courier-2023-06.yaml"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A hand-written corpus: comments, mixed quoting, flow and block links, blank lines."""
    root = tmp_path / "corpus"
    (root / "claims").mkdir(parents=True)
    (root / "evidence").mkdir()
    shutil.copy(DATA / "claims.yaml", root / CLAIMS)
    shutil.copy(DATA / "evidence.yaml", root / EVIDENCE)
    shutil.copy(DATA / "courier.txt", root / "evidence" / "courier-2023-06.txt")
    return root


def errors_of(root: Path) -> list[str]:
    loaded = load_corpus(root, cache_dir=None)
    return [str(p) for p in loaded.problems if p.severity is Severity.ERROR]


def test_edits_keep_comments_order_quoting_and_flow_style(corpus: Path) -> None:
    """After a quote is added and linked, a stance set twice, a link removed and a claim added,
    each file differs from the hand-written one by those changes alone (see the golden files:
    the comments, the single quotes, the flow links and the blank line between claims stay)."""
    writer = CorpusWriter(corpus, cache_dir=None)
    wells = "several wells had run dry in May"
    added = writer.add_evidence("no-restrictions", "courier-2023-06", wells, "contradicts")
    assert added.item_id == "several-wells-run-dry"
    writer.link(
        "reservoirs-recovered", "several-wells-run-dry", "context", "Wells, not reservoirs."
    )
    writer.set_stance("reservoirs-recovered", "bulletin-41", "context")
    writer.set_stance("reservoirs-recovered", "hydrologist", "contradicts")
    writer.unlink("reservoirs-recovered", "quotas-cut")
    fields = {
        "id": "bulletin-published",
        "text": "The bulletin was published the same morning.",
        "claimant": "The Valley Courier",
        "source": "courier-2023-06",
        "tags": ["drought"],
    }
    writer.add_claim(CLAIMS, fields)

    assert (corpus / CLAIMS).read_text() == (DATA / "claims.golden.yaml").read_text()
    assert (corpus / EVIDENCE).read_text() == (DATA / "evidence.golden.yaml").read_text()
    assert errors_of(corpus) == []


def test_a_claim_without_evidence_gets_the_key_after_its_last_one(corpus: Path) -> None:
    """Entries at column 0 and a claim ending with `tags:` and a comment: the new `evidence:`
    goes after the tags, the comment stays on its line, the blank line stays between claims."""
    (corpus / CLAIMS).write_text(
        "claims:\n"
        "- id: a\n"
        '  text: "A"\n'
        "  claimant: X\n"
        "  tags: [drought]   # topic\n"
        "\n"
        "- id: b\n"
        '  text: "B"\n'
        "  claimant: Y\n"
    )
    writer = CorpusWriter(corpus, cache_dir=None)
    writer.link("a", "bulletin-41", "contradicts")
    writer.update_claim("a", {"role": "spokesman", "text": "A changed"})
    note = "A long note, longer than sixty characters, is written over several lines."
    writer.link("b", "quotas-cut", "supports", note)

    assert (corpus / CLAIMS).read_text() == (
        "claims:\n"
        "- id: a\n"
        '  text: "A changed"\n'
        "  claimant: X\n"
        "  role: spokesman\n"
        "  tags: [drought]   # topic\n"
        "  evidence:\n"
        "  - {ref: bulletin-41, stance: contradicts}\n"
        "\n"
        "- id: b\n"
        '  text: "B"\n'
        "  claimant: Y\n"
        "  evidence:\n"
        "  - ref: quotas-cut\n"
        "    stance: supports\n"
        f'    note: "{note}"\n'
    )


def test_removing_the_last_link_removes_the_evidence_key(corpus: Path) -> None:
    writer = CorpusWriter(corpus, cache_dir=None)
    writer.unlink("no-restrictions", "quotas-cut")
    text = (corpus / CLAIMS).read_text()
    assert text.endswith("    tags: [drought]\n")
    assert text.count("evidence:") == 1


def test_a_change_that_brings_an_error_is_refused_and_nothing_is_written(corpus: Path) -> None:
    before = {name: (corpus / name).read_bytes() for name in (CLAIMS, EVIDENCE)}
    writer = CorpusWriter(corpus, cache_dir=None)

    with pytest.raises(WriteRefused) as refused:
        writer.update_claim("no-restrictions", {"source": "courier-2032-06"})
    assert "no source has the id 'courier-2032-06' (did you mean 'courier-2023-06'?)" in str(
        refused.value
    )
    with pytest.raises(WriteRefused, match="'kind' must be one of"):
        writer.update_claim("no-restrictions", {"kind": "rumour"})
    with pytest.raises(WriteRefused, match=r"not in source 'courier-2023-06'.*41"):
        writer.add_quote("courier-2023-06", "the three largest reservoirs at 14 percent")
    with pytest.raises(WriteRefused, match="Quote not found"):
        writer.add_claim(
            CLAIMS,
            {
                "id": "new",
                "text": "Rain will come in July",
                "kind": "quote",
                "claimant": "X",
                "source": "courier-2023-06",
            },
        )

    assert {name: (corpus / name).read_bytes() for name in (CLAIMS, EVIDENCE)} == before


def test_an_error_already_there_does_not_block_other_changes(corpus: Path) -> None:
    text = (corpus / CLAIMS).read_text().replace("{ref: quotas-cut, stance: contradicts}\n", "")
    (corpus / CLAIMS).write_text(text + "      - {ref: no-such-quote, stance: context}\n")
    assert len(errors_of(corpus)) == 1

    CorpusWriter(corpus, cache_dir=None).set_stance(
        "reservoirs-recovered", "bulletin-41", "context"
    )

    assert "{ref: bulletin-41, stance: context}" in (corpus / CLAIMS).read_text()


def test_a_change_made_on_disk_meanwhile_is_kept_and_ours_applied_to_it(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Someone saves the claims file while the writer is checking its change: the writer sees
    the file moved, makes its change again on what is there now, and both changes are kept."""
    check = CorpusWriter._check
    edits = []

    def someone_saves_meanwhile(self: CorpusWriter, *args: object) -> tuple[str, ...]:
        result = check(self, *args)  # type: ignore[arg-type]
        if not edits:
            path = corpus / CLAIMS
            path.write_text(path.read_text().replace("# Keep one claim", "# Keep ONE claim"))
            edits.append(path.read_text())
        return result

    monkeypatch.setattr(CorpusWriter, "_check", someone_saves_meanwhile)
    CorpusWriter(corpus, cache_dir=None).set_stance("no-restrictions", "quotas-cut", "context")

    text = (corpus / CLAIMS).read_text()
    assert "# Keep ONE claim" in text
    assert "      - {ref: quotas-cut, stance: context}\n" in text


def test_a_file_that_keeps_changing_is_not_clobbered(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    check = CorpusWriter._check
    saves = []

    def someone_saves_every_time(self: CorpusWriter, *args: object) -> tuple[str, ...]:
        result = check(self, *args)  # type: ignore[arg-type]
        saves.append(f"# save {len(saves)}\n")
        path = corpus / CLAIMS
        path.write_text(path.read_text() + saves[-1])
        return result

    monkeypatch.setattr(CorpusWriter, "_check", someone_saves_every_time)
    with pytest.raises(ChangedOnDisk, match=r"claims/drought.yaml changed on disk.*3 times"):
        CorpusWriter(corpus, cache_dir=None).set_stance("no-restrictions", "quotas-cut", "context")

    text = (corpus / CLAIMS).read_text()
    assert text.endswith("# save 0\n# save 1\n# save 2\n")
    assert "{ref: quotas-cut, stance: context}" not in text


def test_two_writers_at_once_lose_nothing(corpus: Path) -> None:
    """Two threads add links to the same file at the same time: the lock and the comparison
    before writing keep every link."""
    sentences = {
        "reservoirs-recovered": ["the ministry's own weekly bulletin", "two decades"],
        "no-restrictions": ["several wells had run dry in May", "did not respond"],
    }

    def add(claim_id: str) -> None:
        writer = CorpusWriter(corpus, cache_dir=None)
        for words in sentences[claim_id]:
            writer.add_evidence(claim_id, "courier-2023-06", words, "context")

    threads = [threading.Thread(target=add, args=(claim_id,)) for claim_id in sentences]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    loaded = load_corpus(corpus, cache_dir=None)
    assert loaded.corpus is not None
    assert len(loaded.corpus.quotes) == 3 + 4
    links = {c.id: [link.quote_id for link in c.evidence] for c in loaded.corpus.claims}
    assert len(links["reservoirs-recovered"]) == 3 + 2
    assert len(links["no-restrictions"]) == 1 + 2


def test_a_passage_quoted_already_is_linked_not_copied(corpus: Path) -> None:
    """The same words (here with straight quote marks where the source has curly ones) are the
    quote already there: the claim is linked to it and the evidence file is not touched."""
    evidence_before = (corpus / EVIDENCE).read_bytes()
    writer = CorpusWriter(corpus, cache_dir=None)
    words = '"We have never seen the eastern basin this low in June," said Tomas Verhoeven'

    change = writer.add_evidence("no-restrictions", "courier-2023-06", words, "context")

    assert change.item_id == "hydrologist"
    assert [f.file for f in change.files] == [CLAIMS]
    assert (corpus / EVIDENCE).read_bytes() == evidence_before
    assert "{ref: hydrologist, stance: context}" in (corpus / CLAIMS).read_text()


def test_a_typographic_variant_is_kept_in_the_sources_own_characters(corpus: Path) -> None:
    change = CorpusWriter(corpus, cache_dir=None).add_quote(
        "courier-2023-06", 'levels had "fully recovered" after the spring rains'
    )
    assert change.item_id == "levels-fully-recovered-spring"
    assert 'quote: "levels had “fully recovered” after the spring rains"' in (
        (corpus / EVIDENCE).read_text()
    )


def test_a_link_already_there_gets_the_new_stance_not_a_second_link(corpus: Path) -> None:
    writer = CorpusWriter(corpus, cache_dir=None)
    same = writer.link("no-restrictions", "quotas-cut", "contradicts")
    assert not same.written
    writer.link("no-restrictions", "quotas-cut", "supports")
    assert (corpus / CLAIMS).read_text().count("ref: quotas-cut") == 2  # one link per claim


def test_undo_puts_the_files_back_and_refuses_when_they_changed_since(corpus: Path) -> None:
    original = {name: (corpus / name).read_bytes() for name in (CLAIMS, EVIDENCE)}
    writer = CorpusWriter(corpus, cache_dir=None)
    quoted = writer.add_evidence("no-restrictions", "courier-2023-06", "did not respond", "context")
    stance = writer.set_stance("no-restrictions", "quotas-cut", "supports")

    with pytest.raises(ChangedOnDisk, match="changed since"):
        writer.undo(quoted)  # the stance change came after it, in the same file
    writer.undo(stance)
    writer.undo(quoted)

    assert {name: (corpus / name).read_bytes() for name in (CLAIMS, EVIDENCE)} == original


def test_undo_that_would_break_a_reference_is_refused(corpus: Path) -> None:
    writer = CorpusWriter(corpus, cache_dir=None)
    quoted = writer.add_quote("courier-2023-06", "did not respond")
    writer.link("no-restrictions", str(quoted.item_id), "context")
    with pytest.raises(
        WriteRefused, match=r"(?s)undo of 'added quote .*no quote has the id 'did-not-respond'"
    ):
        writer.undo(quoted)


def test_new_files_point_at_their_schema_which_is_written_when_missing(corpus: Path) -> None:
    writer = CorpusWriter(corpus, cache_dir=None)
    fields = {"id": "sub", "text": "t", "claimant": "c", "tags": ["x"]}
    change = writer.add_claim("claims/2023/june", fields)

    assert {f.file for f in change.files} == {
        "claims/2023/june.yaml",
        ".schemas/claims.schema.json",
    }
    text = (corpus / "claims/2023/june.yaml").read_text()
    assert (
        text.splitlines()[0] == "# yaml-language-server: $schema=../../.schemas/claims.schema.json"
    )
    assert (corpus / ".schemas/claims.schema.json").is_file()
    assert errors_of(corpus) == []


def test_a_source_is_added_beside_the_others_and_nothing_is_overwritten(corpus: Path) -> None:
    (corpus / "evidence" / "courier-2023-07.txt").write_text("a stray file\n")
    writer = CorpusWriter(corpus, cache_dir=None)
    words = "Rain is forecast for July.\n"

    first = writer.add_source(words, outlet="The Valley Courier", title="Rain", published="2023-07")
    second = writer.add_source(
        words, outlet="The Valley Courier", title="Rain", published="2023-07"
    )

    assert (first.item_id, second.item_id) == ("valley-courier-2023-07", "valley-courier-2023-07-2")
    assert (corpus / "evidence" / "courier-2023-07.txt").read_text() == "a stray file\n"
    with pytest.raises(WriteRefused, match="source id 'courier-2023-07' is used already"):
        writer.add_source(words, outlet="X", title="Y", source_id="courier-2023-07")
    assert errors_of(corpus) == []


@pytest.mark.parametrize(
    ("outlet", "published", "expected"),
    [
        ("RFE/RL", "2022-05-03", "rferl-2022-05"),
        ("Radio Free Europe/Radio Liberty", "2022-05", "rferl-2022-05"),
        ("Agence France-Presse", "2021", "agence-france-presse-2021"),
        ("The New York Times", None, "new-york-times"),
        ("Le Monde diplomatique", "2020-01", "le-monde-diplomatique-2020-01"),
        ("!!!", "2020", "source-2020"),
    ],
)
def test_source_ids_read_as_outlet_and_date(
    outlet: str, published: str | None, expected: str
) -> None:
    assert ids.source_id(outlet, published, set()) == expected


@pytest.mark.parametrize(
    ("words", "taken", "expected"),
    [
        (
            "IS-K claimed responsibility for an April 22 blast",
            set(),
            "is-k-claimed-responsibility-april",
        ),
        ("“The Taliban called us infidels.", set(), "taliban-called-us-infidels"),
        ("It is what it is.", set(), "it-is-what-it"),
        ("Nineteen people were killed", {"nineteen-people-killed"}, "nineteen-people-killed-2"),
        ("Zürich’s façade", set(), "zurichs-facade"),
        ("...", set(), "quote"),
    ],
)
def test_quote_ids_are_made_of_the_quotes_first_words(
    words: str, taken: set[str], expected: str
) -> None:
    assert ids.quote_id(words, taken) == expected


def test_the_bundled_corpus_round_trips_byte_for_byte(bundled_copy: Path) -> None:
    """A change that finds nothing to do writes nothing: the files' text is kept exactly."""
    writer = CorpusWriter(bundled_copy, cache_dir=None)
    before = {p: p.read_bytes() for p in bundled_copy.rglob("*.yaml")}
    change = writer.link("complete-security", "kunduz-blast", "contradicts")
    assert not change.written
    assert {p: p.read_bytes() for p in bundled_copy.rglob("*.yaml")} == before


def test_an_unknown_claim_is_refused_with_a_guess(write_corpus: WriteCorpus) -> None:
    root = write_corpus()
    with pytest.raises(WriteRefused, match=r"no claim has the id 'defeatd' .*'defeated'"):
        CorpusWriter(root, cache_dir=None).link("defeatd", "toll", "supports")


def test_a_file_written_by_a_script_changes_only_where_the_change_is(corpus: Path) -> None:
    """`yaml.dump` wraps long values over several lines and writes links as blocks: a round trip
    of the whole file would join every wrapped line. Only the entry changed is written anew;
    a new link is written as a block, like the others; a new claim goes after the last."""
    long_words = "The ministry said the reservoirs had fully recovered and " * 3
    claims = {
        "claims": [
            {
                "id": claim_id,
                "text": long_words + claim_id,
                "claimant": "Agriculture ministry",
                "evidence": [{"ref": "quotas-cut", "stance": "contradicts"}],
            }
            for claim_id in ("first", "second", "third")
        ]
    }
    written = yaml.dump(claims, sort_keys=False, width=60)
    assert "recovered and\n    The ministry" in written  # wrapped, as scripts write them
    (corpus / CLAIMS).write_text(written)
    writer = CorpusWriter(corpus, cache_dir=None)

    writer.link("second", "bulletin-41", "context")
    writer.add_claim(CLAIMS, {"id": "fourth", "text": "t", "claimant": "c"})

    after = (corpus / CLAIMS).read_text()
    first, third = (written.split("- id: ")[n] for n in (1, 3))
    assert f"- id: {first}- id: second" in after  # the first claim as it was, to the byte
    assert f"- id: {third}" in after  # and the third
    assert "  - ref: bulletin-41\n    stance: context\n- id: third\n" in after
    assert after.endswith(f'- id: {third}- id: fourth\n  text: "t"\n  claimant: c\n')
    assert after.startswith(written.split("- id: second")[0])
    assert errors_of(corpus) == []


def test_an_entry_written_anew_sits_where_the_others_do() -> None:
    """A dash alone on its line, a block note, a comment between entries and no line end at
    the end of the file: the entry changed is written at the list's indentation, the rest of
    the file is kept, and the new entry is set apart by a blank line as the others are."""
    text = (
        "claims:\n-\n  id: a\n  text: x\n  note: |\n    multi\n    line\n\n# between\n"
        "- id: b\n  text: y\n  evidence:\n  - {ref: q, stance: context}"
    )
    edited = YamlFile(text)
    entry = edited.entry("claims", "a")
    assert entry is not None
    entry["text"] = "x2"
    edited.append("claims", yamledit.block_mapping([("id", "c"), ("text", "z")]))

    assert edited.text() == (
        "claims:\n- id: a\n  text: x2\n  note: |\n    multi\n    line\n\n# between\n"
        "- id: b\n  text: y\n  evidence:\n  - {ref: q, stance: context}\n\n- id: c\n  text: z\n"
    )
    assert YamlFile(text).text() == text  # nothing changed, nothing written anew
