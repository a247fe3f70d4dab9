"""How close in meaning a claim and a passage are: the cosine of their WordLlama embeddings.

Lexical matching finds little of what contradicts a claim: "full security" shares no word with
"a bombing killed 50". WordLlama (the `wordllama` package) is a table of token embeddings cut
from a large language model's, averaged over a text's tokens: no network, no GPU, a 16 MB
model and its tokenizer inside the package itself.

A passage's vector is made the first time a claim's ranking meets it, and kept with the index
(`PassageVectors`): a claim's candidates are a few hundred sentences, where embedding all
145,000 sentences of a 10,000-claim corpus up front would take longer than the whole index.

Tried and left off (`Weights.meaning`, `Weights.meaning_like` are 0): on the labelled set it
cost recall@10 at every weight tried, and the leave-one-claim-out check chose the ranking
without it (benchmarks/bench_suggest.py prints the rows when the package is installed). So
`wordllama` is not a dependency; without it `available()` is False and these parts count for
nothing.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import Any

import numpy as np

MODEL = "l2_supercat"
DIMENSIONS = 256


@functools.cache
def _model() -> Any | None:
    """The model, loaded from the files inside the package (downloads disabled: wordllama's
    `load` looks for the tokenizer in a folder named `tokenizer`, ships it in `tokenizers`, and
    would otherwise ask the network for it; pointing its cache folder at the package finds
    both). None when the package is not installed or its files cannot be read."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        import wordllama
        from wordllama import WordLlama
    except ImportError:
        return None
    finally:
        # wordllama calls logging.basicConfig(level=INFO) on import: an application's root
        # logger is not a library's to set (INFO lines on stderr, over the app's screen).
        root.handlers[:] = handlers
        root.setLevel(level)
    try:
        return WordLlama.load(
            MODEL,
            cache_dir=Path(wordllama.__file__).parent,
            dim=DIMENSIONS,
            disable_download=True,
        )
    except (OSError, ValueError):
        return None


def available() -> bool:
    return _model() is not None


def embed(texts: list[str]) -> np.ndarray:
    """Unit vectors of `texts` (one row each); zeros when the model is not there."""
    model = _model()
    if model is None or not texts:
        return np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    vectors = np.asarray(model.embed(texts, norm=False), dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms > 0, norms, 1.0)


class PassageVectors:
    """The unit vectors of an index's sentences, each made when first asked for."""

    __slots__ = ("_made", "_vectors")

    def __init__(self, passages: int) -> None:
        self._vectors = np.zeros((passages, DIMENSIONS), dtype=np.float32)
        self._made = np.zeros(passages, dtype=bool)

    def of(self, passages: np.ndarray, text_of: Any) -> np.ndarray:
        """The vectors of `passages` (positions in the index); `text_of(p)` is p's text."""
        missing = passages[~self._made[passages]]
        if len(missing):
            missing = np.unique(missing)
            self._vectors[missing] = embed([text_of(int(p)) for p in missing])
            self._made[missing] = True
        return self._vectors[passages]
