{{ config(
    materialized='table',
    dist='customer_id',
    sort=['order_date', 'status'],
    sort_type='interleaved'
) }}

select
    o.order_id,
    o.customer_id,
    o.order_date,
    o.status,
    o.amount,
    c.country_code
from {{ ref('stg_orders') }} o
join {{ ref('stg_customers') }} c on c.customer_id = o.customer_id
