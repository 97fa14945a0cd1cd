"""The ``ducha`` command through typer's runner, on a real store in tmp_path."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from ducha.loaders.store import Store
from ducha.service.cli import _create_app, app
from ducha.service.settings import Settings
from typer.testing import CliRunner

SAMPLES = Path(__file__).parents[1] / "service" / "samples"
TWO = [SAMPLES / "zhejiang-announcement-no18.txt", SAMPLES / "shanxi-feedback-2017.txt"]

runner = CliRunner()


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"


def ducha(*args: str | Path):
    return runner.invoke(app, [str(a) for a in args])


def test_load_reports_new_then_unchanged(store_dir: Path) -> None:
    first = ducha("load", "--store", store_dir, *TWO)
    assert first.exit_code == 0, first.output
    assert first.stdout.count("new") == 2
    again = ducha("load", "--store", store_dir, *TWO)
    assert again.exit_code == 0
    assert again.stdout.count("unchanged") == 2


def test_load_with_a_bad_file_exits_2_naming_it_and_loads_the_rest(
    store_dir: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = ducha("load", "--store", store_dir, empty, TWO[0])
    assert result.exit_code == 2
    assert "empty.txt" in result.stderr
    assert "new" in result.stdout
    assert len(Store.open(store_dir).reports()) == 1


def test_the_store_comes_from_the_environment(store_dir: Path, monkeypatch) -> None:
    monkeypatch.setenv("DUCHA_STORE", str(store_dir))
    assert ducha("load", TWO[0]).exit_code == 0
    assert len(Store.open(store_dir).reports()) == 1


def test_query_json_is_standard_sparql_results(store_dir: Path) -> None:
    ducha("load", "--store", store_dir, *TWO)
    result = ducha(
        "query",
        "--store",
        store_dir,
        "--format",
        "json",
        "-e",
        "SELECT (COUNT(?r) AS ?n) WHERE { ?r a ducha:Report }",
    )
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["head"]["vars"] == ["n"]
    assert body["results"]["bindings"][0]["n"]["value"] == "2"


def test_query_csv_and_table_and_ask(store_dir: Path) -> None:
    ducha("load", "--store", store_dir, TWO[0])
    csv_out = ducha(
        "query", "--store", store_dir, "-f", "csv", "-e", "SELECT ?f WHERE { ?r ducha:fileName ?f }"
    )
    assert csv_out.stdout.splitlines() == ["f", "zhejiang-announcement-no18.txt"]
    table = ducha("query", "--store", store_dir, "-e", "ASK { ?r a ducha:Report }")
    assert table.stdout.strip() == "yes"


def test_params_are_bound_as_typed_terms(store_dir: Path) -> None:
    ducha("load", "--store", store_dir, TWO[0])
    report = Store.open(store_dir).reports()[0].iri
    query = "SELECT ?r ?f WHERE { ?r ducha:fileName ?f }"
    found = ducha("query", "--store", store_dir, "-f", "csv", "-e", query, "--param", f"r={report}")
    assert found.stdout.splitlines()[1].startswith(report)
    hostile = ducha(
        "query", "--store", store_dir, "-f", "csv", "-e", query, "--param", 'f="} ; DROP ALL #'
    )
    assert hostile.exit_code == 0
    assert hostile.stdout.splitlines() == ["r,f"]
    assert len(Store.open(store_dir).reports()) == 1


def test_catalogue_queries_by_name_and_file(store_dir: Path, tmp_path: Path) -> None:
    ducha("load", "--store", store_dir, TWO[0])
    listed = ducha("query", "--store", store_dir, "--list")
    assert "completion-figures" in listed.stdout
    by_name = ducha("query", "--store", store_dir, "stated-counts", "-f", "json")
    assert by_name.exit_code == 0, by_name.output
    assert "vars" in json.loads(by_name.stdout)["head"]
    missing_param = ducha("query", "--store", store_dir, "problems-per-aspect")
    assert missing_param.exit_code == 2
    assert "--param report=" in missing_param.stderr
    rq = tmp_path / "mine.rq"
    rq.write_text("SELECT ?r WHERE { ?r a ducha:Report }")
    assert ducha("query", "--store", store_dir, rq, "-f", "csv").stdout.count("\n") == 2


def test_bad_queries_exit_2(store_dir: Path) -> None:
    assert ducha("query", "--store", store_dir, "no-such-question").exit_code == 2
    bad = ducha("query", "--store", store_dir, "-e", "SELECT WHERE {")
    assert bad.exit_code == 2
    assert "does not parse" in bad.stderr
    assert ducha("query", "--store", store_dir).exit_code == 2


def test_export_trig_and_nquads(store_dir: Path, tmp_path: Path) -> None:
    ducha("load", "--store", store_dir, TWO[0])
    size = len(Store.open(store_dir))
    out = tmp_path / "all.trig"
    assert ducha("export", "--store", store_dir, "--format", "trig", "-o", out).exit_code == 0
    assert len(list(ox.parse(path=str(out), format=ox.RdfFormat.TRIG))) == size
    nquads = ducha("export", "--store", store_dir, "--format", "nquads")
    assert len(nquads.stdout_bytes.splitlines()) == size


def test_check_finds_the_ontology_and_data_consistent(store_dir: Path) -> None:
    pytest.importorskip("ducha.shapes.consistency")
    ducha("load", "--store", store_dir, TWO[0])
    result = ducha("check", "--store", store_dir)
    assert result.exit_code == 0, result.output
    assert "consistent" in result.stdout.lower()


def test_serve_builds_an_app_that_answers(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    store = Store.open(None)
    application = _create_app(Settings(store=None), store)
    with TestClient(application) as client:
        assert client.get("/").status_code == 200
