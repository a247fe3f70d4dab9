"""A report as a stream of text: pieces joined into chunks, and blank lines squeezed on the way.

Renderers yield a report piece by piece, claim by claim, so that the whole text is never held:
at 50,000 claims the HTML report is 200 MB of text, and building it whole took 750 MB more than
the corpus itself. What writes the stream (a file, standard output) gets chunks of about
`CHUNK_CHARACTERS`, not the hundreds of thousands of small strings a template yields.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

CHUNK_CHARACTERS = 1 << 16
"""About 64,000 characters a chunk: few enough writes, and small beside any report."""


def chunked(pieces: Iterable[str], size: int = CHUNK_CHARACTERS) -> Iterator[str]:
    """`pieces` joined into chunks of at least `size` characters (the last may be shorter);
    no empty chunk."""
    waiting: list[str] = []
    held = 0
    for piece in pieces:
        waiting.append(piece)
        held += len(piece)
        if held >= size:
            yield "".join(waiting)
            waiting.clear()
            held = 0
    if held:
        yield "".join(waiting)


def squeezed(chunks: Iterable[str]) -> Iterator[str]:
    """The text of `chunks` with every run of three or more line ends made two, and white space
    stripped from both ends, ending in one line end: what `squeeze(text).strip() + "\\n"`
    gives for the whole text, chunk by chunk.

    The white space at the end of each chunk is held back until the next chunk shows whether
    it is inside the text (a run of line ends that goes on) or at its end (stripped)."""
    held = ""
    started = False
    for chunk in chunks:
        text = held + chunk
        if not started:
            text = text.lstrip()
        body = text.rstrip()
        held = text[len(body) :]
        if body:
            started = True
            # str.replace until no run of three is left: the same as re.sub(r"\n{3,}", "\n\n")
            # and several times faster. A run inside `body` is whole: `body` starts where the
            # text last yielded ended, on a character that is not white space, or at the start.
            while "\n\n\n" in body:
                body = body.replace("\n\n\n", "\n\n")
            yield body
    yield "\n"
