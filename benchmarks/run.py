"""Runs every benchmark and writes benchmarks/results/RESULTS.md and scale.png.

    python benchmarks/run.py                      # sizes 1k,20k,100k
    python benchmarks/run.py --sizes 1k,20k,100k,1M
    python benchmarks/run.py --quick              # 1k only, few query runs: a smoke test
    python benchmarks/run.py --only report        # rewrite the report from results.json

Each benchmark runs in a fresh process (so peak memory is its own); what it prints is
merged into results/results.json under a key (benchmark, size, workers), so a later run of
one size (the long 1M run, say) adds to the earlier ones instead of replacing them. Every
entry records its commit, time and load average: this machine is shared.

Needs the ``bench`` extra (psutil, matplotlib) and ../shared/bench/arxiv_cs/corpus.jsonl;
without the corpus the corpus benchmarks are skipped with a message.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import BENCH, RESULTS, SHARED_CORPUS, WORK, git_commit, log, machine, size_n  # noqa: E402

RESULTS_JSON = RESULTS / "results.json"


def run_bench(script: str, *args: str, timeout: float = 6 * 3600) -> dict:
    cmd = [sys.executable, str(BENCH / script), *args]
    log(f"$ {' '.join(cmd[1:])}")
    t = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, timeout=timeout)
    lines = [ln for ln in p.stdout.splitlines() if ln.startswith("{")]
    if p.returncode == 0 and not lines:  # a script that prints its own Markdown table
        return {"markdown": p.stdout.strip()[-4000:]}
    if p.returncode or not lines:
        return {"error": f"{script} exited {p.returncode}", "output": p.stdout[-1000:]}
    res = json.loads(lines[-1])
    res["_took_s"] = round(time.perf_counter() - t, 1)
    return res


def load() -> dict:
    if RESULTS_JSON.is_file():
        return json.loads(RESULTS_JSON.read_text())
    return {"entries": {}}


def save(db: dict, key: str, res: dict) -> None:
    """Adds one entry to results.json, re-reading it under a lock: two runs may share it."""
    import fcntl

    res["_commit"] = git_commit()
    res["_when"] = time.strftime("%Y-%m-%d %H:%M")
    res["_loadavg"] = round(os.getloadavg()[0], 2)
    RESULTS.mkdir(parents=True, exist_ok=True)
    with open(RESULTS / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        db.update(load())
        db["entries"][key] = res
        db["machine"] = machine()
        tmp = RESULTS_JSON.with_suffix(".tmp")
        tmp.write_text(json.dumps(db, indent=1))
        os.replace(tmp, RESULTS_JSON)
    log(f"  -> {key}: " + json.dumps({k: v for k, v in res.items()
                                      if k not in ("rss_curve", "stats", "stderr", "queries")})[:400])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1k,20k,100k")
    ap.add_argument("--quick", action="store_true", help="1k only, few query runs")
    ap.add_argument("--workers", default="1,2", help="worker counts for distinct-text sizes")
    ap.add_argument("--only", default="", help="comma list among: extract,build,query,grow,add,cli,serve,html,report")
    a = ap.parse_args()
    sizes = ["1k"] if a.quick else [s.strip() for s in a.sizes.split(",") if s.strip()]
    only = set(filter(None, a.only.split(",")))
    want = lambda name: not only or name in only  # noqa: E731
    runs = "5" if a.quick else "30"
    db = load()
    if not SHARED_CORPUS.is_file():
        log(f"skipping the corpus benchmarks: {SHARED_CORPUS} not found")
        sizes = []
    WORK.mkdir(parents=True, exist_ok=True)
    for size in sizes:
        n = size_n(size)
        distinct = n <= 20_000
        if want("extract") and distinct:
            save(db, f"extract/{size}", run_bench("bench_extract.py", "--size", size,
                                                  "--sample", "500" if a.quick else "2000"))
        if want("build"):
            for w in ([int(x) for x in a.workers.split(",")] if distinct else [os.cpu_count() or 2]):
                save(db, f"build/{size}/w{w}", run_bench("bench_build.py", "--size", size,
                                                         "--workers", str(w)))
        if want("query"):
            g = max((e["graph"] for k, e in db["entries"].items()
                     if k.startswith(f"build/{size}/") and "graph" in e and Path(e["graph"]).is_dir()),
                    default=None)
            if g:
                save(db, f"query/{size}", run_bench("bench_query.py", "--graph", g, "--runs", runs))
        if want("grow") and n >= 100_000:  # kg add on a large graph (a copy of the build's)
            save(db, f"grow/{size}", run_bench("bench_grow.py", "--size", size))
    if want("add") and sizes:
        save(db, "add/1k", run_bench("bench_add.py", "--size", "1k"))
    if want("cli"):
        save(db, "cli/bundled", run_bench("bench_cli.py", "--runs", "3" if a.quick else "7"))
    if want("serve"):
        save(db, "serve/bundled", run_bench("bench_serve.py", *(["--requests", "5"] if a.quick else [])))
    if want("html") and (BENCH / "bench_html.py").is_file():
        save(db, "html", run_bench("bench_html.py"))
    from report import write_report

    write_report(db)


if __name__ == "__main__":
    main()
