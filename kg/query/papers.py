"""``kg papers``: papers filtered by hardware, dataset, method, technique, task and role.

The filters are ANDed: ``--hardware GPU --dataset COCO`` is papers that name a GPU and COCO.
Each filter is one link pattern in a generated SPARQL query; the resolved node is bound as
``?target_<type>`` (never pasted into the text) and matched through ``skos:broader*`` so
``GPU`` finds every GPU product. ``--role`` constrains every filter's link (or, with no
entity filter, any link of the paper). The result is one record per paper, with every link
that matched and, as the headline, the link to the named node itself when there is one.
"""
from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from typing import Any

from kg.errors import QueryError, UnknownNameError
from kg.graph.iri import link_iri_of, paper_id_of
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
    #: papers matching, all pages together (``len(records)`` when not paged)
    total: int = 0
    #: every (query, bindings) run, in order: the id list first when paged, then the records
    queries: list[tuple[str, dict[str, Term]]] = field(default_factory=list)


_HEAD = """PREFIX kg: <https://w3id.org/kg-papers/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""


#: the id list a page is cut from may be long (a class such as GPU on a large corpus), but each
#: row is three or four terms; past this many the filters are too broad to page through
MAX_ID_ROWS = 2_000_000

#: the paper -> entity edge of each type, written beside every link (see kg.graph.triples)
_HAS = {"hardware": "kg:hasHardware", "dataset": "kg:hasDataset", "method": "kg:hasMethod",
        "technique": "kg:hasTechnique", "task": "kg:hasTask"}


@dataclass
class Page:
    """The (paper, entity...) rows of one page, found by :func:`build_ids_query`.

    Bound as a VALUES block, they replace the filters: the page query walks from each paper
    to the link of each matched entity, and never down the hierarchy again.
    """

    variables: list[str]
    rows: list[tuple[Any, ...]]


def _filter_types(targets: dict[str, Target], role: str | None) -> list[tuple[str, Target | None]]:
    return list(targets.items()) or ([("any", None)] if role is not None else [])


def _hierarchy(v: str, target: Target) -> str:
    if target.vendor is None:
        return f"  ?e_{v} skos:broader* ?target_{v} ."
    # a vendor with no node: products (or their ancestors) carrying kg:vendor
    return f"  ?vn_{v} kg:vendor ?target_{v} . ?e_{v} skos:broader* ?vn_{v} ."


def build_query(targets: dict[str, Target], role: str | None,
                page: Page | None = None) -> tuple[str, list[str]]:
    """The SPARQL text of the full records, and the names of the variables to bind.

    Only fixed fragments and entity-type names from :data:`ENTITY_TYPES` go into the text;
    every user-derived value is a bound variable (``?target_hardware``, ``?role``). With a
    ``page``, its rows (store-made terms) are the query's VALUES and no target is bound.
    No ORDER BY: the records are sorted here, and pyoxigraph's ORDER BY decodes every
    compared string from the store (70 ms for 1,750 ids on a million-paper store).
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
    if page is not None:
        # store-made terms in N-Triples form: each is exactly one RDF term token
        where.append("  VALUES (" + " ".join(f"?{v}" for v in page.variables) + ") { "
                     + " ".join("(" + " ".join("UNDEF" if t is None else str(t) for t in r) + ")"
                                for r in page.rows) + " }")
    if role is not None:
        project.append("?role")
        bind.append("role")
    for typ, target in _filter_types(targets, role):
        assert typ in ENTITY_TYPES or typ == "any"
        v = typ
        project += [f"?e_{v}", f"?label_{v}", f"?role_{v}", f"?ev_{v}", f"?surf_{v}", f"?ext_{v}",
                    f"?type_{v}"]
        if page is not None:
            # paper first: entity first walks every link of a well-known product (x100)
            where.append(f"  ?link_{v} kg:paper ?paper ; kg:entity ?e_{v} ; kg:entityType ?type_{v} .")
            if role is not None:
                where.append(f"  ?link_{v} kg:role ?role .")
        elif target is not None:
            project.append(f"?target_{v}")
            bind.append(f"target_{v}")
            where.append(_hierarchy(v, target))
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
              + "\n}")
    return sparql, bind


