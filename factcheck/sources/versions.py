"""One version of each data file per run: a file rewritten while a run reads it is refused.

A Parquet table is queried in place, so every query reads its file again, while the
report's SHA-256 of the file is taken once. A file rewritten in the middle of a run would
be read at two versions, and the report would name a checksum that matches only some of
its figures. So the file's identity (device, inode, size, modification and change times)
is taken before the run first reads it and compared after its last query; any difference
refuses the run (exit 2) rather than mixing versions.

A rewrite within one tick of the file system's clock can leave the times unchanged; a
file modified less than :data:`RACY_SECONDS` before its version was taken is therefore
"racy" (as git calls it), and its SHA-256 is computed again at the end and compared with
the report's. Only such fresh files pay for a second checksum.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from ..errors import Problem

if TYPE_CHECKING:
    from .tables import Source

RACY_SECONDS = 2.0  # coarser than any common file system's timestamps (FAT's are 2 s)


@dataclass(frozen=True)
class Version:
    """What identifies one version of a file, as ``os.stat`` tells it."""

    device: int
    inode: int
    size: int
    mtime_ns: int
    ctime_ns: int
    racy: bool = False  # modified too recently for the times alone to reveal a rewrite


def version_of(path: str | os.PathLike[str]) -> Version:
    """The file's version now."""
    st = os.stat(path)
    racy = time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) < RACY_SECONDS * 1e9
    return Version(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, racy)


def changes(sources: Iterable[Source], digests: dict[str, str]) -> list[Problem]:
    """The files among ``sources`` (those whose version was taken) that changed since; ``digests``
    holds each table's SHA-256 as the report records it."""
    return [p for src in sources if src.version is not None and src.path is not None
            for p in [change(src, src.version, digests.get(src.name))] if p is not None]


def change(src: Source, before: Version, digest: str | None) -> Problem | None:
    """Why ``src``'s file is no longer the version taken before the run read it, or None.

    ``digest`` is the SHA-256 the report records; it is computed again only for a racy file.
    """
    assert src.path is not None
    try:
        now = version_of(src.path)
    except OSError:
        return _changed(src, "it is gone")
    if (now.device, now.inode) != (before.device, before.inode):
        return _changed(src, "it was replaced by another file")
    if now.size != before.size:
        return _changed(src, f"its size went from {before.size:,} to {now.size:,} bytes")
    if (now.mtime_ns, now.ctime_ns) != (before.mtime_ns, before.ctime_ns):
        return _changed(src, "it was modified")
    if before.racy and digest is not None:
        from .checksums import sha256
        if sha256(src) != digest:
            return _changed(src, "its SHA-256 differs")
    return None


def _changed(src: Source, how: str) -> Problem:
    return Problem(f"data file of table '{src.name}' changed while the run read it ({how}): "
                   "its figures would mix two versions of the file", file=str(src.path),
                   hint="run again once the file is no longer being written (or check a copy of it)")
