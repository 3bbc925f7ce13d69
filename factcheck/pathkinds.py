"""What a path is when it is not a regular file, in the words every message uses.

A claims file, a data file, a baseline report and a report path are each refused when they
name a folder, a named pipe, a device or a socket: reading a named pipe would block the
run until some other program writes to it, and a folder or device is never what the user
meant. The four places that refuse such paths name them with :func:`path_kind`, so a user
reads the same words whichever option the path was given to.
"""

from __future__ import annotations

import stat

_KINDS = {stat.S_IFDIR: "a folder", stat.S_IFIFO: "a named pipe (FIFO)", stat.S_IFCHR: "a device",
          stat.S_IFBLK: "a device", stat.S_IFSOCK: "a socket"}


def path_kind(mode: int) -> str | None:
    """None for a regular file; else what the path is ('a folder', 'a named pipe (FIFO)', …).

    >>> import stat
    >>> path_kind(stat.S_IFREG | 0o644) is None
    True
    >>> path_kind(stat.S_IFDIR | 0o755), path_kind(stat.S_IFIFO | 0o600)
    ('a folder', 'a named pipe (FIFO)')
    """
    if stat.S_ISREG(mode):
        return None
    return _KINDS.get(stat.S_IFMT(mode), "not a regular file")
