"""A new project, ready to lint and build: what ``cards init`` writes.

* ``decks/example.yaml``: an example deck holding the example card of every kind
  (:mod:`cards.kinds`: a new kind appears in it by itself), each citing its line of
  ``decks/sources/example-notes.txt``, short notes on Petrograd in 1917 made of the
  kinds' example lines. Its first line points editors at the schema.
* ``.cards/deck.schema.json``: the JSON Schema of deck files (:mod:`cards.schema`).
* a ``.gitattributes`` that merges the decks' lock files line by line;
* ``pyproject.toml`` with a ``[tool.cards.lint]`` section, a ``.gitignore`` for
  ``build/``, and ``.github/workflows/cards.yml``, a CI workflow that lints and builds.
  These three ship in the package, in ``cards/starter/``.

Nothing is ever overwritten: a file that exists is left as it is and reported as
skipped, with what to do by hand if anything. Each file is created only if absent
(``open(..., "x")``), so a file that appears meanwhile is not overwritten either.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Callable

from cards.errors import CardsError

DECK = "decks/example.yaml"
NOTES = "decks/sources/example-notes.txt"
NOTES_FROM_DECK = "sources/example-notes.txt"
WORKFLOW = ".github/workflows/cards.yml"
#: What the workflow installs when it cannot tell where this copy of cards came from.
PACKAGE_PLACEHOLDER = "cards @ git+https://github.com/OWNER/cards"

#: Words left out of a card's id, which is made from the words of its question.
_SMALL_WORDS = frozenset("a an and are as at by for from in into is it of on or out the to was were where with "
                         "you now".split())


@dataclass(frozen=True)
class Outcome:
    """What happened to one file: written, or skipped (``note`` says why, and what to do)."""

    path: str
    written: bool
    note: str = ""

    def __str__(self) -> str:
        if self.written:
            return f"created {self.path}" + (f" ({self.note})" if self.note else "")
        return f"skipped {self.path}: {self.note}"


class CannotWrite(CardsError):
    """A file of the new project could not be written."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: cannot write: {reason}")


def create_project(folder: Path, report: Callable[[Outcome], None] = lambda outcome: None) -> list[Outcome]:
    """Write a new project into ``folder`` (made if missing), skipping every file that
    exists; ``report`` hears of each file as it is done. Raises :class:`CannotWrite`."""
    from cards.schema import PROJECT_COPY, schema_text

    folder = Path(folder)
    outcomes: list[Outcome] = []

    def done(outcome: Outcome) -> None:
        outcomes.append(outcome)
        report(outcome)

    _make_folder(folder, ".")
    _example(folder, done)
    schema = _write(folder, PROJECT_COPY, schema_text())
    if not schema.written and _differs(folder / PROJECT_COPY, schema_text()):
        schema = Outcome(schema.path, False, f"{schema.note}, from an older cards; refresh it with "
                                             f"cards schema -o {PROJECT_COPY}")
    done(schema)
    pyproject = _write(folder, "pyproject.toml", _starter("pyproject.toml.in"))
    if not pyproject.written and not _has_lint_section(folder / "pyproject.toml"):
        pyproject = Outcome(pyproject.path, False, f"{pyproject.note}; add a [tool.cards.lint] section to it to "
                                                   "configure the linter (see the README)")
    done(pyproject)
    ignore = _write(folder, ".gitignore", _starter("gitignore.in"))
    if not ignore.written and not _ignores_build(folder / ".gitignore"):
        ignore = Outcome(ignore.path, False, f"{ignore.note}; add the line build/ to it")
    done(ignore)
    done(_write(folder, ".gitattributes", _starter("gitattributes.in")))
    package = _package_source()
    workflow = _write(folder, WORKFLOW, _starter("cards.yml.in").replace("@CARDS_PACKAGE@", package))
    if workflow.written and package == PACKAGE_PLACEHOLDER:
        workflow = Outcome(workflow.path, True, "edit its install step to say where CI gets cards from")
    done(workflow)
    return outcomes


