"""Remote SPARQL stores: query them like the local graph, and push the graph to them.

Querying (:class:`RemoteBackend`) speaks the SPARQL 1.1 Protocol (POST, form-encoded) and
reads JSON results (SELECT/ASK) or N-Triples (CONSTRUCT/DESCRIBE). Pushing (:func:`push`)
uses the Graph Store HTTP Protocol (PUT replaces, POST appends N-Triples) or, for stores
without it, SPARQL Update ``INSERT DATA`` in batches. Only the standard library is used.

Works with Oxigraph (``/query``, ``/store``, ``/update``), Apache Jena Fuseki
(``/ds/sparql``, ``/ds/data``, ``/ds/update``), GraphDB (``/repositories/R``,
``/repositories/R/statements``), Virtuoso (``/sparql``, ``/sparql-graph-crud-auth``) and
QLever (update with an access token) - see the README.
"""
from __future__ import annotations

import base64
import json
import os
import re
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from kg.errors import KGError, QueryError
from kg.graph.namespaces import PREFIXES
from kg.query.results import QueryResult, Term, from_json_dict

_PREFIX_DECL = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.I)
_FORM = re.compile(r"^\s*(?:(?:PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*|#[^\n]*\n\s*)*"
                   r"(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I)
_USER_AGENT = "kg (https://w3id.org/kg-papers/)"


def _auth_header() -> dict[str, str]:
    """Basic auth from KG_ENDPOINT_USER / KG_ENDPOINT_PASSWORD, or a bearer KG_ENDPOINT_TOKEN.

    Read from the environment so secrets never appear on a command line or in shell history.
    """
    token = os.environ.get("KG_ENDPOINT_TOKEN")
    if token:
        return {"Authorization": f"Bearer {token}"}
    user = os.environ.get("KG_ENDPOINT_USER")
    if user:
        pw = os.environ.get("KG_ENDPOINT_PASSWORD", "")
        return {"Authorization": "Basic " + base64.b64encode(f"{user}:{pw}".encode()).decode()}
    return {}


def _request(url: str, data: bytes | IO[bytes] | None, headers: dict[str, str], method: str,
             timeout: float | None) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"User-Agent": _USER_AGENT, **_auth_header(), **headers})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - user-given URL
            return resp.status, dict(resp.headers.items()), resp.read()
    except urllib.error.HTTPError as e:
        body = e.read().decode("utf-8", "replace")[:500]
        e.close()
        if e.code == 400:
            raise QueryError(f"{url}: the endpoint rejected the query: {body.strip()}") from None
        raise KGError(f"{url}: HTTP {e.code} {e.reason}: {body.strip()}") from None
    except urllib.error.URLError as e:
        raise KGError(f"{url}: cannot connect: {e.reason}") from None
    except TimeoutError:
        raise QueryError(f"{url}: no answer within {timeout:g} s (--timeout)") from None


def values_clause(bindings: Mapping[str, Term]) -> str:
    """``VALUES (?a ?b) { (<iri> "text") }`` for client-side binding.

    Why this is safe although it builds query text: the text comes from pyoxigraph terms, not
    from the user's string. ``str(term)`` is the term's N-Triples form: a NamedNode can only be
    constructed from a valid IRI (no ``<>"{}|^`\\`` or spaces, checked by pyoxigraph), and a
    Literal's lexical form is written with every quote, backslash and line break escaped, with
    a validated language tag or datatype IRI. So each bound value is exactly one RDF term token
    in the query and cannot close a string, a brace or a clause. Variable names are checked
    against the SPARQL VARNAME grammar. (Tested with ``x" } UNION { ?s ?p ?o } #``.)

    Used when the block cannot go first in the WHERE group (see :meth:`RemoteBackend.query`).
    Appended after the query, VALUES joins with the solutions, so - as with pyoxigraph's own
    substitutions - a bound variable must be projected; the answer is the same as the local
    store's for the queries kg ships.
    """
    if not bindings:
        return ""
    names = list(bindings)
    for n in names:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", n):
            raise QueryError(f"invalid variable name {n!r}")
    terms = " ".join(str(bindings[n]) for n in names)
    return "\nVALUES (" + " ".join(f"?{n}" for n in names) + ") { (" + terms + ") }\n"


def with_prefixes(query: str) -> str:
    """The project's PREFIX lines a query uses but does not declare (remote stores lack them)."""
    declared = {m.group(1) or "" for m in _PREFIX_DECL.finditer(query)}
    head = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items()
                   if p not in declared and re.search(rf"(?<![\w<]){re.escape(p)}:", query))
    return head + query


def query_form(query: str) -> str:
    m = _FORM.match(query)
    return m.group(1).upper() if m else "SELECT"


