//! The sentence templates of the deck (`[deck]` in the texts file; documented in docs/texts.md).

use texts::TemplateSpec;

/// Placeholders of a sentence that sets a share against the specialty and the nation.
const COMPARISON: &[&str] = &[
    "andel",
    "andel_speciale",
    "andel_land",
    "speciale",
    "klynge",
];
/// Variants of such a sentence: the cluster above, below or equal to its specialty as published,
/// or suppressed.
const AGAINST_SPECIALTY: &[&str] = &["over", "under", "lig", "for_faa"];
/// Variants of a sentence about the cluster, or about its specialty when suppressed.
const CLUSTER_OR_SPECIALTY: &[&str] = &["klynge", "for_faa"];

const fn spec(
    name: &'static str,
    variants: &'static [&'static str],
    placeholders: &'static [&'static str],
) -> TemplateSpec {
    TemplateSpec {
        name,
        variants,
        placeholders,
    }
}

/// Every template the deck fills.
pub const TEMPLATES: &[TemplateSpec] = &[
    spec("deck.dokumenttitel", &[], &["klynge", "speciale", "aar"]),
    spec("deck.emne", &[], &["klynge", "speciale", "aar"]),
    spec("deck.titel", &[], &["klynge", "speciale"]),
    spec(
        "deck.sidefod",
        &[],
        &["udgiver", "klynge", "speciale", "aar"],
    ),
    spec("deck.hele_landet", &[], &[]),
    spec(
        "deck.undertitel",
        &["speciale", "undersoegelse", "udgivet"],
        &["speciale", "klynge", "aar", "udgiver", "dato"],
    ),
    spec(
        "deck.overskrift",
        &[
            "om",
            "deltagelse",
            "understoettelse",
            "forventninger",
            "data",
            "forbedringer",
            "motivation",
            "refleksion",
            "naeste_skridt",
        ],
        &[],
    ),
    spec(
        "deck.om",
        &["vist", "for_faa"],
        &[
            "respondenter",
            "inviterede",
            "svarprocent",
            "minimum",
            "speciale",
            "klynge",
        ],
    ),
    spec(
        "deck.tabel",
        &["titel", "enhed", "inviterede", "besvarelser", "svarprocent"],
        &[],
    ),
    spec("deck.deltagelse", AGAINST_SPECIALTY, COMPARISON),
    spec("deck.understoettelse", AGAINST_SPECIALTY, COMPARISON),
    spec("deck.forbedringer", AGAINST_SPECIALTY, COMPARISON),
    spec(
        "deck.forventninger",
        &["nogle", "ingen", "for_faa_nogle", "for_faa_ingen"],
        &["elementer", "taerskel", "speciale", "klynge"],
    ),
    spec("deck.data.brugt", CLUSTER_OR_SPECIALTY, COMPARISON),
    spec("deck.data.mere", CLUSTER_OR_SPECIALTY, COMPARISON),
    spec(
        "deck.motivation",
        CLUSTER_OR_SPECIALTY,
        &["elementer", "speciale", "klynge"],
    ),
    spec(
        "deck.refleksion",
        &["fastholde", "udvikle"],
        &["speciale", "klynge"],
    ),
    spec(
        "deck.refleksion.regel",
        &["positiv", "udvikling", "for_faa", "ikke_vurderet"],
        &["grundlag", "speciale", "klynge"],
    ),
    spec(
        "deck.grundlag",
        &["understoettelse", "forbedringer"],
        &["andel", "andel_speciale"],
    ),
    spec(
        "deck.spoergsmaal.fastholde",
        &["vaner", "forskel", "forbedringer", "engagement"],
        &[],
    ),
    spec(
        "deck.spoergsmaal.udvikle",
        &["udbytte", "indhold", "form", "opfoelgning"],
        &[],
    ),
    spec(
        "deck.naeste_skridt",
        &["intro", "opsamling", "aarsplan", "ansvar", "dagsorden"],
        &["udgiver", "aar"],
    ),
    spec("deck.diagram.aktivitet", &[], &["element"]),
    spec("deck.diagram.antal_svar", &[], &["enheder"]),
    spec("deck.diagram.enhed_svar", &[], &["enhed", "antal"]),
    spec("deck.diagram.alt", &[], &["raekker"]),
    spec("deck.diagram.alt_raekke", &[], &["raekke", "vaerdier"]),
    spec("deck.diagram.alt_vaerdi", &[], &["serie", "andel"]),
    spec(
        "deck.diagram.raekke",
        &["moeder", "engagement", "brugt", "mere"],
        &[],
    ),
    spec("deck.diagram.serie", &["vigtigt", "oplever"], &[]),
    spec(
        "deck.diagram.titel",
        &[
            "deltagelse",
            "forventninger",
            "forventninger_speciale",
            "data",
            "motivation",
            "fordeling",
        ],
        &["speciale", "spoergsmaal"],
    ),
    spec(
        "deck.noter.titel",
        &["formaal", "rolle", "tone"],
        &["udgiver", "klynge"],
    ),
    spec(
        "deck.noter.om",
        &["vist", "for_faa"],
        &["minimum", "speciale"],
    ),
    spec("deck.noter.deltagelse", &["moeder", "aktivitet"], &[]),
    spec(
        "deck.noter.understoettelse",
        &["fordeling", "forbehold"],
        &[],
    ),
    spec("deck.noter.forventninger", &["afstand", "konkret"], &[]),
    spec("deck.noter.data", &["muligheder", "tryghed"], &[]),
    spec("deck.noter.forbedringer", &["eksempler", "barrierer"], &[]),
    spec("deck.noter.motivation", CLUSTER_OR_SPECIALTY, &["speciale"]),
    spec("deck.noter.refleksion", &["valg", "alle"], &[]),
    spec(
        "deck.noter.naeste_skridt",
        &["opsamling", "feedback"],
        &["udgiver"],
    ),
];

/// The spec named `name` (for notes that list every variant in order).
pub(crate) fn variants(name: &str) -> &'static [&'static str] {
    TEMPLATES
        .iter()
        .find(|spec| spec.name == name)
        .map_or(&[], |spec| spec.variants)
}
