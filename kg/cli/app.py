"""The root Typer app and the commands that build and describe a graph."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

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
