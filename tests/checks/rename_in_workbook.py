"""Renames values in a workbook, in place: every text cell equal to FROM becomes TO.

Usage: rename_in_workbook.py WORKBOOK FROM TO [FROM TO ...]
Used by tests/privacy.rs to build a roster and export whose names hold markup characters.
"""
import sys

import openpyxl


def main():
    path, pairs = sys.argv[1], sys.argv[2:]
    renames = dict(zip(pairs[0::2], pairs[1::2]))
    workbook = openpyxl.load_workbook(path)
    changed = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value in renames:
                    cell.value = renames[cell.value]
                    changed += 1
    if changed == 0:
        sys.exit(f"{path}: none of {list(renames)} found")
    workbook.save(path)


main()
