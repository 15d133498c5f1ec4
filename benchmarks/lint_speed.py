"""How long does `lint_decks` take on 10,000 cards? (A benchmark, not a test.)

Generates a deck of 10,000 cards of all four kinds, each citing its own line
of a generated source text (a date, a person, a term and a quote on every
line, written with the same features as real notes: ordinals, Old/New Style
pairs, curly quotes), loads and validates it once, then times ``lint_decks``
five times with cold caches and prints the median.

    PYTHONPATH=src python benchmarks/lint_speed.py [CARDS]

Target: under 1 second for 10,000 cards.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

from cards.build import check
from cards.dates import MONTHS
from cards.lint import clear_caches, lint_decks

WORDS = ("army assembly bread council crowd decree deputies duma factory garrison government guards land "
         "ministers mutiny navy palace parliament peasants petition prison railway regiment soldiers strike "
         "telegraph workers bridge committee congress constitution convention militia").split()
NAMES = ("Ivanov Petrov Sidorov Smirnov Volkov Kuznetsov Popov Sokolov Lebedev Kozlov Novikov Morozov "
         "Pavlov Semenov Golubev Vinogradov Bogdanov Vorobyov Fedorov Mikhailov").split()
FIRST = "Anna Boris Dmitri Elena Fyodor Galina Igor Katya Lev Maria Nikolai Olga Pavel Sofia Yuri".split()


def ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def generate(folder: Path, count: int, seed: int = 1917) -> Path:
    rng = random.Random(seed)
    lines, cards = [], []
    per_kind = count // 4
    for i in range(per_kind):
        year, month, day = rng.randint(1850, 1920), rng.randint(1, 12), rng.randint(1, 28)
        w = rng.sample(WORDS, 6)
        first, last = rng.choice(FIRST), rng.choice(NAMES)
        term = f"{w[4].capitalize()} {w[5]} {i}"
        line = (f"• {ordinal(day)} {MONTHS[month - 1].capitalize()} {year}: the {w[0]} and the {w[1]} "
                f"meet the {w[2]}; {first} {last} led the {w[3]} of {term}, the {w[0]} of the {w[2]} {i}, "
                f"and said “We shall hold the {w[1]} and the {w[3]} until the {w[5]} comes {i}.”")
        lines.append(line)
        n = len(lines)
        cards += [
            {"id": f"d{i}", "kind": "date", "date": f"{day} {MONTHS[month - 1].capitalize()} {year}",
             "event": f"The {w[0]} and the {w[1]} meet the {w[2]}", "source": f"gen:{n}"},
            {"id": f"p{i}", "kind": "person", "name": f"{first} {last}", "role": f"Led the {w[3]} of {term}",
             "source": f"gen:{n}"},
            {"id": f"t{i}", "kind": "term", "term": term, "definition": f"The {w[0]} of the {w[2]} {i}",
             "source": f"gen:{n}"},
            {"id": f"q{i}", "kind": "quote", "quote": f"We shall hold the {w[1]} ... until the {w[5]} comes {i}.",
             "speaker": f"{first} {last}", "source": f"gen:{n}"},
        ]
    (folder / "gen.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    deck = {"deck": "Benchmark", "id": "bench", "sources": {"gen": "gen.txt"}, "cards": cards}
    path = folder / "bench.yaml"
    path.write_text(yaml.safe_dump(deck, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        path = generate(Path(tmp), count)
        checked = check([path], lint=False)
        assert not checked.problems, checked.problems[:3]
        cards = sum(len(deck.cards) for _, deck in checked.decks)
        times, problems = [], []
        for _ in range(5):
            clear_caches()
            start = time.perf_counter()
            problems = lint_decks(checked.decks)
            times.append(time.perf_counter() - start)
    errors = sum(p.is_error for p in problems)
    print(f"lint_decks: {cards} cards, median of 5 runs {statistics.median(times):.3f} s "
          f"(min {min(times):.3f} s, max {max(times):.3f} s, cold caches); {errors} errors found")


if __name__ == "__main__":
    main()
