//! The draft kept on the applicant's device, as data: its stored shape, how
//! a saved draft is read back against the current cycle, and how several
//! tabs' answers are merged. Pure, so every rule here has a native test; the
//! state layer (`state::draft`) only moves these records in and out of
//! storage.
//!
//! One draft record per cycle, shared by every tab of the form:
//! - `revision` grows by one with every write; it orders the draft against
//!   the *ended* record (below) and tells a tab that the record changed;
//! - `answers` are kept as raw JSON and checked on load, so nothing that no
//!   longer fits the cycle is dropped: it moves to `kept_aside`;
//! - `edited_at` says when each answer was last set or removed (a removed
//!   answer keeps its time), so two tabs' records merge answer by answer,
//!   the later edit winning, in whatever order the browser delivers their
//!   writes: two tabs that write the same revision at the same moment still
//!   both keep their edits (docs/drafts.md);
//! - `application` names the reference, version and version secret being
//!   sent, stored *before* the first attempt, so a reload during a send
//!   resends the same version instead of making a second application;
//! - when a draft is cleared or sent, its record is removed and an *ended*
//!   record (no answers) is written under a key of its own, telling tabs
//!   still open what happened; its revision continues the draft's, so
//!   whichever of the two is newer is the truth, and a tab that last looked
//!   before the end learns of it even when a newer draft followed.

use super::json::{as_u32, into_map, into_object, into_string, object_of};
use super::rules::value_fits_kind;
use super::version::{Application, Stage};
use cycle::answers::map_from;
use cycle::{Answers, Cycle, FieldId, Value};
use serde::Serialize;
use serde_json::Value as Json;
use std::collections::BTreeMap;

/// Answers that no longer fit the cycle (a renamed question, a value of
/// another shape), kept as they were saved.
pub type KeptAside = BTreeMap<String, Json>;

/// When each answer was last set or removed (`Date.now()`), by answer key;
/// an answer with no entry counts as set at 0, before any edit. Stored as JSON
/// numbers, so the map shares its code (tree, serde) with the answers' maps
/// in the wasm; read and written as times through the methods.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(transparent)]
pub struct EditTimes(BTreeMap<String, Json>);

/// Equal when they hold the same times for the same keys (`4` and `4.0` are
/// one time).
impl PartialEq for EditTimes {
    fn eq(&self, other: &Self) -> bool {
        self.0.len() == other.0.len()
            && self
                .0
                .iter()
                .all(|(k, t)| other.0.get(k).and_then(Json::as_f64) == t.as_f64())
    }
}

impl EditTimes {
    /// When `key` was last set or removed (0: never, as far as known).
    pub fn at(&self, key: &FieldId) -> f64 {
        self.0
            .get(key.as_str())
            .and_then(Json::as_f64)
            .unwrap_or(0.0)
    }

    pub fn set(&mut self, key: &FieldId, at: f64) {
        self.0.insert(key.to_string(), Json::from(at));
    }

