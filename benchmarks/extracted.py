"""What ducha extracted from one report, read either from the report model or from the store.

:func:`from_report` reads a :class:`~ducha.loaders.model.Report` (what the benchmark
scores); :func:`from_store` asks the store with SPARQL (what the corpus tests check, so a
fact counts only if it reached the report's graph). Both give a
:class:`~benchmarks.scoring.Extracted` in the truth's shapes.

The store view expects a store that holds the one report (tests load each file into its
own in-memory store): entity labels and inspection dates live in the shared graph, where
other reports could add to them.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
from ducha.loaders import iri
from ducha.loaders.model import EntityKind, RelationKind, Report, SectionKind
from ducha.loaders.store import Store
from ducha.service.corpus import load_bytes
from ducha.service.settings import Settings

from benchmarks.scoring import Extracted, Names

__all__ = ["ENTITY_CLASSES", "from_report", "from_store", "store_extraction"]

# Truth key -> (model kind, ontology class) of the entities it lists.
ENTITY_CLASSES = {
    "inspection_groups": (EntityKind.INSPECTION_GROUP, "InspectionGroup"),
    "party_bodies": (EntityKind.PARTY_BODY, "PartyBody"),
    "government_bodies": (EntityKind.GOVERNMENT_BODY, "GovernmentBody"),
    "people": (EntityKind.PERSON, "Person"),
    "places": (EntityKind.PLACE, "Place"),
    "water_bodies": (EntityKind.WATER_BODY, "WaterBody"),
    "enterprises": (EntityKind.ENTERPRISE, "Enterprise"),
    "regulations": (EntityKind.REGULATION, "Regulation"),
}


def from_report(report: Report) -> Extracted:
    """The extraction held by a report model."""
    figures = report.figures
    found = Extracted(
        figures=[f.value for f in figures if f.value is not None],
        malformed_numbers=[f.span.quote(report.text) for f in figures if f.value is None],
        problems=len(report.sections_of(SectionKind.PROBLEM)),
    )
    numerators: dict[int, list[Decimal]] = defaultdict(list)
    denominators: dict[int, Decimal] = {}
    for rel in report.relations:
        source = figures[rel.source].value
        if rel.kind is RelationKind.STATED_COUNT:
            if source is not None:
                found.stated_counts.append(source)
            continue
        assert isinstance(rel.target, int)
        target = figures[rel.target].value
        if source is None or target is None:
            continue
        if rel.kind is RelationKind.PART_OF:
            found.parts.append((target, source))
        elif rel.kind is RelationKind.RATE_OF:
            numerators[rel.source].append(target)
        elif rel.kind is RelationKind.RATE_OVER:
            denominators[rel.source] = target
    for index in sorted(numerators.keys() | denominators.keys()):
        rate = figures[index].value
        assert rate is not None
        parts = numerators.get(index)
        found.rates.append(
            (rate, sum(parts, Decimal(0)) if parts else None, denominators.get(index))
        )
    for key, (kind, _cls) in ENTITY_CLASSES.items():
        found.entities[key] = [
            (e.name, set(e.aliases)) for e in report.entities.values() if e.kind is kind
        ]
    dates = set()
    if report.metadata.issued is not None:
        dates.add(("issued", report.metadata.issued.isoformat()))
    for inspection in report.inspections:
        for which, day in (
            ("start", inspection.start),
            ("end", inspection.end),
            ("feedback", inspection.feedback),
        ):
            if day is not None:
                dates.add((which, day.isoformat()))
    found.dates = sorted(dates)
    return found


def _rows(store: Store, sparql: str, report: str) -> list[dict[str, str | None]]:
    """Rows of a SELECT with ``?r`` bound to the report, as plain strings."""
    solutions = store.query(sparql, substitutions={"r": ox.NamedNode(report)})
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    rows = []
    for solution in solutions:
        row: dict[str, str | None] = {}
        for name in names:
            term = solution[name]
            row[name] = term.value if term is not None else None
        rows.append(row)
    return rows


def _decimal(value: str | None) -> Decimal:
    assert value is not None
    return Decimal(value)


_FIGURES = """
SELECT ?r ?f ?v WHERE { GRAPH ?r { ?f a ducha:ReportedFigure ; ducha:value ?v } }
"""
_MALFORMED = """
SELECT ?r ?f ?exact WHERE { GRAPH ?r {
  ?f a ducha:UnreadableNumber ; prov:wasDerivedFrom/oa:hasSelector ?sel .
  ?sel oa:exact ?exact } }
"""
_PARTS = """
SELECT ?r ?whole ?part WHERE { GRAPH ?r {
  ?p ducha:partOf ?w . ?p ducha:value ?part . ?w ducha:value ?whole } }
