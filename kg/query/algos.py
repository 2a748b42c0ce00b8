"""NetworkX analytics over the graph: neighbours, paths, centrality, co-occurrence,
similar papers, communities.

They run on an *analysis graph*: an undirected ``nx.Graph`` of papers and entities only
(hardware, dataset, method, technique, task), with an edge per paper–entity link (attribute
``role``) and per ``skos:broader`` step (``role="broader"``). Authors, claims, code URLs and
extractors are left out: an extractor is linked to every paper and would make every path two
hops long and every centrality meaningless. Nodes carry ``kind`` (Paper, Hardware...) and
``label`` from :func:`kg.graph.nx_convert.to_networkx`.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kg.errors import KGError, QueryError

if TYPE_CHECKING:
    import networkx as nx

KINDS = ("Paper", "Hardware", "Dataset", "Method", "Technique", "Task")
TYPE_TO_KIND = {k.lower(): k for k in KINDS}
BROADER = "skos:broader"


def kind_of(type_: str) -> str:
    k = TYPE_TO_KIND.get(type_.lower().rstrip("s")) or TYPE_TO_KIND.get(type_.lower())
    if k is None:
        raise QueryError(f"unknown node type {type_!r}; one of {', '.join(TYPE_TO_KIND)}")
    return k


def analysis_graph(G: "nx.MultiDiGraph") -> "nx.Graph":
    """Papers and entities, undirected; ``weight`` counts parallel links."""
    import networkx as nx

    H = nx.Graph()
    keep = {n for n, a in G.nodes(data=True) if a.get("kind") in KINDS}
    for n in keep:
        a = G.nodes[n]
        H.add_node(n, kind=a["kind"], label=str(a.get("label", n)),
                   id=a.get("dcterms:identifier"))
    for u, v, key, a in G.edges(keys=True, data=True):
        if u not in keep or v not in keep or u == v:
            continue
        if "iri" in a:
            role = a.get("role") or "linked"
        elif key == BROADER:
            role = "broader"
        else:
            continue  # kg:hasX duplicates the link edge
        if H.has_edge(u, v):
            H[u][v]["weight"] += 1
        else:
            H.add_edge(u, v, role=role if isinstance(role, str) else str(role), weight=1)
    return H


@dataclass
class Neighbour:
    node: str
    label: str
    kind: str
    depth: int
    via: str  # the role of the edge that reached it


def neighbors(H: "nx.Graph", node: str, depth: int = 1) -> list[Neighbour]:
    """Nodes within ``depth`` hops, nearest first (breadth-first)."""
    import networkx as nx

    if depth < 1:
        raise QueryError("--depth must be at least 1")
    dist = nx.single_source_shortest_path_length(H, node, cutoff=depth)
    preds = nx.predecessor(H, node, cutoff=depth)
    out = []
    for n, d in dist.items():
        if n == node:
            continue
        p = preds[n][0]
        out.append(Neighbour(n, H.nodes[n]["label"], H.nodes[n]["kind"], d,
                             H[p][n].get("role", "")))
    out.sort(key=lambda x: (x.depth, x.kind, x.label.casefold()))
    return out


def path(H: "nx.Graph", a: str, b: str) -> list[tuple[str, str, str, str]]:
    """The shortest path as (node, label, kind, role of the edge into it)."""
    import networkx as nx

    try:
        nodes = nx.shortest_path(H, a, b)
    except nx.NetworkXNoPath:
        raise KGError(f"no path between {H.nodes[a]['label']!r} and {H.nodes[b]['label']!r}") from None
    out = []
    for i, n in enumerate(nodes):
        role = H[nodes[i - 1]][n].get("role", "") if i else ""
        out.append((n, H.nodes[n]["label"], H.nodes[n]["kind"], role))
    return out


MEASURES = ("degree", "pagerank", "betweenness")


def top(H: "nx.Graph", type_: str, by: str = "degree", k: int = 10) -> list[tuple[str, str, float]]:
    """The ``k`` nodes of one type with the highest centrality ``by``."""
    import networkx as nx

    kind = kind_of(type_)
    if by == "degree":
        score: dict[str, float] = dict(H.degree())  # type: ignore[arg-type]
    elif by == "pagerank":
        score = pagerank(H)
    elif by == "betweenness":
        score = nx.betweenness_centrality(H, seed=0, k=min(len(H), 500) if len(H) > 2000 else None)
    else:
        raise QueryError(f"--by must be one of {', '.join(MEASURES)}, not {by!r}")
    nodes = [n for n, a in H.nodes(data=True) if a["kind"] == kind]
    nodes.sort(key=lambda n: (-score.get(n, 0.0), H.nodes[n]["label"].casefold()))
    return [(n, H.nodes[n]["label"], float(score.get(n, 0.0))) for n in nodes[:k]]


def pagerank(H: "nx.Graph", alpha: float = 0.85, tol: float = 1e-10,
             max_iter: int = 200) -> dict[str, float]:
    """Weighted PageRank by power iteration in pure Python.

    ``nx.pagerank`` needs scipy, which kg does not depend on; graphs here are small enough
    (thousands of nodes) for a dictionary-based iteration. Dangling nodes spread uniformly.
    """
    n = len(H)
    if n == 0:
        return {}
    strength = {u: sum(d.get("weight", 1) for d in H[u].values()) for u in H}
    rank = dict.fromkeys(H, 1.0 / n)
    for _ in range(max_iter):
        dangling = alpha * sum(rank[u] for u in H if strength[u] == 0) / n
        new = dict.fromkeys(H, (1.0 - alpha) / n + dangling)
        for u in H:
            if strength[u]:
                share = alpha * rank[u] / strength[u]
                for v, d in H[u].items():
                    new[v] += share * d.get("weight", 1)
        err = sum(abs(new[u] - rank[u]) for u in H)
        rank = new
        if err < n * tol:
            break
    return rank


def _paper_entities(H: "nx.Graph", kind: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for p, a in H.nodes(data=True):
        if a["kind"] != "Paper":
            continue
        for n in H[p]:
            if H.nodes[n]["kind"] == kind:
                out[p].add(n)
    return out


def cooccur(H: "nx.Graph", rows: str, cols: str, min_count: int = 1,
            limit: int | None = None) -> tuple[list[str], list[str], list[list[int]]]:
    """Papers naming both a row entity and a column entity (direct links, no roll-up).

    Returns row labels, column labels and the count matrix, rows and columns ordered by
    their totals; rows/columns whose counts are all below ``min_count`` are dropped.
    """
    rk, ck = kind_of(rows), kind_of(cols)
    per_r, per_c = _paper_entities(H, rk), _paper_entities(H, ck)
    counts: Counter[tuple[str, str]] = Counter()
    for p, rs in per_r.items():
        for r in rs:
            for c in per_c.get(p, ()):
                if r != c:
                    counts[(r, c)] += 1
    counts = Counter({k: v for k, v in counts.items() if v >= min_count})
    rt: Counter[str] = Counter()
    ct: Counter[str] = Counter()
    for (r, c), v in counts.items():
        rt[r] += v
        ct[c] += v
    label = lambda n: H.nodes[n]["label"]  # noqa: E731
    rnodes = sorted(rt, key=lambda n: (-rt[n], label(n).casefold()))[:limit]
    cnodes = sorted(ct, key=lambda n: (-ct[n], label(n).casefold()))[:limit]
    matrix = [[counts.get((r, c), 0) for c in cnodes] for r in rnodes]
    return [label(n) for n in rnodes], [label(n) for n in cnodes], matrix


def plot_heatmap(row_labels: list[str], col_labels: list[str], matrix: list[list[int]],
                 path: str, title: str = "") -> None:
    """A PNG heatmap of a co-occurrence matrix (matplotlib is optional)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise KGError("--plot needs matplotlib: pip install 'kg[plot]' (or pip install matplotlib)") from None
    if not matrix:
        raise KGError("nothing to plot: no co-occurrences")
    fig, ax = plt.subplots(figsize=(max(4, 0.45 * len(col_labels) + 3),
                                    max(3, 0.35 * len(row_labels) + 2)))
    im = ax.imshow(matrix, cmap="viridis", aspect="auto")
    ax.set_xticks(range(len(col_labels)), labels=col_labels, rotation=60, ha="right", fontsize=8)
    ax.set_yticks(range(len(row_labels)), labels=row_labels, fontsize=8)
    for i, row in enumerate(matrix):
        for j, v in enumerate(row):
            if v:
                ax.text(j, i, str(v), ha="center", va="center", color="w", fontsize=7)
    fig.colorbar(im, ax=ax, label="papers")
    if title:
        ax.set_title(title)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def similar(H: "nx.Graph", paper: str, k: int = 10) -> list[tuple[str, str, float, list[str]]]:
    """Papers sharing entities with ``paper``, by IDF-weighted Jaccard.

    sim(a, b) = sum of idf(e) over shared entities / sum of idf(e) over the union, with
    idf(e) = log(N / df(e)): sharing a rare dataset says more than sharing "GPU".
    Returns (paper, title, score, shared labels), best first.
    """
    papers = [n for n, a in H.nodes(data=True) if a["kind"] == "Paper"]
    if H.nodes[paper]["kind"] != "Paper":
        raise QueryError(f"{H.nodes[paper]['label']!r} is not a paper")
    ents = {p: {n for n in H[p] if H.nodes[n]["kind"] != "Paper"} for p in papers}
    N = max(len(papers), 1)
    df: Counter[str] = Counter(e for s in ents.values() for e in s)
    idf = {e: math.log((N + 1) / (c + 0.5)) for e, c in df.items()}
    mine = ents[paper]
    out = []
    for p in papers:
        if p == paper:
            continue
        shared = mine & ents[p]
        if not shared:
            continue
        union = mine | ents[p]
        score = sum(idf[e] for e in shared) / sum(idf[e] for e in union)
        out.append((p, H.nodes[p]["label"], round(score, 4),
                    sorted(H.nodes[e]["label"] for e in shared)))
    out.sort(key=lambda x: (-x[2], x[1]))
    return out[:k]


