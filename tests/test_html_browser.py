"""The HTML export opened in a real headless Chromium, offline: it draws, it searches, it
fetches nothing, and text from papers never runs as code (hover included)."""
from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from browser_util import chromium, have_chromium, open_page  # noqa: E402

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not have_chromium(), reason="no /usr/bin/chromium "
                                 "(.ci/browser-setup.sh installs it)")]

DATA = Path(__file__).parent / "data"
PWNED = "() => [window.__pwned, window.__pwned2]"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def bundled_page(bundled_graph: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    from kg.export.html import write_html

    out = tmp_path_factory.mktemp("html") / "graph.html"
    view = write_html(str(bundled_graph), out)
    return out, view


@pytest.fixture(scope="module")
def evil_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("evil") / "output"
    build([str(DATA / "malicious.jsonl")], str(out), workers=1, html=True)
    assert (out / "graph.html").is_file()
    return out


def _clean(s: Any) -> None:
    assert s.requests == [], f"page tried to fetch: {s.requests}"
    assert s.errors == [], f"console errors: {s.errors}"


def test_bundled_graph_draws_offline(browser: Any, bundled_page: tuple[Path, Any]) -> None:
    path, view = bundled_page
    with open_page(browser, path) as s:
        assert s.painted_pixels() > 2000
        assert s.page.evaluate("() => window.kgGraph.nodeCount") == view.node_count
        assert s.page.evaluate("() => window.kgGraph.nodes.length") == view.node_count
        assert s.page.evaluate("() => window.kgGraph.edges.length") == view.edge_count
        stats = s.page.locator("#kg-stats").text_content() or ""
        assert f"{view.node_count:,} nodes" in stats
        # physics has been switched off after stabilising: nothing keeps moving
        assert s.page.evaluate("() => window.kgGraph.network.physics.options.enabled") is False
        _clean(s)


def test_search_box_focuses_a_node(browser: Any, bundled_page: tuple[Path, Any]) -> None:
    path, view = bundled_page
    target = max(view.nodes, key=lambda n: n["kgDegree"])
    with open_page(browser, path) as s:
        box = s.page.locator("#kg-search")
        box.fill(target["kgTitle"][:12])
        assert s.page.locator("#kg-results li").count() >= 1
        box.fill(target["kgTitle"])
        box.press("Enter")
        s.page.wait_for_function("id => window.kgGraph.focused === id", arg=target["id"])
        assert s.page.evaluate("() => window.kgGraph.network.getSelectedNodes()") == [target["id"]]
        assert target["kgTitle"] in (s.page.locator("#kg-details h3").text_content() or "")
        _clean(s)


def test_type_filter_hides_a_kind(browser: Any, bundled_page: tuple[Path, Any]) -> None:
    path, view = bundled_page
    kind = view.kinds[-1]["kind"]
    with open_page(browser, path) as s:
        s.page.locator(f'#kg-types input[data-kind="{kind}"]').uncheck()
        hidden = s.page.evaluate("k => window.kgGraph.nodes.get({filter: n => n.hidden}).length"
                                 , kind)
        assert hidden == sum(1 for n in view.nodes if n["kgKind"] == kind)
        _clean(s)


def test_focus_export_is_smaller_and_holds_the_neighbours(
        browser: Any, bundled_graph: Path, bundled_page: tuple[Path, Any], tmp_path: Path) -> None:
    from kg.export import export_graph
    from kg.export.html import adjacency, write_html
    from kg.graph.nx_convert import to_networkx
    from kg.graph.store import open_store

    whole_path, whole = bundled_page
    paper = next(n for n in whole.nodes if n["kgKind"] == "Paper" and n["kgDegree"] >= 2)
    out = tmp_path / "focus.html"
    export_graph(str(bundled_graph), "html", str(out), focus=paper["kgTitle"], depth=1)
    view = write_html(str(bundled_graph), tmp_path / "again.html", focus=paper["kgTitle"])
    G = to_networkx(open_store(bundled_graph))
    neighbours = {m for m in adjacency(G)[paper["kgIri"]] if G.nodes[m]["kind"] != "Extractor"}
    assert out.stat().st_size < whole_path.stat().st_size
    assert view.node_count < whole.node_count
    with open_page(browser, out) as s:
        iris = set(s.page.evaluate("() => window.kgGraph.nodes.get().map(n => n.kgIri)"))
        assert paper["kgIri"] in iris and neighbours <= iris
        assert len(iris) == view.node_count
        assert paper["kgTitle"] in (s.page.locator("#kg-subtitle").text_content() or "")
        _clean(s)


def _hover(s: Any, node_id: int) -> str:
    """Moves the mouse onto a node and returns the tooltip's text."""
    page = s.page
    page.evaluate("id => window.kgGraph.network.focus(id, {scale: 1.5})", node_id)
    page.wait_for_timeout(50)
    x, y = page.evaluate("""id => {
        const net = window.kgGraph.network;
        const p = net.canvasToDOM(net.getPosition(id));
        const r = document.querySelector('#kg-graph canvas').getBoundingClientRect();
        return [r.left + p.x, r.top + p.y];
    }""", node_id)
    page.mouse.move(5, 5)
    page.mouse.move(x - 3, y - 3)
    page.mouse.move(x, y, steps=3)
    page.wait_for_selector("#kg-tip:not([hidden])", timeout=5000)
    return page.locator("#kg-tip").text_content() or ""


def test_payloads_in_papers_show_as_text_and_never_run(browser: Any, evil_graph: Path) -> None:
    from kg.graph.nx_convert import to_networkx
    from kg.graph.store import open_store

    G = to_networkx(open_store(evil_graph))
    titles = [a["dcterms:title"] for _, a in G.nodes(data=True) if a["kind"] == "Paper"]
    assert any("<img" in t for t in titles) and any("</script>" in t for t in titles)
    with open_page(browser, evil_graph / "graph.html") as s:
        page = s.page
        assert page.evaluate(PWNED) == [None, None]
        # no element a payload would create exists; only our own three script blocks
        assert page.evaluate("() => document.querySelectorAll('img, svg, iframe, object').length") == 0
        assert page.evaluate("() => document.scripts.length") == 3
        assert page.evaluate("() => document.querySelectorAll('a[href^=\"javascript\"]').length") == 0
        nodes = page.evaluate("() => window.kgGraph.nodes.get()")
        papers = [n for n in nodes if n["kgKind"] == "Paper"]
        assert sorted(n["kgTitle"] for n in papers) == sorted(titles)
        for n in papers:
            tip = _hover(s, n["id"])
            assert n["kgTitle"] in tip, (n["kgTitle"], tip)
            assert page.evaluate(PWNED) == [None, None]
        # edge tooltips carry the evidence sentence, payloads included, as text
        hit = page.evaluate("""() => {
            const net = window.kgGraph.network;
            net.moveTo({position: {x: 0, y: 0}, scale: 1.0});
            net.fit({animation: false});
            const r = document.querySelector('#kg-graph canvas').getBoundingClientRect();
            for (const e of window.kgGraph.edges.get()) {
                if (!e.kgEvidence || !e.kgEvidence.includes('<')) continue;
                const a = net.getPosition(e.from), b = net.getPosition(e.to);
                for (const t of [0.5, 0.4, 0.6, 0.3, 0.7]) {
                    const p = net.canvasToDOM({x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y)});
                    if (net.getEdgeAt(p) === e.id && net.getNodeAt(p) === undefined)
                        return [e, r.left + p.x, r.top + p.y];
                }
            }
            return null;
        }""")
        assert hit is not None
        edge, x, y = hit
        page.mouse.move(5, 5)
        page.mouse.move(x, y, steps=3)
        page.wait_for_selector("#kg-tip:not([hidden])", timeout=5000)
        assert edge["kgEvidence"] in (page.locator("#kg-tip").text_content() or "")
        assert page.evaluate(PWNED) == [None, None]
        # search results and the details panel show the literal text too
        box = page.locator("#kg-search")
        box.fill("<img")
        assert "<img src=x" in (page.locator("#kg-results").text_content() or "")
        box.press("Enter")
        page.wait_for_function("() => window.kgGraph.focused !== null")
        details = page.locator("#kg-details").text_content() or ""
        assert 'onerror="window.__pwned=1"' in details
        assert page.evaluate("() => document.querySelectorAll('#kg-details a').length") == 0
        page.mouse.move(10, 10)
        page.wait_for_timeout(200)
        assert page.evaluate(PWNED) == [None, None]
        assert page.evaluate("() => document.querySelectorAll('img, svg, iframe').length") == 0
        _clean(s)


def test_large_synthetic_graph_opens_without_physics(browser: Any, tmp_path: Path) -> None:
    from kg.export.html import PHYSICS_NODE_LIMIT, build_view, render_html
    from browser_util import synthetic_graph

    G = synthetic_graph(PHYSICS_NODE_LIMIT + 500)
    view = build_view(G, sorted(G.nodes))
    out = tmp_path / "big.html"
    out.write_text(render_html(view), encoding="utf-8")
    with open_page(browser, out) as s:
        assert s.page.evaluate("() => window.kgGraph.nodeCount") == view.node_count
        assert s.painted_pixels() > 2000
        assert s.seconds_to_ready is not None and s.seconds_to_ready < 30
        _clean(s)
