"""Who did what, and which way round: the rules a card can pass on word overlap alone and
still be wrong (D111/P203/T303/L603, Q403, P204/T304/L604), and the web-text forms that
used to raise false alarms (glued dates, word forms, names declared once)."""

from __future__ import annotations

import time

import pytest

from conftest import run_cards, write
from lint_helpers import lint_paths, make_deck

from cards.lint import LintConfig, LintConfigError
from cards.lint.finddates import find_dates


def codes(tmp_path, lines, cards, config=None, errors_only=True):
    """{card id: sorted codes} for a one-source deck (cards cite line 1 unless they say)."""
    problems = lint_paths([make_deck(tmp_path, lines, cards)], config)
    found: dict[str, list[str]] = {}
    for p in problems:
        assert p.code, p  # the deck itself is valid
        if p.is_error or not errors_only:
            found.setdefault(p.card, []).append(p.code)
    return {card: sorted(c) for card, c in found.items()}


def messages(tmp_path, lines, cards, code):
    return [p.message for p in lint_paths([make_deck(tmp_path, lines, cards)]) if p.code == code]


# --- which way round ------------------------------------------------------------------------------


def test_an_antonym_is_reported_with_both_words(tmp_path):
    found = messages(tmp_path, ["In March 1918 the Soviet government accepted the German peace terms."],
                     [{"kind": "date", "date": "March 1918", "event": "The Soviet government rejects the German peace terms"}],
                     "D111")
    assert len(found) == 1
    assert "'rejects'" in found[0] and "'accepted'" in found[0]


@pytest.mark.parametrize("line, role, wrong", [
    # a negation the card drops, and one it adds
    ("Kamenev did not support the armed rising.", "Supported the armed rising", True),
    ("Kamenev supported the armed rising.", "Did not support the armed rising", True),
    # the same turn in other words, or the line's own negation
    ("Kamenev did not support the armed rising.", "Opposed the armed rising", False),
    ("Kamenev did not support the armed rising.", "Refused to support the armed rising", False),
    # a negation of something else on the line does not matter
    ("Kamenev supported the armed rising, though he did not trust Lenin.", "Supported the armed rising", False),
    # "not ... until" is no negation
    ("Kamenev did not vote until October.", "Voted in October", False),
    # "not A but B" denies A, not the verb; "neither X nor Y" names things, not what was done
    ("Kamenev said it would not be settled by speeches but by force.", "Said it would be settled by force", False),
    ("Neither the liberals nor the Mensheviks could stop Kamenev's motion.", "Passed his motion despite the liberals", False),
    ("Kamenev's wife bore him no son.", "His wife bore him a son", True),
    # comparatives: "lighter" is the opposite of "heavier"
    ("Kamenev's losses in 1917 were far heavier than Zinoviev's.", "Losses in 1917 far lighter than Zinoviev's", True),
    # the clause the field's words are in decides: rose here, fell there
    ("Wages rose slowly in 1916 while Kamenev saw prices fall sharply.", "Saw prices rise sharply", True),
    ("Wages rose slowly in 1916 while Kamenev saw prices fall sharply.", "Saw prices fall sharply", False),
    # for and against after a verb of taking sides; a plain "against" is an ordinary word
    ("Kamenev voted against the armed rising.", "Voted for the armed rising", True),
    ("Kamenev argued for an armed rising.", "Argued against an armed rising", True),
    ("Kamenev led the defence of Moscow against the rebels.", "Led the defence of Moscow against the rebels", False),
    ("Kamenev defended Moscow from the rebels.", "Led the defence of Moscow against the rebels", False),
    # a negation the text lacks altogether
    ("Kamenev expected a long period of bourgeois rule.", "Didn't expect a long period of bourgeois rule", True),
    # verbs that may or may not turn a word round are not compared, nor is what could not have been
    ("Kamenev was not executed in 1918 because he was a Bolshevik.", "Escaped execution in 1918 as a Bolshevik", False),
    ("Kamenev no longer trusted Lenin after October.", "Stopped trusting Lenin after October", False),
    ("Without Kamenev's help the party could not have held Moscow.", "Helped the party hold Moscow", False),
])
def test_which_way_round(tmp_path, line, role, wrong):
    found = codes(tmp_path, [line], [{"kind": "person", "name": "Lev Kamenev", "role": role}])
    assert ("P203" in found.get("card-1", [])) is wrong, found


