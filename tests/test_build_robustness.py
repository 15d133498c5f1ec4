"""A build that is stopped, or cannot write, or meets an odd environment: a plain message
and exit status, never a traceback, no process or temporary file left behind, and the
outputs either all replaced or all as they were."""

from __future__ import annotations

import dataclasses
import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import DECK, NOTES, cards_env, write

TRACEBACK = "Traceback"


def _assert_plain(stderr: str) -> None:
    assert TRACEBACK not in stderr, stderr


# --- processes --------------------------------------------------------------------------------


def _session_processes(session: int) -> dict[int, str]:
    """The live (not zombie) processes of ``session``: pid -> command line."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        state, _ppid, _pgrp, sid = stat.rsplit(")", 1)[1].split()[:4]
        if int(sid) == session and state != "Z":
            found[int(entry.name)] = cmdline
    return found


def _wait_for(condition, timeout: float, step: float = 0.02) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


def _big_decks(root: Path, decks: int, cards: int) -> None:
    """``decks`` decks of ``cards`` term cards each, citing one shared source."""
    write(root / "decks" / "n.txt", "".join(f"Term {i}: Meaning number {i}\n" for i in range(cards)))
    for d in range(decks):
        lines = [f"deck: Big {d}", f"id: big-{d}", "sources: {n: n.txt}", "cards:"]
        lines += [f"  - {{id: t{i}, kind: term, term: Term {i}, definition: Meaning number {i}, source: 'n:{i + 1}'}}"
                  for i in range(cards)]
        write(root / "decks" / f"big{d}.yaml", "\n".join(lines) + "\n")


class _Build:
    """``cards build`` running in a session of its own, with its own temporary folder."""

    def __init__(self, project: Path, *args: str, code: str | None = None):
        self.project, self.temporary = project, project / "tmp"
        self.temporary.mkdir(exist_ok=True)
        command = [sys.executable, "-c", code, *args] if code else [sys.executable, "-m", "cards", *args]
        self.process = subprocess.Popen(command, cwd=project, env=cards_env(TMPDIR=str(self.temporary)),
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                        start_new_session=True)
        self.session = self.process.pid

    def processes(self) -> dict[int, str]:
        return _session_processes(self.session)

    def wait_until_typesetting(self, helpers: int = 1) -> None:
        """Wait until ``helpers`` PDF helper processes run: the build is in full swing."""
        busy = _wait_for(lambda: sum("_helper_main" in c for c in self.processes().values()) >= helpers, 120)
        assert busy and self.process.poll() is None, "the build ended before it could be stopped; make the decks bigger"
        time.sleep(0.3)

    def finish(self, timeout: float) -> tuple[int, str, str]:
        """The exit status, stdout and stderr, once both pipes are closed: by every process
        that holds them, not only the one that was started."""
        try:
            out, err = self.process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            pytest.fail(f"the build's output pipes are still open {timeout} s on: {self.processes()}")
        return self.process.returncode, out, err

    def kill_what_is_left(self) -> None:
        try:
            os.killpg(self.session, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def _nothing_written(project: Path) -> None:
    build = project / "build"
    assert not build.exists() or [p for p in build.rglob("*") if p.is_file()] == []


needs_parallel = pytest.mark.skipif(
    (os.cpu_count() or 1) < 2 or not Path("/proc/self/stat").exists(), reason="needs two cores and /proc")


@needs_parallel
def test_a_terminated_parallel_build_takes_its_workers_with_it(tmp_path):
    _big_decks(tmp_path, decks=3, cards=6000)
    build = _Build(tmp_path, "build", "--no-lint")
    try:
        build.wait_until_typesetting(helpers=2)
        started = time.monotonic()
        os.kill(build.process.pid, signal.SIGTERM)  # the build process only, as `kill PID` does
        code, out, err = build.finish(timeout=15)
        assert time.monotonic() - started < 10
        assert code == 143, err
        assert err == "cards: terminated\n"
        assert _wait_for(lambda: not build.processes(), 5), build.processes()
        assert list(build.temporary.iterdir()) == []  # no pymp-* folder, no cards-print-* folder
        _nothing_written(tmp_path)
    finally:
        build.kill_what_is_left()


@needs_parallel
def test_ctrl_c_during_a_parallel_build_stops_every_process_with_one_line(tmp_path):
    _big_decks(tmp_path, decks=3, cards=6000)
    build = _Build(tmp_path, "build", "--no-lint")
    try:
        build.wait_until_typesetting(helpers=2)
        os.killpg(build.session, signal.SIGINT)  # a terminal's Ctrl-C reaches every process of the build
        code, out, err = build.finish(timeout=15)
        assert code == 130, err
        assert err == "cards: interrupted\n"
        assert _wait_for(lambda: not build.processes(), 5), build.processes()
        assert list(build.temporary.iterdir()) == []
        _nothing_written(tmp_path)
    finally:
        build.kill_what_is_left()


@needs_parallel
def test_workers_of_a_build_killed_outright_stop_too(tmp_path):
    """SIGKILL leaves the build no chance to stop its workers: they notice by themselves."""
    _big_decks(tmp_path, decks=3, cards=6000)
    build = _Build(tmp_path, "build", "--no-lint")
    try:
        build.wait_until_typesetting(helpers=2)
        os.kill(build.process.pid, signal.SIGKILL)
        build.finish(timeout=15)
        assert _wait_for(lambda: not build.processes(), 5), build.processes()
        assert not list(build.temporary.glob("cards-print-*"))
        _nothing_written(tmp_path)
    finally:
        build.kill_what_is_left()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_ctrl_c_during_a_build_ends_it_with_one_line(tmp_path):
    _big_decks(tmp_path, decks=1, cards=6000)
    build = _Build(tmp_path, "build", "--no-lint")
    try:
        build.wait_until_typesetting()
        os.kill(build.process.pid, signal.SIGINT)
        code, out, err = build.finish(timeout=15)
        assert code == 130, err
        assert err == "cards: interrupted\n"
        assert _wait_for(lambda: not build.processes(), 5), build.processes()
        assert list(build.temporary.iterdir()) == []
        _nothing_written(tmp_path)
    finally:
        build.kill_what_is_left()


def test_ctrl_c_during_start_up_ends_it_with_one_line(tmp_path):
    """Ctrl-C while `cards` is still importing what it needs (click, here)."""
    write(tmp_path / "slow" / "click.py",
          "import os, signal, time\nos.kill(os.getpid(), signal.SIGINT)\ntime.sleep(10)\n")
    env = cards_env()
    env["PYTHONPATH"] = os.pathsep.join([str(tmp_path / "slow"), env["PYTHONPATH"]])
    result = subprocess.run([sys.executable, "-m", "cards", "--help"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 130, result.stderr
    assert result.stderr == "cards: interrupted\n"


# --- all outputs or none ----------------------------------------------------------------------


def _two_decks(root: Path) -> None:
    write(root / "decks" / "sources" / "notes.txt", NOTES)
    for name in ("a", "b"):
        write(root / "decks" / f"{name}.yaml", DECK.replace("id: russia-1917", f"id: deck-{name}"))


def _edit_decks(root: Path) -> None:
    for name in ("a", "b"):
        deck = root / "decks" / f"{name}.yaml"
        deck.write_text(deck.read_text().replace("The Winter Palace is stormed", "The Winter Palace was stormed"))


def _files(root: Path) -> dict[str, bytes]:
    """Every file a build writes: its outputs, its cache, and the decks' lock files."""
    written = [*(root / "build").rglob("*"), *(root / "decks").glob("*.lock")]
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(written) if p.is_file()}


