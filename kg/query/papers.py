"""``kg papers``: papers filtered by hardware, dataset, method, technique, task and role.

The filters are ANDed: ``--hardware GPU --dataset COCO`` is papers that name a GPU and COCO.
Each filter is one link pattern in a generated SPARQL query; the resolved node is bound as
``?target_<type>`` (never pasted into the text) and matched through ``skos:broader*`` so
``GPU`` finds every GPU product. ``--role`` constrains every filter's link (or, with no
entity filter, any link of the paper). The result is one record per paper, with every link
that matched and, as the headline, the link to the named node itself when there is one.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from kg.errors import UnknownNameError
from kg.model import DATASET_ROLES, HARDWARE_ROLES, METHOD_ROLES
from kg.query.backend import Backend
from kg.query.names import ENTITY_TYPES, NameResolver, Target
from kg.query.results import QueryResult, Term

ROLES = tuple(dict.fromkeys((*HARDWARE_ROLES, *DATASET_ROLES, *METHOD_ROLES, "code")))


@dataclass
class Match:
    """One link that made a paper match: which entity, in which role, and why."""

    type: str
    entity: str
    iri: str
    role: str | None = None
    evidence: str | None = None
    surface: str | None = None
    extractor: str | None = None


@dataclass
class PaperRecord:
    """A paper that matched, with its headline match (``entity``/``role``/``evidence``)."""

    id: str
    title: str
    iri: str
    date: str | None = None
    entity: str | None = None
    entity_type: str | None = None
    role: str | None = None
    evidence: str | None = None
    matches: list[Match] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class PapersResult:
    records: list[PaperRecord]
    sparql: str
    bindings: dict[str, Term]
    targets: dict[str, Target]


_HEAD = """PREFIX kg: <https://w3id.org/kg-papers/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""


def build_query(targets: dict[str, Target], role: str | None) -> tuple[str, list[str]]:
    """The SPARQL text for the filters, and the names of the variables to bind.

    Only fixed fragments and entity-type names from :data:`ENTITY_TYPES` go into the text;
    every user-derived value is a bound variable (``?target_hardware``, ``?role``).
    """
    project = ["?paper", "?id", "?title", "?date"]
    # Written in the order pyoxigraph should join (it mostly keeps the written order): the
    # bound target first (the backend puts the bound values in a VALUES block at the top),
    # down the hierarchy to the papers, then their links, the paper metadata and, last,
    # every OPTIONAL. An OPTIONAL in the middle splits the group: what follows it is
    # evaluated on its own and hash-joined (every link in the graph), 100x slower.
    where: list[str] = []
    optional: list[str] = []
    bind: list[str] = []
    if role is not None:
        project.append("?role")
        bind.append("role")
    filters = list(targets.items()) or ([("any", None)] if role is not None else [])
    for typ, target in filters:
        assert typ in ENTITY_TYPES or typ == "any"
        v = typ
        project += [f"?e_{v}", f"?label_{v}", f"?role_{v}", f"?ev_{v}", f"?surf_{v}", f"?ext_{v}",
                    f"?type_{v}"]
        if target is not None:
            project.append(f"?target_{v}")
            bind.append(f"target_{v}")
            if target.vendor is None:
                where.append(f"  ?e_{v} skos:broader* ?target_{v} .")
            else:  # a vendor with no node: products (or their ancestors) carrying kg:vendor
                where.append(f"  ?vn_{v} kg:vendor ?target_{v} . ?e_{v} skos:broader* ?vn_{v} .")
            # the link node, not ``?paper kg:hasX ?e``: every hasX edge has its link (both
            # are written per mention), and entity -> link -> paper is two index lookups
            # where the extra hasX join measured 10x slower
            where.append(f"  ?link_{v} kg:entity ?e_{v} ; kg:paper ?paper ; kg:entityType ?type_{v} .")
            if role is not None:
                where.append(f"  ?link_{v} kg:role ?role .")
        else:
            where.append(f"  ?link_{v} kg:role ?role ; kg:paper ?paper ; kg:entity ?e_{v} ;"
                         f" kg:entityType ?type_{v} .")
        if typ != "any":
            where.append(f'  FILTER(?type_{v} = "{typ}")')
        where.append(f"  ?e_{v} rdfs:label ?label_{v} .")
        optional += [f"  OPTIONAL {{ ?link_{v} kg:role ?role_{v} }}",
                     f"  OPTIONAL {{ ?link_{v} kg:evidence ?ev_{v} }}",
                     f"  OPTIONAL {{ ?link_{v} kg:surface ?surf_{v} }}",
                     # nested, not a property path: pyoxigraph evaluates a two-pattern
                     # OPTIONAL on its own (every rdfs:label in the graph) and hash-joins it
                     (f"  OPTIONAL {{ ?link_{v} prov:wasGeneratedBy ?gen_{v} ."
                      f" OPTIONAL {{ ?gen_{v} rdfs:label ?ext_{v} }} }}")]
    where.append("  ?paper a kg:Paper ; dcterms:identifier ?id ; dcterms:title ?title .")
    where += ["  OPTIONAL { ?paper dcterms:date ?date }", *optional]
    sparql = (_HEAD + "SELECT DISTINCT " + " ".join(project) + "\nWHERE {\n" + "\n".join(where)
              + "\n}\nORDER BY ?id")
    return sparql, bind


