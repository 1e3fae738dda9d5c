-- Customers: full refresh from the CRM export, outside any transaction block.
COPY sales.customers
FROM 's3://acme-lake/exports/customers/2024-06-01/'
IAM_ROLE 'arn:aws:iam::123456789012:role/redshift-loader'
FORMAT AS PARQUET;

ANALYZE sales.customers PREDICATE COLUMNS;

VACUUM SORT ONLY sales.customers TO 99 PERCENT;
