"""Cold start of `kg papers --hardware ...` on the bundled graph (subprocess wall time).

    python benchmarks/bench_cli.py [--runs 7]

Builds the bundled corpus once (``kg build`` with no input) into .work/graph-bundled, picks
the hardware product most papers name, then times whole CLI invocations: interpreter start,
imports, opening the store, the query and printing.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import WORK, emit, kg_cmd, live_store, log  # noqa: E402


def has_command(*args: str) -> bool:
    return subprocess.run([*kg_cmd(), *args, "--help"], capture_output=True).returncode == 0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    a = ap.parse_args()
    if not has_command("papers"):
        emit({"skipped": "`kg papers` does not exist yet"})
        return
    out = WORK / "graph-bundled"
    if live_store(out) is None:
        log("building the bundled graph")
        subprocess.run([*kg_cmd(), "build", "--out", str(out), "--no-html", "--no-turtle"],
                       check=True, capture_output=True)
    from bench_query import top_hardware
    from kg.graph.store import open_store

    hw = top_hardware(open_store(out))
    del sys.modules["kg.graph.store"]
    if hw is None:
        emit({"skipped": "no hardware in the bundled graph"})
        return
    cmd = [*kg_cmd(), "papers", "--hardware", hw[1], "--graph", str(out)]
    ts, cpu, rc, lines = [], [], 0, 0
    for _ in range(a.runs + 1):
        c0 = os.times()
        t = time.perf_counter()
        p = subprocess.run(cmd, capture_output=True, text=True)
        ts.append(time.perf_counter() - t)
        c1 = os.times()
        cpu.append(c1.children_user + c1.children_system - c0.children_user - c0.children_system)
        rc |= p.returncode
        lines = len(p.stdout.splitlines())
    ts, cpu = ts[1:], cpu[1:]  # the first run warms the page cache
    emit({"command": " ".join(cmd[len(kg_cmd()):]), "product": hw[1], "rc": rc,
          "lines": lines, "median_s": round(statistics.median(ts), 3), "max_s": round(max(ts), 3),
          "median_cpu_s": round(statistics.median(cpu), 3)})


if __name__ == "__main__":
    main()
