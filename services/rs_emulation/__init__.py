"""The Redshift system-view emulation's loader, one module per family of system views.

`rows` writes what the families yield (data-driven inserts: each family maps a scenario
entry to rows of named columns); `tables` creates and fills the demo tables and their declared
keys; `history`, `objects`, `storage`, `loads`, `usage` and `administration` fill the system
tables of their family from the scenario files; `catalog` waits until the loader's counters
have reached svv_table_info's source and fills the catalog tables from their sources; `scale`
builds a synthetic scenario of many tables and a long history with set-based SQL.
`services/redshift_emulation.py` is the command that runs them.
"""
