"""Query latency on a built graph: every saved query (queries/*.rq) and papers-by-hardware.

    python benchmarks/bench_query.py --graph benchmarks/.work/graph-20k-w2 [--runs 30]

The store is opened once, read-only, as ``kg serve`` would; each query runs ``--warmup``
times untimed, then ``--runs`` times, its whole result read. Saved queries run through
``kg.query`` when it offers a way to run one by name, else as SPARQL text with the
project's prefixes. Papers-by-hardware uses the product most papers name (the worst case
among products) through the same function ``kg papers --hardware`` uses, when it exists.
"""
from __future__ import annotations

import argparse
import inspect
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, emit, log, percentile  # noqa: E402


#: A slow query stops after this many seconds of timed runs (at least MIN_RUNS runs).
BUDGET_S = 15.0
MIN_RUNS = 5
#: A query whose first run takes longer than this is measured by that one run: whole-table
#: queries on a million papers take minutes, and five of them would take the afternoon.
ONE_RUN_S = 20.0
#: Each saved query is given up after this many seconds (reported as an error).
QUERY_TIMEOUT_S = 120.0


def _time(fn: Callable[[], Any], warmup: int, runs: int) -> dict[str, Any]:
    t = time.perf_counter()
    n = fn()
    first_ms = (time.perf_counter() - t) * 1000
    if first_ms > ONE_RUN_S * 1000:
        return {"p50_ms": round(first_ms, 2), "p95_ms": round(first_ms, 2), "rows": n, "runs": 1}
    warmup = max(0, warmup - 1)  # the first run above was one
    t0 = time.perf_counter()
    for _ in range(warmup):
        fn()
        if time.perf_counter() - t0 > BUDGET_S / 3:
            break
    ts: list[float] = []
    t0 = time.perf_counter()
    for _ in range(runs):
        t = time.perf_counter()
        rows = fn()
        ts.append((time.perf_counter() - t) * 1000)
        n = rows
        if len(ts) >= MIN_RUNS and time.perf_counter() - t0 > BUDGET_S:
            break
    return {"p50_ms": round(percentile(ts, 0.5), 2), "p95_ms": round(percentile(ts, 0.95), 2),
            "rows": n, "runs": len(ts)}


def _count(result: Any) -> int:
    rows = getattr(result, "rows", None)
    if isinstance(rows, list):
        return len(rows)
    if isinstance(result, bool):
        return int(result)
    if isinstance(result, dict):
        for k in ("rows", "results", "papers", "items"):
            if k in result:
                return _count(result[k])
        return len(result)
    try:
        return sum(1 for _ in result)
    except TypeError:
        return 1


def top_hardware(store: Any) -> tuple[str, str, int] | None:
    """(IRI, label, papers) of the hardware product most papers name."""
    from kg.graph.namespaces import sparql_prefixes

    # A product: a hardware entity with a vendor that nothing is narrower than (not "GPU",
    # "NVIDIA" or "edge device"); else any hardware leaf.
    rows: list = []
    for extra in ("?e kg:vendor ?vendor .", ""):
        q = sparql_prefixes() + f"""
        SELECT ?e (SAMPLE(?l) AS ?label) (COUNT(DISTINCT ?p) AS ?n) WHERE {{
          ?p kg:hasHardware ?e . OPTIONAL {{ ?e skos:prefLabel ?l }} {extra}
          FILTER NOT EXISTS {{ ?x skos:broader ?e }}
        }} GROUP BY ?e ORDER BY DESC(?n) LIMIT 1"""
        rows = list(store.query(q))
        if rows:
            break
    if not rows:
        return None
    e, label, n = rows[0]
    return e.value, (label.value if label is not None else e.value), int(n.value)


def a_paper(store: Any) -> str | None:
    """The id of a paper with the most links (for queries that need one)."""
    from kg.graph.namespaces import sparql_prefixes

    rows = list(store.query(sparql_prefixes() + """
        SELECT ?id WHERE { ?l kg:paper ?p . ?p dcterms:identifier ?id }
        GROUP BY ?id ORDER BY DESC(COUNT(?l)) LIMIT 1"""))
    return rows[0][0].value if rows else None


