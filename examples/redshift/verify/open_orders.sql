-- Orders still open, for the support dashboard.
SELECT *
FROM rs_demo.orders_stale
WHERE status = 'open'
ORDER BY ordered_at;