"""
_RATES = """
SELECT ?r ?rate ?value ?num ?den WHERE { GRAPH ?r {
  ?rate ducha:value ?value .
  { ?rate ducha:rateOf ?n . ?n ducha:value ?num } UNION
  { ?rate ducha:rateOver ?d . ?d ducha:value ?den } } }
"""
_STATED = """
SELECT ?r ?f ?v WHERE { GRAPH ?r { ?f ducha:statedCount ?list ; ducha:value ?v } }
"""
_PROBLEMS = """
SELECT ?r (COUNT(DISTINCT ?p) AS ?n) WHERE { GRAPH ?r { ?p a ducha:Problem } } GROUP BY ?r
"""
# Entities the report's graph points to, with their class and every name.
_ENTITIES = """
SELECT ?r ?e ?cls ?label ?alt WHERE {
  { GRAPH ?r { ?r ducha:mentions ?e } }
  UNION
  { GRAPH ?r { ?r ducha:answers|ducha:mentions ?i } ?i ducha:conductedBy ?e }
  ?e a ?type . ?type rdfs:subClassOf* ?cls .
  ?e rdfs:label ?label . FILTER(LANG(?label) != "zh")
  OPTIONAL { ?e skos:altLabel ?alt }
}
"""
_ISSUED = "SELECT ?r ?d WHERE { GRAPH ?r { ?r dcterms:issued ?d } }"
_INSPECTION_DATES_QUERY = """
SELECT ?r ?i ?start ?end ?feedback WHERE {
  GRAPH ?r { ?r ducha:answers|ducha:mentions ?i }
  ?i a ducha:Inspection .
  OPTIONAL { ?i ducha:startDate ?start }
  OPTIONAL { ?i ducha:endDate ?end }
  OPTIONAL { ?i ducha:feedbackDate ?feedback }
}
"""


def from_store(store: Store, report_iri: str) -> Extracted:
    """The extraction of one report as its graph in the store holds it."""
    found = Extracted(
        figures=[_decimal(row["v"]) for row in _rows(store, _FIGURES, report_iri)],
        malformed_numbers=[row["exact"] or "" for row in _rows(store, _MALFORMED, report_iri)],
        parts=[
            (_decimal(row["whole"]), _decimal(row["part"]))
            for row in _rows(store, _PARTS, report_iri)
        ],
        stated_counts=[_decimal(row["v"]) for row in _rows(store, _STATED, report_iri)],
    )
    problems = _rows(store, _PROBLEMS, report_iri)
    found.problems = int(problems[0]["n"] or 0) if problems else 0

    rates: dict[str, tuple[Decimal, list[Decimal], Decimal | None]] = {}
    for row in _rows(store, _RATES, report_iri):
        rate, nums, den = rates.get(row["rate"] or "", (_decimal(row["value"]), [], None))
        if row["num"] is not None:
            nums.append(Decimal(row["num"]))
        if row["den"] is not None:
            den = Decimal(row["den"])
        rates[row["rate"] or ""] = (rate, nums, den)
    found.rates = [
        (rate, sum(nums, Decimal(0)) if nums else None, den) for rate, nums, den in rates.values()
    ]

    by_class = {cls: key for key, (_kind, cls) in ENTITY_CLASSES.items()}
    names: dict[tuple[str, str], Names] = {}
    for row in _rows(store, _ENTITIES, report_iri):
        cls = row["cls"] or ""
        local = cls.removeprefix(iri.ONTOLOGY_NS)
        key = by_class.get(local) if local != cls else None
        if key is None or row["e"] is None:
            continue
        entry = names.setdefault((key, row["e"]), (row["label"] or "", set()))
        if row["alt"]:
            entry[1].add(row["alt"])
    for key in ENTITY_CLASSES:
        found.entities[key] = [entry for (k, _e), entry in sorted(names.items()) if k == key]

    dates = {("issued", row["d"] or "") for row in _rows(store, _ISSUED, report_iri)}
    for row in _rows(store, _INSPECTION_DATES_QUERY, report_iri):
        for which in ("start", "end", "feedback"):
            day = row[which]
            if day:
                dates.add((which, day))
    found.dates = sorted(dates)
    return found


def store_extraction(path: Path, *, max_bytes: int = 50 * 1024 * 1024) -> Extracted:
    """Load one report file through the real pipeline into a fresh in-memory store and read
    back what its graph holds (what the corpus tests check)."""
    store = Store.open(None)
    outcome = load_bytes(
        store,
        path.read_bytes(),
        path.name,
        settings=Settings(store=None, max_upload_bytes=max_bytes),
    )
    assert outcome.report_iri is not None
    return from_store(store, outcome.report_iri)
