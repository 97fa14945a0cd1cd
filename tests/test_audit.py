"""The audit on real reports: the two seeds, mutations of them, and two reports across.

Seeds are read from ../shared/seeds (never copied into the repo); mutated copies live in
tmp_path. Each mutation changes one printed number and expects exactly the findings it
names to appear or disappear, compared as (check, severity) pairs.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest
from ducha.loaders.store import Store
from ducha.service.corpus import load_bytes
from ducha.service.settings import Settings
from ducha.shapes.audit import audit_store, cross_report_findings, stored_findings
from ducha.shapes.findings import Finding, Severity

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SEED_000 = SEEDS / "000_f20d1e9dac4159b8.txt"
SEED_001 = SEEDS / "001_dfd117c0899df549.txt"
AUDIT_DATA = Path(__file__).parent / "data" / "audit"

needs_seeds = pytest.mark.skipif(
    not SEED_000.is_file() or not SEED_001.is_file(),
    reason="the seed reports are not in ../shared/seeds next to the repository",
)
V, W, INFO = Severity.VIOLATION, Severity.WARNING, Severity.INFO


def _load(store: Store, text: str, name: str) -> str:
    outcome = load_bytes(store, text.encode("utf-8"), name, settings=Settings(store=None))
    assert outcome.report_iri is not None
    return outcome.report_iri


def _findings(text: str, name: str) -> list[Finding]:
    store = Store.open(None)
    _load(store, text, name)
    return audit_store(store)


def _keys(findings: Iterable[Finding]) -> set[tuple[str, Severity]]:
    return {(f.check, f.severity) for f in findings}


@pytest.fixture(scope="module")
def seed_findings() -> dict[str, list[Finding]]:
    if not SEED_000.is_file() or not SEED_001.is_file():
        pytest.skip("the seed reports are not in ../shared/seeds next to the repository")
    store = Store.open(None)
    iris = {
        path.name: _load(store, path.read_text(encoding="utf-8"), path.name)
        for path in (SEED_000, SEED_001)
    }
    found = audit_store(store)
    return {name: [f for f in found if f.report == iri] for name, iri in iris.items()}


# -- the acceptance on the seeds ----------------------------------------------------------


@needs_seeds
def test_seed_000_states_18_problems_but_lists_17(seed_findings):
    violations = [f for f in seed_findings[SEED_000.name] if f.severity is V]
    assert [(f.check, f.expected, f.reported) for f in violations] == [("stated-count", 17, 18)]
    assert (
        violations[0].message == "Report states 18 problems, but lists 17 problems (numbered 1–17)."
    )
    assert "18 problems in 6 aspects" in (violations[0].sentence or "")


@needs_seeds
def test_seed_000_notes_the_two_completion_rate_definitions(seed_findings):
    found = seed_findings[SEED_000.name]
    notes = [f for f in found if f.check == "rate-definition"]
    assert len(notes) == 1 and notes[0].severity is INFO
    assert "(1641 + 905) / 2726" in notes[0].message
    assert "completed plus completed in stages over total" in notes[0].message
    mixed = [f for f in found if f.check == "rate-definitions-mixed"]
    assert len(mixed) == 1 and mixed[0].severity is W
    assert "98.7% is 3867 / 3917 (completed over total" in mixed[0].message
    assert "93.4% is (1641 + 905) / 2726" in mixed[0].message


@needs_seeds
def test_seed_figures_that_hold_are_not_flagged(seed_findings):
    """115 = 83 + 19 + 13, 3,917 = 3,867 + 50, 95 = 78 + 17, 42 = 41 + 1, 39 = 23 + 16,
    42 = 3 + 30 + 9, 142 = 15 + 60 + 67, 59.5% = 7.11 / 11.95, 2,291 <= 2,307, 821 <= 826,
    491 <= 507, 522 + 170 <= 795, 108 + 43 <= 178, 76 + 55 <= 164, 2,726 twice."""
    figure_checks = {
        "breakdown-sum",
        "part-exceeds-whole",
        "rate-mismatch",
        "duplicate-value",
        "share-over-100",
    }
    for name, found in seed_findings.items():
        flagged = [f for f in found if f.check in figure_checks]
        assert flagged == [], f"{name}: {[f.message for f in flagged]}"
    assert not any(f.severity is V for f in seed_findings[SEED_001.name])


# -- mutations ----------------------------------------------------------------------------

# (seed, printed text, replacement, findings that appear, findings that disappear)
MUTATIONS = [
    ("000", "83 of the 115", "84 of the 115", {("breakdown-sum", V)}, set()),
    (
        "000",
        "completion rate of 98.7%",
        "completion rate of 97.8%",
        {("rate-mismatch", V)},
        {("rate-definitions-mixed", W)},
    ),
    ("000", "18 problems in 6 aspects", "17 problems in 6 aspects", set(), {("stated-count", V)}),
    ("000", "18 problems in 6 aspects", "19 problems in 6 aspects", set(), set()),
    (
        "000",
        "3,867 have been completed",
        "3,868 have been completed",
        {("breakdown-sum", V)},
        set(),
    ),
    ("000", "41 have been completed", "40 have been completed", {("breakdown-sum", V)}, set()),
    (
        "000",
        "1,641 cases have been completed",
        "1,741 cases have been completed",
        {("rate-mismatch", V)},
        {("rate-definition", INFO), ("rate-definitions-mixed", W)},
    ),
    (
        "000",
        "completion rate is 93.4%",
        "completion rate is 60.2%",
        set(),
        {("rate-definition", INFO), ("rate-definitions-mixed", W)},
    ),
    (
        "000",
        "522 noise pollution problems",
        "822 noise pollution problems",
        {("part-exceeds-whole", V)},
        set(),
    ),
    ("000", "7.11 kilometers", "7.21 kilometers", {("rate-mismatch", V)}, set()),
    ("000", "completion rate of 82.1%", "completion rate of 81.2%", {("rate-mismatch", V)}, set()),
    ("000", "23 of the 39", "24 of the 39", {("breakdown-sum", V)}, set()),
    ("000", "was 98.1%", "was 108.1%", {("share-over-100", W)}, set()),
    ("000", "visits to 424 cases", "visits to 4,24 cases", {("unreadable-number", W)}, set()),
    ("000", "transfer 2,726 letters", "transfer 2,762 letters", {("duplicate-value", W)}, set()),
    ("001", "142 people", "141 people", {("breakdown-sum", V)}, set()),
    ("001", "including 3 at", "including 4 at", {("breakdown-sum", V)}, set()),
    ("001", "821 of 826", "828 of 826", {("part-exceeds-whole", V)}, set()),
    ("001", "2291 of the 2307", "2391 of the 2307", {("part-exceeds-whole", V)}, set()),
    ("001", "491 of 507", "591 of 507", {("part-exceeds-whole", V)}, set()),
]


def _mutation_id(mutation: tuple[str, str, str, object, object]) -> str:
    return f"{mutation[0]}:{mutation[1]}->{mutation[2]}"


@needs_seeds
@pytest.mark.parametrize("mutation", MUTATIONS, ids=_mutation_id)
def test_mutation(mutation, seed_findings, tmp_path):
    seed, old, new, appear, disappear = mutation
    path = SEED_000 if seed == "000" else SEED_001
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {path.name}"
    mutated = tmp_path / path.name
    mutated.write_text(text.replace(old, new), encoding="utf-8")
    before = _keys(seed_findings[path.name])
    after = _keys(_findings(mutated.read_text(encoding="utf-8"), mutated.name))
    assert (after - before, before - after) == (appear, disappear)


# -- across reports -----------------------------------------------------------------------


def test_cross_report_value_fires_and_clears(tmp_path):
    july = (AUDIT_DATA / "petitions-progress-july.txt").read_text(encoding="utf-8")
    august = (AUDIT_DATA / "petitions-progress-august.txt").read_text(encoding="utf-8")
    store = Store.open(None)
    _load(store, july, "petitions-progress-july.txt")
    august_iri = _load(store, august, "petitions-progress-august.txt")
    found = [f for f in audit_store(store) if f.check == "cross-report-value"]
    assert [(f.report, f.severity, f.expected, f.reported) for f in found] == [
        (august_iri, W, 3917, 3927)
    ]
    assert "3917" in found[0].message and "3927" in found[0].message
    # The same file with the agreeing figure replaces the report; the finding goes.
    corrected = august.replace("3,927", "3,917")
    _load(store, corrected, "petitions-progress-august.txt")
    assert [f for f in audit_store(store) if f.check == "cross-report-value"] == []


def test_cross_report_findings_are_stored_and_stable():
    july = (AUDIT_DATA / "petitions-progress-july.txt").read_text(encoding="utf-8")
    august = (AUDIT_DATA / "petitions-progress-august.txt").read_text(encoding="utf-8")
    store = Store.open(None)
    _load(store, july, "petitions-progress-july.txt")
    _load(store, august, "petitions-progress-august.txt")
    first = cross_report_findings(store)
    audit_store(store)
    audit_store(store)  # running twice replaces, never duplicates
    stored = [f for f in stored_findings(store) if f.check == "cross-report-value"]
    assert [f.iri for f in stored] == [f.iri for f in first]


def test_reloading_a_report_gives_the_same_finding_iris():
    text = (AUDIT_DATA / "petitions-progress-july.txt").read_text(encoding="utf-8")
    mutated = text.replace("3,801 have been completed", "3,800 have been completed")
    one, two = Store.open(None), Store.open(None)
    _load(one, mutated, "a.txt")
    _load(two, mutated, "b.txt")
    first, second = stored_findings(one), stored_findings(two)
    assert [f.iri for f in first] == [f.iri for f in second]
    assert ("breakdown-sum", V) in _keys(first)


# -- across reports, matched by inspection ------------------------------------------------

HUNAN_MARCH = "hunan-second-round-petitions-march.txt"  # 2,450 completed as of March 31
HUNAN_JUNE = "hunan-second-round-petitions-june.txt"  # 2,430 completed as of June 30
HUNAN_FIRST_ROUND = "hunan-first-round-petitions-march.txt"  # 4,371, another inspection


def _cross_report(june: str) -> tuple[str, list[Finding]]:
    """Load the three Hunan reports (the June one as given); the June report's IRI and the
    cross-report findings."""
    store = Store.open(None)
    for name in (HUNAN_MARCH, HUNAN_FIRST_ROUND):
        _load(store, (AUDIT_DATA / name).read_text(encoding="utf-8"), name)
    june_iri = _load(store, june, HUNAN_JUNE)
    return june_iri, [f for f in audit_store(store) if f.check == "cross-report-value"]


def test_a_running_total_that_falls_for_the_same_inspection_is_a_violation():
    june = (AUDIT_DATA / HUNAN_JUNE).read_text(encoding="utf-8")
    june_iri, found = _cross_report(june)
    assert [(f.report, f.severity, f.expected, f.reported) for f in found] == [
        (june_iri, V, 2450, 2430)
    ]
    assert "falls from 2450 (as of 2022-03-31" in found[0].message
    assert "to 2430 (as of 2022-06-30 here)" in found[0].message
    # the other report is named by its title, not by an IRI
    assert '"Report of Hunan Province on the handling of the petitions' in found[0].message
    assert "2,430 environmental petitions" in (found[0].sentence or "")


# (what the June report is changed to say, the cross-report findings expected on it)
HUNAN_MUTATIONS = [
    # the total grows: it holds
    ("a total of 2,430", "a total of 2,470", []),
    # the same as-of date as the March report with another value: two values of one count
    ("As of June 30, 2022", "As of March 31, 2022", [(W, 2450, 2430)]),
    # the same date and the same value: it holds
    ("As of June 30, 2022, a total of 2,430", "As of March 31, 2022, a total of 2,450", []),
    # no as-of date: dated by the report (July 15), so only a warning
    ("As of June 30, 2022, a total of 2,430", "A total of 2,430", [(W, 2450, 2430)]),
    # another round of inspection of the same province is another counted thing
    ("the second round", "the third round", []),
    # a part counting the same thing as its whole is a narrower scope, not the running total
    (
        "a total of 2,430 environmental petitions transferred by the inspection group had been"
        " completed with rectification,",
        "a total of 2,470 environmental petitions transferred by the inspection group had been"
        " completed with rectification, of which 2,430 environmental petitions had been"
        " completed with rectification in cities,",
        [],
    ),
]


@pytest.mark.parametrize("mutation", HUNAN_MUTATIONS, ids=lambda m: f"{m[0]}->{m[1]}")
def test_cross_report_mutation(mutation):
    old, new, expected = mutation
    june = (AUDIT_DATA / HUNAN_JUNE).read_text(encoding="utf-8")
    assert old in june
    june_iri, found = _cross_report(june.replace(old, new))
    assert [(f.severity, f.expected, f.reported) for f in found] == expected
    assert all(f.report == june_iri for f in found)


def test_the_same_date_across_two_inspections_of_one_province_is_not_compared():
    """The first-round report gives 4,371 as of March 31, 2022 in Hunan, the second-round
    one 2,450 on the same date: two inspections, so nothing is flagged between them."""
    store = Store.open(None)
    for name in (HUNAN_MARCH, HUNAN_FIRST_ROUND):
        _load(store, (AUDIT_DATA / name).read_text(encoding="utf-8"), name)
    assert cross_report_findings(store) == []


# -- schedules and the same items counted twice (a bundled sample) ------------------------

ZHEJIANG = Path(__file__).resolve().parents[1] / "service" / "samples"
ZHEJIANG_MEETING = ZHEJIANG / "zhejiang-rectification-meeting-2018.txt"


def test_zhejiang_schedule_and_same_items_are_warnings():
    found = _findings(ZHEJIANG_MEETING.read_text(encoding="utf-8"), ZHEJIANG_MEETING.name)
    schedule = [f for f in found if f.check == "schedule-exceeds-whole"]
    assert [(f.severity, f.expected, f.reported) for f in schedule] == [(W, 50, 46)]
    assert "9 + 14 + 27 = 50, more than 46" in schedule[0].message
    same_items = [f for f in found if f.check == "duplicate-value"]
    assert [(f.severity, f.expected, f.reported) for f in same_items] == [(W, 18, 13)]
    assert "of the same 9 items twice, differently: 18, then 13" in same_items[0].message


# (printed text, replacement, findings that appear, findings that disappear)
SAMPLE_MUTATIONS = [
    ("27 items before", "23 items before", set(), {("schedule-exceeds-whole", W)}),
    ("complete 14 items", "complete 4 items", set(), {("schedule-exceeds-whole", W)}),
    ("and 18 concrete problems", "and 13 concrete problems", set(), {("duplicate-value", W)}),
    ("involving 13 concrete", "involving 18 concrete", set(), {("duplicate-value", W)}),
    ("27 items before", "37 items before", set(), set()),
]


@pytest.mark.parametrize("mutation", SAMPLE_MUTATIONS, ids=lambda m: f"{m[0]}->{m[1]}")
def test_sample_mutation(mutation):
    old, new, appear, disappear = mutation
    text = ZHEJIANG_MEETING.read_text(encoding="utf-8")
    assert text.count(old) == 1
    before = _keys(_findings(text, ZHEJIANG_MEETING.name))
    after = _keys(_findings(text.replace(old, new), ZHEJIANG_MEETING.name))
    assert (after - before, before - after) == (appear, disappear)