    pub fn contains(&self, key: &FieldId) -> bool {
        self.0.contains_key(key.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every question with its time (a stored key that is no question's id
    /// is no edit of any).
    pub fn iter(&self) -> impl Iterator<Item = (FieldId, f64)> + '_ {
        self.0
            .iter()
            .filter_map(|(k, t)| Some((FieldId::new(k.as_str())?, t.as_f64().unwrap_or(0.0))))
    }
}

/// The record as stored (written with serde, read by hand: [`DraftRecord::read`]).
/// Every member may be missing (its default is taken).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DraftRecord {
    pub revision: u64,
    /// `Date.now()` of the write.
    pub saved_at: f64,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub answers: BTreeMap<String, Json>,
    #[serde(skip_serializing_if = "EditTimes::is_empty")]
    pub edited_at: EditTimes,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub kept_aside: KeptAside,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub application: Option<Application>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ended: Option<StoredEnd>,
}

impl DraftRecord {
    /// Reads a stored record (`form::json`: by hand, as the derive would):
    /// None when the text is not JSON, not an object, or a member is of
    /// another type than the one written (`null` is no record's member,
    /// except `application` and `ended`, where it means none).
    pub fn read(text: &str) -> Option<DraftRecord> {
        let mut record = DraftRecord::default();
        for (key, value) in object_of(text)? {
            match key.as_str() {
                "revision" => record.revision = value.as_u64()?,
                "saved_at" => record.saved_at = value.as_f64()?,
                "answers" => record.answers = into_map(value)?,
                "edited_at" => record.edited_at = EditTimes(into_map(value)?),
                "kept_aside" => record.kept_aside = into_map(value)?,
                "application" => record.application = or_null(value, Application::read)?,
                "ended" => record.ended = or_null(value, StoredEnd::read)?,
                _ => {}
            }
        }
        Some(record)
    }
}

/// An optional member: `null` is none (as serde reads an `Option`), anything
/// else must read as `T`.
fn or_null<T>(value: Json, read: fn(Json) -> Option<T>) -> Option<Option<T>> {
    match value {
        Json::Null => Some(None),
        value => read(value).map(Some),
    }
}

/// Why a draft holds no answers any more.
#[derive(Debug, Clone, PartialEq)]
pub enum Ended {
    /// "Clear my answers" in some tab.
    Cleared,
    /// The endpoint confirmed a version of the application, and no answer
    /// had changed since it was sent.
    Sent(SentVersion),
}

/// The version an endpoint confirmed, as other tabs need to know it.
#[derive(Debug, Clone, PartialEq)]
pub struct SentVersion {
    /// The application's reference (made on the device).
    pub reference: String,
    /// The reference the applicant was shown: the endpoint's own receipt
    /// when it gave one, else `reference`.
    pub shown: String,
    pub version: u32,
    /// When Send was pressed for this version: an answer edited after it in
    /// another tab is newer than what was sent, and is kept.
    pub taken_at: f64,
}

/// `Ended` as stored: `{"because": "cleared"}` or `{"because": "sent",
/// "reference": "…", "receipt": "…", "version": 2, "taken_at": …}`. A plain
/// struct and a unit enum, because an internally tagged serde enum costs
/// kilobytes of wasm. Never any answers, never the version secret.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredEnd {
    because: EndReason,
    #[serde(skip_serializing_if = "Option::is_none")]
    reference: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    receipt: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    taken_at: Option<f64>,
}

impl StoredEnd {
    /// Read back by hand (`form::json`); `because` is required.
    fn read(value: Json) -> Option<StoredEnd> {
        let mut because = None;
        let mut end = StoredEnd {
            because: EndReason::Cleared,
            reference: None,
            receipt: None,
            version: None,
            taken_at: None,
        };
        for (key, value) in into_object(value)? {
            match key.as_str() {
                "because" => {
                    because = Some(match value.as_str()? {
                        "cleared" => EndReason::Cleared,
                        "sent" => EndReason::Sent,
                        _ => return None,
                    })
                }
                "reference" => end.reference = or_null(value, into_string)?,
                "receipt" => end.receipt = or_null(value, into_string)?,
                "version" => end.version = or_null(value, |v| as_u32(&v))?,
                "taken_at" => end.taken_at = or_null(value, |v| v.as_f64())?,
                _ => {}
            }
        }
        end.because = because?;
        Some(end)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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
                receipt: None,
                version: None,
                taken_at: None,
            },
            Ended::Sent(sent) => StoredEnd {
                because: EndReason::Sent,
                receipt: (sent.shown != sent.reference).then_some(sent.shown),
                reference: Some(sent.reference),
                version: Some(sent.version),
                taken_at: Some(sent.taken_at),
            },
        }
    }
}

impl From<StoredEnd> for Ended {
    fn from(s: StoredEnd) -> Self {
        match s.because {
            EndReason::Cleared => Ended::Cleared,
            EndReason::Sent => {
                // Records written before versions were kept name only the
                // reference shown.
                let reference = s.reference.unwrap_or_default();
                Ended::Sent(SentVersion {
                    shown: s.receipt.unwrap_or_else(|| reference.clone()),
                    reference,
                    version: s.version.unwrap_or(1),
                    taken_at: s.taken_at.unwrap_or(0.0),
                })
            }
        }
    }
}

