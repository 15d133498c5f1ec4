"""Decks from strangers: clear errors or a safe build, nothing read outside the deck's folder,
nothing executed, and never a lost earlier build."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
import json
from pathlib import Path

import pytest

from conftest import DECK, NOTES, cards_env, write

SECRET = "TOP-SECRET-CONTENTS-do-not-print"


def _assert_clean_failure(result, *fragments):
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr


# --- malformed files --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content, where, message",
    [
        ("", "decks/bad.yaml:1:1:", "the file is empty"),
        ("# only a comment\n", "decks/bad.yaml:1:1:", "the file is empty"),
        ("deck: X\ncards:\n  - id: a\n     kind: date\n", "decks/bad.yaml:4:", "YAML syntax error"),
        ("deck: X\ncards: {a: 1}\n", "decks/bad.yaml:2:8:", "'cards' must be a list of cards"),
        ("deck: X\ncards: just text\n", "decks/bad.yaml:2:8:", "'cards' must be a list of cards"),
        ("- a\n- b\n", "decks/bad.yaml:1:1:", "a deck file must be a mapping"),
        ("deck: X\ndeck: Y\ncards: []\n", "decks/bad.yaml:2:1:", "duplicate key 'deck'"),
        ("deck: [X]\ncards: []\n", "decks/bad.yaml:1:7:", "field 'deck' must be text, not a list"),
        ("cards: []\n", "decks/bad.yaml:1:1:", "missing the required field 'deck'"),
        ("deck: X\ncards:\n  - 42\n", "decks/bad.yaml:3:5:", "each card must be a mapping"),
        ("deck: X\ncards:\n  - {id: a, kind: date, date: 1917, event: e, source: n:1}\n", "decks/bad.yaml:3:", "unknown source 'n'"),
        ("deck: X\ncards:\n  - {id: a, source: n:1}\n", "decks/bad.yaml:3:5:", "has no 'kind:'"),
    ],
)
def test_malformed_deck_files_get_a_located_error(tmp_path, cards, content, where, message):
    write(tmp_path / "decks" / "bad.yaml", content) if content else (tmp_path / "decks").mkdir() or (tmp_path / "decks" / "bad.yaml").write_text("")
    result = cards("build", cwd=tmp_path)
    _assert_clean_failure(result, message)
    assert any(line.startswith(where) for line in result.stderr.splitlines()), result.stderr


def test_a_file_that_is_not_utf8_is_reported_with_its_line(tmp_path, cards):
    (tmp_path / "decks").mkdir()
    (tmp_path / "decks" / "latin1.yaml").write_bytes("deck: X\ncards:\n  - id: caf\xe9\n".encode("latin-1"))
    result = cards("build", cwd=tmp_path)
    _assert_clean_failure(result, "decks/latin1.yaml:3:", "not UTF-8")


# --- YAML bombs -------------------------------------------------------------------------------


def _billion_laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefghi", "bcdefghij"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\ncards: *j\ndeck: x\n"


@pytest.mark.parametrize(
    "content, message",
    [
        (_billion_laughs(), "aliases expand this document"),
        ("deck: " + "[" * 20000 + "]" * 20000 + "\n", "nesting is deeper than"),
        ("deck: x\ncards:\n" + "".join("  " * i + "- \n" for i in range(1, 300)), "nesting is deeper than"),
    ],
    ids=["billion-laughs", "deep-flow-nesting", "deep-block-nesting"],
)
def test_yaml_bombs_fail_fast_with_an_error(tmp_path, content, message):
    write(tmp_path / "decks" / "bomb.yaml", content)
    start = time.monotonic()
    # Bound memory too: a real expansion of the billion laughs would need gigabytes.
    limit = "import resource; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30)); "
    result = subprocess.run(
        [sys.executable, "-c", limit + "from cards.cli import main; main(prog_name='cards')", "build"],
        cwd=tmp_path, env=cards_env(), capture_output=True, text=True, timeout=60,
    )
    assert time.monotonic() - start < 20
    _assert_clean_failure(result, message)
    assert "decks/bomb.yaml:" in result.stderr


def test_yaml_tags_that_build_python_objects_are_refused(tmp_path, cards):
    write(tmp_path / "decks" / "evil.yaml", "deck: !!python/object/apply:os.system ['echo pwned']\ncards: []\n")
    result = cards("build", cwd=tmp_path)
    _assert_clean_failure(result, "decks/evil.yaml:1:7:")
    assert "pwned" not in result.stdout


def test_many_cards_without_aliases_are_not_mistaken_for_a_bomb(tmp_path, cards):
    lines = ["deck: Big", "sources: {n: n.txt}", "cards:"]
    for i in range(3000):
        lines.append(f"  - {{id: t{i}, kind: term, term: Term {i}, definition: Meaning number {i}, source: 'n:{i + 1}'}}")
    write(tmp_path / "decks" / "n.txt", "".join(f"Term {i}: Meaning number {i}\n" for i in range(3000)))
    write(tmp_path / "decks" / "big.yaml", "\n".join(lines) + "\n")
    result = cards("build", "--no-lint", cwd=tmp_path)
    assert result.returncode == 0, result.stderr


# --- paths ------------------------------------------------------------------------------------


def _deck_citing(project, path_text: str):
    write(project / "decks" / "russia.yaml", DECK.replace("path: sources/notes.txt", f"path: {path_text}"))


@pytest.mark.parametrize(
    "path_text, reason",
    [
        ("/etc/passwd", "is an absolute path"),
        ("../outside.txt", "leads outside the deck's folder"),
        ("sources/../../outside.txt", "leads outside the deck's folder"),
        ("sources/link.txt", "leads outside the deck's folder"),
    ],
    ids=["absolute", "dot-dot", "nested-dot-dot", "symlink"],
)
def test_sources_outside_the_deck_folder_are_refused_unread(tmp_path, cards, path_text, reason):
    project = tmp_path / "project"
    write(project / "outside.txt", f"{SECRET}\n" * 40)
    write(project / "decks" / "sources" / "notes.txt", NOTES)
    os.symlink(project / "outside.txt", project / "decks" / "sources" / "link.txt")
    _deck_citing(project, path_text)
    result = cards("build", cwd=project)
    _assert_clean_failure(result, reason)
    assert SECRET not in result.stdout + result.stderr
    lint = cards("lint", cwd=project)
    assert lint.returncode == 1 and SECRET not in lint.stdout + lint.stderr


def test_a_source_that_is_not_a_regular_file_is_refused(tmp_path, cards, small_deck):
    os.mkfifo(small_deck / "decks" / "sources" / "pipe.txt")
    _deck_citing(small_deck, "sources/pipe.txt")
    result = cards("build", cwd=small_deck, timeout=30)
    _assert_clean_failure(result, "is not a regular file")


def test_symlink_inside_the_deck_folder_is_followed(small_deck, cards):
    os.symlink("notes.txt", small_deck / "decks" / "sources" / "alias.txt")
    _deck_citing(small_deck, "sources/alias.txt")
    assert cards("build", cwd=small_deck).returncode == 0


# --- nothing lost -----------------------------------------------------------------------------


def _big_project(root, n):
    lines = ["deck: Big", "id: big", "sources: {n: n.txt}", "cards:"]
    for i in range(n):
        lines.append(f"  - {{id: t{i}, kind: term, term: Term {i}, definition: Meaning number {i}, source: 'n:{i + 1}'}}")
    write(root / "decks" / "n.txt", "".join(f"Term {i}: Meaning number {i}\n" for i in range(n)))
    write(root / "decks" / "big.yaml", "\n".join(lines) + "\n")


def _wait_until_no_process_mentions(path, timeout: float = 120) -> None:
    """Wait until no running process has ``path`` on its command line (Linux; elsewhere, a pause)."""
    proc = Path("/proc")
    if not proc.is_dir():
        time.sleep(5)
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        mentioned = False
        for entry in proc.iterdir():
            if entry.name.isdigit():
                try:
                    mentioned = str(path).encode() in (entry / "cmdline").read_bytes()
                except OSError:
                    continue
                if mentioned:
                    break
        if not mentioned:
            return
        time.sleep(0.1)


def test_a_killed_build_leaves_the_previous_outputs_byte_for_byte(tmp_path, cards):
    _big_project(tmp_path, 4000)
    assert cards("build", "--no-lint", cwd=tmp_path).returncode == 0
    build = tmp_path / "build"
    before = {p.relative_to(build): p.read_bytes() for p in build.rglob("*") if p.is_file()}
    deck = tmp_path / "decks" / "big.yaml"
    deck.write_text(deck.read_text().replace("Meaning number", "Sense number"))

    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = cards_env(TMPDIR=str(temporary))
    killed_at = []
    for delay in (0.2, 0.4, 0.6, 0.8, 1.0, 1.2, 1.5, 2.0):
        process = subprocess.Popen(
            [sys.executable, "-m", "cards", "build", "--no-lint"], cwd=tmp_path, env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        if process.poll() is not None:
            break  # it finished before we could kill it
        process.send_signal(signal.SIGKILL)
        process.wait()
        killed_at.append(delay)
        after = {p.relative_to(build): p for p in build.rglob("*") if p.is_file() and not p.name.endswith(".tmp")}
        assert set(after) == set(before)
        for rel, path in after.items():
            if path.read_bytes() == before[rel]:
                continue
            # Only a complete new file may have replaced an old one.
            if rel.suffix == ".apkg":
                with zipfile.ZipFile(path) as archive:
                    assert archive.testzip() is None
            elif rel.suffix == ".pdf":
                data = path.read_bytes()
                assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
            else:
                json.loads(path.read_text())
    assert killed_at, "the build always finished before it could be killed; make the deck bigger"
    # A later build removes what the killed ones left, and succeeds. (A killed build's PDF
    # helper finishes its part and removes the folder itself: wait for those first.)
    _wait_until_no_process_mentions(temporary)
    long_ago = time.time() - 3600
    for leftover in [*build.rglob("*.tmp"), *temporary.glob("cards-print-*")]:
        os.utime(leftover, (long_ago, long_ago))
    in_flight = build / ".big.apkg.another-build.tmp"  # a build running right now
    in_flight.write_bytes(b"partial")
    running = temporary / f"cards-print-{os.getpid()}-running"  # the folder of a build running right now
    running.mkdir()
    os.utime(running, (long_ago, long_ago))
    # --force: a killed build may have written everything before it died, and only a
    # build that makes a PDF clears the PDF folders.
    assert cards("build", "--no-lint", "--force", cwd=tmp_path, env=env).returncode == 0
    assert [p.name for p in build.rglob("*.tmp")] == [in_flight.name]
    assert [p.name for p in temporary.iterdir()] == [running.name]


def test_python_files_in_a_deck_repository_are_never_imported(small_deck):
    """A shared deck folder holding typst.py or json.py must not get them run: the
    PDF helper process must not put the current folder on its import path."""
    marker = small_deck / "imported.txt"
    for module in ("typst", "json", "genanki", "yaml"):
        write(small_deck / f"{module}.py", f"open({str(marker)!r}, 'a').write('{module}\\n')\n")
    # -P keeps the current folder off the path of this process, as the installed
    # `cards` command does; the question is what the processes it starts do.
    result = subprocess.run([sys.executable, "-P", "-m", "cards", "build", "--force"], cwd=small_deck,
                            env=cards_env(), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert (small_deck / "build" / "russia-1917.pdf").exists()
    assert not marker.exists(), marker.read_text()
