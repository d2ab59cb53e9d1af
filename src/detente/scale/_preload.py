"""Imported once by the multiprocessing forkserver (see ``detente.parallel._context``).

It builds the default Coder before any worker is forked, so every worker starts with the model and
dictionaries already in memory (shared copy-on-write) instead of loading its own: pool start-up costs
one model load, not one per worker. ``ENV`` records the DETENTE_* settings it was built with; a worker
whose job asks for other settings or other knowledge files builds its own coder instead.
"""
from __future__ import annotations

import os

ENV = {k: v for k, v in os.environ.items() if k.startswith("DETENTE_")}
try:
    from ..pipeline import Coder

    CODER = Coder()
except Exception:  # noqa: BLE001 - the worker builds its own coder and reports the real error
    CODER = None