/// An ended record as read back.
#[derive(Debug, Clone, PartialEq)]
pub struct EndRecord {
    pub revision: u64,
    /// `Date.now()` of the clear or the confirmation.
    pub at: f64,
    pub ended: Ended,
}

/// What reading the stored records gave: the newer of the draft and the
/// ended record.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    /// Nothing stored.
    Empty,
    /// The last thing that happened was a clear or a confirmed send.
    Ended(EndRecord),
    Draft(LoadedDraft),
}

#[derive(Debug, Clone, PartialEq)]
pub struct LoadedDraft {
    pub revision: u64,
    pub saved_at: f64,
    /// Answers that fit the current cycle.
    pub answers: Answers,
    /// When each answer (or removal) was made.
    pub edited_at: EditTimes,
    /// Everything else, kept and offered back to the applicant.
    pub kept_aside: KeptAside,
    pub application: Option<Application>,
}

impl LoadedDraft {
    /// The answers with their times, as merges take them.
    pub fn stamped(&self) -> Stamped {
        Stamped {
            answers: self.answers.clone(),
            edited_at: self.edited_at.clone(),
        }
    }
}

/// Key of the saved record under which a draft that could not be read at all
/// is kept whole.
pub const UNREADABLE_KEY: &str = "unreadable draft";

/// The ended record as stored, if there is one that can be read.
pub fn read_ended(ended: Option<&str>) -> Option<EndRecord> {
    let record = DraftRecord::read(ended?)?;
    Some(EndRecord {
        revision: record.revision,
        at: record.saved_at,
        ended: Ended::from(record.ended?),
    })
}

/// Reads the stored records against the cycle: the draft, and the ended
/// record (cleared or sent) if one is newer. Never loses anything: answers
/// that don't fit move to `kept_aside`, and text that is not a draft record
/// at all is kept aside whole.
pub fn read_draft(cycle: &Cycle, draft: Option<&str>, ended: Option<&str>) -> Loaded {
    let ended = read_ended(ended);
    let Some(text) = draft else {
        return ended.map_or(Loaded::Empty, Loaded::Ended);
    };
    let record = match DraftRecord::read(text) {
        Some(r) => r,
        None => {
            let mut kept_aside = KeptAside::new();
            kept_aside.insert(UNREADABLE_KEY.into(), Json::String(text.to_string()));
            return Loaded::Draft(LoadedDraft {
                revision: ended.map_or(0, |e| e.revision),
                saved_at: 0.0,
                answers: Answers::new(),
                edited_at: EditTimes::default(),
                kept_aside,
                application: None,
            });
        }
    };
    if let Some(e) = record.ended {
        // An ended record stored under the draft's key (the first format).
        return Loaded::Ended(EndRecord {
            revision: record.revision,
            at: record.saved_at,
            ended: e.into(),
        });
    }
    if let Some(end) = ended.filter(|e| e.revision > record.revision) {
        return Loaded::Ended(end);
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
    // An answer set aside takes no time into the merges; removed answers keep
    // theirs.
    let mut edited_at = EditTimes::default();
    for (key, at) in record.edited_at.iter() {
        if !kept_aside.contains_key(key.as_str()) {
            edited_at.set(&key, at);
        }
    }
    Loaded::Draft(LoadedDraft {
        revision: record.revision,
        saved_at: record.saved_at,
        answers,
        edited_at,
        kept_aside,
        application: record.application,
    })
}

/// Stored answers read back against the cycle (a waiting version's answers);
/// those that no longer fit are left out.
pub fn answers_from_json(cycle: &Cycle, raw: &BTreeMap<String, Json>) -> Answers {
    let mut answers = Answers::new();
    for (key, value) in raw {
        if let Some((id, v)) = fitting_value(cycle, key, value) {
            answers.insert(id, v);
        }
    }
    answers
}

/// Answers as the records store them.
pub fn answers_to_json(answers: &Answers) -> BTreeMap<String, Json> {
    map_from(
        answers
            .iter()
            .map(|(k, v)| (k.to_string(), value_to_json(v))),
    )
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

/// The record a save writes (set `edited_at` on it for the answers' times).
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
        answers: answers_to_json(answers),
        edited_at: EditTimes::default(),
        kept_aside: kept_aside.clone(),
        application: application.cloned(),
        ended: None,
    }
}

