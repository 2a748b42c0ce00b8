"""`kg build` end to end in a fresh process: wall time, abstracts/s, peak RSS of the tree.

    python benchmarks/bench_build.py --size 20k --workers 2

Prints one JSON object. The graph is left in benchmarks/.work/graph-<size>-w<N> for the
query benchmarks. Turtle and HTML outputs are off (``--no-turtle --no-html``): they are
separate exports, and graph.html is refused above a few thousand nodes anyway.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (WORK, corpus, dir_size, distinct_texts, emit, kg_cmd, live_store, log,  # noqa: E402
                    run_measured, size_n)


def graph_dir(size: str, workers: int) -> Path:
    return WORK / f"graph-{size}-w{workers}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", default="1k")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=4 * 3600)
    a = ap.parse_args()
    n = size_n(a.size)
    src = corpus(n)
    if src is None:
        emit({"skipped": "../shared/bench/arxiv_cs/corpus.jsonl not found"})
        return
    out = graph_dir(a.size, a.workers)
    shutil.rmtree(out, ignore_errors=True)
    cmd = [*kg_cmd(), "build", str(src), "--out", str(out), "--from", "jsonl",
           "--workers", str(a.workers), "--no-turtle", "--no-html"]
    log("running:", " ".join(cmd))
    env = dict(os.environ, PYTHONHASHSEED="0")
    r = run_measured(cmd, env=env, stdout_path=WORK / f"build-{a.size}-w{a.workers}.out",
                     timeout=a.timeout)
    if r["rc"] != 0:
        emit({"size": a.size, "workers": a.workers, "error": f"exit {r['rc']}",
              "stderr": r["stderr_tail"]})
        return
    manifest = json.loads((out / "manifest.json").read_text())
    papers = manifest.get("papers_read") or n
    store = live_store(out)
    emit({
        "size": a.size, "n": n, "workers": a.workers, "distinct_texts": distinct_texts(n),
        "wall_s": r["wall_s"], "inproc_s": manifest.get("seconds"), "cpu_s": r["cpu_s"],
        "cores_used": round(r["cpu_s"] / r["wall_s"], 2),
        "papers": papers, "per_s": round(papers / r["wall_s"], 1),
        "peak_rss_mib": r["peak_rss_mib"],
        "store_mib": round(dir_size(store) / 2**20, 1) if store else None,
        "triples": manifest.get("stats", {}).get("triples"),
        "stats": manifest.get("stats"),
        "rss_curve": r["rss_curve"],
        "graph": str(out),
    })


if __name__ == "__main__":
    main()
