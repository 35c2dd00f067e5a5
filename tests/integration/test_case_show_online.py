"""`servicehall case show --online` says where the status comes from, and when it may be stale."""

from __future__ import annotations

import json

import pytest

from kiosk.cli import main
from kiosk.services import KioskServices
from tests.conftest import PlatformHandle
from tests.helpers import residence_answers


def test_case_show_online_says_when_the_platform_could_not_be_reached(
    kiosk_services: KioskServices, platform_server: PlatformHandle,
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = kiosk_services.submit("residence-certificate",
                                   residence_answers(platform_server.residents[0]))
    kiosk_services.sync_now()
    platform_server.db.decide(result.case_number, "approve", None)
    data_dir = str(kiosk_services.config.data_dir)
    kiosk_services.close()

    assert main(["case", "show", result.case_number, "--online", "--data-dir", data_dir]) == 0
    captured = capsys.readouterr()
    shown = json.loads(captured.out)
    assert shown["online"] == "platform" and shown["status"] == "approved"
    assert "warning" not in captured.err

    platform_server.stop()
    assert main(["case", "show", result.case_number, "--online", "--data-dir", data_dir]) == 0
    captured = capsys.readouterr()
    shown = json.loads(captured.out)
    assert shown["online"] == "unreachable" and shown["status"] == "approved"
    assert "could not be reached" in captured.err and "out of date" in captured.err
