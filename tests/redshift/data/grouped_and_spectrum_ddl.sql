CREATE TABLE rs_demo.orders_by_customer (
    order_id BIGINT,
    customer_id INTEGER,
    region VARCHAR(16),
    ordered_at TIMESTAMP,
    total DECIMAL(12,2)
)
DISTSTYLE KEY DISTKEY (customer_id)
COMPOUND SORTKEY (customer_id, region, ordered_at);

CREATE EXTERNAL TABLE spectrum.sales_by_month (
    sale_id BIGINT,
    amount DECIMAL(12,2)
)
PARTITIONED BY (sale_month VARCHAR(7))
STORED AS PARQUET
LOCATION 's3://example-bucket/sales/by_month/';
