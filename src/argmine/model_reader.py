"""Reading argmine's own model files without skops' per-object audit.

skops builds an audit node for every object in a file before it constructs
anything: for the label models' n-gram vocabularies that is about 190,000
nodes and two seconds, plus a second for importing every scikit-learn
estimator to list the trusted ones, before the first document of a bulk run
or of ``argmine analyze`` is read (issue 11).

This reader builds the same objects straight from the file's schema, and
only objects of the few kinds argmine's model files hold: plain containers,
JSON values, NumPy arrays (read without pickle) and the scikit-learn
estimators in ``ESTIMATORS``.  Anything else raises ``Unsupported``, and the
caller hands the file to skops, whose audit then accepts or refuses it; so
nothing is ever loaded here that skops with argmine's trusted types would
refuse.
"""

from __future__ import annotations

import importlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

#: The skops format version this reader knows (``protocol`` in the schema).
PROTOCOL = 2
#: Estimators whose state is restored as skops restores it (``__new__``, then
#: ``__setstate__``), by module and class name.
ESTIMATORS = frozenset({
    "sklearn.feature_extraction._dict_vectorizer.DictVectorizer",
    "sklearn.feature_extraction.text.TfidfTransformer",
    "sklearn.feature_extraction.text.TfidfVectorizer",
    "sklearn.linear_model._logistic.LogisticRegression",
    "sklearn.pipeline.FeatureUnion",
    "sklearn.pipeline.Pipeline",
})
#: NumPy scalars, stored as arrays (``NdArrayNode``) or named as types.
SCALARS = {f"numpy.{name}": getattr(np, name)
           for name in ("float64", "float32", "int64", "int32")}
#: Types a file may name (``TypeNode``: a dictionary's key types, an estimator's ``dtype``).
TYPES = {f"builtins.{t.__name__}": t for t in (str, int, float, bool, list, tuple)} | SCALARS


class Unsupported(Exception):
    """The file holds something this reader does not build; let skops read it."""


def read(path: Path) -> Any:
    """The object saved in the skops file ``path`` (see the module docstring)."""
    with zipfile.ZipFile(path) as archive:
        schema = json.loads(archive.read("schema.json"))
        if not isinstance(schema, dict) or schema.get("protocol") != PROTOCOL:
            raise Unsupported("another skops protocol")
        return _Reader(archive).build(schema)


class _Reader:
    """Builds one file's objects; objects saved once and referenced twice stay one."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.memo: dict[int, Any] = {}

    def build(self, state: dict[str, Any]) -> Any:
        saved_id = state.get("__id__")
        if saved_id and saved_id in self.memo:
            return self.memo[saved_id]
        build = _BUILDERS.get(state.get("__loader__"))
        if build is None:
            raise Unsupported(f"a {state.get('__loader__')!r} node")
        value = build(self, state)
        if saved_id:
            self.memo[saved_id] = value
        return value

    def dict_(self, state: dict[str, Any]) -> dict:
        _expect(state, "builtins.dict")
        key_types = self.build(state["key_types"])
        content: dict[str, Any] = state["content"]
        if len(key_types) != len(content):
            raise Unsupported("key types do not match the keys")
        values = self._values(list(content.values()))
        if all(t is str for t in key_types):  # the vocabularies: keys are stored as they are
            return dict(zip(content, values))
        return {t(key): value for t, key, value in zip(key_types, content, values)}

    def _values(self, states: list[dict[str, Any]]) -> list[Any]:
        """Many values; JSON values (a vocabulary's columns) without the memo's detour."""
        return [_json_value(s) if s.get("__loader__") == "JsonNode" else self.build(s)
                for s in states]

    def list_(self, state: dict[str, Any]) -> list:
        _expect(state, "builtins.list")
        return self._values(state["content"])

    def tuple_(self, state: dict[str, Any]) -> tuple:
        _expect(state, "builtins.tuple")  # a namedtuple is left to skops
        return tuple(self._values(state["content"]))

    def json_(self, state: dict[str, Any]) -> Any:
        return _json_value(state)

    def type_(self, state: dict[str, Any]) -> type:
        name = f"{state['__module__']}.{state['__class__']}"
        if name not in TYPES:
            raise Unsupported(name)
        return TYPES[name]

    def array(self, state: dict[str, Any]) -> Any:
        name = f"{state['__module__']}.{state['__class__']}"
        if state.get("type") != "numpy" or (name != "numpy.ndarray" and name not in SCALARS):
            raise Unsupported(f"{name} ({state.get('type')})")
        content = np.load(io.BytesIO(self.archive.read(state["file"])), allow_pickle=False)
        return content if name == "numpy.ndarray" else SCALARS[name](content)

    def object_(self, state: dict[str, Any]) -> Any:
        name = f"{state['__module__']}.{state['__class__']}"
        if name not in ESTIMATORS:
            raise Unsupported(name)
        cls = getattr(importlib.import_module(state["__module__"]), state["__class__"])
        instance = cls.__new__(cls)  # as skops does: no __init__, then the saved state
        attrs = self.build(state["content"]) if state.get("content") is not None else None
        if attrs is not None:
            if hasattr(instance, "__setstate__"):
                instance.__setstate__(attrs)
            else:
                instance.__dict__.update(attrs)
        return instance


def _expect(state: dict[str, Any], name: str) -> None:
    if f"{state['__module__']}.{state['__class__']}" != name:
        raise Unsupported(f"{state['__module__']}.{state['__class__']} as {name}")


def _json_value(state: dict[str, Any]) -> Any:
    """``json.loads`` of a JSON value, taking a short cut for a plain non-negative integer
    (what every vocabulary entry holds): digits without a leading zero read as JSON does."""
    content = state["content"]
    if content.isdigit() and content.isascii() and (content[0] != "0" or content == "0"):
        return int(content)
    return json.loads(content)


_BUILDERS = {
    "DictNode": _Reader.dict_, "ListNode": _Reader.list_, "TupleNode": _Reader.tuple_,
    "JsonNode": _Reader.json_, "TypeNode": _Reader.type_, "NdArrayNode": _Reader.array,
    "ObjectNode": _Reader.object_,
}
