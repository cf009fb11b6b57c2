"""Read-only queries built by the ORM once per process and database, then run with new values.

Building a queryset and compiling it can cost more than the database takes to answer: the
near-duplicate lookup spent 0.4–0.8 ms a call on it, 3–7 times its SQL; a warm list page more
than half of its ~8 ms (bench/README.md). A `CompiledQuery` is written as an ordinary queryset,
so the rules it uses (`Article.objects.published()`) stay written once, with a `Slot` wherever a
value changes from one run to the next.
"""

import json
import sqlite3
from contextvars import ContextVar

from django.db import connections, models, router
from django.db.models.expressions import Expression
from django.utils import timezone


class ValueList(list):
    """Values bound as one parameter (`AnyOf`): an array on PostgreSQL, a JSON array on SQLite."""


sqlite3.register_adapter(ValueList, json.dumps)

# Set while a `CompiledQuery` compiles: its slots leave themselves in the parameters.
_compiling = ContextVar("compiling", default=False)


class Slot(Expression):
    """A value of a compiled query given anew at each run, e.g. `filter(section=Slot("section"))`.

    Outside a `CompiledQuery` it is `default()` (a slot without one is bound only there);
    `output_field` prepares the value as the ORM prepares a constant (a time, on SQLite)."""

    def __init__(self, name, output_field=None, default=None):
        super().__init__(output_field=output_field)
        self.name = name
        self.default = default

    def as_sql(self, compiler, connection):
        if _compiling.get():
            return "%s", [self]
        if self.default is None:
            raise TypeError(f"Slot {self.name!r} has no value outside a CompiledQuery")
        return "%s", [self.prepared(self.default(), connection)]

    def prepared(self, value, connection):
        if isinstance(value, list | tuple):
            return ValueList(value)
        field = self._output_field_or_none
        return value if field is None else field.get_db_prep_value(value, connection)


def current_time():
    """The time a query runs: `timezone.now()`, taken anew by each run of a compiled query."""
    return Slot("now", output_field=models.DateTimeField(), default=_now)


def _now():
    return timezone.now()  # looked up at each call: tests move the clock with `mock.patch`


