"""How many figures carry the words that printed them, and whether the quotes of document-sourced figures occur in
their documents.

Every raw row has a `quote` column; the seed check (var quote_prints_the_value) refuses a quote that does not print
the row's value and scale word. This command reports, per seed, how many rows have a quote and how many do not, and
checks each quote of a row whose source is one of the five documents against the document's text: a quote that is not
in its document is named with its file and line. That check is development-only: the documents are not shipped with
the project. ref_sources.development_copy names each one's file, looked for beside the project (../shared/sources) or
in CTW_SOURCES_DIR; where they are absent, the command says how many quotes it could not check.

Usage: python scripts/quotes.py      exit 0, or 1 when a document quote is not in its document
"""

from __future__ import annotations

import sys
from pathlib import Path

from ctw import config
from ctw.config import PROJECT_DIR
from ctw.gate import seeds as check_seeds
RAW_SEEDS = ("raw_customs_trade", "raw_caam_vehicles", "raw_industry_observations")


def documents_dir(project_dir: Path) -> Path:
    return config.sources_dir(project_dir)


def check(project_dir: Path) -> tuple[list[str], list[str]]:
    """(report lines, faults)."""
    copies = {row["source_id"]: row["development_copy"] for _, row in check_seeds.seed_rows(project_dir, "ref_sources")}
    documents = documents_dir(project_dir)
    texts: dict[str, str] = {}
    report, faults, unchecked = [], [], 0
    total = quoted = 0
    for name in RAW_SEEDS:
        path = project_dir / "seeds" / "raw" / f"{name}.csv"
        rows = check_seeds.seed_rows(project_dir, name)
        with_quote = sum(1 for _, row in rows if row["quote"].strip())
        total, quoted = total + len(rows), quoted + with_quote
        report.append(f"{path.relative_to(project_dir).as_posix()}: {len(rows)} rows, {with_quote} with a quote, "
                      f"{len(rows) - with_quote} without")
        for line, row in rows:
            copy = copies.get(row["source_id"], "")
            if not row["quote"].strip() or not copy:
                continue
            document = documents / copy
            if not document.is_file():
                unchecked += 1
                continue
            text = texts.setdefault(copy, document.read_text(encoding="utf-8"))
            if row["quote"] not in text:
                faults.append(f"{path.relative_to(project_dir).as_posix()}, line {line}, column 'quote': not in its "
                              f"document {copy} ({row['observation_id']})")
    report.append(f"all raw seeds: {total} rows, {quoted} with a quote, {total - quoted} without")
    if unchecked:
        report.append(f"{unchecked} quotes of document rows not checked: the documents are not in {documents} "
                      "(set CTW_SOURCES_DIR)")
    return report, faults


def main() -> int:
    report, faults = check(PROJECT_DIR)
    for line in report:
        print(line)
    for fault in faults:
        print(f"  {fault}", file=sys.stderr)
    if faults:
        print(f"{len(faults)} quote(s) of document rows are not in their documents", file=sys.stderr)
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main())
