"""`kg query sparql`: query forms, output formats, bound parameters, errors, timeouts."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from query_fixtures import gold_graph_dir, paper_id_by_title

runner = CliRunner()
INJECTION = 'x" } UNION { ?s ?p ?o } #'


@pytest.fixture(scope="session")
def gg(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(gold_graph_dir(tmp_path_factory))


def run(*args: str, input: str | None = None):  # noqa: A002
    return runner.invoke(app, list(args), input=input)


def test_select_json_is_w3c_results(gg: str) -> None:
    r = run("query", "sparql", "SELECT ?id ?t WHERE { ?p a kg:Paper ; dcterms:identifier ?id ; "
            "dcterms:title ?t } ORDER BY ?id LIMIT 3", "-g", gg, "--format", "json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["head"]["vars"] == ["id", "t"]
    assert len(d["results"]["bindings"]) == 3
    assert d["results"]["bindings"][0]["id"]["type"] == "literal"


def test_select_csv_tsv_table(gg: str) -> None:
    q = "SELECT ?p WHERE { ?p a kg:Paper } ORDER BY ?p LIMIT 2"
    r = run("query", "sparql", q, "-g", gg, "--format", "csv")
    rows = list(csv.reader(io.StringIO(r.stdout)))
    assert rows[0] == ["p"] and rows[1][0].startswith("https://w3id.org/kg-papers/id/paper/")
    r = run("query", "sparql", q, "-g", gg, "--format", "tsv")
    assert r.stdout.splitlines()[0] == "?p" and r.stdout.splitlines()[1].startswith("<https://")
    r = run("query", "sparql", q, "-g", gg)
    assert r.exit_code == 0 and "kgid:paper/" in r.stdout


def test_ask_construct_describe(gg: str) -> None:
    r = run("query", "sparql", "ASK { ?p a kg:Paper }", "-g", gg, "--format", "json")
    assert json.loads(r.stdout) == {"head": {}, "boolean": True}
    r = run("query", "sparql", "CONSTRUCT { ?h skos:broader ?b } WHERE { ?h skos:broader ?b }", "-g", gg)
    assert r.exit_code == 0 and "skos:broader" in r.stdout and "@prefix" in r.stdout
    r = run("query", "sparql", "DESCRIBE <https://w3id.org/kg-papers/id/hardware/gpu>", "-g", gg,
            "--format", "ntriples")
    assert r.exit_code == 0 and "<https://w3id.org/kg-papers/id/hardware/gpu>" in r.stdout


def test_param_iri_prefixed_and_literal(gg: str) -> None:
    q = "SELECT ?h ?label WHERE { ?h skos:prefLabel ?label }"
    for value in ("kgid:hardware/gpu", "<https://w3id.org/kg-papers/id/hardware/gpu>"):
        r = run("query", "sparql", q, "-g", gg, "--param", f"h={value}", "--format", "csv")
        assert r.exit_code == 0, r.output
        assert r.stdout.splitlines()[1:] == ["https://w3id.org/kg-papers/id/hardware/gpu,GPU"]
    r = run("query", "sparql", q, "-g", gg, "--param", "label=GPU", "--format", "csv")
    assert r.stdout.splitlines()[1:] == ["https://w3id.org/kg-papers/id/hardware/gpu,GPU"]
    r = run("query", "sparql", q, "-g", gg, "--param", 'label="GPU"@en', "--format", "csv")
    assert r.exit_code == 0 and r.stdout.splitlines()[1:] == []  # a language-tagged literal differs


def test_injection_value_returns_no_rows_and_no_error(gg: str) -> None:
    q = "SELECT ?p ?t WHERE { ?p dcterms:title ?t }"
    r = run("query", "sparql", q, "-g", gg, "--param", f"t={INJECTION}", "--format", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["results"]["bindings"] == []
    r = run("papers", "--hardware", INJECTION, "-g", gg)
    assert r.exit_code == 1 and "unknown hardware" in r.output  # a name, not a query fragment


def test_param_must_be_projected(gg: str) -> None:
    r = run("query", "sparql", "SELECT ?p WHERE { ?p dcterms:title ?t }", "-g", gg, "--param", "t=x")
    assert r.exit_code == 2
    assert "SELECT clause" in r.output


def test_bad_param_syntax(gg: str) -> None:
    r = run("query", "sparql", "SELECT ?p WHERE { ?p ?q ?o }", "-g", gg, "--param", "p=<not an iri>")
    assert r.exit_code == 2 and "invalid RDF term" in r.output
    r = run("query", "sparql", "SELECT ?p WHERE { ?p ?q ?o }", "-g", gg, "--param", "no-equals")
    assert r.exit_code == 2


def test_syntax_error_shows_line_and_column(gg: str) -> None:
    r = run("query", "sparql", "SELECT ?p\nWHERE { ?p a kg:Paper", "-g", gg)
    assert r.exit_code == 2
    assert "line 2, column" in r.output


def test_empty_result_is_not_an_error(gg: str) -> None:
    r = run("query", "sparql", "SELECT ?p WHERE { ?p a kg:NoSuchClass }", "-g", gg, "--format", "csv")
    assert r.exit_code == 0 and r.stdout.strip() == "p"


def test_query_from_file_and_stdin(gg: str, tmp_path: Path) -> None:
    f = tmp_path / "q.rq"
    f.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?p a kg:Paper }")
    r = run("query", "sparql", str(f), "-g", gg, "--format", "csv")
    assert r.stdout.splitlines()[1] == "102"
    r = run("query", "sparql", "-", "-g", gg, "--format", "csv", input=f.read_text())
    assert r.stdout.splitlines()[1] == "102"
    r = run("query", "sparql", str(tmp_path / "missing.rq"), "-g", gg)
    assert r.exit_code == 1 and "no such query file" in r.output


def test_max_rows_truncates_with_warning(gg: str) -> None:
    r = run("query", "sparql", "SELECT ?p WHERE { ?p a kg:Paper }", "-g", gg, "--max-rows", "5",
            "--format", "csv")
    assert r.exit_code == 0 and len(r.stdout.splitlines()) == 6
    assert "row limit" in r.stderr


def test_missing_graph_is_a_clean_error(tmp_path: Path) -> None:
    r = run("query", "sparql", "ASK {}", "-g", str(tmp_path / "nope"))
    assert r.exit_code == 1 and "kg build" in r.output


def test_timeout_exits_2(gg: str) -> None:
    """A runaway cross product is cut off; in a subprocess, so its worker thread dies with it."""
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    p = subprocess.run([sys.executable, "-m", "kg", "query", "sparql", q, "-g", gg, "--timeout", "0.5"],
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 2
    assert "timed out" in p.stderr


def test_python_api_sparql(gg: str) -> None:
    import kg

    g = kg.open_graph(gg)
    pid = paper_id_by_title("StreamDiffusion")
    res = g.sparql("SELECT ?p ?id WHERE { ?p dcterms:identifier ?id }", {"id": pid})
    assert res.column("id") == [pid]
    assert res.records()[0]["p"].endswith(pid)
