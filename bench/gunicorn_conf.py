"""Gunicorn settings for the benchmarks (bench.common.serve): hooks that only a benchmark needs."""

import os


def post_worker_init(worker):
    # Every benchmark request comes from one address: lift the per-address public look-up limit.
    if os.environ.get("BENCH_LIFT_LOOKUP_LIMIT"):
        from dossiers import lookup

        lookup.LOOKUP_LIMIT = 10**9
    # bench/statistics_report.py: the statistics report's path, for as long as the API does not answer it.
    if os.environ.get("BENCH_STATISTICS_VIEW"):
        from django.urls import path

        from bench.statistics_report import REPORT_PATH, report_view
        from motcua import urls

        urls.urlpatterns.insert(0, path(REPORT_PATH.lstrip("/"), report_view))
