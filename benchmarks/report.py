"""Turns results/results.json into results/RESULTS.md and results/scale.png."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import RESULTS, size_n  # noqa: E402

TARGETS = """\
| target | goal |
| --- | --- |
| `kg build`, 1 worker, vs bare tokenizer on the same texts | >= 0.5x |
| `kg build`, 2 workers vs 1 worker | >= 1.7x |
| 1M abstracts on 2 cores | <= 30 min, peak RSS <= 4 GiB, memory linear or better |
| papers-by-hardware, one product | p50 <= 20 ms at 100k, <= 50 ms at 1M |
| `kg papers --hardware ...` cold CLI, bundled graph | <= 0.5 s |
| `kg serve`, 50 concurrent clients | 0 errors, p95 <= 100 ms |
"""


def _f(v: Any, nd: int = 1) -> str:
    if v is None or v == "":
        return "–"
    if isinstance(v, float):
        return f"{v:,.{nd}f}"
    if isinstance(v, int):
        return f"{v:,}"
    return str(v)


def _sizes(entries: dict, prefix: str) -> list[str]:
    return sorted({k.split("/")[1] for k in entries if k.startswith(prefix + "/")}, key=size_n)


def write_report(db: dict) -> Path:
    e: dict[str, Any] = db.get("entries", {})
    m = db.get("machine", {})
    out: list[str] = ["# kg benchmarks", ""]
    out += [f"Machine: {m.get('cpu', '?')}, {m.get('cores', '?')} cores, {m.get('ram_gib', '?')} GiB RAM, "
            f"Python {m.get('python', '?')} ({m.get('platform', '')}). Commit of the last run: "
            f"`{m.get('commit', '?')}`. Each row gives its own commit, time and 1-min load average: "
            "the machine is shared, and a load above 2 on 2 cores slows every number.", ""]
    out += ["Corpora: 1k and 20k are real arXiv abstracts (../shared/bench/arxiv_cs), all distinct. "
            "**100k and 1M repeat those 20,000 texts** with distinct ids and titles: spaCy caches "
            "repeated texts' tokens, which makes them run up to ~9x faster, so their throughput is "
            "not a throughput claim. They measure store size, memory and query latency only.", ""]
    out += ["Command: `python benchmarks/run.py --sizes 1k,20k,100k[,1M]` (see benchmarks/README.md).", ""]

    # ---- build
    out += ["## `kg build` end to end", "",
            "Read + extract + write the store (`--no-turtle --no-html`), a fresh process; peak RSS "
            "is the sum over the process tree (workers included; shared pages counted in each), "
            "sampled every 0.1 s. `cores used` is the tree's CPU time over wall time (what the run "
            "got of this shared machine). `vs tokenizer` is kg's abstracts/s over the bare tokenizer's "
            "(`spacy.blank(\"en\").pipe`) on the same texts in the same run.", "",
            "| corpus | distinct texts | workers | wall s | abstracts/s | vs tokenizer | speed-up vs 1 worker | cores used | peak RSS MiB | store MiB | triples | commit | load |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |"]
    plot_rows = []
    for size in _sizes(e, "build"):
        tok = e.get(f"extract/{size}", {}).get("tokenizer_per_s")
        w1 = e.get(f"build/{size}/w1", {}).get("per_s")
        for key in sorted(k for k in e if k.startswith(f"build/{size}/")):
            r = e[key]
            if "error" in r or "skipped" in r:
                out.append(f"| {size} | | {key.rsplit('/w', 1)[-1]} | {r.get('error') or r.get('skipped')} |||||||||")
                continue
            ratio = r["per_s"] / tok if tok and r["distinct_texts"] == r["n"] else None
            speed = r["per_s"] / w1 if w1 and r["workers"] > 1 and r["distinct_texts"] == r["n"] else None
            per = _f(r["per_s"]) + ("" if r["distinct_texts"] == r["n"] else " (replicated)")
            out.append(f"| {size} | {_f(r['distinct_texts'])} | {r['workers']} | {_f(r['wall_s'])} | {per} | "
                       f"{_f(ratio, 2) + 'x' if ratio else '–'} | {_f(speed, 2) + 'x' if speed else '–'} | "
                       f"{_f(r.get('cores_used'), 2)} | "
                       f"{_f(r['peak_rss_mib'], 0)} | {_f(r['store_mib'])} | {_f(r.get('triples'))} | "
                       f"{r.get('_commit', '')} | {_f(r.get('_loadavg'), 2)} |")
            plot_rows.append(r)
    out.append("")

    # ---- stages
    ex = [(s, e[f"extract/{s}"]) for s in _sizes(e, "extract") if "tokenizer_s" in e[f"extract/{s}"]]
    if ex:
        out += ["## Where one core's time goes", "",
                "One process, the same texts: tokenizer and reader over all texts, the rest over "
                "a sample (`extract` is the whole spaCy pipeline with kg's components). Per second, "
                "higher is better.", "",
                "| corpus | sample | tokenizer/s | read/s | extract/s | quads/s | store load/s | commit | load |",
                "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |"]
        for s, r in ex:
            out.append(f"| {s} | {_f(r.get('sample'))} | {_f(r['tokenizer_per_s'])} | {_f(r['read_per_s'])} | "
                       f"{_f(r['extract_per_s'])} | {_f(r['quads_per_s'])} | {_f(r['load_per_s'])} | "
                       f"{r.get('_commit', '')} | {_f(r.get('_loadavg'), 2)} |")
        s, r = ex[-1]
        comp = r.get("components_ms_per_1k", {})
        if comp:
            total = sum(comp.values())
            out += ["", f"Pipeline components, ms per 1,000 texts ({s} sample of {_f(r.get('sample'))}):", "",
                    "| component | ms / 1k texts | share |", "| --- | ---: | ---: |"]
            for name, v in sorted(comp.items(), key=lambda kv: -kv[1]):
                out.append(f"| {name} | {_f(v)} | {v / total:.0%} |")
        out.append("")

    # ---- queries
    qs = [(s, e[f"query/{s}"]) for s in _sizes(e, "query") if "queries" in e[f"query/{s}"]]
    if qs:
        names = sorted({q for _, r in qs for q in r["queries"]})
        out += ["## Query latency (store opened once, read-only; ms)", ""]
        out += [f"Saved queries run via: {qs[-1][1].get('saved_via', '?')}.", ""]
        out += ["| query | " + " | ".join(f"{s} p50 | {s} p95" for s, _ in qs) + " |",
                "| --- | " + " | ".join("---: | ---:" for _ in qs) + " |"]
        for name in names:
            cells = []
            for _, r in qs:
                q = r["queries"].get(name, {})
                cells.append(f"{_f(q.get('p50_ms'), 2)} | {_f(q.get('p95_ms'), 2)}" if "p50_ms" in q
                             else f"{q.get('error', '–')[:40]} | ")
            out.append(f"| {name} | " + " | ".join(cells) + " |")
        for key, title in (("hardware", "**papers by hardware** (first page)"),
                           ("hardware_all", "**papers by hardware** (every paper)")):
            cells = []
            for _, r in qs:
                h = r.get(key, {})
                cells.append(f"{_f(h.get('p50_ms'), 2)} | {_f(h.get('p95_ms'), 2)}" if "p50_ms" in h else "– | –")
            if any(key in r for _, r in qs):
                out.append(f"| {title} | " + " | ".join(cells) + " |")
        out.append("")
        # A listing's latency grows with its answer: say how many rows each query returned.
        out.append("Rows returned (" + " / ".join(s for s, _ in qs) + "): " + "; ".join(
            f"{name} " + " / ".join(_f(r["queries"].get(name, {}).get("rows")) for _, r in qs)
            for name in names) + ".")
        out.append("")
        for s, r in qs:
            for key in ("hardware", "hardware_all"):
                h = r.get(key, {})
                if "product" in h:
                    out.append(f"- {s}: papers-by-hardware for {h['product']!r} ({_f(h.get('papers'))} papers, "
                               f"{_f(h.get('rows'))} rows) via {h.get('via')}.")
        out.append("")

    # ---- add / cli / serve / html
    add = e.get("add/1k")
    if add and "build_s" in add:
        out += ["## `kg add` of unchanged and changed papers", "",
                f"1k papers built in {add['build_s']} s; adding the same file again read "
                f"{add['papers_read']}, skipped {add['papers_unchanged']} as unchanged, extracted "
                f"{(add['papers_added'] or 0) + (add['papers_replaced'] or 0)}, in {add['add_unchanged_s']} s "
                f"({add['add_over_build']:.0%} of the build)."]
        if add.get("add_changed_s") is not None:
            out.append(f"The same file with the abstracts of {add['changed']} papers cut to their "
                       f"first sentence: {add['changed_replaced']} replaced in {add['add_changed_s']} s.")
        out.append("")
    grows = [(k.split("/", 1)[1], v) for k, v in sorted(e.items()) if k.startswith("grow/") and "steps" in v]
    if grows:
        out += ["## `kg add` on a large graph", "",
                "`bench_grow.py`: three adds to a copy of the built graph, each a fresh process: a new "
                "paper (the first add may count the triples once), a second new paper, and the first "
                "papers of the real corpus with changed abstracts (replaced).", "",
                "| graph | add | papers added / replaced | wall s | peak RSS MiB | triples after | commit | load |",
                "| --- | --- | ---: | ---: | ---: | ---: | --- | ---: |"]
        for size, g in grows:
            for st in g["steps"]:
                out.append(f"| {size} | {st['step']} | {st.get('added')} / {st.get('replaced')} | {st['wall_s']} | "
                           f"{st['peak_rss_mib']} | {_f(st.get('triples'))} | {g.get('_commit')} | {g.get('_loadavg')} |")
        out.append("")
    cli = e.get("cli/bundled")
    if cli:
        out += ["## Cold CLI", ""]
        out.append(f"`kg {cli['command']}`: median {cli['median_s']} s wall, "
                   f"{cli.get('median_cpu_s', '?')} s CPU (user+sys), max {cli['max_s']} s "
                   f"(exit {cli['rc']}, {cli['lines']} lines)." if "median_s" in cli
                   else f"Not measured: {cli.get('skipped') or cli.get('error')}.")
        out.append("")
    srv = e.get("serve/bundled")
    if srv:
        out += ["## `kg serve` (loopback, bundled graph)", ""]
        if "rows" in srv:
            out += [f"Paths cycled: {', '.join(f'`{p}`' for p in srv['paths'])}; "
                    f"{srv['requests_per_client']} requests per client.", "",
                    "| clients | requests | errors | req/s | p50 ms | p95 ms |",
                    "| ---: | ---: | ---: | ---: | ---: | ---: |"]
            for r in srv["rows"]:
                out.append(f"| {r['clients']} | {r['requests']} | {r['errors']} | {r['req_per_s']} | "
                           f"{r['p50_ms']} | {r['p95_ms']} |")
        else:
            out.append(f"Not measured: {srv.get('skipped') or srv.get('error')}.")
        out.append("")
    html = e.get("html")
    if html:
        out += ["## `kg export html` (benchmarks/bench_html.py)", ""]
        text = html.get("markdown") or (html.get("output") if str(html.get("error", "")).endswith("exited 0") else None)
        if text:
            out += [text, ""]
        else:
            out += ["```", json.dumps({k: v for k, v in html.items() if not k.startswith("_")}, indent=1)[:3000],
                    "```", ""]
    out += ["## Targets", "", TARGETS]
    if plot_rows and _plot(plot_rows):
        out += ["![throughput and peak memory vs corpus size](scale.png)", ""]
    path = RESULTS / "RESULTS.md"
    RESULTS.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(out))
    return path


def _plot(rows: list[dict]) -> bool:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib missing: no plot (pip install -e '.[bench]')", file=sys.stderr)
        return False
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
    for w in sorted({r["workers"] for r in rows}):
        rs = sorted((r for r in rows if r["workers"] == w), key=lambda r: r["n"])
        xs = [r["n"] for r in rs]
        ax1.plot(xs, [r["per_s"] for r in rs], "o-", label=f"{w} worker(s)")
        ax2.plot(xs, [r["peak_rss_mib"] for r in rs], "o-", label=f"{w} worker(s)")
    for ax, title, ylabel in ((ax1, "kg build throughput", "abstracts / s"),
                              (ax2, "kg build peak RSS (process tree)", "MiB")):
        ax.set_xscale("log")
        ax.set_xlabel("papers (>20k: replicated texts)")
        ax.set_ylabel(ylabel)
        ax.set_title(title)
        ax.grid(True, alpha=0.3)
        ax.legend()
    fig.tight_layout()
    fig.savefig(RESULTS / "scale.png", dpi=110)
    plt.close(fig)
    return True


if __name__ == "__main__":
    write_report(json.loads((RESULTS / "results.json").read_text()))
