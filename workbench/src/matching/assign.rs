//! The assignment: mentees are the rows, mentor places the columns (a mentor
//! appears once per mentee they take) and "unmatched" columns, and
//! `pathfinding`'s Kuhn–Munkres finds the maximum total weight.
//!
//! Weights are integers (`i64`):
//! - an allowed pair weighs `BONUS + score`, where `BONUS` is larger than the
//!   best possible total of scores, so one more matched mentee always beats
//!   any gain in score (matching as many as possible comes first);
//! - an "unmatched" column weighs 0;
//! - a forbidden pair (region rule, rule-out) weighs `FORBIDDEN`, below
//!   minus any total of allowed weights, so every assignment holding one has
//!   a negative total.
//!
//! There are as many "unmatched" columns as mentees a quick greedy matching
//! (fewest allowed mentors first) leaves alone. The greedy matching plus those
//! columns is an assignment with no forbidden pair and a total of at least 0,
//! so the best assignment never holds a forbidden pair; the result is checked
//! again anyway, and such a pair would be dropped, never shown. (One
//! "unmatched" column per mentee would be as correct, but doubles the columns
//! and about doubles the time.)
//!
//! Valid pins are placed first: the pinned mentee leaves the rows and the
//! mentor has one place fewer.

use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

use pathfinding::kuhn_munkres::{kuhn_munkres, Weights as KmWeights};

use super::reasons::{PairReason, PinProblem, UnmatchedReason};
use super::rules::{region_check, Area};
use super::score::{explain, score, Prepared};
use super::{PairRef, Settings};
use crate::census::Location;
use crate::people::{Person, Role};

/// One suggested pair, by position in the mentor and mentee lists given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuggestedPair {
    pub mentor: usize,
    pub mentee: usize,
    pub score: u64,
    pub pinned: bool,
    /// The facts behind the pair; `Pinned` first when pinned, then the
    /// region, preferences, and competencies by size of gap.
    pub reasons: Vec<PairReason>,
}

/// Someone without a partner in the suggestion (a mentor: without any mentee).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unmatched {
    pub role: Role,
    pub index: usize,
    pub reason: UnmatchedReason,
}

/// A pin that was not applied, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PinReport {
    pub pin: PairRef,
    pub problem: PinProblem,
}

/// The result of one "Suggest matches".
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Suggestion {
    /// Sorted by mentor, then mentee.
    pub pairs: Vec<SuggestedPair>,
    /// Mentees first, then mentors, each in list order.
    pub unmatched: Vec<Unmatched>,
    pub pins_not_applied: Vec<PinReport>,
    /// The sum of the pairs' scores.
    pub total_score: u64,
}

/// The rows × columns weights, without copying a mentor's column per place.
struct Grid {
    rows: usize,
    mentors: usize,
    /// `rows × mentors`, row-major: `BONUS + score`, or `forbidden`.
    cells: Vec<i64>,
    /// The mentor of each mentor-place column.
    place_mentor: Vec<usize>,
    /// How many "unmatched" columns follow the mentor places.
    unmatched: usize,
    forbidden: i64,
}

impl KmWeights<i64> for Grid {
    fn rows(&self) -> usize {
        self.rows
    }

    fn columns(&self) -> usize {
        self.place_mentor.len() + self.unmatched
    }

    fn at(&self, row: usize, col: usize) -> i64 {
        match self.place_mentor.get(col) {
            Some(&mentor) => self
                .cells
                .get(row * self.mentors + mentor)
                .copied()
                .unwrap_or(self.forbidden),
            None => 0,
        }
    }

    fn neg(&self) -> Self {
        Grid {
            rows: self.rows,
            mentors: self.mentors,
            cells: self.cells.iter().map(|c| -c).collect(),
            place_mentor: self.place_mentor.clone(),
            unmatched: self.unmatched,
            forbidden: -self.forbidden,
        }
    }
}

