"""Saved queries: the files, their headers, and each one's answer against the dev gold labels.

The expected rows come from tests/data/query_gold.json (a copy of the dev gold); the graph is
built from those labels (see query_fixtures), so these tests check the SPARQL and the
parameter handling, not the extractors.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.graph.iri import slug
from kg.query.saved import load_queries, parse_header
from query_fixtures import (chain, gold, gold_graph_dir, gold_id, gold_pairs,
                                 gold_papers_with_hardware, paper_id_by_title)

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]
REQUIRED = {"papers-by-hardware", "hardware-leaderboard", "techniques-on-hardware",
            "claims-on-hardware", "datasets-by-technique", "papers-introducing-datasets",
            "proposed-methods-with-code", "most-compared-baselines", "papers-by-task",
            "evidence-for"}


@pytest.fixture(scope="session")
def gg(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(gold_graph_dir(tmp_path_factory))


def run_json(gg: str, name: str, *params: str) -> list[dict]:
    args = ["query", "run", name, "-g", gg, "--format", "json"]
    for p in params:
        args += ["--param", p]
    r = runner.invoke(app, args)
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    return [{k: v["value"] for k, v in b.items()} for b in d["results"]["bindings"]]


# ---- the files --------------------------------------------------------------------------

def test_repo_and_package_copies_are_identical() -> None:
    repo = {f.name: f.read_bytes() for f in (ROOT / "queries").glob("*.rq")}
    pkg = {f.name: f.read_bytes() for f in (ROOT / "kg" / "data" / "queries").glob("*.rq")}
    assert repo, "no saved queries in queries/"
    assert repo == pkg, "queries/ and kg/data/queries/ differ: copy queries/*.rq to kg/data/queries/"


def test_every_required_query_exists_with_a_header() -> None:
    qs = load_queries()
    assert REQUIRED <= set(qs)
    for q in qs.values():
        assert q.title and q.title != q.name, f"{q.name}: no '# title:' line"
        for p in q.params:
            assert f"?{p.name}" in q.text.split("WHERE")[0], f"{q.name}: ?{p.name} not projected"


def test_header_syntax() -> None:
    q = parse_header("x", Path("x.rq"), "# title: T\n# description: D\n"
                     "# param: hardware (hardware, default: GPU) — hw name\n"
                     "# param: paper (paper, required) — id\n"
                     "# param: n (integer, optional) - n\nSELECT ?hardware ?paper ?n {}")
    assert q.title == "T" and q.description == "D"
    assert [(p.name, p.kind, p.default, p.required) for p in q.params] == [
        ("hardware", "hardware", "GPU", False), ("paper", "paper", None, True), ("n", "integer", None, False)]
    assert q.params[0].description == "hw name"


def test_list_one_line_each() -> None:
    r = runner.invoke(app, ["query", "list"])
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert len(lines) == len(load_queries())
    assert any(ln.startswith("papers-by-hardware") and "default: GPU" in ln for ln in lines)


def test_show_and_unknown_query(gg: str) -> None:
    r = runner.invoke(app, ["query", "show", "papers-by-hardware"])
    assert "skos:broader*" in r.stdout
    r = runner.invoke(app, ["query", "run", "papers-by-hardwar", "-g", gg])
    assert r.exit_code == 1 and "papers-by-hardware" in r.output


def test_unknown_and_missing_params(gg: str) -> None:
    r = runner.invoke(app, ["query", "run", "papers-by-hardware", "-g", gg, "--param", "hw=GPU"])
    assert r.exit_code == 2 and "unknown parameter" in r.output
    r = runner.invoke(app, ["query", "run", "evidence-for", "-g", gg])
    assert r.exit_code == 2 and "required" in r.output
    r = runner.invoke(app, ["query", "run", "papers-by-hardware", "-g", gg, "--param", "hardware=Nvidea RTX 4009"])
    assert r.exit_code == 1 and "Did you mean" in r.output


def test_extra_queries_dir(tmp_path: Path, gg: str) -> None:
    (tmp_path / "count-papers.rq").write_text("# title: How many papers\n"
                                              "SELECT (COUNT(*) AS ?n) WHERE { ?p a kg:Paper }\n")
    r = runner.invoke(app, ["query", "run", "count-papers", "-g", gg, "--queries-dir", str(tmp_path),
                            "--format", "csv"])
    assert r.exit_code == 0 and r.stdout.splitlines()[1] == "102"


# ---- answers against the gold -------------------------------------------------------------

def test_an_edited_query_file_is_read_again(tmp_path: Path) -> None:
    # parsed files are cached by their stat: an edit (new size, new mtime) must show at once
    f = tmp_path / "count-papers.rq"
    f.write_text("# title: How many papers\nSELECT (COUNT(*) AS ?n) WHERE { ?p a kg:Paper }\n")
    assert load_queries([tmp_path])["count-papers"].title == "How many papers"
    assert load_queries([tmp_path])["count-papers"] is load_queries([tmp_path])["count-papers"]
    f.write_text("# title: Number of papers in the graph\n"
                 "SELECT (COUNT(*) AS ?n) WHERE { ?p a kg:Paper }\n")
    q = load_queries([tmp_path])["count-papers"]
    assert q.title == "Number of papers in the graph" and "COUNT" in q.text


@pytest.mark.parametrize("hardware,target", [("GPU", "GPU"), ("rtx4090", "NVIDIA RTX 4090"),
                                             ("A100", "NVIDIA A100"), ("FPGA", "FPGA"),
                                             ("mobile device", "mobile device"),
                                             ("Hopper", "NVIDIA Hopper")])
def test_papers_by_hardware(gg: str, hardware: str, target: str) -> None:
    rows = run_json(gg, "papers-by-hardware", f"hardware={hardware}")
    assert {r["id"] for r in rows} == gold_papers_with_hardware(target)
    assert all(r["evidence"] and r["matched"] for r in rows)


def test_papers_by_hardware_default_is_gpu(gg: str) -> None:
    rows = run_json(gg, "papers-by-hardware")
    assert {r["id"] for r in rows} == gold_papers_with_hardware("GPU")


def test_hardware_leaderboard(gg: str) -> None:
    rows = {r["label"]: r for r in run_json(gg, "hardware-leaderboard")}
    for name in ("GPU", "FPGA", "NVIDIA RTX 4090", "mobile device"):
        assert int(rows[name]["papers"]) == len(gold_papers_with_hardware(name))
        direct = {gold_id(g) for g in gold() if any(h["name"] == name for h in g["hardware"])}
        assert int(rows[name]["direct"]) == len(direct)
    counts = [int(r["papers"]) for r in run_json(gg, "hardware-leaderboard")]
    assert counts == sorted(counts, reverse=True)


def test_techniques_on_hardware(gg: str) -> None:
    rows = run_json(gg, "techniques-on-hardware", "hardware=GPU")
    got = {slug(r["label"]): int(r["papers"]) for r in rows}
    on_gpu = gold_papers_with_hardware("GPU")
    want = Counter(t for g in gold() if gold_id(g) in on_gpu for t in {slug(x) for x in g["techniques"]})
    assert got == dict(want)


def test_claims_on_hardware(gg: str) -> None:
    rows = run_json(gg, "claims-on-hardware", "hardware=NVIDIA RTX 4090")
    want = {(gold_id(g), c["text"]) for g in gold() for c in g["claims"]
            if c["hardware"] == "NVIDIA RTX 4090"}
    assert {(r["id"], r["claim"]) for r in rows} == want
    rows = run_json(gg, "claims-on-hardware")  # default GPU: every claim on a GPU or a GPU product
    want = {(gold_id(g), c["text"]) for g in gold() for c in g["claims"] if c["hardware"]
            and (c["hardware"] == "GPU" or "GPU" in chain(c["hardware"]))}
    assert {(r["id"], r["claim"]) for r in rows} == want


def test_datasets_by_technique(gg: str) -> None:
    rows = run_json(gg, "datasets-by-technique")
    want: Counter[tuple[str, str]] = Counter()  # names that share a slug share a node
    for g in gold():
        for t in {slug(x) for x in g["techniques"]}:
            for d in {slug(d["name"]) for d in g["datasets"]}:
                want[(t, d)] += 1
    assert {(slug(r["tlabel"]), slug(r["label"])): int(r["papers"]) for r in rows} == dict(want)
    rows = run_json(gg, "datasets-by-technique", "technique=Diffusion Model")
    assert {slug(r["label"]) for r in rows} == {d for (t, d) in want if t == "diffusion-model"}


def test_papers_introducing_datasets(gg: str) -> None:
    rows = run_json(gg, "papers-introducing-datasets")
    assert {(r["id"], r["dataset"]) for r in rows} == gold_pairs("datasets", "introduced")


def test_proposed_methods_with_code(gg: str) -> None:
    rows = run_json(gg, "proposed-methods-with-code")
    want = {(gold_id(g), m["name"]) for g in gold() if g["urls"]
            for m in g["methods"] if m["role"] == "proposed"}
    assert {(r["id"], r["method"]) for r in rows} == want
    assert all(r["url"] for r in rows)


def test_most_compared_baselines(gg: str) -> None:
    rows = run_json(gg, "most-compared-baselines")
    want = Counter(slug(name) for _, name in gold_pairs("methods", "compared"))
    assert {slug(r["label"]): int(r["papers"]) for r in rows} == dict(want)


def test_papers_by_task(gg: str) -> None:
    rows = run_json(gg, "papers-by-task")
    assert {(r["id"], r["label"]) for r in rows} == gold_pairs("tasks")
    rows = run_json(gg, "papers-by-task", "task=Image Classification")
    assert {r["id"] for r in rows} == {p for p, t in gold_pairs("tasks") if t == "image classification"}


def test_evidence_for(gg: str) -> None:
    pid = paper_id_by_title("StreamDiffusion")
    rows = run_json(gg, "evidence-for", f"paper={pid}", "entity=hardware:RTX 4090")
    assert len(rows) == 1
    r = rows[0]
    assert r["role"] == "evaluated_on" and "4090" in r["evidence"] and r["extractor"] == "gold-hardware"
    every = run_json(gg, "evidence-for", "paper=StreamDiffusion: A Pipeline-level Solution for "
                     "Real-time Interactive Generation")
    assert len(every) > 1 and {x["type"] for x in every} >= {"hardware", "method"}


def test_python_api_saved_query(gg: str) -> None:
    import kg

    res = kg.open_graph(gg).query("papers-by-hardware", hardware="FPGA")
    assert set(res.column("id")) == gold_papers_with_hardware("FPGA")


# ---- on the graph the extractors build -------------------------------------------------

def test_every_saved_query_runs_on_the_bundled_graph(bundled_graph: Path) -> None:
    """Extraction changes, so only the shape is checked here: no errors, declared columns."""
    import kg
    from kg.errors import UnknownNameError

    g = kg.open_graph(str(bundled_graph))
    pid = g.resolver.papers()[0][1]
    for name, q in load_queries().items():
        params = {"paper": pid} if name == "evidence-for" else {}
        try:
            res = g.query(name, **params)
        except UnknownNameError as e:  # a default (GPU) the current extractors do not produce
            assert e.kind in ("hardware", "technique", "task"), e
            continue
        assert res.kind == "select"
        head = q.text.split("WHERE")[0]
        assert all(f"?{v}" in head for v in res.variables)
