//! End-to-end tests of klyngepakke live in this folder, one file per concern:
//! `figures_2025.rs` (every published figure from the committed fixture), `inputs.rs` (the two
//! export forms, the broken copy, atomic failure) and `fact_sheets.rs` (the PDFs as readers
//! and checkers see them).
