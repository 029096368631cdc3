//! Whole packages through the harness: valid ones pass, and each kind of defect is found and
//! located. Needs `xmllint` (libxml2-utils).

use std::io::{Cursor, Write};

use ooxml::Package;
use ooxml::vocabulary::{content_type, namespace, relationship_type};
use ooxml_check::{Finding, assert_valid_package, check_package};

const WORKBOOK: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
const WORKSHEET: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const WORKSHEET_RELATIONSHIP: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
const SPREADSHEETML: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

fn meta() -> document::Meta {
    document::Meta {
        title: "Svarprocenter".to_owned(),
        subject: "Klyngernes resultater".to_owned(),
        language: "da-DK".to_owned(),
        author: "eKVIS".to_owned(),
        date: document::Date {
            year: 2026,
            month: 3,
            day: 15,
        },
    }
}

/// A one-sheet workbook written with the project's package writer; `sheet` is the worksheet's
/// XML.
fn workbook_with_sheet(sheet: &str) -> Vec<u8> {
    let mut package = Package::new(&meta());
    package.relate_package(relationship_type::OFFICE_DOCUMENT, "xl/workbook.xml");
    let sheet_id = package.relate(
        "xl/workbook.xml",
        WORKSHEET_RELATIONSHIP,
        "xl/worksheets/sheet1.xml",
    );
    let workbook = format!(
        r#"<workbook xmlns="{SPREADSHEETML}" xmlns:r="{}"><sheets><sheet name="Data" sheetId="1" r:id="{sheet_id}"/></sheets></workbook>"#,
        namespace::OFFICE_RELATIONSHIPS
    );
    package
        .add_part("xl/workbook.xml", WORKBOOK, workbook.into_bytes())
        .unwrap();
    package
        .add_part(
            "xl/worksheets/sheet1.xml",
            WORKSHEET,
            sheet.as_bytes().to_vec(),
        )
        .unwrap();
    package.finish().unwrap()
}

fn sheet(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>{}<worksheet xmlns="{SPREADSHEETML}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" mc:Ignorable="x14ac">{body}</worksheet>"#,
        "\n"
    )
}

const CELLS: &str = r#"<sheetData><row r="1" x14ac:dyDescent="0.25"><c r="A1" t="inlineStr"><is><t>Klynge Øst</t></is></c><c r="B1"><v>67.3</v></c></row></sheetData>"#;

