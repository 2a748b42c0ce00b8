"""Commands that ask the graph questions: ``kg query``, ``kg graph``, ``kg papers``,
``kg serve`` and ``kg push``. Thin: parse options, call :mod:`kg.query` / :mod:`kg.remote`,
print. Untrusted text (titles, sentences, labels) is printed as plain text or rich ``Text``,
never interpreted as markup.
"""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from kg.cli.common import err, fail_on_kgerror

if TYPE_CHECKING:
    from kg.query.api import GraphHandle
    from kg.query.results import QueryResult

query_app = typer.Typer(help="Run SPARQL and saved queries over the graph.", no_args_is_help=True,
                        add_completion=False, pretty_exceptions_enable=False)
graph_app = typer.Typer(help="Graph analytics (NetworkX): neighbours, paths, centrality, "
                        "co-occurrence, similar papers, communities.", no_args_is_help=True,
                        add_completion=False, pretty_exceptions_enable=False)

GraphOpt = Annotated[str, typer.Option("--graph", "-g", help="Graph directory built by `kg build`.")]
EndpointOpt = Annotated[Optional[str], typer.Option(
    "--endpoint", help="Query this SPARQL endpoint URL instead of the local graph.")]
ParamOpt = Annotated[Optional[list[str]], typer.Option(
    "--param", "-p", help="NAME=VALUE binds ?NAME. VALUE: <iri>, prefix:local (kgid:hardware/gpu), "
    '"literal"[@lang|^^type], or plain text (a string literal). Repeatable.')]
TimeoutOpt = Annotated[Optional[float], typer.Option("--timeout", min=0.001, help="Give up after SECONDS.")]
QueriesDirOpt = Annotated[Optional[list[Path]], typer.Option(
    "--queries-dir", help="Extra folder of .rq files (wins on a name clash).")]


def _open(graph: str, endpoint: str | None, timeout: float | None = None) -> "GraphHandle":
    from kg.query.api import GraphHandle

    return GraphHandle.open(graph, endpoint=endpoint, timeout=timeout)


def _rows(rows: list[list[Any]]) -> None:
    from kg.cli.render import print_rows

    print_rows(rows)


def _emit(result: "QueryResult", fmt: str) -> None:
    """Writes a result to stdout in ``fmt``; graphs are always Turtle or N-Triples."""
    from kg.query.results import serialise, table_rows

    if result.kind == "graph":
        out = serialise(result, "ntriples" if fmt == "ntriples" else "turtle")
        sys.stdout.write(out.decode("utf-8"))
    elif fmt == "table":
        rows = table_rows(result)
        _rows(rows)
        if result.kind == "select":
            err(f"{len(rows) - 1} row(s)")
    elif fmt in ("json", "csv", "tsv", "xml"):
        out = serialise(result, fmt)
        sys.stdout.write(out.decode("utf-8"))
        if fmt == "json":
            sys.stdout.write("\n")
    else:
        raise typer.BadParameter("--format must be table, json, csv, tsv, xml (or turtle/ntriples)")
    if result.truncated:
        err("kg: warning: result cut at the row limit (--max-rows)")
    sys.stdout.flush()


def _read_query(query: str) -> str:
    """QUERY is ``-`` (stdin), a file name, or the query text itself."""
    if query == "-":
        return sys.stdin.read()
    if "\n" not in query and len(query) < 1024:
        p = Path(query)
        if p.is_file():
            return p.read_text(encoding="utf-8")
        if p.suffix in (".rq", ".sparql"):
            from kg.errors import InputError

            raise InputError(f"{query}: no such query file")
    return query


def _params(specs: list[str] | None) -> dict[str, Any]:
    from kg.query.results import parse_param

    return dict(parse_param(s) for s in specs or [])


def _raw_params(specs: list[str] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for s in specs or []:
        name, sep, value = s.partition("=")
        if not sep:
            raise typer.BadParameter(f"--param {s!r}: expected NAME=VALUE")
        out[name.strip().lstrip("?")] = value
    return out


def _show_sparql(sparql: str, bindings: dict[str, Any]) -> None:
    err(sparql.rstrip())
    for k, v in bindings.items():
        err(f"# bound ?{k} = {v}")


# ---- kg query ------------------------------------------------------------------------------

@query_app.command("sparql")
@fail_on_kgerror
def sparql_cmd(
    query: Annotated[str, typer.Argument(help="SPARQL text, a .rq file, or - for stdin.")],
    graph: GraphOpt = "output",
    endpoint: EndpointOpt = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="table, json, csv, tsv or xml "
                                               "(CONSTRUCT/DESCRIBE: turtle or ntriples).")] = "table",
    param: ParamOpt = None,
    timeout: TimeoutOpt = None,
    max_rows: Annotated[Optional[int], typer.Option(min=1, help="Cut the result at N rows.")] = None,
) -> None:
    """Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE); the project's prefixes
    (kg:, kgid:, skos:, dcterms:, ...) need no PREFIX lines.

    Example: kg query sparql 'SELECT ?t WHERE { ?p kg:hasHardware ?h ; dcterms:title ?t }' --format csv
    """
    text = _read_query(query)
    g = _open(graph, endpoint, timeout)
    _emit(g.sparql(text, _params(param), timeout=timeout, max_rows=max_rows), output_format)


