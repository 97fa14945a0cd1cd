"""The registry of China's eco-environmental laws and rules: read, validate, map to RDF.

The registry ships as ``ontology/registry/registry.csv`` (one row per act; docs/registry.md
describes the columns and where each fact comes from). Each act gets an ELI-like IRI,
``dr:eli/cn/{level}/{year}/{slug}``, whose path after ``eli/cn/`` is the entry's ``key``; a
resolved regulation entity takes ``eli/cn/{key}`` as its :attr:`Entity.key`, so reports and
registry meet on one node. Users add entries from a CSV file of the same columns or a Turtle
file (:func:`read_registry_file`); every entry is validated before anything is written, so a
bad file leaves the registry as it was.

>>> registry = default_registry()
>>> len(registry) >= 150
True
>>> registry["law/1989/environmental-protection-law"].title_en
"Environmental Protection Law of the People's Republic of China"
>>> entry_iri(registry["law/1989/environmental-protection-law"])
'https://w3id.org/ducha/id/eli/cn/law/1989/environmental-protection-law'
"""

from __future__ import annotations

import csv
import hashlib
import io
import logging
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources

from ducha.loaders import iri
from ducha.loaders.act_titles import normalize_title
from ducha.loaders.errors import InputError, SchemaError
from pyoxigraph import Literal, NamedNode

__all__ = [
    "COLUMNS",
    "LEGISLATION_LEVELS",
    "LEVELS",
    "REGISTRY_DATASET",
    "USER_DATASET",
    "Registry",
    "RegistryEntry",
    "Version",
    "check_entries",
    "default_registry",
    "entry_from_row",
    "entry_iri",
    "entry_key_from_iri",
    "literal_date",
    "read_registry_text",
]

_log = logging.getLogger(__name__)

# The levels of domain.md §5, as the skos:notation of ducha:levelScheme's concepts.
LEVELS = (
    "law",
    "administrative-regulation",
    "party-regulation",
    "departmental-rule",
    "normative-document",
    "plan",
    "local-regulation",
    "local-document",
)
# Levels that are state legislation: ELI's act-level properties fit them (ducha:Legislation).
LEGISLATION_LEVELS = frozenset(
    {"law", "administrative-regulation", "departmental-rule", "local-regulation"}
)
COLUMNS = (
    "key", "level", "title_zh", "title_en", "alt_en", "alt_zh", "short", "document_type",
    "issuer_en", "issuer_zh", "number", "date", "in_force", "versions", "place", "implements",
    "replaces", "source", "note",
)  # fmt: skip
_REQUIRED = ("key", "level", "title_zh", "title_en", "date")
# Datasets the registry's acts belong to (void:inDataset): shipped, and imported by users.
REGISTRY_DATASET = "registry/cn"
USER_DATASET = "registry/user"

_KEY = re.compile(r"^(?P<level>[a-z-]+)/(?P<year>\d{4})/(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)$")
_PARTIAL_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_VERSION = re.compile(
    r"^(?P<date>\d{4}(?:-\d{2}(?:-\d{2})?)?)\s+(?P<event>[a-z-]+)(?:\s+in-force\s+(?P<force>\S+))?$"
)
_EVENTS = frozenset({"adopted", "approved", "promulgated", "issued", "revised", "amended"})


@dataclass(frozen=True)
class Version:
    """One version of an act: the date of the event that made it, and when it took effect."""

    date: str  # YYYY-MM-DD, or YYYY-MM / YYYY when the source gives no more
    event: str  # adopted, approved, promulgated, issued, revised, amended
    in_force: str | None = None


@dataclass(frozen=True)
class RegistryEntry:
    """One act of the registry (see docs/registry.md for every field)."""

    key: str  # {level}/{year}/{slug}
    level: str
    title_zh: str
    title_en: str
    date: str
    alt_en: tuple[str, ...] = ()
    alt_zh: tuple[str, ...] = ()
    short: tuple[str, ...] = ()  # short forms and nicknames ("Water Ten Articles")
    document_type: str = ""
    issuer_en: str = ""
    issuer_zh: str = ""
    number: str = ""
    in_force: str = ""
    versions: tuple[Version, ...] = ()
    place: str = ""
    implements: str = ""  # key of the act this one implements
    replaces: str = ""  # key of the act this one replaced
    source: str = ""  # |-separated pages: dates and Chinese title first, then English title
    note: str = ""
    user: bool = False  # imported by a user, not shipped

    @property
    def sources(self) -> tuple[str, ...]:
        """Every page the entry was checked against, in the order of the ``source`` column."""
        return _split(self.source)

    @property
    def year(self) -> int:
        return int(self.key.split("/")[1])

    @property
    def first_year(self) -> int:
        return int(self.date[:4])

    def labels(self) -> Iterator[tuple[str, bool]]:
        """Every name of the act with whether it is an official title (else an alias)."""
        yield self.title_en, True
        yield self.title_zh, True
        for alias in (*self.alt_en, *self.alt_zh, *self.short):
            yield alias, False


