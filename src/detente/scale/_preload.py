"""Imported once by the multiprocessing forkserver (see ``detente.parallel._context``).

It builds the default Coder before any worker is forked, so every worker starts with the model and
dictionaries already in memory (shared copy-on-write) instead of loading its own: pool start-up costs
one model load, not one per worker. A worker uses it when the config it receives (parallel.worker_config)
equals ``CODER.config``; a job with other settings or other knowledge files builds its own coder.
"""
from __future__ import annotations

from typing import Any

CODER: Any = None
try:
    from ..pipeline import Coder

    CODER = Coder()
except Exception:  # noqa: BLE001 - the worker builds its own coder and reports the real error
    CODER = None
