"""What the benchmarks share: a scratch PostgreSQL database of the run's own and Django on it
(database), CPU time of other processes from /proc (cpu), and the figures and how a target is
judged on a shared machine (figures). Not a benchmark itself (`make bench` runs bench/*.py)."""
