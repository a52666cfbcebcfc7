"""Light and dark themes: a Fusion palette plus a small stylesheet for SayYes's own labels and cards.

The stylesheet lives here (not in resources/) so a frozen app needs no data files to look right.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("system", "light", "dark")

LIGHT = {
    "window": "#f4f5f7", "text": "#1d2127", "base": "#ffffff", "alt": "#f3f5f8", "button": "#e9ecf0",
    "highlight": "#2f6fde", "highlight_text": "#ffffff", "muted": "#666d78", "placeholder": "#8a9099",
    "disabled": "#a3a8b0", "link": "#2559b8", "error": "#c62828", "border": "#d5d9df", "card": "#ffffff",
    "nav": "#e9ecf1", "input_border": "#c3c8cf", "light": "#ffffff", "mid": "#c4c9d0", "dark": "#9aa0a8", "tooltip": "#fffef2",
    "accent_text": "#ffffff", "accent_disabled": "#a9c0ea", "disabled_on_accent": "#ffffff",
}
DARK = {
    "window": "#1e2126", "text": "#e4e7eb", "base": "#15171b", "alt": "#1c1f24", "button": "#2b2f36",
    "highlight": "#3b78de", "highlight_text": "#ffffff", "muted": "#9aa1ab", "placeholder": "#737a85",
    "disabled": "#656b74", "link": "#8ab4ff", "error": "#ff8a80", "border": "#363b43", "card": "#24282e",
    "nav": "#191c20", "input_border": "#454b55", "light": "#3a3f47", "mid": "#2a2e35", "dark": "#0f1113", "tooltip": "#2b2f36",
    "accent_text": "#ffffff", "accent_disabled": "#2b2f36", "disabled_on_accent": "#656b74",
}

STYLESHEET = """
QFrame#side {{ background: {nav}; border: none; }}
QListWidget#nav {{ background: {nav}; border: none; border-right: 1px solid {border}; padding-top: 6px;
    outline: 0; }}
QListWidget#nav::item {{ padding: 7px 12px; margin: 1px 8px; border-radius: 6px; color: {text}; }}
QListWidget#nav::item:hover {{ background: {button}; }}
QListWidget#nav::item:selected {{ background: {highlight}; color: {highlight_text}; }}
QLabel#appName {{ font-size: 15pt; font-weight: 700; padding: 14px 20px 2px 20px; color: {text};
    border-right: 1px solid {border}; }}
QLabel#fieldError {{ color: {error}; }}
QLabel#fieldLabel {{ color: {muted}; }}
QLabel#countLabel, QLabel#hint {{ color: {muted}; }}
QLabel#formTitle {{ font-size: 13pt; font-weight: 600; }}
QLabel#sectionTitle {{ font-size: 11pt; font-weight: 600; padding-top: 6px; }}
QFrame#emptyCard {{ background: {card}; border: 1px solid {border}; border-radius: 10px; }}
QLabel#emptyTitle {{ font-size: 16pt; font-weight: 600; }}
QLabel#emptyBody {{ color: {text}; }}
QPushButton#primaryButton {{ background: {highlight}; color: {accent_text}; border: 1px solid {highlight};
    border-radius: 4px; padding: 4px 14px; }}
QPushButton#primaryButton:disabled {{ background: {accent_disabled}; border-color: {accent_disabled};
    color: {disabled_on_accent}; }}
QLineEdit, QPlainTextEdit {{ border: 1px solid {input_border}; border-radius: 3px; padding: 2px 3px;
    background: {base}; }}
QLineEdit:focus, QPlainTextEdit:focus {{ border-color: {highlight}; }}
QLineEdit:disabled, QPlainTextEdit:disabled {{ background: {window}; }}
QComboBox QLineEdit, QTableView QLineEdit {{ border: none; padding: 0; background: transparent; }}
QLineEdit[invalid="true"], QComboBox[invalid="true"], QPlainTextEdit[invalid="true"] {{
    border: 1px solid {error}; border-radius: 3px; padding: 2px; }}
QTableView {{ gridline-color: {border}; }}
QToolButton#dateButton {{ padding: 0 4px; }}
QToolButton#dateButton::menu-indicator {{ image: none; width: 0; }}
QHeaderView::section {{ padding: 4px 6px; }}
QWidget#demoBanner {{ background: #f2b100; }}
QPushButton#viewSwitch {{ border: 1px solid {input_border}; background: {base}; padding: 3px 14px;
    border-radius: 0; min-width: 64px; }}
