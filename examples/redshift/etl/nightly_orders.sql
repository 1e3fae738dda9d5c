-- Nightly: load yesterday's orders, purge old rows, tidy up.
BEGIN;

COPY sales.orders
FROM 's3://acme-lake/exports/orders/2024-06-01/'
IAM_ROLE 'arn:aws:iam::123456789012:role/redshift-loader'
FORMAT AS PARQUET;

DELETE FROM sales.orders WHERE status = 'cancelled';

VACUUM DELETE ONLY sales.orders;

COMMIT;

ANALYZE sales.orders PREDICATE COLUMNS;
