"""Resolving regulation mentions to registry acts (issue 7)."""
# ruff: noqa: E501  (tables of titles and keys read better unbroken)

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from ducha.loaders.model import Entity, EntityKind, Mention, Report, Span
from ducha.loaders.rdf import report_quads
from ducha.loaders.registry import entry_iri
from ducha.loaders.registry_rdf import ensure_registry
from ducha.loaders.resolve import Resolver, report_year, resolve_report
from ducha.loaders.store import Store
from ducha.service.cli import app
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
MENTIONS = REPO / "tests" / "data" / "mentions.csv"
INSPECTION_RULES_2019 = (
    "party-regulation/2019/central-eco-environmental-protection-inspection-work-rules"
)
RECTIFICATION_2022 = "party-regulation/2022/central-eco-environmental-protection-inspection-rectification-measures"  # fmt: skip


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver()


def test_the_mention_set_meets_precision_and_recall(resolver: Resolver) -> None:
    rows = list(csv.DictReader(MENTIONS.open(encoding="utf-8")))
    assert len(rows) >= 150
    tp = fp = fn = 0
    for row in rows:
        match = resolver.resolve(row["mention"])
        got = match.entry.key if match else ""
        expected = row["expected"]
        if got and got == expected:
            tp += 1
        else:
            fp += bool(got)
            fn += bool(expected) and got != expected
    assert tp / (tp + fp) >= 0.97
    assert tp / (tp + fn) >= 0.95


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Water Law", "law/1988/water-law"),
        ("Water Pollution Prevention and Control Law", "law/1984/water-pollution-prevention-and-control-law"),
        ("Environmental Protection Law", "law/1989/environmental-protection-law"),
        ("Environmental Protection Tax Law", "law/2016/environmental-protection-tax-law"),
        ("Noise Pollution Prevention and Control Law", "law/2021/noise-pollution-prevention-and-control-law"),
        ("Environmental Noise Pollution Prevention and Control Law", "law/1996/environmental-noise-pollution-prevention-and-control-law"),
        ("Water Pollution Prevention and Control Action Plan", "plan/2015/water-pollution-prevention-and-control-action-plan"),
    ],
)  # fmt: skip
def test_similar_titles_go_to_their_own_act(resolver: Resolver, text: str, key: str) -> None:
    match = resolver.resolve(text)
    assert match is not None and match.entry.key == key


def test_methods_scores_and_versions(resolver: Resolver) -> None:
    exact = resolver.resolve("Water Law of the People's Republic of China")
    alias = resolver.resolve('the "Air Ten Articles"')
    fuzzy = resolver.resolve("Regulations on Nature Reserve Management")
    assert exact is not None and (exact.method, exact.score) == ("exact", 1.0)
    assert alias is not None and (alias.method, alias.score) == ("alias", 0.98)
    assert fuzzy is not None and fuzzy.method == "fuzzy" and 0.88 <= fuzzy.score < 0.98
    revised = resolver.resolve("the Water Pollution Prevention and Control Law revised in 2017")
    assert revised is not None and revised.version is not None
    assert revised.version.date == "2017-06-27"


def test_below_the_threshold_nothing_is_linked(resolver: Resolver) -> None:
    assert resolver.resolve("Water Protection Law") is None
    assert resolver.resolve("Regulations on the Work of the Party Group (Trial)") is None
    assert resolver.candidates("Meeting System") == []


def test_local_titles_are_not_national_acts_and_say_what_they_implement(resolver: Resolver) -> None:
    title = "Measures for the Implementation of Eco-environmental Protection Supervision in Guizhou Province"
    assert resolver.resolve(title) is None
    implemented = resolver.implemented(title, as_of=2023)
    assert implemented is not None and implemented.key == INSPECTION_RULES_2019
    rectification = resolver.implemented(
        title.replace("Supervision", "Supervision and Rectification"), as_of=2023
    )
    assert rectification is not None and rectification.key == RECTIFICATION_2022


def test_acts_later_than_the_report_are_not_candidates(resolver: Resolver) -> None:
    match = resolver.resolve(
        "Regulations on Eco-environmental Protection Inspection Work", as_of=2023
    )
    assert match is None or match.entry.first_year <= 2023


def synthetic_report() -> Report:
    text = (
        "The project violated the Water Pollution Prevention and Control Law. "
        "Guizhou issued the Measures for the Implementation of Eco-environmental Protection "
        "Supervision in Guizhou Province in 2022."
    )
    water = "Water Pollution Prevention and Control Law"
    local = "Measures for the Implementation of Eco-environmental Protection Supervision in Guizhou Province"
    ws, ls = text.index(water), text.index(local)
    return Report(
        text=text,
        entities={
            "regulation/water-law-x": Entity(EntityKind.REGULATION, "water-law-x", water),
            "regulation/local-x": Entity(EntityKind.REGULATION, "local-x", local),
        },
        mentions=[
            Mention("water-law-x", EntityKind.REGULATION, Span(ws, ws + len(water)), "violates"),
            Mention("local-x", EntityKind.REGULATION, Span(ls, ls + len(local)), "issues"),
        ],
    )


