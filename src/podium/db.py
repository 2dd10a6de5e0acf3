"""Hot-path reads: model instances from SQL built once per process.

A floor command runs a few small lookups on every request (the session by its slug, the owner of
a bearer token, the user's roles in the session). Compiling an ORM queryset for each costs about
a millisecond, several times the query itself; at 200 requests to speak in a second that is the
difference between answering at once and queueing. `Select` builds its statement once from the
models' metadata, and turns each row into instances the way the ORM does (the backend's and the
fields' converters, then `Model.from_db`), so what callers get is indistinguishable from a
queryset's objects. Everything else uses the ORM.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.apps import apps
from django.db import connection
from django.db.models import Model

Converter = Callable[[Any, Any, Any], Any]


class _Columns:
    """One model's concrete columns under a table alias: the select list and the converters."""

    def __init__(self, model: type[Model], alias: str) -> None:
        q = connection.ops.quote_name
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        self.names = [f.attname for f in self.fields]
        self.sql = ", ".join(f"{alias}.{q(f.column)}" for f in self.fields)
        self.converters: list[tuple[int, list[Converter], Any]] = []
        for i, f in enumerate(self.fields):
            col = f.get_col(alias)
            found = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
            if found:
                self.converters.append((i, found, col))

    def build(self, row: Sequence[Any], start: int) -> tuple[Model | None, int]:
        """The instance from `row[start:]` (None when a LEFT JOIN found nothing), and where the
        next model's columns start."""
        end = start + len(self.fields)
        values = list(row[start:end])
        if values[0] is None:  # the primary key: no row joined
            return None, end
        for i, converters, col in self.converters:
            for convert in converters:
                values[i] = convert(values[i], col, connection)
        return self.model.from_db(connection.alias, self.names, values), end


class Select:
    """`SELECT <the models' columns> <rest>`, built on first use per database vendor.

    `models()` gives `(model, alias)` pairs in select order (a function, so that a module can
    declare its statements before the apps are loaded); `rest()` returns the FROM/WHERE part
    (see `table`, `column`). Calling it returns one tuple of instances per row."""

    def __init__(
        self,
        models: Callable[[], Sequence[tuple[type[Model], str]]],
        rest: Callable[[], str],
    ) -> None:
        self._models = models
        self._rest = rest
        self._built: dict[str, tuple[str, list[_Columns]]] = {}

    def _statement(self) -> tuple[str, list[_Columns]]:
        found = self._built.get(connection.vendor)
        if found is None:
            cols = [_Columns(m, alias) for m, alias in self._models()]
            sql = f"SELECT {', '.join(c.sql for c in cols)} {self._rest()}"
            found = self._built[connection.vendor] = (sql, cols)
        return found

    def __call__(self, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        sql, cols = self._statement()
        with connection.cursor() as cur:
            cur.execute(sql, list(params))
            rows = cur.fetchall()
        out = []
        for row in rows:
            objs, at = [], 0
            for c in cols:
                obj, at = c.build(row, at)
                objs.append(obj)
            out.append(tuple(objs))
        return out


def table(model: type[Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def column(model: type[Model], name: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(name).column)


def first_by(label: str, field: str) -> Callable[[Any], Any]:
    """`find(value)`: what `Model.objects.filter(<field>=value).first()` gives for the model
    `label` ("app.Model") and a unique `field`, the instance or None, by a statement built once."""

    def models() -> list[tuple[type[Model], str]]:
        return [(apps.get_model(label), "t")]

    def rest() -> str:
        model = apps.get_model(label)
        return f"FROM {table(model)} t WHERE t.{column(model, field)} = %s"

    select = Select(models, rest)

    def find(value: Any) -> Any:
        found = select([value])
        return found[0][0] if found else None

    return find
