"""The quote count command, and document quotes checked against their documents (scripts/quotes.py)."""

from __future__ import annotations

import re

import duckdb
import pandas
import pytest

from conftest import PROJECT_DIR, copy_project
from ctw.gate import quotes
from ctw.gate import seeds as check_seeds

pytestmark = pytest.mark.fast
DOCUMENTS = quotes.documents_dir(PROJECT_DIR)


def test_the_count_of_rows_with_and_without_a_quote_adds_up():
    report, _ = quotes.check(PROJECT_DIR)
    total = sum(int(line.split(": ")[1].split(" rows")[0]) for line in report if line.startswith("seeds/"))
    assert f"all raw seeds: {total} rows," in report[len(quotes.RAW_SEEDS)]


@pytest.mark.skipif(not DOCUMENTS.is_dir(),
                    reason=f"development only: the source documents are not at {DOCUMENTS} (set CTW_SOURCES_DIR)")
@pytest.mark.parametrize("fault", [False, True], ids=["control", "a quote its document does not print"])
def test_a_document_quote_is_found_in_its_document(tmp_path, monkeypatch, fault):
    project = copy_project(tmp_path / "project")
    monkeypatch.setenv("CTW_SOURCES_DIR", str(DOCUMENTS))
    seed = project / "seeds" / "raw" / "raw_customs_trade.csv"
    text = seed.read_text(encoding="utf-8")
    old = "China exported integrated circuits worth 1.29 trillion yuan, a 25.6 percent increase"
    assert old in text
    if fault:  # still prints the value and its scale word, so the seed gate lets it pass
        seed.write_text(text.replace(old, "China shipped integrated circuits worth 1.29 trillion yuan"), encoding="utf-8")
    report, faults = quotes.check(project)
    if fault:
        # the value and its growth (doc003.12, doc003.13) quote the same sentence
        assert faults == [f"seeds/raw/raw_customs_trade.csv, line {line}, column 'quote': not in its document "
                          f"003_5c78421b75943f47.txt (doc003.{row})" for line, row in ((59, 12), (60, 13))]
    else:
        assert faults == [] and not any("not checked" in line for line in report)


REVIEWED = re.compile(r"\s+or observation_id in \(([^)]*)\)")


@pytest.mark.parametrize("rule, seeds", [
    ("quote_names_its_currency", ["raw_customs_trade"]),
    ("quote_prints_the_sign_of_a_growth", ["raw_customs_trade", "raw_caam_vehicles"]),
])
def test_each_reviewed_exception_of_a_quote_rule_is_a_row_the_rule_would_refuse(rule, seeds):
    """A quote rule's reviewed exceptions are exactly the rows it refuses without them: an exception the rule no
    longer needs, or a row it refuses that no review listed, fails here."""
    expression = check_seeds.load_project_vars(PROJECT_DIR)[rule]
    listed = {name.strip(" '") for name in REVIEWED.search(expression).group(1).split(",")}
    without = REVIEWED.sub("", expression)
    refused = set()
    with duckdb.connect() as con:
        for name in seeds:
            con.register("rows", pandas.DataFrame([row for _, row in check_seeds.seed_rows(PROJECT_DIR, name)],
                                                  dtype=object))
            refused |= {i for (i,) in con.execute(
                f"select observation_id from rows where not coalesce(({without}), false)").fetchall()}
            con.unregister("rows")
    assert refused == listed