/// The record written (under its own key) when a draft was cleared or sent:
/// no answers, no secret.
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

/// Answers with the time each was last set or removed: one tab's view, or a
/// stored record's.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stamped {
    pub answers: Answers,
    pub edited_at: EditTimes,
}

impl Stamped {
    /// Gives every answer this tab changed since `base` the time `at` (the
    /// applicant's latest edit); returns whether there was any.
    pub fn stamp_changes(&mut self, base: &Answers, at: f64) -> bool {
        let changes = changes_since(base, &self.answers);
        let changed = !changes.is_empty();
        for key in changes.into_keys() {
            self.edited_at.set(&key, at);
        }
        changed
    }

    /// Whether any answer was set or removed after `at`.
    pub fn edited_after(&self, at: f64) -> bool {
        self.edited_at.iter().any(|(_, t)| t > at)
    }

    /// Only the answers set or removed after `at`.
    pub fn newer_than(&self, at: f64) -> Stamped {
        let mut out = Stamped::default();
        for (key, t) in self.edited_at.iter() {
            if t > at {
                out.edited_at.set(&key, t);
                if let Some(v) = self.answers.get(&key) {
                    out.answers.insert(key, v.clone());
                }
            }
        }
        out
    }
}

/// Two views of the answers merged question by question: for each, the one
/// set or removed later wins (the stored one on a tie). The result does not
/// depend on the order the two come in (beyond ties), so tabs that hear each
/// other's writes late, or write the same revision at the same moment, end
/// up with the same answers, each keeping the other's edits.
pub fn merge_newest(stored: &Stamped, mine: &Stamped) -> Stamped {
    let mut merged = stored.clone();
    let mut take = |key: &FieldId| {
        let mine_at = mine.edited_at.at(key);
        let stored_at = stored.edited_at.at(key);
        if mine_at > stored_at {
            match mine.answers.get(key) {
                Some(v) => merged.answers.insert(key.clone(), v.clone()),
                None => merged.answers.remove(key),
            };
            merged.edited_at.set(key, mine_at);
        }
    };
    // Every key of `mine` once: its answers, then times of removed answers.
    mine.answers.keys().for_each(&mut take);
    mine.edited_at
        .iter()
        .map(|(k, _)| k)
        .filter(|k| !mine.answers.contains_key(k))
        .for_each(|k| take(&k));
    merged
}

/// Of two records of the application being sent, the one written last (a
/// confirmation after its send, a resend after a wait).
pub fn newer_application(
    stored: Option<&Application>,
    mine: Option<&Application>,
) -> Option<Application> {
    match (stored, mine) {
        (Some(s), Some(m)) if m.noted_at > s.noted_at => Some(m.clone()),
        (Some(s), _) => Some(s.clone()),
        (None, m) => m.cloned(),
    }
}

/// What of this tab's answers outlives an end it hears of late (another tab
/// cleared, or a version was confirmed, after this tab last looked):
/// - a clear keeps only answers edited after it;
/// - a confirmed version keeps this tab's answers when any was edited after
///   that version was sent, as the next version of the same application
///   (confirmed so far up to the version that was sent); otherwise nothing.
pub fn survives_end(
    end: &EndRecord,
    mine: &Stamped,
    application: Option<&Application>,
) -> (Stamped, Option<Application>) {
    match &end.ended {
        Ended::Cleared => (mine.newer_than(end.at), None),
        Ended::Sent(sent) if mine.edited_after(sent.taken_at) => {
            let application = application
                .filter(|a| a.reference == sent.reference)
                .map(|a| {
                    let mut a = a.clone();
                    if a.version < sent.version {
                        // This tab never saw the version that was sent: its
                        // answers are unknown here, so the next send is
                        // always a new version.
                        a.version = sent.version;
                        a.fingerprint = String::new();
                    }
                    a.stage = Stage::Confirmed;
                    a.waiting_answers.clear();
                    a
                });
            (mine.clone(), application)
        }
        Ended::Sent(_) => (Stamped::default(), None),
    }
}
