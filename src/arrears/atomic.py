"""Atomic file writes: a temporary sibling, then a rename, so no file is ever half-written.

A reader (or a resumed sweep) sees either the whole new file or none: the content goes to a hidden
temporary file in the same folder (``.<name>.<random>.tmp``), which is renamed over the final
name once complete. A crash or ``SIGKILL`` mid-write can leave only such a temporary.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from arrears.interrupts import held_interrupts


def _new_file_mode() -> int:
    """The mode ``open`` gives a new file under this process's umask (e.g. ``0o644``)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


_FILE_MODE = _new_file_mode()


def write_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """Write a file through a temporary sibling and rename it into place.

    The file gets the permissions of any new file (the temporary one is private to its owner
    until then). A Ctrl-C during the write takes effect once the file is in place (see
    :func:`~arrears.interrupts.held_interrupts`): one arriving between the temporary's creation
    and the guard that removes it on failure would otherwise leave the temporary behind.

    Args:
        path: Final path.
        write: Writes the content to the path it is given.
    """
    with held_interrupts():
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
        os.fchmod(handle, _FILE_MODE)
        os.close(handle)
        try:
            write(Path(temporary))
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
