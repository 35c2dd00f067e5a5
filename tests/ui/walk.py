"""A whole visit, screen by screen, for the checks that must look at every screen.

`walk_application` drives the real window the way a citizen does (keypad, buttons, typing) from
the attract screen to the confirmation and the rating, and calls `visit(screen, name)` on each
screen it arrives at; `walk_tracking` does the same for 查进度. Screens it does not know by name
are left through their primary button, so screens added to the visit are walked too.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QPushButton, QWidget

from kiosk.ui.formpage import FormPageScreen
from tests.ui.driver import KioskDriver

SERVICE = "residence-certificate"
ANSWERS = {"residence_since": "2019-06-01", "purpose": "school"}
PHONE = "13805711234"
# The buttons that move a visit forward, in the order they are tried on an unknown screen.
FORWARD = ("nextButton", "startButton", "materialsNextButton", "submitButton")
MAX_SCREENS = 40

Visit = Callable[[QWidget, str], None]


def _forward_button(screen: QWidget) -> QPushButton | None:
    for name in FORWARD:
        for button in screen.findChildren(QPushButton, name):
            if button.isVisible() and button.isEnabled():
                return button
    return None


def walk_application(driver: KioskDriver, id_number: str, visit: Visit) -> str:
    """From attract to done (and the rating after it); returns the case number."""
    w = driver.window
    visit(w.attract, "attract")
    driver.click(w.attract.apply_button)
    driver.wait_for(w.identify)
    driver.press_keys(w.identify.keypad, id_number)
    visit(w.identify, "identify")
    driver.click(w.identify.next_button)
    driver.wait_for(w.choose)
    visit(w.choose, "choose")
    driver.click(w.choose.service_button(SERVICE))
    seen: dict[str, int] = {}
    for _ in range(MAX_SCREENS):
        screen = w.currentWidget()
        if screen is w.done:
            break
        name = screen.objectName() or type(screen).__name__
        seen[name] = seen.get(name, 0) + 1
        if isinstance(screen, FormPageScreen):
            values = dict(ANSWERS)
            phone = screen.editors.get("phone")
            if phone is not None and not phone.value():
                values["phone"] = PHONE
            driver.fill(values)
            visit(screen, f"form-{screen.page.name}")
            driver.next_page(through_materials=False)
        elif screen is getattr(w, "materials", None):
            visit(screen, "materials")
            driver.complete_materials()
        else:
            visit(screen, name.removesuffix("Screen"))
            button = _forward_button(screen)
            assert button is not None, f"no way forward from {name}"
            driver.click(button)
        driver.wait_for(lambda s=screen: w.currentWidget() is not s)
    else:
        raise AssertionError(f"the visit never reached the done screen: {seen}")
    driver.wait_for(w.done.finish_button.isVisible)
    case_number = w.done.case_number.text()
    visit(w.done, "done")
    rate = getattr(w.done, "rate_button", None)
    rating = getattr(w, "rating", None)
    if rate is not None and rating is not None and rate.isVisible():
        driver.click(rate)
        driver.wait_for(rating)
        visit(rating, "rating")
    return case_number


def walk_tracking(driver: KioskDriver, case_number: str, visit: Visit) -> None:
    """From attract to the status of `case_number`."""
    w = driver.window
    driver.click(w.attract.track_button)
    driver.wait_for(w.track)
    visit(w.track, "track-empty")
    driver.press_keys(w.track.keypad, case_number)
    driver.click(w.track.search_button)
    driver.wait_for(w.track.result.isVisible)
    visit(w.track, "track-result")
