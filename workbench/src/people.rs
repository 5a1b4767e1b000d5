//! From an exported application to the facts matching needs.
//!
//! A [`FieldMap`] says which field ids hold the name, the state, the wish to
//! be matched in one's region, the gender and ethnicity self-descriptions and
//! the wishes to share them, and the competency ratings. It is plain ids and
//! answer texts, so this module does not depend on the cycle crate: the UI
//! builds a map from the typed cycle, and [`FieldMap::shipped`] is the one for
//! the shipped Fall 2020 mentor and mentee cycles.
//!
//! Answers are read as the receiver's export writes them (choice labels such
//! as "Illinois" and "Yes, if possible") and as the form submits them (option
//! values such as "IL" and "yes"): the map lists both.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::census::{Location, UsState};
use crate::exports::{shorten, ExportRow};

/// Which side of the program an application is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Role {
    Mentor,
    Mentee,
}

impl Role {
    /// The side a cycle id names by its ending ("fall-2020-mentee"), if it does.
    /// Staff choose when it does not.
    pub fn from_cycle_id(cycle_id: &str) -> Option<Role> {
        let id = cycle_id.trim().to_ascii_lowercase();
        if id.ends_with("mentee") {
            Some(Role::Mentee)
        } else if id.ends_with("mentor") {
            Some(Role::Mentor)
        } else {
            None
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            Role::Mentor => "mentor",
            Role::Mentee => "mentee",
        }
    }
}

/// A yes/no wish question and the answers that mean "yes".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WishField {
    pub id: String,
    /// Answers meaning "yes", compared ignoring case and outer spaces: the
    /// option's value and its label.
    pub yes: Vec<String>,
    /// Answers meaning "no" (other answers are reported).
    pub no: Vec<String>,
}

/// Which field ids hold what matching needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMap {
    pub first_name: String,
    pub last_name: String,
    pub state: String,
    /// Answers of `state` meaning "outside the US" (value and label).
    pub outside_us: Vec<String>,
    pub region_wish: WishField,
    pub gender: String,
    pub gender_wish: WishField,
    pub ethnicity: String,
    pub ethnicity_wish: WishField,
    /// The competency ratings, in the order they are compared and shown.
    pub ratings: Vec<String>,
    /// The rating scale's lowest and highest values (1 and 5 in the shipped cycles).
    pub rating_scale: (u8, u8),
}

/// A role of a field in the map, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MappedFact {
    FirstName,
    LastName,
    State,
    RegionWish,
    Gender,
    GenderWish,
    Ethnicity,
    EthnicityWish,
    Rating(usize),
}

impl MappedFact {
    pub fn name_en(self) -> String {
        match self {
            MappedFact::FirstName => "first name".into(),
            MappedFact::LastName => "last name".into(),
            MappedFact::State => "state".into(),
            MappedFact::RegionWish => "wish to be matched in one's region".into(),
            MappedFact::Gender => "gender".into(),
            MappedFact::GenderWish => "wish to share gender".into(),
            MappedFact::Ethnicity => "ethnicity".into(),
            MappedFact::EthnicityWish => "wish to share ethnicity".into(),
            MappedFact::Rating(i) => format!("competency rating {}", i + 1),
        }
    }
}

/// A cycle that lacks fields matching needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappingError {
    pub cycle_id: String,
    pub missing: Vec<(MappedFact, String)>,
}

impl std::fmt::Display for MappingError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let list = self
            .missing
            .iter()
            .map(|(fact, id)| format!("\"{}\" ({})", shorten(id), fact.name_en()))
            .collect::<Vec<_>>()
            .join(", ");
        write!(
            f,
            "the cycle \"{}\" has no field {list}, which matching needs",
            shorten(&self.cycle_id)
        )
    }
}

/// Two maps that cannot be compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairingError {
    /// The mentor and mentee cycles rate a different number of competencies.
    RatingCounts { mentor: usize, mentee: usize },
}

impl std::fmt::Display for PairingError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PairingError::RatingCounts { mentor, mentee } => write!(
                f,
                "the mentor cycle rates {mentor} competencies and the mentee cycle {mentee}: \
                 they must rate the same ones to be compared"
            ),
        }
    }
}

