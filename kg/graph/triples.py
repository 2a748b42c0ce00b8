"""Maps papers and their extractions to RDF: N-Quads text, and pyoxigraph Quads parsed from it.

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

import re
from collections.abc import Callable, Hashable
from functools import lru_cache

from pyoxigraph import Quad, RdfFormat, parse

from kg.graph import iri
from kg.graph.namespaces import DCTERMS, ENTITY_CLASS, PROV, RDF, RDFS, SCHEMA, SKOS, XSD
from kg.model import Evidence, Mention, Paper, PaperExtraction

# Everything here writes N-Quads text, the one source of truth; Quad objects, where a caller
# wants them, are that text parsed (:func:`extraction_quads`). Why text: a 20k-paper build
# spent 12.7% of its time (py-spy) building pyoxigraph Quad, NamedNode and Literal objects,
# 6.4 us a quad, which the store (or a worker's serializer) then turned into N-Quads anyway.
# Terms below are N-Quads terms, ready to join: ``<iri>``, ``"literal"``, ``"5"^^<type>``.
# The IRIs all come from kg.graph.iri, which percent-encodes or slugs every key, so none
# holds a character N-Quads forbids in an IRI.


def _n(iri_: str) -> str:
    return f"<{iri_}>"


#: Literal characters N-Quads must escape (quote, backslash, line ends), and the other
#: control characters, escaped too so that no reader trips on them.
_ESCAPE = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r"}
_ESCAPE.update({c: f"\\u{c:04X}" for c in (*range(0x20), 0x7F) if c not in _ESCAPE})
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f"\\\x7f]')


def _str(value: str) -> str:
    """A plain string literal."""
    if _NEEDS_ESCAPE.search(value):
        value = value.translate(_ESCAPE)
    return f'"{value}"'


def _typed(lexical: str, datatype: str) -> str:
    return f"{_str(lexical)}^^{datatype}"


A = _n(RDF + "type")
_KG = {name: _n(iri.term(name)) for name in (
    "Paper", "Author", "Hardware", "Dataset", "Method", "Technique", "Task", "Claim",
    "CodeRepository", "Link", "Extractor",
    "hasHardware", "hasDataset", "hasMethod", "hasTechnique", "hasTask", "hasClaim", "hasCode",
    "paper", "entity", "role", "surface", "evidence", "charStart", "charEnd", "confidence",
    "extractorVersion", "quantity", "category", "doi", "contentHash", "vendor",
    "hardwareClass", "generation", "releaseYear", "value", "unit", "metric", "onHardware",
    "claimText", "url", "entityType")}
_SKOS_CONCEPT = _n(SKOS + "Concept")
_PREF, _ALT, _BROADER = _n(SKOS + "prefLabel"), _n(SKOS + "altLabel"), _n(SKOS + "broader")
_LABEL = _n(RDFS + "label")
_GEN_BY = _n(PROV + "wasGeneratedBy")
_SW_AGENT = _n(PROV + "SoftwareAgent")
_INT, _DEC, _DOUBLE, _DATE, _YEAR, _URI, _BOOL = (
    _n(XSD + "integer"), _n(XSD + "decimal"), _n(XSD + "double"), _n(XSD + "date"),
    _n(XSD + "gYear"), _n(XSD + "anyURI"), _n(XSD + "boolean"))

#: The paper properties, as (predicate, Paper attribute) for single-valued literals.
_TITLE, _ABSTRACT, _IDENT, _DATEP, _CREATOR = (
    _n(DCTERMS + "title"), _n(DCTERMS + "abstract"), _n(DCTERMS + "identifier"),
    _n(DCTERMS + "date"), _n(DCTERMS + "creator"))
_SCHEMA_ARTICLE, _SCHEMA_URL, _SCHEMA_NAME, _SCHEMA_PERSON = (
    _n(SCHEMA + "ScholarlyArticle"), _n(SCHEMA + "url"), _n(SCHEMA + "name"),
    _n(SCHEMA + "Person"))


def _lit(value: object) -> str:
    if isinstance(value, bool):
        return _typed(str(value).lower(), _BOOL)
    if isinstance(value, int):
        return _typed(str(value), _INT)
    if isinstance(value, float):
        return _typed(repr(value), _DOUBLE)
    return _str(str(value))


def _date_literal(date: str) -> str:
    if len(date) == 4:
        return _typed(date, _YEAR)
    if len(date) == 10:
        return _typed(date, _DATE)
    return _str(date)


def _line(s: str, p: str, o: str) -> str:
    return f"{s} {p} {o} .\n"


# What repeats across papers (entity, author and extractor IRIs and descriptions) is made
# once and kept in bounded LRU caches: profile of a 2k-paper build, a third of the graph
# writing went to re-deriving them (slug, regexes) paper after paper.

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
    written and handed them over, which is most of the cost of writing the graph. Skipping
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

    Why: writing a paper's quads is Python work, and with two workers the parent, which
    also writes the store, spent 42% of its time on it while the workers waited. Each
    worker keeps its own :class:`DescribedOnce`: its earlier papers are written before its
    later ones, so what it skips is already in the store, unless a removal came in between,
    which is why the writer does its own encoding once it has removed anything.
    """

    def __init__(self) -> None:
        self.described = DescribedOnce()

    def __call__(self, ex: PaperExtraction) -> bytes:
        return extraction_nquads(ex, self.described).encode("utf-8")


