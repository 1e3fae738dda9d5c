{{
    config(
        materialized='incremental',
        unique_key='event_id'
    )
}}

select
    event_id,
    customer_id,
    event_type,
    event_ts
from {{ source('raw', 'events') }}
{% if is_incremental() %}
where event_ts > (select max(event_ts) from {{ this }})
{% endif %}
