"""Write-audit-publish for the warehouse file (docs/decisions/0009-write-audit-publish.md), one module per concern:

    layout.py       where the published file, its candidate, lock, report and versions lie; file helpers
    lock.py         the build lock (one build or rollback at a time)
    children.py     the build's children die with it
    provenance.py   the build's record written into the candidate (schema provenance), and read back
    fingerprint.py  the headline inputs' fingerprint that lets a detail build take the detail-only path
    detail_audit.py a detail-only candidate left the headline relations untouched
    loss_audit.py   nothing published is lost without saying so
    publication.py  the candidate audited, archived and renamed over the published file; a rollback the same way
    archive.py      the kept versions in versions/: archived with their checksum, verified, listed, pruned
    versions.py     make versions and make rollback: the kept versions listed, one published again
    chart_page.py   the chart page redrawn for the version just published
"""


class PublishError(RuntimeError):
    """A step of the publication failed; the message says which and why."""
