"""`kg serve` under load: throughput and latency with 8, 32 and 50 concurrent clients.

    python benchmarks/bench_serve.py [--requests 20] [--clients 8,32,50]

Starts ``kg serve`` on a free loopback port over the bundled graph, waits until it answers,
then for each client count starts that many threads, each sending ``--requests`` requests
one after another (a bounded total, loopback only). Every response must be HTTP 200.
Requests cycle through a few paths (a saved query, papers by hardware, the home page) as
found in ``kg serve --help``; ``--path`` overrides them.
"""
from __future__ import annotations

import argparse
import http.client
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_cli import has_command  # noqa: E402
from common import ROOT, WORK, emit, kg_cmd, live_store, log, percentile  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(port: int, timeout: float = 30) -> bool:
    end = time.time() + timeout
    while time.time() < end:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", "/sparql")
            c.getresponse().read()
            return True
        except OSError:
            time.sleep(0.2)
    return False


def default_paths(hw_iri: str | None) -> list[str]:
    """SPARQL Protocol GETs: papers by one hardware product, and a saved leaderboard query."""
    from kg.graph.namespaces import sparql_prefixes

    queries = []
    if hw_iri:
        queries.append(sparql_prefixes() + f"""SELECT DISTINCT ?paper ?title WHERE {{
          ?e skos:broader* <{hw_iri}> . ?paper kg:hasHardware ?e ; dcterms:title ?title }}""")
    lb = ROOT / "queries" / "hardware-leaderboard.rq"
    if lb.is_file():
        queries.append(lb.read_text(encoding="utf-8"))
    queries.append(sparql_prefixes() + "SELECT (COUNT(*) AS ?n) WHERE { ?p a kg:Paper }")
    return [f"/sparql?query={quote(q)}" for q in queries]


def load(port: int, clients: int, requests: int, paths: list[str]) -> dict:
    lat: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(clients)

    def client(i: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        start.wait()
        for k in range(requests):
            path = paths[(i + k) % len(paths)]
            t = time.perf_counter()
            try:
                conn.request("GET", path)
                r = conn.getresponse()
                r.read()
                ok = r.status == 200
                if r.will_close:
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            except OSError as e:
                ok = False
                r = None
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                with lock:
                    errors.append(f"{path}: {type(e).__name__}: {e}")
            dt = (time.perf_counter() - t) * 1000
            with lock:
                lat.append(dt)
                if not ok and r is not None:
                    errors.append(f"{path}: HTTP {r.status}")
        conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    t = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - t
    return {"clients": clients, "requests": len(lat), "errors": len(errors),
            "first_errors": errors[:3], "req_per_s": round(len(lat) / wall, 1),
            "p50_ms": round(percentile(lat, 0.5), 1), "p95_ms": round(percentile(lat, 0.95), 1)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=20)
    ap.add_argument("--clients", default="8,32,50")
    ap.add_argument("--path", action="append", help="request path (repeatable)")
    ap.add_argument("--graph", default=str(WORK / "graph-bundled"))
    a = ap.parse_args()
    if not has_command("serve"):
        emit({"skipped": "`kg serve` does not exist yet"})
        return
    graph = Path(a.graph)
    if live_store(graph) is None:
        subprocess.run([*kg_cmd(), "build", "--out", str(graph), "--no-html", "--no-turtle"],
                       check=True, capture_output=True)
    from bench_query import top_hardware
    from kg.graph.store import open_store

    hw = top_hardware(open_store(graph))
    paths = a.path or default_paths(hw[0] if hw else None)
    port = free_port()
    cmd = [*kg_cmd(), "serve", "--graph", str(graph), "--host", "127.0.0.1", "--port", str(port)]
    log("starting:", " ".join(cmd))
    errlog = open(WORK / "serve.stderr", "wb")
    srv = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=errlog)
    try:
        if not wait_up(port):
            emit({"error": "kg serve did not answer within 30 s",
                  "stderr": (WORK / "serve.stderr").read_text(errors="replace")[-1000:]})
            return
        load(port, 4, 3, paths)  # warm-up
        rows = [load(port, int(c), a.requests, paths) for c in a.clients.split(",")]
        for r in rows:
            log(r)
        emit({"paths": [p[:60] + "..." for p in paths], "requests_per_client": a.requests,
              "rows": rows})
    finally:
        srv.terminate()
        try:
            srv.wait(10)
        except subprocess.TimeoutExpired:
            srv.kill()
        errlog.close()


if __name__ == "__main__":
    main()
