"""Facts the RDF mapping derives at load time (loaders/rdf_derived.py): a report's main
provinces and the accountability levels of part figures, on hand-made reports."""

from __future__ import annotations

from decimal import Decimal

from ducha.loaders.model import (
    Entity,
    EntityKind,
    Figure,
    FigureRelation,
    Mention,
    RelationKind,
    Report,
    Span,
)
from ducha.loaders.rdf import report_quads

DUCHA = "https://w3id.org/ducha/ontology#"


def at(text: str, phrase: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Span(start, start + len(phrase))


def derived(report: Report, prop: str) -> set[tuple[str, str]]:
    quads = report_quads(report)
    return {
        (q.subject.value, q.object.value) for q in quads.report if q.predicate.value == DUCHA + prop
    }


def place(key: str, name: str, subtype: str) -> Entity:
    return Entity(EntityKind.PLACE, key, name, subtype)


PROVINCES_TEXT = (
    "Guizhou and Yunnan rectified the Chishui River. Guizhou and Yunnan signed a plan. "
    "Bijie City in Guizhou reported. Zunyi City reported twice: Zunyi City."
)


def provinces_report(times_guizhou: int) -> Report:
    text = PROVINCES_TEXT
    entities = {
        "place/520000": place("520000", "Guizhou", "province"),
        "place/530000": place("530000", "Yunnan", "province"),
        "place/520300": place("520300", "Zunyi City", "city"),
    }
    mentions = [
        Mention("520000", EntityKind.PLACE, at(text, "Guizhou", k)) for k in range(times_guizhou)
    ]
    mentions += [Mention("530000", EntityKind.PLACE, at(text, "Yunnan", k)) for k in range(2)]
    # Zunyi is named most often of all places, but it is not a province.
    mentions += [Mention("520300", EntityKind.PLACE, at(text, "Zunyi City", k)) for k in range(2)]
    mentions += [Mention("520300", EntityKind.PLACE, at(text, "Zunyi City", 1))]
    return Report(text=text, entities=entities, mentions=mentions)


def test_the_main_province_is_the_one_named_most_often() -> None:
    report = provinces_report(times_guizhou=3)
    me = "https://w3id.org/ducha/id/report/" + report.digest
    assert derived(report, "mainProvince") == {(me, "https://w3id.org/ducha/id/place/520000")}


def test_provinces_named_equally_often_are_each_main() -> None:
    report = provinces_report(times_guizhou=2)
    assert {o for _, o in derived(report, "mainProvince")} == {
        "https://w3id.org/ducha/id/place/520000",
        "https://w3id.org/ducha/id/place/530000",
    }


def test_a_report_naming_no_province_has_no_main_province() -> None:
    text = "Zunyi City rectified the river."
    report = Report(
        text=text,
        entities={"place/520300": place("520300", "Zunyi City", "city")},
        mentions=[Mention("520300", EntityKind.PLACE, at(text, "Zunyi City"))],
    )
    assert derived(report, "mainProvince") == set()


ACCOUNTABILITY_TEXT = (
    "A total of 42 Party organizations were held accountable, of which 3 at the department "
    "and Bureau level, 30 at the county level and 9 of the township and section level. "
    "Of 115 tasks, 83 at the county level were completed."
)


def figure(text: str, phrase: str, value: int) -> Figure:
    return Figure(at(text, phrase), Decimal(value))


def test_parts_of_an_accountability_count_get_their_level() -> None:
    text = ACCOUNTABILITY_TEXT
    figures = [
        figure(text, "42", 42),
        figure(text, "3 at", 3),
        figure(text, "30", 30),
        figure(text, "9 of", 9),
        figure(text, "115", 115),
        figure(text, "83", 83),
    ]
    # Spans of the numbers alone (the helper found them by the words after them).
    figures = [
        Figure(Span(f.span.start, f.span.start + len(str(f.value))), f.value) for f in figures
    ]
    relations = [FigureRelation(RelationKind.PART_OF, k, 0) for k in (1, 2, 3)]
    relations.append(FigureRelation(RelationKind.PART_OF, 5, 4))
    report = Report(text=text, figures=figures, relations=relations)
    me = "https://w3id.org/ducha/id/report/" + report.digest
    assert derived(report, "accountabilityLevel") == {
        (f"{me}/figure/2", "department and Bureau level"),
        (f"{me}/figure/3", "county level"),
        (f"{me}/figure/4", "township and section level"),
        # 83 says "at the county level", but 115 tasks are not an accountability count.
    }
