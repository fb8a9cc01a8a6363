"""Every Python and shell example of README.md runs as written.

Each ```python and ```bash block is run in a fresh folder that holds the
repository's ``fixtures/`` and ``tests/`` (as symbolic links) and nothing else, so
an example may use only paths that exist in the repository or that it creates
itself. A Python block runs as a script in its own process (so its imports must
be its own); a block that defines ``test_`` functions is also run by pytest, with
a few Hypothesis examples. ``reconcile`` is on the PATH, as after the README's
set-up.

Blocks preceded by ``<!-- readme-test: slow -->`` (installing into a new venv,
the thorough Hypothesis profile) run only with ``RECONCILE_README_SLOW=1``, in
order, in one copy of the repository, so that the set-up's ``.venv`` serves the
later blocks. Other fences must say what they hold (```text, ```json), so that
no example escapes this test by having no language.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
RUNNABLE = ("bash", "python")
SLOW = os.environ.get("RECONCILE_README_SLOW") == "1"
_FENCE = re.compile(
    r"(?P<mark>^<!-- readme-test: (?P<how>[a-z]+) -->\n)?^```(?P<lang>[a-z]*)\n"
    r"(?P<code>.*?)^```$",
    re.MULTILINE | re.DOTALL,
)
_CONFTEST = """\
from hypothesis import HealthCheck, settings

settings.register_profile(
    "readme", max_examples=3, deadline=None, derandomize=True, database=None,
    suppress_health_check=list(HealthCheck),
)
settings.load_profile("readme")
"""


def _blocks() -> list[tuple[int, str, str, str | None]]:
    """(line, language, code, annotation) of every fenced block of the README."""
    text = README.read_text(encoding="utf-8")
    return [
        (
            text.count("\n", 0, m.start("lang")) + 1,
            m.group("lang"),
            m.group("code"),
            m.group("how"),
        )
        for m in _FENCE.finditer(text)
    ]


BLOCKS = _blocks()
FAST = [b for b in BLOCKS if b[1] in RUNNABLE and b[3] is None]
LONG = [b for b in BLOCKS if b[1] in RUNNABLE and b[3] == "slow"]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.pop("RECONCILE_HYPOTHESIS_PROFILE", None)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def _run(lang: str, code: str, cwd: Path, line: int, timeout: float) -> None:
    if lang == "python":
        script = cwd / f"readme_line_{line}.py"
        script.write_text(code, encoding="utf-8")
        commands = [[sys.executable, script.name]]
        if re.search(r"^def test_", code, re.MULTILINE):
            (cwd / "conftest.py").write_text(_CONFTEST, encoding="utf-8")
            test = script.with_name(f"test_readme_line_{line}.py")
            test.write_text(code, encoding="utf-8")
            commands.append(
                [
                    sys.executable,
                    "-m",
                    "pytest",
                    "-q",
                    "-p",
                    "no:cacheprovider",
                    test.name,
                ]
            )
    else:
        commands = [["bash", "-euo", "pipefail", "-c", code]]
    for command in commands:
        done = subprocess.run(
            command,
            cwd=cwd,
            env=_env(),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        assert 0 == done.returncode, (
            f"README.md line {line}: {' '.join(command[:3])} failed\n"
            f"--- stdout\n{done.stdout[-3000:]}\n--- stderr\n{done.stderr[-3000:]}"
        )


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A fresh folder with the repository's fixtures and test data in it."""
    for name in ("fixtures", "tests"):
        (tmp_path / name).symlink_to(ROOT / name, target_is_directory=True)
    return tmp_path


def test_every_fence_names_its_language():
    """No block escapes the test by having no language; slow ones are runnable."""
    assert [] == [(line, how) for line, lang, _, how in BLOCKS if not lang]
    assert [] == [line for line, lang, _, how in LONG if lang not in RUNNABLE]
    assert len(FAST) >= 8


@pytest.mark.parametrize(
    ("line", "lang", "code"),
    [pytest.param(line, lang, code, id=f"line-{line}") for line, lang, code, _ in FAST],
)
def test_example_runs(workspace: Path, line: int, lang: str, code: str):
    """The README's example at *line* runs as written and exits 0."""
    _run(lang, code, workspace, line, timeout=600)


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the repository's tracked files, shared by the slow blocks in order."""
    target = tmp_path_factory.mktemp("clone")
    files = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    for name in files:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target / name)
    return target


@pytest.mark.skipif(not SLOW, reason="long README example: set RECONCILE_README_SLOW=1")
@pytest.mark.parametrize(
    ("line", "lang", "code"),
    [pytest.param(line, lang, code, id=f"line-{line}") for line, lang, code, _ in LONG],
)
def test_long_example_runs(clone: Path, line: int, lang: str, code: str):
    """The README's long examples (installs, the thorough profile) run in a clone."""
    _run(lang, code, clone, line, timeout=3600)
