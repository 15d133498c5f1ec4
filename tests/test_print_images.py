"""The README's pictures of printed pages are the ones docs/make_print_images.py makes, all of them."""

from __future__ import annotations

import importlib.util
import re

from conftest import REPO


def _script_images() -> set[str]:
    spec = importlib.util.spec_from_file_location("make_print_images", REPO / "docs" / "make_print_images.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {name for name, *_ in module.IMAGES}


def test_every_print_picture_the_readme_shows_is_made_by_the_script_and_shown():
    made = _script_images()
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"docs/images/(print-[\w.-]+\.png)", readme))
    assert shown == made
    for name in made:
        assert (REPO / "docs" / "images" / name).is_file(), name


def test_each_card_stock_has_its_picture():
    from cards.print_choices import STOCKS

    assert {f"print-stock-{stock}.png" for stock in STOCKS} <= _script_images()
