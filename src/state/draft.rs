//! Keeping the applicant's draft on the device, so a reload, a crash or a
//! closed tab loses nothing, and sharing it safely between tabs. The record
//! and the merge rules are pure (`form::draft`); this module moves records in
//! and out of localStorage and tells the page. Preview mode keeps no draft.
//!
//! The rules (docs/drafts.md):
//! - a tab that changed nothing writes nothing;
//! - every write carries the next revision; a tab whose record is older than
//!   the stored one never overwrites it: it lays its own changes over the
//!   stored answers (each tab's typing survives);
//! - tabs hear of each other's writes (`storage` event) and show the newer
//!   answers at once;
//! - "Clear my answers" and a confirmed send remove the draft and write an
//!   ended record without answers (its own key), so every open tab clears too
//!   and none brings the draft back.

use super::store::{FormState, Mode, TabNotice};
use crate::browser;
use crate::form::draft::{
    changes_since, draft_to_store, ended_record, merge, read_draft, Ended, KeptAside, Loaded,
};
use crate::form::value::Answers;
use crate::form::version::Application;
use leptos::prelude::*;
use std::sync::atomic::Ordering;
use std::time::Duration;

const SAVE_DELAY_MS: f64 = 300.0;

/// Restores a saved draft (if any), saves changes (debounced), and follows
/// other tabs' changes.
pub fn keep_drafts(state: &FormState) {
    if state.mode == Mode::Preview {
        return;
    }
    if browser::local_storage().is_none() {
        state.storage_ok.set(false);
        return;
    }
    match stored(state) {
        Loaded::Empty => {}
        Loaded::Ended { revision, .. } => state.sync().base_revision = revision,
        Loaded::Draft(draft) => {
            if !draft.answers.is_empty() {
                state.load_answers(&draft.answers);
                state.restored_at.set(Some(draft.saved_at));
            }
            state.kept_aside.set(draft.kept_aside);
            let mut sync = state.sync();
            sync.base_revision = draft.revision;
            sync.base_answers = draft.answers;
            sync.application = draft.application;
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
    {
        let st = state.clone();
        browser::on_storage_change(move |changed, _| {
            if changed == st.draft_key() || changed == st.ended_key() {
                follow_other_tab(&st);
            }
        });
    }
    let _ = state.edit_hook.set(note_edit);
}

/// An edit only notes its time; at most one timer is armed, and when it fires
/// before typing has paused for `SAVE_DELAY` it waits out the rest. Re-arming
/// a timer (or re-running an effect) on every keystroke was most of a
/// keystroke's own work.
pub fn note_edit(state: &FormState) {
    let clock = &state.draft_clock;
    if !state.keeps_drafts() {
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
                    save(&state, None);
                }
            }
        },
        delay,
    );
    if armed.is_err() {
        // No timer: save now rather than never.
        state.draft_clock.pending.store(false, Ordering::Relaxed);
        save(&state, None);
    }
}

/// Saves at once (Continue, leaving the page), so even the last keystrokes
/// before a crash or a closed tab are kept.
pub fn flush_draft(state: &FormState) {
    if state.keeps_drafts() {
        save(state, None);
    }
}

/// Records the application version about to be sent, with the answers,
/// before the first attempt: a reload during the send then resends this same
/// version (same idempotency key) instead of starting a second application.
pub fn note_application(state: &FormState, app: &Application) {
    if state.keeps_drafts() {
        save(state, Some(app));
    } else {
        state.sync().application = Some(app.clone());
    }
}

/// The one write path. Writes only when this tab changed something (or has
/// a new application version to record); never over a newer record without
/// merging into it.
fn save(state: &FormState, new_application: Option<&Application>) {
    let key = state.draft_key();
    let now = state.answers();
    let mut sync = state.sync();
    let mine = changes_since(&sync.base_answers, &now);
    let application_changed =
        new_application.is_some_and(|app| sync.application.as_ref() != Some(app));
    if mine.is_empty() && !application_changed && !kept_aside_unsaved(state) {
        return;
    }
    let mut kept_aside = state.kept_aside.get_untracked();
    let mut application = new_application.cloned().or(sync.application.clone());
    let (stored_revision, answers) = match stored(state) {
        // Gone (storage cleared) or our own last write: ours is the whole truth.
        Loaded::Empty => (sync.base_revision, now.clone()),
        Loaded::Draft(d) if d.revision == sync.base_revision => (d.revision, now.clone()),
        Loaded::Draft(d) => {
            // Another tab wrote since: keep its answers and lay ours over them.
            kept_aside.extend(d.kept_aside);
            if application.is_none() {
                application = d.application;
            }
            (d.revision, merge(&d.answers, &mine))
        }
        // Cleared or sent elsewhere since this tab last looked: what is
        // typed here now is a new draft; the old application is over.
        Loaded::Ended { revision, .. } => {
            if new_application.is_none() {
                application = None;
            }
            (revision, merge(&Answers::new(), &mine))
        }
    };
    let revision = stored_revision.max(sync.base_revision) + 1;
    let record = draft_to_store(
        revision,
        browser::now_ms(),
        &answers,
        &kept_aside,
        application.as_ref(),
    );
    let ok = serde_json::to_string(&record)
        .map(|t| browser::storage_set(&key, &t))
        .unwrap_or(false);
    if ok {
        sync.base_revision = revision;
        sync.base_answers = answers.clone();
        // The draft is newer than any clear or send now.
        browser::storage_remove(&state.ended_key());
    }
    sync.application = application;
    drop(sync);
    if answers != now {
        show_other_tabs_answers(state, &answers);
    }
    if state.kept_aside.with_untracked(|k| k != &kept_aside) {
        state.kept_aside.set(kept_aside);
    }
    if state.storage_ok.get_untracked() != ok {
        state.storage_ok.set(ok);
    }
}

