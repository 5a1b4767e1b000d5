//! Why a pair was suggested, why someone is unmatched, why a pin was not
//! applied: typed facts, rendered in words by [`English`] (the UI step may
//! render them from the cycle's texts instead).

use super::rules::{Area, Asker, Blocked};
use crate::exports::shorten;
use crate::people::Role;
use serde::{Deserialize, Serialize};

/// A self-description matching compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Trait {
    Gender,
    Ethnicity,
}

impl Trait {
    fn name_en(self) -> &'static str {
        match self {
            Trait::Gender => "gender",
            Trait::Ethnicity => "ethnicity",
        }
    }
}

/// One fact behind a suggested pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PairReason {
    /// Staff pinned this pair.
    Pinned,
    /// Someone asked to be matched in their region, and the pair shares it.
    SharedArea { area: Area, asked: Asker },
    /// Someone would prefer a partner sharing this trait, and the
    /// self-descriptions agree. `description` is the mentor's, as written.
    SharedTrait {
        which: Trait,
        description: String,
        asked: Asker,
        points: u32,
    },
    /// Someone would prefer a partner sharing this trait, and this pair
    /// does not (the assignment found no better pair for everyone).
    TraitNotShared {
        which: Trait,
        asked: Asker,
        /// False when one of the two gave no description.
        both_described: bool,
    },
    /// The mentor rates a competency higher than the mentee.
    Competency {
        /// Index into the map's ratings.
        index: usize,
        mentor: u8,
        mentee: u8,
        points: u32,
    },
}

impl PairReason {
    /// Points this reason adds to the pair's score.
    pub fn points(&self) -> u32 {
        match self {
            PairReason::Pinned
            | PairReason::SharedArea { .. }
            | PairReason::TraitNotShared { .. } => 0,
            PairReason::SharedTrait { points, .. } | PairReason::Competency { points, .. } => {
                *points
            }
        }
    }
}

/// Why an applicant has no partner in the suggestion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum UnmatchedReason {
    /// There is nobody on the other side at all.
    NobodyOnOtherSide,
    /// A mentor staff set to take no mentee.
    NoCapacity,
    /// They asked to be matched in their region but gave no place this page knows.
    NoPlaceGiven,
    /// They asked to be matched in their region, are outside the US, and
    /// staff have not allowed pairs outside the US.
    OutsideUsNotAllowed,
    /// They asked to be matched in their region and nobody on the other side is in it.
    NoneInArea { area: Area },
    /// They did not ask, but everyone on the other side did, elsewhere.
    OthersWantTheirArea,
    /// Everyone the region rule allows is ruled out with them by staff.
    RuledOutWithAll,
    /// Everyone they could be paired with is taken (`area`: they asked for it).
    AllTaken { area: Option<Area> },
}

/// Why a pin was not applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PinProblem {
    UnknownMentor,
    UnknownMentee,
    /// The pin breaks the hard rule.
    BreaksRegionRule(Blocked),
    /// Staff also ruled this pair out.
    RuledOut,
    /// The mentee is already pinned to another mentor (the earlier pin stands).
    MenteeAlreadyPinned {
        other_mentor: String,
    },
    /// The mentor has more pins than mentees they take.
    OverCapacity {
        capacity: u32,
    },
}

/// English words for the reasons; competency labels come from the cycle.
#[derive(Debug, Clone, Copy)]
pub struct English<'a> {
    /// One label per rating of the map, e.g. "Outreach and Advocacy".
    pub competency_labels: &'a [String],
    /// Whether a shared gender or ethnicity is named in its words ("Both
    /// describe their gender as 'Woman'"). Off while staff keep confidential
    /// answers hidden: the reason then says only that they agree.
    pub show_descriptions: bool,
}

fn as_asked(asked: Asker) -> &'static str {
    match asked {
        Asker::Mentor => "as the mentor asked",
        Asker::Mentee => "as the mentee asked",
        Asker::Both => "as both asked",
    }
}

impl<'a> English<'a> {
    /// Words naming shared descriptions.
    pub fn new(competency_labels: &'a [String]) -> Self {
        English {
            competency_labels,
            show_descriptions: true,
        }
    }

    /// The same words, without the confidential descriptions.
    pub fn hiding_descriptions(self) -> Self {
        English {
            show_descriptions: false,
            ..self
        }
    }

    fn competency(&self, index: usize) -> String {
        self.competency_labels
            .get(index)
            .cloned()
            .unwrap_or_else(|| format!("competency {}", index + 1))
    }

