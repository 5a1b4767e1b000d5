//! The answers store shared by every route: one signal per field, so typing in
//! a field re-renders only that field, and a few page-level signals.

use crate::browser;
use crate::config::model::{Cycle, Field};
use crate::form::rules::{self, Problem, ProblemKind};
use crate::form::value::{Answers, Value};
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

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
    Sending { attempt: u32 },
    Failed { message: String },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Receipt {
    pub reference: String,
    /// Answers as they were sent, for the printable copy.
    pub answers: Answers,
}

/// Everything one form instance needs. Cheap to clone (an `Arc`).
#[derive(Clone)]
pub struct FormState(Arc<Inner>);

pub struct Inner {
    pub cycle: Arc<Cycle>,
    pub mode: Mode,
    /// Endpoint after any override by the embedding page.
    pub endpoint: String,
    values: HashMap<String, RwSignal<Option<Value>>>,
    shown: HashMap<String, RwSignal<Option<String>>>,
    /// Field ids listed by the error summary, in order (empty = no summary).
    pub summary: RwSignal<Vec<String>>,
    /// Messages for the summary that belong to no field (server replies).
    pub general_errors: RwSignal<Vec<String>>,
    /// Set when a Change link on the review page was followed.
    pub returning_to_review: RwSignal<bool>,
    pub send: RwSignal<SendState>,
    /// Reference of the application being sent; kept across "Try again" so
    /// every attempt carries the same Idempotency-Key.
    pub pending_reference: RwSignal<Option<String>>,
    pub receipt: RwSignal<Option<Receipt>>,
    /// False when the device will not keep a draft.
    pub storage_ok: RwSignal<bool>,
    /// When the restored draft was saved, if one was restored.
    pub restored_at: RwSignal<Option<f64>>,
    /// Preview: the request that would have been sent.
    pub preview_request: RwSignal<Option<crate::submit::encode::PreparedRequest>>,
    /// Honeypot: real people never see or fill it.
    pub honeypot: RwSignal<String>,
    /// When the draft was last edited and whether a save is pending.
    pub draft_clock: super::draft::DraftClock,
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
            pending_reference: RwSignal::new(None),
            receipt: RwSignal::new(None),
            storage_ok: RwSignal::new(true),
            restored_at: RwSignal::new(None),
            preview_request: RwSignal::new(None),
            honeypot: RwSignal::new(String::new()),
            draft_clock: Default::default(),
        }))
    }

    pub fn value(&self, id: &str) -> RwSignal<Option<Value>> {
        self.values[id]
    }

    pub fn shown_error(&self, id: &str) -> RwSignal<Option<String>> {
        self.shown[id]
    }

    /// All answers, read without tracking (for checks, drafts and payloads).
    pub fn answers(&self) -> Answers {
        self.values
            .iter()
            .filter_map(|(k, s)| s.get_untracked().map(|v| (k.clone(), v)))
            .collect()
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
        self.pending_reference.set(None);
    }

    fn set_shown(&self, id: &str, msg: Option<String>) {
        let sig = self.shown[id];
        if sig.with_untracked(|cur| cur != &msg) {
            sig.set(msg);
        }
    }

    /// Called by every control after it stores the applicant's edit (a
    /// restore or a clear is not an edit).
    pub fn edited(&self) {
        super::draft::note_edit(self);
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
            if self.shown[&field.id].with_untracked(Option::is_some) {
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

    pub fn draft_key(&self) -> String {
        format!("mentor-form:draft:{}", self.cycle.id)
    }
}

/// Focus the element after the DOM has caught up with the signals.
pub fn focus_soon(id: &'static str) {
    request_animation_frame(move || {
        browser::focus_and_reveal(id);
    });
}
