"""Bad seed input stops the build with a message naming the file, the line and the column; nothing is published.

Each case plants one fault in a copy of the project and runs the seed check on it, in-process: it must report that
fault, at that file and line, and nothing else. The control is the same check on the unchanged copy, which must find
nothing. A few cases then run the whole build (scripts/build.py) next to a published file: it must stop at the seed
step with the same message and leave the published file byte-identical.
"""

from __future__ import annotations

import re

import pytest

from conftest import PROJECT_DIR, copy_project, project_env, published_file, run_build
from ctw.gate import seeds as check_seeds

CUSTOMS = "seeds/raw/raw_customs_trade.csv"
CAAM = "seeds/raw/raw_caam_vehicles.csv"
FX = "seeds/raw/raw_fx_rates.csv"
INDUSTRY = "seeds/raw/raw_industry_observations.csv"
SOURCES = "seeds/reference/ref_sources.csv"
CUSTOMS_COLUMNS = (PROJECT_DIR / CUSTOMS).read_text(encoding="utf-8").split("\n")[0].count(",") + 1
CALENDAR = "seeds/reference/ref_release_calendar.csv"
UNITS = "seeds/reference/ref_units.csv"
LAST_GOOD = b"the last good warehouse, published before the bad input arrived"
PAGE_7 = ("https://www.business-standard.com/amp/world-news/"
          "china-s-exports-grow-5-9-in-november-despite-29-drop-in-us-shipments-125120800242_1.html")
PAGE_8 = "https://msd11.gn.apc.org/article/chinas-exports-grow-59-cent-shipments-us-drop-29-cent"


def csv_lines(text: str) -> list[str]:
    """The lines of a CSV file as a CSV reader counts them: ended by \\n only (not U+2028 and the like)."""
    return text.split("\n")[:-1] if text.endswith("\n") else text.split("\n")


def edit_line(project_dir, relative_path, line_number, edit):
    """Apply edit(text of the line without its newline) -> new text to one line of a file (1-based)."""
    path = project_dir / relative_path
    lines = [line + "\n" for line in csv_lines(path.read_text(encoding="utf-8"))]
    lines[line_number - 1] = edit(lines[line_number - 1].rstrip("\n")) + "\n"
    path.write_text("".join(lines), encoding="utf-8")


def replace(old, new):
    def edit(line):
        assert old in line, line
        return line.replace(old, new, 1)

    return edit


def append_copy_of(line_number, new_id):
    """A second copy of a row under a new observation id: the same figure from the same source twice."""

    def plant(project_dir, relative_path):
        path = project_dir / relative_path
        lines = [line + "\n" for line in csv_lines(path.read_text(encoding="utf-8"))]
        old_id = lines[line_number - 1].split(",")[0]
        path.write_text("".join(lines) + lines[line_number - 1].replace(old_id, new_id, 1), encoding="utf-8")

    return plant


def at_line(line_number, edit):
    return lambda project_dir, relative_path: edit_line(project_dir, relative_path, line_number, edit)


