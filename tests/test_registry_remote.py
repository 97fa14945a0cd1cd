"""The regulation registry and mention resolution on the external store (issue 7).

Runs against the real Virtuoso that tests/test_remote_store.py starts (its fixtures are
imported, so they behave the same; when both modules run, each starts its own server). The
reports go through ``service.corpus.load_paths`` with settings pointing at Virtuoso, exactly
as ``ducha load`` sends them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox
import pytest
from ducha.loaders import iri
from ducha.loaders.registry import REGISTRY_DATASET, default_registry, entry_iri
from ducha.loaders.remote import RemoteStore
from ducha.loaders.store import Store
from ducha.queries.catalogue import catalogue
from ducha.service.corpus import load_paths
from ducha.service.settings import Settings
from test_remote_store import _answers, _settings, remote, virtuoso

__all__ = ["remote", "virtuoso"]  # the imported fixtures, so that pytest finds them here

pytestmark = pytest.mark.virtuoso

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
# A bundled report whose text says projects occupied rivers "in violation of the Water Law".
SAMPLE = REPO / "service" / "samples" / "second-round-accountability.txt"
WATER_LAW = entry_iri("law/1988/water-law")
SUPERVISION_REGULATIONS = entry_iri(
    "administrative-regulation/2021/supervision-law-implementing-regulations"
)
INSPECTION_RULES_2019 = entry_iri(
    "party-regulation/2019/central-eco-environmental-protection-inspection-work-rules"
)
SHARED = iri.shared_graph_iri()
VOID_IN_DATASET = "http://rdfs.org/ns/void#inDataset"


def load(store: Store, files: Sequence[Path], env: dict[str, str] | None) -> list[str]:
    """Load ``files`` into ``store`` (Virtuoso when ``env`` is given); the report IRIs."""
    settings = (
        _settings(env).model_copy(update={"workers": 1})
        if env is not None
        else Settings(store=None, workers=1)
    )
    outcomes = load_paths(store, list(files), settings=settings)
    assert all(o.status != "error" and o.report_iri for o in outcomes), outcomes
    return [o.report_iri for o in outcomes if o.report_iri]


def count(store: Store, sparql: str) -> int:
    rows = list(store.query(sparql))
    return int(rows[0]["n"].value)


def regulation_nodes(store: Store) -> int:
    return count(store, "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a ducha:Regulation }")


def registry_acts(store: Store) -> int:
    """Acts of the shipped registry in the shared graph."""
    dataset = iri.DEFAULT_BASE + REGISTRY_DATASET
    return count(
        store,
        f"SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE {{ GRAPH <{SHARED}> {{ "
        f"?r a ducha:Regulation ; <{VOID_IN_DATASET}> <{dataset}> }} }}",
    )


def citing(store: Store, act: str | ox.NamedNode) -> object:
    """Answers of the catalogue question reports-citing-regulation for ``act``."""
    question = catalogue()["reports-citing-regulation"]
    value = act if isinstance(act, ox.NamedNode) else ox.Literal(act)
    return _answers(store.query(question.sparql, substitutions={"act": value}))


def test_the_registry_is_in_virtuosos_shared_graph_and_a_mention_resolves(
    virtuoso: dict[str, str], remote: RemoteStore
) -> None:
    (report,) = load(remote, [SAMPLE], virtuoso)
    assert registry_acts(remote) == len(default_registry())
    assert bool(
        remote.query(
            f"ASK {{ GRAPH <{SHARED}> {{ <{WATER_LAW}> dcterms:title "
            "'中华人民共和国水法'@zh , \"Water Law of the People's Republic of China\"@en } }"
        )
    )
    # "the Water Law" is the official title once "of the People's Republic of China" is
    # dropped: an exact match, and the act (not a report-local node) is cited by the report.
    rows = list(
        remote.query(
            f"SELECT ?method ?score WHERE {{ ?m ducha:mentionOf <{WATER_LAW}> ; "
            f"ducha:inReport <{report}> ; ducha:resolutionMethod ?method ; "
            "ducha:resolutionScore ?score }"
        )
    )
    assert {(r["method"].value, float(r["score"].value)) for r in rows} == {("exact", 1.0)}
    assert bool(remote.query(f"ASK {{ <{WATER_LAW}> ducha:citedIn <{report}> }}"))


def test_loading_twice_adds_no_registry_node_nor_triple(
    virtuoso: dict[str, str], remote: RemoteStore, tmp_path: Path
) -> None:
    load(remote, [SAMPLE], virtuoso)
    nodes, triples, acts = regulation_nodes(remote), len(remote), registry_acts(remote)
    assert acts == len(default_registry())
    # The same bytes again are skipped; a copy with one more trailing newline is a changed
    # text of the same file, so it is extracted, resolved and written again (``replaced``).
    changed = tmp_path / SAMPLE.name
    changed.write_bytes(SAMPLE.read_bytes() + b"\n")
    for files in ([SAMPLE], [changed]):
        load(remote, files, virtuoso)
        assert (regulation_nodes(remote), len(remote), registry_acts(remote)) == (
            nodes,
            triples,
            acts,
        )


# Virtuoso 7.2 loses the non-ASCII characters of STR() of a plain literal bound by VALUES
# (the external store binds parameters that way); the query avoids STR() on the title.
CHINESE_TITLE = pytest.param("中华人民共和国水法", id="title-zh")


@pytest.mark.parametrize(
    "act",
    [
        pytest.param(ox.NamedNode(WATER_LAW), id="iri"),
        pytest.param("Water Law", id="short-title"),
        pytest.param("water law of the people's republic of china", id="title-en-lower-case"),
        pytest.param("water-law", id="hyphenated"),
        CHINESE_TITLE,
    ],
)
def test_reports_citing_regulation_answers_as_on_the_embedded_store(
    virtuoso: dict[str, str], remote: RemoteStore, act: str | ox.NamedNode
) -> None:
    embedded = Store.open(None)
    load(embedded, [SAMPLE], None)
    load(remote, [SAMPLE], virtuoso)
    assert len(remote) == len(embedded)
    local = citing(embedded, act)
    assert local  # the sample cites the Water Law, so both stores must find the report
    assert citing(remote, act) == local


@pytest.mark.seeds
def test_the_seeds_resolve_on_virtuoso_as_on_the_embedded_store(
    virtuoso: dict[str, str], remote: RemoteStore
) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"the seed reports are not at {SEEDS}")
    seeds = sorted(SEEDS.glob("*.txt"))
    embedded = Store.open(None)
    load(embedded, seeds, None)
    reports = load(remote, seeds, virtuoso)
    # 000 cites the regulations implementing the Supervision Law.
    assert bool(remote.query(f"ASK {{ <{SUPERVISION_REGULATIONS}> ducha:citedIn <{reports[0]}> }}"))
    # 001: Guizhou's implementation measures of the 2019 inspection rules are a local document.
    assert bool(
        remote.query(
            f"ASK {{ ?doc ducha:implements <{INSPECTION_RULES_2019}> ; "
            "ducha:level ?level ; dcterms:spatial/rdfs:label 'Guizhou'@en . "
            f"?level skos:notation 'local-document' . ?doc ducha:citedIn <{reports[1]}> }}"
        )
    )
    nodes, triples = regulation_nodes(remote), len(remote)
    assert (nodes, triples) == (regulation_nodes(embedded), len(embedded))
    for act in (ox.NamedNode(SUPERVISION_REGULATIONS), ox.NamedNode(INSPECTION_RULES_2019)):
        assert citing(remote, act) == citing(embedded, act), act
    load(remote, seeds, virtuoso)
    assert (regulation_nodes(remote), len(remote)) == (nodes, triples)
