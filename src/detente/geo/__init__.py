"""Where events happened: place mentions resolved offline to gazetteer entries.

Public interface: `Gazetteer`, `Place`, `load_gazetteer` (gazetteer.py) and `locate_event` (locate.py).
"""
from .gazetteer import Gazetteer, Place, load_gazetteer
from .locate import locate_event
from .validate import validate_geo_data

__all__ = ["Gazetteer", "Place", "load_gazetteer", "locate_event", "validate_geo_data"]
