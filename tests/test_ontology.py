"""The ontology file, its Python names and its concept schemes (no reasoner here: test_check)."""

from __future__ import annotations

import doctest
import re
from pathlib import Path
from types import ModuleType

import pyshacl
import pytest
import rdflib
from ducha.ontology import concepts, terms
from ducha.ontology.concepts import concept_for, concepts_of
from ducha.ontology.terms import DUCHA, ONTOLOGY_IRI, VERSION_IRI, load_ontology, ontology_path
from rdflib import OWL, RDF, RDFS, SKOS, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS

REPO = Path(__file__).parents[1]
NS = str(DUCHA)
TERM_KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


@pytest.fixture(scope="module")
def onto() -> rdflib.Graph:
    graph: rdflib.Graph = load_ontology()
    return graph


def ours(graph: rdflib.Graph, kind: URIRef) -> set[URIRef]:
    return {s for s in graph.subjects(RDF.type, kind) if isinstance(s, URIRef) and s.startswith(NS)}


def rdf_list(graph: rdflib.Graph, head: rdflib.term.Node | None) -> set[rdflib.term.Node]:
    assert head is not None
    return set(Collection(graph, head))


def langs(graph: rdflib.Graph, subject: rdflib.term.Node, prop: URIRef) -> set[str | None]:
    return {o.language for o in graph.objects(subject, prop) if isinstance(o, Literal)}


def test_file_is_packaged_and_parses_as_turtle(onto: rdflib.Graph) -> None:
    assert ontology_path().name == "ducha.ttl"
    assert ontology_path().is_file()
    assert len(onto) > 1000


def test_header_has_version_iri_and_dublin_core_metadata(onto: rdflib.Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    assert (ONTOLOGY_IRI, OWL.versionIRI, VERSION_IRI) in onto
    assert str(VERSION_IRI).endswith("/" + str(onto.value(ONTOLOGY_IRI, OWL.versionInfo)))
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.license, DCTERMS.created,
                 DCTERMS.modified, DCTERMS.creator):  # fmt: skip
        assert onto.value(ONTOLOGY_IRI, prop) is not None, prop
    assert {"en", "zh"} <= langs(onto, ONTOLOGY_IRI, DCTERMS.title)


def test_every_class_and_property_has_english_and_chinese_labels_and_a_comment(
    onto: rdflib.Graph,
) -> None:
    checked = 0
    for kind in TERM_KINDS:
        for term in ours(onto, kind):
            assert {"en", "zh"} <= langs(onto, term, RDFS.label), term
            assert "en" in langs(onto, term, RDFS.comment), term
            assert (term, RDFS.isDefinedBy, ONTOLOGY_IRI) in onto, term
            checked += 1
    assert checked >= 90


def test_chinese_labels_name_the_domain_terms(onto: rdflib.Graph) -> None:
    # The glossary of docs/domain.md §8, by hand.
    expected = {
        DUCHA.Inspection: "督察",
        DUCHA.InspectionGroup: "督察组",
        DUCHA.Measure: "整改措施",
        DUCHA.Problem: "问题",
        DUCHA.Report: "报告",
    }
    for term, label in expected.items():
        assert Literal(label, lang="zh") in set(onto.objects(term, RDFS.label))


def test_every_ducha_class_is_under_an_external_class(onto: rdflib.Graph) -> None:
    for cls in ours(onto, OWL.Class):
        ancestors = set(onto.transitive_objects(cls, RDFS.subClassOf)) - {cls}
        external = {a for a in ancestors if isinstance(a, URIRef) and not str(a).startswith(NS)}
        assert external, f"{cls} is not a subclass of any reused vocabulary's class"


