"""Benchmarks of clinflow's real endpoints (run `python benchmarks/ingest.py`; see README.md)."""
