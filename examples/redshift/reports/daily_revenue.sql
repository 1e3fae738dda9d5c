-- Revenue by day and segment for the finance dashboard.
SELECT
    o.order_date,
    c.segment,
    SUM(o.total) AS revenue,
    COUNT(DISTINCT o.customer_id) AS buyers
FROM sales.orders AS o
JOIN sales.customers AS c
    ON c.customer_id = o.customer_id
WHERE o.order_date >= DATEADD(day, -30, CURRENT_DATE)
GROUP BY o.order_date, c.segment
ORDER BY o.order_date, c.segment;
