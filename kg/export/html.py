"""The interactive HTML graph: one self-contained, offline file that is safe to open.

Why it looks like this:

* **Offline.** pyvis's own template loads vis-network and Bootstrap from CDNs (even with
  ``cdn_resources="in_line"`` Bootstrap still comes from one). The page here inlines
  vis-network's JavaScript and CSS from the copy pyvis ships and uses its own small template
  (``kg/data/html/``), so opening it makes no network request at all.
* **Safe.** Titles, abstracts and evidence sentences come from papers: untrusted text.
  pyvis writes headings and select menus into the page unescaped and switches every tooltip
  to HTML as soon as one title contains "href". Here no paper text is ever written into
  markup: all data travels in one ``<script type="application/json">`` block (``<``, ``>``,
  ``&``, U+2028/2029 escaped, so ``</script>`` in a title cannot end the block), and the
  page builds labels, tooltips, menus and headings from it with ``textContent`` only.
* **Usable when large.** vis-network's physics needs minutes to settle thousands of nodes
  from random positions, so the layout is computed here (:mod:`kg.export.html_layout`) and
  the browser only polishes small graphs for a moment before physics stops. Graphs above
  :data:`MAX_NODES` are refused with a hint (``--focus``, ``--types``, ``--min-degree``)
  rather than written as a page that cannot be used.

pyvis still builds the node, edge and option dictionaries (``pyvis.node.Node``,
``pyvis.edge.Edge``, ``Network.options``); nodes are appended directly because
``Network.add_node`` checks membership in a list (quadratic at 20k nodes).
"""
from __future__ import annotations

import base64
import hashlib
import json
import math
import re
import unicodedata
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import KGError, QueryError, UnknownNameError

if TYPE_CHECKING:
    import networkx as nx

#: More nodes than this and the page is refused: vis-network draws 20k nodes in a few
#: seconds but panning and hovering grow sluggish beyond, and no one reads such a picture.
MAX_NODES = 20_000
#: Up to this many nodes the browser polishes the precomputed layout with its physics
#: (barnesHut, :data:`PHYSICS_ITERATIONS` steps) and then stops; above, physics stays off.
PHYSICS_NODE_LIMIT = 500
PHYSICS_ITERATIONS = 100
#: Labels longer than this are cut on the canvas (the tooltip has the full text).
LABEL_CHARS = 38


@dataclass(frozen=True)
class KindStyle:
    """How one node type is drawn; the legend and the type filter list these."""

    color: str
    shape: str
    legend: str


#: Node types in legend order. Shapes differ as well as colours, for colour-blind readers.
KINDS: dict[str, KindStyle] = {
    "Paper": KindStyle("#4e79a7", "dot", "Paper"),
    "Hardware": KindStyle("#e15759", "diamond", "Hardware"),
    "Dataset": KindStyle("#59a14f", "square", "Dataset"),
    "Method": KindStyle("#f28e2b", "triangle", "Method"),
    "Technique": KindStyle("#b07aa1", "hexagon", "Technique"),
    "Task": KindStyle("#edc948", "triangleDown", "Task"),
    "Claim": KindStyle("#9c755f", "star", "Claim"),
    "CodeRepository": KindStyle("#76b7b2", "square", "Code repository"),
    "Author": KindStyle("#bab0ac", "ellipse", "Author"),
    "Extractor": KindStyle("#79706e", "text", "Extractor"),
    "Resource": KindStyle("#999999", "dot", "Other"),
}
#: Left out unless asked for with ``--types``: provenance agents and people say nothing
#: about the research content and would dominate the picture.
NOISE_KINDS = frozenset({"Extractor", "Author"})
#: ``--types`` spellings -> kind (singular, plural, lower case all accepted).
_TYPE_ALIASES = {"code": "CodeRepository", "repo": "CodeRepository", "repository": "CodeRepository",
                 "coderepository": "CodeRepository", "other": "Resource"}


@dataclass(frozen=True)
class RoleStyle:
    color: str
    dashes: bool
    legend: str