# line 2 of raw_customs_trade.csv: doc001.01,doc_001_induqin,WLD,TOTAL,all,balance,2025-11,ytd,level,USD,1.076,trillion,...
# line 5: doc001.04,...,exports,2025-11,month,level,USD,330.35,billion,...   line 36: ASEAN share_pct 16.6
# line 59: doc003.12, integrated circuits, the only figure of its product, quoted "... worth 1.29 trillion yuan ..."
CASES = {
    "wrong header": (CUSTOMS, at_line(1, replace("value_as_published", "value")),
                     f"{CUSTOMS}, line 1, column 11 ('value'): the header does not match"),
    "a header with a column more": (CUSTOMS, at_line(1, lambda line: line + ",extra"),
                                    f"{CUSTOMS}, line 1, column {CUSTOMS_COLUMNS + 1} ('extra'): a column the declared"
                                    " columns do not have"),
    "missing column": (FX, at_line(5, lambda line: ",".join(line.split(",")[:3])),
                       f"{FX}, line 5, column 'rate_as_published': missing; the row has 3 fields where the header has 7"),
    "extra column": (CAAM, at_line(3, lambda line: line + ",surplus"),
                     f"{CAAM}, line 3, column 13: unexpected; the row has 13 fields where the header has 12"),
    "bad quoting": (INDUSTRY, at_line(3, replace(",ytd,", ',"ytd"x,')),
                    f"{INDUSTRY}, line 3, column 'period_basis': malformed CSV"),
    "unclosed quote": (INDUSTRY, at_line(3, replace(",ytd,", ',"ytd,')),
                       f"{INDUSTRY}, line 3, column 'period_basis': malformed CSV"),
    "a quote opening a field beyond the header": (INDUSTRY, at_line(3, lambda line: line + ',"unterminated'),
                                                  f"{INDUSTRY}, line 3, column 14: malformed CSV"),
    "not a number": (CUSTOMS, at_line(2, replace(",1.076,", ",1.O76,")),
                     f"{CUSTOMS}, line 2, column 'value_as_published': '1.O76' is not a number"),
    "negative export level": (CUSTOMS, at_line(5, replace(",330.35,", ",-330.35,")),
                              f"{CUSTOMS}, line 5, column 'value_as_published': '-330.35': a level below zero"),
    "share above 100": (CUSTOMS, at_line(36, replace(",16.6,", ",116.6,")),
                        f"{CUSTOMS}, line 36, column 'value_as_published': '116.6': a share of China's trade"),
    "negative vehicles": (CAAM, at_line(2, replace(",2.7,", ",-2.7,")),
                          f"{CAAM}, line 2, column 'value_as_published': '-2.7': a number of vehicles"),
    "zero exchange rate": (FX, at_line(2, replace(",6.7904,", ",0,")),
                           f"{FX}, line 2, column 'rate_as_published': '0': an exchange rate must be above zero"),
    "unknown unit": (CUSTOMS, at_line(2, replace(",trillion,", ",zillion,")),
                     f"{CUSTOMS}, line 2, column 'unit': 'zillion' is unknown"),
    "unknown currency": (CUSTOMS, at_line(2, replace(",USD,", ",EUR,")),
                         f"{CUSTOMS}, line 2, column 'basis': 'EUR' is unknown"),
    # line 36 is ASEAN's share; the first letter below is Cyrillic, and prints as the Latin A
    "a look-alike letter in a code": (CUSTOMS, at_line(36, replace(",ASEAN,", ",\u0410SEAN,")),
                                      f"{CUSTOMS}, line 36, column 'partner_code': '\u0410SEAN' is unknown (not a"
                                      " partner_code in seeds/reference/ref_partners.csv); it holds U+0410 CYRILLIC"
                                      " CAPITAL LETTER A at position 1 (codes are ASCII)"),
    "unknown partner": (CUSTOMS, at_line(2, replace(",WLD,", ",ATLANTIS,")),
                        f"{CUSTOMS}, line 2, column 'partner_code': 'ATLANTIS' is unknown"),
    "unknown source": (CUSTOMS, at_line(2, replace("doc_001_induqin", "doc_999_nowhere")),
                       f"{CUSTOMS}, line 2, column 'source_id': 'doc_999_nowhere' is unknown"),
    "impossible month": (CUSTOMS, at_line(2, replace(",2025-11,ytd,", ",2025-13,ytd,")),
                         f"{CUSTOMS}, line 2, column 'period': '2025-13' is not a valid period"),
    "Jan-Feb as a year-to-date": (CUSTOMS, at_line(2, replace(",2025-11,ytd,", ",2025-01/02,ytd,")),
                                  f"{CUSTOMS}, line 2, column 'period': '2025-01/02' is not a valid period"),
    "impossible quarter": (CAAM, at_line(2, replace(",2025-11,month,", ",2025-Q5,quarter,")),
                           f"{CAAM}, line 2, column 'period': '2025-Q5' is not a valid period"),
    "unknown flow": (CUSTOMS, at_line(2, replace(",balance,", ",surplus,")),
                     f"{CUSTOMS}, line 2, column 'flow': 'surplus' is not one of"),
    "repeated observation id": (CUSTOMS, at_line(3, replace("doc001.02", "doc001.01")),
                                f"{CUSTOMS}, line 3, column 'observation_id': 'doc001.01' repeats line 2"),
    "a 40-digit number": (CUSTOMS, at_line(5, replace(",330.35,", "," + "9" * 40 + ",")),
                          f"{CUSTOMS}, line 5, column 'value_as_published': '{'9' * 40}' is not a number"),
    "full-width digits": (CUSTOMS, at_line(5, replace(",330.35,", ",\uff13\uff13\uff10.35,")),
                          f"{CUSTOMS}, line 5, column 'value_as_published': '\uff13\uff13\uff10.35' is not a number"),
    "a period in full-width digits": (CUSTOMS, at_line(5, replace(",2025-11,month,", ",\uff12025-11,month,")),
                                      f"{CUSTOMS}, line 5, column 'period': '\uff12025-11' is not a valid period"),
    "a compact date": (SOURCES, at_line(2, replace(",2025-12-12,", ",20251212,")),
                       f"{SOURCES}, line 2, column 'published_date': '20251212' is not a date (YYYY-MM-DD)"),
    "an ISO-week date": (SOURCES, at_line(2, replace(",2025-12-12,", ",2025-W50-5,")),
                         f"{SOURCES}, line 2, column 'published_date': '2025-W50-5' is not a date (YYYY-MM-DD)"),
    # line 7 cites a web page; lines 3 and 4 cite documents without a known URL, and pass
    "a web page without its URL": (SOURCES, at_line(7, replace(f",{PAGE_7},", ",,")),
                                   f"{SOURCES}, line 7, column 'location': '': a web page needs its URL"),
    "one page cited as two sources": (SOURCES, at_line(8, replace(PAGE_8, PAGE_7)),
                                      f"{SOURCES}, line 8, column 'location': '{PAGE_7}' repeats line 7"),
    # the reference tables are checked like data (issue 24); the build date is the machine's today
    "a source dated after the build": (SOURCES, at_line(2, replace(",2025-12-12,", ",2099-12-12,")),
                                       f"{SOURCES}, line 2, column 'published_date': '2099-12-12': a source cannot be"
                                       " dated after the day of the build"),
    "a web page whose location is not a URL": (
        SOURCES, at_line(7, replace(f",{PAGE_7},", f",{PAGE_7.removeprefix('https://')},")),
        f"{SOURCES}, line 7, column 'location': '{PAGE_7.removeprefix('https://')}': a location is a page's URL"),
    # line 2: January-February 2023, released on 2023-03-07
    "a release dated before its period ended": (
        CALENDAR, at_line(2, replace(",2023-03-07,", ",2023-02-20,")),
        f"{CALENDAR}, line 2, column 'release_date': '2023-02-20': a release cannot come before the period it"
        " describes has ended"),
    "a release dated after the build": (
        CALENDAR, at_line(2, replace(",2023-03-07,", ",2099-03-07,")),
        f"{CALENDAR}, line 2, column 'release_date': '2099-03-07': a release cannot be dated after the day of the"
        " build"),
    # line 3: thousand, 1000, exponent 3
    "a unit whose multiplier and exponent disagree": (
        UNITS, at_line(3, replace("thousand,1000,3,", "thousand,100,3,")),
        f"{UNITS}, line 3, column 'multiplier': '100': a unit's multiplier is 10 to its unit_mult_exponent"),
    "growth below -100%": (CUSTOMS, at_line(6, replace(",5.9,", ",-105.9,")),
                           f"{CUSTOMS}, line 6, column 'value_as_published': '-105.9': a growth rate below -100%"),
    # no identity ties a product printed once to another figure; its quote does (var quote_prints_the_value)
    "a lone figure's unit keyed as billion for trillion": (
        CUSTOMS, at_line(59, replace(",1.29,trillion,", ",1.29,billion,")),
        f"{CUSTOMS}, line 59, column 'quote': 'China exported integrated circuits worth 1.29 trillion yuan"),
    "a value that its quote does not print": (
        CUSTOMS, at_line(59, replace(",1.29,trillion,", ",12.9,trillion,")),
        f"{CUSTOMS}, line 59, column 'quote': 'China exported integrated circuits worth 1.29 trillion yuan"),
    "a quote of a million characters": (
        CUSTOMS, at_line(59, replace("China exported integrated circuits", "China exported " + "x" * 1_000_000)),
        f"{CUSTOMS}, line 59, column 'quote': a field of more than 131,072 characters, the most a cell may hold"),
    # the quote rules read the sign and the currency (vars quote_prints_the_sign_of_*, quote_names_its_currency)
    "a partner's balance keyed with the wrong sign": (  # line 1597: p196, "China's trade surplus with the US ..."
        CUSTOMS, at_line(1597, replace(",balance,2024,year,level,USD,361.03,", ",balance,2024,year,level,USD,-361.03,")),
        (f"{CUSTOMS}, line 1597, column 'quote': \"China's trade surplus with the US", "disagrees with its quote's surplus or deficit")),
    "a fall keyed as a rise": (  # line 58: doc003.11, "trade with the U.S. ... fell 16.9 percent"
        CUSTOMS, at_line(58, replace(",yoy_pct,CNY,-16.9,", ",yoy_pct,CNY,16.9,")),
        (f"{CUSTOMS}, line 58, column 'quote': \"Meanwhile, China's trade with the U.S.", "the growth's sign disagrees with its quote")),
    "a vehicle fall keyed as a rise": (  # line 3: doc000.02, "Domestic vehicle sales fell 4.4% ..."
        CAAM, at_line(3, replace(",-4.4,", ",4.4,")),
        (f"{CAAM}, line 3, column 'quote': 'Domestic vehicle sales fell 4.4%", "the growth's sign disagrees with its quote")),
    "a yuan figure keyed as dollars": (  # line 1679: p279, "... amounted to 1.27 trillion yuan ..."
        CUSTOMS, at_line(1679, replace(",level,CNY,1.27,trillion,", ",level,USD,1.27,trillion,")),
        (f"{CUSTOMS}, line 1679, column 'quote': \"from January to May, China's exports to the US", "names only the other currency")),
    # the qualifier is read from the words (var quote_words_match_the_qualifier)
    "'just over' keyed as exact": (  # line 1013: y23.0184, "... to just over $1 trillion"
        CUSTOMS, at_line(1013, replace(",1,trillion,lower_bound,", ",1,trillion,as_published,")),
        (f"{CUSTOMS}, line 1013, column 'qualifier': 'as_published'", "key it approximate or lower_bound")),
    "'some' keyed as exact": (  # line 340: caam148.level, "Some 708,000 NEVs were exported ..."
        CAAM, at_line(340, replace(",708000,one,approximate,", ",708000,one,as_published,")),
        (f"{CAAM}, line 340, column 'qualifier': 'as_published'", "key it approximate or lower_bound")),
    "a NUL byte inside a field": (INDUSTRY, at_line(2, replace("commerce", "comm\x00erce")),
                                  f"{INDUSTRY}, line 2, column 'note': holds the control character U+0000"),
    "a form feed inside a quoted field": (INDUSTRY, at_line(3, replace(",commerce ministry data cited by CCTV",
                                                                   ',"commerce\x0cministry data cited by CCTV"')),
                                          f"{INDUSTRY}, line 3, column 'note': holds the control character U+000C"),
}


