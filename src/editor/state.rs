//! The editor's state: the cycle being edited (the typed `cycle::Cycle`),
//! the file it was opened from, the history for Undo and Redo, the problems
//! the cycle check finds, where staff are, and the session kept on the
//! device (restored after a reload, shared safely between tabs:
//! docs/editor.md).
//!
//! Every change goes through [`Editor::edit`] with a typed `cycle::edit::Edit`:
//! it is applied to the cycle, recorded for Undo, announced, and stored.

use super::place::{anchor, control_id, question_of, section_of, Panel};
use crate::browser;
use cycle::edit::{apply, Edit};
use cycle::history::History;
use cycle::write::to_canonical_json;
use cycle::{Cycle, FieldId, Place, Problem, SectionId};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Arc;

/// Where the session is kept on the device.
pub const SESSION_KEY: &str = "mentor-form:editor-session";
const SESSION_FORMAT: u32 = 1;

/// What Undo gives back: the cycle and the file it is compared with (opening
/// another file is undoable too).
#[derive(Debug, Clone)]
pub struct Snap {
    pub cycle: Arc<Cycle>,
    pub opened: Arc<Cycle>,
}

/// A message at the top of the editor (a file that could not be opened, a
/// change another tab made, storage that keeps nothing).
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub text: String,
    /// A problem (shown as an error) or information.
    pub is_error: bool,
}

/// The session as it is stored: the opened file and the current cycle as
/// canonical JSON, a revision and the tab that wrote it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Stored {
    pub format: u32,
    pub rev: u64,
    pub tab: String,
    pub saved_at: f64,
    pub opened_name: String,
    pub opened: String,
    pub current: String,
    /// The cycle as last downloaded (its ids are kept from then on).
    #[serde(default)]
    pub downloaded: Option<String>,
    pub panel: String,
    pub section: usize,
    pub question: Option<(usize, usize)>,
}

/// The editor, shared by every panel through the context. Copy: signals only.
#[derive(Clone, Copy)]
pub struct Editor {
    pub cycle: RwSignal<Arc<Cycle>>,
    pub opened: RwSignal<Arc<Cycle>>,
    /// The name of the opened file ("fall-2020-mentor.json").
    pub opened_name: RwSignal<String>,
    /// The cycle as last downloaded, if it was.
    pub downloaded: RwSignal<Option<Arc<Cycle>>>,
    pub problems: Memo<Vec<Problem>>,
    /// The problems' messages by the id of the control that shows them.
    pub problems_at: Memo<HashMap<String, Vec<String>>>,
    /// The newest cycle without problems: what the preview shows.
    pub good: RwSignal<Option<Arc<Cycle>>>,
    history: StoredValue<History<Snap>>,
    /// What Undo and Redo would do, in words.
    pub undo_what: RwSignal<Option<String>>,
    pub redo_what: RwSignal<Option<String>>,
    pub panel: RwSignal<Panel>,
    /// The section staff are working in (the preview shows its page).
    pub section: RwSignal<usize>,
    /// The question open for editing.
    pub question: RwSignal<Option<(usize, usize)>>,
    /// The polite live region's text.
    pub live: RwSignal<String>,
    pub notice: RwSignal<Option<Notice>>,
    /// False when the device keeps nothing (private mode, storage full).
    pub storage_ok: RwSignal<bool>,
    /// Ready once a cycle is loaded (restored or fetched).
    pub ready: RwSignal<bool>,
    /// Bumped by "Show the request": the preview shows the request it would send.
    pub show_request: RwSignal<u32>,
    rev: StoredValue<u64>,
    tab: StoredValue<String>,
    /// The stored text of the opened file and of the last download, kept
    /// with the cycle it was written from: the session is stored on every
    /// edit, and these two change only on open, download or another tab's
    /// session.
    opened_text: StoredValue<Option<(Arc<Cycle>, String)>>,
    downloaded_text: StoredValue<Option<(Arc<Cycle>, String)>>,
}

