"""Rules about the input itself: parse errors, unreadable files, unused suppressions."""

MODULES: tuple[str, ...] = (
    "rules.advisor.parse_error",
    "rules.advisor.unreadable_file",
    "rules.advisor.unused_noqa",
    "rules.advisor.rule_error",
)
