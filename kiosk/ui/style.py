"""The kiosk's look in one place: colours, sizes and the Qt stylesheet every screen shares.

A self-service terminal is read standing up, often by older people, so the base text is 18 pt,
every touch target is at least 60 px tall and text is dark on white (contrast well above 4.5:1).
Meaning is never carried by colour alone: errors also start with a warning sign and the word
"错误", pre-filled fields carry a tick and words. Widgets pick a style role through the Qt
`objectName` or the dynamic `role` property rather than setting colours themselves.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

PRIMARY = "#0b5cad"
PRIMARY_PRESSED = "#084a8c"
TEXT = "#1a1a1a"
MUTED = "#4a4a4a"
ERROR = "#b00020"
SUCCESS = "#1b5e20"
BORDER = "#5f6b7a"
PANEL = "#f2f5f9"

BASE_POINT_SIZE = 18
MIN_TOUCH_PX = 60
KEYPAD_KEY_PX = 80
FONT_FAMILIES = ["WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", "DejaVu Sans"]

ERROR_PREFIX = "⚠ "
PREFILL_MARK = "✓ "

STYLESHEET = f"""
QWidget {{
    color: {TEXT};
    background: white;
    font-size: {BASE_POINT_SIZE}pt;
}}
QLabel[role="title"] {{ font-size: 34pt; font-weight: bold; }}
QLabel[role="heading"] {{ font-size: 26pt; font-weight: bold; }}
QLabel[role="subtle"] {{ color: {MUTED}; font-size: 15pt; }}
QLabel[role="big-value"] {{ font-size: 40pt; font-weight: bold; letter-spacing: 2px; }}
QLabel[role="error"] {{ color: {ERROR}; font-weight: bold; }}
QLabel[role="ok"] {{ color: {SUCCESS}; font-weight: bold; }}
QLabel[role="prefill"] {{ color: {SUCCESS}; font-size: 15pt; }}
QLabel[role="status"] {{ font-size: 28pt; font-weight: bold; }}
QFrame[role="error-summary"] {{
    border: 3px solid {ERROR};
    background: white;
    padding: 8px;
}}
QFrame[role="panel"] {{ background: {PANEL}; border-radius: 8px; }}
QFrame[role="panel"] QLabel {{ background: {PANEL}; }}
QPushButton {{
    min-height: {MIN_TOUCH_PX}px;
    padding: 6px 24px;
    border: 2px solid {PRIMARY};
    border-radius: 8px;
    background: white;
    color: {PRIMARY};
    font-weight: bold;
}}
QPushButton:pressed {{ background: {PANEL}; }}
QPushButton:focus {{ border: 4px solid {TEXT}; }}
QPushButton:disabled {{ color: #6b6b6b; border-color: #9a9a9a; background: #ececec; }}
QPushButton[role="primary"] {{ background: {PRIMARY}; color: white; }}
QPushButton[role="primary"]:pressed {{ background: {PRIMARY_PRESSED}; }}
QPushButton[role="primary"]:disabled {{ background: #9a9a9a; color: white; border-color: #9a9a9a; }}
QPushButton[role="huge"] {{
    background: {PRIMARY}; color: white; font-size: 36pt; min-height: 180px; min-width: 360px;
}}
QPushButton[role="huge"]:disabled {{ background: #9a9a9a; border-color: #9a9a9a; }}
QPushButton[role="service"] {{ text-align: left; padding: 12px 24px; color: {TEXT}; }}
QPushButton[role="key"] {{ font-size: 28pt; min-width: {KEYPAD_KEY_PX}px; }}
QLineEdit, QPlainTextEdit, QDateEdit {{
    min-height: {MIN_TOUCH_PX}px;
    border: 2px solid {BORDER};
    border-radius: 6px;
    padding: 0 10px;
    background: white;
}}
QLineEdit:focus, QPlainTextEdit:focus {{ border: 3px solid {PRIMARY}; }}
QLineEdit:read-only {{ background: {PANEL}; }}
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"] {{ border: 3px solid {ERROR}; }}
QLineEdit[role="entry"] {{ font-size: 32pt; min-height: 80px; letter-spacing: 3px; }}
QRadioButton {{ min-height: {MIN_TOUCH_PX}px; spacing: 16px; }}
QRadioButton::indicator {{ width: 36px; height: 36px; }}
QRadioButton:disabled {{ color: {TEXT}; }}
QScrollArea {{ border: none; }}
QFrame[frameShape="4"] {{ border: none; border-top: 1px solid {BORDER}; max-height: 1px; }}
QScrollBar:vertical {{
    width: 32px; background: {PANEL}; border: 1px solid {BORDER}; border-radius: 6px; margin: 0;
}}
QScrollBar::handle:vertical {{ background: {BORDER}; min-height: 80px; border-radius: 5px; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; }}
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: none; }}
"""


def kiosk_font() -> QFont:
    """The base font: a CJK family at the kiosk's base size."""
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSize(BASE_POINT_SIZE)
    return font


def apply_style(widget: QWidget) -> None:
    """Give `widget` and everything inside it the kiosk look."""
    widget.setFont(kiosk_font())
    widget.setStyleSheet(STYLESHEET)


def set_role(widget: QWidget, role: str) -> None:
    """Switch a widget's style role and make the stylesheet notice the change."""
    widget.setProperty("role", role)
    restyle(widget)


def set_invalid(widget: QWidget, invalid: bool) -> None:
    """Mark an input as holding a bad value (a thicker red border, besides the message text)."""
    widget.setProperty("invalid", "true" if invalid else "false")
    restyle(widget)


def restyle(widget: QWidget) -> None:
    """Re-polish after a dynamic property change; Qt does not do it by itself."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
