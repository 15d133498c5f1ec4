"""Make :mod:`cards.lint.lexicon_data` from Princeton WordNet 3.0 (run by hand, not at run time).

::

    apt-get install wordnet-base        # Debian's copy of WordNet 3.0
    python3 src/cards/lint/lexicon_make.py /usr/share/wordnet > src/cards/lint/lexicon_data.py

It writes three tables, each a block of lines:

* ``ANTONYMS``: every antonym pair of WordNet (its ``!`` pointers) between two
  single lower-case words, nouns, verbs, adjectives and adverbs alike, plus the
  pairs of :data:`SUPPLEMENT`, which history notes need and WordNet lacks
  ("support"/"oppose", "join"/"leave").
* ``FORMS``: the inflections WordNet's exception lists give ("rose rise",
  "won win", "better good", "men man", "stopped stop").
* ``VERB_FORMS``: the irregular forms of verbs among them ("led", "took", "met"),
  which tell a verb after a name ("the Duma met") from a noun ("the Duma building").
* ``PROPER``: groups of the forms of one proper name, linked in WordNet as
  pertainym or derivation ("Serbia Serbian", "France French Gallic"), joined with
  :data:`PEOPLES` (the nouns for a people, which WordNet does not link: "Serb",
  "Frenchman").

WordNet 3.0 is Copyright 2006 by Princeton University and may be used, copied and
distributed for any purpose (its licence is reproduced at the top of the output).
"""

from __future__ import annotations

import sys
from pathlib import Path

import snowballstemmer

#: Antonyms history notes use that WordNet does not give as antonyms.
SUPPLEMENT = """
support oppose
support resist
favour oppose
favor oppose
back oppose
endorse oppose
endorse reject
approve reject
ratify reject
accept decline
agree refuse
agree decline
join leave
join quit
ally enemy
allies enemies
allied hostile
friend enemy
appoint dismiss
appoint sack
elect defeat
elect appoint
elective appointive
gain lose
impose lift
impose abolish
introduce abolish
restore abolish
arrest release
imprison release
capture release
advance retreat
invade withdraw
expand shrink
raise cut
increase cut
rise drop
grow shrink
grow decline
growth decline
victory loss
won lost
win lost
ban allow
ban permit
ban legalise
ban legalize
radical moderate
radical conservative
left right
reformist conservative
reform reaction
revolutionary counterrevolutionary
open secret
before after
above below
""".split("\n")

#: Nouns for a people, and the place (or adjective) whose forms they are.
PEOPLES = """
Serb Serbia
Croat Croatia
Slovene Slovenia
Bosniak Bosnia
Pole Poland
Czech Czechia
Slovak Slovakia
Magyar Hungary
Frenchman France
Frenchmen France
Englishman England
Englishmen England
Briton Britain
Britons Britain
British Britain
Britannic Britain
Scot Scotland
Welshman Wales
Irishman Ireland
Spaniard Spain
Dane Denmark
Swede Sweden
Finn Finland
Turk Turkey
Ottoman Turkey
Arab Arabia
Jew Jewish
Dutchman Netherlands
Dutch Netherlands
Austro-Hungarian Austria-Hungary
Habsburg Habsburgs
Hapsburg Habsburg
Romanov Romanovs
Soviet Soviets
""".split("\n")

LICENCE = """\
# WordNet Release 3.0. This software and database is being provided to you, the LICENSEE,
# by Princeton University under the following license. By obtaining, using and/or copying
# this software and database, you agree that you have read, understood, and will comply
# with these terms and conditions.: Permission to use, copy, modify and distribute this
# software and database and its documentation for any purpose and without fee or royalty
# is hereby granted, provided that you agree to comply with the following copyright notice
# and statements, including the disclaimer, and that the same appear on ALL copies of the
# software, database and documentation, including modifications that you make for
# internal use or for distribution. WordNet 3.0 Copyright 2006 by Princeton University.
# All rights reserved. THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON
# UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF
# EXAMPLE, BUT NOT LIMITATION, PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES
# OF MERCHANT- ABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR THAT THE USE OF THE
# LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY PATENTS,
# COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS. The name of Princeton University or Princeton
# may not be used in advertising or publicity pertaining to distribution of the software
# and/or database. Title to copyright in this software, database and any associated
# documentation shall at all times remain with Princeton University and LICENSEE agrees
# to preserve same.
"""

