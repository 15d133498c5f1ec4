"""Synthetic decks for the benchmark: N cards of all four kinds, each citing a line that supports it.

    python benchmarks/generate.py 1000 /tmp/bench        # writes /tmp/bench/bench-1000/

makes a project folder ``bench-N/`` holding ``decks/bench-N.yaml`` and its
source ``decks/notes.txt``. Card i (1-based) cites line i of the notes, and the
line says what the card says, in the way the linter checks it:

- date:   "On 25 October 1917 sailors stormed the Winter Palace in Omsk."
- person: "Ivan Petrov chaired the railway committee in Omsk."
- term:   "The Northern Grain Committee was a body that requisitioned bread in Tver."
- quote:  'Ivan Petrov said: "We shall build the railway before winter" in a speech in Omsk.'

The kinds take turns (date, person, term, quote, date, ...). Words are drawn
from the lists below with ``random.Random(seed)``, so the same N and seed give
the same files. No card gives its answer away (a role does not name its
person, a definition does not use its term), no two cards state the same fact,
and every date is in the Julian calendar that the deck and its source declare.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

FIRST = ("Ivan Pavel Sergei Nikolai Alexei Mikhail Dmitri Fyodor Boris Yakov Grigory Lev Anatoly Viktor "
         "Pyotr Andrei Konstantin Vasily Semyon Timofei Anna Maria Elena Olga Tatiana Irina Natalia Vera "
         "Sofia Lydia Nadezhda Yekaterina Alexandra Zinaida Galina Ludmila Raisa Klavdia Polina Varvara").split()
SURNAME_ROOTS = ("Petr Sokol Volk Orl Kuznets Moroz Lebed Kozl Golub Medved Zaits Pop Belyak Chernyak "
                 "Krasn Zhuk Gus Tit Byk Kot Komar Vorob Sorok Solovy Grach Shchegl Lisits "
                 "Baran Karas Osetr Lyubim Rodion Savel Trofim Yermol Zakhar Kirill Fedot Prokhor Arkhip").split()
SURNAME_ENDINGS = ("ov", "in", "enko", "sky", "ich")

CITIES = ("Omsk Tomsk Tver Kazan Samara Saratov Perm Vyatka Kursk Orel Tula Ryazan Penza Simbirsk Ufa "
          "Irkutsk Chita Tobolsk Yaroslavl Vologda Kostroma Vladimir Smolensk Pskov Novgorod Archangel "
          "Astrakhan Tsaritsyn Voronezh Tambov Kharkov Odessa Kiev Minsk Vitebsk Riga Reval Helsingfors").split()
GROUPS = ("sailors soldiers workers peasants students cadets railwaymen miners printers weavers "
          "guardsmen cossacks delegates clerks teachers dockers bakers tanners").split()
EVENT_VERBS = ("stormed seized occupied surrounded defended abandoned blockaded searched guarded "
               "captured barricaded evacuated picketed reopened inspected requisitioned").split()
PLACE_ADJ = ("Winter Summer Marble Tauride Smolny Admiralty Mariinsky Alexander Nikolaev "
             "Putilov Obukhov Vyborg Neva Kremlin Peter Nevsky").split()
PLACES = ("Palace Station Bridge Barracks Exchange Works Mill Depot Fortress Telegraph Bank Arsenal "
          "Cathedral Theatre Hospital Market").split()

ROLE_VERBS = ("chaired led organised founded edited financed supervised reformed inspected directed "
              "represented defended audited administered").split()
ROLE_BODIES = ("railway committee", "soldiers' soviet", "printers' union", "land commission", "food council",
               "city duma", "strike committee", "militia board", "workers' cooperative", "grain exchange",
               "shipyard union", "teachers' guild", "postal service", "river fleet", "tramway company",
               "peasant bank", "relief fund", "press bureau", "medical council", "supply office")

TERM_ADJ = ("Northern Southern Eastern Western Central Provincial Imperial Revolutionary Provisional "
            "Extraordinary Supreme Popular Military Naval Maritime Federal Regional District Urban "
            "Rural Autonomous Socialist Democratic Constitutional Radical").split()
TERM_NOUNS = ("Grain Labour Harvest Timber Salt Coal Iron Cotton Sugar Tobacco Transport Bread Cattle Flax "
              "Oil Wool Copper Leather Fishery Forest").split()
TERM_BODIES = "Committee Council Commission Tribunal Directorate Bureau Assembly Board Conference Office".split()
DEF_KINDS = ("body", "court", "society", "agency", "group", "league", "panel", "party")
DEF_VERBS = ("requisitioned", "distributed", "rationed", "taxed", "counted", "priced", "stored", "exported",
             "confiscated", "shipped", "inspected", "auctioned")
DEF_OBJECTS = ("rye", "barley", "horses", "boots", "rifles", "kerosene", "matches", "soap", "candles", "tea",
               "wagons", "paper", "nails", "rope", "flour", "medicine")

QUOTE_SUBJECTS = ("We", "They", "You", "The people", "The workers", "Our comrades", "The soldiers", "Nobody")
QUOTE_VERBS = ("shall build", "will defend", "must finish", "cannot abandon", "shall open", "will repair",
               "must feed", "shall never sell", "will carry", "must rebuild", "shall guard", "cannot wait for")
QUOTE_OBJECTS = ("the railway", "the bridge", "every school", "the harbour", "the granaries", "the new hospital",
                 "our printing press", "the telegraph line", "the city walls", "the people's bank",
                 "the northern canal", "the old mills")
QUOTE_TIMES = ("before winter", "by the spring", "within a month", "this very night", "at any price",
               "before the harvest", "without delay", "whatever the cost", "for our children", "by Easter")
SPEECHES = ("a speech", "a letter", "an appeal", "a pamphlet", "a telegram", "a newspaper article",
            "a debate", "a manifesto")

MONTHS = ("January February March April May June July August September October November December").split()
DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # Julian: every fourth year is a leap year

KINDS = ("date", "person", "term", "quote")


def surnames() -> list[str]:
    return [root + ending for root in SURNAME_ROOTS for ending in SURNAME_ENDINGS]


def _unique(rng: random.Random, seen: set, make):
    """Call ``make(rng)`` until it gives a key not in ``seen``; return its value."""
    for _ in range(10_000):
        key, value = make(rng)
        if key not in seen:
            seen.add(key)
            return value
    raise RuntimeError("ran out of distinct combinations; extend the word lists")


def _date(rng: random.Random) -> str:
    year = rng.randrange(1801, 1918)
    month = rng.randrange(12)
    days = DAYS_IN_MONTH[month] - (month == 1 and year % 4 != 0)
    return f"{rng.randrange(1, days + 1)} {MONTHS[month]} {year}"


def _date_card(rng, seen):
    def make(rng):
        group, verb = rng.choice(GROUPS), rng.choice(EVENT_VERBS)
        place = f"{rng.choice(PLACE_ADJ)} {rng.choice(PLACES)}"
        city = rng.choice(CITIES)
        return (verb, place, city), (group, verb, place, city)

    group, verb, place, city = _unique(rng, seen, make)
    date = _date(rng)
    event = f"{group.capitalize()} {verb} the {place} in {city}"
    line = f"On {date} {group} {verb} the {place} in {city}."
    return {"kind": "date", "date": date, "event": event}, line


def _person_card(rng, seen, names):
    name = names.pop()
    verb, body, city = rng.choice(ROLE_VERBS), rng.choice(ROLE_BODIES), rng.choice(CITIES)
    role = f"{verb.capitalize()} the {body} in {city}"
    line = f"{name} {verb} the {body} in {city}."
    return {"kind": "person", "name": name, "aliases": [name.split()[-1]], "role": role}, line


def _term_card(rng, seen):
    def make(rng):
        term = f"{rng.choice(TERM_ADJ)} {rng.choice(TERM_NOUNS)} {rng.choice(TERM_BODIES)}"
        return term, term

    term = _unique(rng, seen, make)
    kind, verb, obj, city = rng.choice(DEF_KINDS), rng.choice(DEF_VERBS), rng.choice(DEF_OBJECTS), rng.choice(CITIES)
    article = "An" if kind[0] in "aeiou" else "A"
    definition = f"{article} {kind} that {verb} {obj} in {city}"
    line = f"The {term} was {article.lower()} {kind} that {verb} {obj} in {city}."
    return {"kind": "term", "term": term, "definition": definition}, line


def _quote_card(rng, seen, speakers):
    def make(rng):
        quote = (f"{rng.choice(QUOTE_SUBJECTS)} {rng.choice(QUOTE_VERBS)} {rng.choice(QUOTE_OBJECTS)} "
                 f"{rng.choice(QUOTE_TIMES)}")
        return quote.lower(), quote

    quote = _unique(rng, seen, make)
    speaker = rng.choice(speakers)
    context = f"{rng.choice(SPEECHES).capitalize()} in {rng.choice(CITIES)}"
    line = f'{speaker} said: "{quote}" in {context[0].lower()}{context[1:]}.'
    return {"kind": "quote", "quote": quote, "speaker": speaker, "context": context}, line


def make_cards(n: int, seed: int = 1917) -> tuple[list[dict], list[str]]:
    """``n`` cards (dicts in deck order, each with its id and citation) and the source lines they cite."""
    rng = random.Random(seed)
    all_names = [f"{first} {last}" for first in FIRST for last in surnames()]
    people = (n + 3) // 4
    if people > len(all_names):
        raise ValueError(f"at most {4 * len(all_names)} cards; extend the name lists")
    names = rng.sample(all_names, people)
    speakers = rng.sample(all_names, min(200, len(all_names)))
    seen = {kind: set() for kind in KINDS}
    cards, lines = [], []
    for i in range(1, n + 1):
        kind = KINDS[(i - 1) % 4]
        if kind == "date":
            card, line = _date_card(rng, seen[kind])
        elif kind == "person":
            card, line = _person_card(rng, seen[kind], names)
        elif kind == "term":
            card, line = _term_card(rng, seen[kind])
        else:
            card, line = _quote_card(rng, seen[kind], speakers)
        cards.append({"id": f"{kind[0]}{i}", **card, "source": f"notes:{i}"})
        lines.append(line)
    return cards, lines


def _yaml_scalar(value: str) -> str:
    """A double-quoted YAML string (the generated words need no escapes but quotes and backslashes)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _yaml_card(card: dict) -> str:
    parts = []
    for key, value in card.items():
        if isinstance(value, list):
            parts.append(f"{key}: [{', '.join(_yaml_scalar(v) for v in value)}]")
        elif key in ("id", "kind", "source"):
            parts.append(f"{key}: {value}")
        else:
            parts.append(f"{key}: {_yaml_scalar(value)}")
    return "  - {" + ", ".join(parts) + "}"


def write_project(n: int, root: Path, seed: int = 1917) -> Path:
    """Write ``root/bench-N/decks/{bench-N.yaml,notes.txt}``; return the project folder ``root/bench-N``."""
    project = Path(root) / f"bench-{n}"
    decks = project / "decks"
    decks.mkdir(parents=True, exist_ok=True)
    cards, lines = make_cards(n, seed)
    header = [
        f'deck: "Bench::Deck {n}"',
        f"id: bench-{n}",
        "calendar: julian",
        "sources:",
        "  notes:",
        "    path: notes.txt",
        "    title: Generated notes",
        "    calendar: julian",
        "cards:",
    ]
    (decks / f"bench-{n}.yaml").write_text("\n".join(header + [_yaml_card(c) for c in cards]) + "\n",
                                           encoding="utf-8")
    (decks / "notes.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return project


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cards", type=int, help="number of cards")
    parser.add_argument("root", type=Path, help="folder to create bench-N/ in")
    parser.add_argument("--seed", type=int, default=1917)
    args = parser.parse_args()
    print(write_project(args.cards, args.root, args.seed))


if __name__ == "__main__":
    main()
