"""Turns names as users type them into graph nodes: case, spacing, aliases, hierarchy.

``rtx4090``, ``RTX 4090``, ``GeForce RTX 4090``, ``4090`` and ``NVIDIA RTX 4090`` all mean
the node ``kgid:hardware/nvidia-rtx-4090``; ``Hopper`` means the generation node, ``GPU`` the
class node, ``NVIDIA`` the vendor (every NVIDIA product, found through ``kg:vendor``). The
steps, first hit wins:

1. the graph's own labels (``skos:prefLabel``, ``skos:altLabel``, link surface forms),
   compared after folding case, spacing and punctuation;
2. for hardware, the hardware registry (``kg.extract.hardware_registry.load_registry()``,
   falling back to reading ``kg/data/hardware.json`` when that module is absent);
3. the same again without memory sizes and a trailing "GPU" (``H100 80GB``);
4. a unique label whose last words are the words given (``A100`` -> ``NVIDIA A100``; the
   shortest label wins, so ``NVIDIA DGX A100`` does not).

An unknown name raises :class:`~kg.errors.UnknownNameError` with the closest graph labels
(rapidfuzz, imported only then). The labels come from the backend with one query, so remote
endpoints resolve names the same way.
"""
from __future__ import annotations

import functools
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from kg.errors import QueryError, UnknownNameError
from kg.graph import iri as iri_mod
from kg.graph.namespaces import ENTITY_CLASS, ID, sparql_prefixes
from kg.query.backend import Backend

ENTITY_TYPES = tuple(ENTITY_CLASS)  # hardware, dataset, method, technique, task
_PRIORITY = {"pref": 0, "alt": 1, "surface": 2}
_MEMORY = re.compile(r"\b\d+(?:\.\d+)?\s*(?:gb|gib|tb|mb)\b|\bgpus?\b|\bcards?\b", re.I)


def norm(text: str) -> str:
    """Case, accents, spacing and punctuation folded away: 'RTX-4090' == 'rtx4090'."""
    t = unicodedata.normalize("NFKD", text).replace("+", "plus")
    return re.sub(r"[^0-9a-z]+", "", t.encode("ascii", "ignore").decode().casefold())


def _singular(text: str) -> str:
    """'Diffusion Models' -> 'Diffusion Model' (last word only; 'ss' endings kept)."""
    t = text.rstrip()
    if len(t) > 3 and t[-1] in "sS" and t[-2] not in "sS'" and t[-2].isalpha():
        return t[:-1]
    return t


def tokens(text: str) -> list[str]:
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return re.findall(r"[0-9a-z]+", t)


@dataclass(frozen=True)
class Target:
    """What a name resolved to: a node (``iri``) or, for a vendor, a ``kg:vendor`` value."""

    type: str
    label: str
    iri: str | None = None
    vendor: str | None = None

    def __str__(self) -> str:
        return self.label


# ---- hardware registry -------------------------------------------------------------------

class JsonHardwareRegistry:
    """The registry API (``resolve``, ``broader_chain``, ``nodes``) read from hardware.json.

    A fallback for when ``kg.extract.hardware_registry`` is not importable; it knows names
    and aliases, not the extractor's context rules.
    """

    def __init__(self, data: dict[str, Any]) -> None:
        self._alias: dict[str, str] = {}
        self._broader: dict[str, str | None] = {}
        self.vendors: dict[str, dict[str, Any]] = {}
        for c in data.get("classes", []):
            label = c.get("label", "")
            inner = re.findall(r"\(([^)]*)\)", label)  # "mobile device (smartphone, phone)"
            extra = [a.strip() for part in inner for a in part.split(",")]
            self._add(c["name"], [label, re.sub(r"\s*\(.*\)", "", label), *extra])
            self._broader[c["name"]] = c.get("broader")
        for v in data.get("vendors", []):
            self.vendors[v["name"]] = v
            self._add(v["name"], v.get("aliases", []))
        for g in data.get("generations", []):
            self._add(g["name"], g.get("aliases", []))
            self._broader[g["name"]] = g.get("hw_class")
        for p in data.get("products", []):
            self._add(p["name"], [*p.get("aliases", []), *p.get("context_aliases", [])])
            self._broader[p["name"]] = p.get("generation") or p.get("hw_class")
            if p.get("generation") and p.get("hw_class"):
                self._broader.setdefault(p["generation"], p["hw_class"])

    def _add(self, name: str, aliases: list[str]) -> None:
        for a in (name, *aliases):
            if a:
                self._alias.setdefault(norm(a), name)

    def resolve(self, text: str) -> str | None:
        return self._alias.get(norm(text))

    def broader_chain(self, name: str) -> list[str]:
        chain: list[str] = []
        cur = self._broader.get(name)
        while cur and cur not in chain and cur != name:
            chain.append(cur)
            cur = self._broader.get(cur)
        return chain

    def nodes(self) -> list[str]:
        return sorted(set(self._alias.values()))


