"""What a printed card set may be printed on and how: papers, layouts, duplex modes.

Kept apart from :mod:`cards.print_options` (which checks a deck's ``print:``
section) so that the command line can offer the same choices without importing
the checking framework: ``cards --help`` stays fast.
"""

MM_PER_INCH = 25.4

#: Paper sizes in millimetres, portrait (width, height).
PAPERS: dict[str, tuple[float, float]] = {
    "a4": (210.0, 297.0),
    "letter": (8.5 * MM_PER_INCH, 11 * MM_PER_INCH),
}
#: The index-card layout prints one card per 5 x 3 in page, landscape.
INDEX_CARD: tuple[float, float] = (5 * MM_PER_INCH, 3 * MM_PER_INCH)

LAYOUTS = ("grid", "foldover", "index")
DUPLEX = ("long-edge", "short-edge", "none")

#: (default columns, default rows, most columns, most rows) for each layout that has a grid.
#: A fold-over column holds a front and its back side by side, so it is two cards wide.
GRID_LIMITS: dict[str, tuple[int, int, int, int]] = {
    "grid": (2, 4, 6, 10),
    "foldover": (1, 4, 3, 10),
}

#: Card stock, each a measured page: name -> (paper, card width, card height in mm, columns, rows).
#: The cards touch (the stock is perforated between them) and the block of cards is centred on the sheet.
STOCKS: dict[str, tuple[str, float, float, int, int]] = {
    "avery-5388": ("letter", 5 * MM_PER_INCH, 3 * MM_PER_INCH, 1, 3),  # 3 x 5 in index cards, 3 per sheet
    "avery-5371": ("letter", 3.5 * MM_PER_INCH, 2 * MM_PER_INCH, 2, 5),  # 2 x 3.5 in business cards, 10 per sheet
    "a7": ("a4", 74.0, 105.0, 2, 2),  # A7 portrait, 4 per A4 sheet
    "a6": ("a4", 148.0, 105.0, 1, 2),  # A6 landscape, 2 per A4 sheet (all that fit inside a 6 mm printer margin)
}
