"""Claims already checked: precision and recall of claim matching, and its time at 10,000 claims.

Run on demand:  .venv/bin/python benchmarks/bench_claim_matching.py [--corpus /tmp/c10k]

Quality: the bundled corpus's 12 claims are matched against the labelled texts of
tests/data/claim_pairs.yaml (30 that say what one of them says, 26 on the same subject that say
something else). A match is right when the text is labelled `same: true` for that claim; any
other match (a labelled `same: false`, or a text labelled for another claim) is a false one.
The 12 bundled claims are also matched with each other: they are 66 different claims, so every
match there is false too. Then the same with the 10,000 claims of --corpus added as distractors.

Ablation: the matcher's score, then each part alone (token_set_ratio; IDF-weighted overlap),
and the score without the checks that tell similar sentences apart (figures, names, negation),
each at the threshold that suits it best on this set (which flatters them: the matcher's own
threshold was set once, MATCH_THRESHOLD).

Speed: matching the corpus's claims with each other (within a corpus), and 200 published
checks against them (`checked-before` with imported fact checks), against a baseline measured
in the same run: cdist over all pairs of the first 2,000 claims, scaled to all of them.
"""

from __future__ import annotations

import argparse
import dataclasses
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import yaml
from rapidfuzz import fuzz, process

from factcheck.corpus import claim_matching
from factcheck.corpus.claim_matching import (
    MATCH_THRESHOLD,
    Folded,
    fold,
    match_between,
    match_within,
)

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "tests" / "data" / "claim_pairs.yaml"


def bundled_claims() -> dict[str, str]:
    claims: dict[str, str] = {}
    for path in sorted((ROOT / "claims").glob("*.yaml")):
        for claim in yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)["claims"]:
            claims[claim["id"]] = claim["text"]
    return claims


