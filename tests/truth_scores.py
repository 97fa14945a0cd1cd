"""Scoring organisations, people, regulations and inspection dates against the hand-made
truth of the bundled development reports (service/samples/truth.json).

Names are compared case-insensitively after light normalisation (quotes, "the" and
punctuation dropped). An extracted entity matches a truth entity when any of its names
(canonical or alias) equals any of the truth entity's names (canonical or its ``aliases``
entry): truth writes some bodies with their place added and some without, and both forms
name the same body. People are compared by name, without the post truth adds.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ducha.loaders.inspections import extract_inspections
from ducha.loaders.model import Entity, EntityKind, Inspection
from ducha.loaders.organizations import extract_organizations
from ducha.loaders.people import extract_people
from ducha.loaders.regulations import extract_regulations

SAMPLES = Path(__file__).parents[1] / "service" / "samples"
SEEDS = Path(__file__).parents[2] / "shared" / "seeds"

KINDS = {
    "inspection_groups": EntityKind.INSPECTION_GROUP,
    "party_bodies": EntityKind.PARTY_BODY,
    "government_bodies": EntityKind.GOVERNMENT_BODY,
    "people": EntityKind.PERSON,
    "regulations": EntityKind.REGULATION,
}
DATE_KEYS = ("start", "end", "feedback")


def normalise(name: str) -> str:
    text = re.sub(r"[\"“”'’]", "", name.lower())
    text = re.sub(r"\bthe\b", " ", text)
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


@dataclass
class Score:
    found: int = 0  # extracted items
    correct: int = 0  # extracted items that match the truth
    expected: int = 0  # truth items
    recalled: int = 0  # truth items extracted
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.recalled / self.expected if self.expected else 1.0


@cache
def truth() -> dict[str, dict[str, object]]:
    loaded: dict[str, dict[str, object]] = json.loads((SAMPLES / "truth.json").read_text())
    return loaded


@cache
def extracted(file_name: str) -> tuple[list[Entity], list[Inspection]]:
    text = (SAMPLES / file_name).read_text(encoding="utf-8")
    organizations = extract_organizations(text)
    people = extract_people(text, organizations)
    regulations = extract_regulations(text, organizations)
    entities = organizations.entities + people.entities + regulations.entities
    return entities, extract_inspections(text, organizations)


def _truth_names(entry: dict[str, object], key: str) -> list[set[str]]:
    aliases = entry.get("aliases") or {}
    assert isinstance(aliases, dict)
    names = entry.get(key) or []
    assert isinstance(names, list)
    found = []
    for name in names:
        plain = name.split(" (")[0] if key == "people" else name
        found.append({normalise(plain)} | {normalise(a) for a in aliases.get(name, [])})
    return found


def _names(entity: Entity) -> set[str]:
    return {normalise(entity.name)} | {normalise(a) for a in entity.aliases}


def score_kind(key: str) -> Score:
    score = Score()
    for file_name, entry in truth().items():
        expected = _truth_names(entry, key)
        entities = [e for e in extracted(file_name)[0] if e.kind is KINDS[key]]
        score.expected += len(expected)
        score.found += len(entities)
        for names in expected:
            if any(names & _names(e) for e in entities):
                score.recalled += 1
            else:
                score.misses.append(f"{file_name}: {sorted(names)[0]}")
        for entity in entities:
            if any(names & _names(entity) for names in expected):
                score.correct += 1
            else:
                score.extras.append(f"{file_name}: {entity.name}")
    return score


def score_aliases() -> Score:
    """Recall of truth's alias pairs for bodies, groups, people and documents; precision
    of the extracted aliases of matched entities (an alias is right when truth lists it or
    it is a shorter form of a truth name, like "provincial government")."""
    score = Score()
    for file_name, entry in truth().items():
        aliases = entry.get("aliases") or {}
        assert isinstance(aliases, dict)
        entities = [e for e in extracted(file_name)[0] if e.kind in KINDS.values()]
        ours = [n for key in KINDS for names in _truth_names(entry, key) for n in [names]]
        for canonical, forms in aliases.items():
            if not any(normalise(canonical) in names for names in ours):
                continue
            for form in forms:
                score.expected += 1
                pair = {normalise(canonical), normalise(form)}
                if any(pair <= _names(e) for e in entities):
                    score.recalled += 1
                else:
                    score.misses.append(f"{file_name}: {canonical} = {form}")
        for entity in entities:
            matched = [names for names in ours if names & _names(entity)]
            if not matched:
                continue
            for alias in entity.aliases:
                score.found += 1
                words = normalise(alias)
                if any(words in names or any(words in n for n in names) for names in matched):
                    score.correct += 1
                else:
                    score.extras.append(f"{file_name}: {entity.name} = {alias}")
    return score


def score_dates() -> Score:
    """Inspection start, end and feedback dates of each file's first inspection, compared
    at the precision truth prints (a month, or a day)."""
    score = Score()
    for file_name, entry in truth().items():
        dates = entry.get("dates") or {}
        assert isinstance(dates, dict)
        inspections = extracted(file_name)[1]
        first = inspections[0] if inspections else None
        for key in DATE_KEYS:
            expected = dates.get(key)
            value = getattr(first, key) if first else None
            if expected:
                score.expected += 1
            if value is not None:
                score.found += 1
            if expected and value is not None and value.isoformat()[: len(expected)] == expected:
                score.recalled += 1
                score.correct += 1
            elif expected:
                score.misses.append(f"{file_name}: {key} {expected} (got {value})")
            elif value is not None:
                score.extras.append(f"{file_name}: {key} {value}")
    return score
