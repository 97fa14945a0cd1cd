"""Generate report texts that look like real rectification reports, with their truth.

    python benchmarks/generate_corpus.py --reports N [--seed S] [--bad-share 0.1]
        [--cross-share 0.05] --out DIR

Writes ``DIR/gen-00000.txt`` … and ``DIR/truth.json`` (the format of service/samples/
README.md, plus ``aspects`` and ``measures``: how many of each the text numbers, and
``inspection``: the key of the inspection it answers). The same ``--seed`` gives the same
report files, byte for byte, for any ``--reports``: report *i* depends only on the seed and
*i*. Its truth's cross-report findings depend on which other reports the corpus holds.

Two styles, as in the two seed reports:

- party-group circulars: an inspection group of a provincial Party committee inspected a
  department's Party group; part 1 states "N rectification measures for the P problems in A
  aspects" with a status breakdown, lists general measures "(1) …"; part 2 lists aspects
  "(1) Rectification of the problem of "…"", problems numbered "1." across aspects and
  measures "(1) …", some with inline "The first is to … The second is to …";
- provincial reports: a central inspection group inspected a province; part 1 lists
  measures "(1) …"; part 2 lists aspects "(1) Comprehensively rectify the problem of "…""
  with inline "First, … Second, …" measures and no numbered problems.

Measures hold figure sentences (:mod:`benchmarks.corpus_text`: complete status
breakdowns, "of which" parts, rates with their counts, accountability by level, money,
capacities, counts, as-of dates), water bodies, enterprises, cities, people with posts
and regulations (quoted and unquoted national acts from the registry, quoted local
documents) from shared pools (:mod:`benchmarks.corpus_pools`), so reports overlap.
Lengths are drawn log-uniformly between 2 and 60 KB. As in machine-translated reports, some
numbered problems say which act they violate ("The problem was in violation of the …", a
``ducha:violates`` link) and some reports carry a number garbled beyond reading ("21013
years to 2015", recorded in ``malformed_numbers``); both are drawn from a random stream of
their own, so adding them left every other sentence of the corpus as it was. A share
``--bad-share`` of the sentences that can be inconsistent (breakdowns, parts, rates, the
stated number of problems) is made inconsistent, and each one is recorded in the truth's
``findings``.

Reports about one inspection (several per inspection: 12 provinces, a central inspection
and a party-group inspection a year for four years) read its dates, group, problems and
figures from one state (:mod:`benchmarks.corpus_inspections`), so they agree with each
other; as-of dates are mostly month ends, so reports often state the same figure as of the
same day. A share ``--cross-share`` of the figure sentences about the inspection is skewed
to contradict it (fewer completed than other reports say as of the same day, a running
total lower than earlier reports give); the findings that gives across reports
(:mod:`benchmarks.corpus_conflicts`) are added to the truth's ``findings`` of the report
the audit should name.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus_conflicts import ReportFacts, cross_report_conflicts
from benchmarks.corpus_inspections import InspectionState
from benchmarks.corpus_pools import (
    ASPECT_TITLES,
    BRAND_WORDS,
    FILLER,
    GIVEN_NAMES,
    INDUSTRIES,
    INLINE_LEADS,
    LOCAL_DOCUMENTS,
    MEASURE_LEADS,
    POSTS,
    PROBLEM_TITLES,
    PROVINCES,
    SURNAMES,
    Province,
    registry_titles,
)
from benchmarks.corpus_text import FIGURE_SENTENCES, SKEWABLE, Slot, Truth, count, day

__all__ = ["GeneratedReport", "generate_corpus", "generate_report", "main"]

MIN_BYTES, MAX_BYTES = 2_000, 60_000
# Sentence kinds that can be made inconsistent (the others have nothing to contradict).
_CHECKABLE = {"status_breakdown", "rate_with_stages", "rate_of_whole", "of_which", "accountability"}
# Kinds stating an undated fact about the inspection: a report states each once (a second
# one would repeat it word for word); further draws give meetings instead.
_ONCE = {"rate_of_whole", "of_which", "accountability"}
_YEARS = (2019, 2020, 2021, 2022)  # years party-group inspections start in
_MARKER_WORDS = (
    "amber", "basalt", "cedar", "drizzle", "ember", "fjord", "garnet", "harbour", "indigo",
    "juniper", "kestrel", "lantern", "meadow", "nectar", "orchard", "pebble", "quartz",
    "russet", "saffron", "thistle", "umber", "velvet", "willow", "yarrow", "zephyr",
    "acorn", "bramble", "cobalt", "dune", "elm",
)  # fmt: skip


@dataclass(frozen=True)
class GeneratedReport:
    """One generated report: its file name, text and truth entry."""

    name: str
    text: str
    truth: dict[str, Any]
    facts: ReportFacts  # its figures about the inspection, for the cross-report truth


class _Writer:
    """Writes one report's body, drawing from the pools and recording the truth."""

    def __init__(
        self,
        rng: random.Random,
        province: Province,
        inspection: InspectionState,
        issued: date,
        shares: tuple[float, float],
        quirks: random.Random,
    ) -> None:
        self.rng, self.province, self.inspection, self.issued = rng, province, inspection, issued
        self.quirks = quirks  # violations and garbled numbers (see the module's doc)
        self.bad_share, self.cross_share = shares
        self.truth = Truth()
        self.measures = 0
        self.stated: set[str] = set()  # kinds in _ONCE already written
        self.as_of_range = (inspection.feedback + timedelta(days=30), issued - timedelta(days=5))

    def bad(self) -> bool:
        return self.rng.random() < self.bad_share

    def as_of(self) -> date:
        """A day to state figures as of: mostly a month's end, as reports do."""
        first, last = self.as_of_range
        month_ends = _month_ends(first, last)
        if month_ends and self.rng.random() < 0.7:
            return self.rng.choice(month_ends)
        return first + timedelta(days=self.rng.randint(0, (last - first).days))

    def figure_sentence(self) -> str:
        functions = [f for f, _ in FIGURE_SENTENCES]
        weights = [w for _, w in FIGURE_SENTENCES]
        function = self.rng.choices(functions, weights)[0]
        kind = function.__name__
        if kind in _ONCE and kind in self.stated:
            function, kind = _FALLBACK, "meetings"
        self.stated.add(kind)
        bad = kind in _CHECKABLE and self.bad()
        skewed = not bad and kind in SKEWABLE and self.rng.random() < self.cross_share
        slot = Slot(self.truth, self.rng, self.inspection, self.as_of(), self.issued, bad, skewed)
        return function(slot)

    def entity_sentence(self) -> str:
        rng, t, province = self.rng, self.truth, self.province
        kind = rng.choice(("water", "enterprise", "regulation", "document", "person", "city"))
        if kind == "water":
            water = t.name("water_bodies", rng.choice(province.waters))
            return (
                f"Up to now, the pollution problem of the {water} has been rectified and the "
                "water quality of the monitored section has remained stable."
            )
        if kind == "enterprise":
            enterprise = t.name(
                "enterprises", f"{rng.choice(BRAND_WORDS)} {rng.choice(INDUSTRIES)}"
            )
            city = t.name("places", rng.choice(province.cities))
            return (
                f"{enterprise} in {city} has completed the renovation of its wastewater "
                "treatment facilities and passed the acceptance."
            )
        if kind == "regulation":
            title = t.name("regulations", rng.choice(registry_titles()))
            if rng.random() < 0.5:
                return (
                    f'In accordance with the "{title}", the responsible units carried out '
                    "special law enforcement inspections."
                )
            return f"The {title} was strictly implemented in the special law enforcement work."
        if kind == "document":
            title = rng.choice(LOCAL_DOCUMENTS).format(province=province.short)
            t.name("regulations", title)
            return f'Issued the "{title}" to promote the standardization of rectification.'
        if kind == "person":
            # One name is one person within a report (so ducha rightly reads a second
            # "Sun Lihua, Deputy Director ..." as the same Sun Lihua): draw the name of a
            # new person among the names the report has not used yet.
            used = {p.split(" (")[0] for p in t.entities.get("people", [])}
            name = f"{rng.choice(SURNAMES)} {rng.choice(GIVEN_NAMES)}"
            while name in used and len(used) < len(SURNAMES) * len(GIVEN_NAMES):
                name = f"{rng.choice(SURNAMES)} {rng.choice(GIVEN_NAMES)}"
            post = rng.choice(POSTS)
            t.name("people", f"{name} ({post})")
            return (
                f"{name}, {post}, presided over the special meeting and personally "
                "supervised the rectification of key issues."
            )
        city = t.name("places", rng.choice(province.cities))
        return (
            f"The responsible units in {city} completed the demolition of illegal buildings "
            "in the nature reserve and the greening project."
        )

    def body(self, sentences: int) -> str:
        """A measure's body: filler, figure sentences and named things, in random order."""
        parts = [self.rng.choice(FILLER)]
        for _ in range(sentences):
            roll = self.rng.random()
            parts.append(self.figure_sentence() if roll < 0.55 else self.entity_sentence())
        return " ".join(parts)

    def measure(self, number: int, sentences: int) -> str:
        self.measures += 1
        lead = self.rng.choice(MEASURE_LEADS)
        return f"({number}) {lead}. {self.body(sentences)}"

    def inline_measures(self, style: str) -> str:
        """ "The first is to …" (party-group) or "First, …" (provincial) measures."""
        words = ("first", "second", "third", "fourth")
        chunks = []
        for i in range(self.rng.randint(2, 4)):
            self.measures += 1
            lead = self.rng.choice(INLINE_LEADS)
            opening = (
                f"The {words[i]} is to {lead}."
                if style == "party"
                else f"{words[i].capitalize()}, {lead}."
            )
            chunks.append(f"{opening} {self.body(self.rng.randint(1, 2))}")
        return " ".join(chunks)


