"""``manage.py rebuild_stats``: the aggregates counted again from every dossier, from scratch.

Each dossier's contribution is computed in Python (``domain.contributions.contribution``, the one
definition the incremental tally uses too) and kept as its tally; the database then adds the tallies
up: the days' rows from the tallies' days, the months' rows from the days' and the years' from the
months', and the agencies' rows (every procedure together) from those. That gives the rows
:func:`domain.contributions.add_up` would give, and the incremental tally keeps, while Python holds one
batch of dossiers at a time: ten million dossiers make some ten million aggregate rows, too many to add
up in a Python dictionary and to write through the ORM. On PostgreSQL the tallies go in by ``COPY``.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.db import connection, transaction
from django.db.models import BigIntegerField, Func

from dossiers.clock import province_calendar
from dossiers.models import Dossier

from .domain.contributions import Grain, contribution
from .models import MEASURE_FIELDS, AgencyAggregate, Aggregate, DossierTally
from .tally import dossier_rows, facts_from_rows, file_flags, grouped, payment_rows, supplement_rows

BATCH = 20_000


@dataclass(frozen=True)
class Rebuilt:
    dossiers: int
    aggregates: int
    #: Seconds spent removing the old rows, counting the dossiers (their tallies), adding the tallies up
    #: and committing (where PostgreSQL checks every new row's foreign keys).
    seconds: dict[str, float] = field(default_factory=dict, compare=False)


def rebuild(batch: int = BATCH) -> Rebuilt:
    """Replace every aggregate and tally by those counted from the dossiers as they are now, in one
    transaction (reports read the old figures until it commits). Dossiers are read in batches of
    ``batch`` by primary key."""
    calendar = province_calendar()
    dossiers = 0
    seconds, lap = {}, time.perf_counter()

    def timed(phase):
        nonlocal lap
        seconds[phase], lap = time.perf_counter() - lap, time.perf_counter()

    with transaction.atomic():
        DossierTally.objects.all().delete()
        Aggregate.objects.all().delete()
        AgencyAggregate.objects.all().delete()
        timed("removing")
        for facts in _batches(batch):
            tallies = []
            for dossier_id, dossier_facts in facts:
                counted = contribution(dossier_facts, calendar)
                if counted:
                    tallies.append((dossier_id, counted.to_json()))
            _write_tallies(tallies)
            dossiers += len(facts)
        timed("counting")
        aggregates = _add_up_tallies()
        timed("adding up")
    timed("committing")
    return Rebuilt(dossiers=dossiers, aggregates=aggregates, seconds=seconds)


class _Microseconds(Func):
    """A PostgreSQL ``timestamptz`` as microseconds since 1970 (exact: ``EXTRACT`` is a ``numeric``)."""

    template = "(EXTRACT(EPOCH FROM %(expressions)s) * 1000000)::bigint"
    output_field = BigIntegerField()


_UNIX_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _moment(microseconds: int | None) -> datetime | None:
    return None if microseconds is None else _UNIX_EPOCH + timedelta(microseconds=microseconds)


def _dossier_rows(after: int, size: int) -> list[tuple]:
    """:func:`stats.tally.dossier_rows` of the ``size`` dossiers after ``after``. On PostgreSQL the moments
    come as numbers, made datetimes here: psycopg and Django load a ``timestamptz`` in Python (about 5 µs
    each, a fifth of the rebuild's time), a number in C."""
    dossiers = Dossier.objects.filter(pk__gt=after).order_by("pk")
    if connection.vendor != "postgresql":
        return list(dossier_rows(dossiers)[:size])
    return [
        (*row[:5], *map(_moment, row[5:9]), *row[9:])
        for row in dossier_rows(dossiers, moment=_Microseconds)[:size]
    ]


def _batches(size: int):
    """The facts of every dossier, ``size`` dossiers at a time in primary-key order (5 queries each)."""
    last = 0
    while True:
        rows = _dossier_rows(last, size)
        if not rows:
            return
        span = {"dossier_id__gte": rows[0][0], "dossier_id__lte": rows[-1][0]}
        supplements, payments = grouped(supplement_rows(span)), grouped(payment_rows(span))
        yield list(facts_from_rows(rows, supplements, payments, file_flags(span)))
        last = rows[-1][0]


def _write_tallies(tallies: list[tuple[int, dict]]) -> None:
    if connection.vendor != "postgresql":
        DossierTally.objects.bulk_create(
            (DossierTally(dossier_id=dossier_id, counted=counted) for dossier_id, counted in tallies),
            batch_size=1000,
        )
        return
    quote = connection.ops.quote_name
    columns = (
        f"{quote(DossierTally._meta.pk.column)}, {quote(DossierTally._meta.get_field('counted').column)}"
    )
    table = quote(DossierTally._meta.db_table)
    with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for dossier_id, counted in tallies:
            copy.write_row((dossier_id, json.dumps(counted)))


# How each database reads a tally's JSON ({"key": [agency, procedure, channel], "days": {"2026-03-02":
# {"received": 1, …}, …}}) and starts a month or a year; only PostgreSQL and SQLite are supported.
_SQL = {
    "postgresql": {
        # One typed record per day (jsonb_populate_record), rather than a JSON look-up per measure.
        "days": "CROSS JOIN LATERAL jsonb_each(t.counted -> 'days') AS day "
        "CROSS JOIN LATERAL jsonb_populate_record(NULL::{table}, day.value) AS m",
        "day": "day.key::date",
        "key": "(t.counted -> 'key' ->> {n})::bigint",
        "amount": "m.{measure}",
        Grain.MONTH: "date_trunc('month', period_start)::date",
        Grain.YEAR: "date_trunc('year', period_start)::date",
    },
    "sqlite": {
        "days": "CROSS JOIN json_each(t.counted, '$.days') AS day",
        "day": "day.key",
        "key": "json_extract(t.counted, '$.key[{n}]')",
        "amount": "json_extract(day.value, '$.{measure}')",
        Grain.MONTH: "substr(period_start, 1, 7) || '-01'",
        Grain.YEAR: "substr(period_start, 1, 4) || '-01-01'",
    },
}


def _add_up_tallies() -> int:
    """Write the aggregates of every tally (days, then months from days, years from months), then the
    agencies' from them (every grain at once); returns how many aggregate rows there are. A row whose
    sums are all 0 is left out, as ``add_up`` leaves it out."""
    sql = _SQL[connection.vendor]
    table, agencies = Aggregate._meta.db_table, AgencyAggregate._meta.db_table
    key = ("agency_id", "procedure_id", "channel")

    def insert(into: str, keys: tuple[str, ...], selected: tuple[str, ...], source: str, amounts=None) -> str:
        """``INSERT INTO into`` the sums of the measures (``amounts``, the columns themselves unless
        given) over ``source``, by ``selected``: the expressions of grain, period start and ``keys``."""
        columns = ", ".join(("grain", "period_start", *keys, *MEASURE_FIELDS))
        sums = [f"coalesce(sum({amount}), 0)" for amount in amounts or MEASURE_FIELDS]
        # Every name and expression here is this module's own: nothing comes from outside.
        return (
            f"INSERT INTO {into} ({columns}) "  # noqa: S608
            f"SELECT {', '.join(selected)}, {', '.join(sums)} FROM {source} "
            f"GROUP BY {', '.join(str(n) for n in range(1, len(selected) + 1))} "
            f"HAVING {' OR '.join(f'{total} <> 0' for total in sums)}"
        )

    statements = [
        insert(
            table,
            key,
            (f"'{Grain.DAY.value}'", sql["day"], *(sql["key"].format(n=n) for n in range(len(key)))),
            f"{DossierTally._meta.db_table} t {sql['days'].format(table=table)}",
            amounts=[sql["amount"].format(measure=measure) for measure in MEASURE_FIELDS],
        ),
        *(
            insert(
                table, key, (f"'{grain.value}'", sql[grain], *key), f"{table} WHERE grain = '{finer.value}'"
            )
            for grain, finer in ((Grain.MONTH, Grain.DAY), (Grain.YEAR, Grain.MONTH))
        ),
    ]
    written = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Some ten million groups: hashed in memory rather than spilled to disk in many batches.
            cursor.execute("SET LOCAL work_mem = '512MB'")
        for statement in statements:
            cursor.execute(statement)
            written += cursor.rowcount
        by_agency = ("agency_id", "channel")
        cursor.execute(insert(agencies, by_agency, ("grain", "period_start", *by_agency), table))
        if connection.vendor == "postgresql":
            for analyzed in (table, agencies):
                cursor.execute(f"ANALYZE {analyzed}")  # the planner sees the new rows at once
    return written
