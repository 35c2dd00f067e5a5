"""Case states in the words a citizen reads, each with a sign so colour is never the only cue.

The store and the platform speak in codes (`queued`, `needs_supplement`, …); these are the words
the track and done screens show for them. An unknown code is shown as "需工作人员处理" with the
code itself, never hidden.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def translate(context: str, text: str) -> str:
    # Named `translate` with the context spelled out at each call so that lupdate finds the text.
    return QCoreApplication.translate(context, text)


def status_words(status: str) -> str:
    """The sign and the Chinese words for a case state, e.g. "✓ 已受理"."""
    words = {
        "queued": "→ " + translate("CaseStatus", "已提交待上传"),
        "sent": "→ " + translate("CaseStatus", "已上传平台"),
        "accepted": "✓ " + translate("CaseStatus", "已受理"),
        "needs_supplement": "⚠ " + translate("CaseStatus", "需补正材料"),
        "approved": "✓ " + translate("CaseStatus", "已办结（准予）"),
        "rejected": "✗ " + translate("CaseStatus", "不予批准"),
        "quarantined": "⚠ " + translate("CaseStatus", "需工作人员处理"),
    }
    return words.get(status, "⚠ " + translate("CaseStatus", "需工作人员处理") + f" ({status})")


def status_explanation(status: str) -> str:
    """What the state means for the citizen and what to do next."""
    words = {
        "queued": translate("CaseStatus", "您的申请已安全保存在本终端，联网后会自动上传，无需再次提交。"),
        "sent": translate("CaseStatus", "您的申请已上传到政务服务平台，等待部门受理。"),
        "accepted": translate("CaseStatus", "部门已受理您的申请，正在办理。"),
        "needs_supplement": translate("CaseStatus", "请按下面的说明补正材料，可到服务大厅窗口办理。"),
        "approved": translate("CaseStatus", "您的申请已办结并准予。请按通知领取结果。"),
        "rejected": translate("CaseStatus", "您的申请未获批准，原因见下方。如有疑问请咨询服务大厅窗口。"),
        "quarantined": translate("CaseStatus", "您的申请需要工作人员核对，请到服务大厅窗口咨询。"),
    }
    return words.get(status, translate("CaseStatus", "请到服务大厅窗口咨询。"))
