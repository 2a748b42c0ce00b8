"""Where queries run: the local Oxigraph store, or a remote endpoint (:mod:`kg.remote`).

Both backends take the query text and the parameter bindings separately. The local one hands
the bindings to pyoxigraph (``substitutions=``, SPARQL SEP-0007), which replaces the variable
by the term inside the parsed query: a value is only ever one RDF term, whatever characters
it holds. pyoxigraph binds only variables that appear in the SELECT projection, so every
parameterised query (saved or generated) projects its parameters; the remote backend relies
on the same rule (see :meth:`kg.remote.RemoteBackend.query`).
"""
from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

from kg.errors import QueryError
from kg.graph.namespaces import PREFIXES
from kg.query.results import QueryResult, Term

#: Default result-size cap: enough for any table a person reads, small enough for memory.
DEFAULT_MAX_ROWS = 100_000
TIMED_OUT = "query timed out"

_SYNTAX = re.compile(r"error at (\d+):(\d+):?\s*(.*)", re.S)
_NOT_PROJECTED = re.compile(r"does not contains? variable \?(\w+)")


class Backend(Protocol):
    """Anything that answers SPARQL with bound parameters."""

    def query(self, sparql: str, bindings: Mapping[str, Term] | None = None, *,
              timeout: float | None = None, max_rows: int | None = None) -> QueryResult: ...

    def triples(self) -> Any: ...

    def describe(self) -> str: ...


def syntax_error(e: BaseException, query: str) -> QueryError:
    """pyoxigraph's 'error at L:C: ...' as a message that shows the line and a caret."""
    msg = str(e)
    m = _SYNTAX.search(msg)
    if not m:
        return QueryError(f"SPARQL syntax error: {msg}")
    line, col, what = int(m.group(1)), int(m.group(2)), m.group(3).strip()
    lines = query.splitlines() or [""]
    src = lines[line - 1] if 0 < line <= len(lines) else ""
    caret = " " * max(col - 1, 0) + "^"
    return QueryError(f"SPARQL syntax error at line {line}, column {col}: {what}\n  {src}\n  {caret}")


def binding_error(e: BaseException) -> QueryError:
    m = _NOT_PROJECTED.search(str(e))
    if m:
        return QueryError(
            f"cannot bind ?{m.group(1)}: a bound variable must be named in the SELECT clause "
            f"(add ?{m.group(1)} to it; SELECT * does not count)")
    return QueryError(f"query failed: {e}")


class _Timeout(Exception):
    pass


_KEYWORD = re.compile(r"[A-Za-z_]+")


def _where_brace(query: str) -> int | None:
    """Offset just after the ``{`` that opens the query's WHERE group, or None when unsure.

    A small scanner: skips comments, strings and ``<IRI>`` tokens of the prologue and the
    projection; for CONSTRUCT it skips the template. Anything it does not recognise (no
    group, odd syntax) returns None and the caller falls back to plain substitution.
    """
    i, n, depth = 0, len(query), 0
    construct_template = False
    seen_form = False
    while i < n:
        c = query[i]
        if c == "#":
            j = query.find("\n", i)
            i = n if j < 0 else j + 1
            continue
        if c in "\"'":
            q3 = query[i:i + 3]
            if q3 in ('"""', "'''"):
                j = query.find(q3, i + 3)
                while j > 0 and query[j - 1] == "\\":
                    j = query.find(q3, j + 1)
                if j < 0:
                    return None
                i = j + 3
                continue
            j = i + 1
            while j < n and query[j] != c:
                if query[j] == "\\":
                    j += 1
                elif query[j] == "\n":
                    return None
                j += 1
            if j >= n:
                return None
            i = j + 1
            continue
        if c == "<":
            m = re.match(r"<[^<>\"{}|^`\\\s]*>", query[i:])
            if m:
                i += m.end()
                continue
            i += 1
            continue
        if c.isalpha() and depth == 0:
            m = _KEYWORD.match(query, i)
            assert m
            word = m.group(0).upper()
            if not seen_form and word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
                seen_form = True
                if word == "CONSTRUCT":
                    rest = query[m.end():].lstrip()
                    construct_template = rest.startswith("{")
            i = m.end()
            continue
        if c == "{":
            if not seen_form:
                return None
            if construct_template:
                depth += 1
            else:
                return i + 1
        elif c == "}" and construct_template:
            depth -= 1
            if depth == 0:
                construct_template = False
            elif depth < 0:
                return None
        i += 1
    return None


