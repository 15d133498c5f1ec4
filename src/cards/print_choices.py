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
