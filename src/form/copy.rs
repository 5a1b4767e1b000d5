//! The applicant's own copy of their answers (download on a failed send, on
//! the closed page and on the confirmation): question → answer as the review
//! page shows it, the typed answers, and anything kept aside from an older
//! draft, so nothing is lost if it has to be emailed.

use super::draft::KeptAside;
use super::rules::display_answer;
use cycle::{Answers, Cycle};
use serde_json::{json, Map, Value as Json};

/// Pretty JSON; `saved_at` is the ISO time of the copy.
pub fn answers_copy(
    cycle: &Cycle,
    answers: &Answers,
    kept_aside: &KeptAside,
    saved_at: &str,
) -> String {
    // Extended rather than collected: see `form::value::map_from`.
    let mut readable = Map::new();
    readable.extend(cycle.fields().map(|f| {
        (
            f.label.clone(),
            Json::String(display_answer(cycle, f, answers)),
        )
    }));
    let mut doc = json!({
        "cycle": cycle.title,
        "cycle_id": cycle.id.as_str(),
        "saved_at": saved_at,
        "answers": answers,
        "readable": readable,
    });
    if !kept_aside.is_empty() {
        doc["no_longer_asked"] = json!(kept_aside);
    }
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

/// The copy's file name: `<cycle id>-answers.json`.
pub fn copy_file_name(cycle: &Cycle) -> String {
    format!("{}-answers.json", cycle.id)
}
