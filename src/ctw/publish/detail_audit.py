"""The detail-only path's audit: the headline relations of the published file are left as they were."""

from __future__ import annotations

from pathlib import Path

import duckdb

from ctw.analyses import analysis_sql
from ctw.publish import PublishError
from ctw.publish.layout import DETAIL_MARK


def audit_unchanged_headline(candidate: Path, published: Path) -> None:
    """A detail-only candidate holds the published headline relations untouched: every relation the published build
    recorded, other than the detail ones, has its recorded row count. Raises PublishError otherwise."""
    with duckdb.connect(str(candidate), read_only=True) as con:
        con.execute(f"attach '{str(published).replace(chr(39), chr(39) * 2)}' as published (read_only)")
        recorded = con.execute(analysis_sql("publish/headline_relations_recorded"),
                               {"detail_mark": DETAIL_MARK}).fetchall()
        changed = []
        for schema, name, rows in recorded:
            try:
                now = con.execute(f'select count(*) from "{schema}"."{name}"').fetchone()[0]
            except duckdb.Error:
                now = None
            if now != rows:
                changed.append(f"{schema}.{name} ({rows} rows published, {now} now)")
    if not recorded or changed:
        raise PublishError("a detail-only update changed headline relations: " + (", ".join(changed) or "none recorded"))