impl Editor {
    /// `None` only if the built-in placeholder cycle does not read (the
    /// native tests make sure it does).
    pub fn new() -> Option<Editor> {
        let placeholder = Arc::new(placeholder_cycle()?);
        let cycle = RwSignal::new(placeholder.clone());
        let problems = Memo::new(move |_| cycle.with(|c| cycle::check(c)));
        let problems_at = Memo::new(move |_| {
            let mut at: HashMap<String, Vec<String>> = HashMap::new();
            problems.with(|ps| {
                for p in ps {
                    at.entry(control_id(&anchor(&p.place)))
                        .or_default()
                        .push(p.message.clone());
                }
            });
            at
        });
        let editor = Editor {
            cycle,
            opened: RwSignal::new(placeholder),
            opened_name: RwSignal::new(String::new()),
            downloaded: RwSignal::new(None),
            problems,
            problems_at,
            good: RwSignal::new(None),
            history: StoredValue::new(History::new(500)),
            undo_what: RwSignal::new(None),
            redo_what: RwSignal::new(None),
            panel: RwSignal::new(Panel::Start),
            section: RwSignal::new(0),
            question: RwSignal::new(None),
            live: RwSignal::new(String::new()),
            notice: RwSignal::new(None),
            storage_ok: RwSignal::new(true),
            ready: RwSignal::new(false),
            show_request: RwSignal::new(0),
            rev: StoredValue::new(0),
            tab: StoredValue::new(browser::uuid_v4()),
            opened_text: StoredValue::new(None),
            downloaded_text: StoredValue::new(None),
        };
        // The preview keeps the last cycle without problems.
        Effect::new(move |_| {
            let ready = editor.ready.get();
            let clean = problems.with(Vec::is_empty);
            if ready && clean {
                editor.good.set(Some(editor.cycle.get()));
            }
        });
        Some(editor)
    }

    pub fn snap(self) -> Snap {
        Snap {
            cycle: self.cycle.get_untracked(),
            opened: self.opened.get_untracked(),
        }
    }

    /// Makes an edit: applied, recorded for Undo (joined with the open step
    /// when `coalesce` names the same control), announced unless it is
    /// typing, and stored. A cycle another tab changed meanwhile is taken
    /// first, so the edit lands on top of it.
    pub fn edit(self, edit: Edit, coalesce: Option<String>) {
        let seen = self.take_other_tab();
        let before = self.snap();
        match apply(&before.cycle, &edit) {
            Ok(next) => {
                let what = edit.describe(&before.cycle);
                self.history
                    .update_value(|h| h.record(&before, what.clone(), coalesce.as_deref()));
                self.cycle.set(Arc::new(next));
                if coalesce.is_none() {
                    self.announce(format!("{what}."));
                }
            }
            Err(err) => {
                self.notice.set(Some(Notice {
                    text: format!(
                        "That change could not be made: {err} (it was changed in another tab)."
                    ),
                    is_error: true,
                }));
            }
        }
        self.show_history();
        self.persist_over(seen);
    }

    /// Opens a cycle as a new file to compare with (an undoable step).
    pub fn open(self, cycle: Cycle, name: String, what: String) {
        let seen = self.take_other_tab();
        // The first cycle of a session is where history starts, not a step
        // (and not news to announce).
        let first = !self.ready.get_untracked();
        if !first {
            let before = self.snap();
            self.history.update_value(|h| {
                h.seal();
                h.record(&before, what.clone(), None);
                h.seal();
            });
        }
        let cycle = Arc::new(cycle);
        self.opened.set(cycle.clone());
        self.opened_name.set(name);
        self.downloaded.set(None);
        self.cycle.set(cycle);
        self.question.set(None);
        self.section.set(0);
        self.ready.set(true);
        if !first {
            self.announce(format!("{what}."));
        }
        self.show_history();
        self.persist_over(seen);
    }

    /// Back to the opened file, forgetting the history ("Discard my changes").
    pub fn discard(self) {
        let opened = self.opened.get_untracked();
        self.history.update_value(History::clear);
        self.cycle.set(opened);
        self.question.set(None);
        self.announce("Your changes were discarded: this is the file as it was opened.".into());
        self.after_change();
    }

    /// Ends the step typing opened (the control lost focus).
    pub fn seal(self) {
        self.history.update_value(History::seal);
    }

    pub fn undo(self) {
        let now = self.snap();
        let Some((back, what)) = self.history.try_update_value(|h| h.undo(&now)).flatten() else {
            self.announce("Nothing to undo.".into());
            return;
        };
        self.restore(back);
        self.announce(format!("Undone: {what}."));
        self.after_change();
    }

    pub fn redo(self) {
        let now = self.snap();
        let Some((next, what)) = self.history.try_update_value(|h| h.redo(&now)).flatten() else {
            self.announce("Nothing to redo.".into());
            return;
        };
        self.restore(next);
        self.announce(format!("Redone: {what}."));
        self.after_change();
    }

    fn restore(self, snap: Snap) {
        if !Arc::ptr_eq(&snap.opened, &self.opened.get_untracked()) {
            self.opened.set(snap.opened);
        }
        self.cycle.set(snap.cycle);
        // A question that no longer exists is not open.
        let open = self.question.get_untracked();
        if let Some((s, f)) = open {
            let there = self
                .cycle
                .with_untracked(|c| c.sections.get(s).is_some_and(|sec| f < sec.fields.len()));
            if !there {
                self.question.set(None);
            }
        }
    }

