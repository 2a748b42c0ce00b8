"""The change log of an add: the quads it deleted and inserted, in order.

Why: a copy of the graph in a remote SPARQL store can then be brought up to date by
replaying what each add did (``kg push --changes``) instead of uploading the whole graph
again (78.7M triples at 1M papers).

One file per add, ``changes/<store>.nq``, named after the store the add produced: N-Quads
with comment lines ``#kg-from <store>`` (the store the add started from) and ``#kg-op add``
or ``#kg-op del`` before each run of quads. Replaying the runs in order on a copy of the
``from`` store gives the new store: a paper given twice in one run is inserted, deleted
and inserted again, so the order matters. Inserted runs may repeat quads the store had
(inserting them again changes nothing). A build starts a new history and clears the folder.
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

from pyoxigraph import Quad, RdfFormat, serialize

from kg.errors import KGError

CHANGES_DIR = "changes"
_FROM = "#kg-from "
_OP = "#kg-op "


class ChangeLog:
    """Written while an add runs; kept under the new store's name only if the add commits."""

    def __init__(self, out: Path, from_store: str) -> None:
        folder = out / CHANGES_DIR
        folder.mkdir(parents=True, exist_ok=True)
        self._folder = folder
        self._tmp = folder / f".partial-{os.getpid()}.nq"
        self._fh = open(self._tmp, "wb")  # noqa: SIM115 - closed by commit() or discard()
        self._fh.write(f"{_FROM}{from_store}\n".encode())
        self._last = ""

    def added(self, nquads: bytes) -> None:
        self._run("add", nquads)

    def deleted(self, quads: Iterable[Quad]) -> None:
        self._run("del", serialize(list(quads), format=RdfFormat.N_QUADS) or b"")

    def _run(self, op: str, nquads: bytes) -> None:
        if nquads.strip():
            if op != self._last:  # consecutive runs of one kind are one (fewer requests)
                self._fh.write(f"{_OP}{op}\n".encode())
                self._last = op
            self._fh.write(nquads if nquads.endswith(b"\n") else nquads + b"\n")

    def commit(self, store: str) -> None:
        self._fh.close()
        os.replace(self._tmp, self._folder / f"{store}.nq")

    def discard(self) -> None:
        self._fh.close()
        self._tmp.unlink(missing_ok=True)


def clear(out: Path) -> None:
    """Forgets the history (after a build: its store descends from no earlier one)."""
    shutil.rmtree(out / CHANGES_DIR, ignore_errors=True)


def chain(out: Path, from_store: str, to_store: str) -> list[Path]:
    """The logs that lead from ``from_store`` to ``to_store``, oldest first.

    Raises KGError when a link is missing: a build came in between, or the folder was
    removed. Then only a whole push brings the copy up to date.
    """
    logs: list[Path] = []
    store = to_store
    while store != from_store:
        path = out / CHANGES_DIR / f"{store}.nq"
        try:
            with open(path, encoding="utf-8") as fh:
                first = fh.readline().rstrip("\n")
        except OSError:
            first = ""
        if not first.startswith(_FROM) or len(logs) > 100_000:
            raise KGError(f"no change log leads from store {from_store!r} to {to_store!r} in "
                          f"{out / CHANGES_DIR} (a build since the last push?): push the whole "
                          "graph, without --changes")
        logs.append(path)
        store = first[len(_FROM):]
    return logs[::-1]


def runs(path: Path) -> Iterator[tuple[str, list[str]]]:
    """(``add`` or ``del``, N-Quads lines) for each run of a log, in order."""
    op: str | None = None
    lines: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith(_OP):
                if op is not None and lines:
                    yield op, lines
                op, lines = line[len(_OP):], []
            elif line.strip() and not line.startswith("#"):
                lines.append(line)
    if op is not None and lines:
        yield op, lines