impl FieldMap {
    /// The map of the shipped Fall 2020 mentor and mentee cycles (both use
    /// these ids and options).
    pub fn shipped() -> FieldMap {
        let wish = |id: &str, yes_label: &str, no_value: &str, no_label: &str| WishField {
            id: id.into(),
            yes: vec!["yes".into(), yes_label.into()],
            no: vec![no_value.into(), no_label.into()],
        };
        FieldMap {
            first_name: "first_name".into(),
            last_name: "last_name".into(),
            state: "state".into(),
            outside_us: vec!["outside_us".into(), "Outside the US".into()],
            region_wish: wish("region_match", "Yes", "no", "No"),
            gender: "gender".into(),
            gender_wish: wish(
                "gender_match",
                "Yes, if possible",
                "no_preference",
                "No preference",
            ),
            ethnicity: "ethnicity".into(),
            ethnicity_wish: wish(
                "ethnicity_match",
                "Yes, if possible",
                "no_preference",
                "No preference",
            ),
            ratings: [
                "comp_client_group",
                "comp_reference",
                "comp_programming",
                "comp_materials",
                "comp_outreach",
                "comp_admin",
                "comp_professionalism",
            ]
            .into_iter()
            .map(String::from)
            .collect(),
            rating_scale: (1, 5),
        }
    }

    fn facts(&self) -> Vec<(MappedFact, &str)> {
        let mut facts = vec![
            (MappedFact::FirstName, self.first_name.as_str()),
            (MappedFact::LastName, self.last_name.as_str()),
            (MappedFact::State, self.state.as_str()),
            (MappedFact::RegionWish, self.region_wish.id.as_str()),
            (MappedFact::Gender, self.gender.as_str()),
            (MappedFact::GenderWish, self.gender_wish.id.as_str()),
            (MappedFact::Ethnicity, self.ethnicity.as_str()),
            (MappedFact::EthnicityWish, self.ethnicity_wish.id.as_str()),
        ];
        facts.extend(
            self.ratings
                .iter()
                .enumerate()
                .map(|(i, id)| (MappedFact::Rating(i), id.as_str())),
        );
        facts
    }

    /// Checks that a cycle (given by its id and field ids) has every field
    /// this map names.
    pub fn check<'a>(
        &self,
        cycle_id: &str,
        field_ids: impl IntoIterator<Item = &'a str> + Clone,
    ) -> Result<(), MappingError> {
        let missing: Vec<(MappedFact, String)> = self
            .facts()
            .into_iter()
            .filter(|(_, id)| !field_ids.clone().into_iter().any(|f| f == *id))
            .map(|(fact, id)| (fact, id.to_string()))
            .collect();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(MappingError {
                cycle_id: cycle_id.to_string(),
                missing,
            })
        }
    }

    /// Checks that a mentor map and a mentee map can be compared.
    pub fn check_pair(mentor: &FieldMap, mentee: &FieldMap) -> Result<(), PairingError> {
        if mentor.ratings.len() == mentee.ratings.len() {
            Ok(())
        } else {
            Err(PairingError::RatingCounts {
                mentor: mentor.ratings.len(),
                mentee: mentee.ratings.len(),
            })
        }
    }
}

/// What matching knows of one applicant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub reference: String,
    /// First and last name, as written.
    pub name: String,
    /// `None` when not given or not a place this page knows.
    pub location: Option<Location>,
    pub region_wish: bool,
    /// The self-description, trimmed; `None` when blank.
    pub gender: Option<String>,
    pub gender_wish: bool,
    pub ethnicity: Option<String>,
    pub ethnicity_wish: bool,
    /// One per rating of the map, in its order; `None` when not rated.
    pub ratings: Vec<Option<u8>>,
}

/// An answer that could not be read for matching (the rest of the person
/// still is).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonProblem {
    pub reference: String,
    pub fact: MappedFact,
    /// The answer as found (JSON text for non-text values).
    pub found: String,
}

impl std::fmt::Display for PersonProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "application {}: the {} answer \"{}\" is not one matching understands; \
             it is left out of matching",
            shorten(&self.reference),
            self.fact.name_en(),
            shorten(&self.found)
        )
    }
}

