"""A small project for the citation tests: three sources pasted from the web
(wrapped lines, bullets, Old and New Style dates) and a deck citing them."""

from __future__ import annotations

from pathlib import Path

#: Wrapped web text in Old Style (Julian) dates, with bullets.
PETROGRAD = """\
Petrograd, 1917 - notes copied from a history website

In February the capital was short of bread and fuel.
 * On 23 February 1917 women textile workers went on strike
   on International Women's Day, and the strike spread.
 * On 27 February 1917 the Petrograd Soviet met for the first time
   in the Tauride Palace.
 * Nicholas II abdicated at Pskov on 2 March 1917.

Alexander Kerensky became Minister-Chairman of the Provisional Government in July 1917.
Lenin told the crowd at the Finland Station: "Long live the worldwide socialist revolution!"
"""

#: New Style (Gregorian) dates, one fact a line.
WESTERN = """\
The war in the west, 1914

- 28 June 1914: Archduke Franz Ferdinand is assassinated in Sarajevo.
- On 4 August 1914 Britain declares war on Germany.
- Verdun - a fortress city on the Meuse that France defended at great cost in 1916.
"""

GLOSSARY = """\
Glossary
Soviet - a council of workers' and soldiers' deputies elected in factories and regiments.
Duma - the elected parliament of the Russian Empire, created after the 1905 revolution.
"""

DECK = """\
# The 1917 deck: comments, quoting and key order must survive --fix.
deck: "Fixture::1917"
id: fixture-1917
calendar: julian
sources:
  petrograd:
    path: sources/petrograd.txt
    calendar: julian
  western: {path: sources/western.txt, calendar: gregorian}
  glossary: sources/glossary.txt   # a glossary

cards:
  - {id: womens-day, kind: date, date: 23 February 1917, event: Women textile workers strike on International Women's Day, source: "petrograd:4-5"}
  - id: soviet-meets
    kind: date
    date: 27 February 1917
    event: The Petrograd Soviet meets for the first time
    source: 'petrograd:6-7'    # wrapped
  - id: abdication
    kind: date
    date: 2 March 1917
    event: Nicholas II abdicates at Pskov
    source: petrograd:8
  - id: kerensky
    kind: person
    name: Alexander Kerensky
    role: Minister-Chairman of the Provisional Government
    source: petrograd:10
  - id: lenin-quote
    kind: quote
    quote: Long live the worldwide socialist revolution!
    speaker: Lenin
    source: petrograd:11
  - {id: sarajevo, kind: date, date: 28 June 1914, calendar: gregorian, event: Archduke Franz Ferdinand is assassinated in Sarajevo, source: western:3}
  - id: britain-war
    kind: date
    date: 4 August 1914
    calendar: gregorian
    event: Britain declares war on Germany
    source: "western:4"
  - {id: verdun, kind: place, name: Verdun, significance: A fortress city France defended at great cost, source: western:5}
  - id: soviet
    kind: term
    term: Soviet
    definition: A council of workers' and soldiers' deputies
    source: glossary:2
  - id: duma
    kind: term
    term: Duma
    definition: The elected parliament of the Russian Empire
    source: glossary:3
"""


def write_project(root: Path, deck: str = DECK, petrograd: str = PETROGRAD) -> Path:
    """Write the fixture project under ``root``; return the deck's path."""
    (root / "decks" / "sources").mkdir(parents=True, exist_ok=True)
    (root / "decks" / "sources" / "petrograd.txt").write_text(petrograd, encoding="utf-8")
    (root / "decks" / "sources" / "western.txt").write_text(WESTERN, encoding="utf-8")
    (root / "decks" / "sources" / "glossary.txt").write_text(GLOSSARY, encoding="utf-8")
    path = root / "decks" / "fixture.yaml"
    path.write_bytes(deck.encode("utf-8"))
    return path
