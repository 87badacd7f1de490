"""The loss audit: a candidate that would lose what the published version holds is refused unless the removal is
intended (CTW_INTENDED_REMOVAL)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from ctw.analyses import analysis_sql
from ctw.publish import PublishError
from ctw.publish.archive import list_versions, verify_kept
from ctw.publish.layout import DETAIL_MARK, Layout
from ctw.publish.provenance import read_build


def losses(candidate: Path, published: Path) -> list[str]:
    """What the candidate would lose against the published file: relations gone or with fewer rows, months of
    detailed lines gone, and periods of a series (dataset, subject, measure, basis, period kind) gone. The queries
    are analyses/publish/loss_audit_*.sql, over the two files attached as candidate and published."""
    quoted = {name: str(path).replace("'", "''") for name, path in (("candidate", candidate), ("published", published))}
    with duckdb.connect() as con:
        for name, path in quoted.items():
            con.execute(f"attach '{path}' as {name} (read_only)")
        fewer = con.execute(analysis_sql("publish/loss_audit_fewer_rows"), {"detail_mark": DETAIL_MARK}).fetchall()
        both_detailed = con.execute(analysis_sql("publish/loss_audit_detail_in_both")).fetchone()[0]
        lost_months = con.execute(
            analysis_sql("publish/loss_audit_lost_detail_months")).fetchall() if both_detailed else []
        lost_periods = con.execute(analysis_sql("publish/loss_audit_lost_periods")).fetchall()
    found = [f"{name}: {before} rows published, {'gone' if after is None else f'{after} now'}"
             for name, before, after in fewer]
    found += [f"intermediate.int_customs_detail_by_partner_chapter: month {month:%Y-%m} gone"
              for (month,) in lost_months]
    found += [f"{dataset} {subject} {measure} {basis} ({period_basis}): {count} period(s) gone, {first}..{last}"
              for dataset, subject, measure, basis, period_basis, count, first, last in lost_periods]
    return found


def compared_with(layout: Layout) -> tuple[Path, str] | None:
    """What the candidate is audited against, and how to name it: the published file; where it is missing or
    unreadable (deleted, lost, damaged), the newest kept version that is whole (its recorded checksum holds); None
    at the first publish, when neither exists."""
    if read_build(layout.published) is not None:
        return layout.published, "the published version"
    for version_id in reversed(list_versions(layout)):
        kept = layout.version_file(version_id)
        try:
            verify_kept(kept)
        except PublishError:
            continue
        if read_build(kept) is not None:
            return kept, f"the newest whole kept version, {version_id} (the published file is missing or unreadable)"
    return None


def audit_against_published(layout: Layout) -> None:
    """Nothing published is lost without saying so: a candidate that loses relations, rows or periods of a series
    against the published version (or the newest kept one, where the published file is gone) is refused, naming
    them, unless its build was told the removal is intended (CTW_INTENDED_REMOVAL, recorded in
    provenance.build.intended_removal). Growth is never refused."""
    baseline = compared_with(layout)
    if baseline is None:
        return  # the first publish: nothing to compare with
    found = losses(layout.candidate, baseline[0])
    if found and not (read_build(layout.candidate) or {}).get("intended_removal"):
        shown = "; ".join(found[:20]) + (f"; ... and {len(found) - 20} more" if len(found) > 20 else "")
        raise PublishError(
            f"the candidate would lose what {baseline[1]} holds: {shown}. If the removal is intended, "
            "run the build again with CTW_INTENDED_REMOVAL='<the reason>' (recorded in provenance)"
        )
