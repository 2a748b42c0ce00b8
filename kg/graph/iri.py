"""One place that turns stable keys into IRIs.

Every IRI the project mints comes from here, from keys that depend only on the input (a
paper id, a canonical entity name), so the same input always gives the same IRIs and two
builds of one corpus can be diffed triple by triple.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote, unquote

from kg.graph.namespaces import ID, KG

_TYPE_SEGMENT = {"hardware": "hardware", "dataset": "dataset", "method": "method",
                 "technique": "technique", "task": "task"}


def slug(text: str) -> str:
    """A readable, IRI-safe key for a name: 'NVIDIA RTX 4090' -> 'nvidia-rtx-4090'.

    Names that differ only in case, spacing or punctuation share a slug, which is what
    merges 'GPT-2' and 'GPT 2' into one node. '+' is spelled out so 'C++' is not 'C'.
    """
    t = unicodedata.normalize("NFKD", text).replace("+", " plus ").replace("#", " sharp ")
    t = t.encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[^a-z0-9]+", "-", t).strip("-")
    if not s or len(s) > 80:
        s = (s[:60].rstrip("-") + "-" if s else "") + _hash(text)
    return s


def _hash(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:12]


def term(local: str) -> str:
    """An IRI in the project's ontology namespace."""
    return KG + local


def paper_iri(paper_id: str) -> str:
    return f"{ID}paper/{quote(paper_id, safe='')}"


def paper_id_of(paper_iri_: str) -> str | None:
    """The id :func:`paper_iri` minted ``paper_iri_`` from (None for any other IRI).

    Percent-encoding with nothing kept safe is undone exactly by unquoting, so a paper's id
    can be read from its IRI without a store lookup (ordering a long list of papers by id).
    """
    prefix = f"{ID}paper/"
    if not paper_iri_.startswith(prefix):
        return None
    pid = unquote(paper_iri_[len(prefix):])
    return pid if paper_iri(pid) == paper_iri_ else None


def author_iri(name: str) -> str:
    return f"{ID}author/{slug(name)}"


def entity_iri(entity_type: str, name: str) -> str:
    return f"{ID}{_TYPE_SEGMENT[entity_type]}/{slug(name)}"


def link_iri(paper_id: str, entity_type: str, name: str) -> str:
    return f"{ID}link/{quote(paper_id, safe='')}/{_TYPE_SEGMENT[entity_type]}/{slug(name)}"


def link_iri_of(paper_iri_: str, entity_iri_: str) -> str | None:
    """The link :func:`link_iri` minted for this paper and entity (None for other IRIs).

    A link's IRI is made of the keys its paper's and entity's IRIs end with, so a list of
    (paper, entity) pairs can name its links outright: reading them back from the store
    means walking every link of each paper.
    """
    paper_prefix = f"{ID}paper/"
    if not (paper_iri_.startswith(paper_prefix) and entity_iri_.startswith(ID)):
        return None
    segment, _, key = entity_iri_[len(ID):].partition("/")
    if segment not in _TYPE_SEGMENT.values() or not key or "/" in key:
        return None
    return f"{ID}link/{paper_iri_[len(paper_prefix):]}/{segment}/{key}"


def claim_iri(paper_id: str, text: str, value: float, unit: str) -> str:
    return f"{ID}claim/{quote(paper_id, safe='')}/{_hash(text, repr(float(value)), unit)}"


def code_iri(url: str) -> str:
    return f"{ID}code/{_hash(url.rstrip('/').lower())}"


def code_link_iri(paper_id: str, url: str) -> str:
    return f"{ID}link/{quote(paper_id, safe='')}/code/{_hash(url.rstrip('/').lower())}"


def extractor_iri(component: str) -> str:
    return f"{ID}extractor/{slug(component)}"
