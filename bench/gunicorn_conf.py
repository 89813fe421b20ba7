"""Gunicorn settings for the benchmarks (bench.common.serve): hooks that only a benchmark needs."""

import os


def post_worker_init(worker):
    # Every benchmark request comes from one address: lift the per-address public look-up limit.
    if os.environ.get("BENCH_LIFT_LOOKUP_LIMIT"):
        from dossiers import lookup

        lookup.LOOKUP_LIMIT = 10**9
