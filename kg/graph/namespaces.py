"""Namespaces: standard vocabularies where they fit, the project's own terms otherwise.

The project's own terms are published with labels and comments in ``kg/data/ontology.ttl``;
the test suite checks that every term used here is declared there, so a typo is an error
rather than a silently new IRI.
"""
from __future__ import annotations

BASE = "https://w3id.org/kg-papers/"
KG = BASE + "ontology#"
ID = BASE + "id/"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
SCHEMA = "https://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
OWL = "http://www.w3.org/2002/07/owl#"

PREFIXES: dict[str, str] = {
    "kg": KG,
    "kgid": ID,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "schema": SCHEMA,
    "prov": PROV,
    "owl": OWL,
}


def sparql_prefixes() -> str:
    """PREFIX lines for every namespace above, for queries written by hand or by kg."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


#: The project's own classes and properties (local names in the KG namespace).
CLASSES = ("Paper", "Author", "Entity", "Hardware", "Dataset", "Method", "Technique", "Task",
           "Claim", "CodeRepository", "Link", "Extractor")
PROPERTIES = (
    "hasHardware", "hasDataset", "hasMethod", "hasTechnique", "hasTask", "hasClaim", "hasCode",
    "link", "paper", "entity", "role", "surface", "evidence", "charStart", "charEnd",
    "confidence", "extractorVersion", "quantity", "category", "doi", "contentHash",
    "vendor", "hardwareClass", "generation", "releaseYear", "value", "unit", "metric",
    "onHardware", "claimText", "url", "entityType",
)

#: entity type (model.EntityType) -> (class local name, paper->entity property local name)
ENTITY_CLASS = {
    "hardware": ("Hardware", "hasHardware"),
    "dataset": ("Dataset", "hasDataset"),
    "method": ("Method", "hasMethod"),
    "technique": ("Technique", "hasTechnique"),
    "task": ("Task", "hasTask"),
}
