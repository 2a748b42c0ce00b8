"""The HTML export without a browser: escaping, selection, limits, the page's structure."""
from __future__ import annotations

import base64
import hashlib
import json
import re
import sys
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import KGError, QueryError, UnknownNameError
from kg.export import html as H

sys.path.insert(0, str(Path(__file__).parent))
from browser_util import synthetic_graph  # noqa: E402

DATA = Path(__file__).parent / "data"
PAYLOAD = '</script><img src=x onerror="window.__pwned=1"><!-- \u2028 & >'


# ---- escaping -----------------------------------------------------------------------------

@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                    lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(), c, max_size=4),
                    max_leaves=20))
@settings(max_examples=200, deadline=None)
def test_script_json_round_trips_and_cannot_break_out(value: object) -> None:
    text = H.script_json(value)
    assert json.loads(text) == value
    assert not re.search("[<>&\u2028\u2029]", text)


def test_script_json_escapes_a_closing_script_tag() -> None:
    text = H.script_json({"t": PAYLOAD})
    assert "</script" not in text.lower() and "<!--" not in text
    assert json.loads(text)["t"] == PAYLOAD


@pytest.mark.parametrize("url,ok", [
    ("https://arxiv.org/abs/2401.00001", True), ("http://x.org/a?b=c", True),
    ("javascript:alert(1)", False), ("JaVaScRiPt:alert(1)", False), ("data:text/html,<b>", False),
    ("https://x.org/\"onmouseover=1", False), ("  ", False), (None, False),
])
def test_safe_url_allows_only_web_links(url: str | None, ok: bool) -> None:
    assert (H.safe_url(url) != "") is ok


def test_short_label_is_one_bounded_line() -> None:
    lab = H.short_label("a\u2028b\nc\x00d " + "x" * 100)
    assert "\u2028" not in lab and "\n" not in lab and "\x00" not in lab
    assert len(lab) <= H.LABEL_CHARS and lab.endswith("\u2026")


def _evil_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    p = "https://w3id.org/kg-papers/id/paper/x"
    e = "https://w3id.org/kg-papers/id/technique/t"
    G.add_node(p, kind="Paper", label=PAYLOAD, **{"dcterms:title": PAYLOAD,
                                                   "schema:url": "javascript:alert(1)"})
    G.add_node(e, kind="Technique", label="<b>t</b>")
    G.add_edge(p, e, key="kg:hasTechnique")
    G.add_edge(p, e, key=p + "/l", iri=p + "/l", evidence=PAYLOAD, surface="<i>", role="used")
    return G


def test_page_carries_paper_text_only_inside_the_json_block() -> None:
    G = _evil_graph()
    view = H.build_view(G, sorted(G.nodes), subtitle=f"around \u201c{PAYLOAD}\u201d")
    page = H.render_html(view)
    ours = page.replace(H._vis_asset("js"), "")  # vis's code holds a "<script>" string
    assert len(re.findall(r"<script\b", ours)) == 3
    assert len(re.findall(r"</script", ours, re.I)) == 3
    assert "<img src=x" not in page
    block = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert block is not None
    data = json.loads(block.group(1))
    assert data["nodes"][0]["kgTitle"] == PAYLOAD and data["subtitle"].endswith(f"{PAYLOAD}\u201d")
    assert "kgUrl" not in data["nodes"][0]  # the javascript: URL is dropped
    assert all("title" not in n for n in data["nodes"])  # vis's own tooltips are not used
    outside = ours.replace(block.group(0), "")
    assert 'onerror="' not in outside and "__pwned" not in outside


def test_csp_allows_exactly_the_inline_scripts_and_no_network() -> None:
    page = H.render_html(H.build_view(_evil_graph(), sorted(_evil_graph().nodes)))
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 2
    for s in scripts:
        h = base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()
        assert f"'sha256-{h}'" in csp


def test_page_references_nothing_remote() -> None:
    page = H.render_html(H.build_view(_evil_graph(), sorted(_evil_graph().nodes)))
    assert not re.search(r'(src|href)\s*=\s*["\']?(https?:)?//', page)
    assert "<link" not in page and "@import" not in page


# ---- selection ----------------------------------------------------------------------------

def _small() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    ns = "https://w3id.org/kg-papers/id/"
    for name, kind in [("p1", "Paper"), ("p2", "Paper"), ("p3", "Paper"), ("h", "Hardware"),
                       ("d", "Dataset"), ("a", "Author"), ("x", "Extractor")]:
        G.add_node(ns + name, kind=kind, label=f"Label {name.upper()}",
                   **({"skos:altLabel": ["alias of h"]} if name == "h" else {}))
    for u, v in [("p1", "h"), ("p1", "d"), ("p2", "h"), ("p3", "d"), ("p1", "a")]:
        G.add_edge(ns + u, ns + v, key="k")
    return G


def _short(nodes: list[str]) -> set[str]:
    return {n.rsplit("/", 1)[-1] for n in nodes}


def test_parse_types_is_lenient_and_strict_about_unknowns() -> None:
    assert H.parse_types("hardware, Datasets,code") == {"Hardware", "Dataset", "CodeRepository"}
    assert H.parse_types(None) is None
    with pytest.raises(KGError, match="unknown node type 'gpus'.*hardware"):
        H.parse_types("gpus")


def test_default_selection_leaves_out_noise_kinds() -> None:
    assert _short(H.select_nodes(_small())) == {"p1", "p2", "p3", "h", "d"}
    assert _short(H.select_nodes(_small(), types="author,paper")) == {"p1", "p2", "p3", "a"}


