"""Which rules run and how severe they are: ``[tool.cards.lint]`` and the CLI flags.

::

    [tool.cards.lint]
    select = ["C", "D", "Q401"]      # codes or prefixes; default: every rule
    ignore = ["X501"]                # codes or prefixes taken out of the selection
    severity = { D103 = "error" }    # per code: "error" or "warning"

    [tool.cards.lint.rules.D110]     # a rule's options, per code (see each rule's OPTIONS)
    min_support = 0.5

    aliases = [["Kadets", "Constitutional Democrats"]]   # names of one thing (see cards.lint.synonyms)

``select`` and ``ignore`` may also be one comma-separated string. On the
command line ``--select`` replaces the configured selection and ``--ignore``
adds to the configured ignores. A code or prefix that matches no rule, an
unknown key or a bad severity is a usage error (:class:`LintConfigError`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from cards.errors import ConfigError, Severity
from cards.lint.registry import BY_ID, RULES
from cards.lint.rule import Rule

KEYS = ("select", "ignore", "severity", "rules", "aliases")


class LintConfigError(ConfigError):
    """The lint configuration or a --select/--ignore value is wrong."""


def parse_codes(value: Any, where: str) -> tuple[str, ...]:
    """Codes or prefixes from a list or a comma-separated string, each checked."""
    if isinstance(value, str):
        items = value.replace(",", " ").split()
    elif isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        items = [part for v in value for part in v.replace(",", " ").split()]
    else:
        raise LintConfigError(f"{where} must be a list of rule codes such as [\"D101\", \"Q\"]")
    codes = tuple(item.strip().upper() for item in items if item.strip())
    for code in codes:
        if not any(rule_id.startswith(code) for rule_id in BY_ID):
            known = ", ".join(BY_ID)
            raise LintConfigError(f"{where}: unknown rule code {code!r}; known codes: {known}")
    return codes


def matches(code: str, prefixes: Iterable[str]) -> bool:
    return any(code.startswith(prefix) for prefix in prefixes)


@dataclass(frozen=True)
class LintConfig:
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    #: code -> option -> value, for the options a project sets (the rest keep their defaults)
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    #: groups of names of one thing, for every deck (with those the decks' cards declare)
    aliases: tuple[tuple[str, ...], ...] = ()

    @classmethod
    def from_table(cls, table: Mapping[str, Any], where: str = "[tool.cards.lint]") -> LintConfig:
        if not isinstance(table, Mapping):
            raise LintConfigError(f"{where} must be a table")
        unknown = sorted(set(table) - set(KEYS))
        if unknown:
            raise LintConfigError(f"{where}: unknown key {unknown[0]!r}; expected one of: {', '.join(KEYS)}")
        select = parse_codes(table["select"], f"{where} select") if "select" in table else None
        ignore = parse_codes(table.get("ignore", []), f"{where} ignore")
        raw = table.get("severity", {})
        if not isinstance(raw, Mapping):
            raise LintConfigError(f"{where} severity must be a table such as {{ D103 = \"error\" }}")
        severity = {}
        for code, level in raw.items():
            if str(code).upper() not in BY_ID:
                raise LintConfigError(f"{where} severity: unknown rule code {code!r}; known codes: {', '.join(BY_ID)}")
            try:
                severity[str(code).upper()] = Severity(str(level).lower())
            except ValueError:
                raise LintConfigError(f"{where} severity of {code}: {level!r} is not 'error' or 'warning'") from None
        return cls(select, ignore, severity, _rule_options(table.get("rules", {}), f"{where} rules"),
                   _aliases(table.get("aliases", []), f"{where} aliases"))

    @classmethod
    def coerce(cls, value: LintConfig | Mapping[str, Any] | None) -> LintConfig:
        if value is None:
            return cls()
        if isinstance(value, LintConfig):
            return value
        if hasattr(value, "table"):  # a cards.config.LintTable, as read from pyproject.toml
            return cls.from_table(value.table, value.where)
        return cls.from_table(value, "lint configuration")

    def merged(self, select: tuple[str, ...] | None = None, ignore: tuple[str, ...] = ()) -> LintConfig:
        """This configuration with the command line's --select (replacing) and --ignore (adding)."""
        return LintConfig(select if select is not None else self.select, (*self.ignore, *ignore), self.severity,
                          self.options, self.aliases)

    def options_of(self, rule: Rule) -> dict[str, Any]:
        """The rule's options: its defaults, with what the project set."""
        return {**rule.defaults(), **self.options.get(rule.ID, {})}

    def enabled(self, rule: Rule) -> bool:
        if self.select is not None and not matches(rule.ID, self.select):
            return False
        return not matches(rule.ID, self.ignore)

    def severity_of(self, rule: Rule) -> Severity:
        return self.severity.get(rule.ID, rule.SEVERITY)

    def rules(self) -> list[Rule]:
        return [rule for rule in RULES if self.enabled(rule)]


def _rule_options(raw: Any, where: str) -> dict[str, dict[str, Any]]:
    """``{CODE: {option: value}}``, each code, option and value checked against the rule."""
    if not isinstance(raw, Mapping):
        raise LintConfigError(f"{where} must be a table of rule codes, such as [tool.cards.lint.rules.D110]")
    found: dict[str, dict[str, Any]] = {}
    for code, values in raw.items():
        rule = BY_ID.get(str(code).upper())
        if rule is None:
            raise LintConfigError(f"{where}: unknown rule code {code!r}; known codes: {', '.join(BY_ID)}")
        if not isinstance(values, Mapping):
            raise LintConfigError(f"{where}.{rule.ID} must be a table of options, such as {{ name = value }}")
        checked = {}
        for name, value in values.items():
            option = rule.OPTIONS.get(name)
            if option is None:
                known = ", ".join(rule.OPTIONS) or "none"
                raise LintConfigError(f"{where}.{rule.ID}: unknown option {name!r}; {rule.ID} takes: {known}")
            try:
                checked[name] = option.check(value)
            except ValueError as exc:
                raise LintConfigError(f"{where}.{rule.ID} {name}: {exc}") from None
        found[rule.ID] = checked
    return found


def _aliases(raw: Any, where: str) -> tuple[tuple[str, ...], ...]:
    """Groups of names of one thing: a list of lists of two or more names each."""
    example = '[["Kadets", "Constitutional Democrats"], ["Kaiser", "Wilhelm II"]]'
    if not isinstance(raw, (list, tuple)):
        raise LintConfigError(f"{where} must be a list of groups of names, such as {example}")
    groups = []
    for group in raw:
        if (not isinstance(group, (list, tuple)) or len(group) < 2
                or not all(isinstance(n, str) and n.strip() for n in group)):
            raise LintConfigError(f"{where}: {group!r} is not a group of two or more names; write, for "
                                  f"example, {example}")
        groups.append(tuple(n.strip() for n in group))
    return tuple(groups)
