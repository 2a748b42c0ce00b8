"""Query results in one shape for every backend, and their serialisations.

A :class:`QueryResult` is what a local store and a remote endpoint both give back, so the CLI,
the server and the Python API format results in one place. Formats:

* ``json``: W3C SPARQL 1.1 Query Results JSON (``application/sparql-results+json``);
* ``csv`` / ``tsv`` / ``xml``: W3C formats, produced by pyoxigraph's own serialisers from our
  JSON (``parse_query_results`` round trip), so we do not maintain four writers;
* ``turtle`` / ``ntriples``: for CONSTRUCT and DESCRIBE;
* ``table``: rows of display strings, IRIs compacted with the project's prefixes.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Literal as TLiteral

from pyoxigraph import (BlankNode, Literal, NamedNode, QueryResultsFormat, RdfFormat, Triple,
                        parse_query_results, serialize)

from kg.errors import QueryError
from kg.graph.namespaces import PREFIXES, XSD

Term = NamedNode | BlankNode | Literal | Triple

XSD_STRING = XSD + "string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

#: name of a --param, without or with the leading '?'
_VAR_NAME = re.compile(r"^\??([A-Za-z_][A-Za-z0-9_]*)$")
_PREFIXED = re.compile(r"^([A-Za-z][\w.-]*)?:([^\s<>\"{}|^`\\]*)$")
_QUOTED = re.compile(r'^"(.*)"(?:@([A-Za-z]+(?:-[A-Za-z0-9]+)*)|\^\^(.+))?$', re.S)


@dataclass
class QueryResult:
    """Solutions (SELECT), a boolean (ASK) or triples (CONSTRUCT/DESCRIBE)."""

    kind: TLiteral["select", "ask", "graph"]
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[Triple] = field(default_factory=list)
    #: True when the result-size cap cut the result short.
    truncated: bool = False

    def __len__(self) -> int:
        return len(self.triples) if self.kind == "graph" else len(self.rows)

    def records(self) -> list[dict[str, Any]]:
        """SELECT rows as dicts of plain Python values (unbound variables omitted)."""
        return [{v: python_value(t) for v, t in zip(self.variables, r) if t is not None}
                for r in self.rows]

    def column(self, name: str) -> list[Any]:
        i = self.variables.index(name)
        return [python_value(r[i]) if r[i] is not None else None for r in self.rows]


# ---- terms -------------------------------------------------------------------------------

def python_value(t: Term) -> Any:
    """An IRI's string, a literal's value as int/float/bool when its datatype says so."""
    if isinstance(t, Literal):
        dt = t.datatype.value
        try:
            if dt in (XSD + "integer", XSD + "int", XSD + "long", XSD + "gYear"):
                return int(t.value)
            if dt in (XSD + "decimal", XSD + "double", XSD + "float"):
                return float(t.value)
            if dt == XSD + "boolean":
                return t.value == "true"
        except ValueError:
            return t.value
        return t.value
    if isinstance(t, Triple):
        return str(t)
    return t.value


def compact_iri(iri: str) -> str:
    """``https://w3id.org/kg-papers/id/hardware/gpu`` -> ``kgid:hardware/gpu``."""
    best = ""
    for p, ns in PREFIXES.items():
        if iri.startswith(ns) and len(ns) > len(best):
            best, prefix = ns, p
    return f"{prefix}:{iri[len(best):]}" if best else iri


def display(t: Term | None) -> str:
    """How a term reads in a table: compact IRIs, a literal's lexical value."""
    if t is None:
        return ""
    if isinstance(t, NamedNode):
        return compact_iri(t.value)
    if isinstance(t, BlankNode):
        return f"_:{t.value}"
    if isinstance(t, Literal):
        return t.value
    return str(t)


def parse_param(spec: str) -> tuple[str, Term]:
    """``NAME=VALUE`` from the command line -> (variable name, RDF term).

    VALUE syntax (documented in ``kg query sparql --help``):

    * ``<http://...>``: an IRI;
    * ``prefix:local`` with one of the project's prefixes (``kgid:hardware/gpu``): an IRI;
    * ``"text"``, ``"text"@en``, ``"5"^^xsd:integer``: a literal as written in SPARQL;
    * anything else: a plain string literal, taken verbatim (no escapes, no markup).

    The term is built with pyoxigraph's constructors, which reject malformed IRIs, and is
    later handed to the store as a binding: user text never becomes query text.
    """
    name, sep, value = spec.partition("=")
    m = _VAR_NAME.match(name.strip())
    if not sep or not m:
        raise QueryError(f"--param {spec!r}: expected NAME=VALUE with NAME a SPARQL variable name")
    return m.group(1), parse_term(value)


