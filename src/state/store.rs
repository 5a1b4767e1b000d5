//! The answers store shared by every route: one signal per field, so typing in
//! a field re-renders only that field, and a few page-level signals.

use crate::browser;
use crate::form::draft::{EditTimes, KeptAside};
use crate::form::resume::Online;
use crate::form::rules::{self, Problem, ProblemKind};
use crate::form::version::{Application, Stage};
use cycle::answers::map_from;
use cycle::{Answers, Cycle, Field, FieldId, Value};
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64};
use std::sync::{Arc, Mutex, OnceLock};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Applicants: drafts kept, submissions sent.
    Live,
    /// Staff preview: nothing kept, nothing sent.
    Preview,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SendState {
    Idle,
    Sending {
        attempt: u32,
    },
    Failed {
        message: String,
        /// The request may have been stored all the same (timeout, dropped
        /// connection, redirect): say "may not have arrived", not "not sent".
        uncertain: bool,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Receipt {
    /// The reference shown: the endpoint's receipt, or the application's own.
    pub reference: String,
    /// Which version of the application the endpoint confirmed.
    pub version: u32,
    /// Answers as they were sent, for the printable copy (empty when the
    /// application was sent from another tab).
    pub answers: Answers,
    /// Sent from another tab or window of this browser, not this one.
    pub sent_elsewhere: bool,
    /// Answers changed after this version was sent (here or in another
    /// tab): they are kept as a draft for the next version.
    pub newer_edits: bool,
    /// The draft is gone from the device (checked by reading it back), so
    /// the page may say so. False while newer edits keep a draft.
    pub removed: bool,
}

/// Whether this form keeps the applicant's draft on the device, and whether
/// the last save worked: what the notice at the top of every page says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keeping {
    /// Saved as the applicant types.
    Kept,
    /// The browser gives no storage (private window, locked-down PC).
    Unavailable,
    /// The embedding page asked for no draft in its storage
    /// (`data-drafts="off"` on the mount element).
    Off,
    /// Storage can be read but the last save failed (quota full): said once,
    /// until a save works again.
    SaveFailed,
}

/// Where the application being sent stands, for the notices every page
/// shows (waiting for a connection; received, with changes not sent yet).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SendStatus {
    pub stage: Stage,
    pub version: u32,
}

/// Debounce state for saving the draft. Shared through `FormState`, which
/// is `Send + Sync`, hence atomics.
#[derive(Default)]
pub struct DraftClock {
    /// `Date.now()` of the latest edit, as f64 bits.
    pub(crate) last_edit: AtomicU64,
    /// A save timer is armed.
    pub(crate) pending: AtomicBool,
}

/// What another tab of the form did to this tab's answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TabNotice {
    /// Newer answers from another tab are shown now (merged with this tab's).
    Updated,
    /// "Clear my answers" in another tab.
    Cleared,
}

/// What "Save and continue later" last did to the answers on this page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResumeNotice {
    /// Answers saved with a resume code were brought back.
    Restored,
    /// … and combined with answers already on this device.
    Combined,
    /// Saving online found newer answers saved from another device, and
    /// added them to this page.
    AddedFromOnline,
}

/// Whether "Save and continue later" is offered on this page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Offer {
    /// The cycle names no drafts endpoint (or this is the staff preview).
    NotConfigured,
    /// The cycle names one, but the page is not in a secure context, where
    /// alone browsers give Web Crypto: the page says why.
    NotSecure,
    /// Offered, saving to this endpoint (resolved).
    Offered { drafts_url: String },
}

impl ResumeState {
    pub fn offer(&self) -> &Offer {
        self.offer.get().unwrap_or(&Offer::NotConfigured)
    }
}

/// "Save and continue later" and the shared-computer choice
/// (`state::resume`).
pub struct ResumeState {
    /// The applicant said this is a shared or public computer: nothing is
    /// kept in this browser's storage, and the page is cleared on leaving.
    pub shared_computer: RwSignal<bool>,
    /// The copy saved online for this application, as this page knows it.
    pub online: RwSignal<Online>,
    /// A code that arrived in the address (`#resume=…`), for the start page
    /// to open.
    pub from_link: RwSignal<Option<String>>,
    pub notice: RwSignal<Option<ResumeNotice>>,
    /// The page shows the resume code just saved in place of its form
    /// ("Return to your application", or going to another page, ends it).
    pub saved_view: RwSignal<bool>,
    /// Whether "Save and continue later" is offered here (set once, when
    /// the form starts).
    pub offer: OnceLock<Offer>,
    /// The page's address that a resume link opens (the start page).
    pub start_url: OnceLock<String>,
}

