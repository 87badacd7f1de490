-- The published version's expectation results of the suites a detail-only update does not run again (every suite
-- but the detailed data's), in the order validate.py writes them.
select
    suite,
    expectation_key,
    severity,
    status,
    description,
    expected,
    found,
    offending_rows
from provenance.expectation_results
where suite not like '%' || $detail_mark || '%'
order by suite, expectation_key
