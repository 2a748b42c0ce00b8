"""`kg add` on a large built graph: what growing it by a few papers costs.

    python benchmarks/bench_grow.py --size 100k [--changed 200] [--verify]

Copies the graph `bench_build.py` left in benchmarks/.work/graph-<size>-w<N> (or --graph DIR),
so that graph stays as it was, then times three adds on the copy, each a fresh `kg add`
process: a new paper (the first add after a build made before the manifest named its
store counts the triples once), a second new paper (the steady state), and the first
``--changed`` records of the real corpus with their abstracts cut to the first sentence
(papers replaced: their old versions, and what only those named, removed). ``--verify``
then checks that the manifest's triple count equals a full count of the store (slow at 1M).
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SHARED_CORPUS, WORK, emit, kg_cmd, log, run_measured  # noqa: E402


def _new_paper(path: Path, n: int) -> None:
    rec = {"id": f"bench-grow-new-{n}", "title": f"GrowBench {n}: fast inference on the RTX 4090",
           "abstract": f"We present GrowBench {n}, which runs {n + 2}x faster on an NVIDIA RTX 4090 "
                       "than vLLM, evaluated on ImageNet and COCO."}
    path.write_text(json.dumps(rec) + "\n", encoding="utf-8")


def _changed(path: Path, n: int) -> int:
    with open(SHARED_CORPUS, encoding="utf-8") as src, open(path, "w", encoding="utf-8") as out:
        for line in islice(src, n):
            rec = json.loads(line)
            rec["abstract"] = rec["abstract"].split(". ")[0] + ". We evaluate it on Cityscapes."
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", default="100k")
    ap.add_argument("--graph", help="a built graph to copy (default: the benchmark's own)")
    ap.add_argument("--changed", type=int, default=200)
    ap.add_argument("--verify", action="store_true")
    a = ap.parse_args()
    src = Path(a.graph) if a.graph else next(
        (WORK / f"graph-{a.size}-w{w}" for w in (2, 1) if (WORK / f"graph-{a.size}-w{w}").is_dir()), None)
    if src is None or not (src / "CURRENT").is_file():
        emit({"skipped": f"no built graph for {a.size}: run bench_build.py --size {a.size} first"})
        return
    if not SHARED_CORPUS.is_file():
        emit({"skipped": f"{SHARED_CORPUS} not found"})
        return
    work = WORK / f"grow-{a.size}"
    shutil.rmtree(work, ignore_errors=True)
    log(f"copying {src} ...")
    shutil.copytree(src, work)
    common = ["--from", "jsonl", "--workers", "1", "--no-turtle", "--no-html"]
    result: dict = {"size": a.size, "graph": str(src)}
    try:
        steps = []
        for name, make in (("new_first", lambda p: _new_paper(p, 1)),
                           ("new_second", lambda p: _new_paper(p, 2)),
                           ("changed", lambda p: _changed(p, a.changed))):
            papers = WORK / f"grow-{a.size}-{name}.jsonl"
            make(papers)
            r = run_measured([*kg_cmd(), "add", str(papers), "--graph", str(work), *common],
                             stdout_path=WORK / f"grow-{a.size}-{name}.out")
            if r["rc"]:
                emit({**result, "error": f"{name}: exit {r['rc']}", "stderr": r["stderr_tail"]})
                return
            m = json.loads((work / "manifest.json").read_text())
            steps.append({"step": name, "wall_s": r["wall_s"], "cpu_s": r["cpu_s"],
                          "peak_rss_mib": r["peak_rss_mib"], "inproc_s": m.get("seconds"),
                          "added": m.get("papers_added"), "replaced": m.get("papers_replaced"),
                          "papers": m.get("stats", {}).get("papers"),
                          "triples": m.get("stats", {}).get("triples")})
        result["steps"] = steps
        if a.verify:
            from kg.graph.store import open_store

            result["triples_counted"] = len(open_store(work))
            result["triples_match"] = result["triples_counted"] == steps[-1]["triples"]
        emit(result)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
