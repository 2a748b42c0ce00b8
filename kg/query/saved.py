"""Saved SPARQL queries: ``queries/*.rq`` files with a small header that declares parameters.

Header syntax (leading ``#`` lines of the file, before the query)::

    # title: Papers that use a hardware, including everything narrower than it
    # description: GPU finds every GPU product: the match follows skos:broader*.
    # param: hardware (hardware, default: GPU) — hardware name; resolved through aliases and hierarchy
    # param: role (string, optional) — only links with this role

``param: NAME (KIND[, default: VALUE | optional | required]) — text`` binds the SPARQL
variable ``?NAME``, which the query must project (pyoxigraph binds projected variables only).
KIND is an entity type (``hardware``, ``dataset``, ``method``, ``technique``, ``task``), ``paper``,
``entity`` (any type; ``type:name`` picks one), ``string``, ``integer`` or ``iri``. Entity and
paper values are resolved like ``kg papers`` names (aliases, hierarchy, suggestions). An
``optional`` parameter left out stays unbound, so the query matches every value.
Use parameters in triple patterns, not inside FILTER or BIND: remote endpoints get the
values as a trailing ``VALUES`` clause (joined after evaluation, see :mod:`kg.remote`), which
gives the same answer as a local substitution only for triple patterns.

Where the files live: the repository's top-level ``queries/`` folder when running from a
checkout, else the copy shipped as package data (``kg/data/queries``); a test keeps the two
identical. Extra folders can be given (``--queries-dir``), and their files win on a name clash.
"""
from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from kg.errors import QueryError, UnknownNameError
from kg.query.results import QueryResult, Term

ENTITY_KINDS = ("hardware", "dataset", "method", "technique", "task", "paper", "entity")
VALUE_KINDS = ("string", "integer", "iri")
_PARAM = re.compile(r"^param:\s*([A-Za-z_]\w*)\s*\(([^)]*)\)\s*(?:(?:—|–|--|-|:)\s*)?(.*)$")


@dataclass(frozen=True)
class Param:
    name: str
    kind: str
    default: str | None = None
    required: bool = False
    description: str = ""

    def describe(self) -> str:
        how = (f"default: {self.default}" if self.default is not None
               else "required" if self.required else "optional")
        return f"{self.name} ({self.kind}, {how})"


@dataclass(frozen=True)
class SavedQuery:
    name: str
    path: Path
    text: str
    title: str = ""
    description: str = ""
    params: tuple[Param, ...] = field(default_factory=tuple)

    def summary(self) -> str:
        ps = ", ".join(p.describe() for p in self.params)
        return f"{self.title}" + (f"  [{ps}]" if ps else "")


def parse_header(name: str, path: Path, text: str) -> SavedQuery:
    title, desc, params = "", [], []
    for line in text.splitlines():
        s = line.strip()
        if not s:
            continue
        if not s.startswith("#"):
            break
        body = s.lstrip("#").strip()
        key, sep, rest = body.partition(":")
        key = key.strip().lower()
        if key == "title" and sep:
            title = rest.strip()
        elif key == "description" and sep:
            desc.append(rest.strip())
        elif key == "param" and sep:
            m = _PARAM.match(body)
            if not m:
                raise QueryError(f"{path}: bad param line {s!r}; expected "
                                 "'# param: NAME (KIND, default: VALUE) — description'")
            pname, spec, pdesc = m.groups()
            parts = [p.strip() for p in spec.split(",")]
            kind = parts[0].lower()
            if kind not in ENTITY_KINDS + VALUE_KINDS:
                raise QueryError(f"{path}: param {pname}: unknown kind {kind!r}; one of "
                                 f"{', '.join(ENTITY_KINDS + VALUE_KINDS)}")
            default, required = None, False
            for p in parts[1:]:
                if p.lower().startswith("default:"):
                    default = p.split(":", 1)[1].strip()
                elif p.lower() == "required":
                    required = True
            params.append(Param(pname, kind, default, required, pdesc.strip()))
    return SavedQuery(name, path, text, title or name, " ".join(desc), tuple(params))


