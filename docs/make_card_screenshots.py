"""Screenshots of real Anki cards from the example decks, for the README.

Builds the example decks, imports them into a scratch Anki collection (the
official ``anki`` package), takes the back of a few cards as Anki renders them,
and photographs each in headless Chromium at phone and desktop width, in light
and night mode, into docs/images/anki-*.png.

    python3 docs/make_card_screenshots.py      # needs: pip install anki; chromium
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "images"
#: (file name, deck id, card id, template, night mode, width, height)
SHOTS = [
    ("anki-date-phone.png", "russia-1917-october", "winter-palace-falls", "Event \u2192 Date", False, 390, 560),
    ("anki-date-reverse-phone-night.png", "russia-1917-october", "cheka-founded", "Date \u2192 Event", True, 390, 560),
    ("anki-date-after-switch-desktop.png", "russia-1917-october", "treaty-of-brest-litovsk-signed", "Event \u2192 Date", False, 900, 400),
    ("anki-person-desktop-night.png", "russia-1917-people", "rasputin", "Name \u2192 Role", True, 900, 400),
]


def main() -> None:
    from anki.collection import Collection, ImportAnkiPackageRequest
    from anki.import_export_pb2 import ImportAnkiPackageOptions

    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not browser:
        sys.exit("needs chromium (or google-chrome) on the PATH")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copytree(REPO / "decks", work / "decks")
        env_path = str(REPO / "src")
        subprocess.run([sys.executable, "-m", "cards", "build", "--no-pdf", "--quiet"], cwd=work, check=True,
                       env={**__import__("os").environ, "PYTHONPATH": env_path})
        col = Collection(str(work / "collection.anki2"))
        for deck in sorted({shot[1] for shot in SHOTS}):
            request = ImportAnkiPackageRequest(package_path=str(work / "build" / f"{deck}.apkg"),
                                               options=ImportAnkiPackageOptions())
            col.import_anki_package(request)
        backs = {}
        for cid in col.find_cards(""):
            card = col.get_card(cid)
            backs[card.note()["CardId"], card.template()["name"]] = card.answer()
        col.close()
        OUT.mkdir(parents=True, exist_ok=True)
        for name, _, card_id, template, night, width, height in SHOTS:
            body = "card nightMode night_mode" if night else "card"
            page = work / f"{name}.html"
            page.write_text("<!doctype html><html><head><meta charset=utf-8>"
                            "<meta name=viewport content='width=device-width'></head>"
                            f"<body class='{body}' style='margin:0;padding-top:8px'>{backs[card_id, template]}</body></html>",
                            encoding="utf-8")
            subprocess.run([browser, "--headless", "--no-sandbox", "--hide-scrollbars", "--disable-gpu",
                            f"--screenshot={OUT / name}", f"--window-size={width},{height}", page.as_uri()],
                           check=True, capture_output=True)
            print(OUT / name)


if __name__ == "__main__":
    main()
