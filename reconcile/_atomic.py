"""Output files as users expect: atomic, with the modes and links they had.

* A new file is written to a temporary file beside it, then renamed into place,
  so readers see no file or the whole file. It gets the mode the umask gives
  (``0o666 & ~umask``, as the shell's ``>`` would), not ``0600``.
* An existing regular file is replaced the same way and keeps its mode.
* A symbolic link is written through: the file it points to is replaced (or
  created) as above, and the link stays a link.
* A FIFO or a device (``/dev/stdout``, a named pipe) is written into directly:
  it cannot be replaced, and renaming a regular file over it would break it.
* Temporary files are named ``.NAME.PID-TOKEN.reconcile-tmp``. They are removed
  when writing fails, on Ctrl-C (SIGINT) and on SIGTERM; one left behind by a
  process killed outright (SIGKILL) is removed by the next write into that
  directory once its process is gone.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import signal
import stat
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import IO

from reconcile.errors import ExportError

TEMPORARY_SUFFIX = ".reconcile-tmp"
"""How the names of temporary output files end (``.NAME.PID-TOKEN.reconcile-tmp``)."""

_TEMPORARY = re.compile(r"^\..+\.(\d+)-[0-9a-f]+" + re.escape(TEMPORARY_SUFFIX) + "$")


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write *text* (UTF-8) to *path* so that readers see the old file or the whole new one."""
    write_atomic(path, lambda handle: handle.write(text.encode("utf-8")))


def write_atomic(
    path: str | os.PathLike[str], writer: Callable[[IO[bytes]], object]
) -> None:
    """Call *writer* on a temporary binary file beside *path*, then rename it onto *path*.

    See the module's docstring for links, FIFOs and devices (written through)
    and for the mode of the result.

    Raises:
        ExportError: the directory is missing or unwritable, *path* is a
            directory or a socket, a link loops, or *writer* failed; the
            temporary file is removed and *path* is left as it was.
    """
    try:
        status = os.stat(path)  # through links: what is written into
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise ExportError(
            f"{path}: cannot write ({error.strerror or error})"
        ) from error
    if status is not None and not stat.S_ISREG(status.st_mode):
        _write_through(Path(path), status.st_mode, writer)
        return
    target = Path(os.path.realpath(path))  # a link's target is replaced, not the link
    mode = (
        stat.S_IMODE(status.st_mode) if status is not None else None
    )  # None: the umask decides
    _remove_stale_temporaries(target.parent)
    with (
        _terminating_cleanly(),
        _temporary_beside(target, mode, Path(path)) as (handle, temp),
    ):
        try:
            writer(handle)
            handle.flush()
            os.fsync(handle.fileno())
        except ExportError:
            raise
        except Exception as error:
            raise ExportError(f"{path}: could not write ({error})") from error
        handle.close()
        try:
            os.replace(temp, target)
        except OSError as error:
            raise ExportError(
                f"{path}: cannot write ({error.strerror or error})"
            ) from error


def _write_through(
    path: Path, mode: int, writer: Callable[[IO[bytes]], object]
) -> None:
    """Write into a FIFO or a device as it is; refuse a directory or a socket."""
    if stat.S_ISDIR(mode):
        raise ExportError(f"{path}: is a directory; expected a file name")
    if not (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) or stat.S_ISBLK(mode)):
        raise ExportError(
            f"{path}: cannot write into a socket or special file; expected a file name"
        )
    try:
        handle = open(path, "wb")  # noqa: SIM115 - closed below, errors named
    except OSError as error:
        raise ExportError(
            f"{path}: cannot write ({error.strerror or error})"
        ) from error
    with handle:
        try:
            writer(handle)
            handle.flush()
        except ExportError:
            raise
        except Exception as error:
            raise ExportError(f"{path}: could not write ({error})") from error


@contextlib.contextmanager
def _temporary_beside(
    target: Path, mode: int | None, shown: Path
) -> Iterator[tuple[IO[bytes], str]]:
    directory = target.parent if str(target.parent) else Path(".")
    name = f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}{TEMPORARY_SUFFIX}"
    temp = str(directory / name)
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        if mode is not None:
            os.fchmod(fd, mode)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise ExportError(
            f"{shown}: cannot write here ({error.strerror or error})"
        ) from error
    handle = os.fdopen(fd, "wb")
    try:
        yield handle, temp
    finally:
        if not handle.closed:
            handle.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)


def _remove_stale_temporaries(directory: Path) -> None:
    """Remove temporary files left in *directory* by writers that no longer run
    (killed with SIGKILL, or by a power cut)."""
    try:
        names = os.listdir(directory)
    except OSError:
        return
    for name in names:
        match = _TEMPORARY.match(name)
        if match is None or _running(int(match.group(1))):
            continue
        with contextlib.suppress(OSError):
            os.unlink(directory / name)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # e.g. PermissionError: it runs, as another user
        return True
    return True


class _Terminated(BaseException):
    """SIGTERM arrived while a temporary file existed."""


@contextlib.contextmanager
def _terminating_cleanly() -> Iterator[None]:
    """While a temporary file exists, turn SIGTERM into an exception, so the
    temporary file is removed before the process ends as SIGTERM would end it.
    (Ctrl-C already raises ``KeyboardInterrupt``.) Main thread only."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(signum: int, frame: FrameType | None) -> None:
        raise _Terminated

    previous = signal.signal(signal.SIGTERM, terminate)
    if previous is None:  # set outside Python: restore the default
        previous = signal.SIG_DFL
    try:
        yield
    except _Terminated:
        signal.signal(signal.SIGTERM, previous)
        os.kill(os.getpid(), signal.SIGTERM)  # now as it would have been
        raise SystemExit(128 + signal.SIGTERM) from None
    finally:
        signal.signal(signal.SIGTERM, previous)
