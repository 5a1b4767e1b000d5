//! The draft kept on the applicant's device, as data: its stored shape, how
//! a saved draft is read back against the current cycle, and how two tabs'
//! answers are merged. Pure, so every rule here has a native test; the state
//! layer (`state::draft`) only moves these records in and out of storage.
//!
//! One draft record per cycle, shared by every tab of the form:
//! - `revision` grows by one with every write, so a tab can tell whether the
//!   record changed since it last read it (another tab saved, cleared or sent);
//! - `answers` are kept as raw JSON and checked on load, so nothing that no
//!   longer fits the cycle is dropped: it moves to `kept_aside`;
//! - `application` names the reference and version being sent, stored
//!   *before* the first attempt, so a reload during a send resends the same
//!   version instead of making a second application;
//! - when a draft is cleared or sent, its record is removed and an *ended*
//!   record (no answers) is written under a key of its own, telling tabs still
//!   open what happened; its revision continues the draft's, so whichever of
//!   the two is newer is the truth.

use super::rules::value_fits_kind;
use super::version::Application;
use cycle::answers::{map_from, Answers, Value};
use cycle::file::maps_only;
use cycle::{Cycle, FieldId};
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use std::collections::BTreeMap;

/// Answers that no longer fit the cycle (a renamed question, a value of
/// another shape), kept as they were saved.
pub type KeptAside = BTreeMap<String, Json>;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DraftRecord {
    #[serde(default)]
    pub revision: u64,
    /// `Date.now()` of the write.
    #[serde(default)]
    pub saved_at: f64,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub answers: BTreeMap<String, Json>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub kept_aside: KeptAside,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application: Option<Application>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended: Option<StoredEnd>,
}

/// Why a draft holds no answers any more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ended {
    /// "Clear my answers" in some tab.
    Cleared,
    /// The endpoint confirmed the application.
    Sent { reference: String },
}

/// `Ended` as stored: `{"because": "cleared"}` or `{"because": "sent",
/// "reference": "…"}`. A plain struct and a unit enum, because an internally
/// tagged serde enum costs kilobytes of wasm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredEnd {
    because: EndReason,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reference: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum EndReason {
    Cleared,
    Sent,
}

impl From<Ended> for StoredEnd {
    fn from(e: Ended) -> Self {
        match e {
            Ended::Cleared => StoredEnd {
                because: EndReason::Cleared,
                reference: None,
            },
            Ended::Sent { reference } => StoredEnd {
                because: EndReason::Sent,
                reference: Some(reference),
            },
        }
    }
}

impl From<StoredEnd> for Ended {
    fn from(s: StoredEnd) -> Self {
        match s.because {
            EndReason::Cleared => Ended::Cleared,
            EndReason::Sent => Ended::Sent {
                reference: s.reference.unwrap_or_default(),
            },
        }
    }
}

/// What reading a stored draft gave.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    /// Nothing stored.
    Empty,
    /// A record that ended (cleared or sent); its revision still counts.
    Ended {
        revision: u64,
        ended: Ended,
    },
    Draft(LoadedDraft),
}

#[derive(Debug, Clone, PartialEq)]
pub struct LoadedDraft {
    pub revision: u64,
    pub saved_at: f64,
    /// Answers that fit the current cycle.
    pub answers: Answers,
    /// Everything else, kept and offered back to the applicant.
    pub kept_aside: KeptAside,
    pub application: Option<Application>,
}

/// Key of the saved record under which a draft that could not be read at all
/// is kept whole.
pub const UNREADABLE_KEY: &str = "unreadable draft";

