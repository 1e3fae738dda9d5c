{{ config(materialized='view') }}

-- Planted: a Cartesian product of customers and days.
select
    c.customer_id,
    d.order_date
from {{ ref('dim_customers') }} c
cross join {{ ref('fct_orders') }} d