#: Words that would join the forms of two different names into one group.
_BRIDGES = frozenset("Eurafrican Judeo-Christian Christendom Teuton Teutonic Aryan Gallic Gaul Orthodox "
                     "Hellenism Hellenistic Hellenistical".split())

_FILES = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}


def _synsets(folder: Path):
    found = {}
    for name in ("noun", "verb", "adj", "adv"):
        for line in (folder / f"data.{name}").read_text(encoding="latin-1").splitlines():
            if line.startswith("  "):
                continue
            head = line.split(" | ")[0].split()
            count = int(head[3], 16)
            words = [head[4 + 2 * i].split("(")[0] for i in range(count)]
            at = 4 + 2 * count
            pointers = [tuple(head[at + 1 + 4 * j: at + 5 + 4 * j]) for j in range(int(head[at]))]
            found[(name, head[0])] = (words, pointers)
    return found


def main(folder: Path) -> None:
    stem = snowballstemmer.stemmer("english").stemWord
    synsets = _synsets(folder)
    antonyms: set[tuple[str, str]] = set()
    links: list[tuple[str, str]] = []
    for (name, _), (words, pointers) in synsets.items():
        for symbol, offset, pos, numbers in pointers:
            source, target = int(numbers[:2], 16), int(numbers[2:], 16)
            if not source or not target:
                continue
            a, b = words[source - 1], synsets[(_FILES[pos], offset)][0][target - 1]
            if symbol == "!" and a.isalpha() and b.isalpha() and a.islower() and b.islower():
                antonyms.add(tuple(sorted((a, b))))
            elif symbol in ("\\", "+") and a[:1].isupper() and b[:1].isupper() and a != b \
                    and a.isalpha() and b.isalpha() and not {a, b} & _BRIDGES:
                links.append((a, b))
    for line in SUPPLEMENT:
        if line.strip():
            antonyms.add(tuple(sorted(line.split())))
    for line in PEOPLES:
        if line.strip():
            links.append(tuple(line.split()))

    lemmas = {w for pair in antonyms for w in pair}
    forms, verbs = [], set()
    for name in ("verb", "adj", "noun", "adv"):
        for line in (folder / f"{name}.exc").read_text(encoding="latin-1").splitlines():
            form, *bases = line.split()
            bases = [b for b in bases if b.isalpha() and b != form]
            if form.isalpha() and bases:
                forms.append(f"{form} {' '.join(bases)}")
                if name == "verb" and not form.endswith("ed") and stem(form) != stem(bases[0]):
                    verbs.add(form)

    parent: dict[str, str] = {}

    def find(word: str) -> str:
        while parent.setdefault(word, word) != word:
            word = parent[word]
        return word

    for a, b in links:
        parent[find(a)] = find(b)
    groups: dict[str, list[str]] = {}
    for word in parent:
        groups.setdefault(find(word), []).append(word)
    proper = sorted(" ".join(sorted(set(g))) for g in groups.values() if len(set(g)) > 1)

    out = sys.stdout
    out.write('"""Word tables for the linter, made from Princeton WordNet 3.0 by lexicon_make.py: do not edit.\n\n'
              'It is long because it is data, not code: some 3,300 pairs of opposite words, WordNet\'s\n'
              'irregular word forms and about 550 groups of a proper name\'s forms, shipped inside the\n'
              'package so that nothing is downloaded at run time.\n\n'
              'See :mod:`cards.lint.lexicon` for how they are used and lexicon_make.py for how they are made.\n"""\n\n')
    out.write(LICENCE + "\n")
    for title, lines in (("ANTONYMS", [f"{a} {b}" for a, b in sorted(antonyms)]),
                         ("FORMS", sorted(set(forms))), ("PROPER", proper),
                         ("VERB_FORMS", [" ".join(sorted(verbs)[i:i + 12]) for i in range(0, len(verbs), 12)])):
        out.write(f'{title} = """\n' + "\n".join(lines) + '\n"""\n\n')
    print(f"{len(antonyms)} antonym pairs, {len(forms)} irregular forms, {len(proper)} proper-name groups "
          f"({len(lemmas)} words with antonyms)", file=sys.stderr)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"))
