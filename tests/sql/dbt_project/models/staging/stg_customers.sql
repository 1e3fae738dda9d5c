{{ config(materialized='view') }}

select
    customer_id,
    {%- for column in ['first_name', 'last_name', 'country_code'] %}
    trim({{ column }}) as {{ column }},
    {%- endfor %}
    cast(created_at as {{ dbt.type_timestamp() }}) as created_at
from {{ source('raw', 'customers') }}
