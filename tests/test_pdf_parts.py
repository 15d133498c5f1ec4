"""Big decks: compiled a part at a time, in two processes, and the PDFs joined.

A document holds at most FACES_PER_PART faces per part. These tests make the
parts tiny, so that a small deck comes in many, and check that the joined PDF
is one valid file with every card where it belongs, the same bytes however the
parts were shared out between the processes, and that warnings and template
errors from any part still reach the build.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest

from conftest import write
from pdf_reading import embedded_fonts, read_pdf, render_pgm
from test_pdf import make_deck

import cards.export.pdf as pdf_module
import cards.export.pdf_folders as folders_module
import cards.export.pdf_helper as helper_module
import cards.export.pdf_join as join_module
import cards.export.pdf_parts as parts_module
import cards.render.print as print_module
from cards.build import BuildOptions, build
from cards.errors import Severity
from cards.print_options import PrintOptions
from cards.render.print_layout import page_count


@pytest.fixture
def tiny_parts(monkeypatch):
    """Parts of about 8 faces: one page of the default grid."""
    monkeypatch.setattr(print_module, "FACES_PER_PART", 8)


def _build(root: Path, monkeypatch, out: str = "out", **options) -> tuple[bytes, list]:
    monkeypatch.chdir(root)
    report = build(sorted(Path("decks").glob("*.yaml")), BuildOptions(out_dir=Path(out), lint=False, **options))
    [pdf] = Path(out).glob("*.pdf")
    return pdf.read_bytes(), report.warnings


def test_a_deck_in_parts_is_one_pdf_with_every_card_in_place(tmp_path, monkeypatch, tiny_parts):
    make_deck(tmp_path, 27)
    data, warnings = _build(tmp_path, monkeypatch)
    assert not warnings
    path = tmp_path / "out" / "many.pdf"
    reader = pypdf.PdfReader(io.BytesIO(data), strict=True)
    assert len(reader.pages) == 8 and reader.metadata.title == "Many cards"
    pages = read_pdf(path)
    for i in range(27):
        sheet, k = divmod(i, 8)
        [front], [back] = pages[2 * sheet].find(f"c{i + 1}"), pages[2 * sheet + 1].find(f"c{i + 1}")
        row, column = divmod(k, 2)
        assert pages[2 * sheet].cell(front, 2, 4) == (row, column)
        assert pages[2 * sheet + 1].cell(back, 2, 4) == (row, 1 - column)
    assert all(embedded_fonts(path).values())
    # Every page draws: one image per page, with ink where the cards are.
    for page in (1, 8):
        image = render_pgm(path, page, 20, tmp_path)
        if image is None:
            pytest.skip("pdftoppm is not installed")
        assert min(image[2]) < 128
    if shutil.which("qpdf"):
        check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.parametrize("layout, duplex", [("grid", "none"), ("foldover", "long-edge"), ("index", "short-edge")])
def test_every_layout_joins(tmp_path, monkeypatch, tiny_parts, layout, duplex):
    make_deck(tmp_path, 11)
    data, _ = _build(tmp_path, monkeypatch, print_overrides={"layout": layout, "duplex": duplex, "crop_marks": True})
    reader = pypdf.PdfReader(io.BytesIO(data), strict=True)
    expected = page_count(11, PrintOptions(layout=layout, duplex=duplex))
    assert len(reader.pages) == expected
    text = " ".join(page.extract_text() for page in reader.pages)
    assert all(f"c{i}" in text for i in range(1, 12))


def test_parts_make_the_same_bytes_in_one_process_or_two(tmp_path, monkeypatch, tiny_parts):
    make_deck(tmp_path, 40)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    both, _ = _build(tmp_path, monkeypatch, out="both")
    again, _ = _build(tmp_path, monkeypatch, out="again")
    monkeypatch.setattr(helper_module, "_processors", lambda: 1)
    alone, _ = _build(tmp_path, monkeypatch, out="alone")
    assert both == again == alone
    assert pypdf.PdfReader(io.BytesIO(both)).metadata.creation_date is not None


def test_joined_pdf_is_not_much_bigger_than_one_compile(tmp_path, monkeypatch):
    make_deck(tmp_path, 64)
    monkeypatch.setattr(parts_module, "compile_part", _untagged(parts_module.compile_part))
    whole, _ = _build(tmp_path, monkeypatch, out="whole")
    monkeypatch.setattr(print_module, "FACES_PER_PART", 32)
    parts, _ = _build(tmp_path, monkeypatch, out="parts")
    # Each of the 4 parts carries its own subset of the fonts: some 20 kB.
    assert len(parts) < len(whole) + 4 * 30_000


def _untagged(compile_part):
    def untagged(folder, data, timestamp, *, tagged):
        return compile_part(folder, data, timestamp, tagged=False)

    return untagged


def test_overflow_in_any_part_names_its_card(tmp_path, monkeypatch, tiny_parts):
    make_deck(tmp_path, 20, extra=f"""\
      - id: huge
        kind: quote
        quote: {"Go out where you belong from now on. " * 50}
        speaker: Leon Trotsky
        source: notes:4
    """)
    _, warnings = _build(tmp_path, monkeypatch)
    [problem] = [p for p in warnings if p.card == "huge"]
    assert problem.severity is Severity.WARNING and "front" in problem.message


def test_a_broken_template_in_parts_is_an_error_that_quotes_the_line(tmp_path, monkeypatch, tiny_parts):
    make_deck(tmp_path, 30)
    write(tmp_path / "templates" / "print" / "term.typ.j2", """\
        #let term-label = "Term"
        #let term-front(card) = main(card.no_such_field)
        #let term-back(card) = main(card.definition)
        """)
    with pytest.raises(pdf_module.PdfError) as caught:
        _build(tmp_path, monkeypatch)
    message = str(caught.value)
    assert "cannot make the PDF" in message and "main(card.no_such_field)" in message
    assert not (tmp_path / "out").exists()


def test_when_the_helper_cannot_start_this_process_does_every_part(tmp_path, monkeypatch, tiny_parts):
    make_deck(tmp_path, 20)
    monkeypatch.setattr(pdf_module, "start_helper", lambda *args: None)
    data, _ = _build(tmp_path, monkeypatch)
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) == 6


# --- joining -------------------------------------------------------------------------------------------------


def test_join_keeps_text_that_looks_like_a_reference(tmp_path, monkeypatch, tiny_parts):
    make_deck(tmp_path, 12)
    deck = tmp_path / "decks" / "many.yaml"
    deck.write_text(deck.read_text().replace("deck: Many cards", "deck: '1 0 R (2 0 R) << /Pages 3 0 R >> \\\\'"))
    data, _ = _build(tmp_path, monkeypatch)
    reader = pypdf.PdfReader(io.BytesIO(data), strict=True)
    assert reader.metadata.title == "1 0 R (2 0 R) << /Pages 3 0 R >> \\\\"
    assert len(reader.pages) == 4


def test_join_refuses_a_pdf_it_does_not_know(tmp_path):
    import typst

    source = tmp_path / "main.typ"
    source.write_text("= A heading\nSome text.", encoding="utf-8")
    tagged = typst.compile(str(source), root=str(tmp_path), ignore_system_fonts=True)  # a structure tree, an outline
    with pytest.raises(join_module.UnjoinablePdf):
        join_module.join_pdfs([tagged, tagged])
    with pytest.raises(join_module.UnjoinablePdf):
        join_module.join_pdfs([b"%PDF-1.7\nnot really", b"%PDF-1.7\n"])
    plain = typst.compile(str(source), root=str(tmp_path), ignore_system_fonts=True, pdf_tags=False)
    assert join_module.join_pdfs([plain]) == plain


def test_an_unjoinable_pdf_falls_back_to_one_compile(tmp_path, monkeypatch, tiny_parts):
    make_deck(tmp_path, 20)

    def refuse(pdfs):
        raise join_module.UnjoinablePdf("no")

    monkeypatch.setattr(pdf_module, "join_pdfs", refuse)
    data, _ = _build(tmp_path, monkeypatch)
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) == 6


# --- starting early --------------------------------------------------------------------------------------------


def _document(root: Path, count: int):
    from cards.build import check
    from cards.print_options import resolve
    from cards.templating import template_dirs

    make_deck(root, count)
    [(loaded, deck)] = check([root / "decks" / "many.yaml"], lint=False).decks
    return print_module.render_print(deck, template_dirs(None), resolve(deck.print_options, {}))


@pytest.mark.parametrize("count", [5, 30])
def test_a_pdf_started_early_is_the_same_pdf(tmp_path, tiny_parts, count):
    import time

    document = _document(tmp_path, count)
    job = pdf_module.start_pdf(document)
    if job.helper is None:
        pytest.skip("one processor: there is no helper to start early")
    deadline = time.monotonic() + 60
    while job.helper.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)  # the build would be linting and packing the Anki deck meanwhile
    early = job.result()
    assert not job.folder.exists()
    now = pdf_module.pdf_bytes(document)
    assert early.data == now.data and early.overflows == now.overflows


def test_a_started_pdf_that_is_not_wanted_leaves_nothing(tmp_path, tiny_parts):
    with pdf_module.start_pdf(_document(tmp_path, 30)) as job:
        folder, helper = job.folder, job.helper
    assert not folder.exists()
    assert helper is None or helper.poll() is not None


def test_a_build_removes_the_folders_that_killed_builds_left_behind(tmp_path, monkeypatch):
    """A build killed with SIGKILL after its helper has finished leaves its private folder in
    the temporary folder. A later build removes it once its owner is gone and it has sat for
    an hour; a folder whose owner still runs, or that changed lately, is left alone."""
    import os
    import subprocess
    import sys
    import tempfile
    import time

    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    long_ago = time.time() - 2 * folders_module.ABANDONED_AFTER
    folders = {}
    for name, owner, aged in (("abandoned", gone.pid, True), ("recent", gone.pid, False),
                              ("running", os.getpid(), True), ("no-owner", None, True)):
        # Named as a build names its folder: after the process that made it.
        folder = temporary / f"{folders_module.FOLDER_PREFIX}{'' if owner is None else f'{owner}-'}{name}"
        folder.mkdir()
        (folder / "part-0.json").write_text("{}")
        if aged:
            os.utime(folder, (long_ago, long_ago))
        folders[name] = folder
    with pdf_module.start_pdf(_document(tmp_path / "deck", 3)) as job:
        assert job.folder.parent == temporary
    assert sorted(p.name for p in temporary.iterdir()) == sorted(
        folders[name].name for name in ("no-owner", "recent", "running"))  # no owner: kept until a day old
    os.utime(folders["no-owner"], (time.time() - 25 * 3600,) * 2)
    pdf_module.pdf_bytes(_document(tmp_path / "deck2", 3))
    assert sorted(p.name for p in temporary.iterdir()) == sorted(folders[name].name for name in ("recent", "running"))
