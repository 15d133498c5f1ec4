"""Releases: keeping students' Anki collections updating in place, build after build.

:mod:`.lockfile` reads and writes a deck's lock file (what the last release
held); :mod:`.plan` decides each note's time and what changed, and refuses what
would break students' copies; :mod:`.diff` compares two packages and checks,
with the official ``anki`` package, that one updates the other cleanly.
"""
