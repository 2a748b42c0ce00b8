"""Opening exported pages in a real headless Chromium, offline, for tests and benchmarks.

Why a real browser: the page's promises (draws, searches, runs no payload, fetches nothing)
are about what a browser does with the file, which no HTML parser in Python can tell.
Debian's ``chromium`` is used (``.ci/browser-setup.sh`` installs it) because Playwright's
own browser download cannot be fetched here.
"""
from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def have_chromium() -> bool:
    return Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)


@dataclass
class PageSession:
    """A page plus what it tried to fetch and what it complained about."""

    page: Any
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds_to_ready: float | None = None

    def wait_ready(self, timeout_s: float = 60.0) -> float:
        """Seconds until the page says it has drawn and stabilised (``kgGraph.ready``)."""
        self.page.wait_for_function("() => window.kgGraph && window.kgGraph.ready",
                                    timeout=timeout_s * 1000, polling=20)
        return float(self.page.evaluate("() => window.kgGraph.readyAt")) / 1000.0

    def painted_pixels(self) -> int:
        """Pixels of the graph canvas that are not transparent or white."""
        return int(self.page.evaluate("""() => {
            const c = document.querySelector('#kg-graph canvas');
            if (!c) return 0;
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let n = 0;
            for (let i = 0; i < d.length; i += 4) {
                if (d[i + 3] > 0 && (d[i] < 245 || d[i + 1] < 245 || d[i + 2] < 245)) n++;
            }
            return n;
        }"""))


@contextmanager
def chromium() -> Iterator[Any]:
    """A launched headless Chromium (Playwright's sync API)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def open_page(browser: Any, path: str | os.PathLike[str], *, width: int = 1400,
              height: int = 900, wait: bool = True, timeout_s: float = 60.0) -> Iterator[PageSession]:
    """Opens ``path`` with every non-``file:``/``data:`` request aborted and recorded."""
    context = browser.new_context(viewport={"width": width, "height": height},
                                  service_workers="block")
    page = context.new_page()
    s = PageSession(page)

    def route(r: Any) -> None:
        url = r.request.url
        if url.startswith(("file:", "data:", "blob:", "about:")):
            r.continue_()
        else:
            s.requests.append(url)
            r.abort()

    def on_request(req: Any) -> None:
        if not req.url.startswith(("file:", "data:", "blob:", "about:")) and req.url not in s.requests:
            s.requests.append(req.url)

    context.route("**/*", route)
    page.on("request", on_request)
    page.on("console", lambda m: s.errors.append(f"console.{m.type}: {m.text}")
            if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: s.errors.append(f"pageerror: {e}"))
    try:
        t0 = time.perf_counter()
        page.goto(Path(path).resolve().as_uri(), wait_until="load", timeout=timeout_s * 1000)
        if wait:
            s.wait_ready(timeout_s)
            s.seconds_to_ready = time.perf_counter() - t0
        yield s
    finally:
        context.close()


def synthetic_graph(n: int, seed: int = 1) -> Any:
    """A graph shaped like kg's (``to_networkx`` attributes): 85% papers, 15% entities of
    five types with skewed popularity, 1-5 links per paper with roles and evidence.

    Used to measure and test sizes the bundled corpus does not reach.
    """
    import random

    import networkx as nx

    rng = random.Random(seed)
    kinds = ["Hardware", "Dataset", "Method", "Technique", "Task"]
    roles = {"Hardware": ["evaluated_on", "targets", "compared_against"],
             "Dataset": ["used", "introduced"], "Method": ["proposed", "used", "compared"],
             "Technique": [None], "Task": [None]}
    G = nx.MultiDiGraph()
    n_ent = max(2, int(n * 0.15))
    ents = []
    for i in range(n_ent):
        k = kinds[i % len(kinds)]
        iri = f"https://w3id.org/kg-papers/id/{k.lower()}/e{i}"
        G.add_node(iri, kind=k, label=f"{k} {i}", **{"skos:prefLabel": f"{k} {i}"})
        ents.append(iri)
    weights = [1 / (i + 1) ** 0.9 for i in range(n_ent)]
    for p in range(n - n_ent):
        iri = f"https://w3id.org/kg-papers/id/paper/p{p}"
        title = f"Synthetic paper {p} on efficient inference"
        G.add_node(iri, kind="Paper", label=title, **{
            "dcterms:title": title, "dcterms:date": f"20{10 + p % 15}-01-01",
            "schema:url": f"https://example.org/abs/{p}"})
        for e in set(rng.choices(ents, weights=weights, k=rng.randint(1, 5))):
            k = G.nodes[e]["kind"]
            role = rng.choice(roles[k])
            attrs = {"evidence": f"We evaluate on {G.nodes[e]['label']} in paper {p}.",
                     "surface": G.nodes[e]["label"], "entityType": k.lower(),
                     "iri": f"{iri}/link/{e.rsplit('/', 1)[-1]}"}
            if role:
                attrs["role"] = role
            G.add_edge(iri, e, key=attrs["iri"], **attrs)
            G.add_edge(iri, e, key=f"kg:has{k}")
    return G
