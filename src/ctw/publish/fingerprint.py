"""The fingerprint of the headline inputs: a detail build whose inputs' fingerprint equals the published version's
takes the detail-only path (ctw.build)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ctw.gate import ecb_rates
from ctw.publish.layout import DETAIL_MARK

# What the headline warehouse is built from. A detail build whose inputs' fingerprint equals the published version's
# takes the detail-only path (ctw.build): the headline relations of the published file are those inputs' build.
# models/**/*.md: the doc blocks, which the column comments are written from
HEADLINE_INPUTS = ("seeds/**/*.csv", "models/**/*.sql", "models/**/*.yml", "models/**/*.md", "macros/*.sql",
                   "tests/dbt/*.sql", "expectations/*.yml", "dbt_project.yml", "profiles.yml", "requirements.txt",
                   "src/ctw/gate/seeds.py", "src/ctw/validate/run.py", "src/ctw/validate/gx_duckdb.py")


def inputs_fingerprint(project_dir: Path) -> str:
    """SHA-256 over the path and content of every headline input (HEADLINE_INPUTS, detail files left out) and of the
    files a pinned package ships (ctw.gate.ecb_rates)."""
    digest = hashlib.sha256()
    digest.update(ecb_rates.describe()["sha256"].encode())
    paths = sorted({p for pattern in HEADLINE_INPUTS for p in project_dir.glob(pattern) if p.is_file()})
    for path in paths:
        relative = path.relative_to(project_dir).as_posix()
        if DETAIL_MARK not in relative:
            digest.update(relative.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
