"""Locks for what must happen one at a time across processes (ADR 0011).

SQLite transactions are already serial (``transaction_mode: IMMEDIATE``). On PostgreSQL a row that
must change once is re-read with ``select_for_update``; a number taken from ``MAX()+1`` is taken
under :func:`serialize`, a transaction-scoped advisory lock.
"""

from __future__ import annotations

import hashlib

from django.db import connection


def serialize(name: str) -> None:
    """Wait until no other transaction holds the lock ``name``; it is released at commit."""
    if not connection.in_atomic_block:
        raise RuntimeError("serialize() needs a transaction")
    if connection.vendor != "postgresql":
        return
    digest = hashlib.blake2b(name.encode(), digest_size=8).digest()
    key = int.from_bytes(digest, "big", signed=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
