with

source as (
    select * from {{ source('reference', 'ref_measures') }}
),

final as (
    select * from source
)

select * from final
