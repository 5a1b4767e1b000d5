//! Keeping the applicant's draft on the device, so a reload, a crash or a
//! closed tab loses nothing. Preview mode keeps no draft.

use super::state::{FormState, Mode};
use crate::browser;
use crate::form::value::Answers;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

#[derive(Serialize, Deserialize)]
struct Draft {
    saved_at: f64,
    answers: Answers,
}

const SAVE_DELAY_MS: f64 = 300.0;

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
    state.draft_clock.enabled.store(true, Ordering::Relaxed);
}

/// Debounce state for saving the draft. Shared through `FormState`, which
/// is `Send + Sync`, hence atomics.
#[derive(Default)]
pub struct DraftClock {
    /// Set by `keep_drafts` when this form keeps a draft at all (live mode,
    /// storage reachable): the one gate for every save.
    enabled: AtomicBool,
    /// `Date.now()` of the latest edit, as f64 bits.
    last_edit: AtomicU64,
    /// A save timer is armed.
    pending: AtomicBool,
}

/// An edit only notes its time; at most one timer is armed, and when it fires
/// before typing has paused for `SAVE_DELAY` it waits out the rest. Re-arming
/// a timer (or re-running an effect) on every keystroke was most of a
/// keystroke's own work.
pub fn note_edit(state: &FormState) {
    let clock = &state.draft_clock;
    if !clock.enabled.load(Ordering::Relaxed) {
        return;
    }
    clock
        .last_edit
        .store(browser::now_ms().to_bits(), Ordering::Relaxed);
    if !clock.pending.swap(true, Ordering::Relaxed) {
        arm_save(state.clone(), SAVE_DELAY_MS);
    }
}

fn arm_save(state: FormState, delay_ms: f64) {
    let delay = Duration::from_millis(delay_ms.clamp(1.0, SAVE_DELAY_MS) as u64);
    let armed = set_timeout_with_handle(
        {
            let state = state.clone();
            move || {
                let clock = &state.draft_clock;
                let quiet_for =
                    browser::now_ms() - f64::from_bits(clock.last_edit.load(Ordering::Relaxed));
                if quiet_for < SAVE_DELAY_MS {
                    arm_save(state.clone(), SAVE_DELAY_MS - quiet_for);
                } else {
                    clock.pending.store(false, Ordering::Relaxed);
                    save_now(&state, &state.answers());
                }
            }
        },
        delay,
    );
    if armed.is_err() {
        // No timer: save now rather than never.
        state.draft_clock.pending.store(false, Ordering::Relaxed);
        save_now(&state, &state.answers());
    }
}

/// Saves at once (Continue, leaving the page), so even the last keystrokes
/// before a crash or a closed tab are kept.
pub fn flush_draft(state: &FormState) {
    if state.draft_clock.enabled.load(Ordering::Relaxed) {
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