#: Edge styles by the link's role (paper -> entity); other predicates are drawn grey.
ROLES: dict[str, RoleStyle] = {
    "proposed": RoleStyle("#d62728", False, "proposed"),
    "introduced": RoleStyle("#d62728", False, "introduced"),
    "targets": RoleStyle("#ff7f0e", False, "targets"),
    "evaluated_on": RoleStyle("#2ca02c", False, "evaluated on"),
    "used": RoleStyle("#1f77b4", False, "used"),
    "compared_against": RoleStyle("#9467bd", True, "compared against"),
    "compared": RoleStyle("#9467bd", True, "compared"),
    "mentioned": RoleStyle("#8c8c8c", True, "mentioned"),
    "code": RoleStyle("#17becf", False, "code"),
    "": RoleStyle("#a0a0a0", False, "linked (no role)"),
}
OTHER_EDGE = RoleStyle("#c7c7c7", True, "other relation")


@dataclass
class GraphView:
    """What the page draws: vis-network node and edge dicts plus the page's metadata.

    Kept separate from rendering so tests and benchmarks can check selection without a
    browser, and so ``write_html`` can report how many nodes it drew.
    """

    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    options: dict[str, Any]
    heading: str
    subtitle: str
    kinds: list[dict[str, Any]] = field(default_factory=list)
    roles: list[dict[str, Any]] = field(default_factory=list)

    @property
    def node_count(self) -> int:
        return len(self.nodes)

    @property
    def edge_count(self) -> int:
        return len(self.edges)

    def iris(self) -> set[str]:
        return {n["kgIri"] for n in self.nodes}


# ---- public entry point ------------------------------------------------------------------

def write_html(graph_dir: str, path: str | Path, *, focus: str | None = None, depth: int = 1,
               types: str | Iterable[str] | None = None, min_degree: int = 0,
               query: str | None = None, sparql: str | None = None,
               max_nodes: int = MAX_NODES) -> GraphView:
    """Draws the graph in ``graph_dir`` (or the part the options select) into ``path``.

    Raises :class:`KGError` when the selection has more than ``max_nodes`` nodes, so
    ``kg build`` records a skip instead of writing a page that would not open.
    """
    from kg.graph.nx_convert import to_networkx
    from kg.graph.store import atomic_output, open_store

    if query and sparql:
        raise KGError("give --query or --sparql, not both")
    store = open_store(graph_dir)
    G = to_networkx(store)
    iris: set[str] | None = None
    what = ""
    if query or sparql:
        iris, what = _query_iris(graph_dir, store, G, query=query, sparql=sparql)
    focus_iri = resolve_focus(G, focus, graph_dir) if focus else None
    keep = select_nodes(G, focus=focus_iri, depth=depth, types=types, min_degree=min_degree,
                        iris=iris)
    if len(keep) > max_nodes:
        raise KGError(
            f"the graph to draw has {len(keep):,} nodes, more than the HTML page can show "
            f"usably ({max_nodes:,}); draw part of it with --focus NODE --depth N, "
            "--types hardware,dataset,... or --min-degree K")
    view = build_view(G, keep, subtitle=describe_selection(
        G, focus=focus_iri, depth=depth, types=types, min_degree=min_degree, what=what))
    page = render_html(view)
    with atomic_output(Path(path)) as tmp:
        Path(tmp).write_text(page, encoding="utf-8")
    return view


# ---- selection ---------------------------------------------------------------------------

def parse_types(types: str | Iterable[str] | None) -> set[str] | None:
    """``"hardware,datasets"`` -> ``{"Hardware", "Dataset"}``; None means the default set.

    Why lenient: users type what they see in the legend, in any case, singular or plural.
    """
    if types is None:
        return None
    items = types.split(",") if isinstance(types, str) else list(types)
    by_norm = {k.lower(): k for k in KINDS} | _TYPE_ALIASES
    out: set[str] = set()
    for raw in items:
        t = raw.strip().lower().replace("-", "").replace("_", "").replace(" ", "")
        if not t:
            continue
        kind = by_norm.get(t) or (by_norm.get(t[:-1]) if t.endswith("s") else None)
        if kind is None:
            valid = ", ".join(k.lower() for k in KINDS if k != "Resource")
            raise KGError(f"unknown node type {raw.strip()!r} in --types; choose from: {valid}, code")
        out.add(kind)
    if not out:
        raise KGError("--types is empty; give node types such as hardware,dataset")
    return out


