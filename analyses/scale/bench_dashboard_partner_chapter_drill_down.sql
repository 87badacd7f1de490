-- partner x chapter drill-down
select
    hs_chapter,
    sum(value_usd) as value_usd
from intermediate.int_customs_detail_by_partner_chapter
where partner_code = 'US' and period_month = $month
group by hs_chapter
order by value_usd desc
limit 20
