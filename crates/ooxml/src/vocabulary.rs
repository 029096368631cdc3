//! Namespaces, content types and relationship types of the parts klyngepakke writes, spelled
//! once (ECMA-376 Part 1 §15 and Part 2, transitional).

/// XML namespaces.
pub mod namespace {
    /// `[Content_Types].xml`.
    pub const CONTENT_TYPES: &str = "http://schemas.openxmlformats.org/package/2006/content-types";
    /// Relationships parts (`*.rels`).
    pub const RELATIONSHIPS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
    /// Core properties (`cp:`).
    pub const CORE_PROPERTIES: &str =
        "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
    /// Dublin Core elements (`dc:`).
    pub const DUBLIN_CORE: &str = "http://purl.org/dc/elements/1.1/";
    /// Dublin Core terms (`dcterms:`).
    pub const DUBLIN_CORE_TERMS: &str = "http://purl.org/dc/terms/";
    /// XML Schema instance (`xsi:`).
    pub const XML_SCHEMA_INSTANCE: &str = "http://www.w3.org/2001/XMLSchema-instance";
    /// Extended (application) properties, `docProps/app.xml`.
    pub const EXTENDED_PROPERTIES: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties";
    /// Relationship references inside parts (`r:id`, `r:embed`).
    pub const OFFICE_RELATIONSHIPS: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    /// DrawingML (`a:`).
    pub const DRAWINGML: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
    /// DrawingML charts (`c:`).
    pub const CHART: &str = "http://schemas.openxmlformats.org/drawingml/2006/chart";
    /// PresentationML (`p:`).
    pub const PRESENTATIONML: &str = "http://schemas.openxmlformats.org/presentationml/2006/main";
    /// WordprocessingML (`w:`).
    pub const WORDPROCESSINGML: &str =
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    /// SpreadsheetML, the default namespace of a workbook's parts.
    pub const SPREADSHEETML: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
}

/// Content types of parts.
pub mod content_type {
    /// Relationships parts.
    pub const RELATIONSHIPS: &str = "application/vnd.openxmlformats-package.relationships+xml";
    /// Plain XML (the default for the `xml` extension).
    pub const XML: &str = "application/xml";
    /// `docProps/core.xml`.
    pub const CORE_PROPERTIES: &str = "application/vnd.openxmlformats-package.core-properties+xml";
    /// `docProps/app.xml`.
    pub const EXTENDED_PROPERTIES: &str =
        "application/vnd.openxmlformats-officedocument.extended-properties+xml";
    /// An embedded workbook (chart data).
    pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /// A DrawingML chart.
    pub const CHART: &str = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
    /// A DrawingML theme.
    pub const THEME: &str = "application/vnd.openxmlformats-officedocument.theme+xml";
    /// `ppt/presentation.xml`.
    pub const PRESENTATION: &str =
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml";
    /// A slide.
    pub const SLIDE: &str =
        "application/vnd.openxmlformats-officedocument.presentationml.slide+xml";
    /// A slide layout.
    pub const SLIDE_LAYOUT: &str =
        "application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml";
    /// A slide master.
    pub const SLIDE_MASTER: &str =
        "application/vnd.openxmlformats-officedocument.presentationml.slideMaster+xml";
    /// `ppt/presProps.xml`.
    pub const PRESENTATION_PROPERTIES: &str =
        "application/vnd.openxmlformats-officedocument.presentationml.presProps+xml";
    /// `ppt/viewProps.xml`.
    pub const VIEW_PROPERTIES: &str =
        "application/vnd.openxmlformats-officedocument.presentationml.viewProps+xml";
    /// `ppt/tableStyles.xml`.
    pub const TABLE_STYLES: &str =
        "application/vnd.openxmlformats-officedocument.presentationml.tableStyles+xml";
    /// `word/document.xml`.
    pub const WORD_DOCUMENT: &str =
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    /// `word/styles.xml`.
    pub const WORD_STYLES: &str =
        "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml";
    /// `word/numbering.xml`.
    pub const WORD_NUMBERING: &str =
        "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml";
    /// `word/settings.xml`.
    pub const WORD_SETTINGS: &str =
        "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml";
    /// A Word footer.
    pub const WORD_FOOTER: &str =
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml";
    /// `xl/workbook.xml`.
    pub const WORKBOOK: &str =
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
    /// A worksheet.
    pub const WORKSHEET: &str =
        "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
    /// `xl/styles.xml`.
    pub const WORKBOOK_STYLES: &str =
        "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";
}

/// Relationship types.
pub mod relationship_type {
    /// Package → main document (presentation, Word document, workbook).
    pub const OFFICE_DOCUMENT: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
    /// Package → `docProps/core.xml`.
    pub const CORE_PROPERTIES: &str =
        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties";
    /// Package → `docProps/app.xml`.
    pub const EXTENDED_PROPERTIES: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties";
    /// Chart → embedded workbook (what PowerPoint's "Edit Data" opens).
    pub const PACKAGE: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package";
    /// Slide or drawing → chart.
    pub const CHART: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart";
    /// → theme.
    pub const THEME: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme";
    /// Presentation → slide.
    pub const SLIDE: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide";
    /// Slide or master → slide layout.
    pub const SLIDE_LAYOUT: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideLayout";
    /// Presentation or layout → slide master.
    pub const SLIDE_MASTER: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideMaster";
    /// Presentation → presProps.
    pub const PRESENTATION_PROPERTIES: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/presProps";
    /// Presentation → viewProps.
    pub const VIEW_PROPERTIES: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/viewProps";
    /// Presentation → tableStyles.
    pub const TABLE_STYLES: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/tableStyles";
    /// Word document or workbook → styles.
    pub const STYLES: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";
    /// Word document → numbering.
    pub const NUMBERING: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering";
    /// Word document → settings.
    pub const SETTINGS: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings";
    /// Word document → footer.
    pub const FOOTER: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer";
    /// Workbook → worksheet.
    pub const WORKSHEET: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
}
