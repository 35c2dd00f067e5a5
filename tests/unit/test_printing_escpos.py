"""ESC/POS output against the command reference's byte values, and the printer transports."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import pytest

from printing import escpos
from printing.backends import (
    EscPosPrinter,
    FileTransport,
    LpPrinter,
    PdfPrinter,
    PrinterError,
    PrinterUnavailable,
    TcpTransport,
    open_printer,
)
from printing.document import Document, Paragraph, Qr, Title


def test_basic_commands_match_the_reference() -> None:
    assert escpos.INIT == bytes([0x1B, 0x40])                     # ESC @
    assert escpos.CHINESE_ON == bytes([0x1C, 0x26])               # FS &
    assert escpos.CHINESE_OFF == bytes([0x1C, 0x2E])              # FS .
    assert escpos.bold(True) == bytes([0x1B, 0x45, 0x01])         # ESC E 1
    assert escpos.bold(False) == bytes([0x1B, 0x45, 0x00])
    assert escpos.align("center") == bytes([0x1B, 0x61, 0x01])    # ESC a 1
    assert escpos.size(2, 2) == bytes([0x1D, 0x21, 0x11])         # GS ! 0x11
    assert escpos.size(1, 3) == bytes([0x1D, 0x21, 0x02])
    assert escpos.feed(3) == bytes([0x1B, 0x64, 0x03])            # ESC d 3
    assert escpos.cut() == bytes([0x1D, 0x56, 0x41, 0x00])        # GS V 65 0


def test_qr_command_sequence_matches_the_reference() -> None:
    data = b"SH1:ABC"
    k = len(data) + 3
    expected = (
        bytes([0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00])  # fn 65: model 2
        + bytes([0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, 0x06])      # fn 67: module 6
        + bytes([0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, 0x31])      # fn 69: level M
        + bytes([0x1D, 0x28, 0x6B, k & 0xFF, k >> 8, 0x31, 0x50, 0x30]) + data  # fn 80: store
        + bytes([0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30])      # fn 81: print
    )
    assert escpos.qr(data, module=6, error="m") == expected


def test_long_qr_data_sets_the_high_length_byte() -> None:
    data = b"A" * 300
    stored = escpos.qr(data)
    assert bytes([0x1D, 0x28, 0x6B, (303) & 0xFF, 303 >> 8, 0x31, 0x50, 0x30]) + data in stored
    with pytest.raises(ValueError):
        escpos.qr(b"x", module=17)


def test_raster_image_header_and_bits() -> None:
    import io

    from PIL import Image

    image = Image.new("L", (16, 2), 255)
    image.putpixel((0, 0), 0)
    image.putpixel((15, 1), 0)
    out = io.BytesIO()
    image.save(out, format="PNG")
    data = escpos.raster(out.getvalue(), max_width_dots=384, max_height_dots=100)
    # GS v 0 m=0 xL=2 xH=0 yL=2 yH=0, then 2 rows of 2 bytes, ink = 1 bits
    assert data == bytes([0x1D, 0x76, 0x30, 0, 2, 0, 2, 0, 0x80, 0x00, 0x00, 0x01])


DOC = Document("测试", (Title("打印测试", "Test"), Paragraph("政务服务"), Qr("SH1:ABC")))


def test_document_stream_uses_gb18030_and_native_qr() -> None:
    data = escpos.to_escpos(DOC, "58mm")
    assert data.startswith(escpos.INIT + escpos.CHINESE_ON)
    assert "打印测试".encode("gb18030") in data and "政务服务".encode("gb18030") in data
    assert b"\x1d(k" in data and data.endswith(escpos.feed(3) + escpos.cut())
    with pytest.raises(ValueError, match="not a thermal slip"):
        escpos.to_escpos(DOC, "a4")


@pytest.fixture
def raw_server() -> tuple[str, int, list[bytes], threading.Event]:
    """A one-connection TCP printer on 127.0.0.1 that answers the paper status with 0x12."""
    server = socket.create_server(("127.0.0.1", 0))
    received: list[bytes] = []
    done = threading.Event()

    def serve() -> None:
        conn, _ = server.accept()
        with conn:
            chunks = []
            while chunk := conn.recv(65536):
                if chunk.startswith(b"\x10\x04\x04"):
                    conn.sendall(b"\x12")  # paper present
                    chunk = chunk[3:]
                chunks.append(chunk)
            received.append(b"".join(chunks))
        server.close()
        done.set()

    threading.Thread(target=serve, daemon=True).start()
    host, port = server.getsockname()[:2]
    return host, port, received, done


def test_network_transport_delivers_the_exact_bytes(raw_server) -> None:  # type: ignore[no-untyped-def]
    host, port, received, done = raw_server
    printer = open_printer(f"escpos-tcp:{host}:{port}", paper_name="58mm")
    assert isinstance(printer, EscPosPrinter)
    printer.transport.check_paper = True  # type: ignore[attr-defined]
    printer.print_document(DOC)
    assert done.wait(10)
    assert received == [escpos.to_escpos(DOC, "58mm")]


def test_paper_out_status_is_unavailable() -> None:
    server = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        conn, _ = server.accept()
        with conn:
            conn.recv(3)
            conn.sendall(b"\x72")  # bits 5 and 6: paper end
        server.close()

    threading.Thread(target=serve, daemon=True).start()
    transport = TcpTransport(*server.getsockname()[:2], timeout=5, check_paper=True)
    with pytest.raises(PrinterUnavailable, match="out of paper"):
        transport.send(b"x")


def test_offline_printer_is_unavailable() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(PrinterUnavailable, match="not reachable"):
        TcpTransport("127.0.0.1", port, timeout=2).send(b"x")


def test_file_transport_writes_and_reports_missing_devices(tmp_path: Path) -> None:
    target = tmp_path / "lp0"
    EscPosPrinter(FileTransport(target), "80mm").print_document(DOC)
    assert target.read_bytes() == escpos.to_escpos(DOC, "80mm")
    with pytest.raises(PrinterUnavailable, match="plugged in"):
        FileTransport(tmp_path / "absent" / "lp0").send(b"x")


def test_printer_names(tmp_path: Path) -> None:
    assert isinstance(open_printer(f"pdf:{tmp_path}"), PdfPrinter)
    assert isinstance(open_printer("lp:"), LpPrinter)
    assert open_printer("escpos-tcp:printer.local").transport.port == 9100  # type: ignore[attr-defined]
    for bad in ("usb", "escpos-tcp:", "escpos-tcp:host:port", "pdf:"):
        with pytest.raises(PrinterError, match="escpos"):
            open_printer(bad)


def test_pdf_printer_writes_one_file_per_job_into_a_folder(tmp_path: Path) -> None:
    printer = PdfPrinter(tmp_path, "a4")
    first, second = printer.print_document(DOC), printer.print_document(DOC)
    assert first != second and Path(first).read_bytes().startswith(b"%PDF-")


def test_lp_missing_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(PrinterError, match="cups-client"):
        LpPrinter("kiosk").print_document(DOC)


def test_lp_is_called_with_the_queue_and_title(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "lp.log"
    fake = tmp_path / "bin" / "lp"
    fake.parent.mkdir()
    fake.write_text(f'#!/bin/sh\necho "$@" > {log}\n/usr/bin/head -c 5 "$5" >> {log}\n'
                    'echo "request id is kiosk-1 (1 file(s))"\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(fake.parent))
    assert LpPrinter("kiosk").print_document(DOC) == "request id is kiosk-1 (1 file(s))"
    assert log.read_text().startswith("-d kiosk -t 测试 ") and log.read_text().endswith("%PDF-")