def test_every_kind_with_words_checks_which_way_round(tmp_path):
    line = "Kronstadt, the island base of the Baltic Fleet, had sailors who opposed the government and rejected its terms."
    lines = [line, "In 1921 the Kronstadt sailors rejected the government's terms."]
    found = codes(tmp_path, lines, [
        {"kind": "place", "name": "Kronstadt", "significance": "Island base whose sailors supported the government"},
        {"kind": "term", "term": "Kronstadt", "definition": "The Baltic Fleet's island base, whose sailors accepted the government's terms"},
        {"kind": "date", "date": "1921", "event": "The Kronstadt sailors accept the government's terms", "source": "src:2"},
    ])
    assert found == {"card-1": ["L603"], "card-2": ["T303"], "card-3": ["D111"]}


# --- who said it ----------------------------------------------------------------------------------

QUOTE = "I will not withdraw my troops."


@pytest.mark.parametrize("line, named", [
    ('Kornilov replied to Kerensky: "I will not withdraw my troops."', "Kornilov"),
    ('Asked by Kerensky to halt the advance, Kornilov replied: "I will not withdraw my troops."', "Kornilov"),
    ('"I will not withdraw my troops," Kornilov told Kerensky.', "Kornilov"),
    ('"I will not withdraw my troops," said Kornilov to Kerensky.', "Kornilov"),
    ('Kornilov\'s reply to Kerensky was blunt: "I will not withdraw my troops."', "Kornilov"),
    ('Kerensky\'s order was answered by Kornilov: "I will not withdraw my troops."', "Kornilov"),
    ('Kornilov, writing to Kerensky from Mogilev, declared: "I will not withdraw my troops."', "Kornilov"),
    ('Kornilov declared (as Kerensky later recorded): "I will not withdraw my troops."', "Kornilov"),
    ('Kornilov and Krymov told Kerensky: "I will not withdraw my troops."', "Kornilov' and 'Krymov"),
    ('Kornilov, the Commander-in-Chief, told Kerensky: "I will not withdraw my troops."', "Kornilov"),
    ('According to Kerensky, Kornilov declared: "I will not withdraw my troops."', "Kornilov"),
    ('- Lavr G. Kornilov wrote to Kerensky: "I will not withdraw my troops."', "Lavr G. Kornilov"),
])
def test_the_speaker_is_the_one_the_line_gives_the_words_to(tmp_path, line, named):
    cards = [{"kind": "quote", "quote": QUOTE, "speaker": "Lavr Kornilov"},
             {"kind": "quote", "quote": QUOTE, "speaker": "Alexander Kerensky"}]
    found = codes(tmp_path, [line], cards)
    assert found == {"card-2": ["Q403"]}, found
    (message,) = messages(tmp_path / "again", [line], cards, "Q403")
    assert message.startswith(f"src:1 gives these words to '{named}', not to 'Alexander Kerensky'")


def test_no_finding_where_the_line_does_not_say_who_spoke(tmp_path):
    line = 'The oath that Kerensky and Kornilov both knew began "I will not withdraw my troops."'
    assert codes(tmp_path, [line], [{"kind": "quote", "quote": QUOTE, "speaker": "Alexander Kerensky"}]) == {}


# --- of whom is it said ---------------------------------------------------------------------------


