"""The build, in order: load -> validate -> lint -> render -> export.

Every deck is loaded, validated and linted before anything is written, so an
error anywhere leaves ``build/`` exactly as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cards.errors import InputError, Problem
from cards.load import LoadedDeck, load_deck
from cards.model import Deck
from cards.validate import validate

DEFAULT_DECKS_GLOB = "decks/*.yaml"


def default_deck_paths(root: Path = Path(".")) -> list[Path]:
    return sorted(root.glob("decks/*.yaml")) + sorted(root.glob("decks/*.yml"))


@dataclass
class Checked:
    """Decks that loaded and validated, and every problem found on the way."""

    decks: list[tuple[LoadedDeck, Deck]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


def check(paths: list[Path], *, lint: bool = True, lint_config=None) -> Checked:
    """Load, validate and (optionally) lint every deck, collecting all problems."""
    result = Checked()
    seen_ids: dict[str, str] = {}
    for path in paths:
        try:
            loaded = load_deck(path)
        except InputError as exc:
            result.problems.extend(exc.problems)
            continue
        deck, problems = validate(loaded)
        result.problems.extend(problems)
        if deck is None:
            continue
        if deck.id in seen_ids:
            result.problems.append(
                Problem(loaded.display, deck.mark.line, deck.mark.column,
                        f"deck id {deck.id!r} is also used by {seen_ids[deck.id]}; each deck needs its own id")
            )
            continue
        seen_ids[deck.id] = loaded.display
        result.decks.append((loaded, deck))
    if lint:
        from cards.lint import lint_decks

        result.problems.extend(lint_decks([(loaded, deck) for loaded, deck in result.decks], lint_config))
    result.problems.sort()
    return result


@dataclass(frozen=True)
class BuildOptions:
    out_dir: Path = Path("build")
    lint: bool = True
    lint_config: object = None
    templates: Path | None = Path("templates")
    pdf: bool = True
    #: print options from the command line; they override each deck's ``print:`` section
    print_overrides: dict | None = None


@dataclass
class DeckOutput:
    deck_id: str
    source: str
    files: list[Path]
    cards: int
    notes: int


@dataclass
class BuildReport:
    outputs: list[DeckOutput]
    warnings: list[Problem]


def build(paths: list[Path], options: BuildOptions = BuildOptions()) -> BuildReport:
    """Build every deck in ``paths``; raise InputError (writing nothing) on any error."""
    checked = check(paths, lint=options.lint, lint_config=options.lint_config)
    if checked.errors:
        raise InputError(checked.problems)

    from cards.export.apkg import apkg_bytes
    from cards.export.files import atomic_write, remove_stale_temp_files
    from cards.render.anki import render_deck
    from cards.stamps import base_time, read_stamps, stamps_path
    from cards.templating import template_dirs

    dirs = template_dirs(options.templates)
    rendered = []
    for loaded, deck in checked.decks:
        anki_deck = render_deck(deck, dirs)
        stamps = read_stamps(options.out_dir, deck.id)
        base = base_time([_mtime(Path(p)) for p in loaded.inputs])
        rendered.append((loaded, deck, anki_deck, stamps, apkg_bytes(anki_deck, stamps, base)))

    warnings = list(checked.warnings)
    printed = _print_decks(checked.decks, dirs, options, warnings) if options.pdf else {}

    remove_stale_temp_files(options.out_dir)
    outputs = []
    for loaded, deck, anki_deck, stamps, package in rendered:
        apkg_path = options.out_dir / f"{deck.id}.apkg"
        atomic_write(apkg_path, package)
        atomic_write(stamps_path(options.out_dir, deck.id), stamps.to_json().encode())
        files = [apkg_path]
        if deck.id in printed:
            pdf_path = options.out_dir / f"{deck.id}.pdf"
            atomic_write(pdf_path, printed[deck.id])
            files.append(pdf_path)
        outputs.append(DeckOutput(deck.id, loaded.display, files, len(deck.cards), len(anki_deck.notes)))
    return BuildReport(outputs, sorted(warnings))


def _print_decks(decks, dirs, options: BuildOptions, warnings: list[Problem]) -> dict[str, bytes]:
    """Every deck's PDF, made before anything is written; overflow warnings go to ``warnings``."""
    from cards.export.pdf import pdf_bytes, source_date
    from cards.print_options import resolve
    from cards.render.print import overflow_problems, render_print

    resolved, problems = [], []
    for loaded, deck in decks:
        try:
            resolved.append((deck, resolve(deck.print_options, options.print_overrides, loaded.display)))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    timestamp = source_date()
    printed = {}
    for deck, print_options in resolved:
        document = render_print(deck, dirs, print_options, dated=timestamp is not None)
        result = pdf_bytes(document, timestamp=timestamp)
        warnings.extend(overflow_problems(deck, result.overflows, print_options))
        printed[deck.id] = result.data
    return printed


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
