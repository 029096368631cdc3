//! A native PowerPoint bar chart (`c:chartSpace`): horizontal bars, stacked to 100 % or grouped,
//! the first row on top, value labels, the palette's colours, Danish, and formulas into the
//! embedded workbook with the published values cached.

use document::{Chart, ChartKind, Palette, Rgb};
use ooxml::XmlWriter;
use ooxml::vocabulary::namespace;

use crate::text::{Context, solid_fill};
use crate::workbook::{categories_range, number_text, series_name_cell, values_range};

/// The two axes' ids (any unsigned numbers, unique within the chart).
const CATEGORY_AXIS: &str = "510001";
const VALUE_AXIS: &str = "510002";

/// A stacked segment narrower than this (in percent of the bar) gets no label: the number would
/// not fit inside it. Its value stays in the data and the alternative text.
const SMALLEST_LABELLED_SEGMENT: f64 = 5.0;

/// Text sizes in hundredths of a point.
const CATEGORY_SIZE: &str = "1200";
const LABEL_SIZE: &str = "1100";
const AXIS_SIZE: &str = "1000";
const LEGEND_SIZE: &str = "1200";

/// Colours of the chart's series, from the palette.
pub(crate) fn series_colours(chart: &Chart, palette: &Palette) -> Vec<Rgb> {
    match chart.kind {
        ChartKind::Stacked => palette.stacked(chart.series.len()),
        ChartKind::Grouped => palette.grouped(chart.series.len()),
    }
}

