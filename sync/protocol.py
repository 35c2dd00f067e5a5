"""Names shared by the sync client and the reference platform: paths, headers, versions.

Every protocol answer is JSON carrying `"protocol": PROTOCOL` and the `X-Servicehall-Protocol`
header; anything else (an HTML 200 from a captive portal, a proxy's error page) is not an answer.
Errors share one shape: `{"protocol": ..., "error": {"code": str, "message": str}}`.
"""

PROTOCOL = "servicehall-sync/1"
HEADER = "X-Servicehall-Protocol"
HEADER_VALUE = "1"

ENROLL = "/v1/devices/enroll"
DEVICE_KEYS = "/v1/devices/keys"
REGISTRY_LOOKUP = "/v1/registry/lookup"
PUSH = "/v1/cases/batch"
CHANGES = "/v1/changes"
HEALTH = "/v1/health"
BLOBS = "/v1/blobs"  # GET /v1/blobs/{sha256}: status; PATCH: append a chunk
LEDGER = "/v1/ledger"
CHUNK_HEADER = "X-Chunk-Sha256"
SUITE_ED25519, SUITE_SM2 = "ed25519", "sm2-sm3"
"""Receipt signature suites, as named in the published device keys."""
RATINGS = "/v1/ratings"  # 好差评, pushed like cases, one per case number

#: Per-item answers to a push.
ACCEPTED, DUPLICATE, REJECTED, CONFLICT = "accepted", "duplicate", "rejected", "conflict"
