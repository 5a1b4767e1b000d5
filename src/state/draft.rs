//! Keeping the applicant's draft on the device, so a reload, a crash or a
//! closed tab loses nothing, and sharing it safely between tabs. The record
//! and the merge rules are pure (`form::draft`); this module moves records in
//! and out of localStorage and tells the page. Preview mode keeps no draft,
//! nor does a form whose embedding page switched drafts off.
//!
//! The rules (docs/drafts.md):
//! - a tab that changed nothing writes nothing;
//! - every answer carries the time it was last set or removed; whenever a
//!   tab saves or hears another tab's write, it merges the stored record
//!   with its own answers question by question (the later edit wins) and
//!   writes back only when the stored record lacks something of its own. So
//!   no order of writes, not even two tabs writing the same revision at the
//!   same moment, loses an edit;
//! - tabs hear of each other's writes (`storage` event) and show the merged
//!   answers at once;
//! - "Clear my answers" and a confirmed send write an ended record without
//!   answers (its own key) and remove the draft, so every open tab clears
//!   too and none brings the draft back; answers edited after a send began
//!   outlive it as the next version;
//! - storage is judged by reading and removing, never by a probe write: a
//!   full quota still restores, clears and ends drafts, and a failed save is
//!   said once.

use super::store::{
    DraftSync, FormState, Keeping, Mode, Receipt, SendState, SendStatus, TabNotice,
};
use crate::browser;
use crate::form::draft::{
    ended_record, merge_newest, newer_application, read_draft, read_ended, survives_end, EditTimes,
    EndRecord, Ended, KeptAside, Loaded, Stamped,
};
use crate::form::resume::Online;
use crate::form::version::Application;
use cycle::Answers;
use leptos::prelude::*;
use std::sync::atomic::Ordering;
use std::time::Duration;

const SAVE_DELAY_MS: f64 = 300.0;

/// Whether the embedding page lets the form keep a draft in its storage
/// (`data-drafts="off"` on the mount element says no).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftsOnDevice {
    Kept,
    Off,
}

