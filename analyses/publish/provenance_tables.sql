-- The build's record in the warehouse file (schema provenance), created empty before ctw.publish.provenance writes
-- one build's rows into it; the tables' and columns' descriptions are in that module (PROVENANCE_COMMENTS).
create schema if not exists provenance;

drop table if exists provenance.build;
create table provenance.build (
    version_id varchar not null primary key,
    built_at timestamptz not null,
    git_commit varchar,
    git_worktree_clean boolean,
    python_version varchar,
    dbt_core_version varchar,
    dbt_duckdb_version varchar,
    duckdb_version varchar,
    great_expectations_version varchar,
    validation_outcome varchar not null,
    expectations_passed integer,
    expectations_warned integer,
    expectations_failed integer,
    expectations_declared integer not null,
    build_path varchar not null,
    inputs_fingerprint varchar not null,
    intended_removal varchar
);

drop table if exists provenance.seed_files;
create table provenance.seed_files (
    version_id varchar not null,
    seed_path varchar not null,
    sha256 varchar not null,
    data_rows integer not null,
    bytes bigint not null
);

drop table if exists provenance.external_files;
create table provenance.external_files (
    version_id varchar not null,
    table_name varchar not null,
    package varchar not null,
    package_version varchar not null,
    file varchar not null,
    sha256 varchar not null
);

drop table if exists provenance.relation_rows;
create table provenance.relation_rows (
    version_id varchar not null,
    schema_name varchar not null,
    relation_name varchar not null,
    relation_kind varchar not null,
    row_count bigint not null
);

drop table if exists provenance.expectation_results;
create table provenance.expectation_results (
    version_id varchar not null,
    suite varchar not null,
    expectation_key varchar not null,
    severity varchar not null,
    status varchar not null,
    description varchar,
    expected varchar,
    found varchar,
    offending_rows integer
);