# the cases that also run the whole build: one structural fault, one rule of the sources, one encoding fault, one
# rule of a reference table
THROUGH_THE_BUILD = ("wrong header", "negative export level", "unknown partner", "a source dated after the build")


@pytest.fixture
def project(tmp_path):
    project_dir = copy_project(tmp_path / "project")
    published_file(project_dir).write_bytes(LAST_GOOD)
    return project_dir


def faults_of(project_dir) -> list[str]:
    return check_seeds.check_seeds(project_dir)


def assert_only(faults: list[str], says: str | tuple[str, ...]) -> None:
    """The named fault is reported, and every fault reported is at its file and line: the fault's, nothing else.
    says: what the fault says, or the parts of it (where and value, then why) that one fault must say."""
    parts = (says,) if isinstance(says, str) else says
    assert any(all(part in fault for part in parts) for fault in faults), faults
    where = re.match(r"[^,]+, line \d+", parts[0]).group(0)
    assert all(fault.startswith(where + ",") for fault in faults), faults


def assert_nothing_published(project_dir, result):
    assert result.returncode == 1
    assert "build failed at: check and load seeds. Nothing was published" in result.stderr
    assert published_file(project_dir).read_bytes() == LAST_GOOD
    assert not (project_dir / "warehouse" / "versions").exists()
    assert not (project_dir / "warehouse" / "candidate" / "china_trade.duckdb").exists()  # nothing was loaded


