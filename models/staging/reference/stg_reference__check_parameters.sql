with

source as (
    select * from {{ source('reference', 'ref_check_parameters') }}
),

final as (
    select * from source
)

select * from final
