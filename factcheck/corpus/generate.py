"""Synthetic corpora of any size, in the real format, for benchmarks.

Deterministic for a seed. Every quote is a verbatim sentence of its source's text and every
reference resolves, so `factcheck check` accepts the result.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from factcheck.corpus import yamlio

_WORDS = (
    "the of and to in a is that for it as was with be by on not he this are or his from at which "
    "but have an they you were her she there been one all we their has would when if so no will "
    "more about can said what up out them into its who time some could than may only other new "
    "these two first then do any like my now over such our man me even most made after also did "
    "many before must through back years where much your way well down should because each just "
    "those people how too little state good very make world still own see men work long get here "
    "between both life being under never day same another know while last might us great old year "
    "off come since against go came right used take three security attack province district "
    "officials spokesman government fighters group claimed killed wounded blast mosque city "
    "residents police commander minister report reporters interview statement authorities border "
    "militants forces checkpoint hospital school market capital country region week month"
).split()
_NAMES = "Ahmad Karimi Rahimi Noori Sadat Hakimi Yousufzai Wardak Popal Stanekzai".split()
_OUTLETS = ("Wire Service", "Daily Record", "Radio Desk", "The Observer", "Evening Post")
_STANCES = ("contradicts", "supports", "context")
_SENTENCE = re.compile(r"[^.]+\.")


@dataclass(frozen=True, slots=True)
class GeneratedSize:
    claims: int
    quotes: int
    sources: int
    files: int


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(12, 28))]
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), f"{rng.randint(2, 400)}")
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), rng.choice(_NAMES))
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def _article(rng: random.Random, target_bytes: int) -> list[str]:
    """Paragraphs of sentences, about `target_bytes` long."""
    paragraphs: list[str] = []
    size = 0
    while size < target_bytes:
        paragraph = " ".join(_sentence(rng) for _ in range(rng.randint(2, 5)))
        paragraphs.append(paragraph)
        size += len(paragraph) + 1
    return paragraphs


def generate_corpus(
    out: Path,
    *,
    claims: int = 10_000,
    quotes_per_claim: int = 5,
    claims_per_source: int = 5,
    claims_per_file: int = 500,
    source_bytes: int = 8_000,
    seed: int = 1,
) -> GeneratedSize:
    """Write a corpus into `out` (created; existing corpus files there are overwritten)."""
    rng = random.Random(seed)
    (out / "claims").mkdir(parents=True, exist_ok=True)
    (out / "evidence").mkdir(parents=True, exist_ok=True)
    source_count = max(1, claims // claims_per_source)
    quotes_per_source = max(1, claims * quotes_per_claim // source_count)
    quote_ids: list[str] = []
    sentences_of: dict[str, list[str]] = {}
    for number in range(source_count):
        source_id = f"source-{number:05d}"
        paragraphs = _article(rng, source_bytes)
        (out / "evidence" / f"{source_id}.txt").write_text("\n".join(paragraphs) + "\n")
        sentences = [s.strip() for p in paragraphs for s in _SENTENCE.findall(p)]
        sentences_of[source_id] = sentences
        quotes = []
        for index in range(quotes_per_source):
            quote_id = f"{source_id}-q{index:03d}"
            quote_ids.append(quote_id)
            quotes.append({"id": quote_id, "quote": rng.choice(sentences)})
        document = {
            "source": {
                "id": source_id,
                "outlet": rng.choice(_OUTLETS),
                "title": _sentence(rng).rstrip(".")[:90],
                "url": f"https://news.example.org/{source_id}",
                "published": f"20{rng.randint(18, 25)}-{rng.randint(1, 12):02d}",
                "text": f"{source_id}.txt",
            },
            "quotes": quotes,
        }
        _dump(out / "evidence" / f"{source_id}.yaml", document)
    for start in range(0, claims, claims_per_file):
        entries = []
        for number in range(start, min(claims, start + claims_per_file)):
            source_id = f"source-{rng.randrange(source_count):05d}"
            is_quote = rng.random() < 0.3
            text = rng.choice(sentences_of[source_id]) if is_quote else _sentence(rng)
            entries.append(
                {
                    "id": f"claim-{number:05d}",
                    "text": text,
                    "kind": "quote" if is_quote else "summary",
                    "claimant": f"{rng.choice(_NAMES)} {rng.choice(_NAMES)}",
                    "role": rng.choice(["spokesman", "minister", "governor", "commander"]),
                    "date": f"20{rng.randint(18, 25)}-{rng.randint(1, 12):02d}",
                    "source": source_id,
                    "tags": rng.sample(["security", "economy", "is-k", "health", "borders"], 2),
                    "evidence": [
                        {"ref": quote_id, "stance": rng.choice(_STANCES)}
                        for quote_id in rng.sample(quote_ids, min(quotes_per_claim, len(quote_ids)))
                    ],
                }
            )
        _dump(out / "claims" / f"topic-{start // claims_per_file:03d}.yaml", {"claims": entries})
    (out / "factcheck.yaml").write_text(f'title: "Generated corpus of {claims} claims"\n')
    return GeneratedSize(
        claims, len(quote_ids), source_count, source_count + claims // claims_per_file
    )


def _dump(path: Path, document: object) -> None:
    path.write_text(yamlio.dump(document), encoding="utf-8")
