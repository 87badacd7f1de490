"""The machinery's SQL, kept in the dbt project's analyses/ folder where dbt parses it and make lint lints it: plain
DuckDB SQL with DuckDB's $name parameters, no Jinja. analyses/scale holds the scale tooling's (ctw.scale),
analyses/publish the provenance tables and the publish audits' (ctw.publish)."""

from ctw.config import PROJECT_DIR

ANALYSES_DIR = PROJECT_DIR / "analyses"


def analysis_sql(name: str) -> str:
    """The SQL of analyses/<name>.sql, e.g. analysis_sql("publish/loss_audit_fewer_rows")."""
    return (ANALYSES_DIR / f"{name}.sql").read_text(encoding="utf-8")