def adjacency(G: "nx.MultiDiGraph") -> dict[str, set[str]]:
    """Undirected neighbour sets (self-loops dropped): hops ignore edge direction."""
    adj: dict[str, set[str]] = {n: set() for n in G.nodes}
    for u, v in G.edges():
        if u != v:
            adj[u].add(v)
            adj[v].add(u)
    return adj


def select_nodes(G: "nx.MultiDiGraph", *, focus: str | None = None, depth: int = 1,
                 types: str | Iterable[str] | None = None, min_degree: int = 0,
                 iris: set[str] | None = None) -> list[str]:
    """The nodes to draw, in a stable order.

    Order of filters: node types (noise types out by default), then a query's result, then
    the ``depth``-hop neighbourhood of ``focus`` within what is left, then ``min_degree``
    counted within that. The focus node itself is kept whatever its type or degree, since
    the user named it.
    """
    kinds = parse_types(types)
    allowed = {n for n, a in G.nodes(data=True)
               if (a.get("kind") in kinds if kinds is not None else a.get("kind") not in NOISE_KINDS)}
    if iris is not None:
        allowed &= iris
    if focus is not None:
        if focus not in G:
            raise UnknownNameError("node", focus, [])
        allowed.add(focus)
    adj = adjacency(G)
    if focus is not None:
        seen = {focus: 0}
        todo = deque([focus])
        while todo:
            n = todo.popleft()
            if seen[n] >= depth:
                continue
            for m in adj[n]:
                if m in allowed and m not in seen:
                    seen[m] = seen[n] + 1
                    todo.append(m)
        allowed = set(seen)
    if min_degree > 0:
        allowed = {n for n in allowed
                   if n == focus or sum(1 for m in adj[n] if m in allowed) >= min_degree}
    return sorted(allowed)


def _norm(text: str) -> str:
    t = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"\s+", " ", t).strip()


def _names(iri: str, attrs: Mapping[str, Any]) -> list[str]:
    out = [iri, attrs.get("label", "")]
    for key in ("rdfs:label", "skos:prefLabel", "skos:altLabel", "dcterms:title",
                "dcterms:identifier", "schema:name"):
        v = attrs.get(key)
        out.extend(map(str, v) if isinstance(v, list) else [str(v)] if v is not None else [])
    return [o for o in out if o]


def resolve_focus(G: "nx.MultiDiGraph", name: str, graph_dir: str | None = None) -> str:
    """The node ``name`` means: an IRI (full or ``kgid:``), a paper id, a label or alias.

    Exact matches on the graph's own names come first (case and spacing ignored; the best
    connected node wins a tie). Then the query layer's resolver, when present, gets its turn
    (hardware aliases such as ``rtx4090``). Failing both: :class:`UnknownNameError` with the
    closest labels, so a typo gets a suggestion rather than an empty page.
    """
    from kg.graph.namespaces import ID

    text = name.strip()
    if text.startswith("kgid:"):
        text = ID + text[5:]
    if text in G:
        return text
    want = _norm(text)
    hits = [n for n, a in G.nodes(data=True)
            if a.get("kind") not in NOISE_KINDS and any(_norm(s) == want for s in _names(n, a))]
    if hits:
        return max(hits, key=lambda n: (G.degree(n), n))
    resolved = _resolve_with_query_layer(graph_dir, name) if graph_dir else None
    if resolved and resolved in G:
        return resolved
    from rapidfuzz import fuzz, process, utils

    labels = list(dict.fromkeys(str(a.get("label", "")) for _, a in G.nodes(data=True)
                                if a.get("kind") not in NOISE_KINDS))
    hits5 = process.extract(name, labels, scorer=fuzz.WRatio, processor=utils.default_process,
                            limit=5, score_cutoff=60)
    raise UnknownNameError("node", name, [h[0] for h in hits5])


