//! Core properties (`docProps/core.xml`, ECMA-376 Part 2 §11), checked by hand: their schema
//! imports Dublin Core by web address, which cannot be fetched here.

use std::ops::RangeInclusive;

use quick_xml::XmlVersion;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

const CORE: &str = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
const DC: &str = "http://purl.org/dc/elements/1.1/";
const DCTERMS: &str = "http://purl.org/dc/terms/";
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
const MARKUP_COMPATIBILITY: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// A W3CDTF date, for messages.
const EXAMPLE_DATE: &str = "2026-03-15T00:00:00Z";

/// The properties a core properties part may hold, each at most once.
const ALLOWED: [(&str, &str); 15] = [
    (CORE, "category"),
    (CORE, "contentStatus"),
    (CORE, "keywords"),
    (CORE, "lastModifiedBy"),
    (CORE, "lastPrinted"),
    (CORE, "revision"),
    (CORE, "version"),
    (DC, "creator"),
    (DC, "description"),
    (DC, "identifier"),
    (DC, "language"),
    (DC, "subject"),
    (DC, "title"),
    (DCTERMS, "created"),
    (DCTERMS, "modified"),
];

/// What is wrong with a core properties part: the root, unknown or repeated properties, markup
/// compatibility (forbidden here), and `created`/`modified` that are not typed and written as
/// W3CDTF dates.
pub(crate) fn problems(xml: &[u8]) -> Vec<String> {
    let Ok(text) = std::str::from_utf8(xml) else {
        return vec!["not UTF-8".to_owned()];
    };
    let mut reader = NsReader::from_str(text);
    let mut problems = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    let mut depth = 0;
    let mut date_property: Option<&str> = None;
    loop {
        let (namespace, event) = match reader.read_resolved_event() {
            Ok((namespace, event)) => (namespace_of(&namespace).map(str::to_owned), event),
            Err(error) => {
                problems.push(format!("not well-formed XML: {error}"));
                return problems;
            }
        };
        match event {
            Event::Start(ref element) | Event::Empty(ref element) => {
                let local = element.local_name().as_ref().to_owned();
                let mut has_xsi_type = false;
                for attribute in element.attributes().flatten() {
                    let (attribute_namespace, attribute_local) =
                        reader.resolver().resolve_attribute(attribute.key);
                    let attribute_namespace = namespace_of(&attribute_namespace);
                    let is_xmlns = attribute.key.as_ref().starts_with("xmlns");
                    if attribute_namespace == Some(MARKUP_COMPATIBILITY)
                        || (is_xmlns && attribute.value.as_ref() == MARKUP_COMPATIBILITY)
                    {
                        problems.push(
                            "markup compatibility is not allowed in core properties".to_owned(),
                        );
                    }
                    if attribute_namespace == Some(XSI) && attribute_local.as_ref() == "type" {
                        has_xsi_type = true;
                        let declared = attribute
                            .normalized_value(XmlVersion::Explicit1_0)
                            .unwrap_or_default();
                        if declared != "dcterms:W3CDTF" {
                            problems.push(format!(
                                "{local} has xsi:type=\"{declared}\", expected \"dcterms:W3CDTF\""
                            ));
                        }
                    }
                }
                if depth == 0 {
                    if namespace.as_deref() != Some(CORE) || local != "coreProperties" {
                        problems.push(format!("the root is <{local}>, expected cp:coreProperties"));
                    }
                } else if depth == 1 {
                    match ALLOWED.iter().find(|(allowed_namespace, name)| {
                        namespace.as_deref() == Some(*allowed_namespace) && *name == local
                    }) {
                        Some((_, name)) if seen.contains(name) => {
                            problems.push(format!("{name} appears twice"))
                        }
                        Some((_, name)) => {
                            seen.push(name);
                            if namespace.as_deref() == Some(DCTERMS) {
                                if !has_xsi_type {
                                    problems
                                        .push(format!("{name} lacks xsi:type=\"dcterms:W3CDTF\""));
                                }
                                date_property = Some(name);
                            }
                        }
                        None => problems.push(format!("<{local}> is not a core property")),
                    }
                }
                if matches!(event, Event::Start(_)) {
                    depth += 1;
                } else if let Some(name) = date_property.take() {
                    problems.push(format!("{name} is empty, expected a W3CDTF date"));
                }
            }
            Event::Text(ref text) if depth == 2 => {
                if let Some(name) = date_property.take() {
                    let value = text.xml10_content();
                    if !is_w3cdtf(value.trim()) {
                        problems.push(format!(
                            "{name} is \"{value}\", expected a W3CDTF date such as {EXAMPLE_DATE}"
                        ));
                    }
                }
            }
            Event::End(_) => {
                depth -= 1;
                if let Some(name) = date_property.take() {
                    problems.push(format!("{name} is empty, expected a W3CDTF date"));
                }
            }
            Event::Eof => return problems,
            _ => {}
        }
    }
}

fn namespace_of<'a>(namespace: &ResolveResult<'a>) -> Option<&'a str> {
    match namespace {
        ResolveResult::Bound(namespace) => Some(namespace.into_inner()),
        _ => None,
    }
}

