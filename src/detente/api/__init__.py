"""HTTP API and dashboard: ``create_app(db)`` (FastAPI), served by ``detente serve``."""
from .app import create_app

__all__ = ["create_app"]
