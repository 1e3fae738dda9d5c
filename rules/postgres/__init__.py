"""PostgreSQL rules: catalog and statistics (PG-C), plans (PG-P), workload (PG-W); all live."""

from rules.postgres.catalog import MODULES as CATALOG_MODULES
from rules.postgres.plan import MODULES as PLAN_MODULES
from rules.postgres.workload import MODULES as WORKLOAD_MODULES

MODULES: tuple[str, ...] = CATALOG_MODULES + PLAN_MODULES + WORKLOAD_MODULES