/// The chart part; `workbook` is the relationship id of the embedded workbook.
pub(crate) fn chart_xml(chart: &Chart, context: Context<'_>, workbook: &str) -> Vec<u8> {
    let palette = context.palette;
    let stacked = chart.kind == ChartKind::Stacked;
    let mut xml = XmlWriter::new();
    xml.start(
        "c:chartSpace",
        &[
            ("xmlns:c", namespace::CHART),
            ("xmlns:a", namespace::DRAWINGML),
            ("xmlns:r", namespace::OFFICE_RELATIONSHIPS),
        ],
    );
    xml.empty("c:date1904", &[("val", "0")])
        .empty("c:lang", &[("val", context.language)])
        .empty("c:roundedCorners", &[("val", "0")]);
    xml.start("c:chart", &[])
        .empty("c:autoTitleDeleted", &[("val", "1")]);
    xml.start("c:plotArea", &[]).empty("c:layout", &[]);

    xml.start("c:barChart", &[])
        .empty("c:barDir", &[("val", "bar")])
        .empty(
            "c:grouping",
            &[(
                "val",
                if stacked {
                    "percentStacked"
                } else {
                    "clustered"
                },
            )],
        )
        .empty("c:varyColors", &[("val", "0")]);
    let colours = series_colours(chart, palette);
    for (index, (name, colour)) in chart.series.iter().zip(&colours).enumerate() {
        series(&mut xml, chart, index, name, *colour, context);
    }
    label_flags(&mut xml, true);
    xml.empty("c:gapWidth", &[("val", if stacked { "50" } else { "40" })])
        .empty("c:overlap", &[("val", if stacked { "100" } else { "0" })])
        .empty("c:axId", &[("val", CATEGORY_AXIS)])
        .empty("c:axId", &[("val", VALUE_AXIS)])
        .end();

    // Categories down the left, the first row on top.
    xml.start("c:catAx", &[])
        .empty("c:axId", &[("val", CATEGORY_AXIS)])
        .start("c:scaling", &[])
        .empty("c:orientation", &[("val", "maxMin")])
        .end()
        .empty("c:delete", &[("val", "0")])
        .empty("c:axPos", &[("val", "l")])
        .empty(
            "c:numFmt",
            &[("formatCode", "General"), ("sourceLinked", "1")],
        )
        .empty("c:majorTickMark", &[("val", "none")])
        .empty("c:minorTickMark", &[("val", "none")])
        .empty("c:tickLblPos", &[("val", "nextTo")]);
    line_properties(&mut xml, Some(palette.grid));
    text_properties(&mut xml, CATEGORY_SIZE, palette.text, context);
    xml.empty("c:crossAx", &[("val", VALUE_AXIS)])
        .empty("c:crosses", &[("val", "autoZero")])
        .empty("c:auto", &[("val", "1")])
        .empty("c:lblAlgn", &[("val", "ctr")])
        .empty("c:lblOffset", &[("val", "100")])
        .empty("c:noMultiLvlLbl", &[("val", "0")])
        .end();

    // Values along the bottom (crossing at the last category, which maxMin puts at the bottom):
    // 0 to 100 %, gridlines every 20.
    let (maximum, unit, format) = if stacked {
        ("1", "0.2", "0%")
    } else {
        ("100", "20", "General")
    };
    xml.start("c:valAx", &[])
        .empty("c:axId", &[("val", VALUE_AXIS)])
        .start("c:scaling", &[])
        .empty("c:orientation", &[("val", "minMax")])
        .empty("c:max", &[("val", maximum)])
        .empty("c:min", &[("val", "0")])
        .end()
        .empty("c:delete", &[("val", "0")])
        .empty("c:axPos", &[("val", "b")])
        .start("c:majorGridlines", &[]);
    line_properties(&mut xml, Some(palette.grid));
    xml.end()
        .empty("c:numFmt", &[("formatCode", format), ("sourceLinked", "0")])
        .empty("c:majorTickMark", &[("val", "none")])
        .empty("c:minorTickMark", &[("val", "none")])
        .empty("c:tickLblPos", &[("val", "nextTo")]);
    line_properties(&mut xml, None);
    text_properties(&mut xml, AXIS_SIZE, palette.muted, context);
    xml.empty("c:crossAx", &[("val", CATEGORY_AXIS)])
        .empty("c:crosses", &[("val", "max")])
        .empty("c:crossBetween", &[("val", "between")])
        .empty("c:majorUnit", &[("val", unit)])
        .end();
    xml.end(); // plotArea

    if chart.series.len() > 1 {
        xml.start("c:legend", &[])
            .empty("c:legendPos", &[("val", "t")])
            .empty("c:overlay", &[("val", "0")]);
        text_properties(&mut xml, LEGEND_SIZE, palette.text, context);
        xml.end();
    }
    xml.empty("c:plotVisOnly", &[("val", "1")])
        .empty("c:dispBlanksAs", &[("val", "gap")])
        .end(); // chart

    xml.start("c:spPr", &[]).empty("a:noFill", &[]);
    xml.start("a:ln", &[]).empty("a:noFill", &[]).end().end();
    text_properties(&mut xml, CATEGORY_SIZE, palette.text, context);
    xml.start("c:externalData", &[("r:id", workbook)])
        .empty("c:autoUpdate", &[("val", "0")])
        .end();
    xml.end();
    xml.finish()
}

