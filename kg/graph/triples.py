"""Maps papers and their extractions to RDF triples (pyoxigraph terms).

The shape, for one paper P and one entity E it names:

    P  a kg:Paper, schema:ScholarlyArticle ; dcterms:title ... ; kg:hasHardware E .
    E  a kg:Hardware, skos:Concept ; skos:prefLabel ... ; skos:broader ... .
    L  a kg:Link ; kg:paper P ; kg:entity E ; kg:role "evaluated_on" ;
       kg:evidence "<sentence>" ; kg:charStart 10 ; kg:charEnd 18 ; kg:surface "RTX 4090" ;
       kg:confidence 0.9 ; prov:wasGeneratedBy <extractor/kg-hardware-alias> .

The direct ``kg:hasX`` edge answers "which papers use X" in one hop; the link node ``L``
carries the role and the evidence, so a user can check why the edge is there. All IRIs come
from :mod:`kg.graph.iri`, so the output depends on the input only.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from functools import lru_cache

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, serialize

from kg.graph import iri
from kg.graph.namespaces import DCTERMS, ENTITY_CLASS, PROV, RDF, RDFS, SCHEMA, SKOS, XSD
from kg.model import Evidence, Mention, Paper, PaperExtraction

_N = NamedNode
A = _N(RDF + "type")
_KG = {name: _N(iri.term(name)) for name in (
    "Paper", "Author", "Hardware", "Dataset", "Method", "Technique", "Task", "Claim",
    "CodeRepository", "Link", "Extractor",
    "hasHardware", "hasDataset", "hasMethod", "hasTechnique", "hasTask", "hasClaim", "hasCode",
    "paper", "entity", "role", "surface", "evidence", "charStart", "charEnd", "confidence",
    "extractorVersion", "quantity", "category", "doi", "contentHash", "vendor",
    "hardwareClass", "generation", "releaseYear", "value", "unit", "metric", "onHardware",
    "claimText", "url", "entityType")}
_SKOS_CONCEPT = _N(SKOS + "Concept")
_PREF, _ALT, _BROADER = _N(SKOS + "prefLabel"), _N(SKOS + "altLabel"), _N(SKOS + "broader")
_LABEL = _N(RDFS + "label")
_GEN_BY = _N(PROV + "wasGeneratedBy")
_SW_AGENT = _N(PROV + "SoftwareAgent")
_INT, _DEC, _DOUBLE, _DATE, _YEAR, _URI = (
    _N(XSD + "integer"), _N(XSD + "decimal"), _N(XSD + "double"), _N(XSD + "date"),
    _N(XSD + "gYear"), _N(XSD + "anyURI"))

#: The paper properties, as (predicate, Paper attribute) for single-valued literals.
_TITLE, _ABSTRACT, _IDENT, _DATEP, _CREATOR = (
    _N(DCTERMS + "title"), _N(DCTERMS + "abstract"), _N(DCTERMS + "identifier"),
    _N(DCTERMS + "date"), _N(DCTERMS + "creator"))
_SCHEMA_ARTICLE, _SCHEMA_URL, _SCHEMA_NAME, _SCHEMA_PERSON, _SCHEMA_POS = (
    _N(SCHEMA + "ScholarlyArticle"), _N(SCHEMA + "url"), _N(SCHEMA + "name"),
    _N(SCHEMA + "Person"), _N(SCHEMA + "position"))


def _lit(value: object) -> Literal:
    if isinstance(value, bool):
        return Literal(str(value).lower(), datatype=_N(XSD + "boolean"))
    if isinstance(value, int):
        return Literal(str(value), datatype=_INT)
    if isinstance(value, float):
        return Literal(repr(value), datatype=_DOUBLE)
    return Literal(str(value))


def _date_literal(date: str) -> Literal:
    if len(date) == 4:
        return Literal(date, datatype=_YEAR)
    if len(date) == 10:
        return Literal(date, datatype=_DATE)
    return Literal(date)


# Everything below builds Quads directly (one source of truth); the ``*_triples`` functions
# are views of the same sequence as (s, p, o) tuples. Profile of a 2k-paper build: 12 us a
# quad, a third of it spent re-deriving the same entity, author and extractor IRIs (slug,
# regexes, IRI validation) and Literals paper after paper. What repeats across papers is
# therefore built once and kept in bounded LRU caches, as ready Quads.

_CACHE = 1 << 14


#: Decides whether a shared description (an entity's, an author's, an extractor's) is written
#: again; given its key, True means "write it". See :class:`DescribedOnce`.
Fresh = Callable[[Hashable], bool]


def _always(_key: Hashable) -> bool:
    return True


class DescribedOnce:
    """Writes each shared description once per stream of papers instead of once per paper.

    Why: a paper's quads repeat what other papers already said about the same entities,
    authors and extractors (each evidence alone re-describes its extractor in three quads):
    on arXiv abstracts 145 quads a paper, 118 of them distinct within 500 papers and fewer
    still over a whole build. The store drops duplicates anyway, but only after Python has
    built and handed them over, which is most of the cost of writing the graph. Skipping
    them changes no triple in the store.

    Memory is bounded: past ``limit`` keys the set starts again (a description is then
    written once more, which is harmless). After a paper is removed from the store its
    orphaned entities lose their descriptions, so the writer calls :meth:`forget`.
    """

    def __init__(self, limit: int = 500_000) -> None:
        self.limit = limit
        self._seen: set[Hashable] = set()

    def __call__(self, key: Hashable) -> bool:
        if key in self._seen:
            return False
        if len(self._seen) >= self.limit:
            self._seen.clear()
        self._seen.add(key)
        return True

    def forget(self) -> None:
        self._seen.clear()


class NQuadsEncoder:
    """An extraction as N-Quads bytes, made in an extraction worker for the parent to load.

    Why: building quads is ~0.4 ms a paper of Python, and with two workers the parent,
    which also writes the store, spent 42% of its time on it while the workers waited.
    Loading N-Quads text costs the store what loading Quad objects does (~0.6 ms a paper
    either way, measured), so the parent's share shrinks by the quads. Each worker keeps
    its own :class:`DescribedOnce`: its earlier papers are written before its later ones,
    so what it skips is already in the store, unless a removal came in between, which is
    why the writer does its own encoding once it has removed anything.
    """

    def __init__(self) -> None:
        self.described = DescribedOnce()

    def __call__(self, ex: PaperExtraction) -> bytes:
        return serialize(extraction_quads(ex, self.described), format=RdfFormat.N_QUADS)


def _as_triples(quads: Iterator[Quad]) -> Iterator[tuple]:
    for q in quads:
        yield q.subject, q.predicate, q.object


@lru_cache(maxsize=_CACHE)
def _entity(entity_type: str, name: str) -> NamedNode:
    return _N(iri.entity_iri(entity_type, name))


@lru_cache(maxsize=_CACHE)
def _author(name: str) -> tuple[NamedNode, tuple[Quad, ...]]:
    a = _N(iri.author_iri(name))
    lit = Literal(name)
    return a, (Quad(a, A, _KG["Author"]), Quad(a, A, _SCHEMA_PERSON),
               Quad(a, _SCHEMA_NAME, lit), Quad(a, _LABEL, lit))


@lru_cache(maxsize=1024)
def _extractor(name: str) -> tuple[NamedNode, tuple[Quad, ...]]:
    ext = _N(iri.extractor_iri(name))
    return ext, (Quad(ext, A, _KG["Extractor"]), Quad(ext, A, _SW_AGENT),
                 Quad(ext, _LABEL, Literal(name)))


def _paper_quads(p: Paper, s: NamedNode, extractor_version: str = "",
                 fresh: Fresh = _always) -> Iterator[Quad]:
    title = Literal(p.title)
    yield Quad(s, A, _KG["Paper"])
    yield Quad(s, A, _SCHEMA_ARTICLE)
    yield Quad(s, _IDENT, Literal(p.id))
    yield Quad(s, _TITLE, title)
    yield Quad(s, _LABEL, title)
    yield Quad(s, _ABSTRACT, Literal(p.abstract))
    yield Quad(s, _KG["contentHash"], Literal(p.content_hash))
    if extractor_version:
        yield Quad(s, _KG["extractorVersion"], Literal(extractor_version))
    if p.date:
        yield Quad(s, _DATEP, _date_literal(p.date))
    if p.url:
        yield Quad(s, _SCHEMA_URL, Literal(p.url, datatype=_URI))
    if p.doi:
        yield Quad(s, _KG["doi"], Literal(p.doi))
    for c in p.categories:
        yield Quad(s, _KG["category"], Literal(c))
    for name in p.authors:
        a, desc = _author(name)
        yield Quad(s, _CREATOR, a)
        if fresh(("author", name)):
            yield from desc


def paper_triples(p: Paper, extractor_version: str = "") -> Iterator[tuple]:
    return _as_triples(_paper_quads(p, _N(iri.paper_iri(p.id)), extractor_version))


def _evidence_quads(node: NamedNode, ev: Evidence, fresh: Fresh = _always) -> Iterator[Quad]:
    yield Quad(node, _KG["evidence"], Literal(ev.sentence))
    yield Quad(node, _KG["charStart"], _lit(int(ev.start)))
    yield Quad(node, _KG["charEnd"], _lit(int(ev.end)))
    yield Quad(node, _KG["confidence"], Literal(str(round(float(ev.confidence), 3)), datatype=_DEC))
    ext, desc = _extractor(ev.extractor)
    yield Quad(node, _GEN_BY, ext)
    if fresh(("extractor", ev.extractor)):
        yield from desc


def _entity_key(entity_type: str, attrs: dict | None) -> tuple | None:
    if entity_type != "hardware" or not attrs:
        return None
    return (attrs.get("vendor"), attrs.get("hw_class"), attrs.get("generation"),
            attrs.get("year"), tuple(attrs.get("broader") or ()))


@lru_cache(maxsize=_CACHE)
def _entity_quads_cached(entity_type: str, name: str, aliases: tuple[str, ...],
                         key: tuple | None) -> tuple[Quad, ...]:
    attrs = {} if key is None else dict(zip(("vendor", "hw_class", "generation", "year"), key))
    if key is not None:
        attrs["broader"] = list(key[4])
    return tuple(_entity_quads(entity_type, name, aliases, attrs))


def _entity_desc(entity_type: str, name: str, aliases: tuple[str, ...],
                 attrs: dict | None, fresh: Fresh = _always) -> Iterator[Quad] | tuple[Quad, ...]:
    key = (entity_type, name, tuple(aliases), _entity_key(entity_type, attrs))
    try:
        if not fresh(key):
            return ()
        return _entity_quads_cached(*key)
    except TypeError:  # an unhashable attribute value: build it every time
        return _entity_quads(entity_type, name, aliases, attrs)


def _entity_quads(entity_type: str, name: str, aliases: tuple[str, ...] = (),
                  attrs: dict | None = None) -> Iterator[Quad]:
    cls, _ = ENTITY_CLASS[entity_type]
    e = _entity(entity_type, name)
    label = Literal(name)
    yield Quad(e, A, _KG[cls])
    yield Quad(e, A, _SKOS_CONCEPT)
    yield Quad(e, _PREF, label)
    yield Quad(e, _LABEL, label)
    for al in aliases:
        if al and al != name:
            yield Quad(e, _ALT, Literal(al))
    attrs = attrs or {}
    if entity_type == "hardware":
        for key, prop in (("vendor", "vendor"), ("hw_class", "hardwareClass"),
                          ("generation", "generation")):
            if attrs.get(key):
                yield Quad(e, _KG[prop], Literal(str(attrs[key])))
        if attrs.get("year"):
            yield Quad(e, _KG["releaseYear"], Literal(str(int(attrs["year"])), datatype=_YEAR))
        chain = [name, *[b for b in attrs.get("broader") or [] if b and b != name]]
        for child, parent in zip(chain, chain[1:]):
            c, par = _entity("hardware", child), _entity("hardware", parent)
            plabel = Literal(parent)
            yield Quad(c, _BROADER, par)
            yield Quad(par, A, _KG["Hardware"])
            yield Quad(par, A, _SKOS_CONCEPT)
            yield Quad(par, _PREF, plabel)
            yield Quad(par, _LABEL, plabel)


def entity_node_triples(entity_type: str, name: str, aliases: tuple[str, ...] = (),
                        attrs: dict | None = None) -> Iterator[tuple]:
    """The entity's own description: class, labels and, for hardware, its hierarchy."""
    return _as_triples(iter(_entity_desc(entity_type, name, aliases, attrs)))


