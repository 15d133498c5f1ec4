"""A deck's cards on one self-contained HTML page, as Anki will show them.

Each card is rendered from the note types and field HTML the Anki export writes
(:func:`cards.render.anki.render_deck`), with Anki's template syntax filled in by
:mod:`cards.anki_template`. Each side of each card is its own document, the way
Anki shows it (``<body class="card cardN">``, the note type's CSS), in a
sandboxed frame: the note type's CSS cannot touch the page, its width-dependent
rules see the frame's width (so the phone-width switch shows what a phone
shows), and nothing in a card runs a script. The page's own script only sizes the
frames and works the switches (night mode puts Anki's ``nightMode night_mode``
classes on each card's body); a Content-Security-Policy allows no other script.
Lint problems are listed beside the card they are about.
"""

from __future__ import annotations

import base64
import hashlib
import html
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from cards.anki_template import CardContext, cloze_ordinals, render_card
from cards.errors import Problem

#: The width of a phone's screen, in CSS pixels (an iPhone 12 to 15).
PHONE_WIDTH = 390


@dataclass
class Page:
    """One deck's preview page."""

    deck_path: str
    deck_id: str
    path: Path
    html: str
    notes: int
    cards: int
    errors: int
    warnings: int


def page_path(out_dir: Path, deck_id: str) -> Path:
    return Path(out_dir) / f"{deck_id}.html"


def _e(text: str) -> str:
    return html.escape(str(text), quote=True)


def _side_document(body: str, css: str, ordinal: int) -> str:
    """One side of a card as Anki shows it: its own document, the card's body classes."""
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
            f"<style>html,body{{margin:0}} #qa{{padding:20px 0}}\n{css}</style></head>"
            f"<body class=\"card card{ordinal}\"><div id=\"qa\">{body}</div></body></html>")


_PAGE_CSS = """
:root { color-scheme: light; --bg: #eef0f3; --fg: #1d1d1f; --panel: #fff; --muted: #666; --line: #d5d8dd;
        --error: #b00020; --warning: #8a5a00; }
body.nightMode { color-scheme: dark; --bg: #121212; --fg: #e8e6e3; --panel: #1b1b1b; --muted: #a0a0a0;
                 --line: #333; --error: #ff8a80; --warning: #ffd180; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: var(--bg); color: var(--fg); }
header.top { position: sticky; top: 0; z-index: 2; background: var(--panel); border-bottom: 1px solid var(--line);
             padding: 10px 20px; display: flex; flex-wrap: wrap; gap: 8px 24px; align-items: center; }
header.top h1 { font-size: 18px; margin: 0; }
header.top .meta { color: var(--muted); font-size: 13px; }
header.top .switches { margin-left: auto; display: flex; gap: 16px; flex-wrap: wrap; }
header.top label { cursor: pointer; user-select: none; }
main { padding: 16px 20px 40px; display: grid; gap: 16px; }
.description { color: var(--muted); margin: 0 20px; padding-top: 12px; }
.deck-problems { margin: 12px 20px 0; background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 8px 16px; }
article.note { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px;
               display: grid; grid-template-columns: minmax(0, 1fr); grid-template-areas: "head" "problems" "directions";
               gap: 8px 18px; }
@media (min-width: 1700px) {
  article.note { grid-template-columns: minmax(0, 1fr) 340px; grid-template-areas: "head head" "directions problems"; }
}
article.note.has-errors { border-left: 5px solid var(--error); }
article.note.has-warnings:not(.has-errors) { border-left: 5px solid var(--warning); }
article.note > h2 { grid-area: head; margin: 0; font-size: 14px; font-weight: 600; }
article.note > h2 .kind, article.note > h2 .tags { color: var(--muted); font-weight: normal; }
article.note > h2 code { font-size: 13px; }
article.note > aside { grid-area: problems; }
.directions { grid-area: directions; display: grid; gap: 12px; }
.direction h3 { margin: 0 0 4px; font-size: 13px; font-weight: 600; color: var(--muted); }
.sides { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 500px), 1fr)); gap: 10px; }
body.phone .sides { grid-template-columns: repeat(auto-fill, PHONEpx); }
figure.side-box { margin: 0; }
.side-label { font-size: 11px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); }
.side-holder { min-height: 8em; border: 1px dashed var(--line); border-radius: 6px; }
.side-holder.shown { min-height: 0; border: none; }
iframe.side { display: block; width: 100%; height: 8em; border: 1px solid var(--line); border-radius: 6px; background: #fdfdfb; }
body.nightMode iframe.side { background: #1e1e1e; }
noscript p { margin: 12px 20px; color: var(--error); }
.problems { margin: 0; padding: 0; list-style: none; font-size: 13px; }
.problems li { margin: 0 0 8px; padding-left: 8px; border-left: 3px solid var(--line); overflow-wrap: anywhere; }
.problems li.error { border-left-color: var(--error); }
.problems li.warning { border-left-color: var(--warning); }
.problems .code { font-weight: 600; }
.problems li.error .code { color: var(--error); }
.problems li.warning .code { color: var(--warning); }
.problems .where { color: var(--muted); font-size: 12px; }
.no-problems { color: var(--muted); font-size: 13px; }
body.only-problems article.note:not(.has-errors):not(.has-warnings) { display: none; }
""".replace("PHONE", str(PHONE_WIDTH + 2))