/// The W3C date and time profile: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or a full date with `Thh:mm`,
/// optional `:ss` and fraction, and a zone (`Z` or `±hh:mm`).
fn is_w3cdtf(value: &str) -> bool {
    let number = |text: &str, width: usize, range: RangeInclusive<u32>| {
        text.len() == width
            && text.bytes().all(|byte| byte.is_ascii_digit())
            && text.parse().is_ok_and(|number| range.contains(&number))
    };
    let hours_minutes =
        |hours: &str, minutes: &str| number(hours, 2, 0..=23) && number(minutes, 2, 0..=59);
    let (date, time) = match value.split_once('T') {
        Some((date, time)) => (date, Some(time)),
        None => (value, None),
    };
    let date_ok = match date.split('-').collect::<Vec<_>>()[..] {
        [year] => number(year, 4, 0..=9999) && time.is_none(),
        [year, month] => number(year, 4, 0..=9999) && number(month, 2, 1..=12) && time.is_none(),
        [year, month, day] => {
            number(year, 4, 0..=9999) && number(month, 2, 1..=12) && number(day, 2, 1..=31)
        }
        _ => false,
    };
    let Some(time) = time else { return date_ok };
    let (clock, zone) = match (time.strip_suffix('Z'), time.rfind(['+', '-'])) {
        (Some(clock), _) => (clock, None),
        (None, Some(at)) => (&time[..at], time[at + 1..].split_once(':')),
        (None, None) => return false,
    };
    let clock_ok = match clock.split(':').collect::<Vec<_>>()[..] {
        [hours, minutes] => hours_minutes(hours, minutes),
        [hours, minutes, seconds] => {
            let (whole, fraction) = seconds.split_once('.').unwrap_or((seconds, "0"));
            hours_minutes(hours, minutes)
                && number(whole, 2, 0..=59)
                && !fraction.is_empty()
                && fraction.bytes().all(|byte| byte.is_ascii_digit())
        }
        _ => false,
    };
    let zone_ok = match zone {
        Some((hours, minutes)) => hours_minutes(hours, minutes),
        None => time.ends_with('Z'),
    };
    date_ok && clock_ok && zone_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#;

    fn problems_of(body: &str) -> Vec<String> {
        problems(format!("{HEAD}{body}</cp:coreProperties>").as_bytes())
    }

    #[test]
    fn accepts_complete_properties() {
        let body = r#"<dc:title>Årsplan</dc:title><dc:language>da-DK</dc:language><dcterms:created xsi:type="dcterms:W3CDTF">2026-03-15T00:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2026-03-15T10:30:00.5+01:00</dcterms:modified>"#;
        assert_eq!(problems_of(body), Vec::<String>::new());
    }

    #[test]
    fn names_each_problem() {
        for (body, expected) in [
            (
                "<dc:title>a</dc:title><dc:title>b</dc:title>",
                "title appears twice",
            ),
            (
                "<dc:colour>blå</dc:colour>",
                "<colour> is not a core property",
            ),
            (
                "<dcterms:created>2026-03-15T00:00:00Z</dcterms:created>",
                "created lacks xsi:type=\"dcterms:W3CDTF\"",
            ),
            (
                r#"<dcterms:created xsi:type="dcterms:W3CDTF">15-03-2026</dcterms:created>"#,
                "created is \"15-03-2026\", expected a W3CDTF date such as 2026-03-15T00:00:00Z",
            ),
            (
                r#"<dcterms:modified xsi:type="dcterms:W3CDTF"/>"#,
                "modified is empty, expected a W3CDTF date",
            ),
            (
                r#"<dcterms:modified xsi:type="xsd:date">2026-03-15</dcterms:modified>"#,
                "modified has xsi:type=\"xsd:date\", expected \"dcterms:W3CDTF\"",
            ),
        ] {
            assert_eq!(problems_of(body), [expected], "{body}");
        }
        assert_eq!(
            problems(br#"<coreProperties xmlns="urn:other"/>"#),
            ["the root is <coreProperties>, expected cp:coreProperties"]
        );
        assert!(problems(format!(r#"{HEAD}<dc:title xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">a</dc:title></cp:coreProperties>"#).as_bytes())
            .contains(&"markup compatibility is not allowed in core properties".to_owned()));
    }

    #[test]
    fn w3cdtf_dates() {
        for valid in [
            "2026",
            "2026-03",
            "2026-03-15",
            "2026-03-15T08:05Z",
            "2026-03-15T08:05:09Z",
            "2026-03-15T08:05:09.25-05:00",
        ] {
            assert!(is_w3cdtf(valid), "{valid}");
        }
        for invalid in [
            "",
            "26-03-15",
            "2026-13-01",
            "2026-03-15T08:05",
            "2026-03T08:05Z",
            "2026-03-15T24:00Z",
            "2026-03-15 08:05Z",
            "2026-03-15T08:05:09.Z",
        ] {
            assert!(!is_w3cdtf(invalid), "{invalid}");
        }
    }
}