/// Where this tab stands with the shared draft record (see `form::draft`).
#[derive(Debug, Default)]
pub struct DraftSync {
    /// Revision of the record this tab last read or wrote.
    pub base_revision: u64,
    /// The answers as this tab last stamped them: what the applicant changed
    /// since is the difference from these.
    pub base_answers: Answers,
    /// When each of this tab's answers was set or removed (by the applicant
    /// here, or in the record it came from).
    pub edited_at: EditTimes,
    /// The application being sent (reference, version, secret), kept with
    /// the draft so a reload during a send resends the same version.
    pub application: Option<Application>,
    /// This tab holds something the stored record lacks (a save failed, or
    /// answers outlived another tab's clear or send): the next sync writes.
    pub unsaved: bool,
}

/// Everything one form instance needs. Cheap to clone (an `Arc`).
#[derive(Clone)]
pub struct FormState(Arc<Inner>);

pub struct Inner {
    pub cycle: Arc<Cycle>,
    pub mode: Mode,
    /// Endpoint after any override by the embedding page.
    pub endpoint: String,
    values: HashMap<FieldId, RwSignal<Option<Value>>>,
    shown: HashMap<FieldId, RwSignal<Option<String>>>,
    /// Questions listed by the error summary, in order (empty = no summary).
    pub summary: RwSignal<Vec<FieldId>>,
    /// Messages for the summary that belong to no field (server replies).
    pub general_errors: RwSignal<Vec<String>>,
    /// Set when a Change link on the review page was followed.
    pub returning_to_review: RwSignal<bool>,
    pub send: RwSignal<SendState>,
    pub receipt: RwSignal<Option<Receipt>>,
    /// Whether the draft is kept on the device, and whether saving works.
    pub keeping: RwSignal<Keeping>,
    /// The application being sent, when it waits for a connection or has
    /// newer answers than its confirmed version (mirrors `DraftSync`).
    pub send_status: RwSignal<Option<SendStatus>>,
    /// When the restored draft was saved, if one was restored.
    pub restored_at: RwSignal<Option<f64>>,
    /// Preview: the request that would have been sent.
    pub preview_request: RwSignal<Option<cycle::payload::PreparedRequest>>,
    /// Honeypot: real people never see or fill it.
    pub honeypot: RwSignal<String>,
    /// When the draft was last edited and whether a save is pending.
    pub draft_clock: DraftClock,
    /// Told of every edit by the applicant; set by the draft keeper (a plain
    /// function, so the store needs nothing from the modules above it)
    /// exactly when this form keeps a draft (live mode, storage reachable).
    pub edit_hook: OnceLock<fn(&FormState)>,
    /// This tab's place in the draft record shared by every tab.
    pub draft_sync: Mutex<DraftSync>,
    /// Grows when the answers were replaced from outside the page's own
    /// controls (another tab); the pages that show answers render anew.
    pub answers_epoch: RwSignal<u64>,
    pub tab_notice: RwSignal<Option<TabNotice>>,
    /// Saved answers that no longer fit the cycle, kept and offered back.
    pub kept_aside: RwSignal<KeptAside>,
    pub resume: ResumeState,
}

impl std::ops::Deref for FormState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl FormState {
    pub fn new(cycle: Arc<Cycle>, mode: Mode, endpoint: String) -> Self {
        let values = cycle
            .fields()
            .map(|f| (f.id.clone(), RwSignal::new(None)))
            .collect();
        let shown = cycle
            .fields()
            .map(|f| (f.id.clone(), RwSignal::new(None)))
            .collect();
        FormState(Arc::new(Inner {
            cycle,
            mode,
            endpoint,
            values,
            shown,
            summary: RwSignal::new(Vec::new()),
            general_errors: RwSignal::new(Vec::new()),
            returning_to_review: RwSignal::new(false),
            send: RwSignal::new(SendState::Idle),
            receipt: RwSignal::new(None),
            keeping: RwSignal::new(Keeping::Kept),
            send_status: RwSignal::new(None),
            restored_at: RwSignal::new(None),
            preview_request: RwSignal::new(None),
            honeypot: RwSignal::new(String::new()),
            draft_clock: Default::default(),
            edit_hook: OnceLock::new(),
            draft_sync: Mutex::new(DraftSync::default()),
            answers_epoch: RwSignal::new(0),
            tab_notice: RwSignal::new(None),
            kept_aside: RwSignal::new(KeptAside::new()),
            resume: ResumeState {
                shared_computer: RwSignal::new(false),
                online: RwSignal::new(Online::Nothing),
                from_link: RwSignal::new(None),
                notice: RwSignal::new(None),
                saved_view: RwSignal::new(false),
                offer: OnceLock::new(),
                start_url: OnceLock::new(),
            },
        }))
    }

    /// The answer to a question of this cycle. Every question of the cycle
    /// has its signal from the start; an id from elsewhere (never the case
    /// for the cycle's own fields) gets a detached one instead of a panic,
    /// so it is neither kept nor sent.
    pub fn value(&self, id: &FieldId) -> RwSignal<Option<Value>> {
        self.values
            .get(id)
            .copied()
            .unwrap_or_else(|| RwSignal::new(None))
    }

