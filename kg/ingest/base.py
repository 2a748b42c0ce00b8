"""Reader registry, format detection and the dedupe pass shared by all readers."""
from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from kg.errors import InputError, RecordError
from kg.model import Paper


@dataclass(frozen=True, slots=True)
class Skip:
    """A record that was not read, and why (``file:line: reason``)."""

    location: str
    reason: str

    def __str__(self) -> str:
        return f"{self.location}: {self.reason}"


#: A reader takes a text stream and the name to use in messages, and yields Papers or
#: RecordErrors (a bad record is yielded, not raised, so reading goes on).
Reader = Callable[[IO[str], str], Iterator["Paper | RecordError"]]

#: format name -> (module, function). Imported only when used.
READERS: dict[str, tuple[str, str]] = {
    "trending": ("kg.ingest.trending", "read_trending"),
}


def get_reader(fmt: str) -> Reader:
    try:
        module, func = READERS[fmt]
    except KeyError:
        raise InputError(f"unknown format {fmt!r}; known formats: {', '.join(sorted(READERS))}") from None
    return getattr(importlib.import_module(module), func)


def detect_format(path: str, head: str) -> str | None:
    """The format of a source from its name and first characters, or None."""
    if head.lstrip().startswith("Get trending papers") or "\nSubscribe" in head[:4000]:
        return "trending"
    return None


def _open(source: str) -> tuple[IO[str], str]:
    if source == "-":
        return sys.stdin, "<stdin>"
    p = Path(source)
    if not p.exists():
        raise InputError(f"{source}: no such file")
    if p.is_dir():
        raise InputError(f"{source}: is a directory, not a file")
    return open(p, encoding="utf-8-sig", errors="replace", newline=""), source


def read_source(source: str, fmt: str | None = None) -> Iterator[Paper | RecordError]:
    stream, name = _open(source)
    with stream if stream is not sys.stdin else _nullctx(stream):
        if fmt is None:
            head = stream.read(8192)
            fmt = detect_format(name, head)
            if fmt is None:
                raise InputError(f"{name}: not a recognised format (tried: {', '.join(sorted(READERS))}); "
                                 "use --from FORMAT")
            stream = _Rewound(head, stream)  # type: ignore[assignment]
        yield from get_reader(fmt)(stream, name)


class _nullctx:
    def __init__(self, s: IO[str]) -> None:
        self.s = s

    def __enter__(self) -> IO[str]:
        return self.s

    def __exit__(self, *a: object) -> None:
        return None


class _Rewound:
    """A stream whose first characters were already read for detection."""

    def __init__(self, head: str, rest: IO[str]) -> None:
        self._head = head
        self._rest = rest

    def __iter__(self) -> Iterator[str]:
        import io

        buf = io.StringIO(self._head)
        pending = ""
        for line in buf:
            pending = line
            if line.endswith("\n"):
                yield line
                pending = ""
        first = True
        for line in self._rest:
            if first and pending:
                line = pending + line
                first = False
            yield line
            first = False
        if first and pending:
            yield pending

    def read(self, n: int = -1) -> str:
        data = self._head + self._rest.read()
        self._head = ""
        return data


def dedupe(papers: Iterable[Paper]) -> Iterator[Paper]:
    """Drops papers seen before, by id, else by normalised title."""
    from kg.model import title_key

    seen: set[str] = set()
    for p in papers:
        keys = {"id:" + p.id, "title:" + title_key(p.title)}
        if keys & seen:
            continue
        seen |= keys
        yield p


def read_sources(sources: Sequence[str], fmt: str | None = None, strict: bool = False,
                 report: Callable[[Skip], None] | None = None) -> Iterator[Paper]:
    def papers() -> Iterator[Paper]:
        for src in sources:
            for item in read_source(src, fmt):
                if isinstance(item, RecordError):
                    if strict:
                        raise item
                    if report:
                        report(Skip(item.location, item.reason))
                    continue
                yield item

    return dedupe(papers())