@dataclass
class Registry:
    """The acts by key. Iterating gives the entries in key order."""

    entries: dict[str, RegistryEntry] = field(default_factory=dict)

    def __getitem__(self, key: str) -> RegistryEntry:
        return self.entries[key]

    def __contains__(self, key: object) -> bool:
        return key in self.entries

    def __iter__(self) -> Iterator[RegistryEntry]:
        return iter(sorted(self.entries.values(), key=lambda e: e.key))

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, key: str) -> RegistryEntry | None:
        return self.entries.get(key)

    def digest(self) -> str:
        """A hash of every entry: the store reloads the registry when it changes."""
        text = "\n".join(repr(entry) for entry in self)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    def with_entries(self, new: Iterable[RegistryEntry], *, source: str = "input") -> Registry:
        """A new registry with ``new`` added, after checking them against this one.

        Raises :class:`InputError` naming the entry and the reason (a key or a normalised
        title already taken, an unknown ``implements`` target); ``self`` is never changed.
        """
        added = list(new)
        check_entries(added, existing=self, source=source)
        return Registry({**self.entries, **{entry.key: entry for entry in added}})


def entry_iri(entry: RegistryEntry | str, base: str = iri.DEFAULT_BASE) -> str:
    """The act's IRI, ``{base}eli/cn/{level}/{year}/{slug}``."""
    key = entry.key if isinstance(entry, RegistryEntry) else entry
    return f"{base}eli/cn/{key}"


def entry_key_from_iri(value: str, base: str = iri.DEFAULT_BASE) -> str | None:
    """The registry key of an act IRI (full, ``dr:``-prefixed or the bare key), if it is one."""
    for prefix in (f"{base}eli/cn/", "dr:eli/cn/", "eli/cn/", iri.DEFAULT_BASE + "eli/cn/"):
        if value.startswith(prefix):
            return value[len(prefix) :]
    return value if _KEY.match(value) else None


# -- reading and validating -----------------------------------------------------------------


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split("|") if part.strip())


