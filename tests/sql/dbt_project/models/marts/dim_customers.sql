{{ config(materialized='table', dist='all', sort='customer_id') }}

select
    c.customer_id,
    c.first_name,
    c.last_name,
    c.country_code,
    {{ order_count('c.customer_id') }} as orders
from {{ ref('stg_customers') }} c