def test_focus_depth_types_and_min_degree() -> None:
    G = _small()
    ns = "https://w3id.org/kg-papers/id/"
    assert _short(H.select_nodes(G, focus=ns + "h")) == {"h", "p1", "p2"}
    assert _short(H.select_nodes(G, focus=ns + "h", depth=2)) == {"h", "p1", "p2", "d"}
    assert _short(H.select_nodes(G, focus=ns + "h", depth=3)) == {"h", "p1", "p2", "d", "p3"}
    assert _short(H.select_nodes(G, types="paper,dataset")) == {"p1", "p2", "p3", "d"}
    assert _short(H.select_nodes(G, min_degree=2)) == {"p1", "h", "d"}
    # the focus node stays whatever its degree or type
    assert ns + "p3" in H.select_nodes(G, focus=ns + "p3", min_degree=5)
    assert _short(H.select_nodes(G, focus=ns + "h", types="dataset")) == {"h"}


def test_resolve_focus_by_label_alias_and_iri_with_suggestions() -> None:
    G = _small()
    ns = "https://w3id.org/kg-papers/id/"
    assert H.resolve_focus(G, "label  h") == ns + "h"
    assert H.resolve_focus(G, "ALIAS OF H") == ns + "h"
    assert H.resolve_focus(G, "kgid:d") == ns + "d"
    with pytest.raises(UnknownNameError) as e:
        H.resolve_focus(G, "Label Q")
    assert "Label P1" in e.value.suggestions or e.value.suggestions


def test_edges_are_merged_per_pair_and_keep_role_and_evidence() -> None:
    G = _evil_graph()
    view = H.build_view(G, sorted(G.nodes))
    assert view.edge_count == 1
    e = view.edges[0]
    assert e["kgRole"] == "used" and e["kgEvidence"] == PAYLOAD
    assert {k["kind"] for k in view.kinds} == {"Paper", "Technique"}
    assert [r["group"] for r in view.roles] == ["used"]


def test_node_size_grows_with_degree_and_is_capped() -> None:
    assert H.node_size(0) < H.node_size(4) < H.node_size(100) <= 48


def test_large_graphs_have_physics_off_and_straight_edges() -> None:
    assert H.vis_options(100)["physics"]["enabled"] is True
    big = H.vis_options(H.PHYSICS_NODE_LIMIT + 1)
    assert big["physics"]["enabled"] is False and big["edges"]["smooth"] is False
    assert big["layout"]["improvedLayout"] is False


def test_layout_is_finite_and_deterministic() -> None:
    from kg.export.html_layout import force_layout

    G = synthetic_graph(800)
    view1 = H.build_view(G, sorted(G.nodes))
    view2 = H.build_view(G, sorted(G.nodes))
    xs = [(n["x"], n["y"]) for n in view1.nodes]
    assert xs == [(n["x"], n["y"]) for n in view2.nodes]
    assert all(abs(x) < 1e6 and abs(y) < 1e6 for x, y in xs)
    assert force_layout(0, []).shape == (0, 2) and force_layout(1, []).shape == (1, 2)


# ---- against a built graph ----------------------------------------------------------------

def test_export_writes_a_self_contained_page(bundled_graph: Path, tmp_path: Path) -> None:
    from kg.export import export_graph

    out = export_graph(str(bundled_graph), "html", str(tmp_path / "g.html"))
    page = out.read_text(encoding="utf-8")
    assert "vis-network" in page and "<link" not in page
    assert not re.search(r'<script[^>]+src=', page)


def test_too_many_nodes_is_refused_with_a_hint(bundled_graph: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.html"
    with pytest.raises(KGError, match="--focus.*--types"):
        H.write_html(str(bundled_graph), out, max_nodes=5)
    assert not out.exists()


def test_unknown_focus_suggests_names(bundled_graph: Path, tmp_path: Path) -> None:
    with pytest.raises(UnknownNameError):
        H.write_html(str(bundled_graph), tmp_path / "g.html", focus="zzzz qqqq no such thing")


def test_sparql_file_draws_what_it_returns(bundled_graph: Path, tmp_path: Path) -> None:
    q = tmp_path / "q.rq"
    q.write_text("SELECT ?p ?e WHERE { ?p a kg:Paper ; ?has ?e . ?e a kg:Technique } LIMIT 5",
                 encoding="utf-8")
    view = H.write_html(str(bundled_graph), tmp_path / "g.html", sparql=str(q))
    assert 0 < view.node_count <= 10
    assert "SPARQL q.rq" in view.subtitle
    ask = tmp_path / "ask.rq"
    ask.write_text("ASK { ?s ?p ?o }", encoding="utf-8")
    with pytest.raises(QueryError):
        H.write_html(str(bundled_graph), tmp_path / "g2.html", sparql=str(ask))
    bad = tmp_path / "bad.rq"
    bad.write_text("SELEC nonsense", encoding="utf-8")
    with pytest.raises(QueryError):
        H.write_html(str(bundled_graph), tmp_path / "g3.html", sparql=str(bad))


def test_focus_view_is_a_neighbourhood(bundled_graph: Path, tmp_path: Path) -> None:
    whole = H.write_html(str(bundled_graph), tmp_path / "a.html")
    hub = max(whole.nodes, key=lambda n: n["kgDegree"])
    part = H.write_html(str(bundled_graph), tmp_path / "b.html", focus=hub["kgTitle"])
    assert part.node_count == hub["kgDegree"] + 1
    assert part.node_count < whole.node_count