@functools.lru_cache(maxsize=1)
def _json_registry() -> JsonHardwareRegistry:
    data = json.loads((resources.files("kg") / "data" / "hardware.json").read_text(encoding="utf-8"))
    return JsonHardwareRegistry(data)


@functools.lru_cache(maxsize=1)
def hardware_registry() -> Any:
    """The extractor's registry when available (same aliases as extraction), else the JSON one."""
    try:
        from kg.extract.hardware_registry import load_registry  # type: ignore[import-not-found]

        reg = load_registry()
        if callable(getattr(reg, "resolve", None)):
            return reg
    except Exception:  # noqa: BLE001 - absent or half-written module: use the fallback
        pass
    return _json_registry()


def _registry_resolve(text: str) -> str | None:
    """The canonical hardware name, trying the cheap JSON index before the extractor's
    registry (whose first load compiles its matchers: ~0.7 s that ``kg papers`` avoids
    whenever the name is a plain alias)."""
    name = _json_registry().resolve(text)
    if name:
        return name
    reg = hardware_registry()
    if reg is _json_registry():
        return None
    try:
        name = reg.resolve(text)
    except Exception:  # noqa: BLE001 - a registry bug must not break a query
        return None
    return str(name) if name else None


def broader_chain(name: str) -> list[str]:
    """Ancestors of a hardware name, nearest first, as the extractor records them."""
    try:
        return [str(x) for x in hardware_registry().broader_chain(name)]
    except Exception:  # noqa: BLE001
        return _json_registry().broader_chain(name)


# ---- the resolver ------------------------------------------------------------------------

#: Per-type label queries: the class and type names come from ENTITY_CLASS (fixed text),
#: never from the user. One type at a time keeps them to about a millisecond each.
_LABELS_QUERY = """
SELECT ?e ?label ?kind WHERE {{
  ?e a kg:{cls} .
  {{ ?e skos:prefLabel ?label BIND("pref" AS ?kind) }}
  UNION {{ ?e skos:altLabel ?label BIND("alt" AS ?kind) }}
}}"""
_SURFACES_QUERY = """
SELECT DISTINCT ?e ?label WHERE {{ ?l kg:entityType "{type}" ; kg:entity ?e ; kg:surface ?label }}"""
_VENDORS_QUERY = "SELECT DISTINCT ?v WHERE { ?e kg:vendor ?v }"
_PAPERS_QUERY = """
SELECT ?p ?id ?title WHERE { ?p a kg:Paper ; dcterms:identifier ?id ; dcterms:title ?title }"""
#: One paper by an exact key (id, title or IRI, whichever is bound): two index lookups.
_PAPER_BY_KEY_QUERY = """
SELECT ?p ?id ?title WHERE { ?p a kg:Paper ; dcterms:identifier ?id ; dcterms:title ?title }
LIMIT 2"""
#: Every paper is listed only to match a title loosely (case, punctuation, prefix); a larger
#: graph than this is asked for an exact id or title instead.
MAX_PAPER_LIST = 5_000_000


# ---- the name index file -----------------------------------------------------------------