impl Person {
    /// Reads the facts of one exported application through a map.
    pub fn from_row(row: &ExportRow, map: &FieldMap) -> (Person, Vec<PersonProblem>) {
        let mut problems = Vec::new();
        let mut problem = |fact: MappedFact, value: &Value| {
            problems.push(PersonProblem {
                reference: row.reference.clone(),
                fact,
                found: match value {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                },
            });
        };
        let answers = &row.answers;
        let name = [&map.first_name, &map.last_name]
            .into_iter()
            .filter_map(|id| text_answer(answers, id))
            .collect::<Vec<_>>()
            .join(" ");

        let location = match answers.get(&map.state) {
            None | Some(Value::Null) => None,
            Some(value) => {
                let read = value.as_str().and_then(|text| {
                    if matches_any(text, &map.outside_us) {
                        Some(Location::OutsideUs)
                    } else {
                        UsState::parse(text).map(Location::Us)
                    }
                });
                match (read, value.as_str()) {
                    (Some(loc), _) => Some(loc),
                    (None, Some(text)) if text.trim().is_empty() => None,
                    (None, _) => {
                        problem(MappedFact::State, value);
                        None
                    }
                }
            }
        };

        let mut wish = |field: &WishField, fact: MappedFact| -> bool {
            match answers.get(&field.id) {
                None | Some(Value::Null) => false,
                Some(value) => match value.as_str() {
                    Some(text) if matches_any(text, &field.yes) => true,
                    Some(text) if matches_any(text, &field.no) || text.trim().is_empty() => false,
                    _ => {
                        // An answer we cannot read is not taken as a wish: the
                        // problem list tells staff to look at it.
                        problem(fact, value);
                        false
                    }
                },
            }
        };
        let region_wish = wish(&map.region_wish, MappedFact::RegionWish);
        let gender_wish = wish(&map.gender_wish, MappedFact::GenderWish);
        let ethnicity_wish = wish(&map.ethnicity_wish, MappedFact::EthnicityWish);

        let (low, high) = map.rating_scale;
        let ratings = map
            .ratings
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let value = answers.get(id)?;
                let number = match value {
                    Value::Null => return None,
                    Value::Number(n) => n.as_u64(),
                    Value::String(s) if s.trim().is_empty() => return None,
                    Value::String(s) => s.trim().parse::<u64>().ok(),
                    _ => None,
                };
                match number
                    .and_then(|n| u8::try_from(n).ok())
                    .filter(|n| (low..=high).contains(n))
                {
                    Some(n) => Some(n),
                    None => {
                        problem(MappedFact::Rating(i), value);
                        None
                    }
                }
            })
            .collect();

        let person = Person {
            reference: row.reference.clone(),
            name,
            location,
            region_wish,
            gender: text_answer(answers, &map.gender),
            gender_wish,
            ethnicity: text_answer(answers, &map.ethnicity),
            ethnicity_wish,
            ratings,
        };
        (person, problems)
    }
}

/// Reads every row through the map: the people, in row order, and every
/// answer that could not be read.
pub fn people_from_rows<'a>(
    rows: impl IntoIterator<Item = &'a ExportRow>,
    map: &FieldMap,
) -> (Vec<Person>, Vec<PersonProblem>) {
    let mut people = Vec::new();
    let mut problems = Vec::new();
    for row in rows {
        let (person, mut more) = Person::from_row(row, map);
        people.push(person);
        problems.append(&mut more);
    }
    (people, problems)
}

