"""Run read_inputs (and optionally the real coder) over every file in a folder, one bounded input at a time.

    python fuzz_runner.py DIR [--code [--code-every N]] [--timeout S] [--mem-mb N] > results.jsonl

Prints one JSON line per input file: name, articles, rejects [[code, reason], ...], error (an exception
that escaped: a crash), timeout (true when the input ran past --timeout: a hang), seconds. Memory is capped
with RLIMIT_AS so a blow-up is a MemoryError (recorded as a crash) instead of taking the machine down.
"""
from __future__ import annotations

import argparse
import json
import resource
import signal
import sys
import time
import traceback
from pathlib import Path


class InputTimeout(BaseException):  # BaseException: a reader's `except Exception` cannot swallow it
    pass


def _alarm(signum, frame):  # noqa: ARG001
    raise InputTimeout()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--code", action="store_true", help="also code every article with the real Coder")
    ap.add_argument("--code-every", type=int, default=1, help="with --code: code the articles of every Nth input")
    ap.add_argument("--timeout", type=float, default=20.0)
    ap.add_argument("--mem-mb", type=int, default=3072)
    args = ap.parse_args()
    resource.setrlimit(resource.RLIMIT_AS, (args.mem_mb * 1024 * 1024, resource.RLIM_INFINITY))
    from detente.ingest import Rejected, read_inputs

    coder = None
    if args.code:
        from detente.pipeline import Coder
        coder = Coder()
    signal.signal(signal.SIGALRM, _alarm)
    for n, path in enumerate(sorted(Path(args.folder).iterdir())):
        code_it = coder is not None and n % args.code_every == 0
        out = {"name": path.name, "articles": 0, "events": 0, "rejects": [], "error": None, "timeout": False}
        t0 = time.perf_counter()
        signal.setitimer(signal.ITIMER_REAL, args.timeout)
        try:
            for item in read_inputs([path]):
                if isinstance(item, Rejected):
                    out["rejects"].append([item.code, item.reason])
                    continue
                out["articles"] += 1
                if code_it:
                    out["events"] += len(coder.code(item))
        except InputTimeout:
            out["timeout"] = True
        except BaseException as exc:  # noqa: BLE001 - any escape is the finding we report
            out["error"] = f"{type(exc).__name__}: {exc}"[:500] + " | " + \
                traceback.format_exc().splitlines()[-3][:300]
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        out["seconds"] = round(time.perf_counter() - t0, 4)
        sys.stdout.write(json.dumps(out) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
