"""Shared helpers for the benchmarks: machine facts, corpora, process-tree memory sampling.

Every benchmark is a script that prints one JSON object on stdout (and progress on stderr),
so ``run.py`` can run it in a fresh process and merge what it measured.
"""
from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
RESULTS = BENCH / "results"
WORK = Path(os.environ.get("KG_BENCH_WORK", BENCH / ".work"))
#: The 20,000 real arXiv abstracts (outside the repository; optional).
SHARED_CORPUS = ROOT.parent / "shared" / "bench" / "arxiv_cs" / "corpus.jsonl"
REAL_SIZE = 20_000

SIZES = {"1k": 1_000, "5k": 5_000, "20k": 20_000, "100k": 100_000, "1M": 1_000_000}


def log(*a: object) -> None:
    print(*a, file=sys.stderr, flush=True)


def size_n(label: str) -> int:
    if label in SIZES:
        return SIZES[label]
    s = label.lower()
    mult = 1_000_000 if s.endswith("m") else 1_000 if s.endswith("k") else 1
    return int(float(s.rstrip("km")) * mult)


def size_label(n: int) -> str:
    for k, v in SIZES.items():
        if v == n:
            return k
    return str(n)


def machine() -> dict[str, Any]:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = 0
    try:
        import psutil

        ram = psutil.virtual_memory().total
    except ImportError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {"cpu": cpu, "cores": cores, "ram_gib": round(ram / 2**30, 1),
            "python": platform.python_version(), "platform": platform.platform(),
            "commit": git_commit()}


def git_commit() -> str:
    try:
        sha = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, text=True,
                             capture_output=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               text=True, capture_output=True).stdout.strip()
        return sha + ("+dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


# --------------------------------------------------------------------------- corpora

def corpus(n: int) -> Path | None:
    """A JSONL corpus of ``n`` papers, made from the real one; None when ../shared is absent.

    Up to 20,000 papers are the first ``n`` real records. Above that, the real records are
    repeated with distinct ids and titles (``bench-r<k>-<id>``, `` [copy k]``): the texts
    repeat, so spaCy's caches make them faster than new text. Such corpora measure store
    size, memory and query latency, not extraction throughput.
    """
    if not SHARED_CORPUS.is_file():
        return None
    if n == REAL_SIZE:
        return SHARED_CORPUS
    WORK.mkdir(parents=True, exist_ok=True)
    target = WORK / f"corpus-{size_label(n)}.jsonl"
    if target.is_file() and target.stat().st_mtime >= SHARED_CORPUS.stat().st_mtime:
        return target
    tmp = target.with_suffix(".tmp")
    written = 0
    with open(tmp, "w", encoding="utf-8") as out:
        rep = 0
        while written < n:
            with open(SHARED_CORPUS, encoding="utf-8") as src:
                for line in src:
                    if written >= n:
                        break
                    if rep:
                        rec = json.loads(line)
                        rec["id"] = f"bench-r{rep}-{rec['id']}"
                        rec["title"] = f"{rec['title']} [copy {rep}]"
                        line = json.dumps(rec, ensure_ascii=False) + "\n"
                    out.write(line)
                    written += 1
            rep += 1
    os.replace(tmp, target)
    return target


def distinct_texts(n: int) -> int:
    return min(n, REAL_SIZE)


# --------------------------------------------------------------------------- measuring

class TreeMemory:
    """Samples the summed RSS of a process and all its descendants; keeps the peak."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        import psutil

        self.proc = psutil.Process(pid)
        self.interval = interval
        self.peak = 0
        self.samples: list[tuple[float, int]] = []
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)
        self._t0 = time.perf_counter()

    def __enter__(self) -> "TreeMemory":
        self._t.start()
        return self

    def __exit__(self, *a: object) -> None:
        self._stop.set()
        self._t.join()

    def sample(self) -> int:
        import psutil

        total = 0
        try:
            procs = [self.proc, *self.proc.children(recursive=True)]
        except psutil.Error:
            return 0
        for p in procs:
            try:
                total += p.memory_info().rss
            except psutil.Error:
                pass
        return total

    def _run(self) -> None:
        last = 0.0
        while not self._stop.is_set():
            rss = self.sample()
            self.peak = max(self.peak, rss)
            now = time.perf_counter() - self._t0
            if now - last >= 1.0:  # one sample a second kept for the growth curve
                self.samples.append((round(now, 1), rss))
                last = now
            self._stop.wait(self.interval)


def run_measured(cmd: list[str], *, cwd: Path | None = None, env: dict | None = None,
                 stdout_path: Path | None = None, timeout: float | None = None) -> dict[str, Any]:
    """Runs ``cmd``; wall time, exit code and the peak RSS of its whole process tree."""
    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
    err_path = (stdout_path or WORK / "last").with_suffix(".stderr")
    err_path.parent.mkdir(parents=True, exist_ok=True)
    import resource

    ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(err_path, "wb") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err)
        with TreeMemory(proc.pid) as mem:
            try:
                rc = proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                rc = proc.wait()
        wall = time.perf_counter() - t0
    ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (ru1.ru_utime + ru1.ru_stime) - (ru0.ru_utime + ru0.ru_stime)
    if stdout_path:
        out.close()  # type: ignore[union-attr]
    tail = err_path.read_text(errors="replace")[-2000:]
    # cpu_s: user+sys of the whole tree (workers are waited for, so they count): cpu_s / wall_s
    # is the number of cores the run actually got on this shared machine.
    return {"rc": rc, "wall_s": round(wall, 3), "cpu_s": round(cpu, 1), "peak_rss_mib": round(mem.peak / 2**20, 1),
            "rss_curve": [(t, round(r / 2**20)) for t, r in mem.samples], "stderr_tail": tail}


def dir_size(path: Path) -> int:
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            try:
                total += os.lstat(os.path.join(root, f)).st_size
            except OSError:
                pass
    return total


def live_store(graph_dir: Path) -> Path | None:
    ptr = graph_dir / "CURRENT"
    if not ptr.is_file():
        return None
    d = graph_dir / ptr.read_text().strip()
    return d if d.is_dir() else None


def kg_cmd() -> list[str]:
    exe = shutil.which("kg", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "kg"]


def emit(result: dict[str, Any]) -> None:
    print(json.dumps(result))


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    v = sorted(values)
    k = (len(v) - 1) * q
    lo = int(k)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)
