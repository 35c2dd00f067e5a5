"""Everyone can use it: sizes, contrast, text size, accessible names and the keyboard, measured.

Every screen of a real visit (and every other screen in the window) is measured in the standard
mode and in 长辈版: each visible button at least 44 px (60 px in elder mode) in both directions,
each visible text at least 4.5:1 against its background as the stylesheet paints them, text at
least 18 pt in elder mode (inline rich-text sizes included), and an accessible name on every
control. A last test makes the whole visit with the keyboard only: Tab, Space, Enter and typing.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from kiosk.ui.formpage import FormPageScreen
from kiosk.ui.modes import ELDER, NORMAL, Mode, set_mode
from kiosk.ui.style import stylesheet
from kiosk.ui.window import KioskWindow
from tests.conftest import PlatformHandle
from tests.ui.driver import KioskDriver
from tests.ui.walk import ANSWERS, PHONE, SERVICE, walk_application, walk_tracking

MIN_CONTRAST = 4.5
MIN_PX = {"normal": 44, "elder": 60}
ELDER_MIN_PT = 18
SCREEN_WIDTH, SCREEN_HEIGHT = 1280, 800  # the terminals' screens
_INLINE_PT = re.compile(r"font-size:\s*(\d+(?:\.\d+)?)pt")
_INPUTS = (QAbstractButton, QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox)


def _luminance(color: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) \
        + 0.0722 * channel(color.blueF())


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _group(widget: QWidget) -> QPalette.ColorGroup:
    return QPalette.ColorGroup.Active if widget.isEnabled() else QPalette.ColorGroup.Disabled


def _background(widget: QWidget) -> QColor:
    """The colour behind `widget`'s text: its own background, or the nearest painted one."""
    current: QWidget | None = widget
    while current is not None:
        color = current.palette().color(_group(current), current.backgroundRole())
        if color.alpha() == 255:
            return color
        current = current.parentWidget()
    return QColor("white")


def _shown(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0 and widget.height() > 0


def _interactive(widget: QWidget) -> bool:
    if isinstance(widget, _INPUTS):
        return True
    # Custom controls a keyboard can reach (a signature pad, say); not scroll areas or stacks.
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) \
        and not isinstance(widget, (QAbstractScrollArea, QStackedWidget)) \
        and type(widget).__module__.startswith("kiosk.")


def accessible_name(widget: QWidget) -> str:
    face = QAccessible.queryAccessibleInterface(widget)
    return face.text(QAccessible.Text.Name).strip() if face is not None else ""


def check_screen(screen: QWidget, mode: Mode, where: str) -> list[str]:
    """Everything on `screen` a person in `mode` would find too small, too faint or unnamed."""
    problems: list[str] = []
    min_px = MIN_PX[mode.name]
    needed = screen.minimumSizeHint().width()
    if screen.parentWidget() is not None and needed > SCREEN_WIDTH:
        problems.append(f"{where}: needs {needed} px across, wider than the {SCREEN_WIDTH} px screen")
    layout = screen.layout()
    tall = layout.minimumHeightForWidth(SCREEN_WIDTH) if layout is not None \
        and layout.hasHeightForWidth() else screen.minimumSizeHint().height()
    if screen.parentWidget() is not None and tall > SCREEN_HEIGHT:
        problems.append(f"{where}: needs {tall} px down, taller than the {SCREEN_HEIGHT} px screen")
    for widget in [screen, *screen.findChildren(QWidget)]:
        if not _shown(widget):
            continue
        name = f"{where}: {widget.objectName() or type(widget).__name__}"
        if isinstance(widget, QAbstractButton):
            size = widget.size()
            if size.width() < min_px or size.height() < min_px:
                problems.append(f"{name} is {size.width()}×{size.height()} px (< {min_px})")
        if _interactive(widget) and not accessible_name(widget):
            problems.append(f"{name} has no accessible name")
        text = widget.text() if isinstance(widget, (QLabel, QAbstractButton)) else ""
        if not text.strip():
            continue
        fg = widget.palette().color(_group(widget), widget.foregroundRole())
        ratio = contrast(fg, _background(widget))
        if ratio < MIN_CONTRAST:
            problems.append(f"{name} text {fg.name()} on {_background(widget).name()}: "
                            f"contrast {ratio:.2f} < {MIN_CONTRAST}")
        if mode is ELDER:
            sizes = [widget.font().pointSizeF()]
            if isinstance(widget, QLabel) and widget.textFormat() != Qt.TextFormat.PlainText:
                sizes += [float(s) for s in _INLINE_PT.findall(text)]
            if min(sizes) < ELDER_MIN_PT:
                problems.append(f"{name} text at {min(sizes):g} pt (< {ELDER_MIN_PT})")
    for entry in screen.findChildren(QLineEdit):
        if _shown(entry) and entry.placeholderText() and not entry.text():
            palette = entry.palette()
            ratio = contrast(palette.color(QPalette.ColorRole.PlaceholderText),
                             palette.color(QPalette.ColorRole.Base))
            if ratio < MIN_CONTRAST:
                problems.append(f"{where}: {entry.objectName()} placeholder contrast {ratio:.2f}")
    return problems


