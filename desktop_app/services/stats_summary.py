"""`sayyes stats` without --json: a short readable account of stats.compute()'s figures."""

from __future__ import annotations

from typing import Any


def _percent(rate: float | None) -> str:
    return "n/a" if rate is None else f"{round(rate * 100)}%"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def summary(figures: dict[str, Any]) -> str:
    """A short readable account of a full `compute()` (every figure), for `sayyes stats` without --json."""
    months = figures["interviews_per_month"]
    held = sum(entry["held"] for entry in months)
    habit, f, net = figures["habit"], figures["funnel"], figures["network"]
    since = figures.get("range_start")
    lines = [f"SayYes stats as of {figures['as_of']}" + (f", from {since}" if since else ""),
             f"Interviews held: {held} over {_plural(len(months), 'month')}",
             f"Habit: target {habit['target_per_month']} a month, streak {_plural(habit['streak_months'], 'month')}",
             f"Funnel: {_plural(f['opportunities'], 'opportunity').replace('opportunitys', 'opportunities')}, "
             f"{f['said_yes']} said yes (yes rate {_percent(f['yes_rate'])}), {f['interviewed']} interviewed, "
             f"{f['offers']} with an offer, {f['accepted']} accepted"]
    rated = [c for c in figures["calibration"] if c["decided"]]
    if rated:
        lines.append("Calibration: " + ", ".join(
            f"self-rating {c['self_rating']}: {c['passed']} of {c['decided']} passed" for c in rated))
    weakest = figures["weakest_topics"][:3]
    if weakest:
        lines.append("Weakest topics: " + ", ".join(
            f"{t['topic']} {t['average_quality']:.2f} ({_plural(t['questions'], 'question')})" for t in weakest))
    lines.append(f"Offers: {len(figures['offers'])}")
    fits = figures["company_fit"]
    if fits:
        lines.append(f"Company fit: {_plural(len(fits), 'company').replace('companys', 'companies')} assessed, "
                     f"best {fits[0]['company']} {fits[0]['fit']:.2f}")
    new = sum(entry["new"] for entry in net["contacts_per_month"])
    lines.append(f"Network: {_plural(new, 'contact')} met, "
                 f"{_percent(net['interviews_with_new_contact'])} of held interviews produced one")
    lines.extend(f"Note: {note}" for note in figures["notes"])
    return "\n".join(lines)


__all__ = ["summary"]
