"""Both signature suites end to end: issue a receipt, print it, scan it, verify it elsewhere offline.

A deployment chooses Ed25519 or SM2 with `signature_suite`. The issuing kiosk signs with that
suite and the platform publishes its key; another kiosk that has once fetched the published keys
verifies the printed receipt — rasterised with pdftoppm and decoded with pyzbar — with the
platform switched off. A device switched to SM2 after enrollment publishes its new key at its
next contact, and a published key is never silently replaced.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import replace
from pathlib import Path

import base45
import cbor2
import pytest

from kiosk.cli import main
from kiosk.services import KioskServices
from printing.payload import PREFIX
from printing.qrscan import decode_qr_image
from printing.suites import SM2, Sm2PrivateKey, public_key_bytes
from sync.errors import RequestRefused
from sync.platform.devicekeys import published_keys
from tests.conftest import PlatformHandle, artifacts_dir, device_config
from tests.helpers import residence_answers


def _kiosk(folder: Path, platform: PlatformHandle, suite: str = "ed25519") -> KioskServices:
    config = replace(device_config(folder, platform.url), signature_suite=suite)
    services = KioskServices.open(config)
    services.enroll(platform.db.new_enroll_code(), name=f"{suite} kiosk")
    return services


def _scan(pdf: Path, name: str) -> Path:
    stem = pdf.parent / name
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-singlefile", str(pdf), str(stem)],
                   check=True)
    png = stem.with_suffix(".png")
    (artifacts_dir("printouts") / png.name).write_bytes(png.read_bytes())
    return png


@pytest.mark.parametrize(("suite", "published_as"), [("ed25519", "ed25519"), ("sm2", SM2)])
def test_a_printed_receipt_verifies_offline_at_another_kiosk(
    tmp_path: Path, platform_server: PlatformHandle, capsys: pytest.CaptureFixture[str],
    suite: str, published_as: str,
) -> None:
    issuing = _kiosk(tmp_path / "issuing", platform_server, suite)
    try:
        result = issuing.submit("residence-certificate",
                                residence_answers(platform_server.residents[0]))
        device_id = issuing.device().device_id  # type: ignore[union-attr]
    finally:
        issuing.close()
    assert result.receipt_path is not None
    assert published_as in published_keys(platform_server.db)[device_id]
    png = _scan(result.receipt_path, f"receipt-{suite}")
    (payload,) = decode_qr_image(png)

    other = _kiosk(tmp_path / "other", platform_server)
    other_dir = str(other.config.data_dir)
    other.close()
    assert main(["receipt", "verify", str(png), "--data-dir", other_dir]) == 0  # fetches keys
    capsys.readouterr()
    platform_server.stop()
    assert main(["receipt", "verify", str(png), "--data-dir", other_dir, "--offline",
                 "--json"]) == 0
    verdict = json.loads(capsys.readouterr().out)
    assert verdict == {"valid": True, "case_number": result.case_number, "issuer": device_id,
                       "issued_at": verdict["issued_at"], "suite": published_as}

    items = cbor2.loads(base45.b45decode(payload[len(PREFIX):]))
    items[-3] = items[-3] + 1  # the issue time moved by a second, signature kept
    forged = PREFIX + base45.b45encode(cbor2.dumps(items, canonical=True)).decode()
    assert main(["receipt", "verify", "--payload", forged, "--data-dir", other_dir,
                 "--offline"]) == 1
    err = capsys.readouterr().err
    assert "signature does not match" in err and "Traceback" not in err


def test_switching_to_sm2_publishes_the_key_once_and_never_replaces_it(
    tmp_path: Path, platform_server: PlatformHandle,
) -> None:
    services = _kiosk(tmp_path / "kiosk", platform_server)
    device_id = services.device().device_id  # type: ignore[union-attr]
    services.close()
    assert SM2 not in published_keys(platform_server.db)[device_id]

    switched = KioskServices.open(replace(services.config, signature_suite="sm2"))
    try:
        keys = switched.device_keys(refresh=True)  # the first contact publishes the SM2 key
        published = published_keys(platform_server.db)[device_id]
        assert SM2 in published and SM2 in keys.keys[device_id]
        client = switched.client()
        try:
            with pytest.raises(RequestRefused):
                client.publish_key(SM2, public_key_bytes(Sm2PrivateKey.generate()))
        finally:
            client.close()
        assert published_keys(platform_server.db)[device_id] == published
    finally:
        switched.close()


def test_queue_tickets_from_the_command_line(
    tmp_path: Path, platform_server: PlatformHandle, capsys: pytest.CaptureFixture[str],
) -> None:
    services = _kiosk(tmp_path / "kiosk", platform_server)
    data_dir = str(services.config.data_dir)
    services.close()
    tray = tmp_path / "tray"
    tray.mkdir()
    for expected in ("A001", "A002"):
        assert main(["ticket", "take", "--service", "household-move-in", "--data-dir", data_dir,
                     "--printer", f"pdf:{tray}"]) == 0
        taken = json.loads(capsys.readouterr().out)
        assert taken["number"] == expected and taken["printed"] is True
    assert taken["waiting"] == 1
    assert len(list(tray.glob("*.pdf"))) == 2
    assert main(["ticket", "call", "--data-dir", data_dir]) == 0
    assert capsys.readouterr().out.strip() == "A001"
    assert main(["ticket", "take", "--service", "nonexistent", "--data-dir", data_dir]) == 2
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("suite", ["ed25519", "sm2"])
def test_a_receipt_printed_again_from_the_store_verifies_like_the_first(
    tmp_path: Path, platform_server: PlatformHandle, capsys: pytest.CaptureFixture[str],
    suite: str,
) -> None:
    services = _kiosk(tmp_path / "kiosk", platform_server, suite)
    result = services.submit("residence-certificate",
                             residence_answers(platform_server.residents[2]))
    data_dir = str(services.config.data_dir)
    services.close()
    assert result.receipt_path is not None
    (first,) = decode_qr_image(_scan(result.receipt_path, f"first-{suite}"))

    again = tmp_path / "again.pdf"
    assert main(["receipt", "print", result.case_number, "--data-dir", data_dir,
                 "--printer", f"pdf:{again}", "--paper", "a4"]) == 0
    assert result.case_number in capsys.readouterr().out
    (second,) = decode_qr_image(_scan(again, f"reprinted-a4-{suite}"))
    if suite == "ed25519":
        assert second == first  # deterministic signature over the very same claim
    assert main(["receipt", "verify", "--payload", second, "--data-dir", data_dir,
                 "--offline", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["case_number"] == result.case_number
    text = subprocess.run(["pdftotext", str(again), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert result.case_number in text and "居住证明" in text

    assert main(["receipt", "print", "3301-0001-0009999-8", "--data-dir", data_dir,
                 "--printer", f"pdf:{again}"]) in (1, 2)
    assert "Traceback" not in capsys.readouterr().err