def test_alignment_to_reused_vocabularies(onto: rdflib.Graph) -> None:
    org = rdflib.Namespace("http://www.w3.org/ns/org#")
    prov = rdflib.Namespace("http://www.w3.org/ns/prov#")
    eli = rdflib.Namespace("http://data.europa.eu/eli/ontology#")

    def under(cls: URIRef, sup: URIRef) -> bool:
        return sup in set(onto.transitive_objects(cls, RDFS.subClassOf))

    for body in (DUCHA.InspectionGroup, DUCHA.PartyBody, DUCHA.GovernmentBody, DUCHA.Enterprise):
        assert under(body, org.Organization)
    assert under(DUCHA.Inspection, prov.Activity)
    assert under(DUCHA.Person, prov.Person)
    assert under(DUCHA.Reservoir, prov.Location)
    assert under(DUCHA.County, prov.Location)
    assert under(DUCHA.ReportedFigure, prov.Entity)
    # Plans and notices are not legislation: only the defined class is an ELI legal resource.
    assert not under(DUCHA.Regulation, eli.LegalResource)
    assert under(DUCHA.Legislation, eli.LegalResource)
    assert (DUCHA.mentionOf, RDFS.subPropertyOf, URIRef("http://www.w3.org/ns/oa#hasBody")) in onto


@pytest.mark.parametrize("doc", ["docs/design.md", "docs/data-model.md"])
def test_every_term_the_docs_use_is_declared(onto: rdflib.Graph, doc: str) -> None:
    used = set(re.findall(r"ducha:([A-Za-z][A-Za-z0-9]*)", (REPO / doc).read_text("utf-8")))
    assert used, doc
    declared = {str(s)[len(NS) :] for s in onto.subjects(RDF.type, None) if str(s).startswith(NS)}
    assert used - declared == set()


def test_the_brief_s_property_list_is_declared_with_domains_and_ranges(onto: rdflib.Graph) -> None:
    object_properties = ours(onto, OWL.ObjectProperty)
    datatype_properties = ours(onto, OWL.DatatypeProperty)
    assert DUCHA.partOf in object_properties and DUCHA.statedCount in object_properties
    assert DUCHA.value in datatype_properties
    assert onto.value(DUCHA.value, RDFS.range) == rdflib.XSD.decimal
    assert onto.value(DUCHA.addresses, RDFS.domain) == DUCHA.Measure
    assert onto.value(DUCHA.addresses, RDFS.range) == DUCHA.Problem
    # Many kinds of resource are in a report: ducha:inReport must not force one of them.
    assert onto.value(DUCHA.inReport, RDFS.domain) is None
    # ducha:mentions is said of reports, problems and measures: a union, not three domains.
    domain = onto.value(DUCHA.mentions, RDFS.domain)
    members = rdf_list(onto, onto.value(domain, OWL.unionOf))
    assert members == {DUCHA.Report, DUCHA.Problem, DUCHA.Measure}


def test_disjointness_covers_the_kinds_of_thing(onto: rdflib.Graph) -> None:
    top = None
    for axiom in onto.subjects(RDF.type, OWL.AllDisjointClasses):
        members = rdf_list(onto, onto.value(axiom, OWL.members))
        if DUCHA.WaterBody in members:
            top = members
    assert top is not None
    org = URIRef("http://www.w3.org/ns/org#Organization")
    assert {org, DUCHA.Person, DUCHA.Place, DUCHA.WaterBody, DUCHA.Regulation,
            DUCHA.Report, DUCHA.StatedNumber} <= top  # fmt: skip


# -- terms.py ---------------------------------------------------------------------------------


def test_terms_py_and_the_turtle_declare_the_same_terms(onto: rdflib.Graph) -> None:
    in_python = {str(t) for t in dir(DUCHA)}
    in_turtle = {str(s) for s in onto.subjects(RDF.type, None) if str(s).startswith(NS)}
    assert in_python - in_turtle == set(), "in terms.py but not in ducha.ttl"
    assert in_turtle - in_python == set(), "in ducha.ttl but not in terms.py"


def test_closed_namespace_rejects_a_misspelt_term() -> None:
    assert DUCHA.ReportedFigure == URIRef(NS + "ReportedFigure")
    with pytest.raises(AttributeError):
        _ = DUCHA.ReportedFigures


