"""The trending-papers page text: boilerplate, a title glued to "Subscribe", then
alternating title and abstract lines."""
from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from kg.errors import RecordError
from kg.ingest.common import make_paper
from kg.model import Paper, normalise_text

_BOILERPLATE = ("Get trending papers in your email inbox",)


def read_trending(stream: IO[str], name: str) -> Iterator[Paper | RecordError]:
    """Pairs of lines (title, abstract); a line that is empty once normalised is ignored."""
    title: str | None = None
    title_line = 0
    for lineno, raw in enumerate(stream, 1):
        line = normalise_text(raw)
        if not line or any(line.startswith(b) for b in _BOILERPLATE):
            continue
        if line.startswith("Subscribe"):
            line = line[len("Subscribe"):].strip()
            if not line:
                continue
        if title is None:
            title, title_line = line, lineno
            continue
        yield make_paper(f"{name}:{title_line}", title=title, abstract=line)
        title = None
    if title is not None:
        yield RecordError(f"{name}:{title_line}", "title with no abstract")
