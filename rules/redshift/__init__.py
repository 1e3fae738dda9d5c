"""Redshift rules: DDL, queries and utility statements (static), catalog, plans, workload."""

from rules.redshift.catalog import MODULES as CATALOG_MODULES
from rules.redshift.ddl import MODULES as DDL_MODULES
from rules.redshift.plan import MODULES as PLAN_MODULES
from rules.redshift.query import MODULES as QUERY_MODULES
from rules.redshift.workload import MODULES as WORKLOAD_MODULES

MODULES: tuple[str, ...] = (
    DDL_MODULES + QUERY_MODULES + PLAN_MODULES + CATALOG_MODULES + WORKLOAD_MODULES
)
