-- Ephemeral: the lines stay in Parquet and are read by the models that aggregate them, so the warehouse file holds
-- no view whose meaning depends on where the files lie. The month filter of an incremental model reaches the Parquet
-- scan through this projection, so only the months being (re)loaded are read.
{{ config(materialized='ephemeral') }}

with

source as (
    select * from {{ source('customs_detail', 'customs_lines') }}
),

final as (
    select
        period_month,
        flow,
        partner_code,
        hs8_code,
        left(hs8_code, 2) as hs_chapter,
        value_usd,
        value_cny,
        quantity_kg,
        is_synthetic
    from source
)

select * from final
