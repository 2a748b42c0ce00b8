"""The root Typer app and the commands that build and describe a graph."""
from __future__ import annotations

import json
from collections.abc import Callable
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from kg.cli.common import err, fail_on_kgerror

app = typer.Typer(
    name="kg",
    help="Turn research-paper abstracts into a knowledge graph and ask it questions.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

SourcesArg = Annotated[Optional[list[str]], typer.Argument(
    help="Input files (- for standard input). Default: the bundled trending-papers corpus.")]
FromOpt = Annotated[Optional[str], typer.Option("--from", help="Input format; default: detected.")]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Exit non-zero on any bad record.")]


@app.callback()
def _root() -> None:
    """Turn research-paper abstracts into a knowledge graph and ask it questions."""


@app.command()
@fail_on_kgerror
def extract(
    sources: SourcesArg = None,
    fmt: FromOpt = None,
    output_format: Annotated[str, typer.Option("--format", help="jsonl or json")] = "jsonl",
    evidence: Annotated[bool, typer.Option(help="Include evidence fields.")] = True,
    workers: Annotated[Optional[int], typer.Option(help="Worker processes (default: all cores).")] = None,
    strict: StrictOpt = False,
) -> None:
    """Extract entities from papers and print one JSON object per paper.

    Example: kg extract papers.jsonl --format jsonl > pred.jsonl
    """
    from kg.pipeline import extract_records

    recs = extract_records(sources or [], fmt=fmt, strict=strict, workers=workers,
                           evidence=evidence, report=lambda s: err(f"skipped {s}"))
    if output_format == "jsonl":
        for r in recs:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif output_format == "json":
        json.dump(list(recs), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        raise typer.BadParameter("--format must be jsonl or json")


def main() -> None:
    app()


OutOpt = Annotated[str, typer.Option("--out", "-o", help="Output directory.")]
GraphOpt = Annotated[str, typer.Option("--graph", "-g", help="Graph directory built by `kg build`.")]
WorkersOpt = Annotated[Optional[int], typer.Option("--workers", "-w", min=1,
                                                   help="Worker processes (default: all cores).")]


def _write_graph(run: Callable[..., Any], verb: str, *args: Any, **kwargs: Any) -> None:
    """Runs a build or add with a progress bar and skip messages, then prints its summary."""
    from kg.cli.render import print_build_report, progress_bar

    with progress_bar("extracting") as tick:
        rep = run(*args, progress=tick, report=lambda s: err(f"skipped {s}"), **kwargs)
    print_build_report(rep, verb)


@app.command()
@fail_on_kgerror
def build(
    sources: SourcesArg = None,
    out: OutOpt = "output",
    fmt: FromOpt = None,
    strict: StrictOpt = False,
    workers: WorkersOpt = None,
    turtle: Annotated[bool, typer.Option(help="Also write kg.ttl.")] = True,
    html: Annotated[bool, typer.Option(help="Also write graph.html.")] = True,
) -> None:
    """Build the knowledge graph from papers (default: the bundled corpus).

    Example: kg build papers.jsonl --out output
    """
    from kg.pipeline import build as run_build

    _write_graph(run_build, "built", sources or [], out, fmt=fmt, strict=strict,
                 workers=workers, turtle=turtle, html=html)


@app.command()
@fail_on_kgerror
def add(
    sources: Annotated[list[str], typer.Argument(help="Input files to add (- for stdin).")],
    graph: GraphOpt = "output",
    fmt: FromOpt = None,
    strict: StrictOpt = False,
    workers: WorkersOpt = None,
    turtle: Annotated[bool, typer.Option(help="Also rewrite kg.ttl.")] = True,
    html: Annotated[bool, typer.Option(help="Also rewrite graph.html.")] = True,
) -> None:
    """Add papers to a built graph; unchanged papers are not re-extracted.

    Example: kg add new-papers.jsonl --graph output
    """
    from kg.pipeline import add as run_add

    _write_graph(run_add, "added", sources, graph, fmt=fmt, strict=strict, workers=workers,
                 turtle=turtle, html=html)


@app.command()
@fail_on_kgerror
def stats(
    graph: GraphOpt = "output",
    output_format: Annotated[str, typer.Option("--format", help="table or json")] = "table",
) -> None:
    """Counts of papers, entities by type, relations by type and triples.

    Example: kg stats --format json
    """
    from kg.pipeline import stats as run_stats

    st = run_stats(graph)
    if output_format == "json":
        typer.echo(json.dumps(st, indent=1))
    elif output_format == "table":
        from kg.cli.render import print_stats

        print_stats(st)
    else:
        raise typer.BadParameter("--format must be table or json")


@app.command()
@fail_on_kgerror
def export(
    fmt: Annotated[str, typer.Argument(
        help="turtle, n-triples, json-ld, rdf-xml, graphml, gexf, csv or html")],
    output: Annotated[str, typer.Option("--output", "-o", help="File to write.")],
    graph: GraphOpt = "output",
    focus: Annotated[Optional[str], typer.Option(help="html: draw the neighbourhood of this node.")] = None,
    depth: Annotated[int, typer.Option(min=1, help="html: hops around --focus.")] = 1,
    types: Annotated[Optional[str], typer.Option(help="html: node types to keep, comma-separated.")] = None,
    min_degree: Annotated[int, typer.Option(min=0, help="html: drop nodes with fewer links.")] = 0,
    query: Annotated[Optional[str], typer.Option(help="html: draw what a saved query returns.")] = None,
    sparql: Annotated[Optional[Path], typer.Option(help="html: draw what this SPARQL file returns.")] = None,
) -> None:
    """Write the graph in another format.

    Example: kg export graphml -o output/kg.graphml
    """
    from kg.export import export_graph

    html_opts = {"focus": focus, "depth": depth, "types": types, "min_degree": min_degree,
                 "query": query, "sparql": str(sparql) if sparql else None}
    if fmt != "html" and any(v for k, v in html_opts.items() if k != "depth"):
        raise typer.BadParameter("--focus/--types/--min-degree/--query/--sparql apply to html only")
    path = export_graph(graph, fmt, output, **(html_opts if fmt == "html" else {}))
    err(f"wrote {path}")


@app.command()
@fail_on_kgerror
def validate(graph: GraphOpt = "output") -> None:
    """Check the graph against the SHACL shapes shipped with kg; non-zero on any violation.

    Example: kg validate --graph output
    """
    from kg.graph.validate import validate_graph

    violations = validate_graph(graph)
    for v in violations:
        typer.echo(v)
    if violations:
        err(f"kg: {len(violations)} violation(s)")
        raise typer.Exit(1)
    typer.echo("graph conforms to kg/data/shapes.ttl")


@app.command("eval")
@fail_on_kgerror
def eval_cmd(
    gold: Annotated[Path, typer.Option("--gold", help="Gold labels (JSON list, see the guideline).")],
    sources: SourcesArg = None,
    pred: Annotated[Optional[Path], typer.Option(help="Score this JSONL prediction file instead of extracting.")] = None,
    fmt: FromOpt = None,
    output_format: Annotated[str, typer.Option("--format", help="table or json")] = "table",
) -> None:
    """Precision, recall and F1 per field, and role accuracy, against your own labels.

    Example: kg eval --gold my-labels.json papers.jsonl
    """
    from kg.pipeline import evaluate_against

    report = evaluate_against(str(gold), sources or [], fmt=fmt,
                              pred_path=str(pred) if pred else None)
    if output_format == "json":
        typer.echo(json.dumps(report.to_dict(), indent=1))
    else:
        from kg.cli.render import print_rows

        print_rows(report.to_table())


from kg.cli import query_cmds as _query_cmds  # noqa: E402

_query_cmds.register(app)
