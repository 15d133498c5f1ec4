"""The Jinja environment shared by the Anki and print renderers.

Templates are looked up first in the project's own ``templates/`` folder (so a
project can override any single file) and then in the defaults that ship with
the package. ``StrictUndefined`` turns a misspelt variable into an error instead
of silently printing nothing on thousands of cards.

A project's templates come with its decks, from anyone, so they run in Jinja's
immutable sandbox: variables, filters, tests, loops and includes work as usual,
but an attribute that starts with ``_`` (the way into Python's internals, its
modules, files and the shell), a method that changes a list or dict, or any
other unsafe call stops the build with an error naming the template and line.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from cards.errors import TemplateError

if TYPE_CHECKING:
    import jinja2


def default_templates_dir() -> Path:
    """The templates shipped with the package.

    An installed wheel carries them as ``cards/templates``; a source checkout
    run without installing (``PYTHONPATH=src``) finds the repository's
    ``templates/`` two levels up.
    """
    here = Path(__file__).resolve().parent
    packaged = here / "templates"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "templates"


def template_dirs(override: Path | None) -> tuple[Path, ...]:
    dirs = []
    if override is not None and override.is_dir():
        dirs.append(override.resolve())
    default = default_templates_dir()
    if default not in dirs:
        dirs.append(default)
    return tuple(dirs)


@lru_cache(maxsize=8)
def environment(dirs: tuple[Path, ...], autoescape: bool) -> jinja2.Environment:
    # Imported here: a rebuild that finds every deck unchanged renders nothing.
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    return ImmutableSandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(d) for d in dirs]),
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(dirs: tuple[Path, ...], name: str, *, autoescape: bool = False, **context) -> str:
    import jinja2
    from jinja2.sandbox import SecurityError

    try:
        return environment(dirs, autoescape).get_template(name).render(**context)
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template {exc.name!r} not found in {', '.join(map(str, dirs))}") from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{exc.filename or name}:{exc.lineno}: template syntax error: {exc.message}") from None
    except jinja2.UndefinedError as exc:
        raise TemplateError(f"template {name!r}: {exc.message}") from None
    except SecurityError as exc:
        detail = str(exc).rstrip(".")
        raise TemplateError(f"{_where(exc, dirs) or f'template {name!r}'}: templates may not reach "
                            f"Python internals, files or the shell ({detail})") from None
    except (jinja2.TemplateError, ArithmeticError, LookupError, TypeError, ValueError) as exc:
        where = _where(exc, dirs)
        if where is None:  # not raised by a line of a template
            raise
        raise TemplateError(f"{where}: template error: {exc}") from None


def _where(exc: BaseException, dirs: tuple[Path, ...]) -> str | None:
    """``path:line`` of the template line that raised ``exc`` (Jinja puts template lines in the
    traceback), the path relative to the current folder when inside it; None if no line did."""
    import traceback

    roots = tuple(os.path.join(d, "") for d in dirs)
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.startswith(roots):
            path = Path(frame.filename)
            try:
                path = path.relative_to(Path.cwd())
            except ValueError:
                pass
            return f"{path}:{frame.lineno}"
    return None


def template_files(dirs: tuple[Path, ...], subdir: str):
    """``(name, path)`` of every template file under ``subdir`` that the lookup can see:
    a project's file hides the shipped one of the same name."""
    seen = set()
    for base in dirs:
        folder = base / subdir
        if not folder.is_dir():
            continue
        for file in sorted(folder.rglob("*")):
            rel = file.relative_to(base).as_posix()
            if file.is_file() and rel not in seen:
                seen.add(rel)
                yield rel, file


def templates_digest(dirs: tuple[Path, ...], subdir: str) -> str:
    """A hash of every template file under ``subdir`` that the lookup can see."""
    digest = hashlib.sha256()
    for rel, file in template_files(dirs, subdir):
        digest.update(rel.encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


def templates_mtimes(dirs: tuple[Path, ...], subdir: str) -> list[float]:
    """Modification times of the template files under ``subdir`` that the lookup can see."""
    return [file.stat().st_mtime for _, file in template_files(dirs, subdir)]