#: Written by ``kg build`` / ``kg add`` next to the store: one JSON file per entity type with
#: what :meth:`NameResolver._load` would read from the graph, tagged with the store it was
#: made from (the ``CURRENT`` pointer), so a stale or foreign file is never used.
NAME_INDEX_DIR = "names"
_NAME_INDEX_VERSION = 1


#: Per entity type: (normalised label -> [(priority, label, IRI)], IRI -> preferred label).
NameIndex = dict[str, tuple[dict[str, list[tuple[int, str, str]]], dict[str, str]]]


def name_index(backend: Backend) -> NameIndex:
    """The :data:`NameIndex` of ``backend``'s labels, as :class:`NameResolver` loads it.

    A function of its own because the build computes it from its new store while that store
    compacts, before it is live, and :func:`write_name_index` saves it after the switch.
    """
    resolver = NameResolver(backend)
    return {type_: resolver._query_labels(type_) for type_ in ENTITY_TYPES}


def entity_type_of(entity_iri: str) -> str | None:
    """The entity type an entity IRI was minted for (:func:`kg.graph.iri.entity_iri`)."""
    if not entity_iri.startswith(ID):
        return None
    type_ = entity_iri[len(ID):].split("/", 1)[0]
    return type_ if type_ in ENTITY_CLASS else None


#: Whether one link names entity ?e with surface form ?s (both bound): an index lookup.
_SURFACE_LINK_QUERY = "SELECT ?e ?s WHERE { ?l kg:surface ?s ; kg:entity ?e } LIMIT 1"


def updated_name_index(old: NameIndex, backend: Backend,
                       touched: Mapping[str, Iterable[str]]) -> NameIndex:
    """``old`` with the entries of the ``touched`` entities brought up to date.

    ``touched`` maps the IRI of every entity an add's papers name (and the papers it
    replaced named) to the surface forms the added papers write it with. Labels are read
    again, one entity bound at a time (a few lookups each). Surface forms are not: a popular
    entity has hundreds of thousands of links (re-reading them cost 68 s for 200 replaced
    papers on a 1M-paper graph). Its surfaces now are some of the old ones and some of the
    added ones, so each of those is kept if a link still names it that way.

    Why at all: an add changes the entries of those entities and of no other, and recomputing
    the whole index took 14.5 s of a one-paper add to a 100k-paper graph. The entries equal a
    full :func:`name_index` (lists may be in another order; :class:`NameResolver` takes their
    minimum).
    """
    from pyoxigraph import Literal, NamedNode

    by_type: dict[str, dict[str, set[str]]] = {}
    for e, surfaces in touched.items():
        t = entity_type_of(e)
        if t is not None:
            by_type.setdefault(t, {}).setdefault(e, set()).update(surfaces)
    surface_q = sparql_prefixes() + _SURFACE_LINK_QUERY
    out: NameIndex = {}
    for type_ in ENTITY_TYPES:
        idx, pref = old[type_]
        ents = by_type.get(type_)
        if not ents:
            out[type_] = (idx, pref)
            continue
        kept_idx: dict[str, list[tuple[int, str, str]]] = {}
        for k, hits in idx.items():
            kept = []
            for h in hits:
                if h[2] not in ents:
                    kept.append(h)
                elif h[0] == _PRIORITY["surface"]:
                    ents[h[2]].add(h[1])  # an old surface: checked again below
            if kept:
                kept_idx[k] = kept
        idx = kept_idx
        pref = {k: v for k, v in pref.items() if k not in ents}
        labels_q = sparql_prefixes() + _LABELS_QUERY.format(cls=ENTITY_CLASS[type_][0])
        for e in sorted(ents):
            node = NamedNode(e)
            for _, label, kind in backend.query(labels_q, {"e": node}).rows:
                if label is None or kind is None:
                    continue
                idx.setdefault(norm(label.value), []).append((_PRIORITY[kind.value], label.value, e))
                if kind.value == "pref":
                    pref[e] = label.value
            for surface in sorted(ents[e]):
                if backend.query(surface_q, {"e": node, "s": Literal(surface)}).rows:
                    idx.setdefault(norm(surface), []).append((_PRIORITY["surface"], surface, e))
        out[type_] = (idx, pref)
    return out