def _resolve_with_query_layer(graph_dir: str, name: str) -> str | None:
    """kg.query's NameResolver knows hardware aliases and hierarchy; None if it cannot say."""
    try:
        from kg.query.api import GraphHandle
    except ImportError:
        return None
    try:
        target = GraphHandle.open(graph_dir).resolve("node", name)
    except UnknownNameError:
        return None
    return target.iri


def _query_iris(graph_dir: str, store: Any, G: "nx.MultiDiGraph", *, query: str | None,
                sparql: str | None) -> tuple[set[str], str]:
    """The graph nodes a query's result mentions: IRIs in any column (a ``kg:Link`` IRI
    stands for its paper and entity) and literals equal to a paper identifier (saved queries
    often return ``?id`` rather than the paper's IRI)."""
    if sparql is not None:
        p = Path(sparql)
        if not p.is_file():
            raise KGError(f"{sparql}: no such SPARQL file")
        terms = _run_sparql(store, p.read_text(encoding="utf-8"))
        what = f"SPARQL {p.name}"
    else:
        assert query is not None
        terms = _run_saved(graph_dir, store, query)
        what = f"query {query}"
    links: dict[str, tuple[str, str]] = {}
    for u, v, a in G.edges(data=True):
        if "iri" in a:
            links[a["iri"]] = (u, v)
    ids = {str(a["dcterms:identifier"]): n for n, a in G.nodes(data=True)
           if a.get("kind") == "Paper" and "dcterms:identifier" in a}
    out: set[str] = set()
    for kind, value in terms:
        if kind == "iri":
            if value in G:
                out.add(value)
            elif value in links:
                out.update(links[value])
        elif value in ids:
            out.add(ids[value])
    if not out:
        raise KGError(f"the {what} result names no node of the graph; nothing to draw")
    return out, what


def _terms(result: Any) -> list[tuple[str, str]]:
    """("iri" | "literal", value) for every term of a pyoxigraph or kg.query result."""
    from pyoxigraph import Literal, NamedNode, QueryBoolean, Triple

    if isinstance(result, QueryBoolean) or getattr(result, "kind", None) == "ask":
        raise QueryError("an ASK query answers yes or no; draw a SELECT or CONSTRUCT instead")
    rows: Iterable[Any]
    if hasattr(result, "rows") and hasattr(result, "triples"):  # kg.query.results.QueryResult
        rows = result.triples if result.kind == "graph" else result.rows
    else:
        rows = result
    out: list[tuple[str, str]] = []

    def add(t: Any) -> None:
        if isinstance(t, NamedNode):
            out.append(("iri", t.value))
        elif isinstance(t, Literal):
            out.append(("literal", t.value))
        elif isinstance(t, Triple):
            add(t.subject)
            add(t.object)

    for row in rows:
        if isinstance(row, Triple):
            add(row)
        else:
            for t in row:
                add(t)
    return out


def _run_sparql(store: Any, text: str) -> list[tuple[str, str]]:
    from kg.graph.namespaces import PREFIXES

    try:
        return _terms(store.query(text, prefixes=PREFIXES))
    except SyntaxError as e:
        raise QueryError(f"SPARQL syntax error: {e}") from None
    except (OSError, RuntimeError, ValueError) as e:
        raise QueryError(f"SPARQL query failed: {e}") from None


def _run_saved(graph_dir: str, store: Any, name: str) -> list[tuple[str, str]]:
    """A saved query with its default parameters, through kg.query when it is there."""
    try:
        from kg.query.api import GraphHandle
    except ImportError:
        GraphHandle = None  # type: ignore[assignment,misc]  # noqa: N806
    if GraphHandle is not None:
        return _terms(GraphHandle.open(graph_dir).query(name))
    for d in (Path("queries"), Path(str(resources.files("kg") / "data" / "queries"))):
        f = d / f"{name}.rq"
        if f.is_file():
            return _run_sparql(store, f.read_text(encoding="utf-8"))
    raise UnknownNameError("saved query", name, [])


