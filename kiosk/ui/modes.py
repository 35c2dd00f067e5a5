"""Display modes: the standard kiosk and 长辈版 (elder mode), as values the stylesheet is built from.

A `Mode` holds every number that makes the kiosk easier or harder to use: the base text size, the
smallest touch target, how much larger headings and rich text grow, and how patient the idle
timeout is. `kiosk.ui.style.stylesheet(mode)` turns one into the Qt stylesheet, and `set_mode`
applies it to a whole window at once, so switching is instant and no screen picks sizes itself.
Rich-text labels carry their own inline sizes (`font-size:14pt`); `set_mode` rescales those too,
on the screens already built and on each screen as it is shown, and never below the mode's
smallest text size. The mode belongs to the visit: the attract screen puts it back to normal when
the next visit starts from it. Elder mode is also more patient: the idle timeout and the screens
that return to the start by themselves wait longer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget

_ORIGINAL_HTML = "modesOriginalHtml"
_FONT_SIZE = re.compile(r"font-size:\s*(\d+(?:\.\d+)?)pt")


@dataclass(frozen=True)
class Mode:
    """Sizes and timings of one display mode.

    :param base_pt: ordinary text size in points.
    :param min_text_pt: no text is drawn smaller than this.
    :param min_touch_px: smallest height and width of anything a finger presses.
    :param scale: how much every size the stylesheet names grows relative to the standard mode.
    :param idle_factor: the idle timeout is multiplied by this (older people read more slowly).
    :param countdown_s: seconds the idle warning counts down before the visit is wiped.
    """

    name: str
    base_pt: int
    min_text_pt: int
    min_touch_px: int
    scale: float
    idle_factor: float
    countdown_s: int

    def pt(self, standard: float) -> int:
        """A size given for the standard mode, in this mode (never below `min_text_pt`).

        Body text grows by `scale`; text that is already large (headings, keypad digits) grows
        by the same number of points as 20 pt text does, so a screen still fits.
        """
        grown = standard * self.scale if standard <= 20 else standard + 20 * (self.scale - 1)
        return max(self.min_text_pt, round(grown))

    def px(self, standard: float) -> int:
        """A length in pixels given for the standard mode, in this mode."""
        return round(standard * self.scale)

    def scaled(self, factor: float) -> Mode:
        """The same mode with all text and targets `factor` times larger (a bigger screen, say)."""
        return replace(
            self,
            base_pt=round(self.base_pt * factor),
            min_text_pt=round(self.min_text_pt * factor),
            min_touch_px=round(self.min_touch_px * factor),
            scale=self.scale * factor,
        )


NORMAL = Mode("normal", base_pt=18, min_text_pt=12, min_touch_px=60, scale=1.0,
              idle_factor=1.0, countdown_s=30)
ELDER = Mode("elder", base_pt=22, min_text_pt=18, min_touch_px=64, scale=1.25,
             idle_factor=2.0, countdown_s=60)
MODES = {mode.name: mode for mode in (NORMAL, ELDER)}

_MODE_PROPERTY = "kioskMode"
_BASE_INTERVAL = "modesBaseInterval"


def mode_of(widget: QWidget) -> Mode:
    """The mode of the window `widget` is in (normal until `set_mode` says otherwise)."""
    name = widget.window().property(_MODE_PROPERTY)
    return MODES.get(str(name), NORMAL) if name else NORMAL


def set_mode(window: QWidget, mode: Mode) -> None:
    """Restyle the whole window for `mode` at once; screens keep their state."""
    from kiosk.ui.style import apply_style  # style builds on this module

    if window.property(_MODE_PROPERTY) == mode.name:
        return
    window.setProperty(_MODE_PROPERTY, mode.name)
    apply_style(window, mode)
    rescale_rich_text(window, mode)
    if isinstance(window, QStackedWidget):
        for index in range(window.count()):
            _pace_timer(window.widget(index), mode)
    if isinstance(window, QStackedWidget) and not window.property("modesWatching"):
        # Screens built during the visit (form pages, review rows) get their inline sizes here.
        window.setProperty("modesWatching", True)
        window.currentChanged.connect(
            lambda _i, w=window: rescale_rich_text(w.currentWidget(), mode_of(w))
        )


def _pace_timer(screen: QWidget, mode: Mode) -> None:
    """A screen that finishes by itself (done, rating, ticket: a `timer` attribute) waits
    `idle_factor` times as long in this mode."""
    timer = getattr(screen, "timer", None)
    if not isinstance(timer, QTimer):
        return
    base = timer.property(_BASE_INTERVAL)
    if base is None:
        base = timer.interval()
        timer.setProperty(_BASE_INTERVAL, base)
    timer.setInterval(round(int(base) * mode.idle_factor))


def rescale_rich_text(root: QWidget | None, mode: Mode) -> None:
    """Scale the inline point sizes of every rich-text label under `root` for `mode`."""
    if root is None:
        return
    for label in root.findChildren(QLabel):
        if label.textFormat() != Qt.TextFormat.RichText and "<" not in label.text():
            continue
        original = label.property(_ORIGINAL_HTML)
        current = label.text()
        if original is None or current != label.property("modesScaledHtml"):
            original = current  # new text since the last rescale: it is at standard sizes
        if "font-size" not in original:
            continue
        scaled = _FONT_SIZE.sub(lambda m: f"font-size:{mode.pt(float(m.group(1)))}pt", original)
        label.setProperty(_ORIGINAL_HTML, original)
        label.setProperty("modesScaledHtml", scaled)
        if scaled != current:
            label.setText(scaled)
