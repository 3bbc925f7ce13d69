"""Fingerprints of the data: the SHA-256 a report records for every table it read.

Two reports whose tables have the same checksums were computed from the same data;
``factcheck diff`` and ``--baseline`` use them to say which tables changed.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .tables import Source


def sha256(src: Source) -> str:
    """The SHA-256 of the file, or of a DataFrame's values and labels."""
    if src.frame is not None:
        import pandas as pd
        digest = hashlib.sha256(repr(list(src.frame.columns)).encode())
        digest.update(pd.util.hash_pandas_object(src.frame, index=True).values.tobytes())
        return digest.hexdigest()
    assert src.path is not None
    digest = hashlib.sha256()
    with open(src.path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
