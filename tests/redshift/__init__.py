"""Tests of the Redshift EXPLAIN parser, plan rules, system-view emulation and connector."""
