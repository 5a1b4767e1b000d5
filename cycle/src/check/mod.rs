//! From text to a checked [`Cycle`], and the checks only the whole cycle can
//! make. Three steps, each reporting with the place of every problem:
//!
//! 1. `file::read_file`: JSON syntax, the file's shape and types (a syntax
//!    error stops reading; every other problem of shape is reported);
//! 2. `convert`: the file's shape to the typed cycle (ids, date-times, each
//!    kind's settings);
//! 3. [`check`]: ids used twice, rules that name a missing question, dates
//!    in order, the endpoint, … — also what the staff editor runs after
//!    every edit of a typed cycle.

mod convert;
mod cycle;
mod fields;
mod submit;

use crate::file::{locate, read_file, CycleFile};
use crate::model::Cycle;
use crate::problem::Problem;

/// Reads and checks a cycle file. A file that cannot be read as the cycle
/// file's shape gives every problem of shape at once; one that can, every
/// other problem at once. Each has its place, line and column.
pub fn parse(text: &str) -> Result<Cycle, Vec<Problem>> {
    from_file(read_file(text)?).map_err(|mut problems| {
        locate(text, &mut problems);
        problems
    })
}

/// The typed cycle of a file read already, if it has no problems.
pub fn from_file(file: CycleFile) -> Result<Cycle, Vec<Problem>> {
    let mut problems = Vec::new();
    let cycle = convert::convert(file, &mut problems);
    problems.extend(check(&cycle));
    if problems.is_empty() {
        Ok(cycle)
    } else {
        Err(problems)
    }
}

/// Reads a cycle file whose shape and types are right into a typed cycle,
/// with the problems only the whole cycle shows (ids used twice, a rule
/// naming a missing question): the staff editor keeps such a cycle and
/// points at each problem. A file that cannot be typed gives its problems.
#[cfg(feature = "editing")]
pub fn parse_typed(text: &str) -> Result<(Cycle, Vec<Problem>), Vec<Problem>> {
    let file = read_file(text)?;
    let mut problems = Vec::new();
    let cycle = convert::convert(file, &mut problems);
    if !problems.is_empty() {
        locate(text, &mut problems);
        return Err(problems);
    }
    let mut relational = check(&cycle);
    locate(text, &mut relational);
    Ok((cycle, relational))
}

/// Every problem of a typed cycle that only the whole can show, in the order
/// of the file.
pub fn check(c: &Cycle) -> Vec<Problem> {
    let mut problems = Vec::new();
    cycle::check(c, &mut problems);
    fields::check(c, &mut problems);
    submit::check(c, &mut problems);
    problems
}