/// A zip of the given entries, as they are, in order.
fn zip_of(entries: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, text) in entries {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn messages(findings: &[Finding]) -> Vec<String> {
    findings.iter().map(Finding::to_string).collect()
}

#[test]
fn a_workbook_from_the_package_writer_passes() {
    assert_valid_package(&workbook_with_sheet(&sheet(CELLS)));
}

#[test]
fn a_workbook_from_rust_xlsxwriter_passes() {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let worksheet = workbook.add_worksheet();
    worksheet.set_name("Svar fordelt").unwrap();
    worksheet.write_string(0, 0, "Kategori").unwrap();
    worksheet.write_string(0, 1, "Andel").unwrap();
    worksheet.write_string(1, 0, "I høj grad").unwrap();
    worksheet.write_number(1, 1, 0.673).unwrap();
    assert_valid_package(&workbook.save_to_buffer().unwrap());
}

#[test]
fn an_element_out_of_order_is_located() {
    let out_of_order = sheet(&format!(
        r#"{CELLS}<sheetViews><sheetView workbookViewId="0"/></sheetViews>"#
    ));
    let findings = check_package(&workbook_with_sheet(&out_of_order)).unwrap();
    assert_eq!(findings.len(), 1, "{:?}", messages(&findings));
    assert_eq!(findings[0].part, "xl/worksheets/sheet1.xml");
    assert_eq!(
        findings[0].element.as_deref(),
        Some("/worksheet/sheetViews")
    );
    assert!(
        findings[0]
            .message
            .starts_with("Element 'x:sheetViews': This element is not expected."),
        "{}",
        findings[0].message
    );
}

#[test]
fn an_extension_is_accepted_only_where_it_is_ignorable() {
    let undeclared = CELLS.replace(
        r#"<row r="1""#,
        r#"<row xmlns:x15="urn:x15" x15:extra="1" r="1""#,
    );
    let findings = check_package(&workbook_with_sheet(&sheet(&undeclared))).unwrap();
    assert_eq!(findings.len(), 1, "{:?}", messages(&findings));
    assert!(
        findings[0]
            .message
            .contains("attribute '{urn:x15}extra' is not allowed"),
        "{}",
        findings[0].message
    );
}

#[test]
fn package_defects_are_each_reported() {
    let relationships = |targets: &[(&str, &str)]| {
        let listed: String = targets
            .iter()
            .map(|(id, target)| {
                format!(
                    r#"<Relationship Id="{id}" Type="{}" Target="{target}"/>"#,
                    relationship_type::OFFICE_DOCUMENT
                )
            })
            .collect();
        format!(
            r#"<Relationships xmlns="{}">{listed}</Relationships>"#,
            namespace::RELATIONSHIPS
        )
    };
    let bytes = zip_of(&[
        (
            "[Content_Types].xml",
            &format!(
                r#"<Types xmlns="{}"><Default Extension="rels" ContentType="{}"/><Override PartName="/xl/workbook.xml" ContentType="{WORKBOOK}"/><Override PartName="/xl/styles.xml" ContentType="{WORKBOOK}"/></Types>"#,
                namespace::CONTENT_TYPES,
                content_type::RELATIONSHIPS
            ),
        ),
        (
            "_rels/.rels",
            &relationships(&[("rId1", "xl/workbook.xml"), ("rId1", "xl/missing.xml")]),
        ),
        (
            "xl/workbook.xml",
            &format!(r#"<workbook xmlns="{SPREADSHEETML}"><sheets/></workbook>"#),
        ),
        ("xl/notes.txt", "fri tekst"),
        ("xl/_rels/gone.xml.rels", &relationships(&[])),
    ]);
    let findings = messages(&check_package(&bytes).unwrap());
    assert_eq!(
        findings,
        [
            "xl/notes.txt: no content type: neither an Override nor a Default for its extension",
            "[Content_Types].xml: Override for \"/xl/styles.xml\", which is not in the package",
            "_rels/.rels: relationship id \"rId1\" is used twice",
            "_rels/.rels: rId1 targets \"xl/missing.xml\", which is not in the package",
            "xl/_rels/gone.xml.rels: relationships of \"xl/gone.xml\", which is not in the package",
            "_rels/.rels at /Relationships/Relationship[2]: Element 'pr:Relationship', attribute 'Id': 'rId1' is not a valid value of the atomic type 'xs:ID'.",
            "xl/workbook.xml at /workbook/sheets: Element 'x:sheets': Missing child element(s). Expected is ( x:sheet ).",
        ]
    );
}

#[test]
fn an_embedded_workbook_is_checked_as_a_package_of_its_own() {
    let broken_sheet = sheet(&format!("{CELLS}<sheetViews/>"));
    let mut package = Package::new(&meta());
    package.relate_package(relationship_type::OFFICE_DOCUMENT, "xl/workbook.xml");
    package
        .add_part(
            "xl/workbook.xml",
            WORKBOOK,
            format!(r#"<workbook xmlns="{SPREADSHEETML}"><sheets/></workbook>"#).into_bytes(),
        )
        .unwrap();
    package.relate(
        "xl/workbook.xml",
        relationship_type::PACKAGE,
        "xl/embeddings/data1.xlsx",
    );
    package
        .add_part(
            "xl/embeddings/data1.xlsx",
            content_type::XLSX,
            workbook_with_sheet(&broken_sheet),
        )
        .unwrap();
    let findings = check_package(&package.finish().unwrap()).unwrap();
    let parts: Vec<&str> = findings
        .iter()
        .map(|finding| finding.part.as_str())
        .collect();
    assert_eq!(
        parts,
        [
            "xl/workbook.xml",
            "xl/embeddings/data1.xlsx!/xl/worksheets/sheet1.xml"
        ],
        "{:?}",
        messages(&findings)
    );
}

#[test]
fn core_properties_and_broken_xml_are_findings_not_errors() {
    let bytes = zip_of(&[
        (
            "[Content_Types].xml",
            &format!(
                r#"<Types xmlns="{}"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="{}"/><Override PartName="/docProps/core.xml" ContentType="{}"/></Types>"#,
                namespace::CONTENT_TYPES,
                content_type::RELATIONSHIPS,
                content_type::CORE_PROPERTIES
            ),
        ),
        (
            "_rels/.rels",
            &format!(r#"<Relationships xmlns="{}"/>"#, namespace::RELATIONSHIPS),
        ),
        (
            "docProps/core.xml",
            &format!(
                r#"<cp:coreProperties xmlns:cp="{}" xmlns:dcterms="{}"><dcterms:created>i går</dcterms:created></cp:coreProperties>"#,
                namespace::CORE_PROPERTIES,
                namespace::DUBLIN_CORE_TERMS
            ),
        ),
        ("xl/workbook.xml", "<workbook><sheets></workbook>"),
    ]);
    let findings = messages(&check_package(&bytes).unwrap());
    assert_eq!(findings.len(), 3, "{findings:?}");
    assert_eq!(
        findings[0],
        "docProps/core.xml: created lacks xsi:type=\"dcterms:W3CDTF\""
    );
    assert_eq!(
        findings[1],
        "docProps/core.xml: created is \"i går\", expected a W3CDTF date such as 2026-03-15T00:00:00Z"
    );
    assert!(
        findings[2].starts_with("xl/workbook.xml: not well-formed XML"),
        "{}",
        findings[2]
    );
    assert_eq!(
        messages(&check_package(b"PK nothing").unwrap()),
        ["(package): not a zip file: invalid Zip archive: Could not find EOCD"]
    );
}
