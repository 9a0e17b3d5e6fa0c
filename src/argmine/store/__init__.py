"""The SQLite store: schema and migrations, the writer, and the queries the report reads."""

from argmine.store.migrations import SCHEMA_VERSION
from argmine.store.writer import Store, connect

__all__ = ["SCHEMA_VERSION", "Store", "connect"]
