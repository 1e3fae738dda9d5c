"""Static rules on Redshift DDL (rulebook section 1A)."""

MODULES: tuple[str, ...] = ("rules.redshift.ddl.interleaved_monotonic_sortkey",)
