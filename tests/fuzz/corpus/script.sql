-- nightly load
CREATE TABLE sales.orders (order_id BIGINT, region VARCHAR(8), ts DATE) DISTKEY (order_id) SORTKEY (ts);
INSERT INTO sales.orders VALUES (1, 'eu', '2024-01-01');
SELECT * FROM sales.orders o JOIN sales.items i ON o.order_id = i.order_id WHERE o.region = 'eu';
/* block /* nested */ comment */ UPDATE sales.orders SET region = 'us' WHERE order_id = 1; -- noqa: RS-Q01
CREATE FUNCTION f(int) RETURNS int AS $$ SELECT $1; $$ LANGUAGE sql;
SELECT "quoted;id", 'it''s', E'a\'b' FROM t;