/// Suggests pairs for these mentors and mentees under `settings`.
pub fn suggest(mentors: &[Person], mentees: &[Person], settings: &Settings) -> Suggestion {
    let prepared_mentors: Vec<Prepared> = mentors.iter().map(Prepared::new).collect();
    let prepared_mentees: Vec<Prepared> = mentees.iter().map(Prepared::new).collect();
    let mentor_at = first_index(mentors);
    let mentee_at = first_index(mentees);
    let ruled_out: HashSet<(usize, usize)> = settings
        .rule_outs
        .iter()
        .filter_map(|p| {
            Some((
                *mentor_at.get(p.mentor.as_str())?,
                *mentee_at.get(p.mentee.as_str())?,
            ))
        })
        .collect();
    let capacity: Vec<u32> = mentors
        .iter()
        .map(|m| settings.capacity_of(&m.reference))
        .collect();
    let region = settings.region;
    let allowed = |m: usize, e: usize| -> bool {
        !ruled_out.contains(&(m, e))
            && match (mentors.get(m), mentees.get(e)) {
                (Some(mentor), Some(mentee)) => region_check(mentor, mentee, region).is_ok(),
                _ => false,
            }
    };

    // Pins, in the order staff made them.
    let mut places_left = capacity.clone();
    let mut pinned_to: Vec<Option<usize>> = vec![None; mentees.len()];
    let mut pins_not_applied = Vec::new();
    for pin in &settings.pins {
        let problem = match (
            mentor_at.get(pin.mentor.as_str()),
            mentee_at.get(pin.mentee.as_str()),
        ) {
            (None, _) => Some(PinProblem::UnknownMentor),
            (Some(_), None) => Some(PinProblem::UnknownMentee),
            (Some(&m), Some(&e)) => {
                let blocked = match (mentors.get(m), mentees.get(e)) {
                    (Some(mentor), Some(mentee)) => region_check(mentor, mentee, region).err(),
                    _ => None,
                };
                let already = pinned_to.get(e).copied().flatten();
                let left = places_left.get(m).copied().unwrap_or(0);
                if ruled_out.contains(&(m, e)) {
                    Some(PinProblem::RuledOut)
                } else if let Some(blocked) = blocked {
                    Some(PinProblem::BreaksRegionRule(blocked))
                } else if already == Some(m) {
                    None // the same pin twice: applied once
                } else if let Some(other) = already {
                    Some(PinProblem::MenteeAlreadyPinned {
                        other_mentor: mentors
                            .get(other)
                            .map(|p| p.reference.clone())
                            .unwrap_or_default(),
                    })
                } else if left == 0 {
                    Some(PinProblem::OverCapacity {
                        capacity: capacity.get(m).copied().unwrap_or(0),
                    })
                } else {
                    if let Some(slot) = pinned_to.get_mut(e) {
                        *slot = Some(m);
                    }
                    if let Some(left) = places_left.get_mut(m) {
                        *left -= 1;
                    }
                    None
                }
            }
        };
        if let Some(problem) = problem {
            pins_not_applied.push(PinReport {
                pin: pin.clone(),
                problem,
            });
        }
    }

    // The rows: mentees not pinned. The columns: each mentor's places left
    // (never more than there are rows to fill).
    let rows: Vec<usize> = (0..mentees.len())
        .filter(|e| pinned_to.get(*e).copied().flatten().is_none())
        .collect();
    let place_mentor: Vec<usize> = places_left
        .iter()
        .enumerate()
        .flat_map(|(m, left)| {
            std::iter::repeat_n(
                m,
                usize::try_from(*left).unwrap_or(usize::MAX).min(rows.len()),
            )
        })
        .collect();

    let mut assigned: Vec<(usize, usize, bool)> = pinned_to
        .iter()
        .enumerate()
        .filter_map(|(e, m)| m.map(|m| (m, e, true)))
        .collect();

    if !rows.is_empty() && !place_mentor.is_empty() {
        let mut scores: Vec<Option<u64>> = Vec::with_capacity(rows.len() * mentors.len());
        for &e in &rows {
            for m in 0..mentors.len() {
                let s = match (prepared_mentors.get(m), prepared_mentees.get(e)) {
                    (Some(pm), Some(pe)) if !ruled_out.contains(&(m, e)) => {
                        score(pm, pe, &settings.weights, region).ok()
                    }
                    _ => None,
                };
                scores.push(s);
            }
        }
        let best = scores.iter().flatten().copied().max().unwrap_or(0);
        let best = i64::try_from(best).unwrap_or(i64::MAX / 8);
        let pairs_possible = i64::try_from(rows.len().min(place_mentor.len())).unwrap_or(i64::MAX);
        // BONUS beats any total of scores; FORBIDDEN is below any total of
        // allowed weights. Saturating, and held well above i64::MIN so the
        // algorithm's own sums cannot overflow.
        let bonus = best.saturating_mul(pairs_possible).saturating_add(1);
        let forbidden = bonus
            .saturating_add(best)
            .saturating_mul(pairs_possible.saturating_add(1))
            .saturating_add(1)
            .min(i64::MAX / 8)
            .saturating_neg();
        let greedy = greedy_matching_size(rows.len(), mentors.len(), &scores, &places_left);
        let grid = Grid {
            rows: rows.len(),
            mentors: mentors.len(),
            cells: scores
                .iter()
                .map(|s| match s {
                    Some(s) => bonus.saturating_add(i64::try_from(*s).unwrap_or(i64::MAX / 8)),
                    None => forbidden,
                })
                .collect(),
            place_mentor,
            unmatched: rows.len().saturating_sub(greedy),
            forbidden,
        };
        let (_, columns) = kuhn_munkres(&grid);
        for (row, col) in columns.into_iter().enumerate() {
            let (Some(&e), Some(&m)) = (rows.get(row), grid.place_mentor.get(col)) else {
                continue; // an "unmatched" column
            };
            // Never trust a forbidden pair to be absent: check it again.
            if allowed(m, e) {
                assigned.push((m, e, false));
            }
        }
    }

    let mut pairs: Vec<SuggestedPair> = assigned
        .into_iter()
        .filter_map(|(m, e, pinned)| {
            let (pm, pe) = (prepared_mentors.get(m)?, prepared_mentees.get(e)?);
            let (score, mut reasons) = explain(pm, pe, &settings.weights, region).ok()?;
            if pinned {
                reasons.insert(0, PairReason::Pinned);
            }
            Some(SuggestedPair {
                mentor: m,
                mentee: e,
                score,
                pinned,
                reasons,
            })
        })
        .collect();
    pairs.sort_by_key(|p| (p.mentor, p.mentee));
    let total_score = pairs.iter().map(|p| p.score).sum();

    let mut load = vec![0u32; mentors.len()];
    let mut matched_mentee = vec![false; mentees.len()];
    for p in &pairs {
        if let Some(l) = load.get_mut(p.mentor) {
            *l += 1;
        }
        if let Some(m) = matched_mentee.get_mut(p.mentee) {
            *m = true;
        }
    }

    let mut unmatched = Vec::new();
    for (e, mentee) in mentees.iter().enumerate() {
        if matched_mentee.get(e).copied().unwrap_or(false) {
            continue;
        }
        let reason = if mentors.is_empty() {
            UnmatchedReason::NobodyOnOtherSide
        } else {
            let by_region: Vec<usize> = (0..mentors.len())
                .filter(|&m| {
                    mentors
                        .get(m)
                        .is_some_and(|mentor| region_check(mentor, mentee, region).is_ok())
                })
                .collect();
            why_unmatched(
                mentee,
                &by_region,
                |m| ruled_out.contains(&(m, e)),
                settings,
            )
        };
        unmatched.push(Unmatched {
            role: Role::Mentee,
            index: e,
            reason,
        });
    }
    for (m, mentor) in mentors.iter().enumerate() {
        if load.get(m).copied().unwrap_or(0) > 0 {
            continue;
        }
        let reason = if capacity.get(m).copied().unwrap_or(0) == 0 {
            UnmatchedReason::NoCapacity
        } else if mentees.is_empty() {
            UnmatchedReason::NobodyOnOtherSide
        } else {
            let by_region: Vec<usize> = (0..mentees.len())
                .filter(|&e| {
                    mentees
                        .get(e)
                        .is_some_and(|mentee| region_check(mentor, mentee, region).is_ok())
                })
                .collect();
            why_unmatched(
                mentor,
                &by_region,
                |e| ruled_out.contains(&(m, e)),
                settings,
            )
        };
        unmatched.push(Unmatched {
            role: Role::Mentor,
            index: m,
            reason,
        });
    }

    Suggestion {
        pairs,
        unmatched,
        pins_not_applied,
        total_score,
    }
}