# --- the example deck -------------------------------------------------------------------------


def example_notes() -> tuple[str, dict[str, int]]:
    """The example notes, and the line of each kind's example in them."""
    from cards.kinds import KINDS

    lines = ["Petrograd, 1917: example notes for cards (one fact a line; cards cite lines by number)",
             "Dates are Old Style (the Julian calendar), as in Russia until February 1918.",
             ""]
    where = {}
    for name, kind in KINDS.items():
        lines.append(kind.example.text)
        where[name] = len(lines)
    return "\n".join(lines) + "\n", where


def example_deck(lines: dict[str, int]) -> str:
    """The example deck: the example card of each kind, citing its line of the notes."""
    from cards.kinds import KINDS
    from cards.schema import MODELINE
    from cards.validate import COMMON_CARD_OPTIONS, DECK_OPTIONS

    explained: set[str] = set()  # each doc is shown once, at its first field

    def field(key: str, value, doc: str = "", indent: str = "") -> str:
        """The line ``key: value``, with ``doc`` as a comment after it, or above it if the
        line would be long."""
        line = f"{indent}{key}: {_yaml_value(value)}"
        if not doc or doc in explained:
            return line
        explained.add(doc)
        if len(line) < 38:
            return f"{line:<38} # {doc}"
        if len(line) + len(doc) <= 96:
            return f"{line}  # {doc}"
        return f"{indent}# {doc}\n{line}"

    out = [
        MODELINE,
        "# An example deck: one card of each kind, each citing the line of its notes that",
        "# supports it. Check it with `cards lint`, build it with `cards build`, then make",
        "# it your own (the first line lets editors complete and check its fields).",
        field("deck", "Example::Russia 1917", DECK_OPTIONS["deck"].doc),
        field("id", "example", "never change it once students have the deck"),
        field("description", "One card of each kind, to copy from"),
        field("tags", ["example"], DECK_OPTIONS["tags"].doc),
        "sources:",
        "  notes:",
        field("path", NOTES_FROM_DECK, indent="    "),
        field("title", "Petrograd, 1917 (example notes)", indent="    "),
        field("calendar", "julian", "the calendar the notes' dates are in", indent="    "),
        "cards:",
    ]
    used: set[str] = set()
    for name, kind in KINDS.items():
        example = kind.example
        card_id = _card_id(str(example.card.get(kind.facts.question, name)), used)
        out.append(f"  # {name}: {kind.doc}")
        out.append(f"  - {field('id', card_id)}")
        out.append(field("kind", name, indent="    "))
        for spec in kind.fields:
            if spec.name in example.card:
                out.append(field(spec.name, example.card[spec.name], spec.doc, indent="    "))
        out.append(field("source", f"notes:{lines[name]}", COMMON_CARD_OPTIONS["source"].doc, indent="    "))
    return "\n".join(out) + "\n"


def _example(folder: Path, done: Callable[[Outcome], None]) -> None:
    """The example deck and its notes, written together or not at all (a deck citing
    someone else's notes by line would not lint)."""
    deck, notes = folder / DECK, folder / NOTES
    others = sorted(p.name for p in (folder / "decks").glob("*.yaml") if p.name != Path(DECK).name) \
        if (folder / "decks").is_dir() else []
    why = ""
    if deck.exists() or deck.is_symlink():
        why = "it exists"
    elif notes.exists() or notes.is_symlink():
        why = f"{NOTES} exists, and the example deck cites its notes by line"
    elif others:
        from cards.schema import MODELINE

        why = (f"decks/ already holds decks ({', '.join(others[:3])}{', ...' if len(others) > 3 else ''}); "
               f"to have editors check them, put this line first in each: {MODELINE}")
    if why:
        done(Outcome(DECK, False, why))
        return
    text, lines = example_notes()
    done(_write(folder, NOTES, text))
    done(_write(folder, DECK, example_deck(lines)))


