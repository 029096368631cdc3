//! The committed 2025 definition and settings parse and have no problems.

use model::{QuestionKind, Role, Settings, SurveyDefinition};

#[test]
fn the_2025_definition_is_valid() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/2025/spoergeskema.toml"
    );
    let definition: SurveyDefinition =
        toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(definition.problems(), Vec::<String>::new());
    assert_eq!(definition.variables().len(), 30);
    assert_eq!(definition.free_text_columns(), ["Q10", "Q12"]);
    for role in Role::ALL {
        let question = definition
            .role_question(role)
            .unwrap_or_else(|| panic!("the 2025 definition names no question for {role:?}"));
        assert_eq!(definition.questions[question].kind, role.kind(), "{role:?}");
    }
    let pairs = &definition.roles.expectation_pairs;
    assert_eq!(pairs.len(), 7);
    let importance = definition.question("prioritet").unwrap();
    assert!(importance.kind == QuestionKind::Matrix);
    let paired: Vec<&str> = pairs.iter().map(|pair| pair.importance.as_str()).collect();
    let items: Vec<&str> = importance
        .items
        .iter()
        .map(|item| item.id.as_str())
        .collect();
    assert_eq!(paired, items, "every importance item is paired, in order");
}

#[test]
fn the_2025_settings_parse() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/2025/indstillinger.toml"
    );
    let settings: Settings = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(settings.year, 2025);
    assert_eq!(settings.min_respondents, 5);
    assert_eq!(settings.publication_date.month_and_year(), "Marts 2026");
}
