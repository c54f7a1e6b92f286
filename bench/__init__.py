"""Shuniu benchmarks at government scale (issue 6). Not part of the test suite.

    python -m bench.run --quick          # SQLite, 100 000 matters (make bench-quick)
    python -m bench.run --full           # PostgreSQL, 10 000 000 matters (make bench-full)
    python -m bench.run --full --n 1000000

`bench.generate` fills the database (COPY on PostgreSQL, bulk INSERT on SQLite) with matters of every
kind registered in `shuniu.matters.workflow.all_workflows()`; `bench.benchmarks` measures them, each
result printed as one line with a ratio against a baseline measured in the same run. See
docs/performance.md for the results and how to read them.
"""