def describe_selection(G: "nx.MultiDiGraph", *, focus: str | None, depth: int,
                       types: str | Iterable[str] | None, min_degree: int, what: str = "") -> str:
    """One line for the page's heading saying what part of the graph is drawn (may hold
    a paper title: the page shows it as text)."""
    parts = []
    if what:
        parts.append(what)
    if focus is not None:
        parts.append(f"around \u201c{G.nodes[focus].get('label', focus)}\u201d, {depth} "
                     f"hop{'s' if depth != 1 else ''}")
    kinds = parse_types(types)
    if kinds is not None:
        parts.append("types: " + ", ".join(sorted(KINDS[k].legend.lower() for k in kinds)))
    if min_degree:
        parts.append(f"at least {min_degree} link{'s' if min_degree != 1 else ''} each")
    return "; ".join(parts) if parts else "whole graph"


# ---- the view ----------------------------------------------------------------------------

def _first(v: Any) -> Any:
    return v[0] if isinstance(v, list) and v else v


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, list):
        return " | ".join(map(str, v))
    return str(v)


def safe_url(url: Any) -> str:
    """``url`` if it is an http(s) URL, else "": a ``javascript:`` link from a paper must
    never become a clickable link."""
    u = _text(_first(url)).strip()
    return u if re.match(r"^https?://[^\s<>\"']+$", u, re.I) else ""


def short_label(text: str, limit: int = LABEL_CHARS) -> str:
    """One line of at most ``limit`` characters (control and line separators removed)."""
    t = re.sub(r"[\s\u2028\u2029]+", " ", "".join(
        c for c in text if unicodedata.category(c) != "Cc" or c in "\t\n\r")).strip()
    return t if len(t) <= limit else t[:limit - 1].rstrip() + "\u2026"


def node_size(degree: int) -> float:
    """Radius grows with the square root of degree (area ~ degree), capped so hubs do not
    cover their neighbours."""
    return round(min(10.0 + 4.0 * math.sqrt(degree), 48.0), 1)


def label_font(kind: str, degree: int, max_degree: int) -> dict[str, Any]:
    """Font for a node's label: entity names grow with degree, long texts stay small.

    vis-network skips labels drawn smaller than ``drawThreshold`` pixels, so in the overview
    only the hubs' names show (a readable map of the graph) and the rest appear on zooming
    in; papers and claims (long sentences) only show up close.
    """
    if kind in ("Paper", "Claim", "CodeRepository") or max_degree <= 1:
        return {"size": 11, "color": "#555555"}
    share = math.log(max(degree, 1)) / math.log(max_degree)
    return {"size": round(12 + 26 * share), "color": "#222222"}


