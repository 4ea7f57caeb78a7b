"""Benchmarks: `./blog bench` (see run.py)."""