/// One series: its name, colour, value labels, the categories and its values, each with the
/// formula into the workbook and the cached text or number.
fn series(
    xml: &mut XmlWriter,
    chart: &Chart,
    index: usize,
    name: &str,
    colour: Rgb,
    context: Context<'_>,
) {
    let stacked = chart.kind == ChartKind::Stacked;
    let rows = chart.rows.len();
    let index_text = index.to_string();
    xml.start("c:ser", &[])
        .empty("c:idx", &[("val", &index_text)])
        .empty("c:order", &[("val", &index_text)]);
    xml.start("c:tx", &[]).start("c:strRef", &[]);
    xml.text_element("c:f", &[], &series_name_cell(index));
    string_cache(xml, std::iter::once(name), 1);
    xml.end().end();
    xml.start("c:spPr", &[]);
    solid_fill(xml, colour);
    xml.end();
    xml.empty("c:invertIfNegative", &[("val", "0")]);

    xml.start("c:dLbls", &[]);
    if stacked {
        for (row, values) in chart.rows.iter().enumerate() {
            let narrow = values.values[index]
                .is_some_and(|value| value.percent() < SMALLEST_LABELLED_SEGMENT);
            if narrow {
                xml.start("c:dLbl", &[])
                    .empty("c:idx", &[("val", &row.to_string())])
                    .empty("c:delete", &[("val", "1")])
                    .end();
            }
        }
    }
    xml.start("c:spPr", &[]).empty("a:noFill", &[]);
    xml.start("a:ln", &[]).empty("a:noFill", &[]).end().end();
    let label_colour = if stacked {
        context.palette.label_on(colour)
    } else {
        context.palette.text
    };
    text_properties(xml, LABEL_SIZE, label_colour, context);
    xml.empty(
        "c:dLblPos",
        &[("val", if stacked { "ctr" } else { "outEnd" })],
    );
    label_flags(xml, false);
    xml.end();

    xml.start("c:cat", &[]).start("c:strRef", &[]);
    xml.text_element("c:f", &[], &categories_range(rows));
    string_cache(xml, chart.rows.iter().map(|row| row.label.as_str()), rows);
    xml.end().end();

    xml.start("c:val", &[]).start("c:numRef", &[]);
    xml.text_element("c:f", &[], &values_range(index, rows));
    xml.start("c:numCache", &[])
        .text_element("c:formatCode", &[], "General")
        .empty("c:ptCount", &[("val", &rows.to_string())]);
    for (row, values) in chart.rows.iter().enumerate() {
        if let Some(value) = values.values[index] {
            xml.start("c:pt", &[("idx", &row.to_string())])
                .text_element("c:v", &[], &number_text(value.published))
                .end();
        }
    }
    xml.end().end().end();
    xml.end(); // ser
}

/// The six flags of a `c:dLbls` (present without a value, a flag would mean true): values only.
/// `with_element` wraps them in their own `c:dLbls` (the chart-wide default).
fn label_flags(xml: &mut XmlWriter, with_element: bool) {
    if with_element {
        xml.start("c:dLbls", &[]);
    }
    for (flag, shown) in [
        ("c:showLegendKey", "0"),
        ("c:showVal", "1"),
        ("c:showCatName", "0"),
        ("c:showSerName", "0"),
        ("c:showPercent", "0"),
        ("c:showBubbleSize", "0"),
    ] {
        xml.empty(flag, &[("val", shown)]);
    }
    if with_element {
        xml.end();
    }
}

/// `c:strCache` with `count` points.
fn string_cache<'a>(xml: &mut XmlWriter, texts: impl Iterator<Item = &'a str>, count: usize) {
    xml.start("c:strCache", &[])
        .empty("c:ptCount", &[("val", &count.to_string())]);
    for (index, text) in texts.enumerate() {
        xml.start("c:pt", &[("idx", &index.to_string())])
            .text_element("c:v", &[], text)
            .end();
    }
    xml.end();
}

/// `c:spPr` with a thin line in `colour`, or no line.
fn line_properties(xml: &mut XmlWriter, colour: Option<Rgb>) {
    xml.start("c:spPr", &[]);
    match colour {
        Some(colour) => {
            xml.start("a:ln", &[("w", "9525")]);
            solid_fill(xml, colour);
            xml.end();
        }
        None => {
            xml.start("a:ln", &[]).empty("a:noFill", &[]).end();
        }
    }
    xml.end();
}

/// `c:txPr`: size and colour of an element's text, in the document's language.
fn text_properties(xml: &mut XmlWriter, size: &str, colour: Rgb, context: Context<'_>) {
    xml.start("c:txPr", &[])
        .empty("a:bodyPr", &[])
        .empty("a:lstStyle", &[])
        .start("a:p", &[])
        .start("a:pPr", &[])
        .start("a:defRPr", &[("sz", size), ("b", "0")]);
    solid_fill(xml, colour);
    xml.end()
        .end()
        .empty("a:endParaRPr", &[("lang", context.language)])
        .end()
        .end();
}