    /// The message shown for a question, as [`FormState::value`].
    pub fn shown_error(&self, id: &FieldId) -> RwSignal<Option<String>> {
        self.shown
            .get(id)
            .copied()
            .unwrap_or_else(|| RwSignal::new(None))
    }

    /// All answers, read without tracking (for checks, drafts and payloads).
    pub fn answers(&self) -> Answers {
        map_from(
            self.values
                .iter()
                .filter_map(|(k, s)| s.get_untracked().map(|v| (k.clone(), v))),
        )
    }

    /// True when any question has an answer (tracked).
    pub fn has_answers(&self) -> bool {
        self.values.values().any(|s| s.with(Option::is_some))
    }

    pub fn load_answers(&self, answers: &Answers) {
        for (k, s) in &self.values {
            s.set(answers.get(k).cloned());
        }
    }

    pub fn clear_all(&self) {
        for s in self.values.values() {
            s.set(None);
        }
        for s in self.shown.values() {
            s.set(None);
        }
        self.summary.set(Vec::new());
        self.general_errors.set(Vec::new());
        self.honeypot.set(String::new());
    }

    /// The draft sync record, also after a panic elsewhere poisoned the lock.
    pub fn sync(&self) -> std::sync::MutexGuard<'_, DraftSync> {
        self.draft_sync.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn set_shown(&self, id: &FieldId, msg: Option<String>) {
        let sig = self.shown_error(id);
        if sig.with_untracked(|cur| cur != &msg) {
            sig.set(msg);
        }
    }

    /// Called by every control after it stores the applicant's edit (a
    /// restore or a clear is not an edit).
    pub fn edited(&self) {
        if let Some(hook) = self.edit_hook.get() {
            hook(self);
        }
        self.recheck_shown();
    }

    /// After an edit: re-check every field that currently shows an error, so
    /// an error clears the moment it is fixed (and a requirement that another
    /// answer switched off disappears with it).
    fn recheck_shown(&self) {
        // The usual keystroke has no error on screen: copy nothing then.
        if !self
            .shown
            .values()
            .any(|s| s.with_untracked(Option::is_some))
        {
            return;
        }
        let answers = self.answers();
        for field in self.cycle.fields() {
            if self.shown_error(&field.id).with_untracked(Option::is_some) {
                let p = rules::check_field(&self.cycle, field, &answers);
                self.set_shown(&field.id, p.map(|p| p.message));
            }
        }
    }

    /// Leaving a field: show a *format* problem in a field that has content;
    /// never a missing answer (that waits for Continue).
    pub fn check_on_leave(&self, field: &Field) {
        let answers = self.answers();
        match rules::check_field(&self.cycle, field, &answers) {
            Some(Problem {
                kind: ProblemKind::Format,
                message,
                ..
            }) => self.set_shown(&field.id, Some(message)),
            Some(_) => {}
            None => self.set_shown(&field.id, None),
        }
    }

    /// Shows these problems inline and in the summary. Returns true if any.
    pub fn show_problems(&self, problems: &[Problem]) -> bool {
        for p in problems {
            self.set_shown(&p.field, Some(p.message.clone()));
        }
        self.summary
            .set(problems.iter().map(|p| p.field.clone()).collect());
        !problems.is_empty()
    }

    pub fn clear_summary(&self) {
        self.summary.set(Vec::new());
        self.general_errors.set(Vec::new());
    }

    /// Whether this form keeps a draft on the device: the one gate for every
    /// save. Never on a shared computer (the applicant's choice).
    pub fn keeps_drafts(&self) -> bool {
        self.edit_hook.get().is_some() && !self.resume.shared_computer.get_untracked()
    }

    /// Offers the applicant a copy of their answers (and anything kept aside
    /// from an older draft) as a file.
    pub fn download_copy(&self) {
        let answers = match self.receipt.get_untracked() {
            Some(r) if !r.sent_elsewhere && self.answers().is_empty() => r.answers,
            _ => self.answers(),
        };
        let text = crate::form::copy::answers_copy(
            &self.cycle,
            &answers,
            &self.kept_aside.get_untracked(),
            &browser::now_iso(),
        );
        browser::download(
            &crate::form::copy::copy_file_name(&self.cycle),
            "application/json",
            &text,
        );
    }

    pub fn draft_key(&self) -> String {
        format!(
            "{}{}",
            crate::page_contract::DRAFT_KEY_PREFIX,
            self.cycle.id
        )
    }

    /// Where a cleared or sent draft leaves its marker (no answers).
    pub fn ended_key(&self) -> String {
        format!("mentor-form:ended:{}", self.cycle.id)
    }

    /// Where the device remembers the resume code of its online copy.
    pub fn online_key(&self) -> String {
        format!("mentor-form:online:{}", self.cycle.id)
    }

    /// Where this tab remembers the shared-computer choice (`sessionStorage`:
    /// this tab only, gone when it closes; no answers).
    pub fn shared_key(&self) -> String {
        format!("mentor-form:shared-computer:{}", self.cycle.id)
    }
}
