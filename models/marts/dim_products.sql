-- One row per product, product group, commodity or trade channel (HS codes as text).
select * from {{ ref('stg_reference__products') }}
