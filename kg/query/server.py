"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint at ``/sparql``.

Why the standard library's ``ThreadingHTTPServer``: no new dependency, and the work per
request is done in pyoxigraph, which releases the GIL while it evaluates, so threads do run
queries in parallel. One read-only store is shared by all threads.

Protocol: ``GET /sparql?query=...``, ``POST`` with ``application/x-www-form-urlencoded``
(``query=...``) or ``application/sparql-query`` (the query as the body). Results are chosen
by the ``Accept`` header (or a ``format=`` parameter, as SPARQLWrapper and YASGUI send):
SPARQL JSON (default), XML, CSV, TSV for SELECT/ASK; Turtle (default), N-Triples, RDF/XML for
CONSTRUCT/DESCRIBE. Updates (``update=`` or ``application/sparql-update``) get 403 and the
store is opened read-only anyway, so nothing can change it.

Limits: at most ``max_concurrent`` queries evaluate at once (others wait up to the timeout,
then get 503); a query gets ``timeout`` seconds (then 503 with a message; pyoxigraph cannot
cancel a running evaluation, so its slot stays taken until it really ends - a runaway query
costs one slot, not the server); results are cut at ``max_rows`` (header
``X-KG-Truncated: true``). Binds to 127.0.0.1 unless told otherwise.

