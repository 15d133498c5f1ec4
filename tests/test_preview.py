"""`cards preview`: one page per deck showing every card as Anki will, checked in a real browser.

The browser tests run Debian's Chromium headless (tests/browser.py); they skip, saying
why, where no Chromium is installed, unless CARDS_REQUIRE_BROWSER=1 (set by .ci/run
once it has installed Chromium), where they fail instead.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from browser import Chromium, find_chromium
from conftest import REPO, cards_env, run_cards, write

HOSTILE = """\
  - id: hostile
    kind: place
    name: "<img src=x onerror=\\"parent.pwned=1;document.title='pwned'\\">Smolny"
    significance: "<script>parent.pwned=2</script> {{Tags}} [sound:x.mp3] <b onmouseover=alert(1)>**bold**</b>"
    source: notes:2
"""


@pytest.fixture
def hostile_deck(small_deck: Path) -> Path:
    """The small deck (one card of each kind) and a hostile place card, whose name is not in
    the cited line (two lint errors)."""
    deck = small_deck / "decks" / "russia.yaml"
    deck.write_text(deck.read_text() + HOSTILE)
    return small_deck


def _browser():
    executable = find_chromium()
    if executable is None:
        if os.environ.get("CARDS_REQUIRE_BROWSER") == "1":
            pytest.fail("CARDS_REQUIRE_BROWSER=1 but no Chromium was found")
        pytest.skip("no Chromium found to check the preview in: install Debian's chromium "
                    "(apt-get install chromium; .ci/run does) or name one in CARDS_CHROMIUM")
    return Chromium(executable)


@pytest.fixture
def browser():
    chromium = _browser()
    yield chromium
    chromium.close()


# --- the page, without a browser -------------------------------------------------------------------------


def test_a_page_per_deck_with_every_card(hostile_deck):
    result = run_cards("preview", cwd=hostile_deck)
    assert result.returncode == 0, result.stderr  # lint errors are shown, not fatal
    page = hostile_deck / "build" / "russia-1917.html"
    assert result.stdout == f"decks/russia.yaml: 5 notes, 10 cards, 2 errors, 0 warnings -> build/russia-1917.html\n"
    text = page.read_text(encoding="utf-8")
    assert text.count('<article class="note') == 5
    assert text.count('<section class="direction"') == 10
    assert text.count('class="side-holder"') == 20
    # card text reaches the page only escaped twice (field HTML, inside an attribute): no markup
    assert "<img" not in text and "<b onmouseover" not in text
    assert text.count("<script") == 1
    # self-contained: nothing is fetched
    assert "http://" not in text and "https://" not in text and "<link" not in text


def test_out_folder_and_decks_that_do_not_validate(hostile_deck):
    """Cards that do not validate are left out, their errors printed and listed at the top of
    the page; a deck that does not load gets no page. Either makes the exit status 1."""
    write(hostile_deck / "decks" / "some-bad.yaml", """\
        deck: Some bad
        sources: {notes: sources/notes.txt}
        cards:
          - {id: a, kind: persn, source: notes:1}
          - {id: b, kind: term, term: Soviet, definition: A council, source: notes:3}
        """)
    write(hostile_deck / "decks" / "unreadable.yaml", "deck: [unclosed\n")
    result = run_cards("preview", "decks/russia.yaml", "decks/some-bad.yaml", "decks/unreadable.yaml",
                       "--out", "site", cwd=hostile_deck)
    assert result.returncode == 1
    assert "decks/some-bad.yaml:4:" in result.stderr and "unknown kind 'persn'" in result.stderr
    assert "decks/unreadable.yaml:" in result.stderr
    assert result.stderr.rstrip().endswith("cards: 2 error(s): cards with errors are left out of the preview; "
                                           "1 deck(s) not previewed")
    assert "L601" not in result.stderr  # lint problems are on the page only
    assert sorted(p.name for p in (hostile_deck / "site").iterdir()) == ["russia-1917.html", "some-bad.html"]
    page = (hostile_deck / "site" / "some-bad.html").read_text()
    assert page.count('<article class="note') == 1 and "unknown kind &#x27;persn&#x27;" in page
    assert not (hostile_deck / "build").exists()


def test_open_shows_each_page_in_the_browser(small_deck, tmp_path):
    opened = tmp_path / "opened.txt"
    script = write(tmp_path / "fake-browser.sh", f"#!/bin/sh\necho \"$1\" >> {opened}\n")
    script.chmod(0o755)
    result = run_cards("preview", "--open", cwd=small_deck, env=cards_env(BROWSER=f"{script} %s"))
    assert result.returncode == 0, result.stderr
    for _ in range(50):
        if opened.exists():
            break
        time.sleep(0.1)
    assert opened.read_text().split() == [(small_deck / "build" / "russia-1917.html").resolve().as_uri()]


def test_watch_writes_the_page_again_when_a_source_changes_and_stops_on_ctrl_c(small_deck):
    page = small_deck / "build" / "russia-1917.html"
    process = subprocess.Popen([sys.executable, "-m", "cards", "preview", "--watch"], cwd=small_deck,
                               env=cards_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not page.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert page.exists(), "no page written"
        assert "0 lint errors" in page.read_text() or 'data-errors="0"' in page.read_text()
        # the cited line of the Winter Palace card now says another day
        notes = small_deck / "decks" / "sources" / "notes.txt"
        notes.write_text(notes.read_text().replace("25 October 1917", "24 October 1917"))
        while 'data-errors="0"' in page.read_text() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert 'data-errors="1"' in page.read_text()
        assert "D101" in page.read_text()
        # and a change to the deck itself
        deck = small_deck / "decks" / "russia.yaml"
        deck.write_text(deck.read_text().replace("Leon Trotsky\n    aliases", "Lev Trotsky\n    aliases", 1))
        while "Lev Trotsky" not in page.read_text() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert "Lev Trotsky" in page.read_text()
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    assert process.returncode == 130, err
    assert err.rstrip().endswith("cards: interrupted") and "Traceback" not in err
    assert out.count("-> build/russia-1917.html") >= 3
    assert [p.name for p in page.parent.iterdir()] == ["russia-1917.html"]  # no temporary files left


# --- in a real browser -------------------------------------------------------------------------------------

SHOW_ALL = """(async () => {
  for (let y = 0; y <= document.body.scrollHeight; y += 600) { window.scrollTo(0, y);
    await new Promise(r => requestAnimationFrame(() => setTimeout(r, 10))); }
  window.scrollTo(0, 0);
  return document.querySelectorAll('iframe.side').length;
})()"""

ALL_LOADED = """Array.from(document.querySelectorAll('iframe.side')).every(
  f => f.contentDocument && f.contentDocument.body && f.contentDocument.body.classList.contains('card'))"""


def _frames_of(card_id: str) -> str:
    return f"Array.from(document.querySelectorAll('#card-{card_id} iframe.side'))"


def test_page_in_a_real_browser(hostile_deck, browser, tmp_path):
    assert run_cards("preview", cwd=hostile_deck).returncode == 0
    page = hostile_deck / "build" / "russia-1917.html"
    browser.open(page.as_uri())
    assert browser.wait_for("document.body.dataset.ready === 'true'")
    assert browser.evaluate("document.querySelectorAll('article.note').length") == 5
    assert browser.evaluate("document.querySelectorAll('section.direction').length") == 10
    assert browser.evaluate(SHOW_ALL) == 20
    browser.wait_for(ALL_LOADED)
    browser.screenshot(tmp_path / "preview.png")

    # Anki's card document: body.card.cardN, the card's own HTML in #qa
    bodies = browser.evaluate(f"{_frames_of('trotsky')}.map(f => f.contentDocument.body.className)")
    assert bodies == ["card card1", "card card1", "card card2", "card card2"]
    texts = browser.evaluate(f"{_frames_of('trotsky')}.map(f => f.contentDocument.body.innerText)")
    assert "Leon Trotsky" in texts[0] and "Chaired the Petrograd Soviet" not in texts[0]
    assert "Chaired the Petrograd Soviet from September 1917" in texts[1]
    assert "also known as Trotsky" in texts[3]
    assert "Petrograd 1917 notes, line 2" in texts[1]

    # the hostile card: its markup is text, nothing ran
    hostile = browser.evaluate(f"""{_frames_of('hostile')}.map(f => ({{
        elements: f.contentDocument.querySelectorAll('img, script, b[onmouseover], audio').length,
        text: f.contentDocument.body.textContent }}))""")
    assert len(hostile) == 4
    assert all(side["elements"] == 0 for side in hostile)
    assert '<img src=x onerror="parent.pwned=1;document.title=\'pwned\'">Smolny' in hostile[0]["text"]
    assert "<script>parent.pwned=2</script> {{Tags}} [sound:x.mp3]" in hostile[1]["text"]
    assert browser.evaluate("typeof window.pwned") == "undefined"
    assert browser.evaluate("document.title") == "History::Russia::1917 \u00b7 cards preview"
    # ... and its lint problems are beside it
    problems = browser.evaluate("Array.from(document.querySelectorAll('#card-hostile aside li.error .code'))"
                                ".map(e => e.textContent)")
    assert problems == ["L601 place-name-missing", "L602 significance-unsupported"]
    assert browser.evaluate("document.querySelectorAll('aside').length") == 1

    # night mode: Anki's classes on each card's body, and the note type's night colours
    browser.click("#switch-night")
    classes = browser.evaluate(f"{_frames_of('mrc')}.map(f => f.contentDocument.body.className)")
    assert all("nightMode" in c.split() and "night_mode" in c.split() for c in classes)
    assert browser.evaluate(f"getComputedStyle({_frames_of('mrc')}[0].contentDocument.body).backgroundColor") \
        == "rgb(30, 30, 30)"
    assert browser.evaluate("location.hash") == "#night"

    # phone width: the frames are as wide as a phone, and the note type's narrow-screen rules apply
    desktop = browser.evaluate(f"getComputedStyle({_frames_of('mrc')}[0].contentDocument.body).fontSize")
    browser.click("#switch-phone")
    assert browser.evaluate(f"{_frames_of('mrc')}[0].contentWindow.innerWidth") == 390
    assert desktop == "22px"
    assert browser.evaluate(f"getComputedStyle({_frames_of('mrc')}[0].contentDocument.body).fontSize") == "19px"
    browser.screenshot(tmp_path / "preview-night-phone.png")

    # only the cards with problems
    browser.click("#switch-problems")
    shown = browser.evaluate("Array.from(document.querySelectorAll('article.note'))"
                             ".filter(a => a.offsetParent !== null).map(a => a.dataset.cardId)")
    assert shown == ["hostile"]
    assert browser.console_errors() == []


def test_example_decks_in_a_real_browser(tmp_path, browser):
    import shutil

    shutil.copytree(REPO / "decks", tmp_path / "decks")
    result = run_cards("preview", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    from cards.build import check, default_deck_paths

    checked = check(default_deck_paths(REPO), lint=False)
    assert checked.decks
    for _, deck in checked.decks:
        browser.open((tmp_path / "build" / f"{deck.id}.html").as_uri())
        assert browser.wait_for("document.body.dataset.ready === 'true'")
        assert browser.evaluate("document.querySelectorAll('article.note').length") == len(deck.cards)
        # two directions a note (one with reverse: false), or one card per group of blanks for a cloze
        shown = sum(len(c.cloze.groups) if c.kind == "cloze" else 2 if c.reverse else 1 for c in deck.cards)
        assert browser.evaluate("document.querySelectorAll('section.direction').length") == shown
        assert browser.evaluate("Number(document.body.dataset.errors)") == 0
        # the frames near the window are made at once, the rest as the page scrolls
        browser.wait_for("document.querySelectorAll('.side-holder.shown').length >= 4")
    assert browser.console_errors() == []
