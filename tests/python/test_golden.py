"""Golden data: published figures the marts must reproduce, within the precision they were printed to."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.fast  # the data loop: make test-fast

BILLION = 1e9
TRILLION = 1e12


def one_value(warehouse, sql: str, *params):
    rows = warehouse.execute(sql, params).fetchall()
    assert len(rows) == 1, f"expected one row, got {rows}"
    return rows[0][0]


MONTHLY = "select {column} from marts.fct_monthly_trade where period_month = ? and flow = ?"


@pytest.mark.parametrize(
    ("month", "flow", "column", "expected", "printed_half_unit"),
    [
        # November 2025, customs release of 2025-12-08 (shared/sources/001, 002)
        ("2025-11-01", "balance", "month_value_usd", 111.68 * BILLION, 0.005 * BILLION),
        ("2025-11-01", "exports", "month_value_usd", 330.35 * BILLION, 0.005 * BILLION),
        ("2025-11-01", "imports", "month_value_usd", 218.67 * BILLION, 0.005 * BILLION),
        ("2025-11-01", "exports", "month_yoy_pct_usd_reported", 5.9, 0.05),
        ("2025-11-01", "exports", "month_yoy_pct_cny_reported", 5.7, 0.05),
        ("2025-11-01", "total", "month_value_cny", 3.9 * TRILLION, 0.05 * TRILLION),
        # Jan-Nov 2025: surplus "US$1.076 trillion", trade 41.21 trillion yuan
        ("2025-11-01", "balance", "ytd_value_usd", 1.076 * TRILLION, 0.0005 * TRILLION),
        ("2025-11-01", "total", "ytd_value_cny", 41.21 * TRILLION, 0.005 * TRILLION),
        ("2025-11-01", "exports", "ytd_value_cny", 24.46 * TRILLION, 0.005 * TRILLION),
        # Jan-Oct 2025 surplus US$964.8bn (shared/sources/001)
        ("2025-10-01", "balance", "ytd_value_usd", 964.8 * BILLION, 0.05 * BILLION),
        # full-year 2024 surplus: 992.1 at release (Yicai, tier 1) and 992.2 as later quoted (shared/sources/001 and
        # others) agree within their printing; the rule picks the more authoritative source (decision 0003)
        ("2024-12-01", "balance", "ytd_value_usd", 992.1 * BILLION, 0.05 * BILLION),
    ],
)
def test_monthly_trade_reproduces_published_figures(warehouse, month, flow, column, expected, printed_half_unit):
    value = one_value(warehouse, MONTHLY.format(column=column), month, flow)
    assert value == pytest.approx(expected, abs=printed_half_unit)


def test_ytd_october_plus_november_reaches_the_november_surplus(warehouse):
    """964.8 + 111.68 against 1,076: the same release's figures agree within their rounding."""
    october = one_value(warehouse, MONTHLY.format(column="ytd_value_usd"), "2025-10-01", "balance")
    november = one_value(warehouse, MONTHLY.format(column="month_value_usd"), "2025-11-01", "balance")
    ytd_november = one_value(warehouse, MONTHLY.format(column="ytd_value_usd"), "2025-11-01", "balance")
    assert october + november == pytest.approx(ytd_november, abs=(0.05 + 0.005 + 0.5) * BILLION)


def test_november_2025_balance_equals_exports_minus_imports(warehouse):
    row = warehouse.execute(
        """
        select month_trade_balance_usd, month_export_value_usd - month_import_value_usd
        from marts.fct_monthly_trade_balance where period_month = date '2025-11-01'
        """
    ).fetchone()
    assert row[0] == pytest.approx(row[1], abs=0.015 * BILLION)


@pytest.mark.parametrize(("partner", "reported_share", "printed_half_unit"), [("ASEAN", 16.6, 0.05), ("EU", 13, 0.5), ("US", 8.9, 0.05)])
def test_jan_nov_2025_partner_shares(warehouse, partner, reported_share, printed_half_unit):
    computed, reported = warehouse.execute(
        """
        select share_pct_cny_computed, share_pct_reported from marts.fct_partner_trade
        where partner_code = ? and flow = 'total'
            and period_start_month = date '2025-01-01' and period_end_month = date '2025-11-01'
        """,
        [partner],
    ).fetchone()
    assert float(reported) == reported_share
    # the computed share rests on two figures printed to 0.005 trillion: allow their effect (< 0.02 points) too
    assert computed == pytest.approx(reported_share, abs=printed_half_unit + 0.02)


