"""Helpers for the query tests (no tests here): a graph built from the dev gold labels.

Why a gold graph: the saved queries, ``kg papers`` and the analytics are tested against the
labels themselves, so their expected rows do not move when the extractors improve. The graph
uses the bundled corpus's papers (ids, titles, abstracts) and the labels in
``tests/data/query_gold.json`` (a compact copy of the shared dev gold), written with the same
triple mapping as ``kg build``.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"
GOLD_FILE = DATA / "query_gold.json"


@lru_cache(maxsize=1)
def gold() -> list[dict[str, Any]]:
    return json.loads(GOLD_FILE.read_text(encoding="utf-8"))["papers"]


@lru_cache(maxsize=1)
def corpus() -> dict[str, Any]:
    """title_key -> Paper for the bundled corpus."""
    from kg.ingest import read_sources
    from kg.model import title_key
    from kg.pipeline import bundled_corpus

    return {title_key(p.title): p for p in read_sources([bundled_corpus()])}


def paper_for(g: dict[str, Any]) -> Any:
    from kg.model import title_key

    return corpus()[title_key(g["title"])]


def gold_id(g: dict[str, Any]) -> str:
    return paper_for(g).id


def _evidence(paper: Any, names: list[str], extractor: str) -> tuple[Any, str]:
    from kg.model import Evidence

    text = paper.text
    for n in names:
        if not n:
            continue
        m = re.search(re.escape(n), text, re.I)
        if m:
            s0 = max(text.rfind(". ", 0, m.start()) + 2, text.rfind("\n", 0, m.start()) + 1, 0)
            e = text.find(". ", m.end())
            sent = text[s0: e + 1 if e >= 0 else len(text)].strip()
            return Evidence(sent, m.start(), m.end(), extractor, 1.0), m.group(0)
    return Evidence(paper.title, 0, 0, extractor, 0.5), names[0]


def chain(name: str) -> list[str]:
    from kg.query.names import broader_chain

    return broader_chain(name)


@lru_cache(maxsize=None)
def _products() -> dict[str, dict[str, Any]]:
    data = json.loads((Path(__file__).parents[1] / "kg" / "data" / "hardware.json").read_text())
    return {p["name"]: p for p in (*data["products"], *data["generations"])}


def hardware_attrs(name: str) -> dict[str, Any]:
    p = _products().get(name, {})
    attrs: dict[str, Any] = {"broader": chain(name)}
    if p.get("vendor"):
        attrs["vendor"] = p["vendor"]
    if p.get("hw_class"):
        attrs["hw_class"] = p["hw_class"]
    return attrs


def extraction_for(g: dict[str, Any]) -> Any:
    from kg.model import Claim, CodeUrl, Mention, PaperExtraction

    p = paper_for(g)
    ms: list[Any] = []
    for h in g["hardware"]:
        ev, surf = _evidence(p, [h.get("mention", ""), h["name"], h["name"].split()[-1]], "gold-hardware")
        ms.append(Mention("hardware", h["name"], h["role"], surf, ev, attrs=hardware_attrs(h["name"])))
    for d in g["datasets"]:
        ev, surf = _evidence(p, [d["name"], *d["aliases"]], "gold-dataset")
        ms.append(Mention("dataset", d["name"], d["role"], surf, ev, aliases=tuple(d["aliases"])))
    for m in g["methods"]:
        ev, surf = _evidence(p, [m["name"]], "gold-method")
        ms.append(Mention("method", m["name"], m["role"], surf, ev))
    for t in g["techniques"]:
        ev, surf = _evidence(p, [t], "gold-technique")
        ms.append(Mention("technique", t, None, surf, ev))
    for t in g["tasks"]:
        ev, surf = _evidence(p, [t], "gold-task")
        ms.append(Mention("task", t, None, surf, ev))
    claims = []
    for c in g["claims"]:
        ev, _ = _evidence(p, [c["text"]], "gold-claim")
        claims.append(Claim(c["text"], float(c["value"]), c["unit"], c.get("metric"),
                            c.get("hardware"), ev))
    urls = [CodeUrl(u, _evidence(p, [u], "gold-url")[0]) for u in g["urls"]]
    return PaperExtraction(p, ms, claims, urls, "gold")


def build_gold_graph(out: Path) -> Path:
    """Writes the gold graph (dev papers only) into ``out`` like ``kg build`` would."""
    from kg.graph.store import write_store
    from kg.graph.triples import extraction_quads

    with write_store(out, fresh=True) as w:
        quads: list[Any] = []
        for g in gold():
            quads.extend(extraction_quads(extraction_for(g)))
        w.add_quads(quads)
    return out


# ---- expectations computed from the labels -------------------------------------------------

def gold_papers_with_hardware(target: str) -> set[str]:
    """Ids of dev papers whose labelled hardware is ``target`` or under it."""
    out = set()
    for g in gold():
        for h in g["hardware"]:
            if h["name"] == target or target in chain(h["name"]):
                out.add(gold_id(g))
    return out


def gold_pairs(kind: str, role: str | None = None) -> set[tuple[str, str]]:
    """(paper id, entity name) pairs for a type, optionally one role."""
    out = set()
    for g in gold():
        for e in g[kind]:
            name, r = (e, None) if isinstance(e, str) else (e["name"], e.get("role"))
            if role is None or r == role:
                out.add((gold_id(g), name))
    return out


_BUILT: dict[str, Path] = {}


def gold_graph_dir(tmp_path_factory: Any) -> Path:
    """The gold graph, built once per test session whichever module asks first."""
    if "gold" not in _BUILT:
        _BUILT["gold"] = build_gold_graph(tmp_path_factory.mktemp("gold") / "output")
    return _BUILT["gold"]


def paper_id_by_title(prefix: str) -> str:
    for g in gold():
        if g["title"].startswith(prefix):
            return gold_id(g)
    raise KeyError(prefix)
