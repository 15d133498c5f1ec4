"""Rebuilds skip what has not changed, parallel builds match serial ones, and long builds
show progress on a terminal only."""

from __future__ import annotations

import hashlib
import io
import os
import pty

import pytest
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from cards.build import BuildOptions, build

from conftest import DECK, NOTES, cards_env, write

SUMMARY = re.compile(
    r"^decks/russia\.yaml: 4 cards, 4 notes, \d+ pages, (?P<time>\d+\.\d\d s|unchanged), 0 warnings "
    r"-> build/russia-1917\.apkg, build/russia-1917\.pdf$"
)


def _outputs(project):
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in (project / "build").glob("*.*") if p.is_file()}


def test_unchanged_rebuild_skips_the_deck_and_keeps_every_byte(small_deck, cards):
    first = cards("build", cwd=small_deck)
    assert first.returncode == 0, first.stderr
    assert SUMMARY.match(first.stdout.splitlines()[0])["time"] != "unchanged"
    before = _outputs(small_deck)
    second = cards("build", cwd=small_deck)
    assert second.returncode == 0
    assert SUMMARY.match(second.stdout.splitlines()[0])["time"] == "unchanged"
    assert _outputs(small_deck) == before  # not even rewritten


def test_force_rebuilds_to_the_same_bytes(small_deck, cards):
    assert cards("build", cwd=small_deck).returncode == 0
    before = _outputs(small_deck)
    result = cards("build", "--force", cwd=small_deck)
    assert "unchanged" not in result.stdout
    after = _outputs(small_deck)
    assert {k: v[0] for k, v in after.items()} == {k: v[0] for k, v in before.items()}
    assert all(after[k][1] >= before[k][1] for k in before)


def test_editing_a_cited_source_rebuilds_the_deck(small_deck, cards):
    assert cards("build", cwd=small_deck).returncode == 0
    notes = small_deck / "decks" / "sources" / "notes.txt"
    notes.write_text(NOTES.replace("Petrograd 1917: notes", "Petrograd 1917: revised notes"))
    result = cards("build", cwd=small_deck)
    assert result.returncode == 0 and "unchanged" not in result.stdout


def test_changing_an_option_or_a_template_rebuilds_the_deck(small_deck, cards):
    assert cards("build", cwd=small_deck).returncode == 0
    result = cards("build", "--paper", "letter", cwd=small_deck)
    assert "unchanged" not in result.stdout
    write(small_deck / "templates" / "anki" / "style.css.j2", ".card { color: red; }\n")
    result = cards("build", "--paper", "letter", cwd=small_deck)
    assert "unchanged" not in result.stdout


def test_installing_another_genanki_or_typst_rebuilds_the_deck(small_deck, monkeypatch):
    """The cache knows which copy of genanki and Typst made the outputs: a reinstall or an
    upgrade, which rewrites the package's files, makes every deck build again."""
    import importlib

    import cards.build.fingerprint as fingerprint_module

    write(small_deck / "site" / "fakedep" / "__init__.py", "VERSION = 1\n")
    monkeypatch.syspath_prepend(str(small_deck / "site"))
    importlib.invalidate_caches()
    before = fingerprint_module._installed("fakedep")
    write(small_deck / "site" / "fakedep" / "__init__.py", "VERSION = 22\n")
    assert fingerprint_module._installed("fakedep") != before != "?"
    assert fingerprint_module._installed("no_such_package_here") == "?"

    monkeypatch.chdir(small_deck)
    paths = sorted(Path("decks").glob("*.yaml"))
    options = BuildOptions(parallel=False, pdf=False)
    assert not build(paths, options).outputs[0].cached
    assert build(paths, options).outputs[0].cached
    installed = fingerprint_module._installed
    monkeypatch.setattr(fingerprint_module, "_installed", lambda name: installed(name) + ("-new" if name == "typst" else ""))
    assert not build(paths, options).outputs[0].cached