    fn after_change(self) {
        self.show_history();
        self.persist();
    }

    /// Sets what Undo and Redo would do from the history.
    fn show_history(self) {
        self.history.with_value(|h| {
            self.undo_what.set(h.undo_what().map(str::to_string));
            self.redo_what.set(h.redo_what().map(str::to_string));
        });
    }

    /// Says `text` through the one polite live region (the same text twice
    /// in a row is still read: the region is emptied first).
    pub fn announce(self, text: String) {
        self.live.set(String::new());
        request_animation_frame(move || self.live.set(text));
    }

    /// Moves focus to the element with `id` once it is on the page (after
    /// the edit's re-render), trying for a few frames.
    pub fn focus(self, id: String) {
        focus_when_there(id, 10);
    }

    /// Whether a question's id is kept: it was in the opened file or in the
    /// cycle as last downloaded. A question not yet saved takes its id from
    /// its label as staff type it.
    pub fn field_id_is_kept(self, id: &FieldId) -> bool {
        self.kept(|c| c.field(id).is_some())
    }

    /// As [`Editor::field_id_is_kept`], for a choice of a question.
    pub fn choice_is_kept(self, field: &FieldId, value: &str) -> bool {
        self.kept(|c| {
            c.field(field)
                .is_some_and(|f| f.options().iter().any(|o| o.value.as_str() == value))
        })
    }

    /// As [`Editor::field_id_is_kept`], for a section (its id is its address).
    pub fn section_id_is_kept(self, id: &SectionId) -> bool {
        self.kept(|c| c.sections.iter().any(|s| &s.id == id))
    }

    /// Whether the opened file or the cycle as last downloaded `has` something.
    fn kept(self, has: impl Fn(&Cycle) -> bool) -> bool {
        self.opened.with_untracked(|c| has(c))
            || self
                .downloaded
                .with_untracked(|d| d.as_ref().is_some_and(|c| has(c)))
    }

    /// "Download cycle file": the canonical JSON; from now on the ids in it are kept.
    pub fn download(self) {
        let c = self.cycle.get_untracked();
        browser::download(
            &format!("{}.json", c.id),
            "application/json",
            &to_canonical_json(&c),
        );
        self.downloaded.set(Some(c));
        self.announce("The cycle file was downloaded.".into());
        self.persist();
    }

    /// Shows the control a problem is at: its panel, its section and
    /// question opened, focus on it.
    pub fn go_to(self, place: &Place) {
        let at = anchor(place);
        self.panel.set(Panel::of(&at));
        if let Some(s) = section_of(&at) {
            self.section.set(s);
        }
        if let Some(q) = question_of(&at) {
            self.question.set(Some(q));
        }
        self.focus(control_id(&at));
    }

    // ---- The session on the device -------------------------------------

    /// Restores the stored session; false when there is none to restore.
    pub fn restore_session(self) -> bool {
        let Some(stored) = read_stored() else {
            return false;
        };
        if self.adopt(&stored, false) {
            self.panel
                .set(Panel::from_key(&stored.panel).unwrap_or(Panel::Questions));
            self.section.set(stored.section);
            self.question.set(stored.question);
            self.notice.set(Some(Notice {
                text: format!(
                    "Your editing session was restored (last change {}).",
                    browser::local_time(stored.saved_at)
                ),
                is_error: false,
            }));
            true
        } else {
            false
        }
    }

    /// Takes a stored session's cycles; false when they do not read.
    fn adopt(self, stored: &Stored, as_step: bool) -> bool {
        let (Some(opened), Some(current)) = (typed(&stored.opened), typed(&stored.current)) else {
            return false;
        };
        if as_step
            && self.cycle.with_untracked(|c| **c == current)
            && self.opened.with_untracked(|c| **c == opened)
        {
            // Only where the other tab's staff member is changed.
            self.rev.set_value(stored.rev);
            return true;
        }
        if as_step {
            let before = self.snap();
            self.history.update_value(|h| {
                h.seal();
                h.record(&before, "Changes made in another tab".to_string(), None);
                h.seal();
            });
        }
        self.opened.set(Arc::new(opened));
        self.opened_name.set(stored.opened_name.clone());
        self.downloaded
            .set(stored.downloaded.as_deref().and_then(typed).map(Arc::new));
        self.cycle.set(Arc::new(current));
        self.rev.set_value(stored.rev);
        self.ready.set(true);
        true
    }

