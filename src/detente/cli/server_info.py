"""``STORE.server.json``: which `detente serve` process holds a store (so `ingest` can write through it).

DuckDB lets one process write a file, so while a server runs it is the store's single writer. `serve`
writes this small file next to the store (URL, pid, start time) and removes it on a clean shutdown; a
file whose pid is gone (a killed server) is stale: ignored, and replaced by the next `serve`.
"""
from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class ServerInfo:
    url: str
    pid: int
    started: str
    host: str = ""
    port: int = 0


def info_file(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".server.json")


def client_url(host: str, port: int) -> str:
    """The URL a local client uses to reach a server bound to ``host``:``port``."""
    if host in ("0.0.0.0", ""):
        host = "127.0.0.1"
    elif host == "::":
        host = "::1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    except OSError:
        return False
    return True


def read_info(db_path: Path) -> ServerInfo | None:
    """The server holding ``db_path``; None when there is no file, it is unreadable, or its pid is gone."""
    try:
        data = json.loads(info_file(db_path).read_text(encoding="utf-8"))
        info = ServerInfo(url=str(data["url"]), pid=int(data["pid"]), started=str(data.get("started", "")),
                          host=str(data.get("host", "")), port=int(data.get("port", 0)))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return info if pid_alive(info.pid) else None


def write_info(db_path: Path, host: str, port: int) -> ServerInfo:
    """Record this process as the server of ``db_path`` (atomically: temp file + rename)."""
    info = ServerInfo(url=client_url(host, port), pid=os.getpid(), host=host, port=port,
                      started=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))
    path = info_file(db_path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(asdict(info)) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return info


def remove_info(db_path: Path) -> None:
    """Remove the file if it still names this process (never another server's file)."""
    path = info_file(db_path)
    try:
        if int(json.loads(path.read_text(encoding="utf-8"))["pid"]) == os.getpid():
            path.unlink()
    except (OSError, ValueError, KeyError, TypeError):
        pass
