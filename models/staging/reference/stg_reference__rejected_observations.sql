with

source as (
    select * from {{ source('reference', 'ref_rejected_observations') }}
),

final as (
    select * from source
)

select * from final
