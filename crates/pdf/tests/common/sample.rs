//! A realistic two-page Danish fact sheet, shared by the example and the integration tests.

use document::{
    Block, Chart, ChartKind, ChartRow, ChartValue, Date, Document, Inline, List, ListItem, Meta,
    Orientation, Palette, Rgb, Share,
};

fn p(text: &str) -> Block {
    Block::Paragraph(vec![Inline::plain(text)])
}

fn h2(text: &str) -> Block {
    Block::Heading {
        level: 2,
        text: text.to_string(),
    }
}

/// A chart value of `percent` out of 100 answers.
pub fn value(percent: u64) -> Option<ChartValue> {
    let exact = Share::new(percent, 100)?;
    Some(ChartValue {
        exact,
        published: exact.percent(0),
    })
}

fn row(label: &str, values: &[u64]) -> ChartRow {
    ChartRow {
        label: label.to_string(),
        values: values.iter().map(|&percent| value(percent)).collect(),
    }
}

fn advice(title: &str, bullets: &[&str]) -> ListItem {
    ListItem {
        content: vec![Inline::strong(title)],
        children: Some(List {
            ordered: false,
            items: bullets
                .iter()
                .map(|b| ListItem {
                    content: vec![Inline::plain(*b)],
                    children: None,
                })
                .collect(),
        }),
    }
}

