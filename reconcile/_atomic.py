"""Atomic file writing: a temporary file in the target's directory, then a rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from reconcile.errors import ExportError


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write *text* (UTF-8) to *path* so that readers see the old file or the whole new one."""
    write_atomic(path, lambda handle: handle.write(text.encode("utf-8")))


def write_atomic(
    path: str | os.PathLike[str], writer: Callable[[IO[bytes]], object]
) -> None:
    """Call *writer* on a temporary binary file beside *path*, then rename it onto *path*.

    Raises:
        ExportError: the directory is missing or unwritable, or *writer* failed;
            the temporary file is removed and *path* is left as it was.
    """
    target = Path(path)
    with _temporary_beside(target) as (handle, temp_name):
        try:
            writer(handle)
            handle.flush()
            os.fsync(handle.fileno())
        except ExportError:
            raise
        except Exception as error:
            raise ExportError(f"{target}: could not write ({error})") from error
        handle.close()
        try:
            os.replace(temp_name, target)
        except OSError as error:
            raise ExportError(
                f"{target}: cannot write ({error.strerror or error})"
            ) from error


@contextlib.contextmanager
def _temporary_beside(target: Path) -> Iterator[tuple[IO[bytes], str]]:
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, temp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=directory
        )
    except OSError as error:
        raise ExportError(
            f"{target}: cannot write here ({error.strerror or error})"
        ) from error
    handle = os.fdopen(fd, "wb")
    try:
        yield handle, temp_name
    finally:
        if not handle.closed:
            handle.close()
        if os.path.exists(temp_name):
            os.unlink(temp_name)