def test_an_output_that_cannot_be_replaced_leaves_every_output_as_it_was(tmp_path, cards):
    _two_decks(tmp_path)
    assert cards("build", cwd=tmp_path).returncode == 0
    (tmp_path / "build" / "deck-b.apkg").unlink()
    (tmp_path / "build" / "deck-b.apkg").mkdir()  # deck a builds fine; deck b's package cannot be written
    before = _files(tmp_path)
    _edit_decks(tmp_path)
    result = cards("build", cwd=tmp_path)
    assert result.returncode == 1
    _assert_plain(result.stderr)
    lines = result.stderr.splitlines()
    assert lines[0].startswith("build/deck-b.apkg: cannot write: "), result.stderr
    assert lines[-1] == "cards: nothing was written"
    assert _files(tmp_path) == before  # deck a's package and PDF too, and no temporary file


def _built_twice(root: Path):
    """Two decks built once, then edited: (their paths, the options, the files after the first build)."""
    from cards.build import BuildOptions, build

    _two_decks(root)
    paths = sorted((root / "decks").glob("*.yaml"))
    options = BuildOptions(out_dir=root / "build", parallel=False, pdf=False, templates=None)
    build(paths, options)
    before = _files(root)
    _edit_decks(root)
    return paths, options, before


def test_a_full_disk_while_writing_the_outputs_leaves_every_output_as_it_was(tmp_path, monkeypatch):
    import cards.export.files as files
    from cards.build import build
    from cards.errors import ExportError

    paths, options, before = _built_twice(tmp_path)
    real_fsync, calls = os.fsync, []

    def fsync(fd):
        calls.append(fd)
        if len(calls) == 4:  # the packages and deck a's lock file are written, deck b's is not
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(files.os, "fsync", fsync)
    with pytest.raises(ExportError) as failure:
        build(paths, options)
    assert ": cannot write: " in str(failure.value) and "nothing was written" in str(failure.value)
    assert str(failure.value).startswith(str(tmp_path / "decks" / "b.lock")), failure.value
    assert _files(tmp_path) == before
    calls.clear()
    with pytest.raises(ExportError):  # a first build into a new folder: not even the folder is left
        build(paths, dataclasses.replace(options, out_dir=tmp_path / "new"))
    assert not (tmp_path / "new").exists()


