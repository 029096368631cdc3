//! `data/figures.xlsx`: the figures for the analyst in Excel, one sheet per level (the nation,
//! the specialties, the clusters) and one row per unit.
//!
//! Each variable is a block of columns: its base, the blank answers, the top box and, per
//! answer, the count and the share as published. Two frozen header rows name the variable and
//! the column. Counts carry a thousands format and shares the published value with "pct.", so
//! Danish Excel shows "1.056" and "65,7 pct."; a suppressed cluster's figure cells say
//! "undertrykt". The workbook's creation date is the publication date, so a rerun gives the
//! same bytes. Rows are streamed to the sheet (constant memory).

use aggregate::{ClusterResults, Figures, Percent, VariableFigures};
use format_api::Publication;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

/// Sheet names, one per level.
pub const SHEETS: [&str; 3] = ["Landet", "Specialer", "Klynger"];
/// Rows above the first unit: the variable and the column headers.
pub const HEADER_ROWS: u32 = 2;
/// What a suppressed cluster's figure cells say.
pub const SUPPRESSED: &str = "undertrykt";
/// The columns of a variable before its answers.
const VARIABLE_COLUMNS: [(&str, Column); 3] = [
    ("Basis", Column::Count),
    ("Ubesvaret", Column::Count),
    ("Topboks", Column::Share),
];
/// The participation columns of every unit.
const PARTICIPATION: [(&str, Column); 3] = [
    ("Inviterede", Column::Count),
    ("Respondenter", Column::Count),
    ("Svarprocent", Column::Share),
];

/// What a figure column holds, which gives its number format (set once on the column, so that
/// a cell needs no format of its own).
#[derive(Clone, Copy)]
enum Column {
    Count,
    Share,
}

/// The cell formats of the workbook.
struct Formats {
    header: Format,
    count: Format,
    percent: Format,
    suppressed: Format,
}

impl Formats {
    fn of(&self, column: Column) -> &Format {
        match column {
            Column::Count => &self.count,
            Column::Share => &self.percent,
        }
    }
}

/// One unit's row: its name cells, participation and, unless suppressed, its variables.
struct Row<'a> {
    names: Vec<&'a str>,
    numbers: Vec<u32>,
    invited: u32,
    respondents: u32,
    response_rate: Option<Percent>,
    variables: Option<&'a [VariableFigures]>,
    /// The sheet's figure columns, marked when the unit is suppressed.
    figure_columns: u16,
}

/// figures.xlsx.
pub fn figures_xlsx(publication: &Publication) -> Result<Vec<u8>, String> {
    workbook(publication).map_err(|error| error.to_string())
}

fn workbook(publication: &Publication) -> Result<Vec<u8>, XlsxError> {
    let figures = &publication.figures;
    let date = publication.settings.settings.publication_date;
    let created = ExcelDateTime::from_ymd(date.year, date.month, date.day)?;
    let mut workbook = Workbook::new();
    workbook.set_properties(
        &DocProperties::new()
            .set_title(format!(
                "Tal fra klyngeundersøgelsen {}",
                publication.year()
            ))
            .set_author(publication.publisher())
            .set_creation_datetime(&created),
    );
    let formats = Formats {
        header: Format::new().set_bold(),
        count: Format::new().set_num_format("#,##0"),
        percent: Format::new().set_num_format("General\" pct.\""),
        suppressed: Format::new().set_italic().set_font_color("#595959"),
    };

    let national = Row {
        names: vec!["Hele landet"],
        numbers: Vec::new(),
        invited: figures.national.invited,
        respondents: figures.national.respondents,
        response_rate: figures.national.response_rate,
        variables: Some(&figures.national.variables),
        figure_columns: 0,
    };
    let sheet = new_sheet(&mut workbook, SHEETS[0], figures, &formats, &["Enhed"], &[])?;
    write_row(sheet, HEADER_ROWS, &national, &formats)?;

    let sheet = new_sheet(
        &mut workbook,
        SHEETS[1],
        figures,
        &formats,
        &["Speciale"],
        &["Medlemmer"],
    )?;
    for (row, specialty) in (HEADER_ROWS..).zip(&figures.specialties) {
        let unit = Row {
            names: vec![&specialty.name],
            numbers: vec![specialty.roster_members],
            invited: specialty.totals.invited,
            respondents: specialty.totals.respondents,
            response_rate: specialty.totals.response_rate,
            variables: Some(&specialty.totals.variables),
            figure_columns: 0,
        };
        write_row(sheet, row, &unit, &formats)?;
    }

    let sheet = new_sheet(
        &mut workbook,
        SHEETS[2],
        figures,
        &formats,
        &["Speciale", "Klynge"],
        &["Medlemmer"],
    )?;
    let clusters = figures.specialties.iter().flat_map(|specialty| {
        specialty
            .clusters
            .iter()
            .map(move |cluster| (specialty, cluster))
    });
    for (row, (specialty, cluster)) in (HEADER_ROWS..).zip(clusters) {
        let unit = Row {
            names: vec![&specialty.name, &cluster.name],
            numbers: vec![cluster.members],
            invited: cluster.invited,
            respondents: cluster.respondents,
            response_rate: cluster.response_rate,
            variables: match &cluster.results {
                ClusterResults::Shown { variables } => Some(variables),
                ClusterResults::Suppressed => None,
            },
            figure_columns: figure_columns(figures),
        };
        write_row(sheet, row, &unit, &formats)?;
    }
    workbook.save_to_buffer()
}

