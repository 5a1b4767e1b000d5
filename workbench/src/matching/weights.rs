//! The points a pair scores, as settings staff can change.

use serde::{Deserialize, Serialize};
/// How much each kind of fit adds to a pair's score. Scores are whole
/// numbers (the assignment works on integers); only their ratios matter.
///
/// The defaults are set so that one honoured wish to share gender or
/// ethnicity is worth about as much as a clear complement in competencies
/// (a mentor two steps above the mentee in two competencies), and the
/// competencies together can still outweigh a single wish: the seed promises
/// "we will do our best" on gender and ethnicity, not a guarantee, while the
/// program's stated aim is developing competencies.
///
/// Before any of this, the assignment matches as many mentees as the rules
/// allow: a pair is never left out to raise the total score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Weights {
    /// Points, per person who asked, when someone would prefer a partner who
    /// shares their gender and the pair's self-descriptions agree (compared
    /// without case or spaces). **Default 40**: a wish of both mentor and
    /// mentee met is 80. Agreement when neither asked counts nothing.
    pub gender: u32,
    /// The same for ethnicity. **Default 40**, for the same reasons as gender:
    /// the seed words both preferences alike.
    pub ethnicity: u32,
    /// Points per rating step, per competency, in the map's order: a pair
    /// scores `weight × max(0, mentor's rating − mentee's rating)` for each
    /// competency both rated. **Default 10 for each** (a competency past the
    /// list's end also counts 10, see [`DEFAULT_COMPETENCY_STEP`]): a mentor
    /// comfortable (5) where the mentee is not (1) adds 40, as much as one
    /// honoured wish. Set one higher to favour that competency, 0 to ignore it.
    pub competencies: Vec<u32>,
}

/// Points per rating step of a competency the weights do not list.
pub const DEFAULT_COMPETENCY_STEP: u32 = 10;

/// The highest value any weight takes; larger settings are read as this. It
/// keeps every total far inside the integers the assignment adds up.
pub const MAX_WEIGHT: u32 = 1_000;

impl Default for Weights {
    fn default() -> Self {
        Weights {
            gender: 40,
            ethnicity: 40,
            // The shipped cycles rate seven competencies.
            competencies: vec![DEFAULT_COMPETENCY_STEP; 7],
        }
    }
}

impl Weights {
    /// The gender weight, at most [`MAX_WEIGHT`].
    pub fn gender_points(&self) -> u32 {
        self.gender.min(MAX_WEIGHT)
    }

    /// The ethnicity weight, at most [`MAX_WEIGHT`].
    pub fn ethnicity_points(&self) -> u32 {
        self.ethnicity.min(MAX_WEIGHT)
    }

    /// The weight of competency `index`, at most [`MAX_WEIGHT`].
    pub fn competency_step(&self, index: usize) -> u32 {
        self.competencies
            .get(index)
            .copied()
            .unwrap_or(DEFAULT_COMPETENCY_STEP)
            .min(MAX_WEIGHT)
    }
}