def inline_values(query: str, bindings: Mapping[str, Term]) -> str:
    """``query`` with the bound values as a VALUES block first in its WHERE group.

    Why: pyoxigraph plans a query before it sees ``substitutions``, so a bound variable looks
    unbound to its optimizer, which then starts from the largest patterns (a hash join over
    every link: 100x slower on a 20k-paper graph). A VALUES block at the start of the group
    is joined first and the rest is planned around it. The substitutions are still passed
    (same values), so the answer and the "must be projected" rule do not change.

    Safe although it builds text: each value is ``str(term)``, its N-Triples form (a
    NamedNode holds only a valid IRI; a Literal is written with quotes, backslashes and line
    breaks escaped), so it is exactly one RDF term token, as in :func:`kg.remote.values_clause`.
    Only IRIs and literals are inlined; anything else is left to substitution alone.
    """
    from pyoxigraph import Literal, NamedNode

    items = [(k, v) for k, v in bindings.items()
             if isinstance(v, (NamedNode, Literal)) and re.fullmatch(r"[A-Za-z_]\w*", k)]
    if not items:
        return query
    at = _where_brace(query)
    if at is None:
        return query
    block = (" VALUES (" + " ".join(f"?{k}" for k, _ in items) + ") { ("
             + " ".join(str(v) for _, v in items) + ") } ")
    return query[:at] + block + query[at:]


def materialise(res: Any, deadline: float | None, max_rows: int | None) -> QueryResult:
    """Reads a pyoxigraph result into a :class:`QueryResult`, honouring the deadline and cap."""
    from pyoxigraph import QueryBoolean, QuerySolutions

    cap = max_rows if max_rows is not None else DEFAULT_MAX_ROWS
    if isinstance(res, QueryBoolean):
        return QueryResult("ask", boolean=bool(res))
    if isinstance(res, QuerySolutions):
        variables = [v.value for v in res.variables]
        out = QueryResult("select", variables=variables)
        for sol in res:
            if len(out.rows) >= cap:
                out.truncated = True
                break
            out.rows.append(tuple(sol[v] for v in variables))
            if deadline is not None and time.monotonic() > deadline:
                raise _Timeout
        return out
    out = QueryResult("graph")
    for t in res:
        if len(out.triples) >= cap:
            out.truncated = True
            break
        out.triples.append(t)
        if deadline is not None and time.monotonic() > deadline:
            raise _Timeout
    return out


def run_with_timeout(fn: Any, timeout: float | None) -> Any:
    """Runs ``fn()`` in a worker thread and gives up after ``timeout`` seconds.

    pyoxigraph releases the GIL while it evaluates, so the caller regains control on time even
    inside a long join or sort. It cannot cancel the evaluation, though: the worker finishes
    in the background (a daemon thread, so a CLI process simply exits). Iteration checks the
    deadline between rows, so streaming queries stop promptly by themselves.
    """
    if timeout is None:
        return fn()
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["value"] = fn()
        except BaseException as e:  # noqa: BLE001 - re-raised in the caller's thread
            box["error"] = e

    th = threading.Thread(target=work, name="kg-query", daemon=True)
    th.start()
    th.join(timeout)
    err = box.get("error")
    if th.is_alive() or (isinstance(err, QueryError) and str(err) == TIMED_OUT):
        raise QueryError(f"query timed out after {timeout:g} s (--timeout)")
    if err is not None:
        raise err
    return box["value"]


