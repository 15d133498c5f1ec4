"""`cards init`: from an empty folder to a project that lints and builds at once, with
no network, never overwriting a file."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from cards.kinds import KINDS
from cards.new_project import DECK, NOTES, PACKAGE_PLACEHOLDER, WORKFLOW
from cards.schema import MODELINE, PROJECT_COPY, deck_schema, schema_text

FILES = [NOTES, DECK, PROJECT_COPY, "pyproject.toml", ".gitignore", ".gitattributes", WORKFLOW]


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A project made by `cards init` in a new folder, then linted and built (no network)."""
    from conftest import cards_env, run_cards

    root = tmp_path_factory.mktemp("init")
    env = cards_env(no_proxy="*", http_proxy="http://127.0.0.1:9", https_proxy="http://127.0.0.1:9")
    made = run_cards("init", "teaching", cwd=root, env=env)
    folder = root / "teaching"
    lint = run_cards("lint", cwd=folder, env=env)
    build = run_cards("build", cwd=folder, env=env)
    return folder, made, lint, build


def test_init_makes_a_project_that_lints_and_builds(project):
    folder, made, lint, build = project
    assert made.returncode == 0, made.stderr
    assert made.stdout.splitlines()[:len(FILES)] == [
        f"created {path}" + (" (edit its install step to say where CI gets cards from)"
                             if path == WORKFLOW and PACKAGE_PLACEHOLDER in (folder / WORKFLOW).read_text() else "")
        for path in FILES]
    assert made.stdout.splitlines()[-1] == "next: cd teaching && cards lint && cards build"
    made_by_build = {"decks/example.lock"}  # the deck's release state, written by its first build
    assert sorted(p for p in _tree(folder) if not p.startswith("build/") and p not in made_by_build) == sorted(FILES)
    assert (folder / "decks" / "example.lock").is_file()
    assert lint.returncode == 0 and lint.stdout == "", lint.stdout + lint.stderr  # no problem reported
    assert build.returncode == 0, build.stderr
    assert (folder / "build" / "example.apkg").stat().st_size > 0
    assert (folder / "build" / "example.pdf").read_bytes().startswith(b"%PDF")


def test_the_example_deck_has_a_card_of_every_kind_citing_its_notes(project):
    folder = project[0]
    deck = yaml.safe_load((folder / DECK).read_text(encoding="utf-8"))
    assert [card["kind"] for card in deck["cards"]] == list(KINDS)
    notes = (folder / NOTES).read_text(encoding="utf-8").splitlines()
    for card in deck["cards"]:
        name, line = card["source"].split(":")
        assert name == "notes" and notes[int(line) - 1] == KINDS[card["kind"]].example.text
        assert {k: v for k, v in card.items() if k not in ("id", "kind", "source")} == \
            dict(KINDS[card["kind"]].example.card)
    assert len({card["id"] for card in deck["cards"]}) == len(KINDS)


def test_the_example_deck_points_editors_at_the_schema_copy(project):
    folder = project[0]
    first = (folder / DECK).read_text(encoding="utf-8").splitlines()[0]
    assert first == MODELINE == "# yaml-language-server: $schema=../.cards/deck.schema.json"
    schema_path = (folder / DECK).parent / first.split("$schema=", 1)[1]
    assert schema_path.resolve() == (folder / PROJECT_COPY).resolve()
    assert (folder / PROJECT_COPY).read_text(encoding="utf-8") == schema_text()
    from test_schema import load

    errors = list(jsonschema.Draft7Validator(deck_schema()).iter_errors(load(folder / DECK)))
    assert errors == []


def test_the_settings_and_the_ignore_file(project):
    folder = project[0]
    import tomllib

    assert "lint" in tomllib.loads((folder / "pyproject.toml").read_text())["tool"]["cards"]
    assert "build/" in (folder / ".gitignore").read_text().splitlines()