fn text_answer(answers: &Map<String, Value>, id: &str) -> Option<String> {
    answers
        .get(id)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn matches_any(text: &str, options: &[String]) -> bool {
    let text = text.trim();
    options
        .iter()
        .any(|o| o.trim().to_lowercase() == text.to_lowercase())
}

/// The form a self-description is compared in: Unicode lower case with every
/// space removed, so "Woman", " woman " and "WO MAN" agree, and "Black /
/// African American" agrees with "black/african american".
pub fn comparable(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn row(answers: Value) -> ExportRow {
        ExportRow {
            reference: "ref-1".into(),
            version: 1,
            versions: Some(1),
            received_at: None,
            submitted_at: None,
            cycle_id: "fall-2020-mentor".into(),
            suspected_automated: false,
            honeypot: None,
            answers: answers.as_object().cloned().unwrap_or_default(),
            readable: Map::new(),
        }
    }

    #[test]
    fn labels_and_values_read_alike() {
        let map = FieldMap::shipped();
        let (by_label, p1) = Person::from_row(
            &row(
                json!({"first_name": " Ana ", "last_name": "Ruiz", "state": "Illinois",
                "region_match": "Yes", "gender": " Woman ", "gender_match": "Yes, if possible",
                "ethnicity_match": "No preference", "comp_outreach": 5, "comp_admin": "2"}),
            ),
            &map,
        );
        let (by_value, p2) = Person::from_row(
            &row(
                json!({"first_name": "Ana", "last_name": "Ruiz", "state": "IL",
                "region_match": "yes", "gender": "Woman", "gender_match": "yes",
                "ethnicity_match": "no_preference", "comp_outreach": "5", "comp_admin": 2}),
            ),
            &map,
        );
        assert!(p1.is_empty() && p2.is_empty(), "{p1:?} {p2:?}");
        assert_eq!(by_label, by_value);
        assert_eq!(by_label.name, "Ana Ruiz");
        assert_eq!(by_label.location, Some(Location::Us(UsState::IL)));
        assert!(by_label.region_wish && by_label.gender_wish && !by_label.ethnicity_wish);
        assert_eq!(by_label.gender.as_deref(), Some("Woman"));
        assert_eq!(by_label.ethnicity, None);
        assert_eq!(
            by_label.ratings,
            vec![None, None, None, None, Some(5), Some(2), None]
        );
    }

    #[test]
    fn unreadable_answers_are_reported_not_guessed() {
        let (p, problems) = Person::from_row(
            &row(
                json!({"state": "Atlantis", "region_match": "Oui", "comp_client_group": 9,
                "comp_reference": "four", "comp_programming": 0, "outside": 1,
                "gender_match": true}),
            ),
            &FieldMap::shipped(),
        );
        assert_eq!(p.location, None);
        assert!(!p.region_wish && !p.gender_wish);
        assert_eq!(p.ratings[0..3], [None, None, None]);
        let facts: Vec<MappedFact> = problems.iter().map(|p| p.fact).collect();
        assert_eq!(
            facts,
            vec![
                MappedFact::State,
                MappedFact::RegionWish,
                MappedFact::GenderWish,
                MappedFact::Rating(0),
                MappedFact::Rating(1),
                MappedFact::Rating(2)
            ]
        );
        assert_eq!(
            problems[0].to_string(),
            "application ref-1: the state answer \"Atlantis\" is not one matching \
             understands; it is left out of matching"
        );
        assert_eq!(problems[2].found, "true");
    }

    #[test]
    fn outside_the_us_is_a_location() {
        let (p, problems) = Person::from_row(
            &row(json!({"state": "Outside the US"})),
            &FieldMap::shipped(),
        );
        assert!(problems.is_empty());
        assert_eq!(p.location, Some(Location::OutsideUs));
        let (p, _) = Person::from_row(&row(json!({"state": "outside_us"})), &FieldMap::shipped());
        assert_eq!(p.location, Some(Location::OutsideUs));
    }

    #[test]
    fn a_cycle_without_a_mapped_field_is_named() {
        let map = FieldMap::shipped();
        let ids = ["first_name", "last_name", "state", "region_match", "gender"];
        let err = map.check("spring-2021", ids.iter().copied()).unwrap_err();
        assert_eq!(err.missing.len(), 3 + 7);
        assert_eq!(
            err.missing[0],
            (MappedFact::GenderWish, "gender_match".into())
        );
        assert!(err
            .to_string()
            .starts_with("the cycle \"spring-2021\" has no field \"gender_match\" (wish to share gender), \"ethnicity\""));
        let mut short = FieldMap::shipped();
        short.ratings.pop();
        assert_eq!(
            FieldMap::check_pair(&map, &short),
            Err(PairingError::RatingCounts {
                mentor: 7,
                mentee: 6
            })
        );
    }

    #[test]
    fn roles_from_cycle_ids() {
        assert_eq!(Role::from_cycle_id("fall-2020-mentee"), Some(Role::Mentee));
        assert_eq!(Role::from_cycle_id("Fall-2020-MENTOR"), Some(Role::Mentor));
        assert_eq!(Role::from_cycle_id("fall-2020"), None);
    }

    #[test]
    fn self_descriptions_compare_without_case_or_spaces() {
        assert_eq!(comparable(" Woman "), comparable("WO MAN"));
        assert_eq!(
            comparable("Black / African American"),
            comparable("black/african\u{a0}american")
        );
        assert_eq!(comparable("ÉMILIE"), "émilie");
        assert_ne!(comparable("woman"), comparable("women"));
    }
}
