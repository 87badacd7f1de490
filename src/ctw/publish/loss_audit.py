"""The loss audit: a candidate that would lose what the published version holds is refused unless the removal is
intended (CTW_INTENDED_REMOVAL)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from ctw.publish import PublishError
from ctw.publish.layout import DETAIL_MARK, Layout
from ctw.publish.provenance import PROVENANCE_SCHEMA, read_build

DETAIL_LINES = "int_customs_detail_by_partner_chapter"  # the detailed lines' one table, by month
# The series a loss is looked for in: every published figure's dataset, subject, measure, basis and period kind.
SERIES_PERIODS = """
    select distinct dataset, subject, measure, basis, period_basis, period_end_month
    from {db}.marts.fct_observations
"""



def losses(candidate: Path, published: Path) -> list[str]:
    """What the candidate would lose against the published file: relations gone or with fewer rows, months of
    detailed lines gone, and periods of a series (dataset, subject, measure, basis, period kind) gone."""
    quoted = {name: str(path).replace("'", "''") for name, path in (("candidate", candidate), ("published", published))}
    with duckdb.connect() as con:
        for name, path in quoted.items():
            con.execute(f"attach '{path}' as {name} (read_only)")
        fewer = con.execute(
            f"""
            select p.schema_name || '.' || p.relation_name, p.row_count, c.row_count
            from published.{PROVENANCE_SCHEMA}.relation_rows as p
            left join candidate.{PROVENANCE_SCHEMA}.relation_rows as c
                on p.schema_name = c.schema_name and p.relation_name = c.relation_name
            where (c.row_count is null or c.row_count < p.row_count)
                -- a month of detailed lines delivered again may hold fewer lines: for them, months count (below)
                and p.relation_name not like '%{DETAIL_MARK}%'
            order by 1"""
        ).fetchall()
        months = f"select distinct period_month from {{db}}.intermediate.{DETAIL_LINES}"
        both_detailed = all(con.execute(
            "select count(*) from duckdb_tables() where database_name = ? and table_name = ?", [db, DETAIL_LINES]
        ).fetchone()[0] for db in quoted)
        lost_months = con.execute(
            f"{months.format(db='published')} except {months.format(db='candidate')} order by 1"
        ).fetchall() if both_detailed else []
        lost_periods = con.execute(
            f"""
            select dataset, subject, measure, basis, period_basis, count(*),
                strftime(min(period_end_month), '%Y-%m'), strftime(max(period_end_month), '%Y-%m')
            from ({SERIES_PERIODS.format(db='published')} except {SERIES_PERIODS.format(db='candidate')})
            group by all
            order by all"""
        ).fetchall()
    found = [f"{name}: {before} rows published, {'gone' if after is None else f'{after} now'}"
             for name, before, after in fewer]
    found += [f"intermediate.{DETAIL_LINES}: month {month:%Y-%m} gone" for (month,) in lost_months]
    found += [f"{dataset} {subject} {measure} {basis} ({period_basis}): {count} period(s) gone, {first}..{last}"
              for dataset, subject, measure, basis, period_basis, count, first, last in lost_periods]
    return found


def audit_against_published(layout: Layout) -> None:
    """Nothing published is lost without saying so: a candidate that loses relations, rows or periods of a series
    is refused, naming them, unless its build was told the removal is intended (CTW_INTENDED_REMOVAL, recorded in
    provenance.build.intended_removal). Growth is never refused."""
    if not layout.published.is_file() or read_build(layout.published) is None:
        return  # the first publish, or a file without provenance: nothing to compare with
    found = losses(layout.candidate, layout.published)
    if found and not (read_build(layout.candidate) or {}).get("intended_removal"):
        shown = "; ".join(found[:20]) + (f"; ... and {len(found) - 20} more" if len(found) > 20 else "")
        raise PublishError(
            f"the candidate would lose what the published version holds: {shown}. If the removal is intended, "
            "run the build again with CTW_INTENDED_REMOVAL='<the reason>' (recorded in provenance)"
        )