def test_load_ontology_returns_an_independent_copy() -> None:
    first = load_ontology()
    first.add((DUCHA.Report, RDFS.seeAlso, URIRef("urn:x")))
    assert (DUCHA.Report, RDFS.seeAlso, URIRef("urn:x")) not in load_ontology()


@pytest.mark.parametrize("module", [terms, concepts])
def test_docstring_examples_run(module: ModuleType) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0


# -- concept schemes ------------------------------------------------------------------------


SCHEMES = {
    DUCHA.statusScheme: {"completed", "basicallyCompleted", "inProgress", "completedInStages",
                         "rectified", "closed", "onSchedule", "longTerm"},
    DUCHA.qualifierScheme: {"exact", "atLeast", "approximately", "atMost"},
    DUCHA.directionScheme: {"increase", "decrease"},
    DUCHA.inspectionTypeScheme: {"centralInspection", "lookBack", "specialInspection",
                                 "provincialInspection", "partyTour", "meeCampaign"},
    DUCHA.levelScheme: {"levelLaw", "levelAdministrativeRegulation", "levelPartyRegulation",
                        "levelDepartmentalRule", "levelNormativeDocument", "levelPlan",
                        "levelLocalRegulation", "levelLocalDocument"},
}  # fmt: skip


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_schemes_hold_the_concepts_the_brief_names(scheme: URIRef) -> None:
    assert {str(c)[len(NS) :] for c in concepts_of(scheme)} == SCHEMES[scheme]


def test_units_and_document_types_include_the_required_ones() -> None:
    units = {str(c)[len(NS) :] for c in concepts_of(DUCHA.unitScheme)}
    assert {"count", "yuan", "usDollar", "kilometre", "metre", "squareMetre", "hectare", "mu",
            "ton", "tonPerDay", "tonPerHour", "tonPerYear", "yuanPerTon", "cubicMetre",
            "cubicMetrePerDay", "percent", "percentagePoint", "person", "personTime", "year",
            "megawatt", "kilowattHour"} <= units  # fmt: skip
    types = {str(c)[len(NS) :] for c in concepts_of(DUCHA.documentTypeScheme)}
    assert {"doc" + t for t in ("Law", "Regulation", "PartyRegulation", "Rules", "Measures",
            "Plan", "Notice", "Opinions", "Letter", "KeyPoints", "Guidelines", "Programme",
            "Scheme", "Standard", "System", "Other")} <= types  # fmt: skip


def test_every_concept_is_labelled_in_both_languages_and_in_one_scheme(onto: rdflib.Graph) -> None:
    concept_nodes = set(onto.subjects(RDF.type, SKOS.Concept))
    assert len(concept_nodes) > 60
    for concept in concept_nodes:
        assert {"en", "zh"} <= langs(onto, concept, SKOS.prefLabel), concept
        schemes = set(onto.objects(concept, SKOS.inScheme))
        assert len(schemes) == 1 and schemes == set(onto.objects(concept, SKOS.topConceptOf))


def test_concept_names_do_not_clash_with_classes_or_properties(onto: rdflib.Graph) -> None:
    concept_names = {str(c)[len(NS) :] for c in onto.subjects(RDF.type, SKOS.Concept)}
    other_names = {str(t)[len(NS) :] for kind in TERM_KINDS for t in ours(onto, kind)}
    assert concept_names & other_names == set()


def test_units_map_to_qudt_where_qudt_has_them(onto: rdflib.Graph) -> None:
    qudt = "http://qudt.org/vocab/unit/"
    assert onto.value(DUCHA.kilometre, SKOS.exactMatch) == URIRef(qudt + "KiloM")
    assert onto.value(DUCHA.tonPerDay, SKOS.exactMatch) == URIRef(qudt + "TONNE-PER-DAY")
    assert onto.value(DUCHA.yuan, SKOS.exactMatch) == URIRef(qudt + "CCY_CNY")
    assert onto.value(DUCHA.mu, SKOS.exactMatch) is None  # QUDT has no mu


