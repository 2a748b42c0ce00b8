"""Regenerates docs/graph.png: the bundled corpus drawn by `kg export html`, in headless
Chromium (``bash .ci/browser-setup.sh`` installs it).  python docs/make_graph_png.py"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser_util import chromium, open_page  # noqa: E402


def main() -> None:
    from kg.export.html import write_html
    from kg.pipeline import build

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "output"
        build([], str(out), workers=1, html=False)
        page = out / "graph.html"
        write_html(str(out), page)
        with chromium() as browser, open_page(browser, page, width=1600, height=1000) as s:
            s.page.evaluate("() => { const n = window.kgGraph.network; "
                            "n.moveTo({scale: n.getScale() * 1.12}); }")
            s.page.wait_for_timeout(300)
            s.page.screenshot(path=str(ROOT / "docs" / "graph.png"))
    print(ROOT / "docs" / "graph.png")


if __name__ == "__main__":
    main()