def query_dirs(extra: Sequence[str | os.PathLike[str]] = ()) -> list[Path]:
    """Folders searched, lowest priority first."""
    dirs: list[Path] = []
    repo = Path(__file__).resolve().parents[2] / "queries"
    if repo.is_dir() and any(repo.glob("*.rq")):
        dirs.append(repo)
    else:
        dirs.append(Path(str(resources.files("kg") / "data" / "queries")))
    dirs.extend(Path(d) for d in extra)
    return dirs


def load_queries(extra: Sequence[str | os.PathLike[str]] = ()) -> dict[str, SavedQuery]:
    """Every saved query by name (file name without ``.rq``), sorted by name."""
    found: dict[str, SavedQuery] = {}
    for d in query_dirs(extra):
        if not d.is_dir():
            raise QueryError(f"{d}: no such queries folder")
        for f in sorted(d.glob("*.rq")):
            st = f.stat()
            found[f.stem] = _read_query(f, st.st_mtime_ns, st.st_size)
    return dict(sorted(found.items()))


@lru_cache(maxsize=256)
def _read_query(path: Path, mtime_ns: int, size: int) -> SavedQuery:
    """A file's parsed query, kept while its modification time and size stay the same.

    Why: ``kg serve`` and the query API look a query up by name on every request; reading and
    parsing every file each time cost 1.3 ms a call (of a 12 ms papers-by-hardware at 100k
    papers). The key carries the file's stat, so an edited file is read again.
    """
    return parse_header(path.stem, path, path.read_text(encoding="utf-8"))


def get_query(name: str, extra: Sequence[str | os.PathLike[str]] = ()) -> SavedQuery:
    qs = load_queries(extra)
    if name not in qs:
        from kg.query.names import _closest

        raise UnknownNameError("saved query", name, _closest(name, list(qs)))
    return qs[name]


def bind_params(q: SavedQuery, values: Mapping[str, str], resolver: Any) -> dict[str, Term]:
    """User strings -> RDF terms for the query's declared parameters.

    Names are resolved to IRIs of graph nodes (so the query compares IRIs, never text).
    Undeclared names are an error, so a typo in ``--param`` does not silently do nothing.
    """
    from pyoxigraph import Literal, NamedNode

    from kg.graph.namespaces import XSD
    from kg.query.results import parse_term

    declared = {p.name: p for p in q.params}
    unknown = [k for k in values if k not in declared]
    if unknown:
        raise QueryError(f"{q.name}: unknown parameter(s) {', '.join(unknown)}; it takes "
                         + (", ".join(declared) or "none"))
    out: dict[str, Term] = {}
    for p in q.params:
        raw = values.get(p.name, p.default)
        if raw is None:
            if p.required:
                raise QueryError(f"{q.name}: parameter {p.name!r} is required "
                                 f"(--param {p.name}=...)")
            continue
        if p.kind in ENTITY_KINDS:
            target = resolver.resolve(p.kind, raw)
            if target.iri is None:
                raise QueryError(
                    f"{raw!r} is a vendor with no node of its own in this graph; "
                    f"use `kg papers --hardware {raw}` (matches kg:vendor) or name a product")
            out[p.name] = NamedNode(target.iri)
        elif p.kind == "integer":
            try:
                out[p.name] = Literal(str(int(raw)), datatype=NamedNode(XSD + "integer"))
            except ValueError:
                raise QueryError(f"{q.name}: parameter {p.name} must be an integer, not {raw!r}") from None
        elif p.kind == "iri":
            t = parse_term(raw)  # <iri> or prefix:local; a bare IRI is wrapped
            out[p.name] = t if isinstance(t, NamedNode) else parse_term(f"<{raw}>")
        else:
            out[p.name] = Literal(raw)
    return out


def run_saved(backend: Any, resolver: Any, name: str, values: Mapping[str, str] | None = None,
              *, extra_dirs: Sequence[str | os.PathLike[str]] = (), timeout: float | None = None,
              max_rows: int | None = None) -> tuple[SavedQuery, dict[str, Term], QueryResult]:
    q = get_query(name, extra_dirs)
    bindings = bind_params(q, values or {}, resolver)
    return q, bindings, backend.query(q.text, bindings, timeout=timeout, max_rows=max_rows)