def test_a_rename_that_fails_part_way_says_what_was_replaced_and_what_was_not(tmp_path, monkeypatch):
    import cards.export.files as files
    from cards.build import build
    from cards.errors import ExportError

    paths, options, before = _built_twice(tmp_path)
    real_replace, renamed = os.replace, []

    def replace(source, target):
        if len(renamed) == 1:  # deck a's package is replaced, deck b's is not
            raise OSError(errno.EBUSY, os.strerror(errno.EBUSY))
        real_replace(source, target)
        renamed.append(Path(target))

    monkeypatch.setattr(files.os, "replace", replace)
    with pytest.raises(ExportError) as failure:
        build(paths, options)
    message = str(failure.value)
    replaced, rest = message.split("already replaced: ", 1)[1].split("; not replaced: ", 1)
    assert replaced.split(", ") == [str(p) for p in renamed]
    assert str(tmp_path / "build" / "deck-b.apkg") in rest.split(", ")
    changed = {name for name, data in _files(tmp_path).items() if before.get(name) != data}
    assert changed == {str(p.relative_to(tmp_path)) for p in renamed}
    assert not list((tmp_path / "build").rglob("*.tmp"))


# --- temporary files of a killed build --------------------------------------------------------


def test_temporary_files_of_a_build_that_is_gone_are_removed_by_the_next(small_deck, cards):
    assert cards("build", "--no-pdf", cwd=small_deck).returncode == 0
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    build = small_deck / "build"
    leftovers = [build / f".russia-1917.apkg.{gone.pid}.k1ll3d.tmp",
                 next((build / ".cards" / "cache").glob("*.json")).with_name(f".x.json.{gone.pid}.k1ll3d.tmp")]
    running = build / f".russia-1917.apkg.{os.getpid()}.running.tmp"  # a build running right now (this test)
    for path in (*leftovers, running):
        path.write_bytes(b"partial")
    assert cards("build", "--no-pdf", cwd=small_deck).returncode == 0
    assert [p for p in leftovers if p.exists()] == []
    assert running.exists()


# --- tracebacks -------------------------------------------------------------------------------


