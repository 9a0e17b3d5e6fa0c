"""Model files: where they live, how they are saved and loaded (skops, never pickle).

A model file is a skops archive holding a plain dict: the fitted scikit-learn
objects plus metadata (version, training data, metrics).  Loading accepts
only the types listed in ``TRUSTED_TYPES``; anything else in a file is
refused, so a model from an untrusted place cannot run code.
"""

from __future__ import annotations

import os
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import joblib
from sklearn.base import BaseEstimator

from argmine import __version__, model_reader
from argmine.config import ENCODER, NGRAMS
from argmine.errors import ArgmineError

#: The only types a model file may contain beyond skops' built-in safe set.
TRUSTED_TYPES = [
    "sklearn.feature_extraction._dict_vectorizer.DictVectorizer",
    "sklearn.linear_model._logistic.LogisticRegression",
    "numpy.dtype",
    "numpy.ndarray",
    "numpy.float64",
    "numpy.int64",
    "builtins.float",
    "builtins.int",
]


def model_dir() -> Path:
    """``$ARGMINE_MODEL_DIR``, else the repository's ``models/`` folder."""
    env = os.environ.get("ARGMINE_MODEL_DIR")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "models"


#: The metrics.json section of each learned stance model (``config.STANCE_MODELS``).
STANCE_SECTIONS = {ENCODER: "stance", NGRAMS: "stance_ngrams"}


def real_text_figure(stance_metrics: dict[str, Any]) -> dict[str, Any] | None:
    """The stance model's recorded real-text figure (``scripts/eval_lines.py --record``),
    or None when there is none or it was measured on another model version: a figure
    describes only the model it was measured on."""
    figure = stance_metrics.get("real_text")
    if figure and figure.get("model_version") == stance_metrics.get("version"):
        return figure
    return None


def model_path(name: str) -> Path:
    return model_dir() / f"{name}.skops"


def save_model(payload: dict[str, Any], path: Path) -> Path:
    import skops.io as sio  # imports every scikit-learn estimator: only where needed

    path.parent.mkdir(parents=True, exist_ok=True)
    sio.dump(payload, path, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
    return path


def load_model(path: Path) -> dict[str, Any]:
    """Load a model file, refusing any type outside ``TRUSTED_TYPES``.

    argmine's own files are read by ``model_reader`` (a second, not three, for the
    label models); a file holding anything else goes through skops' audit.
    """
    try:
        payload = _read(path)
    except (OSError, ValueError, zipfile.BadZipFile) as exc:
        raise ArgmineError(f"{path}: not a readable model file ({exc})") from exc
    if not isinstance(payload, dict) or "version" not in payload:
        raise ArgmineError(f"{path}: not an argmine model file")
    return payload


def _read(path: Path) -> Any:
    try:
        return model_reader.read(path)
    except (model_reader.Unsupported, KeyError, TypeError, AttributeError):
        pass  # not one of argmine's own layouts: skops decides
    import skops.io as sio
    from skops.io.exceptions import UntrustedTypesFoundException

    try:  # skops audits the file and refuses any type that is not trusted
        return sio.load(path, trusted=TRUSTED_TYPES)
    except UntrustedTypesFoundException as exc:
        raise ArgmineError(f"{path}: refusing to load untrusted types ({exc})") from exc


def model_version(kind: str, *fitted: object) -> str:
    """``kind-<argmine version>-<date>-<fingerprint>``: a retrained model with different
    parameters gets a different version even on the same day, so ``--reanalyze`` sees it.

    The fingerprint is joblib's content hash of the estimators' state (8 hex digits).
    """
    fingerprint = joblib.hash(_state(fitted))[:8]
    return f"{kind}-{__version__}-{date.today().isoformat()}-{fingerprint}"


#: Estimator attributes that differ between identical fits (``id()`` of an object).
_VOLATILE = {"_stop_words_id"}


def _state(value: object) -> object:
    """``value`` with every estimator replaced by its attributes, minus volatile ones."""
    if isinstance(value, BaseEstimator):
        return {k: _state(v) for k, v in sorted(vars(value).items()) if k not in _VOLATILE}
    if isinstance(value, (list, tuple)):
        return [_state(v) for v in value]
    if isinstance(value, dict):
        return {k: _state(v) for k, v in value.items()}
    return value
