#!/usr/bin/env python3
"""Runs Data to Insight's 903 validator (csc-validator-be-903, MIT) on a Pathway export: not part of
Pathway, and none of its code is copied here; docs/ssda903.md says how to set it up and run this.

    validate-903.py VALIDATOR_DIR YEAR THIS_YEAR_DIR [EARLIER_YEAR_DIR ...]

THIS_YEAR_DIR holds the export for the collection year ending 31 March YEAR. The earlier years'
exports, if given, are joined into one "previous year" so the rules that look back (1001, 1002) see
each child's whole care history: an episode is kept once (CHILD, DECOM), with its end when any year
knows it. Prints each rule that found errors and how many, then the total.
"""
import importlib
import io
import sys
from pathlib import Path

import pandas as pd

validator_dir, year, this_dir, *earlier = sys.argv[1:]
sys.path[:0] = [str(Path(validator_dir)), str(Path(__file__).parent / "validate-903-stubs")]
from lac_validator import lac_validator  # noqa: E402
from lac_validator.report import Report  # noqa: E402
from lac_validator.types import UploadedFile  # noqa: E402

year = int(year)
ruleset = f"lac{min(year, 2025) - 1}_{str(min(year, 2025))[2:]}"
# reviews.csv and missing.csv are read when the export has them (an export from before they were
# written has not). Rows that repeat across earlier years are kept once, by what identifies them.
NAMES = ["header.csv", "episodes.csv", "uasc.csv", "oc3.csv", "reviews.csv", "missing.csv"]
KEYS = {"episodes.csv": ["CHILD", "DECOM"], "reviews.csv": ["CHILD", "REVIEW"], "missing.csv": ["CHILD", "MISSING", "MIS_START"]}
files = []
for name in NAMES:
    if (Path(this_dir) / name).exists():
        files.append(UploadedFile(name=name, description="This year", file_content=(Path(this_dir) / name).read_bytes()))
if earlier:
    for name in NAMES:
        frames = [pd.read_csv(Path(d) / name, dtype=str) for d in earlier if (Path(d) / name).exists()]
        if not frames:
            continue
        joined = pd.concat(frames)
        if name in ("episodes.csv", "missing.csv"):
            end = "DEC" if name == "episodes.csv" else "MIS_END"
            joined = joined.sort_values(end, na_position="last").drop_duplicates(KEYS[name], keep="first")
        else:
            joined = joined.drop_duplicates(KEYS.get(name, ["CHILD"]), keep="first")
        if year >= 2025 and "SEX" in joined.columns:
            # The 2024-25 return codes sex M/F where earlier ones wrote 1/2: compare like with like (rule 202).
            joined["SEX"] = joined["SEX"].replace({"1": "M", "2": "F"})
        buf = io.StringIO()
        joined.to_csv(buf, index=False)
        files.append(UploadedFile(name=name, description="Prev year", file_content=buf.getvalue().encode()))

registry = importlib.import_module(f"lac_validator.rules.{ruleset}").registry
v = lac_validator.LacValidator(
    metadata={"collectionYear": str(year), "localAuthority": "E08000035"}, files=files, registry=registry
)
report = Report(v.ds_results, registry)
errors = report.error_report
errors = errors[errors["Count"] > 0]
print(f"ruleset {ruleset}: {len(v.dones)} rules run, {len(v.skips)} skipped, {len(v.fails)} failed to run")
for _, row in errors.iterrows():
    print(f"{row['Code']}\t{int(row['Count'])}\t{row['Description']}")
print(f"total\t{int(errors['Count'].sum())}")

# Rule 1001 leaves out of its totals everyone 20 or over on 31 March ("we would not expect to see
# sufficient episodes"), then counts their missing total as a failure: every OC3 row at 20 or 21 is
# flagged whatever the history. Count apart the rows it can judge.
oc3 = v.ds_results.get("OC3")
if oc3 is not None and "ERR_1001" in oc3.columns:
    flagged = oc3[oc3["ERR_1001"] == True]  # noqa: E712
    dob = pd.to_datetime(flagged["DOB"], format="%d/%m/%Y", errors="coerce")
    under_20 = dob + pd.DateOffset(years=20) > pd.Timestamp(year=year, month=3, day=31)
    print(f"1001 under 20 on 31 March (the rows it can judge)\t{int(under_20.sum())}")
    print(f"1001 aged 20 or 21 (flagged whatever their history)\t{int((~under_20).sum())}")