def _saved_query_runner(store: Any, graph: str, values: dict[str, str]
                        ) -> tuple[str, Callable[[Path], Callable[[], Any]]]:
    """How saved queries are run: kg.query's own function if there is one, else raw SPARQL.

    ``values`` gives a value per parameter kind (hardware: the product, paper: a paper id);
    other parameters keep their defaults.
    """
    try:
        from kg.query.api import GraphHandle
        from kg.query.saved import get_query

        h = GraphHandle.open(graph)

        def make(path: Path) -> Callable[[], Any]:
            params = {p.name: values[p.kind] for p in get_query(path.stem).params
                      if p.kind in values}
            log(f"{path.stem}: params {params}")
            return lambda: _count(h.query(path.stem, timeout=QUERY_TIMEOUT_S, **params))

        return ("kg.query.api.GraphHandle.query(name, **params): hardware params = the product, "
                "paper params = the paper with most links, others default", make)
    except ImportError:
        pass
    try:
        import kg.query as kq
    except ImportError:
        kq = None
    for name in ("run_saved_query", "run_saved", "run_named_query", "saved_query", "run_query"):
        fn = getattr(kq, name, None) if kq else None
        if callable(fn):
            params = list(inspect.signature(fn).parameters)
            log(f"saved queries via kg.query.{name}{tuple(params)}")

            def make(path: Path, fn: Callable = fn, params: list = params) -> Callable[[], Any]:
                first = store if params and params[0] in ("store",) else graph
                return lambda: _count(fn(first, path.stem))

            return f"kg.query.{name}", make
    from kg.graph.namespaces import sparql_prefixes

    def make_raw(path: Path) -> Callable[[], Any]:
        text = path.read_text(encoding="utf-8")
        full = text if "PREFIX kg:" in text else sparql_prefixes() + text
        return lambda: _count(store.query(full))

    return "pyoxigraph Store.query (raw .rq text + project prefixes)", make_raw


#: the first page `kg papers` shows by default (its --limit)
PAGE = 50


def _papers_by_hardware(store: Any, graph: str, hw_iri: str, label: str,
                        limit: int | None = PAGE) -> tuple[str, Callable[[], Any]]:
    try:
        from kg.query.api import GraphHandle

        from kg.query.papers import find_papers

        h = GraphHandle.open(graph)
        if "limit" in inspect.signature(find_papers).parameters or limit is None:
            how = f"--limit {limit or 0}"
            return (f"GraphHandle.find_papers(hardware=..., limit={limit}) (`kg papers --hardware ... {how}`)",
                    lambda: _count(h.find_papers(hardware=label, limit=limit).records))
    except (ImportError, TypeError, ValueError):
        pass
    try:
        import kg.query as kq
    except ImportError:
        kq = None
    for name in ("papers_by_hardware", "papers_with_hardware", "find_papers", "papers"):
        fn = getattr(kq, name, None) if kq else None
        if callable(fn):
            params = inspect.signature(fn).parameters
            first = store if next(iter(params), "") == "store" else graph
            kw = "hardware" if "hardware" in params else None
            if kw:
                return f"kg.query.{name}", lambda: _count(fn(first, hardware=label))
            return f"kg.query.{name}", lambda: _count(fn(first, label))
    from kg.graph.namespaces import sparql_prefixes

    q = sparql_prefixes() + f"""
    SELECT DISTINCT ?paper ?title WHERE {{
      ?e skos:broader* <{hw_iri}> . ?paper kg:hasHardware ?e ; dcterms:title ?title .
    }}"""
    return "SPARQL (kg:hasHardware, skos:broader*)", lambda: _count(store.query(q))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--graph", required=True)
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--warmup", type=int, default=3)
    a = ap.parse_args()
    from kg.graph.store import open_store

    t = time.perf_counter()
    store = open_store(a.graph)
    res: dict[str, Any] = {"graph": a.graph, "open_ms": round((time.perf_counter() - t) * 1000, 1),
                           "queries": {}}
    hw = top_hardware(store)
    values = {k: v for k, v in (("hardware", hw[1] if hw else None), ("paper", a_paper(store))) if v}
    how, make = _saved_query_runner(store, a.graph, values)
    res["saved_via"] = how
    for path in sorted((ROOT / "queries").glob("*.rq")):
        try:
            res["queries"][path.stem] = _time(make(path), a.warmup, a.runs)
        except Exception as e:  # a broken saved query is reported, not fatal
            res["queries"][path.stem] = {"error": f"{type(e).__name__}: {e}"[:300]}
        log(path.stem, res["queries"][path.stem])
    if hw:
        via, fn = _papers_by_hardware(store, a.graph, hw[0], hw[1])
        res["hardware"] = {"product": hw[1], "papers": hw[2], "via": via,
                           **_time(fn, a.warmup, a.runs)}
        log("papers-by-hardware", res["hardware"])
        via, fn = _papers_by_hardware(store, a.graph, hw[0], hw[1], limit=None)
        res["hardware_all"] = {"product": hw[1], "papers": hw[2], "via": via,
                               **_time(fn, a.warmup, a.runs)}
        log("papers-by-hardware, every paper", res["hardware_all"])
    else:
        res["hardware"] = {"error": "no hardware in the graph"}
    emit(res)


if __name__ == "__main__":
    main()