@lru_cache(maxsize=_CACHE)
def _entity(entity_type: str, name: str) -> str:
    return _n(iri.entity_iri(entity_type, name))


@lru_cache(maxsize=_CACHE)
def _author(name: str) -> tuple[str, str]:
    a = _n(iri.author_iri(name))
    lit = _str(name)
    return a, (_line(a, A, _KG["Author"]) + _line(a, A, _SCHEMA_PERSON)
               + _line(a, _SCHEMA_NAME, lit) + _line(a, _LABEL, lit))


@lru_cache(maxsize=1024)
def _extractor(name: str) -> tuple[str, str]:
    ext = _n(iri.extractor_iri(name))
    return ext, (_line(ext, A, _KG["Extractor"]) + _line(ext, A, _SW_AGENT)
                 + _line(ext, _LABEL, _str(name)))


def _paper_lines(out: list[str], p: Paper, s: str, extractor_version: str,
                 fresh: Fresh) -> None:
    title = _str(p.title)
    out += (_line(s, A, _KG["Paper"]), _line(s, A, _SCHEMA_ARTICLE),
            _line(s, _IDENT, _str(p.id)), _line(s, _TITLE, title), _line(s, _LABEL, title),
            _line(s, _ABSTRACT, _str(p.abstract)),
            _line(s, _KG["contentHash"], _str(p.content_hash)))
    if extractor_version:
        out.append(_line(s, _KG["extractorVersion"], _str(extractor_version)))
    if p.date:
        out.append(_line(s, _DATEP, _date_literal(p.date)))
    if p.url:
        out.append(_line(s, _SCHEMA_URL, _typed(p.url, _URI)))
    if p.doi:
        out.append(_line(s, _KG["doi"], _str(p.doi)))
    for c in p.categories:
        out.append(_line(s, _KG["category"], _str(c)))
    for name in p.authors:
        a, desc = _author(name)
        out.append(_line(s, _CREATOR, a))
        if fresh(("author", name)):
            out.append(desc)


def _evidence_lines(out: list[str], node: str, ev: Evidence, fresh: Fresh) -> None:
    ext, desc = _extractor(ev.extractor)
    out += (_line(node, _KG["evidence"], _str(ev.sentence)),
            _line(node, _KG["charStart"], _lit(int(ev.start))),
            _line(node, _KG["charEnd"], _lit(int(ev.end))),
            _line(node, _KG["confidence"], _typed(str(round(float(ev.confidence), 3)), _DEC)),
            _line(node, _GEN_BY, ext))
    if fresh(("extractor", ev.extractor)):
        out.append(desc)


def _entity_key(entity_type: str, attrs: dict | None) -> tuple | None:
    if entity_type != "hardware" or not attrs:
        return None
    return (attrs.get("vendor"), attrs.get("hw_class"), attrs.get("generation"),
            attrs.get("year"), tuple(attrs.get("broader") or ()))


@lru_cache(maxsize=_CACHE)
def _entity_desc_cached(entity_type: str, name: str, aliases: tuple[str, ...],
                        key: tuple | None) -> str:
    attrs = {} if key is None else dict(zip(("vendor", "hw_class", "generation", "year"), key))
    if key is not None:
        attrs["broader"] = list(key[4])
    return _entity_desc_text(entity_type, name, aliases, attrs)


def _entity_desc(entity_type: str, name: str, aliases: tuple[str, ...],
                 attrs: dict | None, fresh: Fresh = _always) -> str:
    key = (entity_type, name, tuple(aliases), _entity_key(entity_type, attrs))
    try:
        if not fresh(key):
            return ""
        return _entity_desc_cached(*key)
    except TypeError:  # an unhashable attribute value: build it every time
        return _entity_desc_text(entity_type, name, aliases, attrs)


