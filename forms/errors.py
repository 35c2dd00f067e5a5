"""The exceptions and error values the forms package raises and returns.

Every error a citizen can cause carries a bilingual `Text` that says what is wrong and how to put
it right; `str()` of each exception gives the English wording for logs and the command line. A
catalogue error is an operator's problem, so its message names the file, service and field.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from forms.text import Text


class InvalidValue(Exception):
    """One value (an ID number, a date, …) is not acceptable; `message` says why and what to do."""

    def __init__(self, message: Text) -> None:
        super().__init__(message.en)
        self.message = message

    def __str__(self) -> str:
        return self.message.en


@dataclass(frozen=True)
class FieldError:
    """What is wrong with one answer: the field's name and label, and how to fix it.

    In a repeating group, `item` (0-based) and `subfield` say which entry and which of its
    questions; the message already names them ("第2位家庭成员的身份证号码：…").
    """

    field: str
    label: Text
    message: Text
    item: int | None = None
    subfield: str | None = None


class ValidationFailed(Exception):
    """An application has bad answers: `errors` has one `FieldError` per bad field, in page order."""

    def __init__(self, errors: tuple[FieldError, ...]) -> None:
        super().__init__(errors)
        self.errors = errors

    def __str__(self) -> str:
        return "; ".join(f"{e.field}: {e.message.en}" for e in self.errors)


class UnknownService(KeyError):
    """The catalogue has no service with this code."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code
        self.message = Text(
            zh=f"没有编号为“{code}”的服务事项，请重新选择",
            en=f"There is no service with the code {code!r}; choose another service",
        )

    def __str__(self) -> str:
        return self.message.en


class CatalogError(Exception):
    """The catalogue file is malformed; the message names the file, service and field at fault."""

    def __init__(self, path: Path | str, problem: str, *, service: str | None = None,
                 field: str | None = None) -> None:
        self.path = str(path)
        self.problem = problem
        self.service = service
        self.field = field
        where = [self.path]
        if service is not None:
            where.append(f"service {service!r}")
        if field is not None:
            where.append(f"field {field!r}")
        super().__init__(", ".join(where) + f": {problem}")
