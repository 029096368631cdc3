//! A cluster roster's bytes (a workbook, or anything) → ingest, with the fixture's export and
//! definition. Ingest has no reader from bytes, so each input is written to a file first.

#![no_main]

use klyngepakke_fuzz::Inputs;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| Inputs::get().read_with("klynger.xlsx", bytes));