_PAGE_SCRIPT = """
(function () {
  "use strict";
  var body = document.body;
  function fit(frame) {
    var doc = frame.contentDocument;
    if (!doc || !doc.body) { return; }
    var night = body.classList.contains("nightMode");
    doc.body.classList.toggle("nightMode", night);
    doc.body.classList.toggle("night_mode", night);
    var root = doc.documentElement;
    frame.style.height = "0px";
    // room for a horizontal scroll bar when a long word does not fit, as it would not on the device
    var bar = root.scrollWidth > root.clientWidth ? 20 : 0;
    frame.style.height = Math.max(root.scrollHeight, 40) + bar + 2 + "px";
  }
  function fitAll() { Array.prototype.forEach.call(document.querySelectorAll("iframe.side"), fit); }
  // A frame costs the browser some milliseconds to make: each side gets its frame when it
  // comes near the window, so that a deck of a thousand cards opens as fast as one of ten.
  function show(holder) {
    var frame = document.createElement("iframe");
    frame.className = "side";
    frame.setAttribute("sandbox", "allow-same-origin");
    frame.title = holder.getAttribute("data-title");
    frame.addEventListener("load", function () { fit(frame); holder.classList.add("shown"); });
    frame.srcdoc = holder.getAttribute("data-doc");
    holder.appendChild(frame);
  }
  var holders = document.querySelectorAll(".side-holder");
  if ("IntersectionObserver" in window) {
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { observer.unobserve(entry.target); show(entry.target); }
      });
    }, { rootMargin: "1500px 0px" });
    Array.prototype.forEach.call(holders, function (holder) { observer.observe(holder); });
  } else {
    Array.prototype.forEach.call(holders, show);
  }
  var switches = { night: "nightMode", phone: "phone", problems: "only-problems" };
  function apply() {
    var wanted = location.hash.replace("#", "").split(",");
    Object.keys(switches).forEach(function (name) {
      var on = wanted.indexOf(name) >= 0;
      body.classList.toggle(switches[name], on);
      document.getElementById("switch-" + name).checked = on;
    });
    fitAll();
  }
  Object.keys(switches).forEach(function (name) {
    document.getElementById("switch-" + name).addEventListener("change", function () {
      var on = Object.keys(switches).filter(function (n) {
        return document.getElementById("switch-" + n).checked;
      });
      history.replaceState(null, "", on.length ? "#" + on.join(",") : location.pathname + location.search);
      apply();
    });
  });
  window.addEventListener("hashchange", apply);
  window.addEventListener("resize", fitAll);
  apply();
  body.setAttribute("data-ready", "true");
})();
"""

_SCRIPT_HASH = base64.b64encode(hashlib.sha256(_PAGE_SCRIPT.encode("utf-8")).digest()).decode("ascii")
#: Only the page's own script runs; styles are inline; a card may show pictures from data: URLs.
CONTENT_SECURITY_POLICY = (f"default-src 'none'; script-src 'sha256-{_SCRIPT_HASH}'; style-src 'unsafe-inline'; "
                           "img-src data:; font-src data:; base-uri 'none'; form-action 'none'")


def _problem_item(problem: Problem) -> str:
    severity = "error" if problem.is_error else "warning"
    code = f"{problem.code} {problem.name}" if problem.code else severity
    return (f'<li class="{severity}"><span class="code">{_e(code)}</span> {_e(problem.message)}'
            f' <span class="where">{_e(problem.location())}</span></li>')


def card_sides(note_type, note, deck_name: str) -> list[tuple[str, str, str]]:
    """(card name, question HTML, answer HTML) of each card of ``note`` (a rendered note of
    ``note_type``), as Anki shows them once the package is imported."""
    fields = dict(zip(note_type.fields, note.fields))
    # Anki keeps a note's tags sorted, without regard to case.
    tags = tuple(sorted(note.tags, key=str.casefold))
    sides = []
    for name, front, back in note_type.templates:
        # A cloze note type's one template makes a card per cloze number its fields use.
        ordinals = sorted({n for value in fields.values() for n in cloze_ordinals(value)}) \
            if getattr(note_type, "is_cloze", False) else [0]
        for ordinal in ordinals:
            context = CardContext(tags=tags, deck=deck_name, card=name, note_type=note_type.name, ordinal=ordinal)
            sides.append((name, *render_card(front, back, fields, context)))
    return sides


