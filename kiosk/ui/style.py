"""The kiosk's look in one place: colours, sizes and the Qt stylesheet every screen shares.

A self-service terminal is read standing up, often by older people, so the base text is 18 pt,
every touch target is at least 60 px tall and text is dark on white (contrast well above 4.5:1,
disabled controls included). 长辈版 (elder mode) makes everything larger again: the stylesheet is
built from a `kiosk.ui.modes.Mode`, which owns every size, while the colours stay here.
Meaning is never carried by colour alone: errors also start with a warning sign and the word
"错误", pre-filled fields carry a tick and words. Widgets pick a style role through the Qt
`objectName` or the dynamic `role` property rather than setting colours themselves.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLayout, QWidget

from kiosk.ui.modes import NORMAL, Mode, mode_of

PRIMARY = "#0b5cad"
PRIMARY_PRESSED = "#084a8c"
TEXT = "#1a1a1a"
MUTED = "#4a4a4a"
ERROR = "#b00020"
SUCCESS = "#1b5e20"
BORDER = "#5f6b7a"
PANEL = "#f2f5f9"
DISABLED_TEXT = "#595959"
DISABLED_BG = "#ececec"
DISABLED_FILL = "#6b6b6b"

BASE_POINT_SIZE = 18
MIN_TOUCH_PX = 60
KEYPAD_KEY_PX = 80
FONT_FAMILIES = ["WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", "DejaVu Sans"]

ERROR_PREFIX = "⚠ "
PREFILL_MARK = "✓ "

def stylesheet(mode: Mode = NORMAL) -> str:
    """The Qt stylesheet for `mode`: every size comes from the mode, every colour from above."""
    m = mode
    return f"""
QWidget {{
    color: {TEXT};
    background: white;
    font-size: {m.base_pt}pt;
}}
QLabel[role="title"] {{ font-size: {m.pt(34)}pt; font-weight: bold; }}
QLabel[role="heading"] {{ font-size: {m.pt(26)}pt; font-weight: bold; }}
QLabel[role="subtle"] {{ color: {MUTED}; font-size: {m.pt(15)}pt; }}
QLabel[role="big-value"] {{ font-size: {m.pt(40)}pt; font-weight: bold; letter-spacing: 2px; }}
QLabel[role="error"] {{ color: {ERROR}; font-weight: bold; }}
QLabel[role="ok"] {{ color: {SUCCESS}; font-weight: bold; }}
QLabel[role="prefill"] {{ color: {SUCCESS}; font-size: {m.pt(15)}pt; }}
QLabel[role="status"] {{ font-size: {m.pt(28)}pt; font-weight: bold; }}
QFrame[role="error-summary"] {{
    border: 3px solid {ERROR};
    background: white;
    padding: 8px;
}}
QFrame[role="panel"] {{ background: {PANEL}; border-radius: 8px; }}
QFrame[role="panel"] QLabel {{ background: {PANEL}; }}
QFrame[role="dialog"] {{ background: white; border: 4px solid {PRIMARY}; border-radius: 12px; }}
QFrame[role="dialog"] QLabel {{ border: none; }}
QPushButton {{
    min-height: {m.min_touch_px}px;
    padding: 6px 24px;
    border: 2px solid {PRIMARY};
    border-radius: 8px;
    background: white;
    color: {PRIMARY};
    font-weight: bold;
}}
QPushButton:pressed {{ background: {PANEL}; }}
QPushButton:focus {{ border: 4px solid {TEXT}; }}
QPushButton:disabled {{ color: {DISABLED_TEXT}; border-color: {DISABLED_FILL}; background: {DISABLED_BG}; }}
QPushButton[role="primary"] {{ background: {PRIMARY}; color: white; }}
QPushButton[role="primary"]:pressed {{ background: {PRIMARY_PRESSED}; }}
QPushButton[role="primary"]:disabled {{
    background: {DISABLED_FILL}; color: white; border-color: {DISABLED_FILL};
}}
QPushButton[role="huge"] {{
    background: {PRIMARY}; color: white; font-size: {m.pt(36)}pt;
    min-height: {m.px(180)}px; min-width: {m.px(360)}px;
}}
QPushButton[role="huge"]:disabled {{ background: {DISABLED_FILL}; border-color: {DISABLED_FILL}; }}
QPushButton[role="large"] {{ font-size: {m.pt(24)}pt; min-height: {m.px(88)}px; min-width: {m.px(360)}px; }}
QPushButton[role="service"] {{ text-align: left; padding: 12px 24px; color: {TEXT}; }}
QPushButton[role="key"] {{ font-size: 28pt; min-width: {KEYPAD_KEY_PX}px; }}
QLineEdit, QPlainTextEdit, QDateEdit {{
    min-height: {m.min_touch_px}px;
    border: 2px solid {BORDER};
    border-radius: 6px;
    padding: 0 10px;
    background: white;
}}
QLineEdit:focus, QPlainTextEdit:focus {{ border: 3px solid {PRIMARY}; }}
QLineEdit:read-only {{ background: {PANEL}; }}
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"] {{ border: 3px solid {ERROR}; }}
QLineEdit[role="entry"] {{
    font-size: {max(32, m.base_pt)}pt; min-height: 80px; letter-spacing: 3px;
}}
QRadioButton {{ min-height: {m.min_touch_px}px; spacing: 16px; }}
QRadioButton::indicator {{ width: {m.px(36)}px; height: {m.px(36)}px; }}
QRadioButton:disabled {{ color: {TEXT}; }}
QScrollArea {{ border: none; }}
QFrame[frameShape="4"] {{ border: none; border-top: 1px solid {BORDER}; max-height: 1px; }}
QScrollBar:vertical {{
    width: {m.px(32)}px; background: {PANEL}; border: 1px solid {BORDER}; border-radius: 6px; margin: 0;
}}
QScrollBar::handle:vertical {{ background: {BORDER}; min-height: {m.px(80)}px; border-radius: 5px; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; }}
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: none; }}
"""


STYLESHEET = stylesheet(NORMAL)


def kiosk_font(mode: Mode = NORMAL) -> QFont:
    """The base font: a CJK family at the mode's base size."""
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSize(mode.base_pt)
    return font


def apply_style(widget: QWidget, mode: Mode | None = None) -> None:
    """Give `widget` and everything inside it the kiosk look for `mode` (default: its window's)."""
    mode = mode or mode_of(widget)
    widget.setFont(kiosk_font(mode))
    widget.setStyleSheet(stylesheet(mode))
    layout = widget.layout()
    if widget.isWindow() and layout is not None:
        # A kiosk window is exactly its screen: screens lay out in that space (wrapping text for
        # its width) instead of stretching the window past the glass when text grows.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)


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
