//! The project's build system: `cargo xtask <task>` (see `cargo xtask --help`).

fn main() {}
