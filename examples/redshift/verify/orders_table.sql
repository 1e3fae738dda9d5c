-- The orders table as the warehouse defines it (the demo emulation holds the same table).
CREATE TABLE rs_demo.orders_stale (
    order_id BIGINT,
    customer_id INTEGER,
    status VARCHAR(16),
    ordered_at TIMESTAMP
);
