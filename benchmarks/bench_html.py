"""How long the HTML export takes to write and to open, at 1k, 5k and 20k nodes.

Prints a Markdown table: nodes, edges, export seconds (layout + page, from a NetworkX graph
shaped like kg's), file MB, and open+stabilise seconds in headless Chromium (from navigation
start until the page reports it has drawn and its physics has stopped), plus the bundled
corpus end to end (``kg.export.html.write_html`` on a built graph).

    python benchmarks/bench_html.py [--sizes 1000,5000,20000] [--no-bundled]

Needs /usr/bin/chromium (``bash .ci/browser-setup.sh``) and Playwright for Python.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser_util import chromium, have_chromium, open_page, synthetic_graph  # noqa: E402


def measure(browser: object, path: Path) -> tuple[float, int, list[str]]:
    with open_page(browser, path, timeout_s=300) as s:
        ready = s.wait_ready(300)
        count = int(s.page.evaluate("() => window.kgGraph.nodeCount"))
        problems = s.errors + [f"request {u}" for u in s.requests]
        if s.painted_pixels() < 1000:
            problems.append("blank canvas")
    return ready, count, problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,5000,20000")
    ap.add_argument("--no-bundled", action="store_true")
    args = ap.parse_args()
    if not have_chromium():
        print("no /usr/bin/chromium: run `bash .ci/browser-setup.sh`", file=sys.stderr)
        return 2
    from kg.export.html import build_view, render_html, write_html

    rows: list[tuple[str, int, int, float, float, float, str]] = []
    with tempfile.TemporaryDirectory() as tmp, chromium() as browser:
        if not args.no_bundled:
            from kg.pipeline import build

            out = Path(tmp) / "bundled"
            build([], str(out), workers=1, html=False)
            page = out / "graph.html"
            t0 = time.perf_counter()
            view = write_html(str(out), page)
            secs = time.perf_counter() - t0
            ready, count, problems = measure(browser, page)
            assert count == view.node_count
            rows.append(("bundled corpus", view.node_count, view.edge_count, secs,
                         page.stat().st_size / 1e6, ready, "; ".join(problems) or "ok"))
        for n in (int(s) for s in args.sizes.split(",") if s):
            G = synthetic_graph(n)
            page = Path(tmp) / f"synthetic-{n}.html"
            t0 = time.perf_counter()
            view = build_view(G, sorted(G.nodes))
            page.write_text(render_html(view), encoding="utf-8")
            secs = time.perf_counter() - t0
            ready, count, problems = measure(browser, page)
            assert count == view.node_count
            rows.append((f"synthetic {n:,}", view.node_count, view.edge_count, secs,
                         page.stat().st_size / 1e6, ready, "; ".join(problems) or "ok"))
            print(f"  {n}: export {secs:.1f} s, open {ready:.1f} s", file=sys.stderr)
    print("| graph | nodes | edges | export s | file MB | open+stabilise s (Chromium) | problems |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for name, nodes, edges, secs, mb, ready, problems in rows:
        print(f"| {name} | {nodes:,} | {edges:,} | {secs:.1f} | {mb:.1f} | {ready:.1f} | {problems} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
