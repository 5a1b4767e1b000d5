//! What the workbench learns from a typed cycle: the [`FieldMap`] matching
//! reads through, the competencies' labels, and which answers are
//! confidential.
//!
//! The map follows the field ids the shipped cycles use for what matching
//! needs (`first_name`, `last_name`, `state`, `region_match`, `gender`,
//! `gender_match`, `ethnicity`, `ethnicity_match`); every `rating` question
//! is a competency, in the cycle's order. A wish question means "yes" by its
//! choice whose value is `yes`, and "no" by its other choices; a state
//! question's choices that are no US state or territory (`outside_us`, "Outside
//! the US") mean outside the US. A cycle that lacks one of these is named
//! with what is missing: its applications still show, only matching needs
//! the map.

use std::fmt;

use cycle::{Cycle, Field, Kind};

use crate::census::UsState;
use crate::exports::shorten;
use crate::people::{FieldMap, MappedFact, MappingError, WishField};

/// The field ids matching reads, as the shipped cycles name them.
pub mod ids {
    pub const FIRST_NAME: &str = "first_name";
    pub const LAST_NAME: &str = "last_name";
    pub const STATE: &str = "state";
    pub const REGION_WISH: &str = "region_match";
    pub const GENDER: &str = "gender";
    pub const GENDER_WISH: &str = "gender_match";
    pub const ETHNICITY: &str = "ethnicity";
    pub const ETHNICITY_WISH: &str = "ethnicity_match";
    /// The choice value of a wish question that means "yes".
    pub const YES: &str = "yes";
}

/// Why a cycle cannot be read for matching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CycleMapError {
    /// Fields matching needs are not in the cycle.
    Missing(MappingError),
    /// A wish question is not a choice with a `yes` value.
    NoYesChoice { fact: MappedFact, field: String },
}

impl fmt::Display for CycleMapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CycleMapError::Missing(missing) => missing.fmt(f),
            CycleMapError::NoYesChoice { fact, field } => write!(
                f,
                "the question \"{}\" ({}) has no choice with the value \"{}\", which matching \
                 reads as a wish",
                shorten(field),
                fact.name_en(),
                ids::YES
            ),
        }
    }
}

/// The cycle's competencies: its rating questions, in order.
pub fn rating_fields(cycle: &Cycle) -> impl Iterator<Item = &Field> {
    cycle.fields().filter(|f| matches!(f.kind, Kind::Rating))
}

/// The competencies' labels ("Outreach and Advocacy"), in the map's order.
pub fn competency_labels(cycle: &Cycle) -> Vec<String> {
    rating_fields(cycle)
        .map(|f| f.label.trim().to_string())
        .collect()
}

/// Reads the cycle's field map, or says what matching misses in it.
pub fn field_map(cycle: &Cycle) -> Result<FieldMap, CycleMapError> {
    let wish = |id: &str, fact: MappedFact| -> Result<WishField, CycleMapError> {
        let Some(field) = cycle.field_named(id) else {
            // Reported with every other missing field by `check` below.
            return Ok(WishField {
                id: id.to_string(),
                yes: Vec::new(),
                no: Vec::new(),
            });
        };
        let mut yes = Vec::new();
        let mut no = Vec::new();
        for choice in field.options() {
            let side = if choice.value.as_str() == ids::YES {
                &mut yes
            } else {
                &mut no
            };
            side.push(choice.value.to_string());
            side.push(choice.label.clone());
        }
        if yes.is_empty() {
            return Err(CycleMapError::NoYesChoice {
                fact,
                field: id.to_string(),
            });
        }
        Ok(WishField {
            id: id.to_string(),
            yes,
            no,
        })
    };
    let outside_us = cycle
        .field_named(ids::STATE)
        .map(|state| {
            state
                .options()
                .iter()
                .filter(|c| UsState::parse(c.value.as_str()).is_none())
                .flat_map(|c| [c.value.to_string(), c.label.clone()])
                .collect()
        })
        .unwrap_or_default();
    let map = FieldMap {
        first_name: ids::FIRST_NAME.into(),
        last_name: ids::LAST_NAME.into(),
        state: ids::STATE.into(),
        outside_us,
        region_wish: wish(ids::REGION_WISH, MappedFact::RegionWish)?,
        gender: ids::GENDER.into(),
        gender_wish: wish(ids::GENDER_WISH, MappedFact::GenderWish)?,
        ethnicity: ids::ETHNICITY.into(),
        ethnicity_wish: wish(ids::ETHNICITY_WISH, MappedFact::EthnicityWish)?,
        ratings: rating_fields(cycle).map(|f| f.id.to_string()).collect(),
        rating_scale: (cycle.rating_scale.min, cycle.rating_scale.max),
    };
    let field_ids: Vec<&str> = cycle.fields().map(|f| f.id.as_str()).collect();
    map.check(cycle.id.as_str(), field_ids.iter().copied())
        .map_err(CycleMapError::Missing)?;
    Ok(map)
}

/// Whether staff see this question's answers only after "Show confidential
/// answers": the cycle marks it confidential, or it is the gender or
/// ethnicity question or the wish to share either (the seed promises those
/// are used only for matching).
pub fn is_confidential(field: &Field) -> bool {
    field.confidential
        || [
            ids::GENDER,
            ids::GENDER_WISH,
            ids::ETHNICITY,
            ids::ETHNICITY_WISH,
        ]
        .contains(&field.id.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped(name: &str) -> Cycle {
        let text = std::fs::read_to_string(format!(
            "{}/../public/cycles/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        cycle::parse(&text).unwrap()
    }

    #[test]
    fn the_shipped_cycles_give_the_shipped_map() {
        for name in ["fall-2020-mentor.json", "fall-2020-mentee.json"] {
            let c = shipped(name);
            assert_eq!(field_map(&c), Ok(FieldMap::shipped()), "{name}");
            assert_eq!(
                competency_labels(&c),
                vec![
                    "Commitment to Client Group",
                    "Reference and User Services",
                    "Programming Skills",
                    "Knowledge, Curation, and Management of Materials",
                    "Outreach and Advocacy",
                    "Administrative and Management Skills",
                    "Professionalism and Professional Development",
                ]
            );
            let hidden: Vec<&str> = c
                .fields()
                .filter(|f| is_confidential(f))
                .map(|f| f.id.as_str())
                .collect();
            assert_eq!(
                hidden,
                vec![
                    "phone",
                    "gender",
                    "gender_match",
                    "ethnicity",
                    "ethnicity_match"
                ]
            );
        }
    }
}
