"""A project's own templates come with its decks, from anyone: they may use the variables,
filters and loops they are given, but never reach Python's internals, files or the shell."""

from __future__ import annotations

import pytest

from conftest import write

ESCAPES = {
    "cycler-globals": "{{ cycler.__init__.__globals__.os.popen('id > PWNED').read() }}",
    "subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "lipsum-globals": "{{ lipsum.__globals__['os'].popen('id > PWNED').read() }}",
    "attr-filter": "{{ cycler|attr('__init__') }}",
    "format-string": "{{ '{0.__class__}'.format(cycler) }}",
}


def _assert_refused(result, project, template: str, line: int) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert f"cards: error: {template}:{line}: templates may not reach Python internals, files or the shell (" \
        in result.stderr, result.stderr
    assert not (project / "PWNED").exists()
    assert not (project / "build").exists() or not any((project / "build").rglob("*.*"))


@pytest.mark.parametrize("payload", ESCAPES.values(), ids=ESCAPES.keys())
def test_an_anki_style_template_that_reaches_python_internals_stops_the_build(small_deck, cards, payload):
    write(small_deck / "templates" / "anki" / "style.css.j2", ".card { color: red; }\n" + payload + "\n")
    result = cards("build", cwd=small_deck)
    _assert_refused(result, small_deck, "templates/anki/style.css.j2", 2)


def test_a_print_template_that_runs_a_shell_command_stops_the_build(small_deck, cards):
    write(small_deck / "templates" / "print" / "document.typ.j2",
          "// the printed cards\n\n" + ESCAPES["cycler-globals"] + "\n")
    result = cards("build", cwd=small_deck)
    _assert_refused(result, small_deck, "templates/print/document.typ.j2", 3)


def test_a_card_template_may_not_change_the_values_it_is_given(small_deck, cards):
    write(small_deck / "templates" / "anki" / "date.html.j2", '{% set seen = [] %}{{ seen.append(f("Event")) }}\n')
    result = cards("build", cwd=small_deck)
    _assert_refused(result, small_deck, "templates/anki/date.html.j2", 1)


def test_a_template_error_in_a_project_template_names_its_line_without_a_traceback(small_deck, cards):
    write(small_deck / "templates" / "anki" / "style.css.j2", ".card { color: red; }\n{{ 1 / 0 }}\n")
    result = cards("build", cwd=small_deck)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "cards: error: templates/anki/style.css.j2:2: template error: division by zero" in result.stderr


def test_variables_filters_and_loops_still_work_in_a_project_template(small_deck, cards):
    write(small_deck / "templates" / "anki" / "style.css.j2",
          "{% for size in [12, 14] %}.s{{ loop.index }} { font-size: {{ size }}px; }\n{% endfor %}"
          "/* {{ 'night'|upper }} {{ ['a', 'b']|join('-') }} {{ {'k': 1}.items()|list|length }} */\n")
    result = cards("build", "--no-pdf", cwd=small_deck)
    assert result.returncode == 0, result.stderr
    assert (small_deck / "build" / "russia-1917.apkg").exists()