def test_renaming_a_deck_id_removes_the_outputs_of_the_old_id(small_deck, cards):
    """Otherwise build/ would keep a package and a PDF nobody builds any more, for a
    student to import or a teacher to print."""
    assert cards("build", cwd=small_deck).returncode == 0
    deck = small_deck / "decks" / "russia.yaml"
    deck.write_text(deck.read_text().replace("id: russia-1917", "id: russia-revolution"))
    result = cards("build", cwd=small_deck)
    assert result.returncode == 0
    assert sorted(p.name for p in (small_deck / "build").glob("*.*") if p.is_file()) == ["russia-revolution.apkg",
                                                                         "russia-revolution.pdf"]
    assert "removed the earlier build/russia-1917.apkg, build/russia-1917.pdf" in result.stdout


def test_a_build_without_the_pdf_removes_the_earlier_pdf_but_not_a_file_someone_changed(small_deck, cards):
    assert cards("build", cwd=small_deck).returncode == 0
    result = cards("build", "--no-pdf", cwd=small_deck)
    assert not (small_deck / "build" / "russia-1917.pdf").exists()  # it would not match the new package
    assert "removed the earlier build/russia-1917.pdf" in result.stdout
    assert cards("build", cwd=small_deck).returncode == 0
    (small_deck / "build" / "russia-1917.pdf").write_bytes(b"a teacher's own file")
    assert cards("build", "--no-pdf", cwd=small_deck).returncode == 0
    assert (small_deck / "build" / "russia-1917.pdf").read_bytes() == b"a teacher's own file"


def test_the_same_folder_named_another_way_keeps_its_outputs(small_deck, cards):
    """build and /abs/path/build are one folder: what this build writes there is not 'earlier'."""
    assert cards("build", cwd=small_deck).returncode == 0
    result = cards("build", "--force", "--out", str(small_deck / "build"), cwd=small_deck)
    assert result.returncode == 0 and "removed" not in result.stdout
    assert sorted(p.name for p in (small_deck / "build").glob("*.*") if p.is_file()) == ["russia-1917.apkg",
                                                                                         "russia-1917.pdf"]


