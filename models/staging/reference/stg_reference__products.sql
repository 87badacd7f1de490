with

source as (
    select * from {{ source('reference', 'ref_products') }}
),

final as (
    select * from source
)

select * from final