def test_resolve_report_rekeys_entities_and_keeps_evidence() -> None:
    report = resolve_report(synthetic_report())
    assert report_year(report) == 2022
    water = report.entities["regulation/eli/cn/law/1984/water-pollution-prevention-and-control-law"]
    assert json.loads(water.attributes["resolution"]) == {"25-67": ["alias", 0.98]}
    assert report.mentions[0].entity == "eli/cn/law/1984/water-pollution-prevention-and-control-law"
    local = next(
        e for e in report.entities.values() if e.attributes.get("level") == "local-document"
    )
    assert local.attributes["place"] == "Guizhou"
    assert local.attributes["implements"] == f"eli/cn/{INSPECTION_RULES_2019}"


def test_rdf_links_to_the_registry_iri_with_evidence_and_loads_idempotently() -> None:
    quads = report_quads(resolve_report(synthetic_report()))
    store = Store.open(None)
    ensure_registry(store)
    for _ in range(2):
        store.put_report(quads.report_iri, {quads.report_iri: quads.report},
                         additions={quads.shared_graph: quads.shared})  # fmt: skip
        size = len(store)
    water = entry_iri("law/1984/water-pollution-prevention-and-control-law")
    rows = list(
        store.query(
            "SELECT ?act ?method ?score WHERE { ?m ducha:mentionOf ?act ; "
            "ducha:resolutionMethod ?method ; ducha:resolutionScore ?score }"
        )
    )
    found = {(r["act"].value, r["method"].value, r["score"].value) for r in rows}
    assert (water, "alias", "0.98") in found
    assert any(method == "local" for _, method, _ in found)
    # one node, titled once per language, however often it is loaded
    titles = list(store.query(f"SELECT DISTINCT ?t WHERE {{ <{water}> dcterms:title ?t }}"))
    assert sorted(t["t"].language for t in titles) == ["en", "zh"]
    assert len(store) == size
    implemented = store.query(
        f"ASK {{ ?doc ducha:implements <{entry_iri(INSPECTION_RULES_2019)}> ; "
        "dcterms:spatial/rdfs:label 'Guizhou'@en }"
    )
    assert bool(implemented)


runner = CliRunner()


def test_cli_resolve_prints_json_best_first_and_an_empty_list() -> None:
    result = runner.invoke(
        app, ["regulations", "resolve", "Water Ten Articles", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    assert items[0]["iri"].endswith("plan/2015/water-pollution-prevention-and-control-action-plan")
    assert set(items[0]) == {"iri", "title_zh", "title_en", "level", "score", "method"}
    assert items[0]["method"] == "alias"
    empty = runner.invoke(app, ["regulations", "resolve", "Meeting System", "--format", "json"])
    assert empty.exit_code == 0 and json.loads(empty.stdout) == []


def test_cli_list_and_show() -> None:
    listed = runner.invoke(app, ["regulations", "list", "--format", "json"])
    assert listed.exit_code == 0
    assert len(json.loads(listed.stdout)) >= 150
    shown = runner.invoke(
        app,
        [
            "regulations",
            "show",
            "dr:eli/cn/law/1989/environmental-protection-law",
            "--format",
            "json",
        ],
    )
    assert shown.exit_code == 0
    data = json.loads(shown.stdout)
    assert data["title_zh"] == "中华人民共和国环境保护法"
    assert {"date": "2014-04-24", "event": "revised", "in_force": "2015-01-01"} in data["versions"]
    missing = runner.invoke(app, ["regulations", "show", "dr:eli/cn/law/1900/nothing"])
    assert missing.exit_code == 2


def test_cli_import_refuses_a_bad_file_with_row_and_reason(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("key,level,title_zh,title_en,date\nlaw/2030/x,law,某法,Some Law,2030-02-30\n")
    result = runner.invoke(app, ["regulations", "import", str(bad), "--store", str(tmp_path / "s")])
    assert result.exit_code == 2
    output = " ".join(result.output.split())
    assert "row 2" in output and "not a valid calendar date" in output


# -- the seed reports --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_reports() -> dict[str, Report]:
    if not SEEDS.is_dir():
        pytest.skip(f"seed reports not found in {SEEDS}")
    from ducha.loaders.pipeline import extract_report

    found = {}
    for name in ("000_f20d1e9dac4159b8.txt", "001_dfd117c0899df549.txt"):
        report = extract_report((SEEDS / name).read_bytes(), name, max_bytes=10_000_000)
        found[name[:3]] = resolve_report(report)
    return found


def regulations(report: Report) -> dict[str, Entity]:
    return {e.key: e for e in report.entities.values() if e.kind is EntityKind.REGULATION}


def test_seed_000_cites_the_supervision_law_implementing_regulations(seed_reports) -> None:
    found = regulations(seed_reports["000"])
    key = "eli/cn/administrative-regulation/2021/supervision-law-implementing-regulations"
    assert key in found
    mentions = [m for m in seed_reports["000"].mentions if m.entity == key]
    assert mentions
    quote = mentions[0].span.quote(seed_reports["000"].text)
    assert "Implementation of the Supervision Law" in quote


def test_seed_001_guizhou_measures_and_plan_are_local_documents(seed_reports) -> None:
    local = [
        e for e in regulations(seed_reports["001"]).values()
        if e.attributes.get("level") == "local-document" and e.attributes.get("place") == "Guizhou"
    ]  # fmt: skip
    names = {e.name: e for e in local}
    measures = next(
        n
        for n in names
        if n.startswith(
            "Measures for the Implementation of Eco-environmental Protection Supervision in"
        )
    )
    assert names[measures].attributes["implements"] == f"eli/cn/{INSPECTION_RULES_2019}"
    assert any(
        n.startswith("Three-year Action Plan for Urban Domestic Sewage Treatment") for n in names
    )