Speed: queries run on ``max_concurrent`` long-lived worker threads; answers of up to
``cache_max_rows`` rows are kept per (store version, query text) in a small LRU cache, so a
repeated query skips evaluation and encoding, and identical queries arriving together are
evaluated once (a ``kg build``/``kg add`` switches the store version, which empties the cache
in effect). Each response is one buffered write with TCP_NODELAY (no 40 ms Nagle stall on
kept-alive connections).
"""
from __future__ import annotations

import logging
import queue
import threading
import time
import urllib.parse
from collections import OrderedDict
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from kg.errors import KGError, QueryError
from kg.query.backend import LocalBackend
from kg.query.results import MIME, QueryResult, serialise

log = logging.getLogger("kg.serve")

_RESULT_ACCEPT = [("application/sparql-results+json", "json"), ("application/json", "json"),
                  ("application/sparql-results+xml", "xml"), ("application/xml", "xml"),
                  ("text/xml", "xml"), ("text/csv", "csv"), ("text/tab-separated-values", "tsv")]
_GRAPH_ACCEPT = [("text/turtle", "turtle"), ("application/x-turtle", "turtle"),
                 ("application/n-triples", "ntriples"), ("text/plain", "ntriples"),
                 ("application/rdf+xml", "rdfxml")]
_FORMAT_PARAM = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "turtle": "turtle",
                 "ttl": "turtle", "nt": "ntriples", "ntriples": "ntriples", "n-triples": "ntriples",
                 "rdfxml": "rdfxml", "rdf": "rdfxml"}
MAX_BODY = 1 << 20  # 1 MiB of query text is plenty


@dataclass
class ServerConfig:
    graph_dir: str
    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = 30.0
    max_rows: int = 10_000
    max_concurrent: int = 8
    #: Answers kept per (store version, query text): the store is read-only between builds,
    #: so a repeated query (a dashboard, a client polling) is answered without evaluating.
    #: Only results of at most ``cache_max_rows`` rows are kept; 0 turns the cache off.
    cache_size: int = 256
    cache_max_rows: int = 2_000


def negotiate(accept: str, graph: bool) -> str | None:
    """The serialisation for an Accept header (quality values honoured), or None (406)."""
    table = _GRAPH_ACCEPT if graph else _RESULT_ACCEPT
    default = "turtle" if graph else "json"
    if not accept.strip():
        return default
    prefs: list[tuple[float, int, str]] = []
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        mime, q = fields[0].lower(), 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            prefs.append((-q, i, mime))
    for _, _, mime in sorted(prefs):
        if mime in ("*/*", "application/*", "text/*"):
            return default
        for m, fmt in table:
            if m == mime:
                return fmt
    return None


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # 50+ clients connecting at once must not be refused

    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self.backend = LocalBackend(config.graph_dir)
        self.slots = threading.BoundedSemaphore(config.max_concurrent)
        self._jobs: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._workers: list[threading.Thread] = []
        self._pool_lock = threading.Lock()
        self._cache: OrderedDict[tuple[str, str], QueryResult] = OrderedDict()
        self._cache_lock = threading.Lock()
        self._inflight: dict[tuple[str, str], threading.Event] = {}
        super().__init__((config.host, config.port), _Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/sparql"

    def run_query(self, query: str) -> QueryResult:
        """Evaluates within the slot limit and the timeout (see the module docstring).

        The evaluation runs on one of ``max_concurrent`` long-lived worker threads (a thread
        per query cost ~0.3 ms of a ~2 ms request); a slot is held from submission until the
        evaluation really ends, so a runaway query still costs exactly one worker.
        """
        cfg = self.config
        t0 = time.monotonic()
        if cfg.cache_size <= 0:
            return self._evaluate(query, t0)
        key = (self.backend.version(), query)
        with self._cache_lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
                return hit
            # the same query already being evaluated: wait for it instead of queueing a
            # second evaluation (50 clients asking at once otherwise fill every slot)
            flight = self._inflight.get(key)
            leader = flight is None
            if leader:
                flight = self._inflight[key] = threading.Event()
        if not leader:
            assert flight is not None
            flight.wait(max(cfg.timeout - (time.monotonic() - t0), 0.001))
            with self._cache_lock:
                hit = self._cache.get(key)
            return hit if hit is not None else self._evaluate(query, t0)
        try:
            result = self._evaluate(query, t0)
            if (not result.truncated and len(result.rows) + len(result.triples)
                    <= cfg.cache_max_rows and key[0] == self.backend.version()):
                result.__dict__["_kg_bodies"] = {}  # see serialised()
                with self._cache_lock:
                    self._cache[key] = result
                    while len(self._cache) > cfg.cache_size:
                        self._cache.popitem(last=False)
            return result
        finally:
            with self._cache_lock:
                self._inflight.pop(key, None)
            assert flight is not None
            flight.set()

    def serialised(self, result: QueryResult, fmt: str) -> bytes:
        """``serialise(result, fmt)``, kept on a cached result so a hit skips the encoding."""
        bodies = result.__dict__.get("_kg_bodies")
        if bodies is not None and fmt in bodies:
            return bodies[fmt]
        body = serialise(result, fmt)
        if bodies is not None:
            bodies[fmt] = body
        return body

    def _evaluate(self, query: str, t0: float) -> QueryResult:
        cfg = self.config
        if not self.slots.acquire(timeout=cfg.timeout):
            raise _Busy("server busy: every query slot is taken; try again")
        box: dict[str, Any] = {}
        done = threading.Event()

        def work() -> None:
            try:
                box["r"] = self.backend.run(query, deadline=t0 + cfg.timeout,
                                            max_rows=cfg.max_rows)
            except BaseException as e:  # noqa: BLE001 - handed to the request thread
                box["e"] = e
            finally:
                self.slots.release()
                done.set()

        self._submit(work)
        if not done.wait(max(cfg.timeout - (time.monotonic() - t0), 0.001)):
            raise _Timeout(f"query timed out after {cfg.timeout:g} s")
        if "e" in box:
            raise box["e"]
        return box["r"]

    def _submit(self, job: Any) -> None:
        """Hands ``job`` to the worker pool (daemon threads, started on first use)."""
        with self._pool_lock:
            if not self._workers:
                for i in range(self.config.max_concurrent):
                    th = threading.Thread(target=self._worker, name=f"kg-serve-query-{i}",
                                          daemon=True)
                    th.start()
                    self._workers.append(th)
        self._jobs.put(job)

    def _worker(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            job()

    def server_close(self) -> None:
        super().server_close()
        for _ in self._workers:
            self._jobs.put(None)


class _Busy(Exception):
    pass


class _Timeout(Exception):
    pass


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "kg-sparql/0.1"
    protocol_version = "HTTP/1.1"
    # One write per response, sent at once: with the default unbuffered socket file the
    # headers and the body went out as two small writes, and on a kept-alive connection
    # Nagle's algorithm held the second until the client's delayed ACK (~40 ms per request).
    wbufsize = -1  # buffered; handle_one_request() flushes after each request
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        log.info("%s %s", self.address_string(), format % args)

    # -- helpers
    def _send(self, status: int, body: bytes, ctype: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Vary", "Accept")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, msg: str) -> None:
        self._send(status, (msg.rstrip() + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    def do_OPTIONS(self) -> None:  # CORS preflight for browser SPARQL clients
        self.send_response(HTTPStatus.NO_CONTENT)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path in ("/", ""):
            self._send(200, (f"kg SPARQL endpoint (read-only): {self.server.url}\n"
                             "GET /sparql?query=... or POST a query.\n").encode(),
                       "text/plain; charset=utf-8")
            return
        if url.path != "/sparql":
            self._error(404, "not found: the endpoint is /sparql")
            return
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        self._handle(params, None)

    do_HEAD = do_GET

    def do_POST(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path != "/sparql":
            self._error(404, "not found: the endpoint is /sparql")
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > MAX_BODY:
            self._error(413 if length > MAX_BODY else 400, "bad or too large request body")
            self.close_connection = True
            return
        body = self.rfile.read(length)
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if ctype == "application/sparql-update":
            self._error(403, "read-only endpoint: updates are not accepted")
            return
        if ctype == "application/x-www-form-urlencoded":
            for k, v in urllib.parse.parse_qs(body.decode("utf-8", "replace"),
                                              keep_blank_values=True).items():
                params.setdefault(k, []).extend(v)
            self._handle(params, None)
        elif ctype == "application/sparql-query":
            self._handle(params, body.decode("utf-8", "replace"))
        else:
            self._error(415, "POST a query as application/sparql-query or form-encoded query=")

    def _handle(self, params: dict[str, list[str]], body_query: str | None) -> None:
        if "update" in params:
            self._error(403, "read-only endpoint: updates are not accepted")
            return
        queries = params.get("query", [])
        query = body_query if body_query is not None else (queries[0] if len(queries) == 1 else None)
        if body_query is None and len(queries) != 1:
            self._error(400, "exactly one query= parameter is required")
            return
        assert query is not None
        try:
            result = self.server.run_query(query)
        except QueryError as e:
            self._error(503 if str(e) == "query timed out" else 400, str(e))
            return
        except (_Timeout, _Busy) as e:
            self._error(503, str(e))
            return
        except KGError as e:
            self._error(500, str(e))
            return
        graph = result.kind == "graph"
        fmt_param = (params.get("format") or params.get("output") or [""])[0].lower()
        fmt = _FORMAT_PARAM.get(fmt_param) if fmt_param else None
        if fmt is not None and (fmt in ("turtle", "ntriples", "rdfxml")) != graph:
            fmt = None
        if fmt is None:
            fmt = negotiate(self.headers.get("Accept", ""), graph)
        if fmt is None:
            self._error(406, "cannot produce the requested media type; results: "
                        + ", ".join(m for m, _ in (_GRAPH_ACCEPT if graph else _RESULT_ACCEPT)))
            return
        body = self.server.serialised(result, fmt)
        ctype = MIME[fmt] + ("; charset=utf-8" if fmt in ("json", "csv", "tsv", "turtle", "xml") else "")
        extra = {"X-KG-Truncated": "true"} if result.truncated else {}
        self._send(200, body, ctype, extra)


def make_server(config: ServerConfig) -> SparqlServer:
    """A bound server (not yet serving): call ``serve_forever()``; ``port=0`` picks a free port."""
    return SparqlServer(config)