def test_only_the_decks_own_outputs_in_the_output_folder_are_ever_removed(small_deck, cards):
    """A build folder copied elsewhere, or a cache record edited by hand, lists files that
    are not this build's to remove."""
    import json

    assert cards("build", cwd=small_deck).returncode == 0
    shutil.copytree(small_deck / "build", small_deck / "dist")
    result = cards("build", "--force", "--out", "dist", cwd=small_deck)
    assert result.returncode == 0 and "removed" not in result.stdout
    assert (small_deck / "build" / "russia-1917.apkg").exists() and (small_deck / "build" / "russia-1917.pdf").exists()

    victim = small_deck / "victim.txt"
    victim.write_text("keep me")
    neighbour = small_deck / "build" / "other-deck.apkg"
    neighbour.write_bytes(b"another deck's package")
    [record_file] = (small_deck / "build" / ".cards" / "cache").glob("*.json")
    record = json.loads(record_file.read_text())
    for path in (victim, neighbour):
        record["outputs"][str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    record_file.write_text(json.dumps(record))
    result = cards("build", "--force", "--no-pdf", cwd=small_deck)
    assert result.returncode == 0
    assert victim.read_text() == "keep me" and neighbour.exists()
    assert "removed the earlier build/russia-1917.pdf" in result.stdout  # the deck's own, as before


def test_a_cache_record_of_the_wrong_shape_rebuilds_the_deck(small_deck, cards):
    assert cards("build", cwd=small_deck).returncode == 0
    [record_file] = (small_deck / "build" / ".cards" / "cache").glob("*.json")
    record_file.write_text('{"deck_path": "decks/russia.yaml", "fingerprint": "x", "inputs": [], '
                           '"outputs": "a", "summary": 3, "warnings": {}}')
    result = cards("build", cwd=small_deck)
    assert result.returncode == 0 and "unchanged" not in result.stdout and "Traceback" not in result.stderr


def test_two_decks_that_swap_ids_keep_both_outputs(tmp_path, cards):
    write(tmp_path / "decks" / "notes.txt", "Lenin led the Bolsheviks.\nTrotsky led the Red Army.\n")
    def deck(name, deck_id, person, role, line):
        return (f"deck: {name}\nid: {deck_id}\nsources: {{n: notes.txt}}\ncards:\n"
                f"  - {{id: c, kind: person, name: {person}, role: {role}, source: 'n:{line}'}}\n")

    write(tmp_path / "decks" / "one.yaml", deck("One", "first", "Lenin", "led the Bolsheviks", 1))
    write(tmp_path / "decks" / "two.yaml", deck("Two", "second", "Trotsky", "led the Red Army", 2))
    assert cards("build", "--no-pdf", cwd=tmp_path).returncode == 0
    write(tmp_path / "decks" / "one.yaml", deck("One", "second", "Lenin", "led the Bolsheviks", 1))
    write(tmp_path / "decks" / "two.yaml", deck("Two", "first", "Trotsky", "led the Red Army", 2))
    result = cards("build", "--no-pdf", cwd=tmp_path)
    assert result.returncode == 0 and "removed" not in result.stdout
    assert sorted(p.name for p in (tmp_path / "build").glob("*.*") if p.is_file()) == ["first.apkg", "second.apkg"]


def test_a_deleted_or_altered_output_is_rebuilt(small_deck, cards):
    assert cards("build", cwd=small_deck).returncode == 0
    pdf = small_deck / "build" / "russia-1917.pdf"
    original = pdf.read_bytes()
    pdf.write_bytes(b"tampered")
    result = cards("build", cwd=small_deck)
    assert "unchanged" not in result.stdout
    assert pdf.read_bytes() == original


def test_warnings_are_repeated_for_a_skipped_deck(small_deck, cards):
    # The same fact twice is a warning (X501), not an error.
    extra = "\n  - id: trotsky-again\n    kind: person\n    name: Leon Trotsky\n    role: Chaired the Petrograd Soviet from September 1917\n    source: notes:2\n"
    write(small_deck / "decks" / "russia.yaml", DECK + extra)
    first = cards("build", cwd=small_deck)
    second = cards("build", cwd=small_deck)
    assert "X501" in first.stderr and "unchanged" in second.stdout
    assert [l for l in second.stderr.splitlines() if "X501" in l] == [l for l in first.stderr.splitlines() if "X501" in l]


def _three_decks(root):
    write(root / "decks" / "sources" / "notes.txt", NOTES)
    for name in ("one", "two", "three"):
        write(root / "decks" / f"{name}.yaml", DECK.replace("id: russia-1917", f"id: deck-{name}"))


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="needs two cores")
def test_parallel_build_of_several_decks_matches_a_serial_build(tmp_path, monkeypatch):
    import cards.build

    monkeypatch.setenv("PYTHONPATH", cards_env()["PYTHONPATH"])  # for the worker processes
    monkeypatch.setattr(cards.build, "PARALLEL_MIN_BYTES", 0)  # small decks, to keep the test quick
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    for project in (serial, parallel):
        _three_decks(project)
    shutil.copystat(serial / "decks" / "one.yaml", parallel / "decks" / "one.yaml")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    reports = {}
    for project, flag in ((serial, False), (parallel, True)):
        paths = sorted((project / "decks").glob("*.yaml"))
        reports[flag] = build(paths, BuildOptions(out_dir=project / "build", parallel=flag, templates=None))
    assert reports[True].workers == 2 and reports[False].workers == 0
    ids = [o.deck_id for o in reports[True].outputs]
    assert ids == [o.deck_id for o in reports[False].outputs] == ["deck-one", "deck-three", "deck-two"]
    for name in ("deck-one.apkg", "deck-one.pdf", "deck-two.apkg", "deck-three.pdf"):
        assert (serial / "build" / name).read_bytes() == (parallel / "build" / name).read_bytes()


