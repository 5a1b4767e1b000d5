//! Keeping the applicant's draft on the device, so a reload, a crash or a
//! closed tab loses nothing. Preview mode keeps no draft.

use super::state::{FormState, Mode};
use crate::browser;
use crate::form::value::Answers;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::time::Duration;

#[derive(Serialize, Deserialize)]
struct Draft {
    saved_at: f64,
    answers: Answers,
}

const SAVE_DELAY: Duration = Duration::from_millis(300);

/// Restores a saved draft (if any) and saves changes, debounced.
pub fn keep_drafts(state: &FormState) {
    if state.mode == Mode::Preview {
        return;
    }
    if browser::local_storage().is_none() {
        state.storage_ok.set(false);
        return;
    }
    let key = state.draft_key();
    if let Some(text) = browser::storage_get(&key) {
        // A draft from an older cycle shape keeps only the answers that still fit.
        if let Ok(draft) = serde_json::from_str::<Draft>(&text) {
            let known: Answers = draft
                .answers
                .into_iter()
                .filter(|(k, _)| state.cycle.field(k).is_some())
                .collect();
            if !known.is_empty() {
                state.load_answers(&known);
                state.restored_at.set(Some(draft.saved_at));
            }
        }
    }
    // Closing the tab or switching away saves what the debounce still holds.
    {
        use wasm_bindgen::{closure::Closure, JsCast};
        let st = state.clone();
        let on_hide = Closure::<dyn FnMut()>::new(move || flush_draft(&st));
        let _ = browser::window()
            .add_event_listener_with_callback("pagehide", on_hide.as_ref().unchecked_ref());
        on_hide.forget();
    }
    let pending: StoredValue<Option<TimeoutHandle>, LocalStorage> = StoredValue::new_local(None);
    let st = state.clone();
    // Per keystroke this only re-arms a timer; the answers are copied and
    // written once typing pauses.
    // The effect's previous value tells its first run (the restore) apart.
    Effect::new(move |previous: Option<()>| {
        st.track_all();
        if previous.is_none() {
            return;
        }
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let st = st.clone();
        let handle = set_timeout_with_handle(move || save_now(&st, &st.answers()), SAVE_DELAY).ok();
        pending.set_value(handle);
    });
}

/// Saves at once (Continue, leaving the page), so even the last keystrokes
/// before a crash or a closed tab are kept.
pub fn flush_draft(state: &FormState) {
    if state.mode == Mode::Live && state.storage_ok.get_untracked() {
        save_now(state, &state.answers());
    }
}

fn save_now(state: &FormState, answers: &Answers) {
    // Nothing entered (or everything cleared): keep no record on the device.
    if answers.is_empty() || state.receipt.get_untracked().is_some() {
        browser::storage_remove(&state.draft_key());
        return;
    }
    let draft = Draft {
        saved_at: browser::now_ms(),
        answers: answers.clone(),
    };
    let ok = serde_json::to_string(&draft)
        .map(|t| browser::storage_set(&state.draft_key(), &t))
        .unwrap_or(false);
    if state.storage_ok.get_untracked() != ok {
        state.storage_ok.set(ok);
    }
}

pub fn discard_draft(state: &FormState) {
    browser::storage_remove(&state.draft_key());
    state.restored_at.set(None);
}
