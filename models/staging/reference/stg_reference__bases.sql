with

source as (
    select * from {{ source('reference', 'ref_bases') }}
),

final as (
    select * from source
)

select * from final
