with

source as (
    select * from {{ source('reference', 'ref_sources') }}
),

final as (
    select * from source
)

select * from final
