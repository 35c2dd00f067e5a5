"""The device's side of the promise that nothing submitted is lost or doubled.

`store` keeps cases durable and sealed on the device, `client` speaks the sync protocol over
HTTP, `worker` moves the outbox to the platform and pulls status changes back, and `platform`
is the reference platform server that speaks the same protocol. No Qt here.
"""