def test_the_workflows_cards_steps_pass_in_the_new_project(project, tmp_path):
    """The CI example lints and builds; its steps that run cards pass here as they would there."""
    import shutil

    folder = project[0]
    workflow = yaml.safe_load((folder / WORKFLOW).read_text())
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    commands = [step["run"] for step in steps if "run" in step and step["run"].startswith("cards ")]
    assert [c.split()[1] for c in commands] == ["lint", "build"]
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy, ignore=shutil.ignore_patterns("build"))
    from conftest import cards_env

    for command in commands:
        argv = [sys.executable, "-m", "cards", *shlex.split(command)[1:]]
        result = subprocess.run(argv, cwd=copy, env=cards_env(), capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, (command, result.stdout, result.stderr)
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache"))
    assert cache["with"]["path"] == "build/.cards" and (copy / "build" / ".cards").is_dir()


def test_init_never_overwrites_and_says_what_it_skipped(tmp_path, cards):
    first = cards("init", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    before = _tree(tmp_path)
    again = cards("init", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert _tree(tmp_path) == before
    skipped = [line for line in again.stdout.splitlines() if line.startswith("skipped ")]
    assert skipped == [f"skipped {DECK}: it exists", f"skipped {PROJECT_COPY}: it exists",
                       "skipped pyproject.toml: it exists", "skipped .gitignore: it exists",
                       "skipped .gitattributes: it exists", f"skipped {WORKFLOW}: it exists"]
    assert again.stdout.splitlines()[-1] == "next: cards lint && cards build"


def test_init_in_an_existing_project_adds_only_what_is_missing(tmp_path, cards):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'mine'\n")
    (tmp_path / ".gitignore").write_text("*.pyc\n")
    (tmp_path / "decks").mkdir()
    (tmp_path / "decks" / "mine.yaml").write_text("deck: Mine\ncards: []\n")
    before = _tree(tmp_path)
    result = cards("init", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    after = _tree(tmp_path)
    assert {k: v for k, v in after.items() if k in before} == before
    assert sorted(set(after) - set(before)) == sorted([PROJECT_COPY, ".gitattributes", WORKFLOW])
    lines = result.stdout.splitlines()
    assert f"skipped {DECK}: decks/ already holds decks (mine.yaml); to have editors check them, put this " \
           f"line first in each: {MODELINE}" in lines
    assert "skipped pyproject.toml: it exists; add a [tool.cards.lint] section to it to configure the linter " \
           "(see the README)" in lines
    assert "skipped .gitignore: it exists; add the line build/ to it" in lines


def test_an_old_copy_of_the_schema_is_kept_and_its_refresh_suggested(tmp_path, cards):
    (tmp_path / PROJECT_COPY).parent.mkdir()
    (tmp_path / PROJECT_COPY).write_text("{}\n")
    result = cards("init", cwd=tmp_path)
    assert result.returncode == 0 and (tmp_path / PROJECT_COPY).read_text() == "{}\n"
    assert f"skipped {PROJECT_COPY}: it exists, from an older cards; refresh it with cards schema -o " \
           f"{PROJECT_COPY}" in result.stdout.splitlines()


def test_the_example_and_its_notes_are_written_together_or_not_at_all(tmp_path, cards):
    (tmp_path / NOTES).parent.mkdir(parents=True)
    (tmp_path / NOTES).write_text("My own notes\n")
    result = cards("init", cwd=tmp_path)
    assert result.returncode == 0
    assert not (tmp_path / DECK).exists() and (tmp_path / NOTES).read_text() == "My own notes\n"
    assert f"skipped {DECK}: {NOTES} exists, and the example deck cites its notes by line" in result.stdout


def test_a_file_where_the_folder_should_be_is_a_plain_error(tmp_path, cards):
    (tmp_path / "decks").write_text("not a folder")
    result = cards("init", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip() == "decks: cannot write: a file is in the way of the folder"
    blocked = cards("init", "decks", cwd=tmp_path)
    assert blocked.returncode == 2 and "Traceback" not in blocked.stderr


def test_a_file_that_cannot_be_written_is_a_plain_error(tmp_path, monkeypatch):
    from cards import new_project

    def refuse(path, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(new_project, "open", refuse, raising=False)
    reported = []
    with pytest.raises(new_project.CannotWrite) as caught:
        new_project.create_project(tmp_path, reported.append)
    assert str(caught.value) == f"{NOTES}: cannot write: Permission denied" and reported == []


def test_the_files_init_writes_ship_inside_the_package():
    """They are read from the installed package (cards/starter/), not from this checkout."""
    from importlib import resources

    import cards

    starter = resources.files("cards").joinpath("starter")
    names = sorted(entry.name for entry in starter.iterdir() if entry.name.endswith(".in"))
    assert names == ["cards.yml.in", "gitattributes.in", "gitignore.in", "pyproject.toml.in"]
    assert Path(str(starter)).resolve().parent == Path(cards.__file__).resolve().parent


def test_the_workflow_installs_cards_from_where_this_copy_came_from(monkeypatch):
    from importlib import metadata

    from cards import new_project

    class Installed:
        def __init__(self, direct_url):
            self.direct_url = direct_url

        def read_text(self, name):
            return json.dumps(self.direct_url) if self.direct_url is not None else None

    def installed_from(direct_url):
        monkeypatch.setattr(metadata, "distribution", lambda name: Installed(direct_url))
        return new_project._package_source()

    assert installed_from({"url": "https://github.com/someone/cards",
                           "vcs_info": {"vcs": "git", "commit_id": "abc123"}}) == \
        "cards @ git+https://github.com/someone/cards@abc123"
    assert installed_from({"url": "https://example.org/cards-0.1.0-py3-none-any.whl", "archive_info": {}}) == \
        "cards @ https://example.org/cards-0.1.0-py3-none-any.whl"
    assert installed_from({"url": "file:///home/me/cards", "dir_info": {}}) == PACKAGE_PLACEHOLDER
    assert installed_from(None) == PACKAGE_PLACEHOLDER
