"""Building blocks of the Redshift dialect; import the public API from ``advisor.sql.dialect``."""
