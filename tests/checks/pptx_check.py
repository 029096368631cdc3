#!/usr/bin/env python3
"""Reads the cluster decks with python-pptx and openpyxl, independent readers, and checks every
chart against data/figures.json.

Usage: pptx_check.py FIGURES.json TEXTS.toml DECKS.json

DECKS.json lists the decks to read: [{"path": ..., "specialty": i, "cluster": j}], the indices
into figures.json's specialties and their clusters. For each deck the script works out, from
figures.json alone, which charts the deck must hold and what they show: per chart its
categories, series names and values (the published percentages), in slide order. It then reads
each chart with python-pptx (categories, series, values), resolves every formula of the chart
(`c:f`) in the embedded workbook with openpyxl and compares the cells with the chart's cache,
and checks the slides around the charts: 16:9, a notes page with text on every slide, every text
run in Danish, the reflection questions chosen by the cluster's outcome, and no chart of a
suppressed cluster's own answers.

Prints JSON: {"decks": n, "charts": n, "workbooks": n, "slides": {path: [[title, notes], ...]},
"problems": [...]}; the calling test fails on any problem.
"""

import io
import json
import re
import sys
import tomllib

import openpyxl
from lxml import etree
from pptx import Presentation
from pptx.util import Emu

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
}
SLIDE_SIZE = (Emu(12192000), Emu(6858000))


def xpath(element, expression):
    """An XPath query with the DrawingML prefixes, on any element."""
    return etree._Element.xpath(element, expression, namespaces=NS)


def fill(template, **values):
    """A template filled as the pipeline fills it (values ending in '.' before '.' give one)."""
    def replace(match):
        return str(values[match.group(1)])
    text = re.sub(r"\{(\w+)\}", replace, template)
    return text.replace("..", ".")


class Expected:
    """What a cluster's deck must show, from figures.json and the texts."""

    def __init__(self, figures, texts, specialty, cluster):
        self.figures = figures
        self.texts = texts["deck"]
        self.specialty = figures["specialties"][specialty]
        self.cluster = self.specialty["clusters"][cluster]
        self.shown = self.cluster["results"]["status"] == "shown"
        self.index = {variable["key"]: i for i, variable in enumerate(figures["variables"])}
        self.roles = figures["roles"]["questions"]
        nation = self.texts["hele_landet"]
        self.units = ([(self.cluster["name"], self.cluster["results"]["variables"] if self.shown else None)]
                      + [(self.specialty["name"], self.specialty["totals"]["variables"]),
                         (nation, figures["national"]["variables"])])
        if not self.shown:
            self.units = self.units[1:]
        self.own, self.reference = self.units[0], self.units[1]
        self.own_outcomes = self.cluster["outcomes"] if self.shown else self.specialty["outcomes"]

    def role(self, role):
        return [self.index[key] for key in self.roles.get(role, {}).get("variables", [])]

    @staticmethod
    def top(variables, index):
        top = variables[index]["top"]
        return None if top is None else top["percent"]

    def units_chart(self, rows):
        return {
            "categories": [label for label, _ in rows],
            "series": [
                (name, [self.top(variables, index) for _, index in rows])
                for name, variables in self.units
            ],
        }

    def distribution(self, role):
        [index] = self.role(role)
        answers = self.figures["variables"][index]["answers"]
        in_base = [i for i, answer in enumerate(answers) if not answer["outside_base"]]
        return {
            "categories": [name for name, _ in self.units],
            "series": [
                (answers[i]["label"], [variables[index]["stacked"][i] for _, variables in self.units])
                for i in in_base
            ],
        }

    def charts(self):
        """Every chart of the deck in slide order."""
        charts = []
        labels = self.texts["diagram"]["raekke"]
        rows = []
        for role, key in (("attendance", "moeder"), ("engagement", "engagement")):
            rows += [(labels[key], index) for index in self.role(role)]
        for index in self.role("activity"):
            element = self.figures["variables"][index]["item_text"]
            rows.append((fill(self.texts["diagram"]["aktivitet"], element=element), index))
        if rows:
            charts.append(("deltagelse", self.units_chart(rows)))
        if self.role("support"):
            charts.append(("understoettelse", self.distribution("support")))
        pairs = self.figures["roles"]["expectation_pairs"]
        if pairs:
            variables = self.own[1]
            series = self.texts["diagram"]["serie"]
            charts.append(("forventninger", {
                "categories": [self.figures["variables"][self.index[pair["importance"]]]["item_text"] for pair in pairs],
                "series": [
                    (series["vigtigt"], [self.top(variables, self.index[pair["importance"]]) for pair in pairs]),
                    (series["oplever"], [self.top(variables, self.index[pair["experience"]]) for pair in pairs]),
                ],
            }))
        rows = []
        for role, key in (("data_used", "brugt"), ("data_more", "mere")):
            rows += [(labels[key], index) for index in self.role(role)]
        if rows:
            charts.append(("data", self.units_chart(rows)))
        if self.role("improvements"):
            charts.append(("forbedringer", self.distribution("improvements")))
        if self.role("motivation"):
            ranking = [self.index[key] for key in self.own_outcomes["rankings"]["motivation"]]
            charts.append(("motivation", {
                "categories": [self.figures["variables"][index]["item_text"] for index in ranking],
                "series": [
                    (name, [self.top(variables, index) for index in ranking])
                    for name, variables in (self.own, self.reference)
                ],
            }))
        return charts

    def questions(self):
        """The reflection questions the cluster's outcome calls for."""
        outcome = self.cluster["reflection"]["outcome"]
        kind = "fastholde" if outcome == "positive" else "udvikle"
        return list(self.texts["spoergsmaal"][kind].values())