def corpus_claims(root: Path) -> list[str]:
    texts: list[str] = []
    for path in sorted((root / "claims").glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        texts.extend(claim["text"] for claim in data.get("claims") or [])
    return texts


def labelled() -> list[tuple[str, str, bool]]:
    data = yaml.load(PAIRS.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return [(pair["claim"], pair["text"], pair["same"]) for pair in data["pairs"]]


def quality(
    claims: dict[str, str],
    pairs: list[tuple[str, str, bool]],
    distractors: list[str],
    threshold: float = MATCH_THRESHOLD,
) -> tuple[float, float, int, int, int]:
    """(precision, recall, right, wrong, missed) of matching the claims (and distractors)
    against the labelled texts, and the claims with each other."""
    ids = list(claims)
    left = [claims[claim_id] for claim_id in ids] + distractors
    texts = sorted({text for _, text, _ in pairs})
    positives = {(claim_id, text) for claim_id, text, same in pairs if same}
    found = {
        (ids[m.left] if m.left < len(ids) else f"distractor-{m.left}", texts[m.right])
        for m in match_between(left, texts, threshold=threshold)
    }
    within = [m for m in match_within(list(claims.values()), threshold=threshold)]
    right = len(found & positives)
    wrong = len(found - positives) + len(within)
    missed = len(positives - found)
    predicted = right + wrong
    return (right / predicted if predicted else 1.0), right / len(positives), right, wrong, missed


def ablation(claims: dict[str, str], pairs: list[tuple[str, str, bool]]) -> None:
    """Each scorer's best F1 over thresholds, on the labelled pairs and the 66 bundled pairs."""
    ids = list(claims)
    rows: list[tuple[Folded, Folded, bool]] = []
    folded_claims = {claim_id: fold(text) for claim_id, text in claims.items()}
    for claim_id, text, same in pairs:
        rows.append((folded_claims[claim_id], fold(text), same))
    for first in range(len(ids)):
        for second in range(first + 1, len(ids)):
            rows.append((folded_claims[ids[first]], folded_claims[ids[second]], False))
    weights = claim_matching._weights([*folded_claims.values(), *(b for _, b, _ in rows)])

    def full(a: Folded, b: Folded) -> float:
        return claim_matching.pair_score(a, b, weights)[0]

    def plain(a: Folded, b: Folded) -> float:
        # No figures, no names, no negation: nothing to tell similar sentences apart by.
        bare = dataclasses.replace(a, numbers=frozenset(), names=frozenset(), negated=False)
        other = dataclasses.replace(b, numbers=frozenset(), names=frozenset(), negated=False)
        return claim_matching.pair_score(bare, other, weights)[0]

    def token_set(a: Folded, b: Folded) -> float:
        return fuzz.token_set_ratio(a.joined, b.joined) / 100

    def raw_token_set(a: Folded, b: Folded) -> float:
        return fuzz.token_set_ratio(" ".join(a.shown.values()), " ".join(b.shown.values())) / 100

    def overlap(a: Folded, b: Folded) -> float:
        shared = set(a.terms) & set(b.terms)
        total = weights.of(set(a.terms)) + weights.of(set(b.terms))
        return 2 * weights.of(shared) / total if total else 0.0

    scorers: dict[str, Callable[[Folded, Folded], float]] = {
        "matcher (all parts)": full,
        "without figures/names/negation": plain,
        "token_set_ratio, folded terms": token_set,
        "token_set_ratio, unstemmed words": raw_token_set,
        "IDF-weighted dice of terms": overlap,
    }
    positives = sum(same for _, _, same in rows)
    print(f"\nablation: {len(rows)} pairs ({positives} same), best F1 over thresholds")
    for name, scorer in scorers.items():
        scored = [(scorer(a, b), same) for a, b, same in rows]
        best = (0.0, 0.0, 0.0, 0.0)
        for threshold in np.arange(0.30, 1.0, 0.01):
            right = sum(1 for score, same in scored if score >= threshold and same)
            predicted = sum(1 for score, _ in scored if score >= threshold)
            if not predicted:
                continue
            precision, recall = right / predicted, right / positives
            f1 = 2 * precision * recall / (precision + recall) if right else 0.0
            if f1 > best[0]:
                best = (f1, float(threshold), precision, recall)
        at_ours = [(score >= MATCH_THRESHOLD, same) for score, same in scored]
        right = sum(1 for hit, same in at_ours if hit and same)
        predicted = sum(1 for hit, _ in at_ours if hit)
        print(
            f"  {name:34} F1 {best[0]:.2f} at {best[1]:.2f} (P {best[2]:.2f} R {best[3]:.2f})"
            + (
                f";  at {MATCH_THRESHOLD}: P {right / predicted if predicted else 1:.2f} "
                f"R {right / positives:.2f}"
                if scorer in (full, plain)
                else ""
            )
        )


def timed(action: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("/tmp/c10k"))
    args = parser.parse_args()

    claims, pairs = bundled_claims(), labelled()
    precision, recall, right, wrong, missed = quality(claims, pairs, [])
    print(
        f"labelled set: {len(pairs)} texts against {len(claims)} bundled claims "
        f"(+ the {len(claims) * (len(claims) - 1) // 2} bundled pairs), threshold "
        f"{MATCH_THRESHOLD}"
    )
    print(
        f"  precision {precision:.2f}  recall {recall:.2f}  "
        f"({right} right, {wrong} wrong, {missed} missed)"
    )
    ablation(claims, pairs)

    if not (args.corpus / "claims").is_dir():
        print(f"\nno corpus at {args.corpus}: no timings (generate one with bench_check.py)")
        return
    distractors = corpus_claims(args.corpus)
    precision, recall, right, wrong, missed = quality(claims, pairs, distractors)
    print(f"\nwith the {len(distractors):,} claims of {args.corpus} as distractors:")
    print(
        f"  precision {precision:.2f}  recall {recall:.2f}  "
        f"({right} right, {wrong} wrong, {missed} missed)"
    )

    print(f"\ntimings on {len(distractors):,} claims (this machine, best of 3):")
    within = min(timed(lambda: match_within(distractors))[0] for _ in range(3))
    print(f"  within the corpus (match_within):           {within:6.2f} s")
    published = [text for _, text, _ in pairs] * 4
    between = min(timed(lambda: match_between(distractors, published[:200]))[0] for _ in range(3))
    print(f"  200 published checks against it:            {between:6.2f} s")
    sample = [fold(text).joined for text in distractors[:2000]]
    baseline, _ = timed(
        lambda: process.cdist(
            sample, sample, scorer=fuzz.token_set_ratio, dtype=np.uint8, workers=-1
        )
    )
    scale = (len(distractors) / len(sample)) ** 2
    print(
        f"  baseline: cdist over all pairs, 2,000 claims {baseline:.2f} s, so about "
        f"{baseline * scale:.1f} s for all {len(distractors):,} (x{baseline * scale / within:.0f} "
        "the blocked match)"
    )


if __name__ == "__main__":
    main()