def _entity_desc_text(entity_type: str, name: str, aliases: tuple[str, ...] = (),
                      attrs: dict | None = None) -> str:
    """The entity's own description: class, labels and, for hardware, its hierarchy."""
    cls, _ = ENTITY_CLASS[entity_type]
    e = _entity(entity_type, name)
    label = _str(name)
    out = [_line(e, A, _KG[cls]), _line(e, A, _SKOS_CONCEPT), _line(e, _PREF, label),
           _line(e, _LABEL, label)]
    for al in aliases:
        if al and al != name:
            out.append(_line(e, _ALT, _str(al)))
    attrs = attrs or {}
    if entity_type == "hardware":
        for key, prop in (("vendor", "vendor"), ("hw_class", "hardwareClass"),
                          ("generation", "generation")):
            if attrs.get(key):
                out.append(_line(e, _KG[prop], _str(str(attrs[key]))))
        if attrs.get("year"):
            out.append(_line(e, _KG["releaseYear"], _typed(str(int(attrs["year"])), _YEAR)))
        chain = [name, *[b for b in attrs.get("broader") or [] if b and b != name]]
        for child, parent in zip(chain, chain[1:]):
            c, par = _entity("hardware", child), _entity("hardware", parent)
            plabel = _str(parent)
            out += (_line(c, _BROADER, par), _line(par, A, _KG["Hardware"]),
                    _line(par, A, _SKOS_CONCEPT), _line(par, _PREF, plabel),
                    _line(par, _LABEL, plabel))
    return "".join(out)


_TYPE_LIT = {t: _str(t) for t in ENTITY_CLASS}
_CODE_LIT = _str("code")


def _mention_lines(out: list[str], p: Paper, s: str, m: Mention, fresh: Fresh) -> None:
    _, has = ENTITY_CLASS[m.type]
    e = _entity(m.type, m.name)
    link = _n(iri.link_iri(p.id, m.type, m.name))
    out += (_line(s, _KG[has], e), _entity_desc(m.type, m.name, m.aliases, m.attrs, fresh),
            _line(link, A, _KG["Link"]), _line(link, _KG["paper"], s),
            _line(link, _KG["entity"], e), _line(link, _KG["entityType"], _TYPE_LIT[m.type]))
    if m.role:
        out.append(_line(link, _KG["role"], _str(m.role)))
    out.append(_line(link, _KG["surface"], _str(m.text)))
    if m.attrs.get("quantity") is not None:
        out.append(_line(link, _KG["quantity"], _lit(int(m.attrs["quantity"]))))
    _evidence_lines(out, link, m.evidence, fresh)


def extraction_nquads(ex: PaperExtraction, fresh: Fresh = _always) -> str:
    """Every quad one paper contributes, as N-Quads text: its own, and the descriptions of
    the entities, authors and extractors it names for which ``fresh`` says yes (by default
    all)."""
    p = ex.paper
    s = _n(iri.paper_iri(p.id))
    out: list[str] = []
    _paper_lines(out, p, s, ex.extractor_version, fresh)
    for m in ex.mentions:
        _mention_lines(out, p, s, m, fresh)
    for c in ex.claims:
        node = _n(iri.claim_iri(p.id, c.text, c.value, c.unit))
        text = _str(c.text)
        out += (_line(s, _KG["hasClaim"], node), _line(node, A, _KG["Claim"]),
                _line(node, _KG["paper"], s), _line(node, _KG["claimText"], text),
                _line(node, _LABEL, text), _line(node, _KG["value"], _lit(float(c.value))),
                _line(node, _KG["unit"], _str(c.unit)))
        if c.metric:
            out.append(_line(node, _KG["metric"], _str(c.metric)))
        if c.hardware:
            out.append(_line(node, _KG["onHardware"], _entity("hardware", c.hardware)))
        _evidence_lines(out, node, c.evidence, fresh)
    for u in ex.urls:
        code = _n(iri.code_iri(u.url))
        link = _n(iri.code_link_iri(p.id, u.url))
        url_lit = _str(u.url)
        out += (_line(s, _KG["hasCode"], code), _line(code, A, _KG["CodeRepository"]),
                _line(code, _KG["url"], _typed(u.url, _URI)), _line(code, _LABEL, url_lit),
                _line(link, A, _KG["Link"]), _line(link, _KG["paper"], s),
                _line(link, _KG["entity"], code), _line(link, _KG["entityType"], _CODE_LIT),
                _line(link, _KG["role"], _CODE_LIT), _line(link, _KG["surface"], url_lit))
        _evidence_lines(out, link, u.evidence, fresh)
    return "".join(out)


def extraction_quads(ex: PaperExtraction, fresh: Fresh = _always) -> list[Quad]:
    """:func:`extraction_nquads` as pyoxigraph Quads, in the same order."""
    return list(parse(extraction_nquads(ex, fresh), format=RdfFormat.N_QUADS))