@pytest.mark.parametrize("mode", [NORMAL, ELDER], ids=["normal", "elder"])
def test_every_screen_meets_the_numbers(
    qtbot: QtBot, driver: KioskDriver, kiosk_window: KioskWindow,
    platform_server: PlatformHandle, mode: Mode,
) -> None:
    w = kiosk_window
    problems: list[str] = []
    seen: set[QWidget] = set()
    walked: set[str] = set()

    def visit(screen: QWidget, name: str) -> None:
        if mode is ELDER and screen is w.attract:
            driver.click(w.attract.elder_button)  # the citizen's own switch, as in real use
        QApplication.processEvents()
        seen.add(screen)
        walked.add("form" if isinstance(screen, FormPageScreen) else screen.objectName())
        problems.extend(check_screen(screen, mode, name))
        # Pages a screen keeps in a stack of its own (camera, signature, thanks) are checked too.
        for stack in screen.findChildren(QStackedWidget):
            shown = stack.currentIndex()
            for index in range(stack.count()):
                if index != shown:
                    stack.setCurrentIndex(index)
                    QApplication.processEvents()
                    page = stack.widget(index)
                    problems.extend(check_screen(page, mode, f"{name}/{page.objectName()}"))
            stack.setCurrentIndex(shown)

    case_number = walk_application(driver, platform_server.residents[0]["id_number"], visit)
    w.end_visit()
    set_mode(w, mode)
    walk_tracking(driver, case_number, visit)
    w.end_visit()
    set_mode(w, mode)
    for i in range(w.count()):
        screen = w.widget(i)
        if screen not in seen:  # screens this walk does not pass through, in their first state
            w.setCurrentWidget(screen)
            visit(screen, screen.objectName())
    w.setCurrentWidget(w.attract)
    set_mode(w, mode)
    w._on_idle()
    problems.extend(check_screen(w.idle_warning, mode, "idle warning"))
    assert not problems, "\n".join(problems)
    assert {"attractScreen", "identifyScreen", "chooseServiceScreen", "form", "reviewScreen",
            "doneScreen", "trackScreen"} <= walked, walked


def test_the_checks_catch_what_they_measure(qtbot: QtBot, kiosk_window: KioskWindow) -> None:
    screen = QWidget(kiosk_window)
    screen.setObjectName("probe")
    tiny = QPushButton("OK", screen)
    tiny.setObjectName("tiny")
    tiny.setStyleSheet("min-height: 0; max-height: 30px; padding: 0;")
    faint = QLabel("浅色文字", screen)
    faint.setObjectName("faint")
    faint.setStyleSheet("color: #aaaaaa; font-size: 12pt;")
    faint.move(0, 100)
    nameless = QLineEdit(screen)
    nameless.move(0, 200)
    screen.resize(600, 400)
    screen.show()
    QApplication.processEvents()
    found = "\n".join(check_screen(screen, ELDER, "probe"))
    assert "tiny is" in found
    assert "faint text #aaaaaa" in found
    assert "faint text at 12 pt" in found
    assert "QLineEdit has no accessible name" in found


def test_the_elder_switch_changes_sizes_at_once_and_a_new_visit_resets_it(
    driver: KioskDriver, kiosk_window: KioskWindow
) -> None:
    w = kiosk_window
    normal_pt = w.identify.next_button.font().pointSizeF()
    normal_finish = w.done.timer.interval()
    driver.click(w.attract.elder_button)
    assert w.done.timer.interval() == round(normal_finish * ELDER.idle_factor) > normal_finish
    assert w.attract.elder_button.isChecked()
    assert "已开启" in w.attract.elder_button.text(), "the state is said in words, not colour"
    assert w.identify.next_button.font().pointSizeF() > normal_pt
    driver.click(w.attract.apply_button)
    driver.wait_for(w.identify)
    assert w.identify.back_button.height() >= MIN_PX["elder"]
    driver.click(w.identify.back_button)
    driver.wait_for(w.attract)
    assert not w.attract.elder_button.isChecked()
    assert w.identify.next_button.font().pointSizeF() == normal_pt
    assert w.done.timer.interval() == normal_finish

    # Switched on by someone who then walked away: it does not wait for the next person.
    driver.click(w.attract.elder_button)
    assert w.attract._forget.isActive()
    w.attract._forget.timeout.emit()
    assert not w.attract.elder_button.isChecked()
    assert w.identify.next_button.font().pointSizeF() == normal_pt


def test_modes_are_scalable() -> None:
    bigger = ELDER.scaled(1.2)
    assert bigger.base_pt > ELDER.base_pt and bigger.min_touch_px > ELDER.min_touch_px
    assert bigger.pt(15) > ELDER.pt(15) >= ELDER_MIN_PT
    assert f"font-size: {bigger.base_pt}pt" in stylesheet(bigger)
    assert f"min-height: {bigger.min_touch_px}px" in stylesheet(bigger)


