"""One exception tree for everything that can go wrong talking to the platform.

The transport maps library exceptions onto these at its boundary (`raise … from exc`), so callers
decide between "try again later" and "a person must act" without knowing about HTTP.
"""

from __future__ import annotations


class SyncError(Exception):
    """Base of every sync failure."""

    retryable = False


class PlatformUnreachable(SyncError):
    """No answer: connection refused, timed out, reset, DNS failure."""

    retryable = True


class NotPlatform(SyncError):
    """Something answered, but not the platform (a captive portal, a proxy's error page)."""

    retryable = True


class ServerBusy(SyncError):
    """The platform answered 5xx or 429; `retry_after` seconds if it said so."""

    retryable = True

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class AuthRejected(SyncError):
    """The platform refused this device's credentials or enrollment code."""


class RequestRefused(SyncError):
    """The platform refused a request as malformed (4xx other than auth and 429)."""
