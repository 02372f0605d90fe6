"""What the 100,000-row benchmarks share: a scratch PostgreSQL database, Django on it, and the
figures (p95, queries per request). Not a benchmark itself (`make bench` runs bench/*.py)."""
