"""Write tokens: ``DETENTE_TOKEN`` or tokens made by ``detente token``, stored only as sha256 hashes.

The hashes live in ``<db>.tokens.json`` next to the store (mode 0600), read on every write request so a
new token works without restarting the server. Comparison is constant-time (hmac.compare_digest).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import secrets
from pathlib import Path

from ..errors import StoreError, UsageError

ENV_TOKEN = "DETENTE_TOKEN"


def token_file(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".tokens.json")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def stored_hashes(db_path: Path, *, now: dt.datetime | None = None) -> list[str]:
    """Hashes of the stored tokens that have not expired."""
    path = token_file(db_path)
    if not path.exists():
        return []
    now = now or dt.datetime.now(dt.timezone.utc)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [str(t["sha256"]) for t in data.get("tokens", [])
                if not t.get("expires") or dt.datetime.fromisoformat(t["expires"]) > now]
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise StoreError(f"bad token file {path}: {exc}") from None


def known_hashes(db_path: Path) -> list[str]:
    hashes = stored_hashes(db_path)
    env = os.environ.get(ENV_TOKEN, "")
    if env:
        hashes.append(hash_token(env))
    return hashes


def check_token(db_path: Path, token: str) -> bool:
    """True when ``token`` matches a configured token (every hash is compared, in constant time each)."""
    given = hash_token(token)
    ok = False
    for h in known_hashes(db_path):
        ok |= hmac.compare_digest(given, h)
    return ok


#: The longest a token may live: 100 years.
MAX_EXPIRES_DAYS = 36_500


def check_expires_days(days: float | None) -> None:
    """A lifetime in days must be a number over 0 and at most MAX_EXPIRES_DAYS (UsageError)."""
    if days is None:
        return
    if isinstance(days, bool) or not isinstance(days, (int, float)) or not 0 < days <= MAX_EXPIRES_DAYS:
        shown = f"{days:g}" if isinstance(days, float) else repr(days)
        raise UsageError(f"bad --expires-days {shown}: give a number of days over 0 and at most "
                         f"{MAX_EXPIRES_DAYS:,} (leave it out for a token that never expires)")


def create_token(db_path: Path, label: str = "", *, expires_days: float | None = None) -> str:
    """Make a new random token, store its hash (and expiry), and return the token (not stored anywhere)."""
    check_expires_days(expires_days)
    path = token_file(db_path)
    tokens = []
    if path.exists():
        stored_hashes(db_path)  # fail loudly on a corrupt file rather than overwrite it
        tokens = json.loads(path.read_text(encoding="utf-8")).get("tokens", [])
    token = secrets.token_urlsafe(32)
    created = dt.datetime.now(dt.timezone.utc)
    entry = {"sha256": hash_token(token), "label": label, "created": created.isoformat(timespec="seconds")}
    if expires_days is not None:
        entry["expires"] = (created + dt.timedelta(days=expires_days)).isoformat(timespec="seconds")
    tokens.append(entry)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump({"tokens": tokens}, fh, indent=1)
    os.replace(tmp, path)
    return token