def parse_term(value: str) -> Term:
    try:
        if value.startswith("<") and value.endswith(">") and len(value) >= 2:
            return NamedNode(value[1:-1])
        q = _QUOTED.match(value)
        if q:
            lex, lang, dt = q.groups()
            if lang:
                return Literal(lex, language=lang)
            if dt:
                dt_term = parse_term(dt)
                if not isinstance(dt_term, NamedNode):
                    raise QueryError(f"{dt!r} is not a datatype IRI")
                return Literal(lex, datatype=dt_term)
            return Literal(lex)
        p = _PREFIXED.match(value)
        if p and (p.group(1) or "") in PREFIXES:
            return NamedNode(PREFIXES[p.group(1) or ""] + p.group(2))
    except ValueError as e:  # pyoxigraph: invalid IRI / language tag
        raise QueryError(f"invalid RDF term {value!r}: {e}") from None
    return Literal(value)


# ---- serialisation -----------------------------------------------------------------------

def term_json(t: Term) -> dict[str, Any]:
    if isinstance(t, NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, Literal):
        d: dict[str, Any] = {"type": "literal", "value": t.value}
        if t.language:
            d["xml:lang"] = t.language
        elif t.datatype.value != XSD_STRING:
            d["datatype"] = t.datatype.value
        return d
    return {"type": "triple", "value": {"subject": term_json(t.subject),
                                        "predicate": term_json(t.predicate),
                                        "object": term_json(t.object)}}


def term_from_json(d: dict[str, Any]) -> Term:
    """The inverse of :func:`term_json` (for results read from a remote endpoint)."""
    typ = d.get("type")
    if typ == "uri":
        return NamedNode(d["value"])
    if typ == "bnode":
        return BlankNode(d["value"])
    if typ in ("literal", "typed-literal"):
        if d.get("xml:lang"):
            return Literal(d["value"], language=d["xml:lang"])
        if d.get("datatype"):
            return Literal(d["value"], datatype=NamedNode(d["datatype"]))
        return Literal(d["value"])
    if typ == "triple":
        v = d["value"]
        return Triple(term_from_json(v["subject"]), term_from_json(v["predicate"]),  # type: ignore[arg-type]
                      term_from_json(v["object"]))
    raise QueryError(f"unexpected term in SPARQL JSON results: {d!r}")


def to_json_dict(r: QueryResult) -> dict[str, Any]:
    if r.kind == "ask":
        return {"head": {}, "boolean": bool(r.boolean)}
    if r.kind == "graph":
        raise QueryError("CONSTRUCT/DESCRIBE results are graphs: use turtle or ntriples")
    return {"head": {"vars": list(r.variables)},
            "results": {"bindings": [{v: term_json(t) for v, t in zip(r.variables, row)
                                      if t is not None} for row in r.rows]}}


def from_json_dict(d: dict[str, Any]) -> QueryResult:
    if "boolean" in d:
        return QueryResult("ask", boolean=bool(d["boolean"]))
    variables = list(d.get("head", {}).get("vars", []))
    rows = [tuple(term_from_json(b[v]) if v in b else None for v in variables)
            for b in d.get("results", {}).get("bindings", [])]
    return QueryResult("select", variables=variables, rows=rows)


_RESULT_FORMATS = {"csv": QueryResultsFormat.CSV, "tsv": QueryResultsFormat.TSV,
                   "xml": QueryResultsFormat.XML, "json": QueryResultsFormat.JSON}
_GRAPH_FORMATS = {"turtle": RdfFormat.TURTLE, "ntriples": RdfFormat.N_TRIPLES,
                  "rdfxml": RdfFormat.RDF_XML}

#: MIME type of each serialisation, for the HTTP server.
MIME = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
        "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle",
        "ntriples": "application/n-triples", "rdfxml": "application/rdf+xml"}


def serialise(r: QueryResult, fmt: str) -> bytes:
    """The result in ``fmt`` (json, csv, tsv, xml for solutions; turtle, ntriples, rdfxml for graphs)."""
    if r.kind == "graph":
        gfmt = _GRAPH_FORMATS.get(fmt, RdfFormat.TURTLE)
        kwargs: dict[str, Any] = {"prefixes": PREFIXES} if gfmt == RdfFormat.TURTLE else {}
        return serialize(r.triples, format=gfmt, **kwargs) or b""
    body = json.dumps(to_json_dict(r), ensure_ascii=False).encode("utf-8")
    if fmt == "json" or fmt not in _RESULT_FORMATS:
        return body
    parsed = parse_query_results(body, QueryResultsFormat.JSON)
    return parsed.serialize(format=_RESULT_FORMATS[fmt]) or b""


def table_rows(r: QueryResult) -> list[list[str]]:
    """Header row plus one row of display strings per solution (or ``[["ask"], ["true"]]``)."""
    if r.kind == "ask":
        return [["ask"], ["true" if r.boolean else "false"]]
    if r.kind == "graph":
        return [["subject", "predicate", "object"]] + [
            [display(t.subject), display(t.predicate), display(t.object)] for t in r.triples]
    return [list(r.variables)] + [[display(t) for t in row] for row in r.rows]
