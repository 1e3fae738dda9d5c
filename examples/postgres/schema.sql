-- Demo shop for the advisor's live PostgreSQL analysis.
-- Each planted problem sits next to a clean twin that must stay silent. The loader
-- (services/demo_postgres.py) runs this file, then the workload that leaves dead rows,
-- statistics and scan counters behind.

DROP SCHEMA IF EXISTS shop CASCADE;
CREATE SCHEMA shop;

-- PG-C01 / PG-C04: dead rows that autovacuum may not remove (it is off for this table).
CREATE TABLE shop.orders_churn (
    id bigint PRIMARY KEY,
    status text NOT NULL,
    amount numeric(10, 2) NOT NULL
) WITH (autovacuum_enabled = false);
CREATE TABLE shop.orders_clean (LIKE shop.orders_churn INCLUDING ALL);
INSERT INTO shop.orders_churn
SELECT g, 'new', (g % 500) + 0.99 FROM generate_series(1, 30000) AS g;
INSERT INTO shop.orders_clean SELECT * FROM shop.orders_churn;

-- PG-C03: never analysed (autovacuum would analyse it, so its analyse threshold is huge).
CREATE TABLE shop.events_raw (
    id bigint PRIMARY KEY,
    kind text NOT NULL,
    created_at timestamptz NOT NULL
) WITH (autovacuum_analyze_threshold = 2000000000);
CREATE TABLE shop.events_analyzed (
    id bigint PRIMARY KEY,
    kind text NOT NULL,
    created_at timestamptz NOT NULL
);
INSERT INTO shop.events_raw
SELECT g, (ARRAY['view', 'click', 'buy'])[1 + g % 3], timestamptz '2026-01-01' + g * interval '1 min'
FROM generate_series(1, 20000) AS g;
INSERT INTO shop.events_analyzed SELECT * FROM shop.events_raw;

-- PG-C09: order_items references orders without an index; order_lines has one.
CREATE TABLE shop.orders (
    id bigint PRIMARY KEY,
    customer_id bigint NOT NULL,
    placed_at timestamptz NOT NULL
);
CREATE TABLE shop.order_items (
    id bigint PRIMARY KEY,
    order_id bigint NOT NULL REFERENCES shop.orders (id),
    quantity int NOT NULL
);
CREATE TABLE shop.order_lines (
    id bigint PRIMARY KEY,
    order_id bigint NOT NULL REFERENCES shop.orders (id),
    quantity int NOT NULL
);
CREATE INDEX order_lines_order_id_idx ON shop.order_lines (order_id);
INSERT INTO shop.orders
SELECT g, g % 40000, timestamptz '2026-01-01' + g * interval '5 min'
FROM generate_series(1, 20000) AS g;
INSERT INTO shop.order_items SELECT g, 1 + g % 20000, 1 + g % 7 FROM generate_series(1, 60000) AS g;
INSERT INTO shop.order_lines SELECT * FROM shop.order_items;

-- PG-C07: customers_email_idx is never used; customers_city_idx is (the loader queries it).
CREATE TABLE shop.customers (
    id bigint PRIMARY KEY,
    email text NOT NULL,
    city text NOT NULL
);
INSERT INTO shop.customers
SELECT g, 'customer' || g || '@example.com', 'city-' || (g % 1000)
FROM generate_series(1, 40000) AS g;
CREATE INDEX customers_email_idx ON shop.customers (email);
CREATE INDEX customers_city_idx ON shop.customers (city);

-- PG-C06: page_views is read by sequential scans only; its twin by an index.
CREATE TABLE shop.page_views (
    id bigint PRIMARY KEY,
    url text NOT NULL,
    payload text NOT NULL
);
CREATE TABLE shop.page_views_indexed (LIKE shop.page_views INCLUDING ALL);
INSERT INTO shop.page_views
SELECT g, '/p/' || (g % 5000), repeat(md5(g::text), 3) FROM generate_series(1, 80000) AS g;
INSERT INTO shop.page_views_indexed SELECT * FROM shop.page_views;
CREATE INDEX page_views_indexed_url_idx ON shop.page_views_indexed (url);

-- PG-C10: audit_log has no primary key; audit_log_keyed has one.
CREATE TABLE shop.audit_log (
    at timestamptz NOT NULL,
    actor text NOT NULL,
    action text NOT NULL
);
CREATE TABLE shop.audit_log_keyed (
    id bigint PRIMARY KEY,
    at timestamptz NOT NULL,
    actor text NOT NULL,
    action text NOT NULL
);
INSERT INTO shop.audit_log
SELECT timestamptz '2026-01-01' + g * interval '1 s', 'user' || g % 50, 'login'
FROM generate_series(1, 5000) AS g;
INSERT INTO shop.audit_log_keyed SELECT row_number() OVER (ORDER BY at), at, actor, action
FROM shop.audit_log;

-- PG-C08: products_sku_idx is a leading prefix of products_sku_name_idx; suppliers is clean.
CREATE TABLE shop.products (
    id bigint PRIMARY KEY,
    sku text NOT NULL,
    name text NOT NULL
);
CREATE INDEX products_sku_idx ON shop.products (sku);
CREATE INDEX products_sku_name_idx ON shop.products (sku, name);
CREATE TABLE shop.suppliers (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    country text NOT NULL
);
CREATE INDEX suppliers_name_idx ON shop.suppliers (name);
CREATE INDEX suppliers_country_idx ON shop.suppliers (country);
INSERT INTO shop.products SELECT g, 'SKU-' || g, 'product ' || g FROM generate_series(1, 2000) AS g;
INSERT INTO shop.suppliers SELECT g, 'supplier ' || g, 'C' || g % 40 FROM generate_series(1, 2000) AS g;
