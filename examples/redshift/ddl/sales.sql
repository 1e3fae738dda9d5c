-- Core sales model. Tables follow the team's conventions: automatic table optimisation,
-- declared keys, right-sized columns.

CREATE TABLE IF NOT EXISTS sales.customers (
    customer_id   BIGINT       NOT NULL,
    email         VARCHAR(320) NOT NULL,
    country_code  CHAR(2),
    segment       VARCHAR(32),
    signed_up_on  DATE,
    PRIMARY KEY (customer_id)
)
DISTSTYLE AUTO
SORTKEY AUTO;

CREATE TABLE IF NOT EXISTS sales.orders (
    order_id      BIGINT        NOT NULL,
    customer_id   BIGINT        NOT NULL REFERENCES sales.customers (customer_id),
    order_date    DATE          NOT NULL,
    status        VARCHAR(16)   NOT NULL,
    total         DECIMAL(12,2) NOT NULL,
    PRIMARY KEY (order_id)
)
DISTSTYLE AUTO
SORTKEY AUTO;

CREATE TABLE IF NOT EXISTS sales.order_items (
    order_id      BIGINT        NOT NULL REFERENCES sales.orders (order_id),
    line_no       SMALLINT      NOT NULL,
    sku           VARCHAR(40)   NOT NULL,
    quantity      INTEGER       NOT NULL,
    unit_price    DECIMAL(12,2) NOT NULL,
    PRIMARY KEY (order_id, line_no)
)
DISTSTYLE AUTO
SORTKEY AUTO;