FULL_TEMPORARY_FOLDER = """
import errno, os, pathlib
def full(write):
    def wrapper(self, *args, **kwargs):
        if "cards-print-" in str(self):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return write(self, *args, **kwargs)
    return wrapper
pathlib.Path.write_bytes = full(pathlib.Path.write_bytes)
pathlib.Path.write_text = full(pathlib.Path.write_text)
from cards.cli import run
run()
"""


def test_a_full_temporary_folder_while_making_the_pdf_is_a_plain_error(small_deck):
    temporary = small_deck / "tmp"
    temporary.mkdir()
    result = subprocess.run([sys.executable, "-c", FULL_TEMPORARY_FOLDER, "build"], cwd=small_deck,
                            env=cards_env(TMPDIR=str(temporary)), capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    _assert_plain(result.stderr)
    assert f"russia-1917: cannot make the PDF in the temporary folder {temporary}: " in result.stderr
    assert "set TMPDIR" in result.stderr
    assert list(temporary.iterdir()) == []
    _nothing_written(small_deck)


CYRILLIC_DECK = """\
deck: Ленин
id: lenin
sources: {n: n.txt}
cards:
  - {id: a, kind: person, name: Владимир Ленин, role: вождь большевиков, source: 'n:1'}
  - {id: b, kind: term, term: Совнарком, definition: правительство, source: 'n:2'}
"""


def test_text_the_output_encoding_cannot_show_is_escaped(tmp_path, cards):
    write(tmp_path / "decks" / "n.txt", "Владимир Ленин был вождь большевиков.\nСовнарком был правительство.\n")
    write(tmp_path / "decks" / "ленин.yaml", CYRILLIC_DECK)
    env = cards_env(PYTHONIOENCODING="cp1252")
    built = cards("build", "--no-pdf", cwd=tmp_path, env=env)
    assert built.returncode == 0, built.stderr
    assert built.stdout.startswith("decks/\\u043b\\u0435\\u043d\\u0438\\u043d.yaml: 2 cards, 2 notes")
    write(tmp_path / "decks" / "n.txt", "Владимир Ленин был вождь большевиков.\nСовет был правительство.\n")
    linted = cards("lint", cwd=tmp_path, env=env)
    assert linted.returncode == 1
    _assert_plain(linted.stderr)
    assert "T301 term-missing: '\\u0421\\u043e\\u0432\\u043d\\u0430\\u0440\\u043a\\u043e\\u043c'" in linted.stdout


def test_names_too_long_for_the_file_system_are_plain_errors(small_deck, cards):
    long_name = "d" * 300
    deck = cards("build", f"decks/{long_name}.yaml", cwd=small_deck)
    assert deck.returncode == 1
    _assert_plain(deck.stderr)
    assert f"decks/{long_name}.yaml: cannot read the file: " in deck.stderr
    lint = cards("lint", f"decks/{long_name}.yaml", cwd=small_deck)
    assert lint.returncode == 1 and TRACEBACK not in lint.stderr
    out = cards("build", "--out", long_name, cwd=small_deck)
    assert out.returncode == 1
    _assert_plain(out.stderr)
    assert out.stderr.splitlines()[0].startswith(f"{long_name}/russia-1917.apkg: cannot write: ")
    assert out.stderr.splitlines()[-1] == "cards: nothing was written"
    templates = cards("build", "--templates", long_name, cwd=small_deck)
    assert templates.returncode == 1
    _assert_plain(templates.stderr)
    assert templates.stderr.startswith(f"cards: error: {long_name}: ")


def test_a_terminal_that_goes_away_does_not_fail_the_progress_line():
    """Drawing the progress line on a terminal that was closed (or cannot show a deck's
    name) stops the line, without an error from its thread or from close()."""
    import threading

    from cards.progress import Progress

    class Closed:
        def isatty(self):
            return True

        def write(self, text):
            raise OSError(errno.EIO, os.strerror(errno.EIO))

        def flush(self):
            pass

    failures = []
    previous, threading.excepthook = threading.excepthook, failures.append
    try:
        progress = Progress(Closed())
        progress.start -= 10  # as if it had been running for a while
        progress("loading decks/ленин.yaml", 0, 4)
        time.sleep(0.3)
        progress.close()
    finally:
        threading.excepthook = previous
    assert failures == []
