"""Output files as users expect (issue 16, item 5).

Every ``-o`` of every subcommand: a new file gets the umask's mode, an existing
file keeps its mode, a symbolic link stays a link (its target is written), a
FIFO is written into and stays a FIFO, and temporary files are removed on
failure, SIGINT and SIGTERM, and after a SIGKILL by the next run.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from reconcile._atomic import TEMPORARY_SUFFIX, write_atomic, write_text_atomic
from reconcile.cli import main
from reconcile.errors import ExportError

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "russia-iran-treaty" / "articles"


def run(argv: list[object]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main([str(arg) for arg in argv])
    return status, out.getvalue(), err.getvalue()


@contextlib.contextmanager
def umask(mask: int) -> Iterator[None]:
    previous = os.umask(mask)
    try:
        yield
    finally:
        os.umask(previous)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store") / "desk.db"
    assert run(["report", "--store", path, SEED])[0] == 0
    return path


def commands(store: Path, output: Path) -> dict[str, list[object]]:
    """Every subcommand and format that writes ``-o``."""
    return {
        "report-markdown": ["report", SEED, "-o", output],
        "report-json": ["report", "--format", "json", SEED, "-o", output],
        "report-html": ["report", "--format", "html", SEED, "-o", output],
        "graph": ["graph", SEED, "-o", output],
        "diff": ["diff", "--store", store, "--since", "2000-01-01", "-o", output],
        "claimreview": [
            "claimreview", SEED, "--author", "Desk",
            "--url-template", "https://desk.example/{fact_id}", "-o", output,
        ],
    }  # fmt: skip


SUBCOMMANDS = [
    "report-markdown",
    "report-json",
    "report-html",
    "graph",
    "diff",
    "claimreview",
]


def output_name(name: str) -> str:
    return "out.graphml" if name == "graph" else "out.txt"


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(TEMPORARY_SUFFIX))


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_a_new_file_gets_the_umask_mode(tmp_path, store, name):
    output = tmp_path / output_name(name)
    with umask(0o027):
        status, _, err = run(commands(store, output)[name])
    assert status == 0, err
    assert stat.S_IMODE(output.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_an_existing_file_keeps_its_mode(tmp_path, store, name):
    output = tmp_path / output_name(name)
    output.write_text("old\n", encoding="utf-8")
    output.chmod(0o604)
    with umask(0o077):
        status, _, err = run(commands(store, output)[name])
    assert status == 0, err
    assert output.read_text(encoding="utf-8") != "old\n"
    assert stat.S_IMODE(output.stat().st_mode) == 0o604


@pytest.mark.parametrize("name", ["report-json", "graph"])
def test_a_symlink_is_written_through(tmp_path, store, name):
    real = tmp_path / "real" / output_name(name)
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / output_name(name)
    link.symlink_to(real)
    assert run(commands(store, link)[name])[0] == 0
    assert link.is_symlink()
    assert os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8") != "old\n"
    assert leftovers(tmp_path) == leftovers(real.parent) == []


def test_a_dangling_symlink_creates_its_target(tmp_path):
    link = tmp_path / "out.md"
    link.symlink_to(tmp_path / "target.md")
    write_text_atomic(link, "hello\n")
    assert link.is_symlink()
    assert (tmp_path / "target.md").read_text(encoding="utf-8") == "hello\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("name", ["report-markdown", "report-json", "graph"])
def test_a_fifo_is_written_into_and_stays_a_fifo(tmp_path, store, name):
    fifo = tmp_path / output_name(name)
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    try:
        status, _, err = run(commands(store, fifo)[name])
    finally:
        reader.join(timeout=60)
    assert status == 0, err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert len(received[0]) > 100
    assert leftovers(tmp_path) == []


def test_a_directory_is_refused_in_one_line(tmp_path):
    status, out, err = run(["report", SEED, "-o", tmp_path])
    assert status == 2 and out == ""
    assert (
        err.strip()
        == f"reconcile: error: {tmp_path}: is a directory; expected a file name"
    )


def test_a_link_loop_is_refused(tmp_path):
    loop = tmp_path / "out.md"
    loop.symlink_to(loop)
    with pytest.raises(ExportError, match=r"out\.md: cannot write"):
        write_text_atomic(loop, "x")
    assert loop.is_symlink()


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    output = tmp_path / "out.md"
    output.write_text("old\n", encoding="utf-8")

    def fail(handle):  # type: ignore[no-untyped-def]
        handle.write(b"half")
        raise ValueError("boom")

    with pytest.raises(ExportError, match="could not write"):
        write_atomic(output, fail)
    assert output.read_text(encoding="utf-8") == "old\n"
    assert leftovers(tmp_path) == []


def test_ctrl_c_removes_the_temporary_file(tmp_path):
    def interrupted(handle):  # type: ignore[no-untyped-def]
        handle.write(b"half")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "out.md", interrupted)
    assert list(tmp_path.iterdir()) == []


def test_sigterm_removes_the_temporary_file_and_ends_the_process(tmp_path):
    code = (
        "import os, signal, time, sys\n"
        "from reconcile._atomic import write_atomic\n"
        "def slow(handle):\n"
        "    handle.write(b'half')\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    time.sleep(30)\n"
        f"write_atomic({str(tmp_path / 'out.md')!r}, slow)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, timeout=60, check=False
    )
    assert done.returncode == -15, done.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_later_run_removes_what_a_killed_run_left(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".out.md.{dead.pid}-0a1b{TEMPORARY_SUFFIX}"
    stale.write_bytes(b"x" * 1000)
    ours = tmp_path / f".other.md.{os.getpid()}-0a1b{TEMPORARY_SUFFIX}"
    ours.write_bytes(b"being written")
    unrelated = tmp_path / ".notes.tmp"
    unrelated.write_bytes(b"keep")
    write_text_atomic(tmp_path / "out.md", "new\n")
    assert not stale.exists()
    assert ours.exists() and unrelated.exists()


def test_no_temporary_is_left_by_a_killed_process_named_otherwise(tmp_path):
    output = tmp_path / "out.md"
    code = (
        "import os, signal\n"
        "from reconcile._atomic import write_atomic\n"
        "def killed(handle):\n"
        "    handle.write(b'half')\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        f"write_atomic({str(output)!r}, killed)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], timeout=60, check=False)
    assert done.returncode == -9
    (left,) = leftovers(tmp_path)
    assert left.startswith(".out.md.")
    write_text_atomic(output, "done\n")
    assert leftovers(tmp_path) == []
    assert output.read_text(encoding="utf-8") == "done\n"


def test_ctrl_c_on_the_command_line_is_one_line(tmp_path, monkeypatch):
    import reconcile.cli

    def interrupted(args):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    monkeypatch.setattr(reconcile.cli, "_reconcile", interrupted)
    status, out, err = run(["report", SEED, "-o", tmp_path / "out.md"])
    assert (status, out, err) == (130, "", "reconcile: interrupted\n")
    assert list(tmp_path.iterdir()) == []