def build_ids_query(targets: dict[str, Target], role: str | None) -> tuple[str, list[str]]:
    """Each matching paper and the entities it matched with: what pages are cut from.

    One lookup a matching paper (its ``kg:hasX`` edge; the links only when a role is
    asked), against ~13 a link for a full record. No id: it is read from the paper's IRI
    (:func:`kg.graph.iri.paper_id_of`), which saved a third of this query on a million papers.
    """
    project = ["?paper"]
    where: list[str] = []
    bind: list[str] = []
    if role is not None:
        project.append("?role")
        bind.append("role")
    for typ, target in _filter_types(targets, role):
        v = typ
        project.append(f"?e_{v}")
        if role is not None:
            project.append(f"?link_{v}")
        if target is None:
            where.append(f"  ?link_{v} kg:role ?role ; kg:paper ?paper ; kg:entity ?e_{v} .")
            continue
        project.append(f"?target_{v}")
        bind.append(f"target_{v}")
        where.append(_hierarchy(v, target))
        where.append(f"  ?paper {_HAS[typ]} ?e_{v} .")
        if role is not None:
            where.append(f"  ?link_{v} kg:entity ?e_{v} ; kg:paper ?paper ; kg:role ?role .")
    if not where:
        where.append("  ?paper a kg:Paper .")
    # no DISTINCT: the caller folds the rows per paper anyway, and pyoxigraph's DISTINCT
    # doubled this query's time (32 -> 60 ms for 1,750 rows on a million-paper store)
    sparql = (_HEAD + "SELECT " + " ".join(project) + "\nWHERE {\n" + "\n".join(where)
              + "\n}")
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
                limit: int | None = None, offset: int = 0,
                timeout: float | None = None) -> PapersResult:
    """Papers matching every filter given (names resolved as users write them), by id.

    With ``limit``, only papers ``offset`` to ``offset + limit`` (in id order) are read in
    full; ``total`` still counts them all. Why two queries: a full record costs ~13 store
    lookups a link, the id list two, so the first page of 1,750 papers on a million-paper
    store is read in a fraction of the time of the whole list.
    """
    check_role(role)
    if (limit is not None and limit < 0) or offset < 0:
        raise QueryError("limit and offset must not be negative")
    resolver = resolver or NameResolver(backend)
    targets = resolve_filters(resolver, hardware=hardware, dataset=dataset, method=method,
                              technique=technique, task=task)
    deadline = time.monotonic() + timeout if timeout is not None else None

    def left() -> float | None:
        return None if deadline is None else max(deadline - time.monotonic(), 0.001)

    page: Page | None = None
    total: int | None = None
    ran: list[tuple[str, dict[str, Term]]] = []
    if limit is not None or offset:
        ids_sparql, names = build_ids_query(targets, role)
        ran.append((ids_sparql, _bindings(names, targets, role)))
        ids = backend.query(*ran[-1], timeout=left(), max_rows=MAX_ID_ROWS)
        if ids.truncated:
            raise QueryError(f"more than {MAX_ID_ROWS:,} matching links: narrow the filters")
        papers: dict[Any, tuple[str, list[tuple[Any, ...]]]] = {}
        evars = [i for i, v in enumerate(ids.variables) if v.startswith("e_")]
        for r in ids.rows:
            if r[0] not in papers:
                papers[r[0]] = (paper_id_of(r[0].value) or r[0].value, [])
            rows = papers[r[0]][1]
            row = (r[0], *(r[i] for i in evars), *_links(r, evars, ids.variables))
            if row not in rows:  # several roles of one link when a role is asked
                rows.append(row)
        order = sorted(papers, key=lambda p: (papers[p][0], str(p)))
        total = len(order)
        end = total if limit is None else offset + limit
        page = Page(["paper", *(ids.variables[i] for i in evars),
                     *("link_" + ids.variables[i][2:] for i in evars)],
                    [row for p in order[offset:end] for row in papers[p][1]])
    sparql, names = build_query(targets, role, page)
    bindings = _bindings(names, targets, role)
    if page is not None and not page.rows:
        return PapersResult([], sparql, bindings, targets, total or 0, ran)
    ran.append((sparql, bindings))
    res = backend.query(sparql, bindings, timeout=left())
    if res.truncated:  # a partial list would read as the whole answer
        raise QueryError("the result is larger than the row limit: ask for pages (limit, offset)")
    records = _records(res, targets, role)
    return PapersResult(records, sparql, bindings, targets,
                        len(records) if total is None else total, ran)


def _links(row: tuple[Any, ...], evars: list[int], variables: list[str]) -> list[Any]:
    """The link of each (paper, entity) in an id-query row, for the page query to start at.

    Read from the row when the query walked the link (a role was asked), else named from
    the two IRIs (:func:`kg.graph.iri.link_iri_of`): the page query then looks each link up
    instead of walking every link of its paper (17 -> 4 ms a page on 100k papers).
    ``None`` (UNDEF) for IRIs the project did not mint: that row walks as before.
    """
    from pyoxigraph import NamedNode

    out: list[Any] = []
    for i in evars:
        name = "link_" + variables[i][2:]
        if name in variables:
            out.append(row[variables.index(name)])
            continue
        link = link_iri_of(row[0].value, row[i].value)
        out.append(NamedNode(link) if link is not None else None)
    return out


def _bindings(names: list[str], targets: dict[str, Target], role: str | None) -> dict[str, Term]:
    """The query's parameters as RDF terms (the backend binds them; nothing is pasted)."""
    from pyoxigraph import Literal, NamedNode

    out: dict[str, Term] = {}
    for name in names:
        if name == "role":
            out[name] = Literal(role or "")
        else:
            t = targets[name.removeprefix("target_")]
            out[name] = Literal(t.vendor) if t.vendor is not None else NamedNode(t.iri or "")
    return out


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