@pytest.mark.fast
def test_control_the_unchanged_seeds_pass(project):
    assert faults_of(project) == []


@pytest.mark.fast
@pytest.mark.parametrize("case", CASES)
def test_a_bad_input_is_named_at_its_file_line_and_column(project, case):
    relative_path, plant, says = CASES[case]
    plant(project, relative_path)
    assert_only(faults_of(project), says)


@pytest.mark.parametrize("case", THROUGH_THE_BUILD)
def test_the_build_stops_at_the_seed_step_and_publishes_nothing(project, case):
    relative_path, plant, says = CASES[case]
    plant(project, relative_path)
    result = run_build(project)
    assert says in result.stderr, result.stderr
    assert_nothing_published(project, result)


@pytest.mark.fast
def test_a_duplicate_observation_is_named_with_both_lines(project):
    lines = (project / CUSTOMS).read_text(encoding="utf-8").count("\n")
    append_copy_of(2, "doc001.99")(project, CUSTOMS)
    faults = faults_of(project)
    assert faults == [f"{CUSTOMS}, line {lines + 1}, columns {faults[0].split('columns ')[1].split(':')[0]}: "
                      "duplicate observation of line 2"]


@pytest.mark.fast
def test_a_file_that_is_not_utf8_is_named(project):
    path = project / INDUSTRY
    path.write_bytes(path.read_bytes().replace(b"commerce", b"comm\xe9rce", 1))
    assert_only(faults_of(project), f"{INDUSTRY}, line 2, column 'note': not UTF-8 text")


