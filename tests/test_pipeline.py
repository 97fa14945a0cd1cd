"""The pipeline: merging stage results and running the chain on a bundled sample."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from ducha.loaders.errors import NotAReport, UnreadableInput
from ducha.loaders.model import (
    Entity,
    EntityKind,
    Extraction,
    Figure,
    FigureRelation,
    Mention,
    RelationKind,
    Span,
)
from ducha.loaders.pipeline import entity_id, extract_report, merge_extractions

SAMPLES = Path(__file__).parents[1] / "service" / "samples"


def test_entities_are_united_by_kind_and_key() -> None:
    first = Extraction(
        entities=[Entity(EntityKind.WATER_BODY, "yangtze-river", "Yangtze River", "river")],
        mentions=[Mention("yangtze-river", EntityKind.WATER_BODY, Span(5, 18))],
    )
    second = Extraction(
        entities=[
            Entity(EntityKind.WATER_BODY, "yangtze-river", "Yangtze", aliases={"Changjiang"}),
            # Same key, other kind: a different node.
            Entity(EntityKind.PLACE, "yangtze-river", "Yangtze River Scenic Area"),
        ],
        mentions=[
            Mention("yangtze-river", EntityKind.WATER_BODY, Span(5, 18)),  # a duplicate
            Mention("yangtze-river", EntityKind.WATER_BODY, Span(1, 4)),
        ],
    )
    merged = merge_extractions([first, second])
    river = next(e for e in merged.entities if e.kind is EntityKind.WATER_BODY)
    assert river.name == "Yangtze River"
    assert river.aliases == {"Yangtze", "Changjiang"}
    assert river.subtype == "river"
    assert len(merged.entities) == 2
    assert [m.span for m in merged.mentions] == [Span(1, 4), Span(5, 18)]
    assert entity_id(river) == "water-body/yangtze-river"


def test_figure_relations_are_shifted_to_the_merged_list() -> None:
    first = Extraction(figures=[Figure(Span(0, 1), Decimal(1))])
    second = Extraction(
        figures=[Figure(Span(2, 3), Decimal(2)), Figure(Span(4, 5), Decimal(3))],
        relations=[
            FigureRelation(RelationKind.PART_OF, 0, 1, complete=True),
            FigureRelation(RelationKind.STATED_COUNT, 1, "problems"),
        ],
    )
    merged = merge_extractions([first, second])
    assert [f.value for f in merged.figures] == [1, 2, 3]
    assert merged.relations == [
        FigureRelation(RelationKind.PART_OF, 1, 2, complete=True),
        FigureRelation(RelationKind.STATED_COUNT, 2, "problems"),
    ]


def test_a_sample_report_runs_through_the_chain() -> None:
    path = SAMPLES / "zhejiang-announcement-no18.txt"
    report = extract_report(path.read_bytes(), path.name, max_bytes=1_000_000)
    assert report.metadata.file_name == path.name
    assert report.figures, "the figures stage found nothing"
    for key, entity in report.entities.items():
        assert key == entity_id(entity)
    again = extract_report(path.read_bytes(), path.name, max_bytes=1_000_000)
    assert again.digest == report.digest


def test_bad_input_raises_before_extraction() -> None:
    with pytest.raises(UnreadableInput):
        extract_report(b"", "empty.txt", max_bytes=100)
    with pytest.raises(UnreadableInput):
        extract_report(b"x" * 101, "big.txt", max_bytes=100)
    with pytest.raises(NotAReport):
        extract_report(b"A poem about the moon and the stars.\n", "poem.txt", max_bytes=1000)
