"""A print job's state in the words a citizen reads, each with a sign so colour is never the cue.

The done screen and the queue-ticket screen follow their jobs through the print queue's
listener; both word them here: printing, printed, waiting for paper, printer offline (retrying),
or failed with what to do next.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kiosk.ui.widgets import error_text


def translate(context: str, text: str) -> str:
    # Named `translate` with the context spelled out at each call so that lupdate finds the text.
    return QCoreApplication.translate(context, text)


def describe_job(job: object, paper: str) -> tuple[str, str, bool]:
    """(text, style role, failed) for a `printing.printqueue.PrintJob` of `paper` (回执, 排队号)."""
    from printing.printqueue import JobStatus

    status = getattr(job, "status", None)
    condition = getattr(job, "condition", None)
    if status is JobStatus.DONE:
        text = "✓ " + translate("PrintStatus", "%1已打印，请从出纸口取走 (Printed — please take it)")
        role, failed = "ok", False
    elif status is JobStatus.FAILED:
        if condition == "paper":
            cause = translate("PrintStatus", "打印机缺纸")
        elif condition == "offline":
            cause = translate("PrintStatus", "打印机未连接")
        else:
            cause = translate("PrintStatus", "打印机出现故障")
        text = error_text(translate("PrintStatus", "%1未能打印：%2。请工作人员处理后点“重新打印”。").replace(
            "%2", cause))
        role, failed = "error", True
    elif condition == "paper":
        text = "⚠ " + translate("PrintStatus", "打印机缺纸，%1等待打印，请联系工作人员加纸。")
        role, failed = "error", False
    elif condition == "offline":
        text = "⚠ " + translate("PrintStatus", "打印机暂时未连接，%1正在重试打印…")
        role, failed = "error", False
    else:
        text = "… " + translate("PrintStatus", "正在打印%1，请稍候 (Printing)")
        role, failed = "", False
    return text.replace("%1", paper), role, failed


def no_printer_text() -> str:
    return "⚠ " + translate(
        "PrintStatus", "本终端没有连接打印机，未能打印。请记下屏幕上的号码，或请工作人员帮助。")