def _mention_quads(p: Paper, s: NamedNode, m: Mention, fresh: Fresh = _always) -> Iterator[Quad]:
    _, has = ENTITY_CLASS[m.type]
    e = _entity(m.type, m.name)
    yield Quad(s, _KG[has], e)
    yield from _entity_desc(m.type, m.name, m.aliases, m.attrs, fresh)
    link = _N(iri.link_iri(p.id, m.type, m.name))
    yield Quad(link, A, _KG["Link"])
    yield Quad(link, _KG["paper"], s)
    yield Quad(link, _KG["entity"], e)
    yield Quad(link, _KG["entityType"], _TYPE_LIT[m.type])
    if m.role:
        yield Quad(link, _KG["role"], Literal(m.role))
    yield Quad(link, _KG["surface"], Literal(m.text))
    if m.attrs.get("quantity") is not None:
        yield Quad(link, _KG["quantity"], _lit(int(m.attrs["quantity"])))
    yield from _evidence_quads(link, m.evidence, fresh)


def mention_triples(p: Paper, m: Mention) -> Iterator[tuple]:
    return _as_triples(_mention_quads(p, _N(iri.paper_iri(p.id)), m))


_TYPE_LIT = {t: Literal(t) for t in ENTITY_CLASS}
_CODE_LIT = Literal("code")


