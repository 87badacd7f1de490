{#- Incremental loading of detailed customs data, keyed on the month.

    detail_files_by_month(): one row per month offered in the Parquet folder, with source_file_version: its files'
    names, sizes and modification times (read from the file system, not from the files' content).
    months_to_load(offered_sql): the months of offered_sql (columns period_month, source_file_version) that this
    model does not yet hold in that same version: new months, and months whose files were replaced, added or
    removed.
    A full build (or --full-refresh) takes every offered month. The result is a SQL list of date literals, so the
    filter is a constant and DuckDB reads only those months' files. The months are chosen when the model runs
    (dbt run or build); compiling alone shows a placeholder. -#}

{% macro detail_files_by_month() %}
    {{- return(adapter.dispatch('detail_files_by_month')()) -}}
{% endmacro %}

{% macro default__detail_files_by_month() %}
    select
        period_month,
        string_agg(
            file_name || ' ' || size || ' bytes ' || strftime(last_modified, '%Y-%m-%dT%H:%M:%S'), '; '
            order by file_name
        ) as source_file_version
    from (
        select
            cast(regexp_extract(filename, 'period_month=(\d{4}-\d{2}-\d{2})', 1) as date) as period_month,
            regexp_extract(filename, '[^/]+$') as file_name,
            size,
            last_modified
        from read_blob('{{ env_var("CTW_DETAIL_PATH", "data/synthetic_detail") }}/period_month=*/*.parquet')
    ) as files
    group by period_month
{% endmacro %}

{#- Spark: the same version text from the Parquet source's file metadata (one row per file, without reading the
    lines' columns). -#}
{% macro spark__detail_files_by_month() %}
    select
        period_month,
        concat_ws('; ', array_sort(collect_list(
            concat(file_name, ' ', cast(file_size as string), ' bytes ',
                date_format(file_modification_time, "yyyy-MM-dd'T'HH:mm:ss"))
        ))) as source_file_version
    from (
        select distinct
            cast(period_month as date) as period_month,
            _metadata.file_name as file_name,
            _metadata.file_size as file_size,
            _metadata.file_modification_time as file_modification_time
        from parquet.`{{ env_var("CTW_DETAIL_PATH", "data/synthetic_detail") }}`
    ) as files
    group by period_month
{% endmacro %}

{#- months_to_load_from(relation): the months to load from an incremental model's detailed upstream (columns
    period_month, source_file_version), the rollups' case. -#}
{% macro months_to_load_from(relation) %}
    {%- set offered -%}
        select period_month, max(source_file_version) as source_file_version
        from {{ relation }}
        group by period_month
    {%- endset -%}
    {{ return(months_to_load(offered)) }}
{% endmacro %}

{% macro months_to_load(offered_sql) %}
    {%- if not (execute and flags.WHICH in ('run', 'build')) -%}
        {#- parsing, or compiling (dbt compile, sqlfluff): the months are chosen only when the model runs -#}
        {{ return("cast(null as date) /* the months to load are chosen when the model runs */") }}
    {%- endif -%}
    {%- set query -%}
        with offered as ({{ offered_sql }})
        select distinct cast(offered.period_month as {{ dbt.type_string() | lower }})
        from offered
        {%- if is_incremental() %}
        left join (
            select period_month, max(source_file_version) as source_file_version
            from {{ this }}
            group by period_month
        ) as loaded
            on offered.period_month = loaded.period_month
        where loaded.source_file_version is distinct from offered.source_file_version
        {%- endif %}
        order by 1
    {%- endset -%}
    {%- set months = run_query(query).columns[0].values() -%}
    {%- if months | length == 0 -%}
        {{ return("cast(null as date)") }}
    {%- endif -%}
    {%- set literals = [] -%}
    {%- for month in months -%}
        {%- do literals.append("date '" ~ month ~ "'") -%}
    {%- endfor -%}
    {{ return(literals | join(', ')) }}
{% endmacro %}