/// Another tab wrote the record: show its answers (with this tab's unsaved
/// changes laid over them), or clear this tab when the draft was cleared or
/// sent there.
fn follow_other_tab(state: &FormState) {
    match stored(state) {
        // Removed outright (site data cleared): nothing to follow; this tab's
        // answers are written again on its next change.
        Loaded::Empty => {}
        Loaded::Ended { revision, ended } => {
            {
                let mut sync = state.sync();
                sync.base_revision = revision;
                sync.base_answers = Answers::new();
                sync.application = None;
            }
            state.clear_all();
            state.kept_aside.set(KeptAside::new());
            state.restored_at.set(None);
            state.send.set(super::store::SendState::Idle);
            state.answers_epoch.update(|e| *e += 1);
            match ended {
                Ended::Cleared => state.tab_notice.set(Some(TabNotice::Cleared)),
                Ended::Sent { reference } => {
                    state.tab_notice.set(None);
                    state.receipt.set(Some(super::store::Receipt {
                        reference,
                        answers: Answers::new(),
                        sent_elsewhere: true,
                    }));
                }
            }
        }
        Loaded::Draft(draft) => {
            let now = state.answers();
            let merged;
            let unsaved_here;
            {
                let mut sync = state.sync();
                if draft.revision <= sync.base_revision {
                    return;
                }
                let mine = changes_since(&sync.base_answers, &now);
                unsaved_here = !mine.is_empty();
                merged = merge(&draft.answers, &mine);
                sync.base_revision = draft.revision;
                sync.base_answers = draft.answers;
                if draft.application.is_some() {
                    sync.application = draft.application;
                }
            }
            let mut kept_aside = state.kept_aside.get_untracked();
            kept_aside.extend(draft.kept_aside);
            state.kept_aside.set(kept_aside);
            if merged != now {
                show_other_tabs_answers(state, &merged);
            }
            // This tab's own changes are not in the stored record yet.
            if unsaved_here {
                note_edit(state);
            }
        }
    }
}

/// Puts answers that another tab gave (merged with this tab's) on screen,
/// and says so.
fn show_other_tabs_answers(state: &FormState, answers: &Answers) {
    state.load_answers(answers);
    state.answers_epoch.update(|e| *e += 1);
    state.tab_notice.set(Some(TabNotice::Updated));
}

/// Ends the draft in every tab: "Clear my answers", or a confirmed send. The
/// record that replaces it holds no answers.
pub fn end_draft(state: &FormState, ended: Ended) {
    let mut sync = state.sync();
    if state.keeps_drafts() {
        let stored_revision = match stored(state) {
            Loaded::Empty => 0,
            Loaded::Ended { revision, .. } => revision,
            Loaded::Draft(d) => d.revision,
        };
        let revision = stored_revision.max(sync.base_revision) + 1;
        let record = ended_record(revision, browser::now_ms(), ended);
        // Without room for the marker, removing the draft still keeps the
        // promise; tabs then learn of it on their next save.
        if let Ok(text) = serde_json::to_string(&record) {
            browser::storage_set(&state.ended_key(), &text);
        }
        browser::storage_remove(&state.draft_key());
        sync.base_revision = revision;
    }
    sync.base_answers = Answers::new();
    sync.application = None;
    drop(sync);
    state.kept_aside.set(KeptAside::new());
    state.restored_at.set(None);
}

/// Answers kept aside in this tab that the stored draft lacks (the painted
/// page's, `state::painted`): a change to write like an edited answer.
fn kept_aside_unsaved(state: &FormState) -> bool {
    let stored_keys = match stored(state) {
        Loaded::Draft(d) => d.kept_aside,
        Loaded::Empty | Loaded::Ended { .. } => KeptAside::new(),
    };
    state
        .kept_aside
        .with_untracked(|kept| kept.keys().any(|k| !stored_keys.contains_key(k)))
}

/// The draft and ended records as stored now.
fn stored(state: &FormState) -> Loaded {
    read_draft(
        &state.cycle,
        browser::storage_get(&state.draft_key()).as_deref(),
        browser::storage_get(&state.ended_key()).as_deref(),
    )
}
