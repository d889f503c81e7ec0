"""Access to the bundled resources (the top-level resources/ folder, shipped as hotline.resources).

importlib.resources makes the same code work installed, in a source checkout and in a
PyInstaller bundle.
"""

from __future__ import annotations

import json
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any


def resource(*parts: str) -> Traversable:
    """A bundled resource file or folder."""
    node = resources.files("hotline.resources")
    for part in parts:
        node = node.joinpath(part)
    return node


def load_json(*parts: str) -> Any:
    return json.loads(resource(*parts).read_text(encoding="utf-8"))