_MEDIA_TYPES = {"png": "image/png", "jpg": "image/jpeg", "webp": "image/webp", "svg": "image/svg+xml"}


def _inline_media(side: str, media: dict[str, str]) -> str:
    """A card side with its images as data: URIs, as the page's policy allows no other."""
    for name, uri in media.items():
        side = side.replace(f'src="{name}"', f'src="{uri}"')
    return side


def render_page(deck, anki_deck, problems: list[Problem]) -> str:
    """The preview page of ``deck``, given its rendered Anki deck and its problems."""
    media = {name: f"data:{_MEDIA_TYPES[name.rsplit('.', 1)[-1]]};base64,{base64.b64encode(data).decode('ascii')}"
             for name, data in getattr(anki_deck, "media", ())}
    note_types = {nt.id: nt for nt in anki_deck.note_types}
    by_card: dict[str, list[Problem]] = {}
    loose: list[Problem] = []
    card_ids = {card.id for card in deck.cards}
    for problem in problems:
        if problem.card in card_ids:
            by_card.setdefault(problem.card, []).append(problem)
        else:
            loose.append(problem)
    # a card with reverse: false is said to be one way: its note has no reverse card
    kinds = {card.id: card.kind if getattr(card, "reverse", True) else f"{card.kind}, one way" for card in deck.cards}
    articles = []
    for note in anki_deck.notes:
        nt = note_types[note.note_type]
        found = by_card.get(note.card_id, [])
        classes = ["note"]
        if any(p.is_error for p in found):
            classes.append("has-errors")
        if any(not p.is_error for p in found):
            classes.append("has-warnings")
        directions = []
        for ordinal, (name, question, answer) in enumerate(card_sides(nt, note, anki_deck.name), start=1):
            question, answer = _inline_media(question, media), _inline_media(answer, media)
            sides = "".join(
                f'<figure class="side-box"><figcaption class="side-label">{label}</figcaption>'
                f'<div class="side-holder" data-title="{_e(name)}, {label.lower()}" '
                f'data-doc="{_e(_side_document(content, nt.css, ordinal))}"></div></figure>'
                for label, content in (("Front", question), ("Back", answer))
            )
            directions.append(f'<section class="direction" data-card="{ordinal}"><h3>{_e(name)}</h3>'
                              f'<div class="sides">{sides}</div></section>')
        aside = f'<aside><ul class="problems">{"".join(_problem_item(p) for p in found)}</ul></aside>' if found else ""
        tags = f' <span class="tags">{_e(" ".join(note.tags))}</span>' if note.tags else ""
        clean = "" if found else ' <span class="no-problems">· no lint problems</span>'
        articles.append(
            f'<article class="{" ".join(classes)}" id="card-{_e(note.card_id)}" data-card-id="{_e(note.card_id)}">'
            f'<h2><code>{_e(note.card_id)}</code> <span class="kind">{_e(kinds.get(note.card_id, ""))}</span>'
            f'{tags}{clean}</h2>{aside}<div class="directions">{"".join(directions)}</div></article>'
        )
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    cards = sum(len({o for f in n.fields for o in cloze_ordinals(f)}) if note_types[n.note_type].is_cloze
                else len(note_types[n.note_type].templates) for n in anki_deck.notes)
    deck_problems = (f'<section class="deck-problems"><h2>Problems</h2><ul class="problems">'
                     f'{"".join(_problem_item(p) for p in loose)}</ul></section>' if loose else "")
    description = f'<p class="description">{anki_deck.description}</p>' if anki_deck.description else ""
    meta = (f"{_e(deck.display_path)} · {len(anki_deck.notes)} notes, {cards} cards · "
            f'<span class="counts">{errors} error{"s" if errors != 1 else ""}, '
            f'{warnings} warning{"s" if warnings != 1 else ""}</span>')
    switch = ('<label><input type="checkbox" id="switch-{0}"> {1}</label>')
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CONTENT_SECURITY_POLICY)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(anki_deck.name)} · cards preview</title><style>{_PAGE_CSS}</style></head>\n"
        f'<body data-deck-id="{_e(deck.id)}" data-notes="{len(anki_deck.notes)}" data-cards="{cards}" '
        f'data-errors="{errors}" data-warnings="{warnings}">'
        f'<header class="top"><h1>{_e(anki_deck.name)}</h1><div class="meta">{meta}</div>'
        f'<div class="switches">{switch.format("night", "Night mode")}{switch.format("phone", "Phone width")}'
        f'{switch.format("problems", "Only cards with problems")}</div></header>'
        '<noscript><p>The cards are shown by the page\'s script: allow JavaScript for this file to see them.</p></noscript>'
        f"{description}{deck_problems}<main>\n" + "\n".join(articles) + "\n</main>"
        f"<script>{_PAGE_SCRIPT}</script></body></html>\n"
    )


