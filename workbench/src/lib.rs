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
//! cells) stands alone.

pub mod census;
pub mod csv_out;
pub mod exports;
pub mod matching;
pub mod people;
pub mod summary;
pub mod table;
