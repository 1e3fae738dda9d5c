{% macro cents_to_dollars(column, scale=2) -%}
    ({{ column }} / 100.0)::decimal(16, {{ scale }})
{%- endmacro %}
