-- Ad-hoc export requested by support.
SELECT *
FROM sales.orders
WHERE order_date = '2024-06-01';