def _check_date(value: str, what: str) -> str:
    if not _PARTIAL_DATE.match(value):
        raise ValueError(f"{what} {value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    parts = [int(p) for p in value.split("-")]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        raise ValueError(f"{what} {value!r} is not a valid calendar date") from None
    return value


def _versions(value: str) -> tuple[Version, ...]:
    versions = []
    for part in _split(value.replace(";", "|")):
        match = _VERSION.match(part)
        if not match or match["event"] not in _EVENTS:
            raise ValueError(
                f"version {part!r} should read 'YYYY-MM-DD event [in-force YYYY-MM-DD]' with an "
                f"event among {', '.join(sorted(_EVENTS))}"
            )
        force = match["force"]
        versions.append(
            Version(
                _check_date(match["date"], "version date"),
                match["event"],
                _check_date(force, "in-force date") if force else None,
            )
        )
    return tuple(versions)


def entry_from_row(row: Mapping[str, str | None], *, user: bool = False) -> RegistryEntry:
    """One entry from a CSV row; raises ``ValueError`` with the reason when it is malformed."""
    values = {name: (row.get(name) or "").strip() for name in COLUMNS}
    missing = [name for name in _REQUIRED if not values[name]]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    match = _KEY.match(values["key"])
    if not match:
        raise ValueError(
            f"key {values['key']!r} should read level/year/slug, e.g. law/1989/water-law"
        )
    if values["level"] not in LEVELS:
        raise ValueError(f"level {values['level']!r} is not one of {', '.join(LEVELS)}")
    if match["level"] != values["level"]:
        raise ValueError(f"key {values['key']!r} does not start with its level {values['level']}")
    _check_date(values["date"], "date")
    if match["year"] != values["date"][:4]:
        raise ValueError(f"key year {match['year']} differs from the date {values['date']}")
    if values["in_force"]:
        _check_date(values["in_force"], "in-force date")
    for name in ("implements", "replaces"):
        if values[name] and not _KEY.match(values[name]):
            raise ValueError(f"{name} {values[name]!r} is not a registry key")
    return RegistryEntry(
        key=values["key"],
        level=values["level"],
        title_zh=values["title_zh"],
        title_en=values["title_en"],
        date=values["date"],
        alt_en=_split(values["alt_en"]),
        alt_zh=_split(values["alt_zh"]),
        short=_split(values["short"]),
        document_type=values["document_type"],
        issuer_en=values["issuer_en"],
        issuer_zh=values["issuer_zh"],
        number=values["number"],
        in_force=values["in_force"],
        versions=_versions(values["versions"]),
        place=values["place"],
        implements=values["implements"],
        replaces=values["replaces"],
        source=values["source"],
        note=values["note"],
        user=user,
    )


def check_entries(
    entries: list[RegistryEntry], *, existing: Registry | None = None, source: str = "input"
) -> None:
    """Refuse a key, a normalised title or an alias that two acts would share, and links to
    acts that do not exist. Raises :class:`InputError` naming the entry and the reason."""
    known = existing.entries if existing is not None else {}
    titles: dict[str, str] = {}
    for entry in known.values():
        for label, official in entry.labels():
            if official:
                titles.setdefault(normalize_title(label), entry.key)
    keys = set(known)
    for entry in entries:
        if entry.key in keys:
            raise InputError(f"{source}: entry {entry.key}: the key is already in the registry")
        keys.add(entry.key)
        for label, official in entry.labels():
            if not official:
                continue
            normal = normalize_title(label)
            other = titles.get(normal)
            if other is not None and other != entry.key:
                raise InputError(
                    f"{source}: entry {entry.key}: duplicate title {label!r} "
                    f"(normalised {normal!r}) already belongs to {other}"
                )
            titles[normal] = entry.key
    for entry in entries:
        for name in ("implements", "replaces"):
            target = getattr(entry, name)
            if target and target not in keys:
                raise InputError(
                    f"{source}: entry {entry.key}: {name} {target!r} is not in the registry"
                )


def read_registry_text(text: str, *, name: str, user: bool = True) -> list[RegistryEntry]:
    """The entries of a registry CSV text (header row = :data:`COLUMNS`, any order).

    Raises :class:`InputError` naming the file, the row (1 = header) and the reason.
    """
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    unknown = [column for column in header if column not in COLUMNS]
    if unknown or not set(_REQUIRED) <= set(header):
        raise InputError(
            f"{name}: the header must name the columns {', '.join(COLUMNS)} "
            f"(required: {', '.join(_REQUIRED)}); found {', '.join(header) or 'nothing'}"
        )
    entries = []
    for number, row in enumerate(reader, start=2):
        if None in row:  # more cells than the header has
            raise InputError(f"{name} row {number}: more cells than columns; quote commas")
        try:
            entries.append(entry_from_row(row, user=user))
        except ValueError as error:
            raise InputError(f"{name} row {number}: {error}") from None
    return entries


@cache
def default_registry() -> Registry:
    """The registry shipped with ducha (``ontology/registry/registry.csv``), read once."""
    resource = resources.files("ducha.ontology").joinpath("registry", "registry.csv")
    try:
        text = resource.read_text(encoding="utf-8")
        entries = read_registry_text(text, name="ontology/registry/registry.csv", user=False)
        registry = Registry().with_entries(entries, source="ontology/registry/registry.csv")
    except (OSError, InputError) as error:
        raise SchemaError(f"the shipped registry is broken: {error}; reinstall ducha") from error
    _log.info("registry: %d acts", len(registry))
    return registry


def literal_date(value: str) -> Literal:
    """A date as precise as the source: xsd:date, xsd:gYearMonth or xsd:gYear."""
    kind = {10: "date", 7: "gYearMonth", 4: "gYear"}[len(value)]
    return Literal(value, datatype=NamedNode(f"http://www.w3.org/2001/XMLSchema#{kind}"))