    /// "Both in the Midwest, as the mentee asked".
    pub fn pair_reason(&self, reason: &PairReason) -> String {
        match reason {
            PairReason::Pinned => "Pinned by staff".to_string(),
            PairReason::SharedArea { area, asked } => match area {
                Area::OutsideUs => format!(
                    "Both outside the US (paired by staff choice), {}",
                    as_asked(*asked)
                ),
                Area::Region(_) | Area::State(_) => {
                    format!("Both {}, {}", area.phrase_en(), as_asked(*asked))
                }
            },
            PairReason::SharedTrait {
                which,
                description,
                asked,
                ..
            } => {
                if self.show_descriptions {
                    format!(
                        "Both describe their {} as \u{2018}{}\u{2019}, {}",
                        which.name_en(),
                        shorten(description),
                        as_asked(*asked)
                    )
                } else {
                    format!(
                        "Their descriptions of their {} agree, {}",
                        which.name_en(),
                        as_asked(*asked)
                    )
                }
            }
            PairReason::TraitNotShared {
                which,
                asked,
                both_described,
            } => {
                let who = match asked {
                    Asker::Mentor => "The mentor would prefer a mentee",
                    Asker::Mentee => "The mentee would prefer a mentor",
                    Asker::Both => "Both would prefer someone",
                };
                let why = if *both_described {
                    "their descriptions differ"
                } else {
                    "not both described it"
                };
                format!("{who} who shares their {}; {why}", which.name_en())
            }
            PairReason::Competency {
                index,
                mentor,
                mentee,
                ..
            } => format!(
                "The mentor rates {} {mentor} where the mentee rates {mentee}",
                self.competency(*index)
            ),
        }
    }

    /// The reasons of a pair in one sentence-like line, joined by "; ".
    pub fn pair_reasons(&self, reasons: &[PairReason]) -> String {
        reasons
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let text = self.pair_reason(r);
                if i == 0 {
                    text
                } else {
                    lower_first(&text)
                }
            })
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// "No mentor in their region (West)"; `role` is the unmatched person's.
    pub fn unmatched(&self, role: Role, reason: UnmatchedReason) -> String {
        let other = match role {
            Role::Mentor => "mentee",
            Role::Mentee => "mentor",
        };
        match reason {
            UnmatchedReason::NobodyOnOtherSide => format!("There are no {other} applications"),
            UnmatchedReason::NoCapacity => "Staff set them to take no mentee".to_string(),
            UnmatchedReason::NoPlaceGiven => {
                "Asked to be matched in their region but gave no state".to_string()
            }
            UnmatchedReason::OutsideUsNotAllowed => {
                "Asked to be matched in their region, is outside the US, and pairs outside the \
                 US are not allowed"
                    .to_string()
            }
            UnmatchedReason::NoneInArea { area } => match area {
                Area::OutsideUs => format!("No {other} outside the US"),
                Area::Region(_) => format!("No {other} in their region ({})", area.name_en()),
                Area::State(_) => format!("No {other} in their state ({})", area.name_en()),
            },
            UnmatchedReason::OthersWantTheirArea => {
                format!("Every {other} asked to be matched in their own region")
            }
            UnmatchedReason::RuledOutWithAll => {
                format!("Ruled out with every possible {other}")
            }
            UnmatchedReason::AllTaken { area } => match (role, area) {
                (Role::Mentee, Some(Area::Region(_))) => {
                    "Every mentor in their region is taken".to_string()
                }
                (Role::Mentee, Some(Area::State(_))) => {
                    "Every mentor in their state is taken".to_string()
                }
                (Role::Mentee, Some(Area::OutsideUs)) => {
                    "Every mentor outside the US is taken".to_string()
                }
                (Role::Mentee, None) => {
                    "Every mentor who could be paired with them is taken".to_string()
                }
                (Role::Mentor, Some(area)) => format!(
                    "Every mentee {} already has a mentor",
                    match area {
                        Area::Region(_) => "in their region",
                        Area::State(_) => "in their state",
                        Area::OutsideUs => "outside the US",
                    }
                ),
                (Role::Mentor, None) => {
                    "Every mentee who could be paired with them already has a mentor".to_string()
                }
            },
        }
    }

    /// Why a pin was not applied.
    pub fn pin_problem(&self, problem: &PinProblem) -> String {
        match problem {
            PinProblem::UnknownMentor => {
                "The pinned mentor is not among the open applications".into()
            }
            PinProblem::UnknownMentee => {
                "The pinned mentee is not among the open applications".into()
            }
            PinProblem::BreaksRegionRule(blocked) => {
                let rule = match blocked {
                    Blocked::PlaceUnknown { asked } => format!(
                        "{} to be matched in their region, and not both gave a state",
                        asked_subject(*asked)
                    ),
                    Blocked::Differ {
                        asked,
                        mentor,
                        mentee,
                    } => format!(
                        "{} to be matched in their region, and the mentor is {} while the mentee is {}",
                        asked_subject(*asked),
                        mentor.phrase_en(),
                        mentee.phrase_en()
                    ),
                    Blocked::OutsideUsNotAllowed { asked } => format!(
                        "{} to be matched in their region, both are outside the US, and pairs \
                         outside the US are not allowed",
                        asked_subject(*asked)
                    ),
                };
                format!("Not applied: {rule}")
            }
            PinProblem::RuledOut => "Not applied: this pair is also ruled out".into(),
            PinProblem::MenteeAlreadyPinned { .. } => {
                "Not applied: the mentee is already pinned to another mentor".into()
            }
            PinProblem::OverCapacity { capacity } => format!(
                "Not applied: the mentor takes {capacity} mentee{} and has that many pins already",
                if *capacity == 1 { "" } else { "s" }
            ),
        }
    }
}

fn asked_subject(asked: Asker) -> &'static str {
    match asked {
        Asker::Mentor => "The mentor asked",
        Asker::Mentee => "The mentee asked",
        Asker::Both => "Both asked",
    }
}

/// Lower-cases the first letter of a reason that continues a line: every
/// reason starts with a word of ours ("Both", "The", "Pinned"), never with
/// an applicant's text or a label.
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
