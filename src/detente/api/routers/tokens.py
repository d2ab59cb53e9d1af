"""The Bearer scheme shared by the routes that accept a write token."""
from __future__ import annotations

from fastapi.security import HTTPBearer

bearer = HTTPBearer(auto_error=False, description="a token from DETENTE_TOKEN or `detente token`")
