"""Small builders the tests share: a complete application for a demo resident."""

from __future__ import annotations


def residence_answers(resident: dict[str, str], **overrides: str) -> dict[str, str]:
    """A complete 居住证明 application for a registry resident."""
    answers = {
        "applicant_name": resident["name"],
        "applicant_id_number": resident["id_number"],
        "gender": resident["gender"],
        "birth_date": resident["birth_date"],
        "address": resident["address"],
        "residence_since": "2019-06-01",
        "phone": resident.get("phone") or "13805711234",
        "purpose": "school",
    }
    answers.update(overrides)
    return answers
