-- One row per partner: the world, a country, a bloc, a continent or an initiative, with the groups it belongs to
-- today and whether its share may be added to the others' (is_share_disjoint).
-- The contract declares member_of_groups as DuckDB's list type (varchar[]); Spark names it array<string>, which a
-- contract cannot say per engine, so on Spark this one contract is not enforced (docs/decisions/0018).
{{ config(contract={'enforced': target.type != 'spark'}) }}
with

partners as (
    select * from {{ ref('stg_reference__partners') }}
),

memberships as (
    select * from {{ ref('stg_reference__partner_memberships') }}
),

current_groups as (
    select
        member_code,
        {{ ctw_sorted_list('group_code') }} as member_of_groups
    from memberships
    where valid_to is null
    group by member_code
),

member_counts as (
    select
        group_code,
        count(*) as current_member_count
    from memberships
    where valid_to is null
    group by group_code
),

final as (
    select
        partners.partner_code,
        partners.partner_name,
        partners.partner_kind,
        partners.is_share_disjoint,
        coalesce(current_groups.member_of_groups, {{ ctw_empty_list() }}) as member_of_groups,
        member_counts.current_member_count,
        partners.note
    from partners
    left join current_groups
        on partners.partner_code = current_groups.member_code
    left join member_counts
        on partners.partner_code = member_counts.group_code
)

select * from final
