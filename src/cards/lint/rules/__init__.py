"""The lint rules: generic checks that card kinds configure, and rules of their own.

* Generic checks, one class per module, each configured by the kinds that use
  it (:mod:`cards.kinds`): :mod:`.supported` (a field's words are in the cited
  text), :mod:`.name_found` (a person's name is), :mod:`.phrase_found` (a term
  is), :mod:`.verbatim` (a quotation is, word for word).
* Rules with one code, one module each, named after it: ``c001_...`` (every
  card), ``d101_...`` to ``d103_...`` (the date kind lists them), ``x501_...``
  and ``x502_...`` (the whole deck).

Every rule is a :class:`~cards.lint.rule.Rule`; its ``doc`` gives a passing and
a failing example in the form the tests run::

    Passes::

        text: the cited source line
        card: {kind: date, date: 25 October 1917, event: ...}

    Fails::

        ...

``text:`` lines make the source file (every card cites line 1 unless its
``source:`` says otherwise); an optional ``calendar:`` line declares the
source's calendar. Rules never read files: everything arrives in the context.
"""
