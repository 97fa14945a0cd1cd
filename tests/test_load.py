"""Load acceptance: idempotent, replacing, refusing bad input without touching the store,
decoding GB18030 and BOM files, and every stored span quoting the text exactly."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from ducha.loaders.errors import InputError, NotAReport, UnreadableInput
from ducha.loaders.store import Store
from ducha.service.corpus import load_bytes, load_paths, sample_files
from ducha.service.settings import Settings

SAMPLES = Path(__file__).parents[1] / "service" / "samples"
SEEDS = Path(__file__).parents[2] / "shared" / "seeds"
LIMIT = 50 * 1024 * 1024
SETTINGS = Settings(store=None, max_upload_bytes=LIMIT)

# A short report of our own, in the register of the seeds.
REPORT = (
    "Circular on the progress of rectification of the feedback of the provincial inspection\n"
    "From May 6 to June 5, 2023, the Third Inspection Group of the Provincial Party Committee "
    "conducted a routine inspection of the Party Group of the Provincial Water Resources "
    "Department, and gave feedback on August 1, 2023. Of the 24 rectification tasks, 20 have "
    "been completed and 4 are progressing in an orderly manner.\n"
)


def snapshot(store: Store) -> tuple[int, bytes]:
    buffer = io.BytesIO()
    store.dump(buffer, "nquads")
    return len(store), b"\n".join(sorted(buffer.getvalue().splitlines()))


@pytest.fixture
def store() -> Store:
    store = Store.open(None)
    load_bytes(store, REPORT.encode(), "own-report.txt", settings=SETTINGS)
    return store


def test_loading_the_same_file_twice_changes_nothing(store: Store) -> None:
    before = snapshot(store)
    outcome = load_bytes(store, REPORT.encode(), "own-report.txt", settings=SETTINGS)
    assert outcome.status == "unchanged"
    assert snapshot(store) == before


def test_a_changed_version_replaces_the_report(store: Store) -> None:
    old = store.report_for_file("own-report.txt")
    changed = REPORT.replace("20 have been completed", "21 have been completed").replace(
        "and 4 are", "and 3 are"
    )
    outcome = load_bytes(store, changed.encode(), "own-report.txt", settings=SETTINGS)
    assert outcome.status == "replaced"
    assert outcome.report_iri != old
    assert store.report_for_file("own-report.txt") == outcome.report_iri
    assert old is not None and not store.has_graph(old)
    texts = [
        row["t"].value  # type: ignore[index, union-attr]
        for row in store.query("SELECT ?t WHERE { ?r ducha:text ?t }")  # type: ignore[union-attr]
    ]
    assert texts and all("21 have been completed" in t for t in texts)
    assert [r.iri for r in store.reports()] == [outcome.report_iri]


def bad_inputs(tmp_path: Path) -> list[tuple[str, bytes, type[InputError]]]:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    recipe = (
        "How to bake bread\n"
        "Mix 500 grams of flour with 300 millilitres of warm water and a spoon of yeast. "
        "Knead for ten minutes, let it rise for an hour and bake at 220 degrees.\n"
    )
    return [
        ("empty.txt", b"", UnreadableInput),
        ("picture.txt", png, UnreadableInput),
        ("recipe.txt", recipe.encode(), NotAReport),
    ]


def test_bad_input_gives_a_clear_message_and_leaves_the_store_as_it_was(
    store: Store, tmp_path: Path
) -> None:
    before = snapshot(store)
    for name, data, error in bad_inputs(tmp_path):
        with pytest.raises(error) as raised:
            load_bytes(store, data, name, settings=SETTINGS)
        assert name in str(raised.value), f"the message should name the file: {raised.value}"
        assert snapshot(store) == before
        # Through files, the error is reported per file and the store stays the same.
        path = tmp_path / name
        path.write_bytes(data)
        (outcome,) = load_paths(store, [path], settings=SETTINGS)
        assert outcome.status == "error" and isinstance(outcome.error, error)
        assert snapshot(store) == before


def test_a_file_over_the_size_limit_is_refused(store: Store, tmp_path: Path) -> None:
    before = snapshot(store)
    big = tmp_path / "big.txt"
    data = (REPORT.encode() * (LIMIT // len(REPORT) + 2))[: LIMIT + 1]
    big.write_bytes(data)
    assert big.stat().st_size == LIMIT + 1
    (outcome,) = load_paths(store, [big], settings=SETTINGS)
    assert isinstance(outcome.error, UnreadableInput)
    assert "big.txt" in outcome.message
    with pytest.raises(UnreadableInput):
        load_bytes(store, data, "big.txt", settings=SETTINGS)
    assert snapshot(store) == before


def stored_text(store: Store, report_iri: str | None) -> str:
    rows = list(store.query(f"SELECT ?t WHERE {{ <{report_iri}> ducha:text ?t }}"))  # type: ignore[arg-type]
    return str(rows[0]["t"].value)


def test_a_gb18030_file_is_decoded() -> None:
    store = Store.open(None)
    # An English report with its Chinese title line, saved in GB18030.
    text = "广西壮族自治区生态环境厅党组关于巡视整改进展情况的通报\n" + REPORT
    outcome = load_bytes(store, text.encode("gb18030"), "gb.txt", settings=SETTINGS)
    assert "广西壮族自治区生态环境厅党组" in stored_text(store, outcome.report_iri)


def test_a_file_with_a_byte_order_mark_is_decoded() -> None:
    store = Store.open(None)
    outcome = load_bytes(store, b"\xef\xbb\xbf" + REPORT.encode(), "bom.txt", settings=SETTINGS)
    text = stored_text(store, outcome.report_iri)
    assert not text.startswith("\ufeff")
    assert text.startswith("Circular on the progress of rectification")
    utf16 = Store.open(None)
    outcome = load_bytes(utf16, REPORT.encode("utf-16"), "bom16.txt", settings=SETTINGS)
    assert stored_text(utf16, outcome.report_iri).startswith("Circular on the progress")


@pytest.fixture(scope="module")
def corpus() -> Store:
    store = Store.open(None)
    paths: list = list(sample_files())
    if SEEDS.is_dir():
        paths.append(SEEDS)
    outcomes = load_paths(store, paths, settings=SETTINGS)
    loaded = [o for o in outcomes if o.status != "error"]
    assert len(loaded) >= len(outcomes) - 2, [o.message for o in outcomes if o.error]
    return store


def test_every_span_in_the_store_quotes_the_text_exactly(corpus: Store) -> None:
    rows = corpus.query(
        """
        SELECT ?report ?start ?end ?exact WHERE {
          ?span oa:hasSource ?report ; oa:hasSelector ?at, ?quote .
          ?at oa:start ?start ; oa:end ?end .
          ?quote oa:exact ?exact .
        }"""
    )
    texts = {
        row["r"].value: row["t"].value  # type: ignore[index, union-attr]
        for row in corpus.query("SELECT ?r ?t WHERE { ?r ducha:text ?t }")  # type: ignore[union-attr]
    }
    checked = 0
    for row in rows:  # type: ignore[union-attr]
        text = texts[row["report"].value]  # type: ignore[union-attr]
        start, end = int(row["start"].value), int(row["end"].value)  # type: ignore[union-attr]
        assert text[start:end] == row["exact"].value, (row["report"], start, end)  # type: ignore[union-attr]
        checked += 1
    assert checked > 500


def test_every_extracted_resource_has_a_span(corpus: Store) -> None:
    rows = list(
        corpus.query(
            """
            SELECT ?thing ?class WHERE {
              VALUES ?class { ducha:Part ducha:Aspect ducha:Problem ducha:Measure
                              ducha:ReportedFigure ducha:UnreadableNumber ducha:Mention
                              ducha:Quantity }
              ?thing a ?class .
              FILTER NOT EXISTS { ?thing prov:wasDerivedFrom ?span }
            } LIMIT 5"""
        )
    )
    assert rows == []