def read_name_index(graph_dir: str | os.PathLike[str]) -> NameIndex | None:
    """The name index written for the graph's live store, or None if any file is missing
    or belongs to another store."""
    out: NameIndex = {}
    for type_ in ENTITY_TYPES:
        loaded = _read_name_index(graph_dir, type_)
        if loaded is None:
            return None
        out[type_] = loaded
    return out


def write_name_index(graph_dir: str | os.PathLike[str], index: NameIndex | None = None) -> Path:
    """Writes ``<graph_dir>/names/<type>.json`` for every entity type (called by the build).

    ``index`` is :func:`name_index` of the live store, computed from it now when not given.
    The files name the live store: an add that does not write them leaves them stale, not wrong.
    """
    from kg.graph.store import atomic_write_bytes, read_pointer
    from kg.query.backend import LocalBackend

    out = Path(graph_dir)
    if index is None:
        index = name_index(LocalBackend(out))
    ptr = read_pointer(out)
    folder = out / NAME_INDEX_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for type_ in ENTITY_TYPES:
        idx, pref = index[type_]
        doc = {"version": _NAME_INDEX_VERSION, "store": ptr, "type": type_,
               "index": idx, "pref": pref}
        atomic_write_bytes(folder / f"{type_}.json",
                           json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode())
    return folder


def _read_name_index(graph_dir: str | os.PathLike[str] | None, type_: str
                     ) -> tuple[dict[str, list[tuple[int, str, str]]], dict[str, str]] | None:
    """The written index for ``type_`` if it matches the graph's live store, else None."""
    if graph_dir is None:
        return None
    try:
        doc = json.loads((Path(graph_dir) / NAME_INDEX_DIR / f"{type_}.json").read_bytes())
    except (OSError, ValueError):
        return None
    from kg.graph.store import read_pointer

    ptr = read_pointer(graph_dir)
    if (not isinstance(doc, dict) or doc.get("version") != _NAME_INDEX_VERSION or not ptr
            or doc.get("store") != ptr or doc.get("type") != type_):
        return None
    try:
        idx = {k: [(int(p), str(lab), str(iri)) for p, lab, iri in v]
               for k, v in doc["index"].items()}
        pref = {str(k): str(v) for k, v in doc["pref"].items()}
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    return idx, pref


