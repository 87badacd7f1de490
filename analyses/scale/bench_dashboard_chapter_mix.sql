-- HS chapter mix over a year
select
    hs_chapter,
    sum(value_usd) as value_usd
from synthetic.fct_detail_trade_by_chapter
where flow = 'exports' and period_month between $month - interval 11 month and $month
group by hs_chapter
order by value_usd desc
