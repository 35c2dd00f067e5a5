"""Human case numbers: hall, device and a per-device sequence, with a check digit.

A case number is printed on the receipt and typed back on a kiosk keypad, so it is digits only,
grouped for reading (`3301-0007-0000042-3`), and ends with a Luhn check digit that catches a
mistyped digit and most swapped neighbours. The UUID, not this number, is the case's identity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIGITS = re.compile(r"\d+")


class BadCaseNumber(ValueError):
    """Text that is not a well-formed case number."""


@dataclass(frozen=True)
class CaseNumber:
    hall_code: str
    device_no: int
    sequence: int

    def __str__(self) -> str:
        body = f"{self.hall_code}{self.device_no:04d}{self.sequence:07d}"
        return f"{self.hall_code}-{self.device_no:04d}-{self.sequence:07d}-{luhn_digit(body)}"


def luhn_digit(digits: str) -> str:
    """The Luhn check digit to append to `digits`."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def make_case_number(hall_code: str, device_no: int, sequence: int) -> str:
    if not (len(hall_code) == 4 and hall_code.isascii() and hall_code.isdigit()):
        raise BadCaseNumber(f"hall code must be 4 digits, got {hall_code!r}")
    if not 0 < device_no < 10_000 or not 0 < sequence < 10_000_000:
        raise BadCaseNumber("device number or sequence out of range")
    return str(CaseNumber(hall_code, device_no, sequence))


def parse_case_number(text: str) -> CaseNumber:
    """Read a case number typed with or without separators.

    :raises BadCaseNumber: with a message a citizen can act on.
    """
    digits = "".join(_DIGITS.findall(text.strip())) if text.isascii() else ""
    if len(digits) != 16:
        raise BadCaseNumber("受理编号应为16位数字，请核对回执 / A case number has 16 digits")
    body, check = digits[:15], digits[15]
    if luhn_digit(body) != check:
        raise BadCaseNumber("受理编号有误，请逐位核对回执 / The case number has a typo")
    return CaseNumber(body[:4], int(body[4:8]), int(body[8:15]))


def normalise_case_number(text: str) -> str:
    """The printed form of a typed case number. :raises BadCaseNumber: if malformed."""
    return str(parse_case_number(text))
