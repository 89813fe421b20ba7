"""Querysets compiled to SQL once per database connection, then run again with other values.

Django compiles a queryset to SQL on every evaluation. For a short indexed query that is most of the
request: on the public status look-up (two queries answered in < 0.2 ms each by PostgreSQL) the ORM's
compilation cost ~0.7 ms per request, more than everything else in Django together
(bench/lookup_floor.py). :class:`PreparedQuery` keeps the SQL the ORM wrote the first time, and the
compiler that converts the rows (SQLite's datetimes, for example), for each connection.
"""

import weakref
from collections.abc import Callable

from django.db import connections
from django.db.models import QuerySet

_SCALARS = (str, int)


class PreparedQuery:
    """``build(*values)`` returns a ``values_list()`` queryset whose SQL parameters are ``values``.

    :meth:`rows` runs it for other ``values`` without compiling it again: the same SQL, the same rows
    as ``list(build(*values))``. The first compilation checks that the parameters are exactly
    ``values``, in order (a queryset with other parameters, or SQL that depends on the values, is run
    as usual every time). Only strings and integers are prepared: ``None`` would change the SQL
    (``IS NULL``), so such a call, too, runs the queryset as usual.
    """

    def __init__(self, build: Callable[..., QuerySet], *, using: str = "default"):
        self._build = build
        self._using = using
        # Per connection object (one per thread): a compiler is bound to its connection.
        self._compiled = weakref.WeakKeyDictionary()

    def rows(self, *values) -> list[tuple]:
        if not all(type(value) in _SCALARS for value in values):
            return list(self._build(*values))
        connection = connections[self._using]
        compiled = self._compiled.get(connection)
        if compiled is None:
            queryset = self._build(*values)
            compiler = queryset.query.get_compiler(using=self._using)
            sql, params = compiler.as_sql()
            columns = [column[0] for column in compiler.select[: compiler.col_count]]
            if tuple(params) != values or compiler.has_composite_fields(columns):
                return list(queryset)
            converters = compiler.get_converters(columns)
            compiled = self._compiled[connection] = (sql, compiler, converters)
        sql, compiler, converters = compiled
        with connection.cursor() as cursor:
            cursor.execute(sql, values)
            found = cursor.fetchall()
        if compiler.has_extra_select:  # columns only the ordering needed, as the ORM drops them
            found = [row[: compiler.col_count] for row in found]
        if converters:  # as the ORM converts what the database returns (SQLite's datetimes…)
            found = map(tuple, compiler.apply_converters(found, converters))
        return list(found)