def _card_id(question: str, used: set[str]) -> str:
    words = [w for w in re.findall(r"[a-z0-9]+", question.lower()) if w not in _SMALL_WORDS]
    base = "-".join(words[:3]) or "card"
    card_id, n = base, 1
    while card_id in used:
        n += 1
        card_id = f"{base}-{n}"
    used.add(card_id)
    return card_id


def _yaml_value(value, in_list: bool = False) -> str:
    """``value`` as YAML that reads back as the same value: a text, a number, true or false,
    or a list of them."""
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_yaml_value(v, in_list=True) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    if _plain_is_safe(text, in_list):
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


def _plain_is_safe(text: str, in_list: bool) -> bool:
    """Whether ``text`` may be written as it is (after ``key: `` or in a ``[...]`` list)."""
    import yaml

    if not text or text != text.strip() or re.search(r": |:$| #|^[-?:,\[\]{}#&*!|>'\"%@`]", text):
        return False
    if in_list and re.search(r"[,\[\]{}]", text):
        return False
    try:
        return yaml.safe_load(text) == text
    except yaml.YAMLError:
        return False


# --- files ----------------------------------------------------------------------------------


def _starter(name: str) -> str:
    return resources.files("cards").joinpath("starter", name).read_text(encoding="utf-8")


def _make_folder(root: Path, relative: str) -> None:
    """Make the folder ``relative`` (to the project folder ``root``; "." for itself)."""
    folder = root / relative
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        # a file where a folder should be: name it as the user would
        blocking = next((p for p in [*reversed(folder.parents), folder] if p.exists() and not p.is_dir()), folder)
        try:
            shown = blocking.relative_to(root).as_posix()
        except ValueError:
            shown = str(blocking)
        raise CannotWrite(shown if shown != "." else str(root), "a file is in the way of the folder") from None
    except OSError as exc:
        raise CannotWrite(relative if relative != "." else str(root), exc.strerror or str(exc)) from None


def _write(folder: Path, relative: str, text: str) -> Outcome:
    path = folder / relative
    if path.exists() or path.is_symlink():
        return Outcome(relative, False, "it exists")
    _make_folder(folder, Path(relative).parent.as_posix())
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as file:
            file.write(text)
    except FileExistsError:
        return Outcome(relative, False, "it exists")
    except OSError as exc:
        raise CannotWrite(relative, exc.strerror or str(exc)) from None
    return Outcome(relative, True)


def _has_lint_section(path: Path) -> bool:
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    tool = data.get("tool")
    return isinstance(tool, dict) and isinstance(tool.get("cards"), dict) and "lint" in tool["cards"]


def _differs(path: Path, text: str) -> bool:
    try:
        return path.read_text(encoding="utf-8") != text
    except (OSError, UnicodeDecodeError):
        return True


def _ignores_build(path: Path) -> bool:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return False
    return any(line.strip() in ("build", "build/", "/build", "/build/") for line in lines)


def _package_source() -> str:
    """Where CI can install this copy of cards from: the git URL and commit, or the file
    URL, it was installed from (PEP 610's direct_url.json); else a placeholder."""
    from importlib import metadata

    try:
        raw = metadata.distribution("cards").read_text("direct_url.json")
        info = json.loads(raw) if raw else {}
    except (metadata.PackageNotFoundError, ValueError, OSError):
        return PACKAGE_PLACEHOLDER
    url = info.get("url", "")
    vcs = info.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("vcs") == "git" and url.startswith("https://"):
        commit = vcs.get("commit_id") or vcs.get("requested_revision")
        return f"cards @ git+{url}" + (f"@{commit}" if commit else "")
    if "archive_info" in info and url.startswith("https://"):
        return f"cards @ {url}"
    return PACKAGE_PLACEHOLDER