def test_belt_and_road_is_not_in_the_disjoint_set(warehouse):
    disjoint_sum = one_value(
        warehouse,
        """
        select sum(share_pct_cny_computed) from marts.fct_partner_trade
        where is_share_disjoint and flow = 'total'
            and period_start_month = date '2025-01-01' and period_end_month = date '2025-11-01'
        """,
    )
    assert disjoint_sum < 100
    assert one_value(warehouse, "select is_share_disjoint from marts.dim_partners where partner_code = 'BRI'") is False


def test_caam_november_2025_vehicle_exports(warehouse):
    vehicles, reported_growth = warehouse.execute(
        """
        select month_vehicles, month_yoy_pct_reported from marts.fct_vehicle_sales
        where period_month = date '2025-11-01' and vehicle_segment = 'all' and market = 'export'
        """
    ).fetchone()
    assert vehicles == 728_000
    assert float(reported_growth) == 48.5


def test_iron_ore_jan_nov_2025(warehouse):
    tonnes, quantity_growth, price_growth = warehouse.execute(
        """
        select quantity_tonnes, quantity_yoy_pct_reported, unit_value_yoy_pct_reported from marts.fct_product_trade
        where product_code = 'IRON_ORE' and flow = 'imports' and period_end_month = date '2025-11-01'
            and months_covered = 11
        """
    ).fetchone()
    assert tonnes == pytest.approx(1.139e9, abs=0.0005e9)
    assert (float(quantity_growth), float(price_growth)) == (1.4, -9.4)


def test_rare_earth_exports_month_on_month(warehouse):
    tonnes, growth = warehouse.execute(
        """
        select quantity_tonnes, quantity_mom_pct_reported from marts.fct_product_trade
        where product_code = 'RARE_EARTHS' and period_end_month = date '2025-11-01' and months_covered = 1
        """
    ).fetchone()
    assert (float(tonnes), float(growth)) == (5493.9, 26.5)


# Issue 13: a period's exports, imports and balance come from one release, at customs' precision (decision 0015)
BALANCE = "select {column} from marts.fct_monthly_trade_balance where period_month = ?"


@pytest.mark.parametrize(
    ("month", "column", "expected", "printed_half_unit"),
    [
        # March 2024, first release (AP, 12 April 2024): a later article's 58.65 is a revision printed alone; the
        # imports are derived from the same release's exports and balance (279.7 - 58.55), not from the revision
        ("2024-03-01", "month_trade_balance_usd", 58.55 * BILLION, 0.005 * BILLION),
        ("2024-03-01", "month_import_value_usd", 221.15 * BILLION, 0.055 * BILLION),
        # April 2024: 292.45 - 220.1 = 72.35 as released; 72.04, printed a year later, is not mixed in
        ("2024-04-01", "month_trade_balance_usd", 72.35 * BILLION, 0.005 * BILLION),
        # June 2025: customs prints 1,147.7 亿美元 = 114.77 billion; a page's 114.799 is finer than customs prints
        ("2025-06-01", "month_trade_balance_usd", 114.77 * BILLION, 0.005 * BILLION),
        # January-February balances as first released: 125.16 (2024), 170.52 (2025, AP)
        ("2024-02-01", "month_trade_balance_usd", 125.16 * BILLION, 0.005 * BILLION),
        ("2025-02-01", "month_trade_balance_usd", 170.52 * BILLION, 0.005 * BILLION),
    ],
)
def test_one_release_per_period_at_customs_precision(warehouse, month, column, expected, printed_half_unit):
    value = one_value(warehouse, BALANCE.format(column=column), month)
    assert value == pytest.approx(expected, abs=printed_half_unit)