def danish_integer(value):
    """1056 → 1.056."""
    return f"{value:,}".replace(",", ".")


def danish_percent(value):
    """A published value of figures.json as printed: 66.7 → 66,7 pct.; 50.0 and 50 → 50 pct."""
    if value is None:
        return ""
    text = repr(value)
    if text.endswith(".0"):
        text = text[:-2]
    return text.replace(".", ",") + " pct."


def cell_values(workbook, formula):
    """The values of the cells a chart formula names: 'Ark1'!$B$2:$B$4 or Ark1!$B$1."""
    sheet, cells = formula.rsplit("!", 1)
    sheet = sheet.strip("'").replace("''", "'")
    worksheet = workbook[sheet]
    cells = cells.replace("$", "")
    if ":" in cells:
        return [row[0].value for row in worksheet[cells]]
    return [worksheet[cells].value]


def check_chart(chart, problems, where):
    """The chart's caches against its embedded workbook, formula by formula."""
    blob = chart.part.chart_workbook.xlsx_part.blob
    workbook = openpyxl.load_workbook(io.BytesIO(blob), data_only=True)
    space = chart._chartSpace
    categories = None
    for ser in xpath(space, ".//c:ser"):
        parts = {
            "tx": xpath(ser, "./c:tx/c:strRef")[0],
            "cat": xpath(ser, "./c:cat/c:strRef")[0],
            "val": xpath(ser, "./c:val/c:numRef")[0],
        }
        for kind, reference in parts.items():
            formula = xpath(reference, "./c:f")[0].text
            cache = xpath(reference, "./c:strCache | ./c:numCache")[0]
            count = int(xpath(cache, "./c:ptCount")[0].get("val"))
            cached = [None] * count
            for point in xpath(cache, "./c:pt"):
                value = xpath(point, "./c:v")[0].text
                cached[int(point.get("idx"))] = float(value) if kind == "val" else value
            cells = cell_values(workbook, formula)
            if cells != cached:
                problems.append(f"{where}: {formula} holds {cells} in the workbook, {cached} in the chart")
            if kind == "cat":
                if categories is not None and cached != categories:
                    problems.append(f"{where}: series disagree on the categories")
                categories = cached
        if not xpath(space, "./c:externalData"):
            problems.append(f"{where}: no c:externalData")


def same(found, expected):
    return all(
        (a is None and b is None) or (a is not None and b is not None and abs(a - b) < 1e-9)
        for a, b in zip(found, expected)
    ) and len(found) == len(expected)


