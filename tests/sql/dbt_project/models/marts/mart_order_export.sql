-- Everything about every order, for the finance export.
-- Planted: SELECT * reads every column of the fact table.

select *
from {{ ref('fct_orders') }}
where order_date >= '{{ var("start_date") }}'
