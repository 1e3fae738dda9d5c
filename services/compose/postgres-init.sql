-- Run once by the postgres image when its data volume is created.
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
