"""Percentiles and timing summaries shared by the benchmark scripts (nearest rank: the
figures are read from a few hundred samples at most, so no interpolation is needed)."""

from __future__ import annotations

import statistics


def percentile(values: list[float], q: float) -> float:
    """The value at rank round(q * (n - 1)) of the sorted values."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def ms_summary(seconds: list[float]) -> str:
    """'median X ms, p95 Y ms' of timings given in seconds."""
    return (f"median {statistics.median(seconds) * 1000:.1f} ms, "
            f"p95 {percentile(seconds, 0.95) * 1000:.1f} ms")
