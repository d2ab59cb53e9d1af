"""`detente ingest --server URL`: send articles to a running `detente serve` (POST /api/articles).

The server is then the store's single writer (DuckDB allows one writer process). Items are read
locally; articles go in bounded batches (at most ``MAX_BATCH`` items and ``MAX_BATCH_BYTES`` of JSON),
items that could not be read go along as rejects, so the store records them with their reasons.
"""
from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from ..errors import DetenteError

#: the API takes at most 500 articles per request and 5 MiB of body
MAX_BATCH = 500
MAX_BATCH_BYTES = 4 * 1024 * 1024
#: 503 (store busy) is retried this many times, waiting Retry-After seconds (at most RETRY_CAP_S) each
RETRIES_503 = 5
RETRY_CAP_S = 30.0
TIMEOUT_S = 600.0


class RemoteError(DetenteError):
    """The server could not be reached, or refused a request."""


@dataclass
class RemoteSummary:
    articles_new: int = 0
    articles_skipped: int = 0
    mentions: int = 0
    events: int = 0
    rejects: int = 0
    seconds: float = 0.0
    rejected: list[tuple[str, str]] = field(default_factory=list)
    batches: int = 0


def _article_json(a: Any) -> dict[str, Any]:
    d = {"text": a.text, "id": a.id, "title": a.title, "date": a.date.isoformat() if a.date else None,
         "source": a.source, "url": a.url, "origin": a.origin or None}
    return {k: v for k, v in d.items() if v is not None}


def batches(items: Iterable[Any], size: int, max_bytes: int = MAX_BATCH_BYTES) -> Iterable[dict[str, list[dict[str, Any]]]]:
    """Request bodies of at most ``size`` items and (unless one article alone is larger) ``max_bytes``."""
    from ..ingest.items import Rejected

    size = max(1, min(size, MAX_BATCH))
    body: dict[str, list[dict[str, Any]]] = {"articles": [], "rejects": []}
    n = nbytes = 0
    for item in items:
        if isinstance(item, Rejected):
            entry, key = {"item": item.item[:1000], "reason": item.reason[:2000], "code": item.code}, "rejects"
        else:
            entry, key = _article_json(item), "articles"
        cost = len(json.dumps(entry, ensure_ascii=False).encode("utf-8")) + 2
        if n and (n >= size or nbytes + cost > max_bytes):
            yield body
            body, n, nbytes = {"articles": [], "rejects": []}, 0, 0
        body[key].append(entry)
        n, nbytes = n + 1, nbytes + cost
    if n:
        yield body


def _post(url: str, token: str, body: dict[str, Any]) -> dict[str, Any]:
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    req = urllib.request.Request(f"{url}/api/articles", data=data, method="POST",
                                 headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"})
    for attempt in range(RETRIES_503 + 1):
        try:
            with urllib.request.urlopen(req, timeout=TIMEOUT_S) as resp:
                answer: dict[str, Any] = json.loads(resp.read().decode("utf-8"))  # the server's IngestOut
                return answer
        except urllib.error.HTTPError as exc:
            try:
                detail = json.loads(exc.read().decode("utf-8", "replace")).get("detail", "")
            except (ValueError, AttributeError, OSError):
                detail = ""
            if exc.code == 503 and attempt < RETRIES_503:
                try:
                    wait = float(exc.headers.get("Retry-After", "2"))
                except ValueError:
                    wait = 2.0
                time.sleep(min(max(wait, 0.5), RETRY_CAP_S))
                continue
            if not isinstance(detail, str):
                detail = json.dumps(detail)[:300]
            hint = {401: " (give --token or $DETENTE_TOKEN)",
                    403: " (make a token with `detente token --db STORE` on the server's machine)"}.get(exc.code, "")
            raise RemoteError(f"the server at {url} refused the batch: HTTP {exc.code} {detail}{hint}") from None
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", None) or exc
            raise RemoteError(f"cannot reach the server at {url}: {reason}") from None
    raise RemoteError(f"the server at {url} stayed busy (503) after {RETRIES_503} retries")  # pragma: no cover


def ingest_remote(url: str, token: str, items: Iterable[Any], *, batch_size: int = 50,
                  on_batch: Callable[[RemoteSummary], None] | None = None) -> RemoteSummary:
    """Send ``items`` (Article | Rejected) to the server at ``url``; the summed summary.

    A RemoteError after some batches leaves those batches stored (ingest is idempotent: rerun)."""
    url = url.rstrip("/")
    total = RemoteSummary()
    t0 = time.monotonic()
    for body in batches(items, batch_size):
        try:
            out = _post(url, token, body)
        except RemoteError as exc:
            if total.batches:
                raise RemoteError(f"{exc} ({total.batches} batch(es), {total.articles_new} article(s) already "
                                  f"stored; rerun to send the rest: stored texts are skipped)") from None
            raise
        total.batches += 1
        for k in ("articles_new", "articles_skipped", "mentions", "events", "rejects"):  # events: added
            setattr(total, k, getattr(total, k) + int(out.get(k, 0)))
        total.rejected += [(str(r.get("item", "")), str(r.get("reason", ""))) for r in out.get("rejected", [])]
        if on_batch:
            on_batch(total)
    total.seconds = time.monotonic() - t0
    return total


def server_stats(url: str) -> dict[str, Any] | None:
    """GET /api/stats (None when it fails: the summary then leaves the store totals out)."""
    try:
        with urllib.request.urlopen(f"{url.rstrip('/')}/api/stats", timeout=30) as resp:
            stats: dict[str, Any] = json.loads(resp.read().decode("utf-8"))
            return stats
    except (urllib.error.URLError, OSError, ValueError):
        return None
