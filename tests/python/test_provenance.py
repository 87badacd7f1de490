"""Every figure cites a source that resolves, and nothing in a seed is unsourced."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import PROJECT_DIR

pytestmark = pytest.mark.fast  # the data loop: make test-fast

# development only, as scripts/quotes.py finds them: a clone does not have them
DOCUMENTS = Path(os.environ.get("CTW_SOURCES_DIR") or PROJECT_DIR.parent / "shared" / "sources")


def test_every_observation_cites_a_known_source(warehouse):
    """Every observation's source is in dim_sources; only a document may lack a URL (it is cited by publisher, title
    and date)."""
    unresolved = warehouse.execute(
        """
        select observations.observation_id from marts.fct_observations as observations
        left join marts.dim_sources as sources on observations.source_id = sources.source_id
        where sources.source_id is null
            or (coalesce(observations.source_location, '') = '' and sources.source_kind <> 'document')
        """
    ).fetchall()
    assert unresolved == []


def test_the_documents_are_cited_by_publisher_title_and_url_where_known(warehouse):
    documents = warehouse.execute(
        "select source_id, publisher, title, location from marts.dim_sources where source_kind = 'document'"
    ).fetchall()
    assert len(documents) == 5
    for source_id, publisher, title, location in documents:
        assert publisher and title, source_id
        assert location is None or location.startswith("https://"), (source_id, location)


@pytest.mark.skipif(not DOCUMENTS.is_dir(),
                    reason=f"development only: the source documents are not at {DOCUMENTS} (set CTW_SOURCES_DIR)")
def test_the_documents_development_copies_exist(warehouse):
    copies = warehouse.execute(
        "select source_id, development_copy from reference.ref_sources where source_kind = 'document'"
    ).fetchall()
    assert len(copies) == 5
    for source_id, copy in copies:
        assert copy and (DOCUMENTS / copy).is_file(), (source_id, copy)


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
