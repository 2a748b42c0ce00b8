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

from collections.abc import Iterator

from pyoxigraph import Literal, NamedNode, Quad

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


def paper_triples(p: Paper, extractor_version: str = "") -> Iterator[tuple]:
    s = _N(iri.paper_iri(p.id))
    yield s, A, _KG["Paper"]
    yield s, A, _SCHEMA_ARTICLE
    yield s, _IDENT, Literal(p.id)
    yield s, _TITLE, Literal(p.title)
    yield s, _LABEL, Literal(p.title)
    yield s, _ABSTRACT, Literal(p.abstract)
    yield s, _KG["contentHash"], Literal(p.content_hash)
    if extractor_version:
        yield s, _KG["extractorVersion"], Literal(extractor_version)
    if p.date:
        yield s, _DATEP, _date_literal(p.date)
    if p.url:
        yield s, _SCHEMA_URL, Literal(p.url, datatype=_URI)
    if p.doi:
        yield s, _KG["doi"], Literal(p.doi)
    for c in p.categories:
        yield s, _KG["category"], Literal(c)
    for pos, name in enumerate(p.authors, 1):
        a = _N(iri.author_iri(name))
        yield s, _CREATOR, a
        yield a, A, _KG["Author"]
        yield a, A, _SCHEMA_PERSON
        yield a, _SCHEMA_NAME, Literal(name)
        yield a, _LABEL, Literal(name)


def _evidence_triples(node: NamedNode, ev: Evidence) -> Iterator[tuple]:
    yield node, _KG["evidence"], Literal(ev.sentence)
    yield node, _KG["charStart"], _lit(int(ev.start))
    yield node, _KG["charEnd"], _lit(int(ev.end))
    yield node, _KG["confidence"], Literal(str(round(float(ev.confidence), 3)), datatype=_DEC)
    ext = _N(iri.extractor_iri(ev.extractor))
    yield node, _GEN_BY, ext
    yield ext, A, _KG["Extractor"]
    yield ext, A, _SW_AGENT
    yield ext, _LABEL, Literal(ev.extractor)


def entity_node_triples(entity_type: str, name: str, aliases: tuple[str, ...] = (),
                        attrs: dict | None = None) -> Iterator[tuple]:
    """The entity's own description: class, labels and, for hardware, its hierarchy."""
    cls, _ = ENTITY_CLASS[entity_type]
    e = _N(iri.entity_iri(entity_type, name))
    yield e, A, _KG[cls]
    yield e, A, _SKOS_CONCEPT
    yield e, _PREF, Literal(name)
    yield e, _LABEL, Literal(name)
    for al in aliases:
        if al and al != name:
            yield e, _ALT, Literal(al)
    attrs = attrs or {}
    if entity_type == "hardware":
        for key, prop in (("vendor", "vendor"), ("hw_class", "hardwareClass"),
                          ("generation", "generation")):
            if attrs.get(key):
                yield e, _KG[prop], Literal(str(attrs[key]))
        if attrs.get("year"):
            yield e, _KG["releaseYear"], Literal(str(int(attrs["year"])), datatype=_YEAR)
        chain = [name, *[b for b in attrs.get("broader") or [] if b and b != name]]
        for child, parent in zip(chain, chain[1:]):
            c, par = _N(iri.entity_iri("hardware", child)), _N(iri.entity_iri("hardware", parent))
            yield c, _BROADER, par
            yield par, A, _KG["Hardware"]
            yield par, A, _SKOS_CONCEPT
            yield par, _PREF, Literal(parent)
            yield par, _LABEL, Literal(parent)


def mention_triples(p: Paper, m: Mention) -> Iterator[tuple]:
    _, has = ENTITY_CLASS[m.type]
    s, e = _N(iri.paper_iri(p.id)), _N(iri.entity_iri(m.type, m.name))
    yield s, _KG[has], e
    yield from entity_node_triples(m.type, m.name, m.aliases, m.attrs)
    link = _N(iri.link_iri(p.id, m.type, m.name))
    yield link, A, _KG["Link"]
    yield link, _KG["paper"], s
    yield link, _KG["entity"], e
    yield link, _KG["entityType"], Literal(m.type)
    if m.role:
        yield link, _KG["role"], Literal(m.role)
    yield link, _KG["surface"], Literal(m.text)
    if m.attrs.get("quantity") is not None:
        yield link, _KG["quantity"], _lit(int(m.attrs["quantity"]))
    yield from _evidence_triples(link, m.evidence)


def extraction_triples(ex: PaperExtraction) -> Iterator[tuple]:
    """Every triple one paper contributes (its own and its entities' descriptions)."""
    p = ex.paper
    s = _N(iri.paper_iri(p.id))
    yield from paper_triples(p, ex.extractor_version)
    for m in ex.mentions:
        yield from mention_triples(p, m)
    for c in ex.claims:
        node = _N(iri.claim_iri(p.id, c.text, c.value, c.unit))
        yield s, _KG["hasClaim"], node
        yield node, A, _KG["Claim"]
        yield node, _KG["paper"], s
        yield node, _KG["claimText"], Literal(c.text)
        yield node, _LABEL, Literal(c.text)
        yield node, _KG["value"], _lit(float(c.value))
        yield node, _KG["unit"], Literal(c.unit)
        if c.metric:
            yield node, _KG["metric"], Literal(c.metric)
        if c.hardware:
            hw = _N(iri.entity_iri("hardware", c.hardware))
            yield node, _KG["onHardware"], hw
        yield from _evidence_triples(node, c.evidence)
    for u in ex.urls:
        code = _N(iri.code_iri(u.url))
        yield s, _KG["hasCode"], code
        yield code, A, _KG["CodeRepository"]
        yield code, _KG["url"], Literal(u.url, datatype=_URI)
        yield code, _LABEL, Literal(u.url)
        link = _N(iri.code_link_iri(p.id, u.url))
        yield link, A, _KG["Link"]
        yield link, _KG["paper"], s
        yield link, _KG["entity"], code
        yield link, _KG["entityType"], Literal("code")
        yield link, _KG["role"], Literal("code")
        yield link, _KG["surface"], Literal(u.url)
        yield from _evidence_triples(link, u.evidence)


def extraction_quads(ex: PaperExtraction) -> Iterator[Quad]:
    for t in extraction_triples(ex):
        yield Quad(*t)