def build_view(G: "nx.MultiDiGraph", keep: list[str], *, subtitle: str = "whole graph",
               heading: str = "Knowledge graph") -> GraphView:
    """vis-network nodes and edges for the nodes ``keep`` and the edges among them.

    Edges are merged per node pair: the paper->entity predicate (``kg:hasHardware``) and
    the ``kg:Link`` carrying role and evidence are one relation and are drawn once.
    """
    from pyvis.edge import Edge
    from pyvis.node import Node

    from kg.export.html_layout import force_layout

    index = {n: i for i, n in enumerate(keep)}
    merged: dict[tuple[int, int], dict[str, Any]] = {}
    for u, v, key, a in G.edges(keys=True, data=True):
        iu, iv = index.get(u), index.get(v)
        if iu is None or iv is None or iu == iv:
            continue
        pair = (min(iu, iv), max(iu, iv))
        e = merged.setdefault(pair, {"from": iu, "to": iv, "preds": []})
        if "iri" in a:  # the link: it has the role and the evidence
            e.update({"from": iu, "to": iv, "link": True, "role": _text(a.get("role")),
                      "evidence": _text(a.get("evidence")), "surface": _text(a.get("surface")),
                      "entityType": _text(a.get("entityType"))})
        elif key not in e["preds"]:
            e["preds"].append(key)
    degree = [0] * len(keep)
    for a, b in merged:
        degree[a] += 1
        degree[b] += 1
    pos = force_layout(len(keep), list(merged))
    max_degree = max(degree, default=0)
    nodes: list[dict[str, Any]] = []
    for i, n in enumerate(keep):
        a = G.nodes[n]
        kind = a.get("kind", "Resource")
        style = KINDS.get(kind, KINDS["Resource"])
        full = _text(_first(a.get("dcterms:title")) or a.get("label") or n.rsplit("/", 1)[-1])
        info: dict[str, Any] = {"kgIri": n, "kgKind": kind, "kgTitle": full,
                                "kgDegree": degree[i]}
        date = _text(_first(a.get("dcterms:date")) or _first(a.get("kg:releaseYear")))
        if date:
            info["kgDate"] = date
        url = safe_url(a.get("schema:url") or a.get("kg:url"))
        if url:
            info["kgUrl"] = url
        alt = a.get("skos:altLabel")
        if alt:
            info["kgAlt"] = [str(x) for x in (alt if isinstance(alt, list) else [alt])][:8]
        if a.get("kg:evidence"):
            info["kgEvidence"] = _text(_first(a.get("kg:evidence")))
        if kind == "Claim":
            for k, name in (("kg:value", "value"), ("kg:unit", "unit"), ("kg:metric", "metric")):
                if a.get(k) is not None:
                    info.setdefault("kgFacts", []).append([name, _text(a.get(k))])
        shown = full
        if kind == "CodeRepository":
            shown = re.sub(r"^https?://(www\.)?(github\.com/)?", "", full)
        node = Node(i, style.shape, label=short_label(shown), color=style.color,
                    size=node_size(degree[i]), x=round(float(pos[i, 0]), 1),
                    y=round(float(pos[i, 1]), 1), **info).options
        node["font"] = label_font(kind, degree[i], max_degree)
        nodes.append(node)
    edges: list[dict[str, Any]] = []
    for e in merged.values():
        if e.get("link"):
            style = ROLES.get(e["role"], ROLES[""])
            extra = {"kgRole": e["role"] or "", "kgEvidence": e["evidence"],
                     "kgSurface": e["surface"]}
            group = e["role"] or ""
        else:
            style = OTHER_EDGE
            extra = {"kgPred": ", ".join(e["preds"])}
            group = "_other"
        if e.get("link") and e["role"] not in ROLES:
            group = ""
        edges.append(Edge(e["from"], e["to"], directed=False, color=style.color,
                          dashes=style.dashes, kgGroup=group, **extra).options)
    kinds_present = {nd["kgKind"] for nd in nodes}
    kind_counts: dict[str, int] = defaultdict(int)
    for nd in nodes:
        kind_counts[nd["kgKind"]] += 1
    kinds = [{"kind": k, "legend": s.legend, "color": s.color, "shape": s.shape,
              "count": kind_counts[k]} for k, s in KINDS.items() if k in kinds_present]
    groups_present = {ed["kgGroup"] for ed in edges}
    roles = [{"group": r, "legend": s.legend, "color": s.color, "dashes": s.dashes}
             for r, s in ROLES.items() if r in groups_present]
    if "_other" in groups_present:
        roles.append({"group": "_other", "legend": OTHER_EDGE.legend, "color": OTHER_EDGE.color,
                      "dashes": True})
    return GraphView(nodes=nodes, edges=edges, options=vis_options(len(nodes)), heading=heading,
                     subtitle=subtitle, kinds=kinds, roles=roles)


def vis_options(n: int) -> dict[str, Any]:
    """vis-network options, starting from pyvis's and set for speed at size ``n``.

    Why each setting: positions come precomputed, so ``improvedLayout`` (a Kamada-Kawai
    pass, very slow above a few hundred nodes) is off; physics, when on, stops after
    :data:`PHYSICS_ITERATIONS` steps and the page turns it off once stabilised; straight
    edges and hiding edges while dragging keep large graphs responsive.
    """
    from pyvis.network import Network

    net = Network(directed=False)
    net.barnes_hut(gravity=-3000, central_gravity=0.15, spring_length=110,
                   spring_strength=0.03, damping=0.3, overlap=0.1)
    net.toggle_physics(n <= PHYSICS_NODE_LIMIT)
    net.toggle_hide_edges_on_drag(n > 2000)
    opts: dict[str, Any] = json.loads(net.options.to_json())
    opts["physics"]["stabilization"] = {"enabled": True, "iterations": PHYSICS_ITERATIONS,
                                        "updateInterval": 25, "fit": True}
    opts["physics"]["minVelocity"] = 1.0
    opts["edges"] = {"smooth": False if n > PHYSICS_NODE_LIMIT else {"enabled": True, "type": "continuous",
                                                      "roundness": 0.3},
                     "width": 1, "selectionWidth": 2, "hoverWidth": 0.5,
                     "color": {"inherit": False, "opacity": 0.7}}
    opts["nodes"] = {"borderWidth": 1, "font": {"size": 14, "face": "system-ui, sans-serif",
                                                "strokeWidth": 3, "strokeColor": "#ffffff"},
                     "scaling": {"label": {"drawThreshold": 7}}}
    opts["layout"] = {"improvedLayout": False, "randomSeed": 1}
    opts["interaction"].update({"hover": True, "tooltipDelay": 150, "hideEdgesOnZoom": n > 2000,
                                "multiselect": False, "navigationButtons": False,
                                "keyboard": False})
    opts["configure"] = {"enabled": False}
    return opts


