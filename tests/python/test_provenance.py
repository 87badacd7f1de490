"""Every figure cites a source that resolves, and nothing in a seed is unsourced."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import PROJECT_DIR

pytestmark = pytest.mark.fast  # the data loop: make test-fast

SHARED_DIR = PROJECT_DIR.parent / "shared"


def test_every_observation_cites_a_known_source(warehouse):
    unresolved = warehouse.execute(
        """
        select observation_id from marts.fct_observations
        where source_location is null or source_location = ''
        """
    ).fetchall()
    assert unresolved == []


def test_document_sources_exist_beside_the_project(warehouse):
    documents = warehouse.execute(
        "select location from marts.dim_sources where source_kind = 'document'"
    ).fetchall()
    assert len(documents) == 5
    for (location,) in documents:
        assert location.startswith("shared/sources/")
        if SHARED_DIR.exists():  # shared/ sits beside the project on every machine of this project
            assert (PROJECT_DIR.parent / location).is_file(), location


def test_web_sources_are_urls(warehouse):
    bad = warehouse.execute(
        "select source_id, location from marts.dim_sources where source_kind = 'web_page' and location not like 'http%'"
    ).fetchall()
    assert bad == []


def test_every_observation_of_the_five_documents_is_in_the_warehouse(warehouse):
    counts = dict(
        warehouse.execute(
            """
            select source_id, count(*) from marts.fct_observations
            where source_id like 'doc_%' group by source_id
            """
        ).fetchall()
    )
    assert set(counts) == {"doc_000_caixin", "doc_001_induqin", "doc_002_globaltimes", "doc_003_cgtn", "doc_004_unknown"}
    assert sum(counts.values()) >= 70


def test_losing_observations_stay_visible(warehouse):
    """Where sources disagree, every observation is kept and exactly one per figure is chosen."""
    losers, conflicts = warehouse.execute(
        """
        select count(*) filter (where not is_chosen and selection_rank is not null),
               count(*) filter (where agrees_with_anchor = false)
        from marts.fct_observations where dataset = 'customs_trade'
        """
    ).fetchone()
    assert losers > 0 and conflicts > 0


def test_every_mart_and_column_describes_itself_in_the_file(warehouse):
    """Table and column comments persisted from the dbt docs: a BI user reads them without the project."""
    tables = warehouse.execute(
        "select table_name from duckdb_tables() where schema_name = 'marts' and coalesce(comment, '') = ''"
    ).fetchall()
    columns = warehouse.execute(
        "select table_name, column_name from duckdb_columns()"
        " where schema_name in ('marts', 'provenance') and coalesce(comment, '') = ''"
    ).fetchall()
    assert tables == [] and columns == [], (tables, columns)
