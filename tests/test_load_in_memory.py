"""Serving from memory (``Store.open(path, in_memory=True)``, DUCHA_IN_MEMORY): the copy in
memory holds what is on disk, every write lands on disk too, and a refused write changes
neither."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from ducha.loaders.errors import BadQuery
from ducha.loaders.store import Store
from ducha.service.corpus import load_bytes, load_paths
from ducha.service.settings import Settings

SAMPLES = Path(__file__).parents[1] / "service" / "samples"
ONTOLOGY_GRAPH = b"<https://w3id.org/ducha/ontology> ."
FIRST = ["shanxi-feedback-2017.txt", "zhejiang-announcement-no18.txt", "sichuan-petitions-2020.txt"]


def quads(store: Store) -> set[bytes]:
    """Every quad but the ontology graph's (its blank nodes are new on each parse)."""
    buffer = io.BytesIO()
    store.dump(buffer, "nquads")
    return {line for line in buffer.getvalue().splitlines() if not line.endswith(ONTOLOGY_GRAPH)}


def test_the_in_memory_copy_serves_the_disk_store_and_writes_reach_the_disk(
    tmp_path: Path,
) -> None:
    store_dir = tmp_path / "store"
    settings = Settings(store=store_dir, workers=1)
    disk = Store.open(store_dir)
    load_paths(disk, [SAMPLES / name for name in FIRST], settings=settings)
    on_disk = quads(disk)
    del disk  # one process at a time may open the directory

    memory = Store.open(store_dir, in_memory=True)
    assert memory.path is None  # like any store in memory: no other process can read it
    assert quads(memory) == on_disk
    assert len(memory.reports()) == 3

    # Writes go to both: a new report, a deleted one, a refused update.
    outcome = load_bytes(
        memory,
        (SAMPLES / "hainan-accountability-2018.txt").read_bytes(),
        "hainan-accountability-2018.txt",
        settings=settings,
    )
    assert outcome.status == "new"
    gone = memory.report_for_file("shanxi-feedback-2017.txt")
    assert gone is not None and memory.delete_report(gone)
    with pytest.raises(BadQuery):
        memory.update("INSERT DATA { GRAPH <http://example.org/g> { <a> <b> }")
    served = quads(memory)
    assert served != on_disk
    del memory

    disk = Store.open(store_dir)
    assert quads(disk) == served
    assert {s.file_name for s in disk.reports()} == {
        "zhejiang-announcement-no18.txt",
        "sichuan-petitions-2020.txt",
        "hainan-accountability-2018.txt",
    }


def test_in_memory_needs_a_directory_to_copy() -> None:
    # Without a directory the store is in memory anyway, with nothing behind it.
    store = Store.open(None, in_memory=True)
    assert store.path is None and len(store.reports()) == 0