@query_app.command("list")
@fail_on_kgerror
def list_cmd(queries_dir: QueriesDirOpt = None) -> None:
    """List the saved queries, one a line: name, what it answers, parameters.

    Example: kg query list
    """
    from kg.query.saved import load_queries

    for name, q in load_queries(queries_dir or []).items():
        sys.stdout.write(f"{name:<28} {q.summary()}\n")


@query_app.command("show")
@fail_on_kgerror
def show_cmd(name: Annotated[str, typer.Argument(help="Saved query name.")],
             queries_dir: QueriesDirOpt = None) -> None:
    """Print a saved query's text (header included).

    Example: kg query show papers-by-hardware
    """
    from kg.query.saved import get_query

    sys.stdout.write(get_query(name, queries_dir or []).text)


@query_app.command("run")
@fail_on_kgerror
def run_cmd(
    name: Annotated[str, typer.Argument(help="Saved query name (see `kg query list`).")],
    param: Annotated[Optional[list[str]], typer.Option(
        "--param", "-p", help="NAME=VALUE for a declared parameter; names resolve like "
        "`kg papers` (aliases, hierarchy). Repeatable.")] = None,
    graph: GraphOpt = "output",
    endpoint: EndpointOpt = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="table, json, csv, tsv or xml.")] = "table",
    timeout: TimeoutOpt = None,
    show_sparql: Annotated[bool, typer.Option("--show-sparql", help="Print the query and bindings to stderr.")] = False,
    queries_dir: QueriesDirOpt = None,
) -> None:
    """Run a saved query.

    Example: kg query run papers-by-hardware --param hardware=A100
    """
    from kg.query.saved import run_saved

    g = _open(graph, endpoint, timeout)
    q, bindings, res = run_saved(g.backend, g.resolver, name, _raw_params(param),
                                 extra_dirs=queries_dir or [], timeout=timeout)
    if show_sparql:
        _show_sparql(q.text, bindings)
    _emit(res, output_format)


# ---- kg papers -----------------------------------------------------------------------------