def test_march_2024_export_growth_shows_the_revision_of_its_base(warehouse):
    """Customs reported -7.5% for March 2024 exports against a revised March 2023; the first-released base
    (US$315.59bn) gives -11.4%. The base the reported growth implies, 279.7 / 0.925 = 302.4, stands beside it."""
    reported, computed, base, implied = warehouse.execute(
        """
        select month_yoy_pct_usd_reported, month_yoy_pct_usd_computed, month_yoy_base_usd, month_yoy_base_usd_implied
        from marts.fct_monthly_trade where period_month = date '2024-03-01' and flow = 'exports'
        """).fetchone()
    assert reported == -7.5
    assert computed == pytest.approx(-11.37, abs=0.01)
    assert base == pytest.approx(315.59 * BILLION, abs=0.005 * BILLION)
    assert implied == pytest.approx(279.7 * BILLION / 0.925, abs=0.1 * BILLION)


def test_the_revisions_printed_alone_are_kept_beside_the_first_release(warehouse):
    rows = dict(warehouse.execute(
        """
        select period_label, (first_release_value_base, latest_revision_value_base, marts_value_base)
        from marts.fct_trade_figure_releases
        where partner_code = 'WLD' and product_code = 'TOTAL' and enterprise_type = 'all' and flow = 'balance'
            and measure = 'level' and basis = 'USD' and period_label in ('2024-03', '2024-04')
        """).fetchall())
    assert rows == {"2024-03": (58.55 * BILLION, 58.65 * BILLION, 58.55 * BILLION),
                    "2024-04": (72.35 * BILLION, 72.04 * BILLION, 72.35 * BILLION)}


def test_every_chosen_month_meets_the_balance_identity_or_says_why(warehouse):
    unexplained = warehouse.execute(
        """
        select period_month from marts.fct_monthly_trade_balance
        where (abs(month_export_value_usd - month_import_value_usd - month_trade_balance_usd)
                > month_balance_identity_tolerance_usd and month_balance_identity_note_usd is null)
            or (abs(month_export_value_cny - month_import_value_cny - month_trade_balance_cny)
                > month_balance_identity_tolerance_cny and month_balance_identity_note_cny is null)
            or (abs(ytd_export_value_usd - ytd_import_value_usd - ytd_trade_balance_usd)
                > ytd_balance_identity_tolerance_usd and ytd_balance_identity_note_usd is null)
            or (abs(ytd_export_value_cny - ytd_import_value_cny - ytd_trade_balance_cny)
                > ytd_balance_identity_tolerance_cny and ytd_balance_identity_note_cny is null)
        """).fetchall()
    assert unexplained == []


def test_before_2020_january_is_its_own_period_and_a_combined_january_february_grows_on_one(warehouse):
    """January 2019 was released on its own; January-February 2020 as one figure, whose growth compares with
    January-February 2019 (US$353.21bn, CGTN), the February 2019 year to date - not with February 2019 alone."""
    january = warehouse.execute(
        "select period_label, is_jan_feb_combined from marts.fct_monthly_trade "
        "where period_month = date '2019-01-01' and flow = 'exports'").fetchall()
    assert january == [("2019-01", False)]
    label, base, computed = warehouse.execute(
        "select period_label, month_yoy_base_usd, month_yoy_pct_usd_computed from marts.fct_monthly_trade "
        "where period_month = date '2020-02-01' and flow = 'exports'").fetchone()
    assert label == "2020-01/02"
    assert base == pytest.approx(353.21 * BILLION, abs=0.005 * BILLION)
    assert computed == pytest.approx(-17.2, abs=0.05)  # customs reported -17.2% (gov.cn)


def test_a_typo_copied_by_several_pages_is_rejected_for_the_figure_they_all_print(warehouse):
    """2015's surplus: 3.69 trillion yuan (AFP, CRI), not the 3.96 of a wire text several pages copied."""
    value = one_value(warehouse, MONTHLY.format(column="ytd_value_cny"), "2015-12-01", "balance")
    assert value == pytest.approx(3.69 * TRILLION, abs=0.005 * TRILLION)


def test_a_figure_found_only_once_is_marked_so(warehouse):
    """September 2016 exports, US$184.5bn: printed by AFP (Zee News) and AP (Fox News); February 2019's by CGTN alone."""
    assert one_value(warehouse, MONTHLY.format(column="month_usd_source_count"), "2016-09-01", "exports") == 2
    assert one_value(warehouse, MONTHLY.format(column="month_usd_source_count"), "2019-02-01", "exports") == 1
