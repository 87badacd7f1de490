with

source as (
    select * from {{ source('reference', 'ref_units') }}
),

final as (
    select * from source
)

select * from final
