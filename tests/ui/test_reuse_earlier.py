"""Fill once: a returning citizen's earlier answers prefill the form, only if they agree, and the
stored case records where each answer came from."""

from __future__ import annotations

from kiosk.services import KioskServices
from kiosk.ui.window import KioskWindow
from tests.conftest import PlatformHandle
from tests.helpers import residence_answers
from tests.ui.driver import KioskDriver, all_texts

SERVICE = "social-security-card-replacement"


def _earlier_case(services: KioskServices, resident: dict[str, str], phone: str) -> None:
    answers = dict(residence_answers(resident), phone=phone)
    services.submit("residence-certificate", answers)


def _phone_offered(window: KioskWindow) -> tuple[str, str]:
    for page in window.visit.pages:
        editor = page.editors.get("phone")
        if editor is not None:
            return editor.value(), editor.source.text()
    raise AssertionError("the form has no phone question")


def test_a_returning_citizen_is_asked_and_their_answers_fill_the_form(
    driver: KioskDriver, kiosk_window: KioskWindow, kiosk_services: KioskServices,
    platform_server: PlatformHandle,
) -> None:
    resident = platform_server.residents[2]
    _earlier_case(kiosk_services, resident, "13905710000")
    w = kiosk_window

    driver.identify(resident["id_number"], reuse_earlier=True)

    assert "1 件事项" in w.reuse.explanation.text()
    assert "13905710000" not in " ".join(all_texts(w.reuse))  # nothing of the answers shown
    # The registry has no phone for her; her earlier application has one.
    assert w.visit.prefill["phone"].source == "earlier-case"
    assert w.visit.prefill["applicant_name"].source == "registry"  # the records still win
    driver.choose(SERVICE)
    value, source = _phone_offered(w)
    assert value == "13905710000" and "来自您以前的申请" in source


def test_a_citizen_who_declines_gets_the_records_alone(
    driver: KioskDriver, kiosk_window: KioskWindow, kiosk_services: KioskServices,
    platform_server: PlatformHandle,
) -> None:
    resident = platform_server.residents[2]
    _earlier_case(kiosk_services, resident, "13905710000")

    driver.identify(resident["id_number"], reuse_earlier=False)

    assert all(p.source != "earlier-case" for p in kiosk_window.visit.prefill.values())


def test_a_first_visit_is_not_asked(
    driver: KioskDriver, kiosk_window: KioskWindow, platform_server: PlatformHandle,
) -> None:
    driver.identify(platform_server.residents[3]["id_number"])  # waits for the service list
    assert kiosk_window.currentWidget() is kiosk_window.choose
