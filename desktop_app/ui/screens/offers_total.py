"""The yearly total of the figures being typed into an offer's form, live, in the display currency."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from ...services import money
from ...services.offer_compare import current_job
from ...services.values import CURRENCY, Field
from ...settings import Settings

_CURRENCY = Field("currency", "Currency", CURRENCY)


def tones(widget: QWidget) -> dict[str, str]:
    """Colours for better, worse and flagged figures that read on the current light or dark palette."""
    dark = widget.palette().color(QPalette.ColorRole.Window).lightness() < 128
    if dark:
        return {"good": "#6fd08c", "bad": "#ff8a80", "warn": "#ffcc66", "muted": "#9aa1ab"}
    return {"good": "#1b7f3b", "bad": "#c62828", "warn": "#a15c00", "muted": "#666d78"}


class OfferTotal(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("offerTotal")
        self.setStyleSheet("QFrame#offerTotal { background: palette(alternate-base); "
                           "border: 1px solid palette(mid); border-radius: 6px; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        self.total_label = QLabel()
        self.detail_label = QLabel()
        self.detail_label.setWordWrap(True)
        layout.addWidget(self.total_label)
        layout.addWidget(self.detail_label)
        self.plain = ""  # what is shown, without markup (for tests and the accessible description)

    def show_figures(self, currency: str, base: str, bonus: str, equity: str, sign_on: str,
                     settings: Settings) -> None:
        c = tones(self)
        try:
            amounts = [money.parse_amount(text) for text in (base, bonus, equity, sign_on)]
        except ValueError:
            self._show("Total / year: —", f"<span style='color:{c['warn']}'>Fix the amounts above to see the "
                       f"total.</span>", "fix the amounts")
            return
        try:
            code = _CURRENCY.clean(currency) or ""
        except ValueError:
            code = ""
        total = money.yearly_total(*amounts[:3])
        total_text = money.format_money(total, code)
        headline = f"Total / year&nbsp;&nbsp;<b style='font-size:13pt'>{total_text}</b>"
        plain = [f"Total / year {total_text}"]
        details: list[str] = []
        display = money.convert(total, code, settings) if code else None
        shown = settings.display_currency
        if code and code != shown:
            if display is None:
                details.append(f"<span style='color:{c['warn']}'>⚠ No {code} rate in Settings: not converted to "
                               f"{shown} and left out of comparisons' totals.</span>")
                plain.append(f"no {code} rate")
            else:
                converted = money.format_money(display, shown)
                headline += f"&nbsp;&nbsp;<span style='color:{c['muted']}'>≈ {converted}</span>"
                plain.append(f"≈ {converted}")
        current = current_job(settings).yearly_total.display
        if display is not None and current is not None and current > 0:
            difference = display - current
            tone = c["good"] if difference > 0 else c["bad"] if difference < 0 else c["muted"]
            percent = money.format_percent(money.difference_percent(display, current))
            text = f"{money.format_difference(difference, shown)} ({percent}) against your current job"
            details.append(f"<span style='color:{tone}'>{text}</span>")
            plain.append(text)
        if amounts[3]:
            text = f"Sign-on {money.format_money(amounts[3], code)}: one-off, not in the total"
            details.append(f"<span style='color:{c['muted']}'>{text}</span>")
            plain.append(text)
        self._show(headline, " · ".join(details), " · ".join(plain))

    def _show(self, headline: str, detail: str, plain: str) -> None:
        self.total_label.setText(headline)
        self.detail_label.setText(detail)
        self.detail_label.setVisible(bool(detail))
        self.plain = plain
        self.setAccessibleDescription(plain)