@dataclass
class RemoteBackend:
    """A SPARQL 1.1 query endpoint (the URL queries are POSTed to)."""

    endpoint: str
    timeout: float | None = None

    def describe(self) -> str:
        return self.endpoint

    def query(self, sparql: str, bindings: Mapping[str, Term] | None = None, *,
              timeout: float | None = None, max_rows: int | None = None) -> QueryResult:
        """Runs ``sparql`` remotely with ``bindings`` as a VALUES block (see
        :func:`values_clause` for why that is safe).

        The block goes first in the WHERE group when the query's shape allows, as for the
        local store (:func:`kg.query.backend.inline_values`): the server then plans around
        the bound value instead of evaluating the query unbound and joining at the end (a
        saved query for one product at 100k papers walked every hardware link), and both
        stores find rows in the same order. Otherwise it trails the query.
        """
        from pyoxigraph import Literal, NamedNode, RdfFormat, parse

        from kg.query.backend import inline_values

        base = with_prefixes(sparql.rstrip())
        trailing = values_clause(bindings or {})  # also rejects invalid variable names
        inlinable = bool(bindings) and all(isinstance(v, (NamedNode, Literal))
                                           for v in (bindings or {}).values())
        text = inline_values(base, bindings or {}) if inlinable else base
        if text is base:
            text = base + trailing
        form = query_form(text)
        accept = ("application/n-triples" if form in ("CONSTRUCT", "DESCRIBE")
                  else "application/sparql-results+json")
        body = urllib.parse.urlencode({"query": text}).encode()
        _, headers, data = _request(
            self.endpoint, body, {"Content-Type": "application/x-www-form-urlencoded",
                                  "Accept": accept}, "POST", timeout or self.timeout)
        ctype = headers.get("Content-Type", headers.get("content-type", "")).split(";")[0].strip()
        if form in ("CONSTRUCT", "DESCRIBE"):
            fmt = RdfFormat.TURTLE if ctype == "text/turtle" else RdfFormat.N_TRIPLES
            res = QueryResult("graph", triples=[q.triple for q in parse(data, format=fmt)])
        else:
            try:
                res = from_json_dict(json.loads(data))
            except (json.JSONDecodeError, UnicodeDecodeError):
                raise KGError(f"{self.endpoint}: expected SPARQL JSON results, got {ctype or 'unknown'}") from None
        cap = max_rows
        if cap is not None and len(res) > cap:
            res.rows, res.triples, res.truncated = res.rows[:cap], res.triples[:cap], True
        return res

    def triples(self) -> Iterator[Any]:
        return iter(self.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").triples)


# ---- push ----------------------------------------------------------------------------------

def gsp_url(endpoint: str, named_graph: str | None = None) -> str:
    """The Graph Store Protocol URL for the default (or a named) graph.

    A URL that already has a query string (``...?default``, ``...?graph=...``) is used as is;
    one ending in a GSP path (``/store``, ``/data``, ``/rdf-graphs/service``) gets ``?default``;
    a bare server URL gets Oxigraph's ``/store?default``.
    """
    parts = urllib.parse.urlsplit(endpoint)
    if parts.query:
        return endpoint
    base = endpoint.rstrip("/")
    if not re.search(r"/(store|data|rdf-graphs/service|statements|sparql-graph-crud(-auth)?)$", base):
        base += "/store"
    q = urllib.parse.urlencode({"graph": named_graph}) if named_graph else "default"
    return f"{base}?{q}"


@dataclass
class PushReport:
    url: str
    protocol: str
    triples: int
    requests: int


@contextmanager
def _dumped(graph_dir: str | os.PathLike[str]) -> Iterator[Path]:
    """The graph's triples as an N-Triples file in the temporary folder, deleted afterwards.

    Why a file: a graph is pushed as a stream of bounded memory. Held in memory, the dump
    and its lines took about three times the N-Triples size (~1.5 GB at 20k papers; a
    1M-paper graph's 78M triples would not fit). ``TMPDIR`` chooses the folder.
    """
    from pyoxigraph import DefaultGraph, RdfFormat

    from kg.graph.store import open_store

    store = open_store(graph_dir)
    with tempfile.TemporaryDirectory(prefix="kg-push-") as tmp:
        path = Path(tmp) / "graph.nt"
        try:
            store.dump(str(path), RdfFormat.N_TRIPLES, from_graph=DefaultGraph())
        except OSError as e:
            raise KGError(f"cannot write the graph to {tmp} for pushing (set TMPDIR to a "
                          f"folder with room): {e}") from None
        yield path


def _count_lines(path: Path) -> int:
    n = 0
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            n += block.count(b"\n")
    return n


def _batches(path: Path, size: int) -> Iterator[list[str]]:
    """The file's non-blank lines, ``size`` at a time."""
    batch: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                batch.append(line.rstrip("\n"))
                if len(batch) >= size:
                    yield batch
                    batch = []
    if batch:
        yield batch


#: Per endpoint (and named graph), the store last pushed to it whole or brought up to date.
PUSHED = "pushed.json"


def _pushed_key(endpoint: str, named_graph: str | None) -> str:
    return f"{endpoint} {named_graph}" if named_graph else endpoint


def _read_pushed(graph_dir: Path) -> dict[str, str]:
    try:
        data = json.loads((graph_dir / PUSHED).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _record_pushed(graph_dir: Path, key: str, store: str) -> None:
    from kg.graph.store import atomic_write_bytes

    state = _read_pushed(graph_dir)
    state[key] = store
    try:
        atomic_write_bytes(graph_dir / PUSHED, json.dumps(state, indent=1, sort_keys=True).encode())
    except OSError:  # a graph the user may read but not write: --changes will say so
        pass


def push(graph_dir: str | os.PathLike[str], endpoint: str, *, protocol: str = "gsp",
         replace: bool = True, named_graph: str | None = None, batch: int = 20_000,
         timeout: float | None = 300, changes: bool = False) -> PushReport:
    """Uploads the graph in ``graph_dir`` to a SPARQL store.

    ``protocol="gsp"``: PUT (``replace``) or POST N-Triples to :func:`gsp_url` (endpoint),
    streamed from a file with its Content-Length.
    ``protocol="update"``: ``endpoint`` is the update URL; ``CLEAR`` (if ``replace``) then
    ``INSERT DATA`` in batches of ``batch`` triples. The N-Triples lines come from Oxigraph's
    serialiser, so they are valid terms to embed in ``INSERT DATA``.
    ``changes``: replays, with ``DELETE DATA`` and ``INSERT DATA``, what every ``kg add`` did
    since the store last pushed whole (with ``replace``) to this endpoint, or brought up to
    date there (see :mod:`kg.graph.changes`).
    """
    from kg.graph.store import live_store_name

    out = Path(graph_dir)
    if not out.is_dir():
        raise KGError(f"no graph in {str(graph_dir)!r}")
    if protocol not in ("gsp", "update"):
        raise KGError(f"--protocol must be gsp or update, not {protocol!r}")
    if named_graph:
        from pyoxigraph import NamedNode

        try:
            NamedNode(named_graph)
        except ValueError as e:
            raise KGError(f"--named-graph: invalid IRI: {e}") from None
    key = _pushed_key(endpoint, named_graph)
    if changes:
        if protocol != "update":
            raise KGError("--changes needs --protocol update and the update URL: it deletes "
                          "as well as inserts")
        return _push_changes(out, endpoint, key, named_graph, batch, timeout)
    live = live_store_name(out)
    report = _push_whole(out, endpoint, protocol, replace, named_graph, batch, timeout)
    if replace and live is not None and live == live_store_name(out):
        _record_pushed(out, key, live)  # the endpoint now holds exactly that store
    return report


def _push_changes(out: Path, endpoint: str, key: str, named_graph: str | None, batch: int,
                  timeout: float | None) -> PushReport:
    from kg.graph.changes import chain, runs
    from kg.graph.store import live_store_name

    live = live_store_name(out)
    if live is None:
        raise KGError(f"no graph in {str(out)!r}")
    last = _read_pushed(out).get(key)
    if last is None:
        raise KGError(f"no whole push of {str(out)!r} to {endpoint} is recorded: push it once "
                      "with --protocol update and without --changes")
    requests = triples = 0
    # Interrupted, the record still names the old store: the next run replays every log
    # again, and inserting or deleting a triple twice ends in the same graph.
    for log in ([] if last == live else chain(out, last, live)):
        for op, lines in runs(log):
            for i in range(0, len(lines), batch):
                part = lines[i:i + batch]
                _send_data(endpoint, "INSERT DATA" if op == "add" else "DELETE DATA", part,
                           named_graph, timeout)
                requests += 1
                triples += len(part)
    _record_pushed(out, key, live)
    return PushReport(endpoint, "update", triples, requests)


def _push_whole(graph_dir: Path, endpoint: str, protocol: str, replace: bool,
                named_graph: str | None, batch: int, timeout: float | None) -> PushReport:
    with _dumped(graph_dir) as path:
        if protocol == "gsp":
            url = gsp_url(endpoint, named_graph)
            with open(path, "rb") as body:
                _request(url, body, {"Content-Type": "application/n-triples",
                                     "Content-Length": str(path.stat().st_size)},
                         "PUT" if replace else "POST", timeout)
            return PushReport(url, "gsp", _count_lines(path), 1)
        n = triples = 0
        if replace:
            clear = f"CLEAR SILENT GRAPH <{named_graph}>" if named_graph else "CLEAR SILENT DEFAULT"
            _update(endpoint, clear, timeout)
            n += 1
        for lines in _batches(path, batch):
            _send_data(endpoint, "INSERT DATA", lines, named_graph, timeout)
            n += 1
            triples += len(lines)
        return PushReport(endpoint, "update", triples, n)


def _send_data(endpoint: str, verb: str, lines: list[str], named_graph: str | None,
               timeout: float | None) -> None:
    """One ``INSERT DATA`` or ``DELETE DATA`` request for N-Triples lines (Oxigraph's or
    kg's own serialisation, so valid terms to embed), into ``named_graph`` if given."""
    body = "\n".join(lines)
    if named_graph:
        body = f"GRAPH <{named_graph}> {{\n{body}\n}}"
    _update(endpoint, f"{verb} {{\n{body}\n}}", timeout)


def _update(url: str, text: str, timeout: float | None) -> None:
    _request(url, urllib.parse.urlencode({"update": text}).encode(),
             {"Content-Type": "application/x-www-form-urlencoded"}, "POST", timeout)