def test_a_parallel_build_from_the_command_line_leaves_no_temporary_files(tmp_path):
    """The worker pool's fork server keeps a socket in a folder of its own in the temporary
    folder, which only a normal interpreter exit removes; so do the PDF helpers' folders."""
    project, temporary = tmp_path / "project", tmp_path / "tmp"
    _three_decks(project)
    temporary.mkdir()
    parallel = "import cards.build; cards.build.PARALLEL_MIN_BYTES = 0; from cards.cli import run; run()"
    result = subprocess.run([sys.executable, "-c", parallel, "build"], cwd=project,
                            env={**cards_env(), "TMPDIR": str(temporary)}, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert len(list((project / "build").glob("*.apkg"))) == 3
    assert list(temporary.iterdir()) == []


def test_duplicate_deck_ids_across_files_are_an_error(small_deck, cards):
    write(small_deck / "decks" / "copy.yaml", DECK)
    result = cards("build", cwd=small_deck)
    assert result.returncode == 1
    assert "deck id 'russia-1917' is also used by decks/copy.yaml" in result.stderr
    assert not (small_deck / "build").exists()


def _big_deck(root, n=3000):
    lines = ["deck: Big", "id: big", "sources: {n: n.txt}", "cards:"]
    lines += [f"  - {{id: t{i}, kind: term, term: Term {i}, definition: Meaning number {i}, source: 'n:{i + 1}'}}"
              for i in range(n)]
    write(root / "decks" / "n.txt", "".join(f"Term {i}: Meaning number {i}\n" for i in range(n)))
    write(root / "decks" / "big.yaml", "\n".join(lines) + "\n")


#: The CLI with progress shown from the start rather than after a second, so that
#: the tests below do not depend on how fast this machine builds a deck.
NO_DELAY = "import cards.progress; cards.progress.DELAY = 0; from cards.cli import run; run()"


def _run_on_a_terminal(args, cwd) -> str:
    """Run the CLI with its stderr on a pseudo-terminal; return what the terminal showed."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-c", NO_DELAY, *args], cwd=cwd, env=cards_env(),
                               stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    process.wait(timeout=300)
    os.close(leader)
    return shown.decode(errors="replace")


def test_a_long_build_shows_progress_on_a_terminal_only(tmp_path):
    _big_deck(tmp_path)
    shown = _run_on_a_terminal(["build", "--force"], tmp_path)
    assert re.search(r"\r\[[#-]+\] \d+/\d+ ", shown), shown[-500:]
    assert shown.rstrip().endswith("\x1b[K") or "\r\x1b[K" in shown  # the line is erased at the end
    quiet = _run_on_a_terminal(["build", "--force", "--quiet"], tmp_path)
    assert "\r[" not in quiet
    piped = subprocess.run([sys.executable, "-c", NO_DELAY, "build", "--force"], cwd=tmp_path, env=cards_env(),
                           capture_output=True, text=True, timeout=300)
    assert piped.returncode == 0
    assert "\r" not in piped.stderr and "[#" not in piped.stderr


def test_progress_waits_a_second_before_it_shows(tmp_path):
    """Most builds are over within a second: they show no progress line at all."""
    from cards.progress import DELAY, Progress

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    progress = Progress(terminal)
    progress("loading decks/x.yaml", 0, 4)
    time.sleep(DELAY / 2)
    progress.close()
    assert terminal.getvalue() == ""


def test_adding_a_missing_source_rebuilds_the_deck(small_deck, cards):
    """A deck built while a source was missing (its citation errors ignored) must not
    stay 'unchanged' once the file appears."""
    write(small_deck / "pyproject.toml", '[tool.cards.lint]\nignore = ["C001"]\n')
    notes = small_deck / "decks" / "sources" / "notes.txt"
    notes.unlink()
    assert cards("build", cwd=small_deck).returncode == 0
    assert "unchanged" in cards("build", cwd=small_deck).stdout
    notes.write_text(NOTES.replace("Leon Trotsky chaired", "Someone else chaired"))
    result = cards("build", cwd=small_deck)
    assert "unchanged" not in result.stdout
    assert result.returncode == 1 and "P201" in result.stderr  # now linted against the real text


def test_deck_ids_that_differ_only_in_case_are_an_error(small_deck, cards):
    write(small_deck / "decks" / "copy.yaml", DECK.replace("id: russia-1917", "id: Russia-1917"))
    result = cards("build", cwd=small_deck)
    assert result.returncode == 1 and "is also used by" in result.stderr
