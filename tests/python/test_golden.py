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
