"""The RDF mapping of a hand-made report, checked against docs/data-model.md."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pyoxigraph as ox
import pytest
from ducha.loaders import iri
from ducha.loaders.errors import InternalError
from ducha.loaders.model import (
    Entity,
    EntityKind,
    Figure,
    FigureRelation,
    Inspection,
    Mention,
    Metadata,
    Post,
    RelationKind,
    Report,
    Section,
    SectionKind,
    Span,
)
from ducha.loaders.rdf import report_quads
from ducha.loaders.store import Store

TEXT = (
    "Report on the rectification in Guangxi\n"
    "1. Rectification of problems\n"
    "(1) Rectification of the problem of water pollution\n"
    '1. Rectification of the problem of "the Nanliu River is dirty"\n'
    "A total of 115 tasks, 83 of them completed, a completion rate of 72.2%. "
    'The first is to formulate the "Water Plan of Guangxi". '
    "Yinyi Company was fined. Chen Liang, Director of the Department, led it. "
    "18 problems were fed back; 31,19815 letters.\n"
)


SENTENCE = "A total of 115 tasks, 83 of them completed"


def at(phrase: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(phrase, start + 1)
    return Span(start, start + len(phrase))


def whole(start_phrase: str) -> Span:
    return Span(TEXT.index(start_phrase), len(TEXT))


def make_report() -> Report:
    entities = [
        Entity(
            EntityKind.PLACE,
            "450000",
            "Guangxi",
            "province",
            {"Guangxi Zhuang Autonomous Region"},
            attributes={"adcode": "450000", "name_zh": "广西壮族自治区"},
        ),
        Entity(EntityKind.WATER_BODY, "nanliu-river", "Nanliu River", "river"),
        Entity(
            EntityKind.REGULATION,
            "water-plan-of-guangxi",
            "Water Plan of Guangxi",
            attributes={"document_type": "plan"},
        ),
        Entity(
            EntityKind.ENTERPRISE,
            "guangxi-yinyi",
            "Guangxi Yinyi New Materials Co., Ltd.",
            aliases={"Yinyi Company"},
        ),
        Entity(EntityKind.GOVERNMENT_BODY, "dee-guangxi", "Department of Ecology and Environment"),
        Entity(EntityKind.PERSON, "chen-liang", "Chen Liang"),
    ]
    return Report(
        text=TEXT,
        metadata=Metadata(
            title="Report on the rectification in Guangxi",
            issued=date(2023, 11, 16),
            regions=["Guangxi"],
            file_name="hand.txt",
            source="https://example.org/page",
        ),
        sections=[
            Section(
                SectionKind.PART,
                "1.",
                1,
                "Rectification of problems",
                at("1. Rectification of problems"),
                whole("1. Rectification of problems"),
            ),
            Section(
                SectionKind.ASPECT,
                "(1)",
                1,
                "water pollution",
                at("(1) Rectification of the problem of water pollution"),
                whole("(1) Rectification"),
                parent=0,
            ),
            Section(
                SectionKind.PROBLEM,
                "1.",
                1,
                "the Nanliu River is dirty",
                at('1. Rectification of the problem of "the Nanliu'),
                whole('1. Rectification of the problem of "the Nanliu'),
                parent=1,
            ),
            Section(
                SectionKind.MEASURE,
                "The first",
                1,
                "formulate the plan",
                at("The first is to formulate"),
                Span(TEXT.index("The first"), TEXT.index("Yinyi")),
                parent=2,
            ),
        ],
        entities={f"{e.kind}/{e.key}": e for e in entities},
        mentions=[
            Mention("450000", EntityKind.PLACE, at("Guangxi")),
            Mention("nanliu-river", EntityKind.WATER_BODY, at("Nanliu River")),
            Mention(
                "water-plan-of-guangxi",
                EntityKind.REGULATION,
                at("Water Plan of Guangxi"),
                role="issues",
            ),
            Mention("guangxi-yinyi", EntityKind.ENTERPRISE, at("Yinyi Company")),
        ],
        posts=[
            Post(
                "chen-liang",
                "Director",
                "dee-guangxi",
                at("Chen Liang, Director of the Department"),
            )
        ],
        inspections=[
            Inspection(
                "party-tour-guangxi",
                at("Report on the rectification"),
                inspection_type="party-tour",
                feedback=date(2023, 3, 3),
            )
        ],
        figures=[
            Figure(at("115"), Decimal(115), counts="tasks", quantity="tasks"),
            Figure(at("83"), Decimal(83), status="completed", counts="tasks"),
            Figure(at("72.2%"), Decimal("72.2"), unit="percent", printed_precision=1),
            Figure(at("18 problems"), Decimal(18), counts="problems"),
            Figure(at("31,19815"), None),
            Figure(at("1.5"), Decimal("1.5E+6"), unit="yuan")
            if "1.5" in TEXT
            else Figure(at("115"), Decimal("1.5E+6"), unit="yuan", quantity="tasks"),
        ],
        relations=[
            FigureRelation(RelationKind.PART_OF, 1, 0, complete=True, group=7, span=at(SENTENCE)),
            FigureRelation(RelationKind.RATE_OF, 2, 1),
            FigureRelation(RelationKind.RATE_OVER, 2, 0),
            FigureRelation(RelationKind.STATED_COUNT, 3, "problems"),
        ],
    )


@pytest.fixture(scope="module")
def loaded() -> tuple[Store, str]:
    report = make_report()
    quads = report_quads(report)
    store = Store.open(None)
    store.put_report(
        quads.report_iri,
        {quads.report_iri: quads.report},
        additions={quads.shared_graph: quads.shared},
    )
    return store, quads.report_iri


def ask_r(loaded: tuple[Store, str], pattern: str) -> bool:
    """ASK the pattern; ``dr:kind/key`` is written out as a full IRI (SPARQL local names
    cannot hold a slash) and ``?report`` is the loaded report."""
    store, report = loaded
    pattern = re.sub(r"\bdr:([\w/-]+)", r"<https://w3id.org/ducha/id/\1>", pattern)
    return bool(store.query("ASK { " + pattern.replace("?report", f"<{report}>") + " }"))


def test_report_iri_and_graphs() -> None:
    report = make_report()
    quads = report_quads(report)
    assert quads.report_iri == iri.DEFAULT_BASE + "report/" + report.digest
    assert {q.graph_name.value for q in quads.report} == {quads.report_iri}
    assert {q.graph_name.value for q in quads.shared} == {iri.DEFAULT_BASE + "graph/shared"}
    assert report_quads(report).report == quads.report  # deterministic
    other = report_quads(report, base="http://localhost:8000/id/")
    assert other.report_iri.startswith("http://localhost:8000/id/report/")


def test_report_metadata(loaded) -> None:
    assert ask_r(
        loaded,
        """?report a ducha:Report ; ducha:text ?t ; dcterms:issued "2023-11-16"^^xsd:date ;
        ducha:fileName "hand.txt" ; dcterms:source <https://example.org/page> ;
        ducha:region dr:place/450000 ; ducha:truncatedStart false ;
        ducha:answers dr:inspection/party-tour-guangxi .""",
    )


def test_sections_are_linked_per_the_data_model(loaded) -> None:
    _, report = loaded
    assert ask_r(
        loaded,
        f"""
        <{report}/aspect/1> a ducha:Aspect ; ducha:inPart <{report}/part/1> ; ducha:number "(1)" .
        <{report}/problem/1> a ducha:Problem ; ducha:inAspect <{report}/aspect/1> ;
            ducha:ordinal 1 ; ducha:inReport ?report .
        <{report}/measure/1> a ducha:Measure ; ducha:addresses <{report}/problem/1> .
        <{report}/list/problems> a ducha:ItemList ; ducha:itemKind ducha:Problem ;
            ducha:hasItem <{report}/problem/1> .""",
    )


def test_figures_relations_and_unreadable_numbers(loaded) -> None:
    store, report = loaded
    f = f"<{report}/figure/"
    assert ask_r(
        loaded,
        f"""
        {f}1> a ducha:ReportedFigure ; ducha:value 115.0 ; ducha:unit ducha:count ;
            ducha:qualifier ducha:exact ; ducha:quantity ?q .
        {f}2> ducha:partOf {f}1> ; ducha:status ducha:completed .
        <{report}/breakdown/1> a ducha:Breakdown ; ducha:inReport ?report ;
            ducha:breakdownOf {f}1> ; ducha:hasPart {f}2> ; prov:wasDerivedFrom ?sentence .
        ?sentence oa:hasSelector/oa:exact "A total of 115 tasks, 83 of them completed" .
        {f}3> ducha:rateOf {f}2> ; ducha:rateOver {f}1> ; ducha:unit ducha:percent ;
            ducha:printedPrecision 1 .
        {f}4> ducha:statedCount <{report}/list/problems> .
        {f}5> a ducha:UnreadableNumber .
        {f}6> ducha:quantity ?q .""",
    )
    assert not ask_r(loaded, f"{f}5> ducha:value ?v")
    assert not ask_r(loaded, f"{f}5> a ducha:ReportedFigure")
    # 1.5E+6 is written as a plain decimal, never in exponent form.
    rows = list(store.query(f"SELECT ?v WHERE {{ {f}6> ducha:value ?v }}"))
    assert rows[0]["v"].value == "1500000"


def test_mentions_go_to_the_innermost_section_and_roles_apply(loaded) -> None:
    _, report = loaded
    assert ask_r(
        loaded,
        f"""
        ?m a ducha:Mention ; ducha:mentionOf dr:water-body/nanliu-river .
        <{report}/problem/1> ducha:mentions dr:water-body/nanliu-river .
        <{report}/measure/1> ducha:mentions dr:regulation/water-plan-of-guangxi ;
            ducha:issues dr:regulation/water-plan-of-guangxi .
        ?report ducha:issues dr:regulation/water-plan-of-guangxi ;
            ducha:mentions dr:enterprise/guangxi-yinyi .
        dr:regulation/water-plan-of-guangxi ducha:citedIn ?report .""",
    )
    # A mention outside every measure is not pinned on the measure.
    assert not ask_r(
        loaded,
        f"<{report}/measure/1> ducha:mentions dr:enterprise/guangxi-yinyi",
    )


def test_shared_entities_posts_and_inspections(loaded) -> None:
    assert ask_r(
        loaded,
        """
        GRAPH dr:graph/shared {
          dr:place/450000 a ?province ; rdfs:label "Guangxi"@en, "广西壮族自治区"@zh ;
              skos:altLabel "Guangxi Zhuang Autonomous Region"@en ; ducha:adcode "450000" .
          dr:water-body/nanliu-river a ?river .
          dr:enterprise/guangxi-yinyi a ducha:Enterprise ; skos:altLabel "Yinyi Company"@en .
          dr:regulation/water-plan-of-guangxi ducha:documentType ducha:docPlan .
          dr:person/chen-liang a ducha:Person ; org:holds ?post .
          ?post org:role "Director"@en ; org:postIn dr:government-body/dee-guangxi .
          dr:inspection/party-tour-guangxi a ducha:Inspection ;
              ducha:inspectionType ducha:partyTour ; ducha:feedbackDate "2023-03-03"^^xsd:date .
        }""",
    )


def test_every_span_quotes_the_text_exactly(loaded) -> None:
    store, _ = loaded
    rows = list(
        store.query("""
        SELECT ?thing ?start ?end ?exact WHERE {
          ?thing prov:wasDerivedFrom ?span .
          ?span oa:hasSelector ?p, ?q .
          ?p oa:start ?start ; oa:end ?end . ?q oa:exact ?exact .
        }""")
    )
    assert len(rows) > 15
    for row in rows:
        assert TEXT[int(row["start"].value) : int(row["end"].value)] == row["exact"].value


def test_a_span_outside_the_text_is_an_internal_error() -> None:
    report = make_report()
    report.figures.append(Figure(Span(10, len(TEXT) + 5), Decimal(1)))
    with pytest.raises(InternalError, match="outside the report text"):
        report_quads(report)


def test_the_nquads_parse_strictly_and_hold_every_quad() -> None:
    # The stores read the mapping's text leniently (no IRI checks): every line must be valid
    # N-Quads as written, with the quads `report` and `shared` list, in their graphs.
    quads = report_quads(make_report())
    parsed = list(ox.parse(quads.nquads(), format=ox.RdfFormat.N_QUADS))
    assert parsed == [*quads.report, *quads.shared]
    written = [*quads.report_triples, *quads.span_types, *quads.shared_triples]
    assert len(parsed) == len(written)
    assert quads.span_types and all(" <http://www.w3.org/ns/oa#" in t for t in quads.span_types)


def test_literals_are_escaped_by_pyoxigraph() -> None:
    odd = 'a "quoted" back\\slash,\ta tab, a line\r\nbreak and 南宁'
    report = make_report()
    report.metadata = Metadata(title=odd, source="not a URL")
    quads = report_quads(report)
    titles = [q.object for q in quads.report if q.predicate.value.endswith("/title")]
    assert titles == [ox.Literal(odd, language="en")]
    sources = [q.object for q in quads.report if q.predicate.value.endswith("/source")]
    assert sources == [ox.Literal("not a URL")]


def test_a_malformed_source_url_is_kept_as_printed() -> None:
    # An IRI read from a document is checked by pyoxigraph (rdf_terms.checked_iri), never
    # written into the text unchecked; one that is no IRI stays a literal.
    report = make_report()
    report.metadata = Metadata(source="http://example.org/a{b}")
    quads = report_quads(report)
    sources = [q.object for q in quads.report if q.predicate.value.endswith("/source")]
    assert sources == [ox.Literal("http://example.org/a{b}")]