class _StoreQueries:
    """Querying over ``self.store``, shared by the backends that differ only in where their
    store comes from (a graph directory's live store, or a store being built)."""

    @property
    def store(self) -> Any:
        raise NotImplementedError

    def version(self) -> str:
        raise NotImplementedError

    def describe(self) -> str:
        raise NotImplementedError

    def query(self, sparql: str, bindings: Mapping[str, Term] | None = None, *,
              timeout: float | None = None, max_rows: int | None = None) -> QueryResult:
        deadline = time.monotonic() + timeout if timeout is not None else None
        return run_with_timeout(
            lambda: self.run(sparql, bindings, deadline=deadline, max_rows=max_rows), timeout)

    def run(self, sparql: str, bindings: Mapping[str, Term] | None = None, *,
            deadline: float | None = None, max_rows: int | None = None) -> QueryResult:
        """Evaluates in the calling thread; row iteration stops at ``deadline``."""
        from pyoxigraph import Variable

        store = self.store
        subs = {Variable(k): v for k, v in (bindings or {}).items()}
        text = inline_values(sparql, bindings) if subs else sparql
        try:
            try:
                res = store.query(text, prefixes=PREFIXES, substitutions=subs or None)
            except SyntaxError:
                if text is sparql:
                    raise
                # report the error against the text the user wrote
                res = store.query(sparql, prefixes=PREFIXES, substitutions=subs or None)
            return materialise(res, deadline, max_rows)
        except SyntaxError as e:
            raise syntax_error(e, sparql) from None
        except (RuntimeError, ValueError) as e:
            raise binding_error(e) from None
        except OSError as e:
            raise QueryError(f"query failed reading the store: {e}") from None
        except _Timeout:
            raise QueryError(TIMED_OUT) from None

    def triples(self) -> Any:
        """Every triple of the default graph (for the NetworkX view)."""
        from pyoxigraph import DefaultGraph

        return self.store.quads_for_pattern(None, None, None, DefaultGraph())


class LocalBackend(_StoreQueries):
    """A built graph directory, opened read-only; reopened if a build switches the store.

    Opening is cheap (RocksDB read-only open) and the store is shared between threads: the
    server runs many queries on one instance.
    """

    def __init__(self, graph_dir: str | os.PathLike[str]) -> None:
        from kg.graph.store import open_store

        self.graph_dir = Path(graph_dir)
        self._lock = threading.Lock()
        self._pointer = self._read_pointer()
        self._store = open_store(self.graph_dir)

    def _read_pointer(self) -> str:
        from kg.graph.store import read_pointer

        return read_pointer(self.graph_dir)

    @property
    def store(self) -> Any:
        """The live store; a ``kg build`` or ``kg add`` since the last call is picked up."""
        ptr = self._read_pointer()
        if ptr and ptr != self._pointer:
            from kg.graph.store import open_store

            with self._lock:
                if ptr != self._pointer:
                    self._store = open_store(self.graph_dir)
                    self._pointer = ptr
        return self._store

    def version(self) -> str:
        """The live store's name (changes when a build or an add switches stores)."""
        self.store  # noqa: B018 - picks up a switch
        return self._pointer

    def describe(self) -> str:
        return str(self.graph_dir)


class StoreBackend(_StoreQueries):
    """An open store that is not (yet) a graph directory's live one.

    Why: a build reads its own new store (statistics, the name index) before it switches
    ``CURRENT`` to it, while RocksDB compacts it on another thread
    (:meth:`kg.graph.store.StoreWriter.compacting`); reopening it read-only by path would
    have to wait for the switch. It has no ``graph_dir``, so no name index file is read.
    """

    def __init__(self, store: Any, description: str = "the store being built") -> None:
        self._store = store
        self._description = description

    @property
    def store(self) -> Any:
        return self._store

    def version(self) -> str:
        return ""  # never switched: one store for the backend's life

    def describe(self) -> str:
        return self._description