@pytest.mark.parametrize(
    ("scheme", "token", "expected"),
    [
        (DUCHA.statusScheme, "basically-completed", DUCHA.basicallyCompleted),
        (DUCHA.statusScheme, "in-stages", DUCHA.completedInStages),
        (DUCHA.statusScheme, "sold the number", DUCHA.closed),
        (DUCHA.qualifierScheme, "atLeast", DUCHA.atLeast),
        (DUCHA.unitScheme, "km", DUCHA.kilometre),
        (DUCHA.unitScheme, "%", DUCHA.percent),
        (DUCHA.documentTypeScheme, "key-points", DUCHA.docKeyPoints),
        (DUCHA.documentTypeScheme, "keyPoints", DUCHA.docKeyPoints),
        (DUCHA.documentTypeScheme, "partyRegulation", DUCHA.docPartyRegulation),
        (DUCHA.levelScheme, "administrativeRegulation", DUCHA.levelAdministrativeRegulation),
        (DUCHA.unitScheme, "t/d", DUCHA.tonPerDay),
        (DUCHA.unitScheme, "person-time", DUCHA.personTime),
        (DUCHA.levelScheme, "law", DUCHA.levelLaw),
        (DUCHA.documentTypeScheme, "law", DUCHA.docLaw),
        (DUCHA.inspectionTypeScheme, "party-tour", DUCHA.partyTour),
        (DUCHA.inspectionTypeScheme, "central", DUCHA.centralInspection),
        (DUCHA.unitScheme, "furlong", None),
    ],
)
def test_concept_for_reads_extractor_tokens(
    scheme: URIRef, token: str, expected: URIRef | None
) -> None:
    assert concept_for(scheme, token) == expected


def test_the_regulation_extractors_document_types_are_concepts() -> None:
    titles = pytest.importorskip("ducha.loaders.lang.en.titles", reason="not built yet")
    for token in {*titles.DOCUMENT_HEADS.values(), "partyRegulation", "other"}:
        assert concept_for(DUCHA.documentTypeScheme, token) is not None, token


def test_the_figure_extractors_units_statuses_and_qualifiers_are_concepts() -> None:
    units = pytest.importorskip("ducha.loaders.lang.en.units", reason="figures not built yet")
    for name in units.UNIT_NAMES:
        assert concept_for(DUCHA.unitScheme, name) is not None, name
    for _, status in units.STATUSES:
        assert concept_for(DUCHA.statusScheme, status) is not None, status
    for _, qualifier in units.QUALIFIERS:
        assert concept_for(DUCHA.qualifierScheme, qualifier) is not None, qualifier


# -- SHACL lint of the ontology -----------------------------------------------------------------


def lint(graph: rdflib.Graph) -> tuple[bool, str]:
    shapes = rdflib.Graph().parse(REPO / "shapes" / "ontology-lint.ttl")
    conforms, _, text = pyshacl.validate(graph, shacl_graph=shapes)
    return bool(conforms), str(text)


def test_the_ontology_passes_its_shacl_lint(onto: rdflib.Graph) -> None:
    conforms, text = lint(onto)
    assert conforms, text


def test_the_lint_catches_a_term_without_a_chinese_label(onto: rdflib.Graph) -> None:
    broken = load_ontology()
    broken.remove((DUCHA.River, RDFS.label, Literal("河流", lang="zh")))
    conforms, text = lint(broken)
    assert not conforms
    assert "River" in text


def test_docs_ontology_md_lists_every_term() -> None:
    page = (REPO / "docs" / "ontology.md").read_text("utf-8")
    missing = [str(t)[len(NS) :] for t in dir(DUCHA) if f"`ducha:{str(t)[len(NS) :]}`" not in page]
    assert missing == [], "regenerate the term tables of docs/ontology.md"


def test_every_label_and_notation_finds_its_own_concept(onto: rdflib.Graph) -> None:
    for concept in onto.subjects(RDF.type, SKOS.Concept):
        scheme = onto.value(concept, SKOS.inScheme)
        assert isinstance(scheme, URIRef)
        for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, SKOS.notation):
            for label in onto.objects(concept, prop):
                assert concept_for(scheme, str(label)) == concept, (concept, label)