def papers_cmd(
    hardware: Annotated[Optional[str], typer.Option(help="Hardware: product, alias, generation, vendor or class (GPU).")] = None,
    dataset: Annotated[Optional[str], typer.Option(help="Dataset name or alias.")] = None,
    method: Annotated[Optional[str], typer.Option(help="Method name or alias.")] = None,
    technique: Annotated[Optional[str], typer.Option(help="Technique name.")] = None,
    task: Annotated[Optional[str], typer.Option(help="Task phrase.")] = None,
    role: Annotated[Optional[str], typer.Option(help="Only links with this role (evaluated_on, used, proposed, ...).")] = None,
    graph: GraphOpt = "output",
    endpoint: EndpointOpt = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")] = "table",
    limit: Annotated[int, typer.Option(min=0, help="Show at most N papers, in id order (0: all).")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="Skip the first N papers (with --limit, pages).")] = 0,
    show_sparql: Annotated[bool, typer.Option("--show-sparql", help="Print the query it ran (stderr).")] = False,
    timeout: TimeoutOpt = None,
) -> None:
    """Papers by hardware, dataset, method, technique, task and role (filters combine).

    Names are matched as you write them: case, spacing, aliases (rtx4090, 4090, H100 80GB,
    Hopper) and the hierarchy (--hardware GPU finds every GPU; --hardware NVIDIA every
    NVIDIA product).

    Only the first 50 papers are read in full unless --limit says otherwise; the count on
    stderr is of all that match.

    Example: kg papers --hardware "RTX 4090" --format json --limit 0
    """
    if output_format not in ("table", "json", "csv"):
        raise typer.BadParameter("--format must be table, json or csv")
    g = _open(graph, endpoint, timeout)
    res = g.find_papers(hardware=hardware, dataset=dataset, method=method, technique=technique,
                        task=task, role=role, limit=limit or None, offset=offset,
                        timeout=timeout)
    if show_sparql:
        for text, bindings in res.queries:
            _show_sparql(text, bindings)
    for typ, t in res.targets.items():
        err(f"{typ}: {t.label}" + (" (vendor)" if t.vendor else ""))
    from kg.query.papers import records_to_rows

    if output_format == "json":
        json.dump([r.to_dict() for r in res.records], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    elif output_format == "csv":
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerows(records_to_rows(res.records))
    else:
        rows = records_to_rows(res.records)
        for row in rows[1:]:  # a table is for reading: long sentences are cut (json/csv keep them)
            if len(row[4]) > 160:
                row[4] = row[4][:159] + "…"
        _rows(rows)
    shown = len(res.records)
    if shown < res.total:
        first = offset + 1 if shown else offset
        err(f"papers {first}-{offset + shown} of {res.total} (--limit 0 for all, --offset to page)")
    elif output_format == "table":
        err(f"{res.total} paper(s)")


# ---- kg graph ------------------------------------------------------------------------------

FormatTJ = Annotated[str, typer.Option("--format", "-f", help="table or json.")]


def _out(rows: list[list[Any]], fmt: str) -> None:
    if fmt == "json":
        head = rows[0]
        json.dump([dict(zip(head, r)) for r in rows[1:]], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    elif fmt == "csv":
        csv.writer(sys.stdout, lineterminator="\n").writerows(rows)
    elif fmt == "table":
        _rows(rows)
    else:
        raise typer.BadParameter("--format must be table, json or csv")


@graph_app.command("neighbors")
@fail_on_kgerror
def neighbors_cmd(
    node: Annotated[str, typer.Argument(help="A name (type:name to pick a type), paper id or title.")],
    depth: Annotated[int, typer.Option(min=1, help="Hops.")] = 1,
    graph: GraphOpt = "output",
    output_format: FormatTJ = "table",
) -> None:
    """Nodes within DEPTH hops of NODE (papers and entities).

    Example: kg graph neighbors "RTX 4090" --depth 2
    """
    g = _open(graph, None)
    ns = g.neighbors(node, depth)
    _out([["depth", "kind", "label", "via", "iri"]]
         + [[n.depth, n.kind, n.label, n.via, n.node] for n in ns], output_format)


@graph_app.command("path")
@fail_on_kgerror
def path_cmd(a: Annotated[str, typer.Argument(help="From (name, paper id or title).")],
             b: Annotated[str, typer.Argument(help="To.")],
             graph: GraphOpt = "output", output_format: FormatTJ = "table") -> None:
    """The shortest path between two nodes.

    Example: kg graph path "RTX 4090" "diffusion model"
    """
    g = _open(graph, None)
    steps = g.path(a, b)
    _out([["step", "kind", "label", "via", "iri"]]
         + [[i, kind, label, role, n] for i, (n, label, kind, role) in enumerate(steps)], output_format)


@graph_app.command("top")
@fail_on_kgerror
def top_cmd(
    type_: Annotated[str, typer.Option("--type", "-t", help="hardware, dataset, method, technique, task or paper.")] = "hardware",
    by: Annotated[str, typer.Option(help="degree, pagerank or betweenness.")] = "degree",
    k: Annotated[int, typer.Option("--k", "-k", min=1, help="How many.")] = 10,
    graph: GraphOpt = "output",
    output_format: FormatTJ = "table",
) -> None:
    """The most central nodes of one type.

    Example: kg graph top --type hardware --by pagerank
    """
    g = _open(graph, None)
    rows = g.top(type_, by, k)
    _out([["rank", "label", by, "iri"]]
         + [[i, label, round(s, 6), n] for i, (n, label, s) in enumerate(rows, 1)], output_format)


@graph_app.command("cooccur")
@fail_on_kgerror
def cooccur_cmd(
    rows: Annotated[str, typer.Option(help="Row entity type.")] = "hardware",
    cols: Annotated[str, typer.Option(help="Column entity type.")] = "technique",
    min_count: Annotated[int, typer.Option(min=1, help="Drop pairs seen in fewer papers.")] = 1,
    limit: Annotated[Optional[int], typer.Option(min=1, help="Keep the N largest rows/columns.")] = None,
    plot: Annotated[Optional[Path], typer.Option(help="Write a heatmap PNG here (needs matplotlib).")] = None,
    graph: GraphOpt = "output",
    output_format: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
) -> None:
    """How many papers name both a ROWS entity and a COLS entity.

    Example: kg graph cooccur --rows hardware --cols technique --plot heat.png
    """
    g = _open(graph, None)
    rl, cl, m = g.cooccur(rows, cols, min_count, limit)
    if plot is not None:
        from kg.query.algos import plot_heatmap

        plot_heatmap(rl, cl, m, str(plot), title=f"papers: {rows} x {cols}")
        err(f"wrote {plot}")
        return
    _out([[rows, *cl]] + [[r, *row] for r, row in zip(rl, m)], output_format)


@graph_app.command("similar")
@fail_on_kgerror
def similar_cmd(
    paper: Annotated[str, typer.Argument(help="Paper id, IRI or title.")],
    k: Annotated[int, typer.Option("--k", "-k", min=1, help="How many.")] = 10,
    graph: GraphOpt = "output",
    output_format: FormatTJ = "table",
) -> None:
    """Papers that share the most (rare) entities with PAPER (IDF-weighted Jaccard).

    Example: kg graph similar "StreamDiffusion" --k 5
    """
    g = _open(graph, None)
    res = g.similar(paper, k)
    _out([["score", "title", "shared", "iri"]]
         + [[s, title, ", ".join(shared), p] for p, title, s, shared in res], output_format)


@graph_app.command("communities")
@fail_on_kgerror
def communities_cmd(
    seed: Annotated[int, typer.Option(help="Random seed (same seed, same answer).")] = 42,
    resolution: Annotated[float, typer.Option(help="Louvain resolution: higher, smaller communities.")] = 1.0,
    graph: GraphOpt = "output",
    output_format: FormatTJ = "table",
) -> None:
    """Louvain communities of papers and entities, largest first.

    Example: kg graph communities --format json
    """
    g = _open(graph, None)
    cs = g.communities(seed, resolution)
    if output_format == "json":
        json.dump([{k: v for k, v in c.items() if k != "nodes"} for c in cs], sys.stdout,
                  ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return
    _out([["id", "size", "papers", "top entities"]]
         + [[c["id"], c["size"], len(c["papers"]), ", ".join(c["entities"][:6])] for c in cs],
         output_format)


# ---- kg serve / kg push --------------------------------------------------------------------

def serve_cmd(
    graph: GraphOpt = "output",
    host: Annotated[str, typer.Option(help="Interface to bind; loopback unless you mean otherwise.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port (0 picks a free one).")] = 7878,
    timeout: Annotated[float, typer.Option(min=0.001, help="Seconds per query.")] = 30.0,
    max_rows: Annotated[int, typer.Option(min=1, help="Result-size cap (rows or triples).")] = 10_000,
    max_concurrent: Annotated[int, typer.Option(min=1, help="Queries evaluated at once.")] = 8,
) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint at /sparql.

    Example: kg serve --graph output --port 7878
    """
    import logging

    from kg.query.server import ServerConfig, make_server

    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    if host not in ("127.0.0.1", "localhost", "::1"):
        err(f"kg: warning: serving on {host}: reachable from other machines (read-only)")
    srv = make_server(ServerConfig(graph, host, port, timeout, max_rows, max_concurrent))
    err(f"SPARQL endpoint: {srv.url}  (Ctrl-C to stop)")
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        srv.server_close()


def push_cmd(
    endpoint: Annotated[str, typer.Option("--endpoint", help="Graph Store URL (or server URL: "
                                          "/store?default is added), or the update URL with --protocol update.")],
    graph: GraphOpt = "output",
    protocol: Annotated[str, typer.Option(help="gsp (Graph Store HTTP Protocol) or update (SPARQL Update).")] = "gsp",
    append: Annotated[bool, typer.Option("--append", help="Add to what the store holds instead of replacing it.")] = False,
    named_graph: Annotated[Optional[str], typer.Option(help="Write into this named graph instead of the default graph.")] = None,
    timeout: Annotated[float, typer.Option(min=1, help="Seconds per request.")] = 300.0,
    changes: Annotated[bool, typer.Option("--changes", help="Send only what kg add changed since the "
                                          "last whole push to this endpoint (needs --protocol update).")] = False,
) -> None:
    """Upload the graph to a SPARQL 1.1 store (Oxigraph, Fuseki, GraphDB, Virtuoso, QLever).

    Credentials come from KG_ENDPOINT_USER/KG_ENDPOINT_PASSWORD or KG_ENDPOINT_TOKEN.

    Example: kg push --endpoint http://localhost:7878/store --graph output
    """
    from kg.remote import push

    rep = push(graph, endpoint, protocol=protocol, replace=not append, named_graph=named_graph,
               timeout=timeout, changes=changes)
    sys.stdout.write(f"pushed {rep.triples} triples to {rep.url} ({rep.protocol}, "
                     f"{rep.requests} request(s))\n")


def register(app: typer.Typer) -> None:
    """Adds these commands to the root app (called at the end of kg/cli/app.py)."""
    app.add_typer(query_app, name="query")
    app.add_typer(graph_app, name="graph")
    app.command("papers")(fail_on_kgerror(papers_cmd))
    app.command("serve")(fail_on_kgerror(serve_cmd))
    app.command("push")(fail_on_kgerror(push_cmd))