class NameResolver:
    """Resolves user-typed names against one backend; the label index is loaded once."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self._index: dict[str, dict[str, list[tuple[int, str, str]]]] = {}
        self._pref: dict[str, dict[str, str]] = {}
        self._vendors: list[str] | None = None
        self._papers: list[tuple[str, str, str]] | None = None

    # -- loading
    def _load(self, type_: str) -> dict[str, list[tuple[int, str, str]]]:
        """normalised label -> [(priority, label, IRI)] for one entity type.

        From the name index the build wrote next to the store (:func:`write_name_index`)
        when it is there and belongs to the live store, else from the graph's labels (every
        label and surface form of the type: seconds for methods on a 20k-paper graph).
        """
        if type_ not in self._index:
            loaded = _read_name_index(getattr(self.backend, "graph_dir", None), type_)
            if loaded is None:
                loaded = self._query_labels(type_)
            self._index[type_], self._pref[type_] = loaded
        return self._index[type_]

    def _query_labels(self, type_: str) -> tuple[dict[str, list[tuple[int, str, str]]],
                                                   dict[str, str]]:
        idx: dict[str, list[tuple[int, str, str]]] = {}
        pref: dict[str, str] = {}
        cls = ENTITY_CLASS[type_][0]
        for e, label, kind in self.backend.query(
                sparql_prefixes() + _LABELS_QUERY.format(cls=cls)).rows:
            if e is None or label is None or kind is None:
                continue
            idx.setdefault(norm(label.value), []).append(
                (_PRIORITY[kind.value], label.value, e.value))
            if kind.value == "pref":
                pref[e.value] = label.value
        for e, label in self.backend.query(
                sparql_prefixes() + _SURFACES_QUERY.format(type=type_)).rows:
            if e is not None and label is not None:
                idx.setdefault(norm(label.value), []).append(
                    (_PRIORITY["surface"], label.value, e.value))
        return idx, pref

    def labels(self, type_: str) -> dict[str, str]:
        """IRI -> preferred label for one entity type."""
        self._load(type_)
        return self._pref.get(type_, {})

    def vendors(self) -> list[str]:
        if self._vendors is None:
            rows = self.backend.query(sparql_prefixes() + _VENDORS_QUERY).rows
            self._vendors = sorted({r[0].value for r in rows if r[0] is not None})
        return self._vendors

    def papers(self) -> list[tuple[str, str, str]]:
        """(IRI, id, title) of every paper."""
        if self._papers is None:
            res = self.backend.query(sparql_prefixes() + _PAPERS_QUERY, max_rows=MAX_PAPER_LIST)
            if res.truncated:
                raise QueryError(f"more than {MAX_PAPER_LIST:,} papers: give an exact id or title")
            rows = res.rows
            self._papers = sorted((r[0].value, r[1].value, r[2].value) for r in rows
                                  if None not in r)
        return self._papers

    # -- resolving
    def resolve(self, type_: str, text: str) -> Target:
        """The node (or vendor) ``text`` names among entities of ``type_``."""
        if type_ == "paper":
            return self.resolve_paper(text)
        if type_ in ("entity", "node", "any"):
            return self.resolve_any(text)
        if type_ not in ENTITY_TYPES:
            raise UnknownNameError("entity type", type_, list(ENTITY_TYPES))
        text = text.strip()
        if text.startswith(ID) or text.startswith("kgid:"):
            full = ID + text[5:] if text.startswith("kgid:") else text
            for iri, label in self.labels(type_).items():
                if iri == full:
                    return Target(type_, label, iri=iri)
        for candidate in dict.fromkeys((text, _MEMORY.sub(" ", text).strip(), _singular(text))):
            if not candidate:
                continue
            hit = self._exact(type_, candidate)
            if hit:
                return hit
            if type_ == "hardware":
                hit = self._hardware(candidate)
                if hit:
                    return hit
        hit = self._suffix(type_, _MEMORY.sub(" ", text).strip() or text)
        if hit:
            return hit
        raise UnknownNameError(type_, text, self.suggest(type_, text))

    def _exact(self, type_: str, text: str) -> Target | None:
        hits = self._load(type_).get(norm(text))
        if not hits:
            return None
        pr, _, iri = min(hits)
        return Target(type_, self.labels(type_).get(iri, iri.rsplit("/", 1)[-1]), iri=iri)

    def _hardware(self, text: str) -> Target | None:
        n = norm(text)
        for v in (*self.vendors(), *_json_registry().vendors):
            if norm(v) == n:
                return self._vendor_target(v)
        name = _registry_resolve(text)
        if not name:
            return None
        reg_vendors = _json_registry().vendors
        if name in reg_vendors and name not in self.labels("hardware").values():
            return self._vendor_target(name)
        iri = iri_mod.entity_iri("hardware", name)
        return Target("hardware", self.labels("hardware").get(iri, name), iri=iri)

    def _vendor_target(self, vendor: str) -> Target:
        """Every product of a vendor.

        ``vendor`` is set when the graph records ``kg:vendor`` values for it: ``kg papers``
        then matches products (and anything under a node) carrying that vendor, which covers
        NVIDIA's GPUs *and* its DGX systems. ``iri`` is the vendor's group node if the graph
        has one (``NVIDIA GPU``), for saved queries that take a node.
        """
        labels = self.labels("hardware")
        primary = _json_registry().vendors.get(vendor, {}).get("primary_class")
        node = None
        for want in (vendor, f"{vendor} {primary}" if primary else None):
            if want and node is None:
                for iri, label in labels.items():
                    if norm(label) == norm(want):
                        node = (iri, label)
                        break
        has_vendor = any(norm(v) == norm(vendor) for v in self.vendors())
        if node and not has_vendor:
            return Target("hardware", node[1], iri=node[0])
        return Target("hardware", vendor, iri=node[0] if node else None, vendor=vendor)

    def _suffix(self, type_: str, text: str) -> Target | None:
        want = tokens(text)
        if not want:
            return None
        cands: list[tuple[int, str, str]] = []
        for iri, label in self.labels(type_).items():
            toks = tokens(label)
            if len(toks) > len(want) and toks[-len(want):] == want:
                cands.append((len(toks), label, iri))
        if not cands:
            return None
        cands.sort()
        if len(cands) > 1 and cands[0][0] == cands[1][0]:
            raise UnknownNameError(type_, text, [c[1] for c in cands[:5]])
        return Target(type_, cands[0][1], iri=cands[0][2])

    def resolve_paper(self, text: str) -> Target:
        """A paper by id, IRI or title (case and punctuation ignored).

        An exact id, IRI or title is looked up in the store's index first: listing every paper
        to compare normalised titles takes seconds on a million papers (and was cut at the
        backend's row cap, so most papers of such a graph could not be named at all).
        """
        t = text.strip()
        hit = self._paper_by_key(t)
        if hit is not None:
            return hit
        papers = self.papers()
        for iri, pid, title in papers:
            if t in (iri, pid) or norm(t) == norm(title):
                return Target("paper", title, iri=iri)
        prefix = [p for p in papers if norm(t) and norm(p[2]).startswith(norm(t))]
        if len(prefix) == 1:
            return Target("paper", prefix[0][2], iri=prefix[0][0])
        raise UnknownNameError("paper", text, _closest(t, [p[2] for p in papers]))

    def _paper_by_key(self, t: str) -> Target | None:
        from pyoxigraph import Literal, NamedNode

        keys: list[tuple[str, Any]] = [("id", Literal(t)), ("title", Literal(t))]
        if t.startswith(("http://", "https://", "urn:")):
            try:
                keys.insert(0, ("p", NamedNode(t)))
            except ValueError:
                pass
        for var, term in keys:
            rows = self.backend.query(sparql_prefixes() + _PAPER_BY_KEY_QUERY, {var: term}).rows
            if len(rows) == 1 and None not in rows[0]:
                return Target("paper", rows[0][2].value, iri=rows[0][0].value)
        return None

    def resolve_any(self, text: str) -> Target:
        """Any node: ``type:name`` picks the type; otherwise papers, then each entity type."""
        typ, sep, rest = text.partition(":")
        if sep and typ in (*ENTITY_TYPES, "paper"):
            return self.resolve(typ, rest)
        found: list[Target] = []
        for t in ENTITY_TYPES:
            hit = self._exact(t, text)
            if hit:
                found.append(hit)
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise UnknownNameError("node", text, [f"{f.type}:{f.label}" for f in found])
        try:
            return self.resolve_paper(text)
        except UnknownNameError:
            pass
        for t in ENTITY_TYPES:
            try:
                return self.resolve(t, text)
            except UnknownNameError:
                continue
        every = [lab for t in ENTITY_TYPES for lab in self.labels(t).values()]
        every += [p[2] for p in self.papers()]
        raise UnknownNameError("node", text, _closest(text, every))

    def suggest(self, type_: str, text: str) -> list[str]:
        labels = list(self.labels(type_).values())
        if type_ == "hardware":
            labels += self.vendors()
        return _closest(text, labels)


def _closest(text: str, choices: list[str], limit: int = 5) -> list[str]:
    """Up to ``limit`` labels most like ``text`` (rapidfuzz, loaded only on this path).

    Ranked by WRatio, ties broken by plain edit similarity of the folded strings, so
    'RTX 4009' puts 'NVIDIA RTX 4090' before 'NVIDIA RTX 3090'.
    """
    from rapidfuzz import fuzz, utils

    q, qn = utils.default_process(text), norm(text)
    scored = []
    for c in dict.fromkeys(choices):
        w = fuzz.WRatio(q, utils.default_process(c))
        if w >= 60:
            scored.append((-w, -fuzz.ratio(qn, norm(c)), c.casefold(), c))
    return [s[-1] for s in sorted(scored)[:limit]]
