//! The staff workbench's pure core (issue 22): reading the receiver's JSON
//! Lines exports, the facts matching needs, US Census regions, suggested
//! mentor–mentee matches with their reasons, the matches CSV, summary
//! numbers, and table filtering. No browser types: everything here runs in
//! native tests; the UI (wasm32 only) is built on top of it.
//!
//! The modules, each using only those before it: `census` (places and
//! regions) and `exports` (reading files) → `people` (the facts matching
//! needs) → `matching` (scores, rules, assignment, reasons) and `summary`
//! (counts) → `csv_out` (the matches file). `table` (filtering and sorting
//! cells) stands alone. On the typed cycle (the `cycle` crate):
//! `from_cycle` (the field map, labels, what is confidential) → `sheet`
//! (columns and answers as the review page words them) and `workspace` (the
//! files of a session) → `saved` (a kept session); `protocol` is the matching
//! worker's messages.
//!
//! The staff page itself (`ui`, the binaries `staff` and `staff-worker`) is
//! compiled for `wasm32` only.

pub mod census;
pub mod csv_out;
pub mod exports;
pub mod from_cycle;
pub mod matching;
pub mod people;
pub mod protocol;
pub mod saved;
pub mod sheet;
pub mod summary;
pub mod table;
pub mod workspace;

#[cfg(target_arch = "wasm32")]
pub mod ui;
