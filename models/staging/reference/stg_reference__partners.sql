with

source as (
    select * from {{ source('reference', 'ref_partners') }}
),

final as (
    select * from source
)

select * from final
