"""Output formats for lint problems, apart from the rules: text, json and github."""

from __future__ import annotations

import json

from cards.errors import Problem


def as_text(problems: list[Problem]) -> str:
    """``path:line:col: CODE name: message``, one a line."""
    return "\n".join(str(p) for p in problems)


def as_json(problems: list[Problem]) -> str:
    """A JSON list of {path, line, column, code, name, severity, message, card, suggestion}.

    ``suggestion`` is the citation that would fit a failing card (``notes:14-15``), or null."""
    return json.dumps(
        [
            {
                "path": p.path,
                "line": p.line,
                "column": p.column,
                "code": p.code,
                "name": p.name,
                "severity": p.severity.value,
                "message": p.message,
                "card": p.card,
                "suggestion": None if p.suggestion is None else str(p.suggestion),
            }
            for p in problems
        ],
        indent=2,
        ensure_ascii=False,
    )


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(problems: list[Problem]) -> str:
    """GitHub Actions workflow commands: ``::error file=F,line=L,col=C,title=CODE name::message``."""
    out = []
    for p in problems:
        kind = "error" if p.is_error else "warning"
        props = [f"file={_escape_property(p.path)}"]
        if p.line > 0:
            props += [f"line={p.line}", f"col={max(p.column, 1)}"]
        title = f"{p.code} {p.name}" if p.code else "cards"
        props.append(f"title={_escape_property(title)}")
        out.append(f"::{kind} {','.join(props)}::{_escape_data(p.message)}")
    return "\n".join(out)


FORMATS = {"text": as_text, "json": as_json, "github": as_github}
