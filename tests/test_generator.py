"""The corpus generator (benchmarks/generate_corpus.py): deterministic, and its truth is what
its text says."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise
from pathlib import Path
from typing import Any

from benchmarks.corpus_conflicts import ReportFacts, cross_report_conflicts
from benchmarks.corpus_text import Fact
from benchmarks.generate_corpus import GeneratedReport, generate_corpus, generate_report

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# Numbers that are not figures: dates, the release date, list numbering "1." and "(1)".
NOT_FIGURES = re.compile(
    rf"(?:{MONTHS}) \d{{1,2}}, \d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|^\d+\. |^\(\d+\) |/\d+/gen-\d+",
    re.MULTILINE,
)
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?(?:%| million)?")


def printed_figures(text: str) -> Counter[Decimal]:
    """Every number the text prints as a figure, in base units, read independently of the
    generator (millions multiplied out, thousands separators dropped)."""
    values: Counter[Decimal] = Counter()
    for token in NUMBER.findall(NOT_FIGURES.sub(" ", text)):
        millions = token.endswith(" million")
        number = Decimal(token.removesuffix(" million").rstrip("%").replace(",", ""))
        values[(number * 1_000_000 if millions else number).normalize()] += 1
    return values


def percent(numerator: int, denominator: int) -> Decimal:
    """A rate as reports print it: one decimal, halves rounded up."""
    return (Decimal(100 * numerator) / denominator).quantize(Decimal("0.1"), ROUND_HALF_UP)


def test_the_same_seed_gives_the_same_corpus(tmp_path: Path) -> None:
    generate_corpus(tmp_path / "a", 5, seed=7)
    generate_corpus(tmp_path / "b", 5, seed=7)
    generate_corpus(tmp_path / "c", 5, seed=8)
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == [f"gen-0000{i}.txt" for i in range(5)] + ["truth.json"]
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert (tmp_path / "a" / names[0]).read_bytes() != (tmp_path / "c" / names[0]).read_bytes()
    # Report i does not depend on how many reports the corpus has.
    assert generate_report(3, seed=7).text == (tmp_path / "a" / "gen-00003.txt").read_text()


def test_truth_figures_are_the_numbers_the_text_prints() -> None:
    for index in range(40):
        report = generate_report(index, seed=1, bad_share=0.3)
        expected = Counter(Decimal(str(v)).normalize() for v in report.truth["figures"])
        text = report.text
        for garbled in report.truth["malformed_numbers"]:  # "21013 years to 2015": no figure
            text = re.sub(rf"{garbled} years to \d{{4}}", " ", text)
        assert printed_figures(text) == expected, report.name


def test_some_problems_violate_an_act_and_some_numbers_are_garbled() -> None:
    reports = [generate_report(index, seed=4) for index in range(60)]
    violations = [
        act
        for report in reports
        for act in re.findall(r"^The problem was in violation of the (.+)\.$", report.text, re.M)
    ]
    assert len(violations) >= 10
    assert all(any(act in r.truth["regulations"] for r in reports) for act in violations)
    garbled = [(r, token) for r in reports for token in r.truth["malformed_numbers"]]
    assert 2 <= len(garbled) <= 15
    for report, token in garbled:
        assert re.fullmatch(r"21\d{3}", token)
        assert f"{token} years to " in report.text


def test_truth_names_and_relations_are_in_the_text() -> None:
    styles = set()
    for index in range(40):
        report = generate_report(index, seed=2, bad_share=0.3)
        truth, text = report.truth, report.text
        styles.add(truth["genre"])
        assert text.count(truth["marker"]) == 1
        for kind in ("water_bodies", "enterprises", "regulations", "places"):
            for name in truth[kind]:
                assert name in text or any(a in text for a in truth["aliases"].get(name, []))
        for person in truth["people"]:
            assert person.split(" (")[0] in text
        figures = Counter(Decimal(str(v)) for v in truth["figures"])
        for whole, parts in truth["parts"]:
            assert figures[Decimal(str(whole))] and all(figures[Decimal(str(p))] for p in parts)
        numbered = re.findall(r"^\d+\. Rectification of the problem of", text, re.MULTILINE)
        assert len(numbered) == truth["problems"]
        listed = re.findall(
            r"^\(\d+\) (?!Rectification of|Comprehensively rectify)", text, re.MULTILINE
        )
        inline = re.findall(
            r"The (?:first|second|third|fourth) is to |(?:First|Second|Third|Fourth), ", text
        )
        assert truth["measures"] == len(listed) + len(inline)
    assert styles == {"generated party-group report", "generated provincial report"}


def test_planted_inconsistencies_are_recorded() -> None:
    """With every checkable sentence made wrong, each relation that does not hold has a
    finding carrying its numbers; with none made wrong, there are no findings."""
    wrong = [generate_report(i, seed=3, bad_share=1.0).truth for i in range(10)]
    assert all(t["findings"] for t in wrong)
    for truth in wrong:
        for whole, parts in truth["parts"]:
            if [whole, parts] not in truth["clean"]:
                assert any(whole in f["numbers"] for f in truth["findings"])
        for rate, numerator, denominator in truth["rates"]:
            assert abs(Decimal(str(rate)) - percent(numerator, denominator)) >= 2
    right = [generate_report(i, seed=3, bad_share=0.0).truth for i in range(10)]
    assert not any(t["findings"] for t in right)
    for truth in right:
        for rate, numerator, denominator in truth["rates"]:
            assert Decimal(str(rate)) == percent(numerator, denominator)


def test_lengths_and_truth_file(tmp_path: Path) -> None:
    written = generate_corpus(tmp_path, 30, seed=4)
    sizes = [p.stat().st_size for p in tmp_path.glob("*.txt")]
    assert sum(sizes) == written
    assert min(sizes) >= 1_500 and max(sizes) <= 90_000
    truth = json.loads((tmp_path / "truth.json").read_text())
    assert sorted(truth) == sorted(p.name for p in tmp_path.glob("*.txt"))
    entry = next(iter(truth.values()))
    for key in ("figures", "parts", "rates", "stated_counts", "findings", "clean", "dates"):
        assert key in entry


def test_one_name_is_one_person_in_a_report() -> None:
    # Seed 0, report 6 used to draw "Sun Lihua" twice, with two posts, as two people.
    for index in range(60):
        people = generate_report(index, seed=0).truth["people"]
        names = [p.split(" (")[0] for p in people]
        assert len(names) == len(set(names)), index


def test_stated_rates_are_completed_over_total() -> None:
    """ "of the 3,917 …, 3,867 have been completed and 50 have been completed in stages, with a
    completion rate of 98.7%": the truth's rate is 3,867 / 3,917 (work in stages left out)."""
    shape = re.compile(
        r"of the ([\d,]+) [^,]+, ([\d,]+) have been completed and ([\d,]+) have been completed "
        r"in stages, with a completion rate of ([\d.]+)%"
    )
    seen = 0
    for index in range(30):
        report = generate_report(index, seed=2, bad_share=0.0)
        for whole, done, _stages, rate in shape.findall(report.text):
            whole_n, done_n = int(whole.replace(",", "")), int(done.replace(",", ""))
            assert Decimal(rate) == percent(done_n, whole_n)
            assert [Decimal(rate), done_n, whole_n] in [
                [Decimal(str(r)), n, d] for r, n, d in report.truth["rates"]
            ]
            seen += 1
    assert seen > 0


