"""Shared pieces of the demo-data generator: the context (seed, today, timeline) and small helpers.

The timeline is what makes the data look lived-in: months with more and fewer interviews, a few
months with none at all (holidays, a busy quarter at work), and everything relative to `today`.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Generic, TypeVar

from .values import MAX_DATE, MIN_DATE

DEFAULT_SIZE = 100
DAY = dt.timedelta(days=1)
T = TypeVar("T")


class Pick(Generic[T]):
    """A weighted choice that is cheap to call many times."""

    __slots__ = ("items", "cum", "total")

    def __init__(self, items: Sequence[T], weights: Sequence[float] | None = None):
        self.items = tuple(items)
        self.cum = list(accumulate(weights if weights is not None else [1] * len(self.items)))
        self.total = self.cum[-1]

    def __call__(self, rng: random.Random) -> T:
        return self.items[bisect_right(self.cum, rng.random() * self.total)]


def month_index(d: dt.date) -> int:
    return d.year * 12 + d.month - 1


def month_start(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)


def month_end(index: int) -> dt.date:
    return month_start(index + 1) - DAY


def weekday(d: dt.date, back: bool = False) -> dt.date:
    """The date itself on Monday to Friday, else the next Monday (or the Friday before)."""
    wd = d.weekday()
    if wd < 5:
        return d
    return d - (wd - 4) * DAY if back else d + (7 - wd) * DAY


def slug(text: str) -> str:
    """ASCII, lower-case, dash-separated: for made-up web addresses and e-mail addresses."""
    ascii_text = unicodedata.normalize("NFKD", text.replace("ß", "ss").replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("Ø", "O"))
    ascii_text = ascii_text.encode("ascii", "ignore").decode().lower()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_text).split())


def allocate(total: int, weights: dict[str, float], minimums: dict[str, int]) -> dict[str, int]:
    """Split total into whole counts by weight (largest remainder), after the minimums if they fit."""
    base = dict(minimums) if sum(minimums.values()) <= total else {k: 0 for k in weights}
    for k in weights:
        base.setdefault(k, 0)
    rest = total - sum(base.values())
    weight_sum = sum(weights.values())
    shares = {k: rest * w / weight_sum for k, w in weights.items()}
    counts = {k: base[k] + int(s) for k, s in shares.items()}
    left = total - sum(counts.values())
    for k in sorted(shares, key=lambda k: (-(shares[k] - int(shares[k])), k))[:left]:
        counts[k] += 1
    return counts


# created_at in the morning, updated_at in the afternoon: a record is never updated before it was made
_MORNING = tuple(f"{8 + (i * 7) % 5:02d}:{(i * 13) % 60:02d}:{(i * 29) % 60:02d}" for i in range(97))
_AFTERNOON = tuple(f"{13 + (i * 5) % 7:02d}:{(i * 17) % 60:02d}:{(i * 31) % 60:02d}" for i in range(97))


@dataclass
class Context:
    """Everything the parts of the generator share: seed, today, timeline, and what earlier parts made."""

    size: int
    seed: int
    today: dt.date
    start: dt.date
    gap_months: frozenset[int]
    months: list[int]
    month_pick: Pick[int]
    shared: dict[str, object] = field(default_factory=dict)

    def rng(self, part: str) -> random.Random:
        """An independent random stream per part, so changing one part leaves the others as they were."""
        return random.Random(f"sayyes-demo:{self.seed}:{part}")

    def stamp(self, d: dt.date, n: int) -> str:
        """created_at (and updated_at, if never changed) for a record of that date (never after today)."""
        return f"{min(d, self.today).isoformat()} {_MORNING[n % 97]}"

    def touched(self, d: dt.date, n: int) -> str:
        """updated_at for a record last changed that day, later than any stamp() of the same day."""
        return f"{min(d, self.today).isoformat()} {_AFTERNOON[n % 97]}"

    def in_gap(self, d: dt.date) -> bool:
        return month_index(d) in self.gap_months

    def day_at(self, rng: random.Random, position: float, high: dt.date) -> dt.date:
        """The day at `position` (0..1) of the rhythm between the start and high: spreads processes evenly."""
        if high <= self.start:
            return self.start
        last = min(len(self.months) - 1, month_index(high) - self.months[0])
        cum = self.month_pick.cum
        i = min(last, bisect_right(cum, min(0.999999, max(0.0, position)) * cum[last]))
        m = self.months[i]
        first, end = max(month_start(m), self.start), min(month_end(m), high)
        if end < first:
            return self.random_day(rng, self.start, high)
        return first + rng.randint(0, (end - first).days) * DAY

    def random_day(self, rng: random.Random, low: dt.date, high: dt.date) -> dt.date:
        """A day in [low, high], months weighted by the rhythm (gap months never drawn)."""
        if high <= low:
            return low
        lo_m, hi_m = month_index(low), month_index(high)
        for _ in range(60):
            m = self.month_pick(rng)
            if lo_m <= m <= hi_m:
                first, last = max(month_start(m), low), min(month_end(m), high)
                return first + rng.randint(0, (last - first).days) * DAY
        return low + rng.randint(0, (high - low).days) * DAY


def build_context(size: int, seed: int, today: dt.date) -> Context:
    """Two years of history at the default size; more years (up to 40) for bigger data folders."""
    years = min(40.0, max(2.0, 2.0 * (size / DEFAULT_SIZE) ** (1 / 3)))
    start = max(MIN_DATE, today - round(years * 365.25) * DAY)
    months = list(range(month_index(start), month_index(today) + 1))
    rng = random.Random(f"sayyes-demo:{seed}:timeline")
    candidates = months[3:-4]
    count = min(len(candidates) // 3, 2 + len(months) // 24)
    gaps = frozenset(rng.sample(candidates, count)) if count > 0 else frozenset()
    period, phase = rng.uniform(7, 11), rng.uniform(0, 2 * math.pi)
    weights = []
    for i, m in enumerate(months):
        season = 0.65 + 0.35 * math.sin(2 * math.pi * i / period + phase)
        weights.append(0.0 if m in gaps else season * (0.6 + 0.8 * rng.random()))
    return Context(size, seed, today, start, gaps, months, Pick(months, weights))


def check_today(today: dt.date) -> None:
    if not MIN_DATE + 60 * DAY <= today <= MAX_DATE - 60 * DAY:
        raise ValueError("today must lie between 1970-03-02 and 2100-11-01")
