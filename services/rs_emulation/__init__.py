"""The Redshift system-view emulation's loader, one module per family of system views.

`rows` writes what the families yield (data-driven inserts: each family maps a scenario
entry to rows of named columns); `tables` creates and fills the demo tables and their declared
keys; `history`, `objects`, `storage`, `loads`, `usage` and `administration` fill the system
tables of their family from the scenario files; `catalog` takes the snapshot of the catalog
views (svv_table_info, svv_redshift_columns, stv_blocklist) into plain tables once the loader's
counters have settled; `scale` builds a large cluster (thousands of tables, a million queries)
for the live benchmark. `services/redshift_emulation.py` is the command that runs them.
"""
