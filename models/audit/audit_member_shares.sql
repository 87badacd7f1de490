-- One row per member of a partner group x flow x period where both have a share of China's total (reported, else
-- computed in yuan, else in dollars) while the membership holds: a member's trade is part of its group's.
with

partners as (
    select * from {{ ref('fct_partner_trade') }}
),

memberships as (
    select * from {{ ref('dim_partner_memberships') }}
),

shares as (
    select
        partner_code,
        flow,
        period_start_month,
        period_end_month,
        coalesce(share_pct_reported, share_pct_cny_computed, share_pct_usd_computed) as share_pct
    from partners
),

final as (
    select
        member.partner_code as member_code,
        memberships.group_code,
        member.flow,
        member.period_start_month,
        member.period_end_month,
        member.share_pct as member_share_pct,
        grouped.share_pct as group_share_pct,
        member.share_pct > grouped.share_pct + 2 * {{ check_parameter('share_printed_half_unit_pct') }}
            as is_above_group
    from shares as member
    inner join memberships
        on member.partner_code = memberships.member_code
        and member.period_end_month >= memberships.valid_from
        and (memberships.valid_to is null or member.period_start_month <= memberships.valid_to)
    inner join shares as grouped
        on memberships.group_code = grouped.partner_code
        and member.flow = grouped.flow
        and member.period_start_month = grouped.period_start_month
        and member.period_end_month = grouped.period_end_month
)

select * from final