def check_deck(path, expected, problems, counts):
    deck = Presentation(path)
    if (deck.slide_width, deck.slide_height) != SLIDE_SIZE:
        problems.append(f"{path}: slide size {deck.slide_width} × {deck.slide_height}")
    core = deck.core_properties
    if core.language != "da-DK" or not core.title:
        problems.append(f"{path}: core properties language {core.language!r}, title {core.title!r}")
    slides = []
    charts = []
    for number, slide in enumerate(deck.slides, 1):
        title = slide.shapes.title.text if slide.shapes.title is not None else ""
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        if not notes.strip():
            problems.append(f"{path}: slide {number} ({title}) has no speaker notes")
        slides.append([title, notes])
        runs = xpath(slide._element, ".//a:r/a:rPr")
        if any(run.get("lang") != "da-DK" for run in runs) or not runs:
            problems.append(f"{path}: slide {number} has text runs that are not marked Danish")
        for shape in slide.shapes:
            if shape.has_chart:
                charts.append((number, title, shape.chart))
    counts["slides"][path] = slides

    wanted = expected.charts()
    if len(charts) != len(wanted):
        problems.append(f"{path}: {len(charts)} charts, expected {len(wanted)} ({[key for key, _ in wanted]})")
    for (number, title, chart), (key, want) in zip(charts, wanted):
        where = f"{path} slide {number} ({title}, {key})"
        if title != expected.texts["overskrift"][key]:
            problems.append(f"{where}: the chart is on the wrong slide")
        categories = list(chart.plots[0].categories)
        if categories != want["categories"]:
            problems.append(f"{where}: categories {categories}, expected {want['categories']}")
        series = [(s.name, list(s.values)) for s in chart.plots[0].series]
        names = [name for name, _ in series]
        if names != [name for name, _ in want["series"]]:
            problems.append(f"{where}: series {names}, expected {[name for name, _ in want['series']]}")
        for (name, values), (_, wanted_values) in zip(series, want["series"]):
            if not same(values, wanted_values):
                problems.append(f"{where}: {name} has {values}, figures.json {wanted_values}")
        if not expected.shown and expected.cluster["name"] in categories + names:
            problems.append(f"{where}: a suppressed cluster's own figures are charted")
        check_chart(chart, problems, where)
        counts["charts"] += 1
        counts["workbooks"] += 1

    slide_texts = {
        title: "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
        for slide, (title, _) in zip(deck.slides, slides)
    }
    headings = expected.texts["overskrift"]
    if headings["refleksion"] not in slide_texts:
        problems.append(f"{path}: no reflection slide")
    for question in expected.questions():
        if question not in slide_texts.get(headings["refleksion"], ""):
            problems.append(f"{path}: the reflection slide lacks «{question}»")
    about = slide_texts.get(headings["om"], "")
    statement = fill(
        expected.texts["om"]["vist" if expected.shown else "for_faa"],
        respondenter=danish_integer(expected.cluster["respondents"]),
        inviterede=danish_integer(expected.cluster["invited"]),
        svarprocent=danish_percent(expected.cluster["response_rate"]),
        minimum=danish_integer(expected.figures["min_respondents"]),
        speciale=expected.specialty["name"],
        klynge=expected.cluster["name"],
    )
    if statement not in about:
        problems.append(f"{path}: the survey slide lacks «{statement}»")
    counts["decks"] += 1


def main():
    figures_path, texts_path, decks_path = sys.argv[1:4]
    with open(figures_path, encoding="utf-8") as file:
        figures = json.load(file)
    with open(texts_path, "rb") as file:
        texts = tomllib.load(file)
    with open(decks_path, encoding="utf-8") as file:
        decks = json.load(file)
    problems = []
    counts = {"decks": 0, "charts": 0, "workbooks": 0, "slides": {}}
    for deck in decks:
        expected = Expected(figures, texts, deck["specialty"], deck["cluster"])
        try:
            check_deck(deck["path"], expected, problems, counts)
        except Exception as error:  # a deck a reader cannot open is a finding, not a crash
            problems.append(f"{deck['path']}: {type(error).__name__}: {error}")
    counts["problems"] = problems
    json.dump(counts, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
