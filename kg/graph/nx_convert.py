"""RDF <-> NetworkX, one function each way.

The NetworkX view is what the graph algorithms and the HTML and GraphML exports work on:

* every IRI that is not a ``kg:Link`` becomes a node keyed by its IRI, its literal values
  become node attributes named by compact predicate (``dcterms:title``), several values a
  list; ``kind`` (Paper, Hardware, ...) and ``label`` are added for convenience;
* an IRI-valued triple becomes an edge keyed by its compact predicate;
* a ``kg:Link`` node (paper -> entity with role and evidence) becomes one edge keyed by the
  link's IRI, with ``role``, ``evidence``, ``charStart``... as edge attributes.

``from_networkx(to_networkx(g))`` gives back the same triples (tested), because literal
datatypes are kept per predicate in ``G.graph["datatypes"]`` and derived attributes are
dropped on the way back.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from pyoxigraph import Literal, NamedNode, Triple

from kg.graph.namespaces import KG, PREFIXES, RDF, RDFS, SKOS, XSD

if TYPE_CHECKING:
    import networkx as nx

RDF_TYPE = RDF + "type"
LINK_CLASS = KG + "Link"
DERIVED_NODE_ATTRS = frozenset({"kind", "label"})
LINK_EDGE = "kg:link"
_KIND_ORDER = ("Paper", "Hardware", "Dataset", "Method", "Technique", "Task", "Claim",
               "CodeRepository", "Author", "Extractor")
_NUMERIC = {XSD + "integer": int, XSD + "double": float, XSD + "decimal": float}


def compact(iri: str) -> str:
    for p, ns in PREFIXES.items():
        if iri.startswith(ns) and p != "kgid":
            return f"{p}:{iri[len(ns):]}"
    return iri


def expand(name: str) -> str:
    prefix, sep, local = name.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return name


def _py(lit: Literal) -> Any:
    conv = _NUMERIC.get(lit.datatype.value)
    if conv is not None:
        try:
            return conv(lit.value)
        except ValueError:
            return lit.value
    return lit.value


def _kind(types: list[str]) -> str:
    local = {t[len(KG):] for t in types if t.startswith(KG)}
    for k in _KIND_ORDER:
        if k in local:
            return k
    return "Resource"


def to_networkx(triples: Iterable[Any]) -> "nx.MultiDiGraph":
    """A MultiDiGraph from triples or quads (pyoxigraph terms; a Store is iterable too)."""
    import networkx as nx

    by_subject: dict[str, list[tuple[str, Any]]] = defaultdict(list)
    for t in triples:
        by_subject[t.subject.value].append((t.predicate.value, t.object))
    links = {s for s, po in by_subject.items()
             if any(p == RDF_TYPE and getattr(o, "value", None) == LINK_CLASS for p, o in po)}
    G = nx.MultiDiGraph()
    datatypes: dict[str, str] = {}
    for s, po in sorted(by_subject.items()):
        if s in links:
            continue
        attrs: dict[str, Any] = {}
        types: list[str] = []
        for p, o in po:
            if p == RDF_TYPE:
                types.append(o.value)
            elif isinstance(o, Literal):
                key = compact(p)
                datatypes[key] = o.datatype.value
                _append(attrs, key, _py(o))
            else:
                G.add_edge(s, o.value, key=compact(p))
        attrs["rdf:type"] = sorted(compact(t) for t in types)
        attrs["kind"] = _kind(types)
        label = (attrs.get("rdfs:label") or attrs.get("skos:prefLabel")
                 or attrs.get("dcterms:title") or s.rsplit("/", 1)[-1])
        attrs["label"] = label[0] if isinstance(label, list) else label
        G.add_node(s, **attrs)
    for s in sorted(links):
        attrs = {}
        src = dst = None
        extra_iri: list[tuple[str, str]] = []
        for p, o in by_subject[s]:
            if p == RDF_TYPE:
                continue
            key = compact(p)
            if isinstance(o, Literal):
                datatypes[key] = o.datatype.value
                _append(attrs, key.split(":", 1)[1] if key.startswith("kg:") else key, _py(o))
            elif p == KG + "paper":
                src = o.value
            elif p == KG + "entity":
                dst = o.value
            else:
                extra_iri.append((key, o.value))
        if src is None or dst is None:
            raise ValueError(f"link {s} lacks kg:paper or kg:entity")
        for key, val in extra_iri:
            _append(attrs, key, val)
        attrs["iri"] = s
        G.add_edge(src, dst, key=s, **attrs)
    for n in G.nodes:  # objects that were never subjects (e.g. an external IRI)
        G.nodes[n].setdefault("kind", "Resource")
        G.nodes[n].setdefault("label", n.rsplit("/", 1)[-1])
        G.nodes[n].setdefault("rdf:type", [])
    G.graph["datatypes"] = datatypes
    return G


def _append(attrs: dict[str, Any], key: str, value: Any) -> None:
    if key in attrs:
        cur = attrs[key]
        attrs[key] = sorted([*cur, value], key=str) if isinstance(cur, list) else sorted([cur, value], key=str)
    else:
        attrs[key] = value


def _literal(key: str, value: Any, datatypes: dict[str, str]) -> Literal:
    dt = datatypes.get(key, XSD + "string")
    if dt == XSD + "string":
        return Literal(str(value))
    return Literal(str(value), datatype=NamedNode(dt))


def _values(v: Any) -> list[Any]:
    return v if isinstance(v, list) else [v]


def from_networkx(G: "nx.MultiDiGraph") -> Iterator[Triple]:
    """The triples a MultiDiGraph made by :func:`to_networkx` stands for."""
    datatypes: dict[str, str] = G.graph.get("datatypes", {})
    for n, attrs in G.nodes(data=True):
        s = NamedNode(n)
        for t in attrs.get("rdf:type", []):
            yield Triple(s, NamedNode(RDF_TYPE), NamedNode(expand(t)))
        for key, v in attrs.items():
            if key in DERIVED_NODE_ATTRS or key == "rdf:type":
                continue
            for val in _values(v):
                yield Triple(s, NamedNode(expand(key)), _literal(key, val, datatypes))
    for u, v, key, attrs in G.edges(keys=True, data=True):
        if "iri" not in attrs:
            yield Triple(NamedNode(u), NamedNode(expand(key)), NamedNode(v))
            continue
        link = NamedNode(attrs["iri"])
        yield Triple(link, NamedNode(RDF_TYPE), NamedNode(LINK_CLASS))
        yield Triple(link, NamedNode(KG + "paper"), NamedNode(u))
        yield Triple(link, NamedNode(KG + "entity"), NamedNode(v))
        for k, val in attrs.items():
            if k == "iri":
                continue
            full = expand(k) if ":" in k else KG + k
            ckey = compact(full)
            for one in _values(val):
                if ckey in datatypes:
                    yield Triple(link, NamedNode(full), _literal(ckey, one, datatypes))
                else:
                    yield Triple(link, NamedNode(full), NamedNode(one))


__all__ = ["to_networkx", "from_networkx", "compact", "expand", "SKOS", "RDFS"]
