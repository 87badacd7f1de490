"""The chart page (make report) redrawn for the version just published or rolled back to."""

from __future__ import annotations

import subprocess
import sys

from ctw import config
from ctw.publish.layout import Layout


def refresh_chart_page(layout: Layout) -> str | None:
    """Redraw the chart page (make report) for the file just published or rolled back to, where one was drawn
    before: a page left behind would show an older version than the one BI tools read. None when there is no page;
    otherwise what happened, in one line. A failure here never undoes the publish."""
    page = layout.folder / "report" / "index.html"
    if not page.is_file():
        return None
    result = subprocess.run([sys.executable, str(config.SCRIPTS_DIR / "report.py"), "--warehouse",
                             str(layout.published)], capture_output=True, text=True)
    if result.returncode != 0:
        return f"the chart page {page} could not be redrawn (run make report): {result.stderr.strip()[-300:]}"
    return f"chart page redrawn for this version: {page}"
