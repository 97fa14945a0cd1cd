"""What an inspection is, for every generated report about it: one state per inspection.

Real reports about one inspection (the circular of June, the one of December) agree: the
same dates and group, the same number of petitions the group assigned, completion counts
that do not go back, running totals ("a total of …") that only grow. The generator reads
such facts from an :class:`InspectionState`, drawn from a random generator seeded by the
corpus seed and the inspection's key alone, so every report about the inspection reads the
same state whatever its index, and a report still depends only on the seed and its index.

Which inspection a report answers is what ducha keys inspections by: a central inspection
of a province (the generator's provincial reports name the second round), or a Party
committee's routine inspection of a province's department, by the year it started.

>>> a = InspectionState.central(3, "Hunan")
>>> a.key, a == InspectionState.central(3, "Hunan")
('central-hunan', True)
>>> early, late = a.progress("rectification tasks", a.feedback), a.progress(
...     "rectification tasks", a.feedback + timedelta(days=400))
>>> early.whole == late.whole and early.completed <= late.completed
True
>>> a.running("cases", a.feedback)[0] <= a.running("cases", a.feedback + timedelta(days=90))[0]
True
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from benchmarks.corpus_pools import ORDINALS

__all__ = ["RUNNING_TOTALS", "InspectionState", "Progress"]

# Running totals an inspection keeps, with the range of each part at feedback: "cases"
# investigated (total, then the share filed for punishment), "accountable" people by level
# (department and bureau, county, township and section).
RUNNING_TOTALS: dict[str, tuple[tuple[int, int], ...]] = {
    "cases": ((40, 900),),
    "accountable": ((1, 20), (5, 80), (5, 90)),
}


@dataclass(frozen=True)
class Progress:
    """Where the rectification of one counted thing stands on one day."""

    whole: int
    completed: int
    basic: int  # basically completed
    going: int  # progressing

    @property
    def unfinished(self) -> int:
        """Completed in stages, when a report splits only into completed and the rest."""
        return self.whole - self.completed


@dataclass(frozen=True)
class InspectionState:
    """One inspection: its key, dates and group, and the curves its figures follow."""

    key: str
    seed: int
    start: date
    end: date
    feedback: date
    ordinal: str
    target: int  # length in bytes of a report about it (party-group reports: by problems)

    @staticmethod
    @lru_cache(maxsize=4096)
    def central(seed: int, province: str) -> InspectionState:
        """The second-round central inspection of ``province`` (its bare name)."""
        return _state(seed, f"central-{province.lower()}", None)

    @staticmethod
    @lru_cache(maxsize=4096)
    def party(seed: int, province: str, year: int) -> InspectionState:
        """The provincial Party committee's routine inspection of the department, by year."""
        return _state(seed, f"party-{year}-{province.lower()}", year)

    def rng(self, name: str) -> random.Random:
        """A random generator for one aspect of the inspection (the same every time)."""
        return random.Random(f"ducha-inspection:{self.seed}:{self.key}:{name}")

    def problems(self) -> tuple[int, int]:
        """The numbers of problems and aspects its feedback lists."""
        problems = max(1, min(24, round(self.target / 1700)))
        return problems, max(1, math.ceil(problems / 3))

    def measures(self) -> int:
        """The rectification measures (tasks) a party group formulated for the problems."""
        problems, _ = self.problems()
        return self.rng("measures").randint(problems * 3, problems * 8)

    def progress(self, thing: str, when: date) -> Progress:
        """How many ``thing`` are completed, basically completed and progressing on ``when``.

        The whole is fixed (for a party group's rectification tasks: its measures); the
        completed count rises with the days since feedback and never falls.
        """
        rng = self.rng(f"progress:{thing}")
        drawn = round(math.exp(rng.uniform(math.log(30), math.log(3000))))
        party_tasks = thing == "rectification tasks" and self.key.startswith("party-")
        total = max(3, self.measures() if party_tasks else drawn)
        first, last = rng.uniform(0.5, 0.7), rng.uniform(0.9, 0.99)
        horizon, basic_share = rng.randint(300, 700), rng.uniform(0.3, 0.8)
        share = first + (last - first) * min(1.0, self._days(when) / horizon)
        completed = min(total - 2, int(total * share))
        rest = total - completed
        basic = min(rest - 1, max(1, round(rest * basic_share)))
        return Progress(total, completed, basic, rest - basic)

    def running(self, name: str, when: date, *, skewed: float = 1.0) -> tuple[int, ...]:
        """The parts of running total ``name`` (:data:`RUNNING_TOTALS`) on ``when``.

        Each part grows from its value at feedback and never falls. ``skewed`` < 1 gives
        that share of the values at feedback instead: lower than any report states.
        """
        rng = self.rng(f"running:{name}")
        bases = [rng.randint(low, high) for low, high in RUNNING_TOTALS[name]]
        growth = rng.uniform(0.1, 0.8)  # per year, as a share of the value at feedback
        if skewed < 1.0:
            return tuple(max(1, int(base * skewed)) for base in bases)
        years = self._days(when) / 365
        return tuple(base + int(base * growth * years) for base in bases)

    def share(self, name: str, low: float, high: float) -> float:
        """A fixed share in [low, high] (e.g. of the cases, those filed for punishment)."""
        return self.rng(f"share:{name}").uniform(low, high)

    def _days(self, when: date) -> int:
        return max(0, (when - self.feedback).days)


def _state(seed: int, key: str, year: int | None) -> InspectionState:
    rng = random.Random(f"ducha-inspection:{seed}:{key}")
    if year is None:
        start = date(2019, 1, 1) + timedelta(days=rng.randint(0, 4 * 365))
    else:
        start = date(year, 1, 1) + timedelta(days=rng.randint(0, 300))
    end = start + timedelta(days=rng.randint(28, 45))
    feedback = end + timedelta(days=rng.randint(60, 120))
    target = round(math.exp(rng.uniform(math.log(2_000), math.log(60_000))))
    return InspectionState(key, seed, start, end, feedback, rng.choice(ORDINALS), target)