def test_corpus_audit_scores_every_finding() -> None:
    """Within a report, a finding of the planted check carrying its numbers finds it; across
    reports, only the finding the check puts on the named figure of the named pair does."""
    from benchmarks.corpus_audit import match_findings

    a, b = "https://w3id.org/ducha/id/report/aaaa", "https://w3id.org/ducha/id/report/bbbb"
    files = {a: "a.txt", b: "b.txt"}
    rate = {"check": "rate-mismatch", "severity": "Violation", "numbers": [98.7, 97.1],
            "what": "rate"}  # fmt: skip
    across = {"check": "cross-report-value", "severity": "Warning", "numbers": [219, 156],
              "other": "a.txt", "what": "falls"}  # fmt: skip
    planted: dict[str, list[dict[str, Any]]] = {"a.txt": [rate], "b.txt": [across]}
    found = {
        "a.txt": [
            {"severity": "Violation", "check": "rate-mismatch", "expected": 97.1,
             "reported": 98.7, "message": "m"},
            {"severity": "Violation", "check": "breakdown-sum", "expected": 10, "reported": 12,
             "message": "m"},
            # the same pair, but on the other figure: the check does not put it there
            {"severity": "Warning", "check": "cross-report-value", "expected": 156,
             "reported": 219, "value": f"{b}/figure/3", "message": "m"},
        ],
        "b.txt": [
            {"severity": "Warning", "check": "cross-report-value", "expected": 219,
             "reported": 156, "value": f"{a}/figure/7", "message": "m"},
            {"severity": "Info", "check": "rate-definition", "expected": 93.4,
             "reported": 93.4, "message": "m"},
        ],
    }  # fmt: skip
    scores = match_findings(planted, found, files)
    summary = {c: (s.planted, s.found, s.findings, s.false) for c, s in scores.items()}
    assert summary == {
        "rate-mismatch": (1, 1, 1, 0),
        "breakdown-sum": (0, 0, 1, 1),
        "cross-report-value": (1, 1, 2, 1),
        "rate-definition": (0, 0, 1, 1),
    }


