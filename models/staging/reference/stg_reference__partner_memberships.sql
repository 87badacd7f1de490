with

source as (
    select * from {{ source('reference', 'ref_partner_memberships') }}
),

final as (
    select * from source
)

select * from final