@pytest.mark.fast
def test_a_unicode_line_separator_inside_a_quoted_field_moves_no_line_number(project):
    """U+2028 and U+0085 end a line for str.splitlines, not for CSV: a quoted note holding them is no fault, and a
    fault further down is named at its own line."""
    edit_line(project, INDUSTRY, 2, lambda line: line.replace(",commerce ministry data cited by CCTV",
                                                              ',"commerce\u2028ministry data\u0085cited by CCTV"'))
    assert faults_of(project) == []  # control: the separators alone are no fault
    edit_line(project, INDUSTRY, 3, replace(",ytd,", ",ytd2,"))
    assert_only(faults_of(project), f"{INDUSTRY}, line 3, column 'period_basis': 'ytd2' is not one of")


@pytest.mark.parametrize("name", ["CTW_KEEP_VERSIONS", "CTW_WAREHOUSE_PATH"])
def test_a_bad_setting_is_refused_before_anything_is_built(project, tmp_path, name):
    """A setting that could only fail after a whole build (no version to keep), or that would scatter a lock, a
    candidate and a version beside a folder named as the published file, stops the build before its first step.
    The session's build, with the settings' defaults, is the control."""
    folder = tmp_path / "a_folder"
    folder.mkdir()
    value = {"CTW_KEEP_VERSIONS": "0", "CTW_WAREHOUSE_PATH": str(folder)}[name]
    listed = sorted(p.name for p in project.iterdir())
    result = run_build(project, env=project_env(project) | {name: value})
    assert result.returncode == 1 and result.stderr.startswith(f"build refused: {name}"), result.stderr
    assert "check and load seeds" not in result.stdout + result.stderr  # no step ran
    assert published_file(project).read_bytes() == LAST_GOOD
    assert sorted(p.name for p in project.iterdir()) == listed and not list(folder.iterdir())
    assert sorted(p.name for p in (project / "warehouse").iterdir()) == ["china_trade.duckdb"]


def test_a_tolerance_widened_in_the_seed_alone_stops_the_build(project):
    """registry.yml pins every tolerance: the build stops at its first step, before anything is built, and the
    published file stays as it was. (The control is the session's build, with the seed as the registry pins it.)"""
    edit_line(project, "seeds/reference/ref_check_parameters.csv", 4,
              replace("revision_allowance_pct,1.0,", "revision_allowance_pct,10.0,"))
    result = run_build(project)
    assert result.returncode == 1 and "revision_allowance_pct = 10.0, where registry.yml pins 1.0" in result.stderr
    assert published_file(project).read_bytes() == LAST_GOOD
    assert not (project / "warehouse" / "candidate" / "china_trade.duckdb").exists()  # nothing was built


@pytest.mark.fast
@pytest.mark.parametrize("setting", [None, ("CTW_KEEP_VERSIONS", "0"), ("CTW_WAREHOUSE_PATH", "a folder")])
def test_the_settings_check_passes_the_defaults_and_names_a_bad_setting(tmp_path, monkeypatch, setting):
    """The same check the build runs first (ctw.build.check_settings), in-process: the control, the defaults and a
    file path, passes; each bad setting is refused naming its variable."""
    from ctw import build
    from ctw.publish import PublishError
    monkeypatch.delenv("CTW_KEEP_VERSIONS", raising=False)
    published = tmp_path / "china_trade.duckdb"
    if setting is None:
        build.check_settings(published)
        return
    name, value = setting
    if name == "CTW_WAREHOUSE_PATH":
        published.mkdir()
    else:
        monkeypatch.setenv(name, value)
    with pytest.raises(PublishError, match=name):
        build.check_settings(published)