# ---- rendering ---------------------------------------------------------------------------

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028",
                 "\u2029": "\\u2029"}
_JSON_ESCAPE_RE = re.compile("[<>&\u2028\u2029]")


def script_json(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``.

    ``<``, ``>`` and ``&`` become ``\\u003c``... so no ``</script>`` or ``<!--`` can end or
    bend the block; U+2028/2029 are escaped for old JavaScript parsers. ``JSON.parse`` of the
    block's text gives back exactly ``data``.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _JSON_ESCAPE_RE.sub(lambda m: _JSON_ESCAPES[m.group(0)], text)


def _asset(name: str) -> str:
    return (resources.files("kg") / "data" / "html" / name).read_text(encoding="utf-8")


def _vis_asset(suffix: str) -> str:
    """vis-network's file from the copy pyvis ships (the newest 9.x there)."""
    lib = resources.files("pyvis") / "lib"
    versions = sorted((p for p in lib.iterdir() if p.name.startswith("vis-")),
                      key=lambda p: [int(x) if x.isdigit() else 0
                                     for x in p.name[4:].split(".")])
    if not versions:
        raise KGError("pyvis's copy of vis-network is missing; reinstall pyvis")
    name = "vis-network.min.js" if suffix == "js" else "vis-network.css"
    text = (versions[-1] / name).read_text(encoding="utf-8")
    closing = "</script" if suffix == "js" else "</style"
    if closing in text.lower():  # would end the inline block early
        raise KGError(f"{name} cannot be inlined safely")
    return text


def content_security_policy(scripts: list[str]) -> str:
    """A CSP that allows exactly our inline scripts (by hash) and no network at all.

    Defence in depth: should paper text ever reach the markup, an injected ``<script>`` or
    ``onerror=`` handler still would not run (no 'unsafe-inline' for scripts), and nothing
    could be fetched or sent anywhere (``default-src 'none'``).
    """
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
        for s in scripts)
    return ("default-src 'none'; script-src " + hashes + "; style-src 'unsafe-inline'; "
            "img-src data:; font-src data:; connect-src 'none'; base-uri 'none'; "
            "form-action 'none'; frame-src 'none'; object-src 'none'")


def render_html(view: GraphView) -> str:
    """The page: template + inlined vis-network + our CSS/JS + the data block.

    Only fixed strings and :func:`script_json` output are substituted into the template;
    nothing from a paper reaches the markup.
    """
    data = {"heading": view.heading, "subtitle": view.subtitle, "nodes": view.nodes,
            "edges": view.edges, "options": view.options, "kinds": view.kinds,
            "roles": view.roles}
    page = _asset("template.html")
    vis_js, kg_js = _vis_asset("js"), _asset("graph.js")
    parts = {"/*VIS_CSS*/": _vis_asset("css"), "/*KG_CSS*/": _asset("graph.css"),
             "/*VIS_JS*/": vis_js, "/*KG_JS*/": kg_js, "/*KG_DATA*/": script_json(data),
             "/*KG_CSP*/": content_security_policy([vis_js, kg_js])}
    pattern = re.compile("|".join(re.escape(k) for k in parts))
    return pattern.sub(lambda m: parts[m.group(0)], page)