@pytest.mark.parametrize("line, cards, expected", [
    # two people in one sentence, each with their own role
    ("Prince Lvov led the first Provisional Government, and Kerensky was its Minister of Justice.",
     [("Georgy Lvov", "Led the first Provisional Government"),
      ("Alexander Kerensky", "Minister of Justice in the first Provisional Government"),
      ("Alexander Kerensky", "Led the first Provisional Government")], {"card-3": ["P204"]}),
    # the next sentence, through "he"
    ("Lenin returned in April. He demanded all power to the Soviets. Kamenev opposed him.",
     [("Vladimir Lenin", "Demanded all power to the Soviets"),
      ("Lev Kamenev", "Demanded all power to the Soviets")], {"card-2": ["P204"]}),
    # a role that names the other person is said of the card's own
    ("Kornilov was Commander-in-Chief until Kerensky dismissed him in August.",
     [("Lavr Kornilov", "Commander-in-Chief dismissed by Kerensky in August")], {}),
    # a name the deck does not know, an initial, a semicolon
    ("- Robert E. Lee led the Army of Northern Virginia; Ulysses S. Grant commanded the Union armies.",
     [("Ulysses S. Grant", "Led the Army of Northern Virginia")], {"card-1": ["P204"]}),
    # joint subjects share what they did
    ("Zinoviev and Kamenev voted against the rising.",
     [("Grigory Zinoviev", "Voted against the rising"), ("Lev Kamenev", "Voted against the rising")], {}),
])
def test_a_role_must_be_said_of_the_cards_own_person(tmp_path, line, cards, expected):
    found = codes(tmp_path, [line], [{"kind": "person", "name": n, "role": r} for n, r in cards])
    assert found == expected


def test_a_definition_or_significance_given_to_the_next_entry(tmp_path):
    lines = ["Kadets - the liberal party of the professional classes; Octobrists - the conservative party of landowners.",
             "Tauride Palace: where the Duma met; Smolny Institute: the Bolshevik headquarters in October."]
    found = codes(tmp_path, lines, [
        {"kind": "term", "term": "Kadets", "definition": "The liberal party of the professional classes"},
        {"kind": "term", "term": "Octobrists", "definition": "The liberal party of the professional classes"},
        {"kind": "place", "name": "Smolny Institute", "significance": "The Bolshevik headquarters in October", "source": "src:2"},
        {"kind": "place", "name": "Tauride Palace", "significance": "The Bolshevik headquarters in October", "source": "src:2"},
    ])
    assert found == {"card-2": ["T304"], "card-4": ["L604"]}


# --- text pasted from the web, word forms, names declared once ------------------------------------


def test_a_date_glued_to_the_next_word_is_read(tmp_path):
    assert [f.date.format() for f in find_dates("5 JulyThe Austrian note; 28 June 1914Archduke Franz")] == [
        "5 July", "28 June 1914"]
    lines = ["- 28 June 1914Archduke Franz Ferdinand is shot in Sarajevo."]
    found = codes(tmp_path, lines, [
        {"kind": "date", "date": "28 June 1914", "event": "Archduke Franz Ferdinand is shot in Sarajevo"},
        {"kind": "date", "date": "29 June 1914", "event": "Archduke Franz Ferdinand is shot in Sarajevo"},
    ])
    assert found == {"card-2": ["D101"]}


def test_proper_names_match_their_other_forms(tmp_path):
    lines = ["In 1914 the Serbian government accepted most of the German terms."]
    found = codes(tmp_path, lines, [
        {"kind": "date", "date": "1914", "event": "Serbia accepts most of Germany's terms"},
        {"kind": "place", "name": "Serbia", "significance": "Its government accepted most of the German terms"},
        {"kind": "date", "date": "1914", "event": "In 1914 Russia accepts most of the German terms"},
    ])
    assert found == {"card-3": ["D110"]}  # a name is still a name: Russia is not Serbia


def test_an_alias_with_a_leading_article(tmp_path):
    lines = ["The German Kaiser promised Austria his full support."]
    card = {"kind": "person", "name": "Wilhelm II", "role": "Promised Austria his full support"}
    assert codes(tmp_path / "with", lines, [{**card, "aliases": ["the Kaiser"]}]) == {}
    assert codes(tmp_path / "without", lines, [card]) == {"card-1": ["P201"]}