def _focus() -> QWidget | None:
    return QApplication.focusWidget()


def _tab_until(qtbot: QtBot, reached: Callable[[QWidget | None], bool], what: str) -> None:
    """Press Tab until the focus is where `reached` says; fail if Tab never gets there."""
    for _ in range(150):
        if reached(_focus()):
            return
        qtbot.keyClick(_focus() or QApplication.activeWindow(), Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reaches {what}")


def _tab_to(qtbot: QtBot, target: QWidget) -> None:
    _tab_until(qtbot, lambda w: w is target, target.objectName())


def _press(qtbot: QtBot, target: QWidget, key: Qt.Key = Qt.Key.Key_Space) -> None:
    _tab_to(qtbot, target)
    qtbot.keyClick(target, key)


def _materials_by_keyboard(qtbot: QtBot, driver: KioskDriver, m: QWidget) -> None:
    """Hand in each material with Tab and Space: the e-licence where allowed, else a photo."""
    for material_id, state in m.states.items():  # type: ignore[attr-defined]
        if state.kind or state.material.requirement == "optional":
            continue
        if state.material.e_licence:
            _press(qtbot, m.action_button(material_id, "licence"))  # type: ignore[attr-defined]
        else:
            _press(qtbot, m.action_button(material_id, "photo"))  # type: ignore[attr-defined]
            driver.wait_for(m.camera.isVisible)  # type: ignore[attr-defined]
            driver.feed_camera_frame()
            _press(qtbot, m.camera.shoot_button)  # type: ignore[attr-defined]
        driver.wait_for(lambda i=material_id: bool(m.states[i].kind))  # type: ignore[attr-defined]
    _press(qtbot, m.next_button)  # type: ignore[attr-defined]


def test_the_whole_visit_works_by_keyboard_alone(
    qtbot: QtBot, driver: KioskDriver, kiosk_window: KioskWindow,
    platform_server: PlatformHandle,
) -> None:
    w = kiosk_window
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    resident = platform_server.residents[0]
    _press(qtbot, w.attract.apply_button)
    driver.wait_for(w.identify)
    qtbot.waitUntil(lambda: _focus() is w.identify.entry)
    wedge = getattr(w.identify, "wedge", None)
    if wedge is not None:  # a person's pace, so the scanner detector leaves the Enter alone
        ticks = iter(range(10**6))
        wedge.clock = lambda: next(ticks) * 0.2
    qtbot.keyClicks(w.identify.entry, resident["id_number"])
    qtbot.keyClick(w.identify.entry, Qt.Key.Key_Return)
    driver.wait_for(w.choose)
    _press(qtbot, w.choose.service_button(SERVICE))
    for _ in range(40):
        screen = w.currentWidget()
        if screen is w.review or screen is w.done:
            break
        if isinstance(screen, FormPageScreen):
            values = dict(ANSWERS)
            if "phone" in screen.editors and not screen.editors["phone"].value():
                values["phone"] = PHONE
            for field, value in values.items():
                editor = screen.editors.get(field)
                if editor is None:
                    continue
                if editor.field.type == "choice":
                    radio = editor.findChild(QAbstractButton, f"choice_{field}_{value}")
                    assert radio is not None
                    radios = editor.findChildren(QAbstractButton)
                    _tab_until(qtbot, lambda f, r=radios: f in r, f"the choices of {field}")
                    for _ in range(2 * len(radios)):
                        if _focus() is radio:
                            break
                        qtbot.keyClick(_focus(), Qt.Key.Key_Down)
                    assert _focus() is radio, f"arrow keys never reach {value}"
                    qtbot.keyClick(radio, Qt.Key.Key_Space)
                    assert radio.isChecked()
                else:
                    _tab_to(qtbot, editor.input)
                    qtbot.keyClicks(editor.input, value)
            _press(qtbot, screen.next_button)
            assert not screen.summary.isVisible(), screen.summary.text()
        elif screen is getattr(w, "materials", None):
            _materials_by_keyboard(qtbot, driver, screen)
        else:
            forward = [b for name in ("startButton", "materialsNextButton", "nextButton")
                       for b in screen.findChildren(QAbstractButton, name)
                       if b.isVisible() and b.isEnabled()]
            assert forward, f"no way forward from {screen.objectName()}"
            _press(qtbot, forward[0])
        driver.wait_for(lambda s=screen: w.currentWidget() is not s)
    driver.wait_for(w.review)
    consent = w.review.findChild(QAbstractButton, "consentCheck")
    if consent is not None and consent.isVisible():
        _press(qtbot, consent)
        assert consent.isChecked()
    _press(qtbot, w.review.submit_button)
    driver.wait_for(w.done)
    _press(qtbot, w.done.finish_button)
    driver.wait_for(w.attract)
