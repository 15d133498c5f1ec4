"""One module per lint rule; the registry in :mod:`cards.lint.registry` lists them.

Each module defines ``ID``, ``NAME``, ``SEVERITY``, ``KINDS`` (the card kinds it
checks; empty for every kind) and either ``check(ctx)`` (one card, with its
cited text) or ``check_deck(contexts)`` (the whole deck). Its docstring gives a
passing and a failing example in the form the tests run::

    Passes::

        text: the cited source line
        card: {kind: date, date: 25 October 1917, event: ...}

    Fails::

        ...

``text:`` lines make the source file (every card cites line 1 unless its
``source:`` says otherwise); an optional ``calendar:`` line declares the
source's calendar. Rules never read files: everything arrives in the context.
"""