def test_names_a_deck_declares_once(tmp_path):
    lines = ['Ulyanov wrote: "We must not wait!"', "Milyukov led the Constitutional Democrats in the Duma."]
    quote = {"kind": "quote", "quote": "We must not wait!", "speaker": "Vladimir Lenin"}
    role = {"kind": "person", "name": "Pavel Milyukov", "role": "Led the Kadets in the Duma", "source": "src:2"}
    # without the other names, the speaker and the party are not found
    assert codes(tmp_path / "alone", lines, [quote, role]) == {"card-1": ["Q402"], "card-2": ["P202"]}
    # a person card's aliases name the speaker, a term card's the party, for the whole deck
    declared = [quote, role,
                {"kind": "person", "name": "Vladimir Lenin", "aliases": ["Ulyanov"], "role": "Wrote: We must not wait"},
                {"kind": "term", "term": "Kadets", "aliases": ["Constitutional Democrats"],
                 "definition": "Led in the Duma by Milyukov", "source": "src:2"}]
    assert codes(tmp_path / "declared", lines, declared) == {}
    # or the project's configuration does
    config = LintConfig.from_table({"aliases": [["Vladimir Lenin", "Ulyanov"], ["Kadets", "Constitutional Democrats"]]})
    assert codes(tmp_path / "configured", lines, [quote, role], config) == {}


def test_aliases_in_pyproject(tmp_path):
    deck = make_deck(tmp_path, ["Milyukov led the Constitutional Democrats in the Duma."],
                     [{"kind": "person", "name": "Pavel Milyukov", "role": "Led the Kadets in the Duma"}])
    assert run_cards("lint", deck.name, cwd=tmp_path).returncode == 1
    write(tmp_path / "pyproject.toml", """
        [tool.cards.lint]
        aliases = [["Kadets", "Constitutional Democrats"]]
    """)
    result = run_cards("lint", deck.name, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("aliases", ["Kadets", [["Kadets"]], [["Kadets", 3]], [[]]])
def test_a_bad_aliases_setting_says_what_is_wanted(aliases):
    with pytest.raises(LintConfigError, match="aliases"):
        LintConfig.from_table({"aliases": aliases})


# --- bounded -----------------------------------------------------------------------------------


def test_a_long_passage_full_of_names_and_negations_lints_in_bounded_time(tmp_path):
    """The new rules read a passage in time about linear in its length: a passage just
    under the longest the linter checks, made of names, negations, antonyms and quotes,
    takes seconds at most, not minutes."""
    import random

    rng = random.Random(17)
    vocabulary = ("Lenin Trotsky Kerensky Kornilov Kamenev the did not support opposed voted for against and "
                  ", ; . said told replied : army soviet government rose fell many few accepted rejected "
                  "never without refused to").split()
    line = " ".join(rng.choice(vocabulary) for _ in range(4000))[:19_000] + ' Lenin said: "All power to the Soviets"'
    cards = [
        {"kind": "quote", "quote": "All power to the Soviets", "speaker": "Leon Trotsky"},
        {"kind": "person", "name": "Leon Trotsky", "role": "Did not support the army and voted against the government"},
        {"kind": "term", "term": "soviet", "definition": "Rejected the government; many rose and few fell"},
    ]
    start = time.perf_counter()
    lint_paths([make_deck(tmp_path, [line], cards)])
    assert time.perf_counter() - start < 20


def test_the_word_tables_ship_with_the_package_and_read_quickly():
    """Antonyms, base forms and proper names' forms come from WordNet tables inside the
    package (no download), and read as WordNet's own lemmatiser reads words."""
    from cards.lint import lexicon

    assert {"reject", "refuse", "decline"} <= lexicon.opposites("accepted")
    assert "fall" in lexicon.opposites("rose") and "lose" in lexicon.opposites("won")
    assert "heavy" in lexicon.opposites("lighter") and "oppose" in lexicon.opposites("supported")
    assert lexicon.lemmas("stopped") == {"stop"} and "rise" in lexicon.keys("rose")
    assert lexicon.proper_key("serbian") == lexicon.proper_key("serbs") == lexicon.proper_key("serbia")
    assert lexicon.proper_key("germany") == lexicon.proper_key("german") != lexicon.proper_key("russia")
    lexicon._LOADED.clear()
    start = time.perf_counter()
    lexicon._tables()
    assert time.perf_counter() - start < 0.5
