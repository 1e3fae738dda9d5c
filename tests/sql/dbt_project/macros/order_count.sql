{% macro order_count(customer) -%}
    {{ return(adapter.dispatch('order_count')(customer)) }}
{%- endmacro %}

{% macro default__order_count(customer) -%}
    (select count(*) from {{ ref('stg_orders') }} so where so.customer_id = {{ customer }})
{%- endmacro %}
