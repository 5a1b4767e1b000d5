//! The applicant's own copy of their answers (download on a failed send, on
//! the closed page and on the confirmation): question → answer as the review
//! page shows it, the typed answers, and anything kept aside from an older
//! draft, so nothing is lost if it has to be emailed.

use super::draft::KeptAside;
use super::rules::display_answer;
use cycle::{Answers, Cycle};
use serde::Serialize;
use serde_json::{Map, Value as Json};

/// The copy's document. Written straight from this struct rather than built
/// with `json!` (which serialises every member into a `Value` first: a
/// second serializer in the wasm); its members are in the order `json!`'s
/// sorted map wrote them, so the file is the same.
#[derive(Serialize)]
struct CopyFile<'a> {
    answers: &'a Answers,
    cycle: &'a str,
    cycle_id: &'a str,
    #[serde(skip_serializing_if = "nothing_kept")]
    no_longer_asked: &'a KeptAside,
    readable: Map<String, Json>,
    saved_at: &'a str,
}

fn nothing_kept(kept_aside: &&KeptAside) -> bool {
    kept_aside.is_empty()
}

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
    let doc = CopyFile {
        answers,
        cycle: &cycle.title,
        cycle_id: cycle.id.as_str(),
        no_longer_asked: kept_aside,
        readable,
        saved_at,
    };
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

/// The copy's file name: `<cycle id>-answers.json`.
pub fn copy_file_name(cycle: &Cycle) -> String {
    format!("{}-answers.json", cycle.id)
}