def communities(H: "nx.Graph", seed: int = 42, resolution: float = 1.0) -> list[dict[str, Any]]:
    """Louvain communities (seeded, so the same graph gives the same answer), largest first.

    Each community lists its size, its papers and its most connected entities.
    """
    import networkx as nx

    if H.number_of_edges() == 0:
        return []
    comms = nx.community.louvain_communities(H, weight="weight", seed=seed, resolution=resolution)
    out = []
    for c in comms:
        papers = sorted(H.nodes[n]["label"] for n in c if H.nodes[n]["kind"] == "Paper")
        ents = sorted((n for n in c if H.nodes[n]["kind"] != "Paper"),
                      key=lambda n: (-H.degree(n), H.nodes[n]["label"].casefold()))
        out.append({"size": len(c), "papers": papers,
                    "entities": [f"{H.nodes[n]['kind'].lower()}:{H.nodes[n]['label']}" for n in ents],
                    "nodes": sorted(c)})
    out.sort(key=lambda d: (-d["size"], d["nodes"][0]))
    for i, d in enumerate(out, 1):
        d["id"] = i
    return out


def load_graph(triples: Iterable[Any]) -> "nx.Graph":
    from kg.graph.nx_convert import to_networkx

    return analysis_graph(to_networkx(triples))
