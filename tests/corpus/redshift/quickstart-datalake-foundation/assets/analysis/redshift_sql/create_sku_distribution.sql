DROP TABLE IF EXISTS sku_distribution;
CREATE TABLE sku_distribution AS (
  SELECT product_category, orders.sku, COUNT(*) AS sku_count FROM
  orders JOIN {{ external_schema_name }}.{{ products_parquet_table_name }} ON orders.sku = {{ products_parquet_table_name }}.sku
  WHERE {{ products_parquet_table_name }}.dt = '2016-12-31'
  GROUP BY product_category, orders.sku ORDER BY sku_count DESC LIMIT 50
);