"""Service catalogue and form engine: bilingual text, GB 11643 resident IDs, the catalogue of
services with their pages, fields and materials, JSON-Schema validation of applications, and
prefill from what a registry already knows. Pure Python: no Qt, no network, no storage."""