/// The sample fact sheet.
pub fn fact_sheet() -> Document {
    let blocks = vec![
        Block::Heading {
            level: 1,
            text: "Klyngearbejdet i Dermatologi: Resultater fra spørgeskemaundersøgelse blandt speciallæger"
                .to_string(),
        },
        Block::Note("Marts 2026".to_string()),
        h2("Om undersøgelsen"),
        Block::Paragraph(vec![
            Inline::plain("I efteråret 2025 blev alle praktiserende speciallæger inviteret til at besvare et spørgeskema om deres erfaringer med kvalitetsklynger. I dermatologi svarede "),
            Inline::strong("73 af 104"),
            Inline::plain(" speciallæger, svarende til en svarprocent på 70. Resultaterne sammenlignes med alle specialer under ét, så det enkelte speciale kan se, hvor det ligner helheden, og hvor det adskiller sig."),
        ]),
        h2("Udbytte af klyngemøderne"),
        p("Et klart flertal af dermatologerne oplever, at klyngearbejdet bidrager til kvaliteten i egen praksis. Andelen, der i meget høj eller høj grad oplever et udbytte, ligger en anelse over niveauet for alle specialer."),
        Block::Chart(Chart {
            caption: "I hvilken grad oplever du, at klyngearbejdet bidrager til kvaliteten i din praksis?".to_string(),
            alt: "Stablet søjlediagram. Dermatologi: i meget høj grad 21 %, i høj grad 38 %, i nogen grad 29 %, i mindre grad 9 %, slet ikke 3 %. Alle specialer: i meget høj grad 17 %, i høj grad 36 %, i nogen grad 32 %, i mindre grad 11 %, slet ikke 4 %.".to_string(),
            kind: ChartKind::Stacked,
            series: ["I meget høj grad", "I høj grad", "I nogen grad", "I mindre grad", "Slet ikke"]
                .map(String::from)
                .to_vec(),
            rows: vec![
                row("Dermatologi", &[21, 38, 29, 9, 3]),
                row("Alle specialer", &[17, 36, 32, 11, 4]),
            ],
            unit: "pct.".to_string(),
            note: Some("Dermatologi: 73 svar. Alle specialer: 1.412 svar.".to_string()),
        }),
        h2("Hvad er vigtigt, og hvad sker der?"),
        p("Speciallægerne blev bedt om at vurdere, hvor vigtige forskellige aktiviteter er for et godt klyngearbejde, og hvor ofte de faktisk finder sted. Faglige drøftelser og erfaringsudveksling er både vigtige og hyppige, mens arbejdet med egne data opleves som vigtigt, men sjældnere gennemført."),
        Block::Chart(Chart {
            caption: "Andel der svarer, at aktiviteten er vigtig, og at de ofte oplever den i klyngen (dermatologi)".to_string(),
            alt: "Grupperet søjlediagram med to serier for syv aktiviteter. Faglige drøftelser: vigtigt 92 %, oplever ofte 81 %. Erfaringsudveksling: 89 % og 77 %. Arbejde med egne data: 78 % og 41 %. Fælles mål: 71 % og 48 %. Opfølgning på aftaler: 69 % og 36 %. Tværfagligt samarbejde: 54 % og 22 %. Ekstern sparring: 47 % og 19 %.".to_string(),
            kind: ChartKind::Grouped,
            series: vec!["Vigtigt".to_string(), "Oplever ofte".to_string()],
            rows: vec![
                row("Faglige drøftelser", &[92, 81]),
                row("Erfaringsudveksling", &[89, 77]),
                row("Arbejde med egne data", &[78, 41]),
                row("Fælles mål", &[71, 48]),
                row("Opfølgning på aftaler", &[69, 36]),
                row("Tværfagligt samarbejde", &[54, 22]),
                row("Ekstern sparring", &[47, 19]),
            ],
            unit: "pct.".to_string(),
            note: Some("Dermatologi: 73 svar.".to_string()),
        }),
        h2("Data og kvalitetsudvikling"),
        p("Godt fire ud af ti dermatologer har inden for det seneste år drøftet data fra egen praksis i klyngen. Mange efterlyser lettere adgang til relevante og opdaterede data, der kan bruges direkte på møderne uden forudgående databearbejdning."),
        Block::Chart(Chart {
            caption: "Har klyngen inden for det seneste år arbejdet med data fra egen praksis?".to_string(),
            alt: "Søjlediagram. Ja, flere gange: 18 %. Ja, én gang: 25 %. Nej: 57 %.".to_string(),
            kind: ChartKind::Grouped,
            series: vec!["Dermatologi".to_string()],
            rows: vec![
                row("Ja, flere gange", &[18]),
                row("Ja, én gang", &[25]),
                row("Nej", &[57]),
            ],
            unit: "pct.".to_string(),
            note: None,
        }),
        h2("Barrierer for klyngearbejdet"),
        Block::Paragraph(vec![
            Inline::plain("Den hyppigst nævnte barriere er "),
            Inline::strong("mangel på tid"),
            Inline::plain(", efterfulgt af manglende adgang til data og lange afstande mellem praksis. Færre peger på manglende interesse blandt kollegerne, hvilket tyder på, at motivationen er til stede, når rammerne er i orden."),
        ]),
        Block::Chart(Chart {
            caption: "Hvad oplever du som de største barrierer for klyngearbejdet? (flere svar muligt)".to_string(),
            alt: "Rangordnet søjlediagram. Mangel på tid 64 %, manglende adgang til data 47 %, lange afstande 38 %, uklare mål 29 %, manglende koordinator 21 %, økonomi 17 %, manglende interesse 9 %.".to_string(),
            kind: ChartKind::Grouped,
            series: vec!["Andel af dermatologer".to_string()],
            rows: vec![
                row("Mangel på tid", &[64]),
                row("Adgang til data", &[47]),
                row("Lange afstande", &[38]),
                row("Uklare mål", &[29]),
                row("Manglende koordinator", &[21]),
                row("Økonomi", &[17]),
                row("Manglende interesse", &[9]),
            ],
            unit: "pct.".to_string(),
            note: Some("Dermatologi: 73 svar.".to_string()),
        }),
        h2("Organisering og ledelse"),
        p("Hovedparten af klyngerne mødes tre til fire gange om året. Klynger med en fast koordinator og en årsplan rapporterer oftere om konkrete forbedringer i praksis end klynger uden en sådan struktur."),
        h2("Råd til det videre arbejde"),
        Block::List(List {
            ordered: true,
            items: vec![
                advice("Sæt tid af til klyngearbejdet", &[
                    "Planlæg møderne et år frem, så de kan indgå i praksisplanlægningen.",
                    "Hold møderne korte og fokuserede med en fast dagsorden.",
                ]),
                advice("Brug data fra egen praksis", &[
                    "Vælg ét eller to kvalitetsmål om året, og følg op på dem.",
                    "Bed om hjælp til at trække data, så forberedelsen ikke falder på den enkelte.",
                ]),
                advice("Styrk koordinatorrollen", &[
                    "Aftal, hvem der indkalder, følger op og samler erfaringerne.",
                    "Del gode eksempler på tværs af klynger og specialer.",
                ]),
            ],
        }),
    ];
    Document {
        meta: Meta {
            title: "Klyngearbejdet i Dermatologi: Resultater fra spørgeskemaundersøgelse blandt speciallæger".to_string(),
            subject: "Faktaark 2025".to_string(),
            language: "da-DK".to_string(),
            author: "eKVIS".to_string(),
            date: Date { year: 2026, month: 3, day: 2 },
        },
        orientation: Orientation::Portrait,
        footer: "Klyngearbejdet i Dermatologi · eKVIS · Marts 2026".to_string(),
        palette: Palette::new(Rgb(0x1b, 0x4f, 0x72), Rgb(0xe0, 0x8e, 0x3c), Rgb(0x22, 0x25, 0x29)),
        blocks,
    }
}
