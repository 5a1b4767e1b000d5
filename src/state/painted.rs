//! What was typed in the page painted before the app started
//! (docs/prerender.md), handed to the state: the one place the page scripts'
//! record reaches the answers.
//!
//! `scripts/early-paint.js` keeps what is typed in the painted page under
//! `page_contract::TYPED_EARLY_KEY_PREFIX` + cycle id, as a record with an
//! `answers` object (the draft's shape): while the wasm downloads (so a tab
//! closed or a start that failed loses nothing), and at the take-over for
//! every answer that found no control of the same id on the app's page (the
//! cycle changed since the page was painted). Taking it lays those answers
//! over the current ones, keeps aside whatever no longer fits the cycle, as
//! a draft that no longer fits is (never dropped), and removes the record.

use super::store::{FormState, Keeping, Mode};
use crate::browser;
use crate::form::draft::{read_draft, Loaded};
use crate::page_contract::TYPED_EARLY_KEY_PREFIX;
use leptos::prelude::*;

/// Takes the painted page's record, if any, into the state and the draft.
pub fn take_typed_early(state: &FormState) {
    if state.mode == Mode::Preview {
        return;
    }
    let key = format!("{TYPED_EARLY_KEY_PREFIX}{}", state.cycle.id);
    let Some(text) = browser::storage_get(&key) else {
        return;
    };
    // The same reading as a saved draft: answers that fit, the rest aside
    // (an unreadable record is kept aside whole).
    let typed = match read_draft(&state.cycle, Some(&text), None) {
        Loaded::Draft(typed) => typed,
        Loaded::Empty | Loaded::Ended { .. } => {
            browser::storage_remove(&key);
            return;
        }
    };
    if !typed.answers.is_empty() {
        // Each answer read_draft kept fits a question of this cycle, so the
        // store has a place for it.
        for (id, value) in typed.answers {
            if state.cycle.field(&id).is_some() {
                state.value(&id).set(Some(value));
            }
        }
        state.answers_epoch.update(|e| *e += 1);
    }
    if !typed.kept_aside.is_empty() {
        state.kept_aside.update(|kept| {
            for (mut name, value) in typed.kept_aside {
                // Never over another answer kept aside under the same name: a
                // mark (not a word: keys are shown as they are) tells them apart.
                while kept.get(&name).is_some_and(|v| v != &value) {
                    name.push('+');
                }
                kept.insert(name, value);
            }
        });
    }
    // Saved into the draft at once, so the record can go.
    super::draft::flush_draft(state);
    // Without room in storage the record stays for the next visit.
    if state.keeping.get_untracked() == Keeping::Kept {
        browser::storage_remove(&key);
    }
}