/// Restores a saved draft (if any), saves changes (debounced), and follows
/// other tabs' changes.
pub fn keep_drafts(state: &FormState, on_device: DraftsOnDevice) {
    if state.mode == Mode::Preview {
        return;
    }
    if on_device == DraftsOnDevice::Off {
        state.keeping.set(Keeping::Off);
        return;
    }
    let Some(stored) = read_stored(state) else {
        state.keeping.set(Keeping::Unavailable);
        return;
    };
    // On a shared computer nothing stored is shown (it was left by someone
    // who did not say so) and nothing is written; the listeners below still
    // start, for when the applicant turns the choice off.
    let shared = state.resume.shared_computer.get_untracked();
    {
        let mut sync = state.sync();
        sync.base_revision = stored.last_end.as_ref().map_or(0, |e| e.revision);
        if let (Loaded::Draft(draft), false) = (stored.current, shared) {
            if !draft.answers.is_empty() {
                state.load_answers(&draft.answers);
                state.restored_at.set(Some(draft.saved_at));
            }
            state.kept_aside.set(draft.kept_aside);
            sync.base_revision = draft.revision;
            sync.base_answers = draft.answers;
            sync.edited_at = draft.edited_at;
            sync.application = draft.application;
        }
        mirror_status(state, sync.application.as_ref());
    }
    // Closing the tab or switching away saves what the debounce still holds.
    {
        let st = state.clone();
        browser::on_page_leave(move || flush_draft(&st));
    }
    {
        let st = state.clone();
        browser::on_storage_change(move |changed, _| {
            if changed == st.draft_key() || changed == st.ended_key() {
                sync_with_stored(&st);
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
                let quiet_for = browser::now_ms() - last_edit(&state);
                if quiet_for < SAVE_DELAY_MS {
                    arm_save(state.clone(), SAVE_DELAY_MS - quiet_for);
                } else {
                    clock.pending.store(false, Ordering::Relaxed);
                    save(&state);
                }
            }
        },
        delay,
    );
    if armed.is_err() {
        // No timer: save now rather than never.
        state.draft_clock.pending.store(false, Ordering::Relaxed);
        save(&state);
    }
}

/// `Date.now()` of the applicant's latest edit in this tab (now, if none was
/// noted: answers that changed without a keystroke were changed now).
fn last_edit(state: &FormState) -> f64 {
    let at = f64::from_bits(state.draft_clock.last_edit.load(Ordering::Relaxed));
    if at > 0.0 {
        at
    } else {
        browser::now_ms()
    }
}

/// Saves at once (Continue, leaving the page), so even the last keystrokes
/// before a crash or a closed tab are kept.
pub fn flush_draft(state: &FormState) {
    if state.keeps_drafts() {
        save(state);
    }
}

/// Saves when this tab changed something since it last synced (or holds
/// something a failed save left out).
fn save(state: &FormState) {
    let changed = {
        let sync = state.sync();
        sync.unsaved || state.answers() != sync.base_answers
    };
    if changed {
        sync_with_stored(state);
    }
}

/// Records the application version about to be sent (or waiting, or
/// confirmed) with the answers: a reload during the send then resends this
/// same version (same idempotency key) instead of starting a second
/// application, and other tabs learn of it.
pub fn note_application(state: &FormState, app: &Application) {
    let mut app = app.clone();
    // Later than any record of it another tab holds, so it is the one kept.
    app.noted_at = browser::now_ms().max(app.noted_at);
    {
        let mut sync = state.sync();
        sync.application = Some(app);
        sync.unsaved = true;
        mirror_status(state, sync.application.as_ref());
    }
    if state.keeps_drafts() {
        sync_with_stored(state);
    }
}

/// This tab's answers `now` with their edit times: each answer changed since
/// the last stamp gets the time `at` and makes the tab unsaved. `now` becomes
/// the base; the times are taken out of `sync` (the caller puts them back).
pub(super) fn stamp_mine(sync: &mut DraftSync, now: Answers, at: f64) -> Stamped {
    let mut mine = Stamped {
        answers: now,
        edited_at: std::mem::take(&mut sync.edited_at),
    };
    if mine.stamp_changes(&sync.base_answers, at) {
        sync.unsaved = true;
    }
    sync.base_answers = mine.answers.clone();
    mine
}

/// The records as stored now: the current truth (draft or end), and the last
/// end, which a tab that last looked before it must still apply.
struct Stored {
    current: Loaded,
    last_end: Option<EndRecord>,
}

/// None when storage cannot be read at all.
fn read_stored(state: &FormState) -> Option<Stored> {
    let draft = browser::storage_read(&state.draft_key()).ok()?;
    let ended = browser::storage_read(&state.ended_key()).ok()?;
    Some(Stored {
        current: read_draft(&state.cycle, draft.as_deref(), ended.as_deref()),
        last_end: read_ended(ended.as_deref()),
    })
}

/// The one path between this tab and the stored record, for a save, for
/// another tab's write, and before a confirmation is judged: stamps this
/// tab's new edits, applies an end it has not seen yet, merges with the
/// stored draft answer by answer, writes back only what the record lacks,
/// and shows the result.
pub fn sync_with_stored(state: &FormState) {
    if !state.keeps_drafts() {
        return;
    }
    let now = state.answers();
    let mut sync = state.sync();
    let mut mine = stamp_mine(&mut sync, now.clone(), last_edit(state));
    let Some(stored) = read_stored(state) else {
        // Storage went away under the page: what is on screen stays.
        sync.edited_at = mine.edited_at;
        drop(sync);
        if state.keeping.get_untracked() == Keeping::Kept {
            state.keeping.set(Keeping::SaveFailed);
        }
        return;
    };
    let mut application = sync.application.clone();
    let mut kept_aside = state.kept_aside.get_untracked();
    // Cleared or sent in another tab since this tab last looked: only what
    // outlives that stays (docs/drafts.md, rule 4).
    let heard_end = stored
        .last_end
        .filter(|end| end.revision > sync.base_revision);
    if let Some(end) = &heard_end {
        let (kept, kept_application) = survives_end(end, &mine, application.as_ref());
        sync.unsaved = !kept.edited_at.is_empty();
        mine = kept;
        application = kept_application;
        kept_aside = KeptAside::new();
        sync.base_revision = end.revision;
    }
    let (merged, stored_revision, lacks_mine) = match stored.current {
        Loaded::Draft(draft) => {
            let theirs = draft.stamped();
            let merged = merge_newest(&theirs, &mine);
            application = newer_application(draft.application.as_ref(), application.as_ref());
            let mut all_aside = draft.kept_aside.clone();
            all_aside.extend(kept_aside);
            kept_aside = all_aside;
            let lacks_mine = merged != theirs
                || application != draft.application
                || kept_aside != draft.kept_aside;
            (merged, draft.revision, lacks_mine)
        }
        // Answers kept aside in this tab (the painted page's, `state::painted`)
        // are a change to write like an edited answer.
        Loaded::Ended(end) => (mine, end.revision, sync.unsaved || !kept_aside.is_empty()),
        Loaded::Empty => (mine, 0, sync.unsaved || !kept_aside.is_empty()),
    };
    let mut write_failed = false;
    if lacks_mine {
        let revision = stored_revision.max(sync.base_revision) + 1;
        let mut record = crate::form::draft::draft_to_store(
            revision,
            browser::now_ms(),
            &merged.answers,
            &kept_aside,
            application.as_ref(),
        );
        record.edited_at = merged.edited_at.clone();
        let written = serde_json::to_string(&record)
            .map(|text| browser::storage_set(&state.draft_key(), &text))
            .unwrap_or(false);
        if written {
            sync.base_revision = revision;
            sync.unsaved = false;
        } else {
            sync.unsaved = true;
            write_failed = true;
        }
    } else {
        sync.base_revision = sync.base_revision.max(stored_revision);
        sync.unsaved = false;
    }
    sync.base_answers = merged.answers.clone();
    sync.edited_at = merged.edited_at;
    sync.application = application;
    mirror_status(state, sync.application.as_ref());
    drop(sync);

    if merged.answers != now {
        show_answers(state, &merged.answers);
        if heard_end.is_none() {
            state.tab_notice.set(Some(TabNotice::Updated));
        }
    }
    if state.kept_aside.with_untracked(|k| k != &kept_aside) {
        state.kept_aside.set(kept_aside);
    }
    if let Some(end) = heard_end {
        told_of_end(state, end, merged.answers.is_empty());
    }
    let keeping = state.keeping.get_untracked();
    if write_failed && keeping == Keeping::Kept {
        // Said once: later failed saves leave the notice as it is.
        state.keeping.set(Keeping::SaveFailed);
    } else if !write_failed && lacks_mine && keeping == Keeping::SaveFailed {
        state.keeping.set(Keeping::Kept);
    }
}

/// This tab heard that another tab cleared the draft or had a version
/// confirmed: it says so, and, when nothing of its own outlived that, shows
/// the confirmation too (holding nothing that could be sent again).
fn told_of_end(state: &FormState, end: EndRecord, nothing_kept: bool) {
    state.restored_at.set(None);
    match end.ended {
        Ended::Cleared => {
            if nothing_kept {
                state.clear_all();
            }
            state.send.set(SendState::Idle);
            state.tab_notice.set(Some(TabNotice::Cleared));
        }
        // Answers edited after the send stay, with the "received, changes not
        // sent" notice that the application's status brings.
        Ended::Sent(_) if !nothing_kept => {}
        Ended::Sent(sent) => {
            state.clear_all();
            state.send.set(SendState::Idle);
            state.tab_notice.set(None);
            state.receipt.set(Some(Receipt {
                reference: sent.shown,
                version: sent.version,
                answers: Answers::new(),
                sent_elsewhere: true,
                newer_edits: false,
                removed: true,
            }));
        }
    }
}

/// Takes in answers that came from a draft saved online (resuming with a
/// code, or newer answers found while saving again): shown at once, and kept
/// on the device like the applicant's own (merged with what other tabs
/// saved meanwhile).
pub fn take_in(
    state: &FormState,
    taken: Stamped,
    kept_aside: KeptAside,
    application: Option<Application>,
) {
    {
        let mut sync = state.sync();
        sync.base_answers = taken.answers.clone();
        sync.edited_at = taken.edited_at;
        sync.application = application;
        sync.unsaved = true;
        mirror_status(state, sync.application.as_ref());
    }
    state.kept_aside.set(kept_aside);
    state.restored_at.set(None);
    state.tab_notice.set(None);
    show_answers(state, &taken.answers);
    if state.keeps_drafts() {
        sync_with_stored(state);
    }
}

/// Puts answers that came from outside this page's controls (another tab,
/// an end) on screen.
fn show_answers(state: &FormState, answers: &Answers) {
    state.load_answers(answers);
    state.answers_epoch.update(|e| *e += 1);
}

/// The application's status as the page shows it.
fn mirror_status(state: &FormState, application: Option<&Application>) {
    let status = application.map(|a| SendStatus {
        stage: a.stage,
        version: a.version,
    });
    if state.send_status.get_untracked() != status {
        state.send_status.set(status);
    }
}

/// Ends the draft in every tab: "Clear my answers", or a confirmed send
/// whose answers nobody changed since. The record that replaces it holds no
/// answers. Returns whether the draft is gone from the device (read back):
/// the page says "removed" only then.
pub fn end_draft(state: &FormState, ended: Ended) -> bool {
    // A clear forgets the resume code here (the copy saved online stays, to
    // be continued elsewhere); after a send it is deleted (`state::resume`).
    if matches!(ended, Ended::Cleared) {
        state.resume.online.set(Online::Nothing);
    }
    let mut sync = state.sync();
    let mut removed = true;
    if state.keeps_drafts() {
        let stored_revision = match read_stored(state).map(|s| s.current) {
            Some(Loaded::Draft(d)) => d.revision,
            Some(Loaded::Ended(e)) => e.revision,
            Some(Loaded::Empty) | None => 0,
        };
        let revision = stored_revision.max(sync.base_revision) + 1;
        let text = serde_json::to_string(&ended_record(revision, browser::now_ms(), ended))
            .unwrap_or_default();
        // The end marker first, so no tab reads the draft as current in
        // between; with the quota full, removing the draft makes the room.
        let marked = browser::storage_set(&state.ended_key(), &text);
        removed = browser::storage_remove(&state.draft_key());
        // The resume code goes with the draft it opened.
        browser::storage_remove(&state.online_key());
        if !marked {
            browser::storage_set(&state.ended_key(), &text);
        }
        sync.base_revision = revision;
    }
    sync.base_answers = Answers::new();
    sync.edited_at = EditTimes::default();
    sync.application = None;
    sync.unsaved = false;
    mirror_status(state, None);
    drop(sync);
    state.kept_aside.set(KeptAside::new());
    state.restored_at.set(None);
    if state.keeping.get_untracked() == Keeping::SaveFailed {
        state.keeping.set(Keeping::Kept);
    }
    removed
}