def check_role(role: str | None) -> None:
    if role is not None and role not in ROLES:
        from kg.query.names import _closest

        raise UnknownNameError("role", role, _closest(role, list(ROLES)) or list(ROLES))


def resolve_filters(resolver: NameResolver, **names: str | None) -> dict[str, Target]:
    return {t: resolver.resolve(t, n) for t, n in names.items() if n is not None}


def find_papers(backend: Backend, resolver: NameResolver | None = None, *,
                hardware: str | None = None, dataset: str | None = None,
                method: str | None = None, technique: str | None = None,
                task: str | None = None, role: str | None = None,
                timeout: float | None = None) -> PapersResult:
    """Papers matching every filter given (names resolved as users write them)."""
    from pyoxigraph import Literal, NamedNode

    check_role(role)
    resolver = resolver or NameResolver(backend)
    targets = resolve_filters(resolver, hardware=hardware, dataset=dataset, method=method,
                              technique=technique, task=task)
    sparql, names = build_query(targets, role)
    bindings: dict[str, Term] = {}
    for name in names:
        if name == "role":
            bindings[name] = Literal(role or "")
        else:
            t = targets[name.removeprefix("target_")]
            bindings[name] = Literal(t.vendor) if t.vendor is not None else NamedNode(t.iri or "")
    res = backend.query(sparql, bindings, timeout=timeout)
    return PapersResult(_records(res, targets, role), sparql, bindings, targets)


def _records(res: QueryResult, targets: dict[str, Target], role: str | None) -> list[PaperRecord]:
    types = list(targets) or (["any"] if role is not None else [])
    by_paper: dict[str, PaperRecord] = {}
    seen: dict[tuple[str, str, str], Match] = {}
    for rec in res.records():
        p = by_paper.get(rec["paper"])
        if p is None:
            p = by_paper[rec["paper"]] = PaperRecord(
                id=str(rec["id"]), title=str(rec["title"]), iri=str(rec["paper"]),
                date=str(rec["date"]) if rec.get("date") is not None else None)
        for t in types:
            e = rec.get(f"e_{t}")
            if e is None:
                continue
            label = str(rec[f"label_{t}"])
            known = seen.get((t, str(e), p.iri))
            if known is not None:
                # names differing only in case share a node (one kgid slug), so a node can
                # have several labels: keep the least, as the saved queries do (MIN), not
                # whichever row the store's join order happened to return first
                known.entity = min(known.entity, label)
                continue
            m = seen[(t, str(e), p.iri)] = Match(
                type=str(rec.get(f"type_{t}", t)), entity=label, iri=str(e),
                role=rec.get(f"role_{t}"), evidence=rec.get(f"ev_{t}"),
                surface=rec.get(f"surf_{t}"), extractor=rec.get(f"ext_{t}"))
            p.matches.append(m)
    named = {t.iri for t in targets.values() if t.iri}
    for p in by_paper.values():
        p.matches.sort(key=lambda m: (types.index(m.type) if m.type in types else 0,
                                      m.iri not in named, m.entity.casefold()))
        if p.matches:
            head = p.matches[0]
            p.entity, p.entity_type, p.role, p.evidence = head.entity, head.type, head.role, head.evidence
    return sorted(by_paper.values(), key=lambda r: r.id)


def records_to_rows(records: list[PaperRecord]) -> list[list[Any]]:
    """Header plus one row per paper, for tables and CSV."""
    rows: list[list[Any]] = [["id", "title", "entity", "role", "evidence"]]
    for r in records:
        ent = "; ".join(dict.fromkeys(m.entity for m in r.matches)) or ""
        rows.append([r.id, r.title, ent, r.role or "", r.evidence or ""])
    return rows


def records_dataframe(records: list[PaperRecord]) -> Any:
    """A pandas DataFrame, one row per paper (pandas is optional)."""
    try:
        import pandas as pd
    except ImportError:
        from kg.errors import KGError

        raise KGError("papers_df needs pandas: pip install pandas") from None
    rows = []
    for r in records:
        d = r.to_dict()
        d["matched"] = "; ".join(dict.fromkeys(m.entity for m in r.matches))
        d.pop("matches")
        rows.append(d)
    return pd.DataFrame(rows, columns=["id", "title", "iri", "date", "entity", "entity_type",
                                       "role", "evidence", "matched"])
