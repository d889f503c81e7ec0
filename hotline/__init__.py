"""Hotline: call log, legal library and support directory for a social work center's hotline."""

from __future__ import annotations

__version__ = "0.1.0"
