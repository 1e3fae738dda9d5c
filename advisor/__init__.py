"""The advisor: finds and explains performance problems in Redshift SQL and OpenSearch DSL."""

__version__ = "0.1.0"