_AS_OF = re.compile(
    rf"As of ((?:{MONTHS}) \d{{1,2}}, \d{{4}}), ([\d,]+) of the ([\d,]+) ([a-z ]+?) have been "
    r"completed, ([\d,]+) have been basically"
)
_ACCOUNTABLE = re.compile(r"A total of ([\d,]+) people were held accountable")


def _statements(
    reports: list[GeneratedReport],
) -> tuple[dict[tuple[str, str, str], set[tuple[int, int, int]]], dict[str, list[tuple[str, int]]]]:
    """Read from the texts: status breakdowns by (inspection, as-of day, thing), and the
    running totals of people held accountable by inspection with the release date."""
    dated: dict[tuple[str, str, str], set[tuple[int, int, int]]] = {}
    running: dict[str, list[tuple[str, int]]] = {}
    for report in reports:
        inspection = report.truth["inspection"]
        released = re.search(r"Release Time: (\S+)", report.text)
        assert released is not None
        for day, done, whole, thing, basic in _AS_OF.findall(report.text):
            numbers = tuple(int(n.replace(",", "")) for n in (whole, done, basic))
            dated.setdefault((inspection, day, thing), set()).add(numbers)  # type: ignore[arg-type]
        for total in _ACCOUNTABLE.findall(report.text):
            running.setdefault(inspection, []).append(
                (released.group(1), int(total.replace(",", "")))
            )
    return dated, running


def test_reports_about_one_inspection_agree() -> None:
    """Without planted inconsistencies, every two reports about one inspection that state a
    breakdown as of the same day give the same numbers, running totals do not fall, and
    the corpus has no findings across reports."""
    reports = [generate_report(i, seed=5, bad_share=0.0, cross_share=0.0) for i in range(300)]
    dated, running = _statements(reports)
    assert len(dated) > 100
    assert all(len(numbers) == 1 for numbers in dated.values())
    for totals in running.values():
        by_day = sorted(totals)
        assert all(a[1] <= b[1] for a, b in pairwise(by_day))
    assert cross_report_conflicts([r.facts for r in reports]) == {}


def test_skewed_figures_give_recorded_findings_across_reports(tmp_path: Path) -> None:
    """Skewed figures contradict other reports; each contradiction is a truth finding of
    the report the check names, whose text prints the reported value, while the other
    report prints the expected one."""
    generate_corpus(tmp_path, 120, seed=6, bad_share=0.0, cross_share=0.3)
    truth = json.loads((tmp_path / "truth.json").read_text())
    across = [
        (name, item)
        for name, entry in truth.items()
        for item in entry["findings"]
        if item["check"] == "cross-report-value"
    ]
    assert len(across) > 20
    assert {item["severity"] for _, item in across} == {"Warning"}
    for name, item in across:
        assert item["planted"]
        expected, reported = item["numbers"]
        here = (tmp_path / name).read_text()
        there = (tmp_path / item["other"]).read_text()
        assert truth[name]["inspection"] == truth[item["other"]]["inspection"]
        for value, text in ((reported, here), (expected, there)):
            printed = f"{value:,}" if isinstance(value, int) else f"{value}%"
            assert re.search(rf"(?<![\d,.]){re.escape(printed)}(?![\d])", text), (name, value)


def test_cross_report_findings_by_hand() -> None:
    """Same-day counts that differ give a warning on the figures that do not give the value
    most reports give (on a tie, the earliest report's, by issue date then file name); a
    running total that falls gives one on the later figure."""
    petitions = "environmental petitions"
    june = date(2021, 6, 30)
    a = ReportFacts("a.txt", "central-hunan", date(2021, 8, 1), (
        Fact(petitions, "completed", "count", june, False, 120),
        Fact("people held accountable", None, "count", None, True, 80),
    ))  # fmt: skip
    b = ReportFacts("b.txt", "central-hunan", date(2021, 9, 1), (
        Fact(petitions, "completed", "count", june, False, 118, True),
        Fact("people held accountable", None, "count", None, True, 75, True),
    ))  # fmt: skip
    c = ReportFacts("c.txt", "central-hunan", date(2021, 9, 1), (
        Fact(petitions, "completed", "count", june, False, 120),
    ))  # fmt: skip
    d = ReportFacts("d.txt", "central-hubei", date(2021, 9, 1), (
        Fact(petitions, "completed", "count", june, False, 7),
    ))  # fmt: skip
    e = ReportFacts("e.txt", "central-hubei", date(2021, 9, 1), (
        Fact(petitions, "completed", "count", june, False, 9),
    ))  # fmt: skip
    found = cross_report_conflicts([a, b, c, d, e])
    summary = {
        name: sorted((f["other"], f["numbers"][0], f["numbers"][1], f["severity"]) for f in fs)
        for name, fs in found.items()
    }
    assert summary == {
        "b.txt": [("a.txt", 80, 75, "Warning"), ("a.txt", 120, 118, "Warning")],
        "e.txt": [("d.txt", 7, 9, "Warning")],
    }
