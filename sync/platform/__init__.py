"""The reference platform: the server side of the sync protocol, for demos, pilots and tests.

`db` keeps its SQLite file, `intake` checks and stores pushed cases, `app` is the FastAPI face,
`server` runs it (embedded in a thread or in the foreground) and `seed` loads demo data.
"""