# --- previewing decks ----------------------------------------------------------------------------------------


@dataclass
class PreviewResult:
    pages: list[Page] = field(default_factory=list)
    #: errors that leave cards out of the preview: a deck that does not load (it has no
    #: page) or cards that do not validate (listed at the top of their deck's page)
    failed: list[Problem] = field(default_factory=list)
    #: decks that got no page
    not_previewed: list[str] = field(default_factory=list)
    #: every file the previewed decks read, or would read if it existed: what --watch watches
    inputs: set[str] = field(default_factory=set)


def preview(paths: list[Path], out_dir: Path, templates: Path | None = None, lint_config=None) -> PreviewResult:
    """Check and lint ``paths`` and write a preview page for each deck that validates.

    Decks that do not load or validate get no page; their problems are in
    ``failed``. Each page is written whole (to a temporary file renamed into
    place); a deck's lint problems are on its page.
    """
    from cards.build import check
    from cards.export.files import Staged, signals_held
    from cards.render.anki import render_deck
    from cards.templating import template_dirs

    checked = check(paths, lint=True, lint_config=lint_config)
    dirs = template_dirs(templates)
    result = PreviewResult()
    previewed = {loaded.display for loaded, _ in checked.decks}
    result.failed = [p for p in checked.problems if p.is_error and (p.code is None or p.path not in previewed)]
    result.not_previewed = sorted({p.path for p in result.failed if p.path not in previewed})
    staged = Staged()
    try:
        for loaded, deck in checked.decks:
            result.inputs.update(loaded.inputs)
            result.inputs.update(loaded.unread)
            problems = [p for p in checked.problems if p.path == loaded.display]
            text = render_page(deck, render_deck(deck, dirs), problems)
            target = page_path(out_dir, deck.id)
            staged.write(target, text.encode("utf-8"))
            errors = sum(p.is_error for p in problems)
            cards = text.count('<section class="direction"')
            result.pages.append(Page(loaded.display, deck.id, target, text, len(deck.cards), cards, errors,
                                     len(problems) - errors))
        with signals_held():
            staged.replace()
    finally:
        staged.discard()
    return result


def summary(page: Page) -> str:
    warnings = f"{page.warnings} warning{'s' if page.warnings != 1 else ''}"
    return (f"{page.deck_path}: {page.notes} notes, {page.cards} cards, {page.errors} error"
            f"{'s' if page.errors != 1 else ''}, {warnings} -> {page.path}")


# --- watching -----------------------------------------------------------------------------------------------


def snapshot(paths: Iterable[Path | str]) -> dict[str, tuple[int, int] | None]:
    """Each file's modification time and size (None if it does not exist)."""
    state = {}
    for path in paths:
        try:
            info = Path(path).stat()
            state[str(path)] = (info.st_mtime_ns, info.st_size)
        except OSError:
            state[str(path)] = None
    return state


def template_files(templates: Path | None) -> list[Path]:
    if templates is None or not Path(templates).is_dir():
        return []
    return sorted(p for p in Path(templates).rglob("*") if p.is_file())


def watch(rebuild: Callable[[], set[str]], extra: Callable[[], Iterable[Path | str]], interval: float = 0.5,
          sleep: Callable[[float], None] = time.sleep, rounds: int | None = None) -> None:
    """Call ``rebuild`` (which returns the files it read) whenever one of those files, or
    of ``extra()`` (the deck files, templates, pyproject.toml), changes. Polls every
    ``interval`` seconds until stopped (Ctrl-C), or for ``rounds`` polls (tests)."""
    def files(watched: set[str]) -> set[str]:
        return watched | {str(p) for p in extra()}

    def run(state: dict) -> tuple[set[str], dict]:
        # The state taken before the rebuild read the files: an edit made while it ran
        # shows as a change at the next poll.
        watched = set(rebuild())
        now = files(watched)
        return watched, {**snapshot(now - set(state)), **{k: v for k, v in state.items() if k in now}}

    watched, before = run(snapshot({str(p) for p in extra()}))
    done = 0
    while rounds is None or done < rounds:
        sleep(interval)
        done += 1
        now = snapshot(files(watched))
        if now != before:
            watched, before = run(now)


__all__ = ["CONTENT_SECURITY_POLICY", "PHONE_WIDTH", "Page", "PreviewResult", "page_path", "preview",
           "render_page", "snapshot", "summary", "template_files", "watch"]