/// A sheet with its two header rows, frozen with the unit's name columns.
fn new_sheet<'a>(
    workbook: &'a mut Workbook,
    name: &str,
    figures: &Figures,
    formats: &Formats,
    names: &[&str],
    numbers: &[&str],
) -> Result<&'a mut Worksheet, XlsxError> {
    let sheet = workbook.add_worksheet_with_constant_memory()?;
    sheet.set_name(name)?;
    let mut row0 = Vec::new();
    let mut row1 = Vec::new();
    let mut column: u16 = 0;
    for header in names {
        sheet.set_column_width(column, 24)?;
        row1.push((column, (*header).to_owned()));
        column += 1;
    }
    let numbers = numbers.iter().map(|header| (*header, Column::Count));
    for (header, kind) in numbers.chain(PARTICIPATION) {
        sheet.set_column_width(column, 12)?;
        sheet.set_column_format(column, formats.of(kind))?;
        row1.push((column, header.to_owned()));
        column += 1;
    }
    for variable in &figures.variables {
        let title = match &variable.item_text {
            Some(item) => format!("{}: {} – {}", variable.key, variable.question_text, item),
            None => format!("{}: {}", variable.key, variable.question_text),
        };
        row0.push((column, title));
        for (header, kind) in VARIABLE_COLUMNS {
            sheet.set_column_format(column, formats.of(kind))?;
            row1.push((column, header.to_owned()));
            column += 1;
        }
        for answer in &variable.answers {
            sheet.set_column_format(column, formats.of(Column::Count))?;
            sheet.set_column_format(column + 1, formats.of(Column::Share))?;
            row1.push((column, format!("{}: antal", answer.label)));
            row1.push((column + 1, format!("{}: pct.", answer.label)));
            column += 2;
        }
    }
    // Constant memory writes rows in order: the variable row first, then the column headers.
    for (row, cells) in [(0, row0), (1, row1)] {
        for (column, text) in cells {
            sheet.write_string_with_format(row, column, text, &formats.header)?;
        }
    }
    let frozen = u16::try_from(names.len()).unwrap_or(u16::MAX);
    sheet.set_freeze_panes(HEADER_ROWS, frozen)?;
    Ok(sheet)
}

fn write_row(
    sheet: &mut Worksheet,
    row: u32,
    unit: &Row,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let mut column: u16 = 0;
    for name in &unit.names {
        sheet.write_string(row, column, *name)?;
        column += 1;
    }
    for number in unit
        .numbers
        .iter()
        .chain([&unit.invited, &unit.respondents])
    {
        sheet.write_number(row, column, *number)?;
        column += 1;
    }
    percent_cell(sheet, row, column, unit.response_rate)?;
    column += 1;
    match unit.variables {
        Some(variables) => {
            for variable in variables {
                for count in [variable.base, variable.blank] {
                    sheet.write_number(row, column, count)?;
                    column += 1;
                }
                percent_cell(sheet, row, column, variable.top)?;
                column += 1;
                for answer in &variable.answers {
                    sheet.write_number(row, column, answer.count)?;
                    percent_cell(sheet, row, column + 1, answer.share)?;
                    column += 2;
                }
            }
        }
        None => {
            for cell in column..column + unit.figure_columns {
                sheet.write_string_with_format(row, cell, SUPPRESSED, &formats.suppressed)?;
            }
        }
    }
    Ok(())
}

/// The number of figure columns: every variable's block.
fn figure_columns(figures: &Figures) -> u16 {
    let columns: usize = figures
        .variables
        .iter()
        .map(|variable| VARIABLE_COLUMNS.len() + 2 * variable.answers.len())
        .sum();
    u16::try_from(columns).unwrap_or(u16::MAX)
}

/// A share as published ("65,7 pct." through its column's format), or an empty cell when there
/// is none.
fn percent_cell(
    sheet: &mut Worksheet,
    row: u32,
    column: u16,
    share: Option<Percent>,
) -> Result<(), XlsxError> {
    if let Some(share) = share {
        sheet.write_number(row, column, share.rounded().value())?;
    }
    Ok(())
}
