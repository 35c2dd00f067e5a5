"""Material files a case takes: what they are, and the checks every channel applies.

The kiosk's capture and import screens, the headless `case submit --attach` and the service
layer share these checks, so a file is refused with the same words wherever it came from.
"""

from __future__ import annotations

from dataclasses import dataclass

from forms.catalog import Material, Service

MAX_ATTACHMENT = 20 * 1024 * 1024
_MAGIC = {"image/jpeg": (b"\xff\xd8\xff",), "image/png": (b"\x89PNG\r\n\x1a\n",),
          "application/pdf": (b"%PDF-",)}


class BadAttachment(ValueError):
    """A material file the case cannot take; the message says which and why."""


@dataclass(frozen=True)
class Attachment:
    """A material's file as the citizen or agent supplied it."""

    data: bytes
    material: str  # the catalogue material's Chinese or English name
    media_type: str = ""  # detected from the bytes when empty


def media_type_of(data: bytes) -> str | None:
    return next((kind for kind, magics in _MAGIC.items()
                 if any(data.startswith(m) for m in magics)), None)


def check_attachment(service: Service, attachment: Attachment) -> None:
    """:raises BadAttachment: naming the material and what to do."""
    detected = media_type_of(attachment.data)
    if detected is None:
        raise BadAttachment(f"{attachment.material}: the file is not a JPEG, PNG or PDF")
    if attachment.media_type and attachment.media_type != detected:
        raise BadAttachment(f"{attachment.material}: the file is {detected}, "
                            f"not {attachment.media_type}")
    if len(attachment.data) > MAX_ATTACHMENT:
        raise BadAttachment(f"{attachment.material}: the file is over "
                            f"{MAX_ATTACHMENT // (1024 * 1024)} MB; scan it at a lower resolution")
    names = ({m.name.zh for m in service.materials} | {m.name.en for m in service.materials}
             | {m.id for m in service.materials})
    if names and attachment.material not in names:
        raise BadAttachment(f"{attachment.material!r} is not a material of {service.code}; "
                            f"choose one of: {', '.join(sorted(m.name.zh for m in service.materials))}")


def material_of(service: Service, name: str) -> Material:
    """The service's material an attachment names (by Chinese or English name, or by id).

    :raises BadAttachment: if the service lists no such material.
    """
    for material in service.materials:
        if name in (material.id, material.name.zh, material.name.en):
            return material
    raise BadAttachment(f"{name!r} is not a material of {service.code}")