def extraction_quads(ex: PaperExtraction, fresh: Fresh = _always) -> Iterator[Quad]:
    """Every quad one paper contributes: its own, and the descriptions of the entities,
    authors and extractors it names for which ``fresh`` says yes (by default all)."""
    p = ex.paper
    s = _N(iri.paper_iri(p.id))
    yield from _paper_quads(p, s, ex.extractor_version, fresh)
    for m in ex.mentions:
        yield from _mention_quads(p, s, m, fresh)
    for c in ex.claims:
        node = _N(iri.claim_iri(p.id, c.text, c.value, c.unit))
        text = Literal(c.text)
        yield Quad(s, _KG["hasClaim"], node)
        yield Quad(node, A, _KG["Claim"])
        yield Quad(node, _KG["paper"], s)
        yield Quad(node, _KG["claimText"], text)
        yield Quad(node, _LABEL, text)
        yield Quad(node, _KG["value"], _lit(float(c.value)))
        yield Quad(node, _KG["unit"], Literal(c.unit))
        if c.metric:
            yield Quad(node, _KG["metric"], Literal(c.metric))
        if c.hardware:
            yield Quad(node, _KG["onHardware"], _entity("hardware", c.hardware))
        yield from _evidence_quads(node, c.evidence, fresh)
    for u in ex.urls:
        code = _N(iri.code_iri(u.url))
        url_lit = Literal(u.url)
        yield Quad(s, _KG["hasCode"], code)
        yield Quad(code, A, _KG["CodeRepository"])
        yield Quad(code, _KG["url"], Literal(u.url, datatype=_URI))
        yield Quad(code, _LABEL, url_lit)
        link = _N(iri.code_link_iri(p.id, u.url))
        yield Quad(link, A, _KG["Link"])
        yield Quad(link, _KG["paper"], s)
        yield Quad(link, _KG["entity"], code)
        yield Quad(link, _KG["entityType"], _CODE_LIT)
        yield Quad(link, _KG["role"], _CODE_LIT)
        yield Quad(link, _KG["surface"], url_lit)
        yield from _evidence_quads(link, u.evidence, fresh)


def extraction_triples(ex: PaperExtraction) -> Iterator[tuple]:
    """Every triple one paper contributes (its own and its entities' descriptions)."""
    return _as_triples(extraction_quads(ex))