# Of the numbered problems, the share that names the act it violates; of the reports, the
# share with a garbled number.
VIOLATION_SHARE = 0.15
GARBLED_SHARE = 0.1

_FALLBACK = next(f for f, _ in FIGURE_SENTENCES if f.__name__ == "meetings")


def _month_ends(first: date, last: date) -> list[date]:
    """The last days of months between ``first`` and ``last``, both included."""
    ends, year, month = [], first.year, first.month
    while (end := date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)) <= last:
        if end >= first:
            ends.append(end)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return ends


def _marker(index: int) -> str:
    """Three words unique to report ``index`` (for up to 27,000 reports; then repeats)."""
    n = len(_MARKER_WORDS)
    return " ".join(_MARKER_WORDS[(index // n**k) % n] for k in range(3))


def _party_group(w: _Writer, target: int, dates: tuple[date, ...], ordinal: str) -> str:
    rng, t, p, inspection = w.rng, w.truth, w.province, w.inspection
    start, end, feedback, issued = dates
    committee = t.name("party_bodies", f"{p.short} Party Committee")
    group = t.name(
        "party_bodies", f"Party Group of the Department of Ecology and Environment of {p.short}"
    )
    t.name("government_bodies", f"Department of Ecology and Environment of {p.short}")
    inspectors = t.name("inspection_groups", f"{ordinal} Inspection Group of the {committee}")
    t.name("places", p.short)
    # The inspection fed back its problems in aspects: every report about it lists them.
    problems, aspects = inspection.problems()
    aspects = min(len(ASPECT_TITLES), aspects)
    per_aspect = [
        problems // aspects + (1 if i < problems % aspects else 0) for i in range(aspects)
    ]
    stated = problems
    if w.bad():  # the summary miscounts the problems it then lists
        stated = problems + rng.choice((-1, 1, 2)) if problems > 1 else problems + 1
        t.violation(
            "stated-count",
            [stated, problems],
            f"The report states {stated} problems but lists {problems}.",
        )
    tasks = inspection.progress("rectification tasks", issued)
    measures_total, done, basic, going = tasks.whole, tasks.completed, tasks.basic, tasks.going
    lines = [
        f"Circular of the {group} on the progress of the rectification of the inspection "
        f"of the {inspectors}",
        "",
        f"According to the unified deployment of the {committee}, from {day(start)} to "
        f"{day(end)}, the {inspectors} conducted a routine inspection of the {group}. On "
        f"{day(feedback)}, the {ordinal} Inspection Group gave feedback on the inspection "
        "opinions to the Party Group of the Department. In accordance with the relevant "
        "requirements, the progress of the rectification is hereby announced:",
        "",
        "1. The party group of the department organizes the implementation of rectification",
        "",
        f"The Party Group of the Department regards the rectification as the primary political "
        f"task, and studies and formulates {count(measures_total)} rectification measures for "
        f"the {stated} problems in {aspects} aspects pointed out by the inspection feedback. "
        f"Up to now, {count(done)} of the {count(measures_total)} rectification tasks have been "
        f"completed, {count(basic)} have been basically completed, and {count(going)} are "
        "progressing in an orderly manner.",
    ]
    t.aliases.setdefault(inspectors, []).append(f"{ordinal} Inspection Group")
    for value in (measures_total, stated, aspects, done, measures_total, basic, going):
        t.figure(value)
    t.stated_counts += [[stated, "problems"], [aspects, "aspects"]]
    t.relation(measures_total, [done, basic, going], complete=True)
    t.fact("rectification measures", measures_total)
    for status, value in (
        (None, measures_total),
        ("completed", done),
        ("basicallyCompleted", basic),
        ("inProgress", going),
    ):
        t.fact("rectification tasks", value, status=status)  # fmt: skip
    for i in range(rng.randint(2, 4)):
        lines += ["", w.measure(i + 1, rng.randint(1, 2))]
    lines += ["", "2. Inspect and feedback the rectification of problems"]
    number = 0
    titles = inspection.rng("aspects").sample(ASPECT_TITLES, aspects)
    for a, title in enumerate(titles):
        lines += ["", f'({a + 1}) Rectification of the problem of "{title}"']
        for _ in range(per_aspect[a]):
            number += 1
            problem = rng.choice(PROBLEM_TITLES)
            lines += ["", f'{number}. Rectification of the problem of "{problem}".']
            if w.quirks.random() < VIOLATION_SHARE:
                act = t.name("regulations", w.quirks.choice(registry_titles()))
                lines += ["", f"The problem was in violation of the {act}."]
            for m in range(rng.randint(1, 3)):
                text = w.measure(m + 1, rng.randint(1, 3))
                if rng.random() < 0.3:
                    text += " " + w.inline_measures("party")
                lines += ["", text]
    t.problems, t.aspects = problems, aspects
    return "\n".join(lines)


def _provincial(w: _Writer, target: int, dates: tuple[date, ...], ordinal: str) -> str:
    rng, t, p = w.rng, w.truth, w.province
    start, end, feedback, _ = dates
    inspectors = t.name(
        "inspection_groups", f"{ordinal} Central Eco-environmental Protection Inspection Group"
    )
    t.name("places", p.name)
    t.aliases.setdefault(p.name, []).append(p.short)
    t.name("party_bodies", f"{p.short} Provincial Party Committee")
    t.name("government_bodies", f"{p.short} provincial government")
    lines = [
        f"{p.short} publicly announces the progress of the rectification of the central "
        "eco-environmental protection inspection",
        "",
        f"From {day(start)} to {day(end)}, the {inspectors} carried out the second round of "
        f"eco-environmental protection inspection in {p.name}, and formally fed back the "
        f"inspection report on {day(feedback)}. The {p.short} Provincial Party Committee and "
        "the provincial government attach great importance to the rectification work. "
        + w.figure_sentence()
        + " The implementation of the rectification is now made public.",
        "1. Unswervingly shoulder the political responsibility of rectification",
    ]
    for i in range(rng.randint(2, 5)):
        lines.append(w.measure(i + 1, rng.randint(1, 3)))
    lines.append("2. Persistently promote the comprehensive rectification of the problems")
    aspects = max(1, min(len(ASPECT_TITLES), round(target / 2200)))
    for a, title in enumerate(rng.sample(ASPECT_TITLES, aspects)):
        lines.append(
            f'({a + 1}) Comprehensively rectify the problem of "{title}". '
            f"{rng.choice(FILLER)} {w.inline_measures('provincial')}"
        )
    t.problems, t.aspects = 0, aspects
    return "\n".join(lines)


def generate_report(
    index: int, *, seed: int = 0, bad_share: float = 0.1, cross_share: float = 0.05
) -> GeneratedReport:
    """Report ``index`` of the corpus of ``seed``: the same arguments give the same report.

    ``bad_share`` of the checkable figure sentences are inconsistent in themselves,
    ``cross_share`` of those about the inspection contradict it (see the module docstring).
    """
    rng = random.Random(f"ducha-corpus:{seed}:{index}")
    province = rng.choice(PROVINCES)
    target = round(math.exp(rng.uniform(math.log(MIN_BYTES), math.log(MAX_BYTES))))
    style = rng.choice(("party-group", "provincial"))
    if style == "party-group":
        inspection = InspectionState.party(seed, province.short, rng.choice(_YEARS))
    else:
        inspection = InspectionState.central(seed, province.short)
    start, end, feedback = inspection.start, inspection.end, inspection.feedback
    issued = feedback + timedelta(days=rng.randint(150, 400))
    dates = (start, end, feedback, issued)
    quirks = random.Random(f"ducha-corpus-quirks:{seed}:{index}")
    writer = _Writer(rng, province, inspection, issued, (bad_share, cross_share), quirks)
    write: Callable[[_Writer, int, tuple[date, ...], str], str]
    write = _party_group if style == "party-group" else _provincial
    body = write(writer, target, dates, inspection.ordinal)
    malformed = []
    if quirks.random() < GARBLED_SHARE:  # a year with a digit too many, as MT prints it
        year = str(quirks.randint(2010, issued.year - 1))
        malformed.append(year[0] + "1" + year[1:])
        writer.truth.findings.append(
            {
                "check": "unreadable-number",
                "severity": "Warning",
                "numbers": [int(malformed[0])],
                "what": f"'{malformed[0]} years to {issued.year}' cannot be read as a number.",
            }
        )
        body += (
            f"\n\n{malformed[0]} years to {issued.year}, every problem fed back by the "
            "inspection was entered in the rectification ledger."
        )
    marker = _marker(index)
    name = f"gen-{index:05d}.txt"
    text = (
        f"Source: https://example.org/ducha/generated/{seed}/{name}\n"
        f"Release Time: {issued.isoformat()}\n"
        f"Region: China,{province.short}\n\n"
        f"{body}\n\nThe {marker} ledger was set up to track every task until it is closed.\n"
    )
    t = writer.truth
    truth: dict[str, Any] = {
        "source": f"https://example.org/ducha/generated/{seed}/{name}",
        "raw": None,
        "lang": "en",
        "genre": f"generated {style} report",
        "marker": f"The {marker} ledger was set up",
        "figures": t.figures,
        "not_figures": [],
        "malformed_numbers": malformed,
        "parts": t.parts,
        "rates": t.rates,
        "stated_counts": t.stated_counts,
        **{
            kind: t.entities.get(kind, [])
            for kind in (
                "inspection_groups",
                "party_bodies",
                "government_bodies",
                "people",
                "places",
                "water_bodies",
                "enterprises",
                "regulations",
            )
        },
        "aliases": t.aliases,
        "problems": t.problems,
        "aspects": t.aspects,
        "measures": writer.measures,
        "dates": {
            "start": start.isoformat(),
            "end": end.isoformat(),
            "feedback": feedback.isoformat(),
            "issued": issued.isoformat(),
        },
        "findings": t.findings,
        "clean": t.clean,
        "inspection": inspection.key,
        "notes": f"Generated (seed {seed}, report {index}, style {style}).",
    }
    facts = ReportFacts(name, inspection.key, issued, tuple(t.facts))
    return GeneratedReport(name, text, truth, facts)


def generate_corpus(
    out: Path,
    reports: int,
    *,
    seed: int = 0,
    bad_share: float = 0.1,
    cross_share: float = 0.05,
) -> int:
    """Write ``reports`` reports and their ``truth.json`` into ``out``; returns bytes written.

    The truth's ``findings`` of each report are those planted in it and those across
    reports (:func:`benchmarks.corpus_conflicts.cross_report_conflicts`) it should carry.
    """
    out.mkdir(parents=True, exist_ok=True)
    truth: dict[str, Any] = {}
    facts: list[ReportFacts] = []
    written = 0
    for index in range(reports):
        report = generate_report(index, seed=seed, bad_share=bad_share, cross_share=cross_share)
        data = report.text.encode("utf-8")
        (out / report.name).write_bytes(data)
        written += len(data)
        truth[report.name] = report.truth
        facts.append(report.facts)
    for name, findings in cross_report_conflicts(facts).items():
        truth[name]["findings"].extend(findings)
    (out / "truth.json").write_text(json.dumps(truth, indent=1, ensure_ascii=False) + "\n")
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, required=True, help="how many reports")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument(
        "--bad-share", type=float, default=0.1, help="share of checkable figures made wrong"
    )
    parser.add_argument(
        "--cross-share",
        type=float,
        default=0.05,
        help="share of figures about the inspection made to contradict other reports",
    )
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    args = parser.parse_args(argv)
    written = generate_corpus(
        args.out,
        args.reports,
        seed=args.seed,
        bad_share=args.bad_share,
        cross_share=args.cross_share,
    )
    print(f"{args.reports} reports, {written / 1e6:.1f} MB in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