    /// Another tab stored a newer session: show it here.
    pub fn on_stored_elsewhere(self, value: Option<String>) {
        let Some(stored) = value.as_deref().and_then(parse_stored) else {
            return;
        };
        if stored.rev <= self.rev.get_value() || stored.tab == self.tab.get_value() {
            return;
        }
        if self.adopt(&stored, true) {
            self.show_history();
            self.announce("Updated with changes made in another tab.".into());
        }
    }

    /// Before an edit: a newer session stored by another tab is taken first,
    /// so the edit is applied on top of it instead of overwriting it. Gives
    /// the stored revision, so the edit's store need not read it again.
    fn take_other_tab(self) -> Option<u64> {
        let stored = read_stored()?;
        if stored.rev > self.rev.get_value() && stored.tab != self.tab.get_value() {
            self.adopt(&stored, true);
        }
        Some(stored.rev)
    }

    fn persist(self) {
        self.persist_over(read_stored().map(|s| s.rev));
    }

    /// Stores the session as the revision after `stored_rev` (the one in
    /// storage now) and this tab's own.
    fn persist_over(self, stored_rev: Option<u64>) {
        let rev = stored_rev.unwrap_or(0).max(self.rev.get_value()) + 1;
        let stored = Stored {
            format: SESSION_FORMAT,
            rev,
            tab: self.tab.get_value(),
            saved_at: browser::now_ms(),
            opened_name: self.opened_name.get_untracked(),
            opened: canonical_kept(self.opened_text, &self.opened.get_untracked()),
            current: to_canonical_json(&self.cycle.get_untracked()),
            downloaded: self
                .downloaded
                .get_untracked()
                .map(|c| canonical_kept(self.downloaded_text, &c)),
            panel: self.panel.get_untracked().key().to_string(),
            section: self.section.get_untracked(),
            question: self.question.get_untracked(),
        };
        let ok = serde_json::to_string(&stored)
            .map(|text| browser::storage_set(SESSION_KEY, &text))
            .unwrap_or(false);
        self.rev.set_value(rev);
        if ok != self.storage_ok.get_untracked() {
            self.storage_ok.set(ok);
        }
    }

    /// Stores where staff are (panel, section, question) without an edit.
    pub fn remember_place(self) {
        if self.ready.get_untracked() {
            self.persist();
        }
    }

    /// Forgets the stored session ("Discard my changes" keeps the file).
    pub fn forget_session() {
        browser::storage_remove(SESSION_KEY);
    }
}

/// `cycle`'s canonical JSON, written again only when `cycle` is not the one
/// the kept text was written from.
fn canonical_kept(kept: StoredValue<Option<(Arc<Cycle>, String)>>, cycle: &Arc<Cycle>) -> String {
    if let Some(text) = kept.with_value(|k| {
        k.as_ref()
            .filter(|(from, _)| Arc::ptr_eq(from, cycle))
            .map(|(_, text)| text.clone())
    }) {
        return text;
    }
    let text = to_canonical_json(cycle);
    kept.set_value(Some((cycle.clone(), text.clone())));
    text
}

fn read_stored() -> Option<Stored> {
    parse_stored(&browser::storage_get(SESSION_KEY)?)
}

fn parse_stored(text: &str) -> Option<Stored> {
    serde_json::from_str::<Stored>(text)
        .ok()
        .filter(|s| s.format == SESSION_FORMAT)
}

/// A stored cycle (canonical JSON the editor wrote), typed again; a cycle
/// with problems is kept (the editor shows them).
fn typed(text: &str) -> Option<Cycle> {
    cycle::check::parse_typed(text).ok().map(|(c, _)| c)
}

fn focus_when_there(id: String, tries: u32) {
    request_animation_frame(move || match browser::element_by_id(&id) {
        Some(el) => {
            // A control inside a closed disclosure (Advanced, Messages) is
            // on the page but hidden: open every disclosure around it first.
            let mut at: Option<web_sys::Element> = Some(el.clone().into());
            while let Some(node) = at {
                if node.tag_name().eq_ignore_ascii_case("details") {
                    let _ = node.set_attribute("open", "");
                }
                at = node.parent_element();
            }
            let _ = el.focus();
            el.scroll_into_view_with_bool(false);
        }
        None if tries > 0 => focus_when_there(id, tries - 1),
        None => {}
    });
}

/// A cycle to hold before one is loaded (never shown: the editor waits for
/// `ready`): the shipped default, which the native tests read.
fn placeholder_cycle() -> Option<Cycle> {
    typed(include_str!("../../public/cycles/fall-2020-mentor.json"))
}
