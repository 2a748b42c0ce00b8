"""`kg papers` and GraphHandle.papers: name resolution, filters, formats, start-up cost."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from query_fixtures import gold, gold_graph_dir, gold_id, gold_pairs, gold_papers_with_hardware

runner = CliRunner()
FIVE = {"RTX 4090": "NVIDIA RTX 4090", "A100": "NVIDIA A100", "FPGA": "FPGA", "GPU": "GPU",
        "mobile device": "mobile device"}


@pytest.fixture(scope="session")
def gg(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(gold_graph_dir(tmp_path_factory))


def ids(gg: str, *args: str) -> set[str]:
    r = runner.invoke(app, ["papers", "-g", gg, "--format", "json", "--limit", "0", *args])
    assert r.exit_code == 0, r.output
    return {d["id"] for d in json.loads(r.stdout)}


@pytest.mark.parametrize("name,target", sorted(FIVE.items()))
def test_five_hardware_names_find_the_labelled_papers(gg: str, name: str, target: str) -> None:
    assert ids(gg, "--hardware", name) == gold_papers_with_hardware(target)


@pytest.mark.parametrize("spelling", ["rtx4090", "RTX-4090", "4090", "nvidia rtx 4090",
                                      "GeForce RTX 4090", "NVIDIA RTX 4090 GPU"])
def test_aliases_resolve(gg: str, spelling: str) -> None:
    assert ids(gg, "--hardware", spelling) == gold_papers_with_hardware("NVIDIA RTX 4090")


def test_memory_size_generation_and_vendor(gg: str) -> None:
    assert ids(gg, "--hardware", "H100 80GB") == gold_papers_with_hardware("NVIDIA H100")
    assert ids(gg, "--hardware", "Hopper") == gold_papers_with_hardware("NVIDIA Hopper")
    nvidia = {gold_id(g) for g in gold() for h in g["hardware"] if h["name"].startswith("NVIDIA")}
    assert ids(gg, "--hardware", "NVIDIA") == nvidia


def test_hierarchy_gpu_includes_products(gg: str) -> None:
    gpu = ids(gg, "--hardware", "GPU")
    assert ids(gg, "--hardware", "RTX 4090") <= gpu
    assert ids(gg, "--hardware", "A100") <= gpu


def test_misspelled_name_suggests(gg: str) -> None:
    r = runner.invoke(app, ["papers", "-g", gg, "--hardware", "RTX 4009"])
    assert r.exit_code == 1
    assert "Did you mean" in r.output and "NVIDIA RTX 4090" in r.output.split("Did you mean")[1].split(",")[0]
    r = runner.invoke(app, ["papers", "-g", gg, "--dataset", "Imagenett"])
    assert r.exit_code == 1 and "unknown dataset" in r.output


def test_known_but_absent_hardware_is_empty_not_error(gg: str) -> None:
    r = runner.invoke(app, ["papers", "-g", gg, "--hardware", "TPU v5e", "--format", "json"])
    assert r.exit_code in (0, 1)  # registry name without papers: empty; unknown: suggestions
    if r.exit_code == 0:
        assert json.loads(r.stdout) == []


def test_json_records_have_the_promised_fields(gg: str) -> None:
    r = runner.invoke(app, ["papers", "-g", gg, "--hardware", "rtx4090", "--format", "json"])
    recs = json.loads(r.stdout)
    assert recs
    for rec in recs:
        assert {"id", "title", "entity", "role", "evidence", "matches"} <= set(rec)
        assert rec["entity"] == "NVIDIA RTX 4090" and rec["role"] == "evaluated_on"
        assert "4090" in rec["evidence"]
        assert rec["matches"][0]["extractor"] == "gold-hardware"


def test_csv_and_table(gg: str) -> None:
    r = runner.invoke(app, ["papers", "-g", gg, "--hardware", "FPGA", "--format", "csv"])
    rows = list(csv.reader(io.StringIO(r.stdout)))
    assert rows[0] == ["id", "title", "entity", "role", "evidence"]
    assert {row[0] for row in rows[1:]} == gold_papers_with_hardware("FPGA")
    r = runner.invoke(app, ["papers", "-g", gg, "--hardware", "FPGA"])
    assert r.exit_code == 0 and "paper(s)" in r.stderr


def test_other_filters_and_combination(gg: str) -> None:
    introduced = {p for p, _ in gold_pairs("datasets", "introduced")}
    assert ids(gg, "--role", "introduced") == introduced
    sam = {p for p, d in gold_pairs("datasets") if d == "SAM-FB"}
    assert ids(gg, "--dataset", "sam fb") == sam
    diff = {p for p, t in gold_pairs("techniques") if t == "diffusion model"}
    assert ids(gg, "--technique", "Diffusion Models") == diff
    both = gold_papers_with_hardware("GPU") & diff
    assert ids(gg, "--hardware", "GPU", "--technique", "diffusion model") == both
    ev = {gold_id(g) for g in gold() for h in g["hardware"]
          if h["role"] == "evaluated_on" and (h["name"] == "GPU" or "GPU" in __import__(
              "query_fixtures").chain(h["name"]))}
    assert ids(gg, "--hardware", "GPU", "--role", "evaluated_on") == ev
    task = {p for p, t in gold_pairs("tasks") if t == "image classification"}
    assert ids(gg, "--task", "image classification") == task
    method = {p for p, m in gold_pairs("methods") if m == "MADD"}
    assert ids(gg, "--method", "madd") == method


@pytest.mark.parametrize("filters", [{"hardware": "GPU"},
                                     {"hardware": "NVIDIA", "role": "evaluated_on"},
                                     {"hardware": "GPU", "technique": "diffusion model"},
                                     {"role": "introduced"}])
def test_pages_are_slices_of_the_whole_list(gg: str, filters: dict[str, str]) -> None:
    """A page is read by another query (ids first, then the page's links): same records."""
    import kg

    g = kg.open_graph(gg)
    whole = g.find_papers(**filters)
    assert whole.total == len(whole.records) >= 3
    paged, offset = [], 0
    while offset < whole.total:
        page = g.find_papers(**filters, limit=2, offset=offset)
        assert page.total == whole.total and len(page.records) == min(2, whole.total - offset)
        paged += page.records
        offset += 2
    assert [r.to_dict() for r in paged] == [r.to_dict() for r in whole.records]
    assert g.find_papers(**filters, limit=5, offset=whole.total).records == []


def test_a_page_whose_links_cannot_be_named_walks_to_them(gg: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Links of IRIs minted elsewhere are left UNDEF in the page: found by walking, not lost."""
    import kg
    import kg.query.papers as papers

    g = kg.open_graph(gg)
    whole = g.find_papers(hardware="GPU")
    named = g.find_papers(hardware="GPU", limit=3)
    assert "?link_hardware) {" in named.queries[-1][0] and "UNDEF" not in named.queries[-1][0]
    monkeypatch.setattr(papers, "link_iri_of", lambda paper, entity: None)
    walked = g.find_papers(hardware="GPU", limit=3)
    assert "UNDEF" in walked.queries[-1][0]
    assert [r.to_dict() for r in walked.records] == [r.to_dict() for r in whole.records[:3]]
    assert [r.to_dict() for r in named.records] == [r.to_dict() for r in whole.records[:3]]


def test_cli_shows_one_page_and_says_how_many(gg: str) -> None:
    every = ids(gg, "--hardware", "GPU")
    r = runner.invoke(app, ["papers", "-g", gg, "--hardware", "GPU", "-f", "json", "--limit", "3",
                            "--offset", "1"])
    assert r.exit_code == 0, r.output
    got = [d["id"] for d in json.loads(r.stdout)]
    assert got == sorted(every)[1:4]
    assert f"papers 2-4 of {len(every)}" in r.stderr
    r = runner.invoke(app, ["papers", "-g", gg, "--hardware", "GPU", "--offset", "-1"])
    assert r.exit_code != 0


def test_library_refuses_a_negative_page(gg: str) -> None:
    import kg
    from kg.errors import QueryError

    with pytest.raises(QueryError):
        kg.open_graph(gg).find_papers(hardware="GPU", limit=-1)


def test_bad_role_suggests(gg: str) -> None:
    r = runner.invoke(app, ["papers", "-g", gg, "--role", "evaluated"])
    assert r.exit_code == 1 and "evaluated_on" in r.output


def test_show_sparql_binds_instead_of_pasting(gg: str) -> None:
    r = runner.invoke(app, ["papers", "-g", gg, "--hardware", "rtx4090", "--show-sparql"])
    assert r.exit_code == 0
    assert "?target_hardware" in r.stderr and "skos:broader*" in r.stderr
    assert "# bound ?target_hardware = <https://w3id.org/kg-papers/id/hardware/nvidia-rtx-4090>" in r.stderr
    assert "rtx4090" not in r.stderr.split("# bound")[0]


def test_untrusted_text_is_not_markup() -> None:
    """A title with rich markup prints literally (rich Text, not markup)."""
    from kg.cli.render import print_rows

    buf = io.StringIO()
    from contextlib import redirect_stdout

    with redirect_stdout(buf):
        print_rows([["title"], ["[bold red]x[/bold red]"]])
    assert "[bold red]x[/bold red]" in buf.getvalue()


def test_python_api(gg: str) -> None:
    import kg

    g = kg.open_graph(gg)
    recs = g.papers(hardware="H100")
    assert {r.id for r in recs} == gold_papers_with_hardware("NVIDIA H100")
    assert recs[0].to_dict()["title"]
    assert g.resolve("hardware", "rtx4090").label == "NVIDIA RTX 4090"


def test_papers_df(gg: str) -> None:
    pd = pytest.importorskip("pandas")
    import kg

    df = kg.open_graph(gg).papers_df(hardware="FPGA")
    assert isinstance(df, pd.DataFrame)
    assert set(df["id"]) == gold_papers_with_hardware("FPGA")


def test_papers_df_without_pandas_is_a_clear_error(gg: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg
    from kg.errors import KGError

    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(KGError, match="pip install pandas"):
        kg.open_graph(gg).papers_df(hardware="FPGA")


def test_cold_start_is_fast_and_does_not_load_spacy(gg: str) -> None:
    """`kg papers --hardware` must not import spaCy, and kg's own work must be well under 0.5 s.

    Measured in fresh processes. The library path (import, open, resolve, query) is asserted;
    the whole CLI process is printed for the record: typer's own start-up (~0.3 s here, the
    same for `kg --help`) is outside this code's control.
    """
    cli = ("import sys\nfrom kg.cli import app\n"
           "try:\n app(['papers','--hardware','RTX 4090','-g',%r,'--format','json'])\n"
           "except SystemExit: pass\n"
           "sys.stderr.write('SPACY %%s\\n' %% ('spacy' in sys.modules))") % gg
    p = subprocess.run([sys.executable, "-c", cli], capture_output=True, text=True, timeout=60)
    assert "SPACY False" in p.stderr, p.stderr
    lib = ("import sys, time; t=time.perf_counter()\n"
           "from kg.query.api import GraphHandle\n"
           "recs = GraphHandle.open(%r).papers(hardware='RTX 4090')\n"
           "sys.stdout.write('%%f %%d' %% (time.perf_counter()-t, len(recs)))") % gg
    best = 9.0
    for _ in range(3):
        p = subprocess.run([sys.executable, "-c", lib], capture_output=True, text=True, timeout=60)
        secs, n = p.stdout.split()
        assert int(n) == len(gold_papers_with_hardware("NVIDIA RTX 4090"))
        best = min(best, float(secs))
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kg", "papers", "--hardware", "RTX 4090", "-g", gg,
                    "--format", "json"], capture_output=True, timeout=60, check=True)
    print(f"cold start: library {best:.3f} s; whole CLI process {time.perf_counter() - t0:.3f} s")
    assert best < 0.5


# ---- the graph the extractors build, against the dev gold ---------------------------------

def test_extracted_graph_matches_dev_gold(bundled_graph: Path) -> None:
    """Precision/recall of `kg papers --hardware` for the five names on the real build.

    Only dev papers count (the gold covers them). Skips while the hardware extractor
    produces nothing (it is developed separately); the numbers are printed for the report.
    """
    import kg
    from kg.errors import UnknownNameError

    g = kg.open_graph(str(bundled_graph))
    if not g.resolver.labels("hardware"):
        pytest.skip("the build has no hardware entities yet (extractor not merged)")
    dev = {gold_id(x) for x in gold()}
    tp = fp = fn = 0
    for name, target in FIVE.items():
        want = gold_papers_with_hardware(target)
        try:
            got = {r.id for r in g.papers(hardware=name)} & dev
        except UnknownNameError:
            got = set()
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
        print(f"{name}: P={len(got & want) / max(len(got), 1):.2f} R={len(got & want) / max(len(want), 1):.2f} "
              f"({len(got & want)}/{len(got)} found, {len(want)} labelled)")
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    print(f"overall P={precision:.2f} R={recall:.2f}")
    assert recall >= 0.6 and precision >= 0.6


def test_a_cut_result_is_an_error_not_a_short_list(gg: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg
    import kg.query.papers as papers_mod
    from kg.errors import QueryError

    g = kg.open_graph(gg)
    assert len(g.find_papers(hardware="GPU", limit=2).records) == 2
    monkeypatch.setattr(papers_mod, "MAX_ID_ROWS", 3)
    with pytest.raises(QueryError, match="narrow the filters"):
        g.find_papers(hardware="GPU", limit=2)
