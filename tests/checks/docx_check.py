#!/usr/bin/env python3
"""Reads Word documents with python-docx, an independent reader, and prints what it sees as JSON.

Usage: docx_check.py FILE.docx...

For each file: the core properties (title, creator, language, created), the paragraphs in the
built-in heading styles (style name and text), the list paragraphs (whether each is numbered in
numbering.xml), the header-row cells of every table with whether that row repeats on every page,
the number of content controls and of those showing their placeholder, the default language of
the styles, the page orientation and whether the footer holds a PAGE field. A file python-docx
cannot open is reported with its error, so the calling test can fail with it.
"""

import json
import sys

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn


def read(path):
    document = docx.Document(path)
    core = document.core_properties
    body = document.element.body
    headings = [
        {"style": paragraph.style.name, "text": paragraph.text}
        for paragraph in document.paragraphs
        if paragraph.style.name.startswith("Heading")
    ]
    lists = [
        {"text": paragraph.text, "numbered": paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None}
        for paragraph in document.paragraphs
        if paragraph.style.name == "List Paragraph"
    ]
    tables = []
    for table in document.tables:
        first = table.rows[0]
        tr_pr = first._tr.trPr
        repeats = tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None
        tables.append(
            {
                "header": [cell.text for cell in first.cells],
                "repeats": repeats,
                "rows": len(table.rows),
            }
        )
    controls = body.findall(".//" + qn("w:sdt"))
    showing = [c for c in controls if c.find(qn("w:sdtPr") + "/" + qn("w:showingPlcHdr")) is not None]
    defaults = document.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(".//" + qn("w:lang"))
    section = document.sections[0]
    footer_xml = section.footer._element.xml
    return {
        "title": core.title,
        "creator": core.author,
        "language": core.language,
        "created": core.created.isoformat() if core.created else None,
        "headings": headings,
        "lists": lists,
        "tables": tables,
        "controls": len(controls),
        "placeholders": len(showing),
        "default_language": lang.get(qn("w:val")) if lang is not None else None,
        "landscape": section.orientation == WD_ORIENT.LANDSCAPE,
        "page_field": "PAGE" in footer_xml,
        "text": "\n".join(paragraph.text for paragraph in document.paragraphs),
    }


def main(paths):
    results = {}
    for path in paths:
        try:
            results[path] = read(path)
        except Exception as error:  # report every unreadable file, not only the first
            results[path] = {"error": f"{type(error).__name__}: {error}"}
    json.dump(results, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1:])
