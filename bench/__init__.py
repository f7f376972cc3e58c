"""Benchmarks with their workloads: `python -m bench.<name>`."""
