-- One row per group x member x spell of membership (valid_to null = still a member).
with

memberships as (
    select * from {{ ref('stg_reference__partner_memberships') }}
),

final as (
    select
        group_code,
        member_code,
        valid_from,
        valid_to,
        valid_to is null as is_current
    from memberships
)

select * from final