/// Reads the stored records against the cycle: the draft, and the ended
/// record (cleared or sent) if one is newer. Never loses anything: answers
/// that don't fit move to `kept_aside`, and text that is not a draft record
/// at all is kept aside whole.
pub fn read_draft(cycle: &Cycle, draft: Option<&str>, ended: Option<&str>) -> Loaded {
    let ended = ended
        .and_then(|t| maps_only::from_str::<DraftRecord>(t).ok())
        .and_then(|r| Some((r.revision, Ended::from(r.ended?))));
    let Some(text) = draft else {
        return match ended {
            Some((revision, ended)) => Loaded::Ended { revision, ended },
            None => Loaded::Empty,
        };
    };
    let record = match maps_only::from_str::<DraftRecord>(text) {
        Ok(r) => r,
        Err(_) => {
            let mut kept_aside = KeptAside::new();
            kept_aside.insert(UNREADABLE_KEY.into(), Json::String(text.to_string()));
            return Loaded::Draft(LoadedDraft {
                revision: ended.map_or(0, |(r, _)| r),
                saved_at: 0.0,
                answers: Answers::new(),
                kept_aside,
                application: None,
            });
        }
    };
    match (record.ended, ended) {
        (Some(e), _) => {
            return Loaded::Ended {
                revision: record.revision,
                ended: e.into(),
            }
        }
        (None, Some((revision, e))) if revision > record.revision => {
            return Loaded::Ended { revision, ended: e }
        }
        _ => {}
    }
    let mut answers = Answers::new();
    let mut kept_aside = record.kept_aside;
    for (key, raw) in record.answers {
        match fitting_value(cycle, &key, &raw) {
            Some((id, value)) => {
                answers.insert(id, value);
            }
            None => {
                kept_aside.insert(key, raw);
            }
        }
    }
    Loaded::Draft(LoadedDraft {
        revision: record.revision,
        saved_at: record.saved_at,
        answers,
        kept_aside,
        application: record.application,
    })
}

/// The answer as a value of its question's kind, or None when the question
/// is gone or the value is of another shape.
fn fitting_value(cycle: &Cycle, key: &str, raw: &Json) -> Option<(FieldId, Value)> {
    let field = cycle.field_named(key)?;
    let value = value_from_json(raw)?;
    value_fits_kind(cycle, field, Some(&value)).then(|| (field.id.clone(), value))
}

/// A stored answer as a typed value (by hand: `serde_json::from_value` would
/// pull a second deserializer into the wasm).
fn value_from_json(raw: &Json) -> Option<Value> {
    match raw {
        Json::Bool(b) => Some(Value::Bool(*b)),
        Json::Number(n) => n.as_i64().map(Value::Number),
        Json::String(s) => Some(Value::Text(s.clone())),
        Json::Array(items) => items
            .iter()
            .map(|i| i.as_str().map(str::to_string))
            .collect::<Option<Vec<_>>>()
            .map(Value::List),
        _ => None,
    }
}

fn value_to_json(value: &Value) -> Json {
    match value {
        Value::Bool(b) => Json::Bool(*b),
        Value::Number(n) => Json::from(*n),
        Value::Text(s) => Json::String(s.clone()),
        Value::List(items) => items.iter().cloned().map(Json::String).collect(),
    }
}

/// The record a save writes.
pub fn draft_to_store(
    revision: u64,
    saved_at: f64,
    answers: &Answers,
    kept_aside: &KeptAside,
    application: Option<&Application>,
) -> DraftRecord {
    DraftRecord {
        revision,
        saved_at,
        answers: map_from(
            answers
                .iter()
                .map(|(k, v)| (k.to_string(), value_to_json(v))),
        ),
        kept_aside: kept_aside.clone(),
        application: application.cloned(),
        ended: None,
    }
}

/// The record written (under its own key) when a draft was cleared or sent:
/// no answers.
pub fn ended_record(revision: u64, saved_at: f64, ended: Ended) -> DraftRecord {
    DraftRecord {
        revision,
        saved_at,
        ended: Some(ended.into()),
        ..DraftRecord::default()
    }
}

/// Which questions this tab changed since `base` (the answers it last read
/// or wrote): a new or changed answer, or one it removed.
pub fn changes_since(base: &Answers, now: &Answers) -> BTreeMap<FieldId, Option<Value>> {
    let mut changes = BTreeMap::new();
    for (k, v) in now {
        if base.get(k) != Some(v) {
            changes.insert(k.clone(), Some(v.clone()));
        }
    }
    for k in base.keys() {
        if !now.contains_key(k) {
            changes.insert(k.clone(), None);
        }
    }
    changes
}

/// Another tab's newer answers with this tab's own changes laid over them:
/// each tab's typing survives, and the last edit of one question wins.
pub fn merge(theirs: &Answers, mine: &BTreeMap<FieldId, Option<Value>>) -> Answers {
    let mut merged = theirs.clone();
    for (k, v) in mine {
        match v {
            Some(v) => {
                merged.insert(k.clone(), v.clone());
            }
            None => {
                merged.remove(k);
            }
        }
    }
    merged
}
