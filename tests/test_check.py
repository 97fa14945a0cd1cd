"""The reasoner check: HermiT (and Pellet) over the ontology plus data, reported in words."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import rdflib
from ducha.loaders.errors import InputError
from ducha.ontology.terms import DR, DUCHA, ONTOLOGY_IRI, load_ontology, ontology_path
from ducha.shapes.consistency import REASONING_DATA_QUERY, check_consistency
from rdflib import OWL, RDF, RDFS, URIRef

DATA = Path(__file__).parent / "data"
XIABAO = str(DR["water-body/xiabao-river"])

pytestmark = pytest.mark.skipif(shutil.which("java") is None, reason="the reasoners need Java")


def sample(name: str) -> rdflib.Graph:
    return rdflib.Graph().parse(DATA / name)


def test_the_ontology_alone_is_consistent_with_no_unsatisfiable_class() -> None:
    report = check_consistency()
    assert report.consistent and report.ok
    assert report.unsatisfiable_classes == []
    assert report.inconsistent_individuals == []
    assert report.describe().startswith("The ontology is consistent: ")
    assert "none unsatisfiable" in report.describe()


def test_a_node_typed_river_and_enterprise_is_named_as_the_culprit() -> None:
    report = check_consistency(sample("broken-river-enterprise.ttl"))
    assert not report.consistent
    assert report.inconsistent_individuals == [XIABAO]
    words = report.describe()
    assert words.startswith("Inconsistent: dr:water-body/xiabao-river is typed both")
    assert "ducha:River" in words and "ducha:Enterprise" in words and "disjoint" in words


def test_a_small_report_graph_written_by_the_data_model_is_consistent() -> None:
    report = check_consistency(sample("consistent-sample.ttl"))
    assert report.ok, report.describe()
    assert report.individuals > 30
    assert report.undeclared_terms == []
    assert "are consistent" in report.describe()


def test_a_type_implied_by_a_property_is_explained_with_that_property() -> None:
    data = rdflib.Graph()
    problem = DR["report/00000000000000c1/problem/1"]
    data.add((problem, RDF.type, DUCHA.Problem))
    data.add((problem, DUCHA.partOf, DR["report/00000000000000c1/figure/1"]))
    data.add((problem, URIRef(str(DUCHA) + "inAspekt"), DR["report/00000000000000c1/aspect/1"]))
    report = check_consistency(data)
    assert not report.consistent
    assert report.inconsistent_individuals == [str(problem)]
    assert "as the subject of ducha:partOf" in report.explanation
    assert report.undeclared_terms == [str(DUCHA) + "inAspekt"]
    assert "ducha:inAspekt" in report.describe()


def test_pellet_explains_what_the_disjointness_scan_cannot_see() -> None:
    # One mention of two entities: ducha:mentionOf is functional, so they would be one node,
    # a river and an enterprise at once. Only a reasoner sees that.
    data = rdflib.Graph()
    mention = DR["report/00000000000000c2/mention/1"]
    data.add((mention, DUCHA.mentionOf, DR["water-body/nanliu-river"]))
    data.add((mention, DUCHA.mentionOf, DR["enterprise/yinyi"]))
    data.add((DR["water-body/nanliu-river"], RDF.type, DUCHA.River))
    data.add((DR["enterprise/yinyi"], RDF.type, DUCHA.Enterprise))
    report = check_consistency(data, reasoner="pellet")
    assert not report.consistent
    assert set(report.inconsistent_individuals) & {
        str(DR["water-body/nanliu-river"]),
        str(DR["enterprise/yinyi"]),
    }
    assert "mentionOf" in report.explanation


def test_an_unsatisfiable_class_in_a_draft_ontology_is_reported() -> None:
    draft = load_ontology()
    chimera = URIRef(str(DUCHA) + "RiverCompany")
    draft.add((chimera, RDF.type, OWL.Class))
    draft.add((chimera, RDFS.subClassOf, DUCHA.River))
    draft.add((chimera, RDFS.subClassOf, DUCHA.Enterprise))
    report = check_consistency(ontology=draft)
    assert report.consistent and not report.ok
    assert report.unsatisfiable_classes == [str(chimera)]
    assert "can have no members: ducha:RiverCompany" in report.describe()


def test_a_store_hands_over_its_data_through_the_reasoning_query() -> None:
    store = ox.Store()
    store.load(path=str(ontology_path()), format=ox.RdfFormat.TURTLE,
               to_graph=ox.NamedNode(str(ONTOLOGY_IRI)))  # fmt: skip
    store.load(path=str(DATA / "broken-river-enterprise.ttl"), format=ox.RdfFormat.TURTLE,
               to_graph=ox.NamedNode(str(DR["report/00000000000000b1"])))  # fmt: skip
    data = rdflib.Graph()
    triples = store.query(REASONING_DATA_QUERY)
    assert isinstance(triples, ox.QueryTriples)
    for triple in triples:
        s, p, o = (URIRef(term.value) for term in (triple.subject, triple.predicate, triple.object))
        data.add((s, p, o))
    assert (URIRef(XIABAO), RDF.type, DUCHA.River) in data
    assert not any(s == DUCHA.River for s in data.subjects())  # the ontology graph stays out
    assert check_consistency(data).inconsistent_individuals == [XIABAO]


def test_an_unknown_reasoner_is_refused_before_anything_runs() -> None:
    unknown: Any = "fact"
    with pytest.raises(InputError, match="unknown reasoner 'fact'"):
        check_consistency(reasoner=unknown)
