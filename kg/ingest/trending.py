"""The trending-papers page text: boilerplate, a title glued to "Subscribe", then
alternating title and abstract lines."""
from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from kg.errors import RecordError
from kg.model import Paper, normalise_text

_BOILERPLATE = ("Get trending papers in your email inbox",)


def read_trending(stream: IO[str], name: str) -> Iterator[Paper | RecordError]:
    title: str | None = None
    title_line = 0
    for lineno, raw in enumerate(stream, 1):
        line = raw.strip()
        if not line or any(line.startswith(b) for b in _BOILERPLATE):
            continue
        if line.startswith("Subscribe"):
            line = line[len("Subscribe"):].strip()
            if not line:
                continue
        if title is None:
            title, title_line = line, lineno
            continue
        t, a = normalise_text(title), normalise_text(line)
        yield Paper(id=Paper.id_from_title(t), title=t, abstract=a, source=f"{name}:{title_line}")
        title = None
    if title is not None:
        yield RecordError(f"{name}:{title_line}", "title with no abstract")
