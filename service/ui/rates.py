"""Stated against recomputed rates, per report, for the audit dashboard's chart.

A rate figure (``ducha:rateOver`` → its denominator) states a percentage; the counts around
it give others, the same candidates the audit's ``rate-mismatch`` check tries
(shapes/rates.ttl): the stated numerators (``ducha:rateOf``), the parts that are done
(completed, rectified, closed), done plus completed in stages, done plus basically completed,
each over the denominator. The recomputed rate is the candidate closest to the stated one
(the definition the report most likely used); when the audit found the rate wrong its
``ducha:expected`` is used and the point is flagged. :func:`rate_points` reads them;
:func:`rates_chart` draws them as an SVG made on the server (no chart library, nothing
fetched by the browser).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

import pyoxigraph as ox
from ducha.loaders.store import Store
from ducha.shapes.findings import Finding
from markupsafe import Markup, escape

__all__ = ["RatePoint", "rate_points", "rates_chart"]

_DUCHA = "https://w3id.org/ducha/ontology#"

_RATES = """
SELECT ?report ?rate ?stated ?denominator ?numerator ?numeratorValue WHERE {
  GRAPH ?report {
    ?report a ducha:Report .
    ?rate ducha:rateOver ?den ; ducha:value ?stated .
    ?den ducha:value ?denominator .
    OPTIONAL { ?rate ducha:rateOf ?numerator . ?numerator ducha:value ?numeratorValue }
  }
}
"""

# The parts a rate's counts can be made of, with their status: parts of the denominator and
# the stated numerators.
_PARTS = """
SELECT DISTINCT ?rate ?part ?value ?status WHERE {
  GRAPH ?report {
    { ?rate ducha:rateOver ?den . ?part ducha:partOf ?den . } UNION { ?rate ducha:rateOf ?part . }
    ?part ducha:value ?value ; ducha:status ?status .
  }
}
"""
_DONE = frozenset(f"{_DUCHA}{s}" for s in ("completed", "rectified", "closed"))
_IN_STAGES = frozenset(f"{_DUCHA}{s}" for s in ("completedInStages", "inStages"))
_BASICALLY = frozenset({f"{_DUCHA}basicallyCompleted"})


@dataclass(frozen=True)
class RatePoint:
    """One stated rate and the rate its counts give (None when they give none)."""

    report: str
    rate: str
    stated: Decimal
    recomputed: Decimal | None
    mismatch: bool


def _decimal(term: ox.Literal) -> Decimal:
    return Decimal(term.value)


def rate_points(store: Store, findings: Iterable[Finding]) -> list[RatePoint]:
    """Every rate figure with a denominator, in report order, with its recomputed value."""
    mismatches = {
        f.focus: f.expected
        for f in findings
        if f.check == "rate-mismatch" and isinstance(f.expected, Decimal)
    }
    rates = store.query(_RATES)
    assert isinstance(rates, ox.QuerySolutions)
    stated: dict[str, tuple[str, Decimal, Decimal]] = {}
    numerators: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for row in rates:
        rate = row["rate"].value
        stated[rate] = (row["report"].value, _decimal(row["stated"]), _decimal(row["denominator"]))
        if row["numerator"] is not None:
            numerators[rate][row["numerator"].value] = _decimal(row["numeratorValue"])
    part_rows = store.query(_PARTS)
    assert isinstance(part_rows, ox.QuerySolutions)
    parts: dict[str, dict[str, tuple[Decimal, str]]] = defaultdict(dict)
    for row in part_rows:
        parts[row["rate"].value][row["part"].value] = (_decimal(row["value"]), row["status"].value)
    points = []
    for rate, (report, value, denominator) in stated.items():
        recomputed: Decimal | None = mismatches.get(rate)
        if recomputed is None and denominator > 0:
            candidates = _candidates(numerators.get(rate, {}), parts.get(rate, {}))
            percents = [round(c * 100 / denominator, 2) for c in candidates]
            recomputed = min(percents, key=lambda r: abs(r - value), default=None)
        points.append(RatePoint(report, rate, value, recomputed, rate in mismatches))
    return sorted(points, key=lambda p: (p.report, _ordinal(p.rate)))


def _candidates(
    numerators: dict[str, Decimal], parts: dict[str, tuple[Decimal, str]]
) -> list[Decimal]:
    """The numerators the audit tries: stated, done, done + in stages, done + basically."""

    def total(statuses: frozenset[str]) -> Decimal | None:
        values = [v for v, status in parts.values() if status in statuses]
        return sum(values, Decimal(0)) if values else None

    done, stages, basic = total(_DONE), total(_IN_STAGES), total(_BASICALLY)
    found = [sum(numerators.values(), Decimal(0))] if numerators else []
    found += [done] if done is not None else []
    if stages is not None:
        found.append((done or 0) + stages)
    if basic is not None:
        found.append((done or 0) + basic)
    return found


def _ordinal(iri: str) -> int:
    tail = iri.rsplit("/", 1)[-1]
    return int(tail) if tail.isdigit() else 0


# -- the SVG ---------------------------------------------------------------------------------

_ROW = 22
_LABEL = 300  # width of the label column
_PLOT = 460  # width of the 0–100 % axis
_TOP = 34


def _x(percent: Decimal) -> float:
    clipped = min(max(float(percent), 0.0), 110.0)
    return _LABEL + clipped / 100 * _PLOT


def rates_chart(points: Sequence[RatePoint], labels: dict[str, str]) -> Markup:
    """An inline SVG: one row per rate, grouped by report (``labels`` names each report);
    a filled dot at the stated rate, a hollow one at the recomputed rate, joined by a line,
    red when the audit found the rate wrong."""
    if not points:
        return Markup('<p class="empty">No stated rate with a denominator is loaded.</p>')
    rows: list[Markup] = []
    y = _TOP
    previous = None
    for point in points:
        if point.report != previous:
            y += 6 if previous is not None else 0
            rows.append(
                Markup('<text class="report" x="4" y="{}">{}</text>').format(
                    y + 14, _short(labels.get(point.report, point.report), 46)
                )
            )
            y += _ROW
            previous = point.report
        rows.append(_row(point, y))
        y += _ROW
    grid = [
        Markup(
            '<line class="grid" x1="{x}" x2="{x}" y1="{top}" y2="{bottom}"/>'
            '<text class="tick" x="{x}" y="{label}" text-anchor="middle">{v}%</text>'
        ).format(x=_x(Decimal(v)), top=_TOP - 8, bottom=y, label=_TOP - 14, v=v)
        for v in (0, 25, 50, 75, 100)
    ]
    width, height = _LABEL + _PLOT + 30, y + 8
    return Markup(
        '<svg class="rates-chart" role="img" xmlns="http://www.w3.org/2000/svg" '
        'viewBox="0 0 {w} {h}" width="{w}" height="{h}">'
        "<title>Stated against recomputed rates per report</title>{grid}{rows}</svg>"
    ).format(w=width, h=height, grid=Markup("").join(grid), rows=Markup("").join(rows))


def _row(point: RatePoint, y: int) -> Markup:
    state = "mismatch" if point.mismatch else "match"
    number = point.rate.rsplit("/", 1)[-1]
    stated_x = _x(point.stated)
    parts = [
        Markup('<text class="label" x="16" y="{}">figure {}: {}%{}</text>').format(
            y + 14,
            number,
            point.stated,
            "" if point.recomputed is None else Markup(" → {}%").format(point.recomputed),
        )
    ]
    if point.recomputed is not None:
        parts.append(
            Markup('<line class="gap {}" x1="{}" x2="{}" y1="{}" y2="{}"/>').format(
                state, stated_x, _x(point.recomputed), y + 10, y + 10
            )
        )
        parts.append(
            Markup('<circle class="recomputed {}" cx="{}" cy="{}" r="5"/>').format(
                state, _x(point.recomputed), y + 10
            )
        )
    parts.append(
        Markup('<circle class="stated {}" cx="{}" cy="{}" r="5"><title>{}</title></circle>').format(
            state, stated_x, y + 10, point.rate
        )
    )
    return Markup('<g class="rate" data-iri="{}">{}</g>').format(point.rate, Markup("").join(parts))


def _short(text: str, limit: int) -> Markup:
    return escape(text if len(text) <= limit else text[: limit - 1] + "…")
