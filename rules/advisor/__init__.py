"""Rules about the input itself: parse errors, unreadable files, unused suppressions, rules
that failed, and SQL the advisor cannot read (dynamic EXECUTE)."""

MODULES: tuple[str, ...] = (
    "rules.advisor.parse_error",
    "rules.advisor.unreadable_file",
    "rules.advisor.unused_noqa",
    "rules.advisor.rule_error",
    "rules.advisor.dynamic_sql",
)