QPushButton#viewSwitch[position="first"] {{ border-top-left-radius: 4px; border-bottom-left-radius: 4px; }}
QPushButton#viewSwitch[position="last"] {{ border-top-right-radius: 4px; border-bottom-right-radius: 4px;
    border-left: none; }}
QPushButton#viewSwitch:focus {{ border-color: {highlight}; }}
QPushButton#viewSwitch:checked {{ background: {highlight}; color: {accent_text}; border-color: {highlight}; }}
QFrame#boardColumn {{ background: {nav}; border: 1px solid {border}; border-radius: 8px; }}
QLabel#boardColumnTitle {{ font-weight: 600; }}
QTreeView#dueList::item {{ padding: 3px 0; }}
QPushButton#viewSwitch[position="middle"] {{ border-left: none; }}
QFrame#chartCard {{ background: {card}; border: 1px solid {border}; border-radius: 10px; }}
QLabel#chartTitle {{ font-size: 11pt; font-weight: 600; }}
QLabel#chartHeadline {{ color: {text}; }}
QLabel#chartEmpty {{ color: {muted}; }}
QToolButton#chartExport {{ color: {link}; padding: 1px 4px; }}
QLabel#dashboardTitle {{ font-size: 15pt; font-weight: 600; }}
"""


def colors(name: str) -> dict[str, str]:
    return DARK if effective(name) == "dark" else LIGHT


def current_theme() -> str:
    """'light' or 'dark': the theme the application shows now."""
    app = QApplication.instance()
    chosen = app.property("sayyesTheme") if app is not None else None
    return chosen if chosen in ("light", "dark") else effective("system")


def current_colors() -> dict[str, str]:
    return colors(current_theme())


def effective(name: str) -> str:
    """'light' or 'dark': what 'system' means on this desktop right now."""
    if name in ("light", "dark"):
        return name
    hints = QGuiApplication.styleHints()
    return "dark" if hints is not None and hints.colorScheme() == Qt.ColorScheme.Dark else "light"


def palette(c: dict[str, str]) -> QPalette:
    p = QPalette()
    roles = QPalette.ColorRole
    for role, key in (
        (roles.Window, "window"), (roles.WindowText, "text"), (roles.Base, "base"), (roles.AlternateBase, "alt"),
        (roles.Text, "text"), (roles.Button, "button"), (roles.ButtonText, "text"), (roles.BrightText, "error"),
        (roles.Highlight, "highlight"), (roles.HighlightedText, "highlight_text"), (roles.Link, "link"),
        (roles.LinkVisited, "link"), (roles.ToolTipBase, "tooltip"), (roles.ToolTipText, "text"),
        (roles.PlaceholderText, "placeholder"), (roles.Light, "light"), (roles.Midlight, "button"),
        (roles.Mid, "mid"), (roles.Dark, "dark"), (roles.Shadow, "dark"),
    ):
        p.setColor(role, QColor(c[key]))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        p.setColor(disabled, role, QColor(c["disabled"]))
    p.setColor(disabled, roles.Highlight, QColor(c["mid"]))
    p.setColor(QPalette.ColorGroup.Inactive, roles.Highlight, QColor(c["highlight"]).darker(115))
    return p


def apply_theme(app: QApplication, name: str, *, stylesheet: bool = True) -> str:
    """Apply 'system', 'light' or 'dark'; returns which of light or dark was used.

    stylesheet=False sets only the style, palette and theme name: a window then builds its widgets and
    applies the whole theme after, so the stylesheet polishes each widget once (a widget added to a
    layout under an application stylesheet re-polishes its whole subtree: about 2.5 times the cost).
    """
    if app.property("sayyesFusion") is not True:  # style().name() is "" once a stylesheet is set
        app.setStyle("Fusion")  # re-polishes every widget of every window: only once (at start, before any)
        app.setProperty("sayyesFusion", True)
    chosen = effective(name if name in THEMES else "system")
    c = colors(chosen)
    if app.property("sayyesTheme") != chosen:  # restyling re-polishes every widget: only when it changes
        app.setPalette(palette(c))
        app.setProperty("sayyesTheme", chosen)
    if stylesheet and app.property("sayyesSheet") != chosen:
        app.setStyleSheet(STYLESHEET.format(**c))
        app.setProperty("sayyesSheet", chosen)
    return chosen
