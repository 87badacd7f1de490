-- The months of detailed lines the published file holds and the candidate does not.
select distinct period_month from published.intermediate.int_customs_detail_by_partner_chapter
except
select distinct period_month from candidate.intermediate.int_customs_detail_by_partner_chapter
order by period_month