@models.BigIntegerField.register_lookup
class AnyOf(models.Lookup):
    """`key__any_of=[…]`: `__in`, with the values one parameter, so that the SQL is the same
    however many there are: PostgreSQL plans `= ANY(array)` faster than a long `IN` list, psycopg
    keeps its parsed form (it parses a statement of more than 50 parameters anew each time), and
    `CompiledQuery` compiles it once. The values may be a `Slot`."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        values, values_params = self._values_sql(compiler)
        return f"{lhs} IN (SELECT value FROM json_each({values}))", [*params, *values_params]

    def as_postgresql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        values, values_params = self._values_sql(compiler)
        return f"{lhs} = ANY({values})", [*params, *values_params]

    def _values_sql(self, compiler):
        if isinstance(self.rhs, Slot):
            return compiler.compile(self.rhs)
        return "%s", [self.rhs if isinstance(self.rhs, ValueList) else ValueList(self.rhs)]


def columns_of(model, prefix="", leaving=()):
    """The columns of `model` in its order, the order `instances()` takes them in, less the
    fields named in `leaving`, each name after `prefix` (`story__`: a relation's)."""
    fields = model._meta.concrete_fields
    return [prefix + field.attname for field in fields if field.name not in leaving]


class CompiledQuery:
    """A read-only `values_list()` query built by the ORM once per database, run with new values.

    `build(*slots)` returns the queryset, given a `Slot` for each value `rows(*values)` will
    bind (a list is bound as one parameter: filter on it with `any_of`); the slots the queryset
    holds itself (`current_time()`) take their `default()` at each run. `rows()` converts the
    rows (dates, bytes) as the ORM would; `offset` and `limit` slice the query (`build()` must
    not), bound as parameters too, so that every page is one SQL. It reads from the database
    the routers give for reading, unless `using` names one.

    `generic_plan`: on PostgreSQL, once the statement is prepared (`_cursor()`), it is planned
    once per connection for any values, not anew at each run (`plan_cache_mode`). PostgreSQL
    never chooses that itself for a sliced query (it costs a `LIMIT` it cannot read as a tenth
    of the rows), yet planning was ~80 % of a home page's card query (0.63 ms, 0.13 ms with a
    generic plan, 10,000 articles). Only for a query whose plan is right for every value: one
    index in the list's order, whichever owner; not where a rare owner's list is best read
    from the owner's rows and a busy one's along the date index (a tag's, an author's).
    """

    def __init__(self, build, *, generic_plan=False):
        self.build = build
        self.generic_plan = generic_plan
        self.compiled = {}

    def rows(self, *values, offset=0, limit=None, using=None):
        using = using or router.db_for_read(None)
        connection = connections[using]
        sql, bound, compiler = self._compiled(len(values), using)
        params = [
            (
                item.prepared(self._value(item, values), connection)
                if isinstance(item, Slot)
                else item
            )
            for item in bound
        ]
        if limit is not None:
            sql = f"{sql} LIMIT %s OFFSET %s"
            params += [limit, offset]
        with _cursor(connection) as cursor:
            if self.generic_plan and _prepares(connection) and not connection.in_atomic_block:
                _execute_with_generic_plan(connection, cursor, sql, params)
            else:
                cursor.execute(sql, params)
            fetched = cursor.fetchall()
        return list(compiler.results_iter(results=[fetched], tuple_expected=True))

    def instances(self, *values, **slicing):
        """`rows()` as model instances, `build()` returning a `values_list()` of the model's own
        columns (the others deferred), then, for a one-to-one or foreign-key relation to load
        with it as `select_related()` would, that relation's columns (`story__key`, …) — its
        primary key first, NULL when there is none."""
        using = slicing.pop("using", None) or router.db_for_read(None)
        rows = self.rows(*values, using=using, **slicing)
        query = self.compiled[using][2].query
        model, names = query.model, list(query.values_select)
        own = [name for name in names if "__" not in name]
        if names[: len(own)] != own:
            raise ValueError("The model's own columns come before its relations'")
        related = {}  # relation field → its columns
        for name in names[len(own) :]:
            relation, column = name.split("__", 1)
            related.setdefault(model._meta.get_field(relation), []).append(column)
        for columns, of in [
            (own, model),
            *((columns, f.related_model) for f, columns in related.items()),
        ]:
            order = columns_of(of)
            if columns != sorted(columns, key=order.index):
                raise ValueError("`Model.from_db()` takes the columns in the model's order")
        instances = []
        for row in rows:
            instance = model.from_db(using, own, row[: len(own)])
            start = len(own)
            for field, columns in related.items():
                values = row[start : start + len(columns)]
                start += len(columns)
                loaded = (
                    None
                    if values[0] is None
                    else field.related_model.from_db(using, columns, values)
                )
                field.set_cached_value(instance, loaded)
            instances.append(instance)
        return instances

    def _compiled(self, arguments, using):
        if using not in self.compiled:
            queryset = self.build(*[Slot(index) for index in range(arguments)])
            if queryset.query.is_sliced:
                raise ValueError("A CompiledQuery is sliced by rows(offset=, limit=)")
            token = _compiling.set(True)
            try:
                compiler = queryset.query.get_compiler(using=using)
                sql, params = compiler.as_sql()
            finally:
                _compiling.reset(token)
            self.compiled[using] = (sql, params, compiler)
        return self.compiled[using]

    @staticmethod
    def _value(slot, values):
        return values[slot.name] if isinstance(slot.name, int) else slot.default()


def _prepares(connection):
    """Whether `_cursor()` binds on the server, where psycopg prepares statements."""
    return connection.vendor == "postgresql" and connection.connection.prepare_threshold is not None


# Planned for any values and without parallel workers: costing the LIMIT as a tenth of the
# rows, the generic plan of the home page's cards gathered two workers at 100,000 articles
# (13 ms a page instead of 0.2).
GENERIC_PLAN_SETTINGS = (
    "SELECT set_config('plan_cache_mode', 'force_generic_plan', true),"
    " set_config('max_parallel_workers_per_gather', '0', true)"
)


def _execute_with_generic_plan(connection, cursor, sql, params):
    """`cursor.execute(sql, params)` planned as `GENERIC_PLAN_SETTINGS` say, sent in one round
    trip with them: in autocommit a pipeline is one implicit transaction, which the settings
    (`is_local`) do not outlive (hence never inside a transaction, where they would)."""
    with connection.wrap_database_errors, connection.connection.pipeline():
        connection.connection.execute(GENERIC_PLAN_SETTINGS)
        cursor.execute(sql, params)


def _cursor(connection):
    """A cursor for a compiled query. On PostgreSQL, when the settings allow prepared statements
    (`prepare_threshold`), one binding its parameters on the server, which psycopg prepares once
    the connection has run the same SQL that many times: a list page's query took 0.54 ms
    planned anew and 0.15 ms prepared (Django's own cursors bind on the client, never prepared)."""
    if connection.vendor == "postgresql":
        connection.close_if_health_check_failed()
        connection.ensure_connection()
        if _prepares(connection):
            import psycopg

            server_binding = psycopg.Cursor(connection.connection)
            if connection.queries_logged:
                return connection.make_debug_cursor(server_binding)
            return connection.make_cursor(server_binding)
    return connection.cursor()
