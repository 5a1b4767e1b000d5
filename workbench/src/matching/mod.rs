//! Suggested mentor–mentee matches: a pair score from [`Weights`], the hard
//! region rule, staff pins and rule-outs, mentor capacities, and a
//! maximum-weight assignment (Kuhn–Munkres, from the `pathfinding` crate).
//!
//! What the suggestion optimises, in order:
//! 1. **Hard limits** are never crossed: the region rule ([`rules`]), rule-outs,
//!    mentor capacities, and valid pins are always in the result.
//! 2. **As many mentees matched as possible.**
//! 3. Among those, **the highest total score** (the sum of the pairs' scores).
//!
//! A pair's score (see [`Weights`] for the defaults and why):
//! - for gender and for ethnicity: when the mentor, the mentee or both would
//!   prefer someone who shares theirs, and their self-descriptions agree
//!   (Unicode lower case, spaces ignored), `weight × number of people who
//!   asked`; agreement when neither asked counts nothing;
//! - for each competency both rated: `weight × max(0, mentor's rating −
//!   mentee's rating)`: a mentor comfortable where the mentee is not.

use serde::{Deserialize, Serialize};
mod assign;
pub mod reasons;
pub mod rules;
pub mod score;
pub mod weights;

pub use assign::{suggest, PinReport, SuggestedPair, Suggestion, Unmatched};
pub use reasons::{English, PairReason, PinProblem, Trait, UnmatchedReason};
pub use rules::{region_check, Area, Asker, Blocked, RegionRule, RegionSettings};
pub use weights::{Weights, DEFAULT_COMPETENCY_STEP, MAX_WEIGHT};

use std::collections::{BTreeMap, BTreeSet};

/// A pair named by the references of its applications (stable across
/// re-opening files and suggesting again, unlike list positions).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PairRef {
    pub mentor: String,
    pub mentee: String,
}

impl PairRef {
    pub fn new(mentor: impl Into<String>, mentee: impl Into<String>) -> Self {
        PairRef {
            mentor: mentor.into(),
            mentee: mentee.into(),
        }
    }
}

/// Everything staff set for a suggestion; kept between suggestions.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Settings {
    pub weights: Weights,
    pub region: RegionSettings,
    /// How many mentees a mentor takes, by the mentor's reference. A mentor
    /// not listed takes **one**; 0 takes none.
    pub capacity: BTreeMap<String, u32>,
    /// Pairs that must be in the result when the hard rule allows them
    /// (applied in this order; a pin that cannot be applied is reported).
    pub pins: Vec<PairRef>,
    /// Pairs that must never be in the result.
    pub rule_outs: BTreeSet<PairRef>,
}

impl Settings {
    /// The number of mentees the mentor with this reference takes.
    pub fn capacity_of(&self, mentor_reference: &str) -> u32 {
        self.capacity.get(mentor_reference).copied().unwrap_or(1)
    }
}