/// Why someone whom the assignment left alone is alone: `by_region` are the
/// people on the other side the region rule allows.
fn why_unmatched(
    person: &Person,
    by_region: &[usize],
    is_ruled_out: impl Fn(usize) -> bool,
    settings: &Settings,
) -> UnmatchedReason {
    let area = person
        .location
        .map(|loc| Area::of(loc, settings.region.rule));
    if by_region.is_empty() {
        return if !person.region_wish {
            UnmatchedReason::OthersWantTheirArea
        } else {
            match (person.location, area) {
                (None, _) | (_, None) => UnmatchedReason::NoPlaceGiven,
                (Some(Location::OutsideUs), _) if !settings.region.outside_us_pairs => {
                    UnmatchedReason::OutsideUsNotAllowed
                }
                (Some(_), Some(area)) => UnmatchedReason::NoneInArea { area },
            }
        };
    }
    if by_region.iter().all(|&other| is_ruled_out(other)) {
        return UnmatchedReason::RuledOutWithAll;
    }
    // The assignment matches as many as possible: whoever is left with
    // allowed partners has found them all taken.
    UnmatchedReason::AllTaken {
        area: if person.region_wish { area } else { None },
    }
}

/// The size of a matching found greedily, the mentees with the fewest
/// allowed mentors first: a lower bound of the largest matching, which is all
/// the "unmatched" columns need. `scores` is `rows × mentors`, `None` for a
/// forbidden pair.
fn greedy_matching_size(
    rows: usize,
    mentors: usize,
    scores: &[Option<u64>],
    places: &[u32],
) -> usize {
    let allowed = |row: usize| {
        scores
            .get(row * mentors..(row + 1) * mentors)
            .unwrap_or(&[])
            .iter()
            .enumerate()
            .filter(|(_, s)| s.is_some())
            .map(|(m, _)| m)
    };
    let mut order: Vec<(usize, usize)> = (0..rows).map(|r| (allowed(r).count(), r)).collect();
    order.sort_unstable();
    let mut left = places.to_vec();
    let mut matched = 0;
    for (_, row) in order {
        if let Some(m) = allowed(row).find(|&m| left.get(m).is_some_and(|l| *l > 0)) {
            if let Some(l) = left.get_mut(m) {
                *l -= 1;
            }
            matched += 1;
        }
    }
    matched
}

fn first_index(people: &[Person]) -> HashMap<&str, usize> {
    let mut at = HashMap::with_capacity(people.len());
    for (i, p) in people.iter().enumerate() {
        at.entry(p.reference.as_str()).or_insert(i);
    }
    at
}
