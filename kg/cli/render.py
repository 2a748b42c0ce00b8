"""Terminal rendering (rich): tables, the build summary, a progress bar.

Everything here writes to the terminal only; a progress bar is shown only when stderr is a
terminal, so pipes and CI logs stay clean.
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any


def _console(stderr: bool = False) -> Any:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int], None]]:
    if not sys.stderr.isatty():
        yield lambda n: None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} papers"),
                  TimeElapsedColumn(), console=_console(stderr=True), transient=True) as prog:
        task = prog.add_task(label, total=None)
        yield lambda n: prog.update(task, completed=n)


def print_rows(rows: Sequence[Sequence[Any]], title: str | None = None) -> None:
    """First row is the header. Cells are printed as plain text (no rich markup)."""
    from rich.table import Table
    from rich.text import Text

    if not rows:
        return
    t = Table(title=title, show_lines=False)
    for h in rows[0]:
        t.add_column(Text(str(h)))
    for r in rows[1:]:
        t.add_row(*[Text("" if c is None else str(c)) for c in r])
    _console().print(t)


def print_stats(st: dict[str, Any]) -> None:
    rows: list[list[Any]] = [["what", "count"], ["papers", st["papers"]], ["authors", st.get("authors", 0)]]
    rows += [[f"entities: {k}", v] for k, v in st["entities"].items()]
    rows += [[f"links: {k}", v] for k, v in st["relations"].items()]
    rows += [["claims", st["claims"]], ["triples", st["triples"]]]
    print_rows(rows)


def print_build_report(rep: Any, verb: str) -> None:
    st = rep.stats
    ents = ", ".join(f"{k} {v}" for k, v in st.get("entities", {}).items())
    out = sys.stdout
    out.write(f"{verb}: {rep.papers_read} papers read, {rep.papers_added} added, "
              f"{rep.papers_replaced} replaced, {rep.papers_unchanged} unchanged, "
              f"{len(rep.skipped)} skipped\n")
    for s in rep.skipped[:20]:
        out.write(f"  skipped {s}\n")
    if len(rep.skipped) > 20:
        out.write(f"  ... and {len(rep.skipped) - 20} more skipped\n")
    out.write(f"graph: {st.get('papers', 0)} papers; entities: {ents}; claims {st.get('claims', 0)}; "
              f"{st.get('triples', 0)} triples\n")
    out.write(f"wrote: {', '.join(rep.outputs) or '(store only)'}\n")
    out.write(f"seconds: {rep.seconds:.1f}\n")
