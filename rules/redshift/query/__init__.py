"""Static rules on Redshift queries and utility statements (rulebook section 1B)."""

MODULES: tuple[str, ...] = (
    "rules.redshift.query.select_star",
    "rules.redshift.query.vacuum_in_transaction",
)
