//! A pair's score and the reasons behind it, computed by one function so the
//! points and the words can never disagree.

use super::reasons::{PairReason, Trait};
use super::rules::{region_check, Asker, Blocked, RegionSettings};
use super::weights::Weights;
use crate::people::{comparable, Person};

/// A person with the comparison forms computed once (the assignment scores
/// every mentor against every mentee).
#[derive(Debug, Clone)]
pub struct Prepared<'a> {
    pub person: &'a Person,
    gender: Option<String>,
    ethnicity: Option<String>,
}

impl<'a> Prepared<'a> {
    pub fn new(person: &'a Person) -> Self {
        let key = |text: &Option<String>| text.as_deref().map(comparable).filter(|k| !k.is_empty());
        Prepared {
            person,
            gender: key(&person.gender),
            ethnicity: key(&person.ethnicity),
        }
    }
}

/// Where the points of a pair go: summed only, or summed and explained.
trait Tally {
    fn add(&mut self, points: u32, reason: impl FnOnce() -> PairReason);
}

struct Points(u64);

impl Tally for Points {
    fn add(&mut self, points: u32, _reason: impl FnOnce() -> PairReason) {
        self.0 += u64::from(points);
    }
}

struct Explained {
    points: u64,
    reasons: Vec<PairReason>,
}

impl Tally for Explained {
    fn add(&mut self, points: u32, reason: impl FnOnce() -> PairReason) {
        self.points += u64::from(points);
        self.reasons.push(reason());
    }
}

fn tally(
    mentor: &Prepared,
    mentee: &Prepared,
    weights: &Weights,
    region: RegionSettings,
    out: &mut impl Tally,
) -> Result<(), Blocked> {
    let (m, e) = (mentor.person, mentee.person);
    if let Some((area, asked)) = region_check(m, e, region)? {
        out.add(0, || PairReason::SharedArea { area, asked });
    }
    let traits = [
        (
            Trait::Gender,
            m.gender_wish,
            e.gender_wish,
            &mentor.gender,
            &mentee.gender,
            &m.gender,
            weights.gender_points(),
        ),
        (
            Trait::Ethnicity,
            m.ethnicity_wish,
            e.ethnicity_wish,
            &mentor.ethnicity,
            &mentee.ethnicity,
            &m.ethnicity,
            weights.ethnicity_points(),
        ),
    ];
    for (which, m_wish, e_wish, m_key, e_key, m_text, weight) in traits {
        let Some(asked) = Asker::of(m_wish, e_wish) else {
            continue;
        };
        match (m_key, e_key) {
            (Some(a), Some(b)) if a == b => {
                out.add(weight * asked.count(), || PairReason::SharedTrait {
                    which,
                    description: m_text.clone().unwrap_or_default(),
                    asked,
                    points: weight * asked.count(),
                })
            }
            (a, b) => out.add(0, || PairReason::TraitNotShared {
                which,
                asked,
                both_described: a.is_some() && b.is_some(),
            }),
        }
    }
    // Larger gaps first in the words; the points do not depend on order.
    let mut gaps: Vec<(usize, u8, u8)> = m
        .ratings
        .iter()
        .zip(&e.ratings)
        .enumerate()
        .filter_map(|(i, (a, b))| match (a, b) {
            (Some(a), Some(b)) if a > b => Some((i, *a, *b)),
            _ => None,
        })
        .collect();
    gaps.sort_by_key(|(i, a, b)| (std::cmp::Reverse(a - b), *i));
    for (index, mentor_rating, mentee_rating) in gaps {
        let points = weights.competency_step(index) * u32::from(mentor_rating - mentee_rating);
        if points > 0 {
            out.add(points, || PairReason::Competency {
                index,
                mentor: mentor_rating,
                mentee: mentee_rating,
                points,
            });
        }
    }
    Ok(())
}

/// The pair's score, or why the hard rule forbids it.
pub fn score(
    mentor: &Prepared,
    mentee: &Prepared,
    weights: &Weights,
    region: RegionSettings,
) -> Result<u64, Blocked> {
    let mut points = Points(0);
    tally(mentor, mentee, weights, region, &mut points)?;
    Ok(points.0)
}

/// The pair's score and its reasons, or why the hard rule forbids it.
pub fn explain(
    mentor: &Prepared,
    mentee: &Prepared,
    weights: &Weights,
    region: RegionSettings,
) -> Result<(u64, Vec<PairReason>), Blocked> {
    let mut out = Explained {
        points: 0,
        reasons: Vec::new(),
    };
    tally(mentor, mentee, weights, region, &mut out)?;
    Ok((out.points, out.reasons))
}

/// Scores two people directly (for tests and one-off checks).
pub fn score_people(
    mentor: &Person,
    mentee: &Person,
    weights: &Weights,
    region: RegionSettings,
) -> Result<u64, Blocked> {
    score(
        &Prepared::new(mentor),
        &Prepared::new(mentee),
        weights,
        region,
    )
}
