"""`kg graph ...` NetworkX analytics on the gold graph."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from query_fixtures import gold, gold_graph_dir, gold_id, gold_papers_with_hardware, paper_id_by_title

runner = CliRunner()


@pytest.fixture(scope="session")
def gg(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(gold_graph_dir(tmp_path_factory))


def js(*args: str) -> list[dict]:
    r = runner.invoke(app, ["graph", *args, "--format", "json"])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def test_neighbors(gg: str) -> None:
    rows = js("neighbors", "RTX 4090", "-g", gg)
    papers = {r["iri"].rsplit("/", 1)[-1] for r in rows if r["kind"] == "Paper"}
    assert papers == gold_papers_with_hardware("NVIDIA RTX 4090")
    assert any(r["label"] == "NVIDIA Ada" and r["via"] == "broader" for r in rows)
    deeper = js("neighbors", "RTX 4090", "--depth", "2", "-g", gg)
    assert len(deeper) > len(rows) and max(r["depth"] for r in deeper) == 2


def test_neighbors_of_a_paper_by_title(gg: str) -> None:
    rows = js("neighbors", "StreamDiffusion: A Pipeline-level Solution for Real-time Interactive Generation", "-g", gg)
    labels = {r["label"] for r in rows}
    assert {"NVIDIA RTX 4090", "NVIDIA RTX 3060"} <= labels


def test_path(gg: str) -> None:
    rows = js("path", "RTX 4090", "FPGA", "-g", gg)
    assert rows[0]["label"] == "NVIDIA RTX 4090" and rows[-1]["label"] == "FPGA"
    assert [r["step"] for r in rows] == list(range(len(rows)))


def test_unknown_node_suggests(gg: str) -> None:
    r = runner.invoke(app, ["graph", "neighbors", "RTX 4009", "-g", gg])
    assert r.exit_code == 1 and "Did you mean" in r.output


@pytest.mark.parametrize("by", ["degree", "pagerank", "betweenness"])
def test_top(gg: str, by: str) -> None:
    rows = js("top", "--type", "hardware", "--by", by, "-k", "5", "-g", gg)
    assert len(rows) == 5 and rows[0]["label"] == "GPU"
    scores = [r[by] for r in rows]
    assert scores == sorted(scores, reverse=True)


def test_top_bad_measure(gg: str) -> None:
    r = runner.invoke(app, ["graph", "top", "--by", "closeness", "-g", gg])
    assert r.exit_code == 2


def test_cooccur_csv_counts(gg: str) -> None:
    r = runner.invoke(app, ["graph", "cooccur", "--rows", "hardware", "--cols", "technique",
                            "-g", gg, "--format", "csv"])
    assert r.exit_code == 0, r.output
    table = list(csv.reader(io.StringIO(r.stdout)))
    cols = table[0][1:]
    gpu = next(row for row in table[1:] if row[0] == "GPU")
    want = sum(1 for g in gold() if any(h["name"] == "GPU" for h in g["hardware"])
               and "transformer" in g["techniques"])
    assert int(gpu[1 + cols.index("transformer")]) == want


def test_cooccur_plot(gg: str, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    out = tmp_path / "heat.png"
    r = runner.invoke(app, ["graph", "cooccur", "--limit", "8", "--plot", str(out), "-g", gg])
    assert r.exit_code == 0, r.output
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_cooccur_plot_without_matplotlib(gg: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "matplotlib", None)
    r = runner.invoke(app, ["graph", "cooccur", "--plot", str(tmp_path / "x.png"), "-g", gg])
    assert r.exit_code == 1 and "matplotlib" in r.output


def test_similar(gg: str) -> None:
    pid = paper_id_by_title("StreamDiffusion")
    rows = js("similar", pid, "--k", "5", "-g", gg)
    assert 0 < len(rows) <= 5
    assert all(0 < r["score"] <= 1 for r in rows)
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    assert pid not in {r["iri"].rsplit("/", 1)[-1] for r in rows}


def test_communities_are_deterministic(gg: str) -> None:
    a = js("communities", "-g", gg)
    b = js("communities", "-g", gg)
    assert a == b and len(a) > 1
    assert sum(len(c["papers"]) for c in a) == len(gold())
    assert a[0]["size"] >= a[-1]["size"]


def test_python_api(gg: str) -> None:
    import kg

    g = kg.open_graph(gg)
    assert g.top("hardware", "degree", 1)[0][1] == "GPU"
    rl, cl, m = g.cooccur("hardware", "technique")
    assert len(m) == len(rl) and all(len(row) == len(cl) for row in m)
    assert {n.label for n in g.neighbors("hardware:FPGA")} >= {g["title"] for g in gold()
                                                               if gold_id(g) in gold_papers_with_hardware("FPGA")
                                                               and any(h["name"] == "FPGA" for h in g["hardware"])}
