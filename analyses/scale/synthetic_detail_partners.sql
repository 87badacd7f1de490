-- The partners the synthetic detailed data draw from (ctw.scale.synthetic_detail): the countries of ref_partners,
-- ranked by the largest value the warehouse publishes for them (rank 0 the most traded), then by a fixed shuffle.
with published_size as (
    select
        partner_code,
        max(value_cny) as largest_value_cny
    from published.marts.fct_partner_trade
    group by partner_code
)

select
    ref_partners.partner_code,
    cast(row_number() over (
        order by published_size.largest_value_cny desc nulls last, hash(ref_partners.partner_code)
    ) - 1 as integer) as partner_rank
from published.reference.ref_partners
left join published_size on ref_partners.partner_code = published_size.partner_code
where ref_partners.partner_kind = 'country'
