-- Orders as they arrive from the shop, with amounts in the reporting currency.
with source as (

    select * from {{ source('raw', 'orders') }}

)

select
    order_id,
    customer_id,
    order_date,
    status,
    {{ cents_to_dollars('amount_cents') }} as amount,
    '{{ var("currency") }}' as currency
from source
where order_date >= '{{ var("start_date") }}'
