"""The CLI end to end (Typer's CliRunner) plus one real subprocess."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()
DATA = Path(__file__).parent / "data"


def test_help_in_a_real_subprocess() -> None:
    out = subprocess.run([sys.executable, "-m", "kg", "--help"], capture_output=True, text=True,
                         check=True)
    for cmd in ("build", "add", "stats", "export", "validate", "extract", "eval"):
        assert cmd in out.stdout


def test_build_then_stats_json(tmp_path: Path) -> None:
    out = tmp_path / "o"
    r = runner.invoke(app, ["build", "--out", str(out), "--workers", "1", "--no-html"])
    assert r.exit_code == 0, r.output
    assert "203 papers read" in r.stdout
    r = runner.invoke(app, ["stats", "--graph", str(out), "--format", "json"])
    assert r.exit_code == 0
    st = json.loads(r.stdout)
    assert st["papers"] == 203
    assert set(st["entities"]) >= {"hardware", "dataset", "method", "technique", "task"}
    r = runner.invoke(app, ["stats", "--graph", str(out)])
    assert r.exit_code == 0 and "papers" in r.stdout
    r = runner.invoke(app, ["validate", "--graph", str(out)])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["export", "n-triples", "-o", str(tmp_path / "g.nt"), "--graph", str(out)])
    assert r.exit_code == 0 and (tmp_path / "g.nt").stat().st_size > 0


def test_missing_graph_is_a_clear_error(tmp_path: Path) -> None:
    r = runner.invoke(app, ["stats", "--graph", str(tmp_path / "nothing")])
    assert r.exit_code == 1
    assert "kg build" in r.stderr


def test_missing_source_names_the_file_and_keeps_the_old_graph(tmp_path: Path) -> None:
    out = tmp_path / "o"
    r = runner.invoke(app, ["build", str(DATA / "extra-papers.txt"), "--out", str(out),
                            "--workers", "1", "--no-html"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["build", str(tmp_path / "nope.jsonl"), "--out", str(out)])
    assert r.exit_code == 1
    assert "nope.jsonl" in r.stderr
    r = runner.invoke(app, ["stats", "--graph", str(out), "--format", "json"])
    assert json.loads(r.stdout)["papers"] == 2


def test_unrecognised_file_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "x.bin"
    bad.write_bytes(b"\x00\x01garbage")
    r = runner.invoke(app, ["extract", str(bad)])
    assert r.exit_code == 1
    assert "x.bin" in r.stderr


def test_extract_jsonl_has_guideline_keys() -> None:
    r = runner.invoke(app, ["extract", str(DATA / "extra-papers.txt"), "--workers", "1"])
    assert r.exit_code == 0, r.output
    recs = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(recs) == 2
    for rec in recs:
        assert {"id", "title", "hardware", "datasets", "methods", "techniques", "tasks",
                "claims", "urls"} <= set(rec)


def test_unknown_export_format(tmp_path: Path, bundled_graph: Path) -> None:
    r = runner.invoke(app, ["export", "pdf", "-o", str(tmp_path / "x"), "--graph", str(bundled_graph)])
    assert r.exit_code == 1 and "turtle" in r.stderr


def test_eval_with_own_labels(tmp_path: Path) -> None:
    gold = [{"title": "FastConv: Efficient Convolutions for Edge Devices",
             "hardware": [{"name": "FPGA", "role": "targets"}], "datasets": [], "methods": [],
             "techniques": [], "claims": [], "urls": []}]
    g = tmp_path / "gold.json"
    g.write_text(json.dumps(gold))
    r = runner.invoke(app, ["eval", "--gold", str(g), str(DATA / "extra-papers.txt"),
                            "--format", "json"])
    assert r.exit_code == 0, r.output
    assert "hardware" in json.loads(r.stdout)["fields"]
