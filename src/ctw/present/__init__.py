"""What people see: the chart page (charts.py), the coverage section (coverage.py), the query command (query.py)."""
