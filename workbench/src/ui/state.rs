//! The page's state: one copyable handle of signals, given to every view as
//! context. Views read it and change it only through what is here, so the
//! kept session and the suggestion's staleness follow every change.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use leptos::prelude::*;

use crate::matching::{Settings, Suggestion};
use crate::sheet::Sheet;
use crate::table::SortBy;
use crate::workspace::{Opened, Pairing, Workspace};

/// Which part of the page is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    Files,
    Applications,
    /// One applicant's page.
    Applicant {
        cycle_id: String,
        reference: String,
    },
    Summary,
    Matches,
}

/// The parts the navigation names (an applicant's page is part of
/// Applications).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Files,
    Applications,
    Summary,
    Matches,
}

impl View {
    pub fn part(&self) -> Part {
        match self {
            View::Files => Part::Files,
            View::Applications | View::Applicant { .. } => Part::Applications,
            View::Summary => Part::Summary,
            View::Matches => Part::Matches,
        }
    }
}

/// The table's filters, order and page, kept while staff look at one
/// applicant and come back.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TableUi {
    pub text: String,
    /// Column → the chosen answer.
    pub choices: BTreeMap<usize, String>,
    pub sort: Option<SortBy>,
    /// 0-based.
    pub page: usize,
    pub page_size: usize,
}

impl TableUi {
    pub const PAGE_SIZES: [usize; 4] = [25, 50, 100, 250];

    pub fn new() -> Self {
        TableUi {
            page_size: 50,
            ..TableUi::default()
        }
    }
}

/// The matching worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkerState {
    Starting,
    Ready,
    /// Matching then runs on the page itself, after showing it is busy.
    Unavailable(String),
}

/// A suggestion and what it was made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchResult {
    /// The request's number (tests wait for a new one).
    pub id: u32,
    pub pairing: Pairing,
    pub suggestion: Suggestion,
    /// The settings it was made with (the current ones may have changed).
    pub settings: Settings,
    /// Milliseconds from "Suggest matches" to the result.
    pub millis: u64,
    /// Worked out in the worker (or on the page).
    pub in_worker: bool,
}

/// Whether the session is kept on this computer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Keep {
    Off,
    On,
    /// The browser refused; the message says why.
    Failed(String),
}

/// What is printed instead of the page, while the browser prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrintJob {
    /// "Print all": these applications, one per page.
    Applicants {
        cycle_id: String,
        /// Positions in the cycle's sheet.
        rows: Vec<usize>,
    },
    /// "Print the matches": every pair and unmatched applicant of the
    /// suggestion shown, not only the page of cards on screen.
    Matches,
}

/// The sheet of the cycle the table shows, compared by identity (a new
/// sheet is built only when the files change).
#[derive(Debug, Clone)]
pub struct SheetRef {
    pub cycle_id: String,
    pub sheet: Arc<Sheet>,
}

impl PartialEq for SheetRef {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.sheet, &other.sheet)
    }
}

#[derive(Clone, Copy)]
pub struct Wb {
    pub ws: RwSignal<Workspace>,
    /// What opening each file said, oldest first.
    pub opened: RwSignal<Vec<Opened>>,
    pub startup_problems: RwSignal<Vec<String>>,
    pub settings: RwSignal<Settings>,
    /// Column ids staff hid, by cycle id.
    pub hidden_columns: RwSignal<BTreeMap<String, BTreeSet<String>>>,
    pub show_confidential: RwSignal<bool>,
    pub view: RwSignal<View>,
    /// Move the focus to the new view's heading (after staff navigated).
    pub focus_heading: RwSignal<bool>,
    /// Back from an applicant: the focus returns to their row's "View".
    pub return_to_row: RwSignal<Option<String>>,
    /// The cycle whose applications the table shows.
    pub table_cycle: RwSignal<Option<String>>,
    pub table_ui: RwSignal<TableUi>,
    pub sheet: Memo<Option<SheetRef>>,
    /// The rows the table shows, in order (positions in the sheet).
    pub table_rows: Memo<Arc<Vec<usize>>>,
    pub keep: RwSignal<Keep>,
    pub worker: RwSignal<WorkerState>,
    pub result: RwSignal<Option<Arc<MatchResult>>>,
    /// The id of the suggestion being worked out, if any.
    pub busy: RwSignal<Option<u32>>,
    pub match_error: RwSignal<Option<String>>,
    pub print_job: RwSignal<Option<PrintJob>>,
    /// A polite announcement for screen readers.
    pub announcement: RwSignal<String>,
}

impl Wb {
    pub fn new(shipped: &[(&str, &str)]) -> Wb {
        let (ws, problems) = Workspace::new(shipped);
        let ws = RwSignal::new(ws);
        let table_cycle: RwSignal<Option<String>> = RwSignal::new(None);
        let sheet = Memo::new(move |_| {
            let id = table_cycle.get()?;
            ws.with(|w| {
                let known = w.cycle(&id)?;
                let rows: Vec<_> = w.applications().of_cycle(&id).map(|r| &r.row).collect();
                Some(SheetRef {
                    cycle_id: id.clone(),
                    sheet: Arc::new(Sheet::new(&known.cycle, rows.iter().copied())),
                })
            })
        });
        let hidden_columns: RwSignal<BTreeMap<String, BTreeSet<String>>> =
            RwSignal::new(BTreeMap::new());
        let show_confidential = RwSignal::new(false);
        let table_ui = RwSignal::new(TableUi::new());
        let table_rows = Memo::new(move |_| {
            let Some(s) = sheet.get() else {
                return Arc::new(Vec::new());
            };
            let visible = visible_columns(&s, hidden_columns, show_confidential.get());
            let query = table_ui.with(|ui| query_of(ui, &s.sheet, &visible));
            Arc::new(s.sheet.table.view(&query))
        });
        Wb {
            ws,
            opened: RwSignal::new(Vec::new()),
            startup_problems: RwSignal::new(problems),
            settings: RwSignal::new(Settings::default()),
            hidden_columns,
            show_confidential,
            view: RwSignal::new(View::Files),
            focus_heading: RwSignal::new(false),
            return_to_row: RwSignal::new(None),
            table_cycle,
            table_ui,
            sheet,
            table_rows,
            keep: RwSignal::new(Keep::Off),
            worker: RwSignal::new(WorkerState::Starting),
            result: RwSignal::new(None),
            busy: RwSignal::new(None),
            match_error: RwSignal::new(None),
            print_job: RwSignal::new(None),
            announcement: RwSignal::new(String::new()),
        }
    }

    /// Shows another part, moving the focus to its heading.
    pub fn go(&self, view: View) {
        self.focus_heading.set(true);
        self.view.set(view);
    }

    pub fn announce(&self, text: impl Into<String>) {
        self.announcement.set(text.into());
    }

    /// Opens files (name, bytes) in order, then keeps the session if asked.
    pub fn open_files(&self, files: Vec<(String, Vec<u8>)>) {
        let mut outcomes = Vec::new();
        self.ws.update(|w| {
            for (name, bytes) in &files {
                outcomes.push(w.open(name, bytes));
            }
        });
        let added: usize = outcomes.iter().filter(|o| o.added_something()).count();
        let problems: usize = outcomes
            .iter()
            .map(|o| {
                o.messages_en()
                    .iter()
                    .filter(|(t, _)| *t == crate::workspace::Tone::Problem)
                    .count()
            })
            .sum();
        self.opened.update(|o| o.extend(outcomes));
        self.after_files_changed();
        self.announce(format!(
            "{} file{} opened, {added} with something added; {problems} problem{} listed.",
            files.len(),
            if files.len() == 1 { "" } else { "s" },
            if problems == 1 { "" } else { "s" },
        ));
    }

    /// After the files changed: the table shows a cycle that has
    /// applications, and an older suggestion is marked as such.
    pub fn after_files_changed(&self) {
        let first = self.ws.with(|w| {
            w.groups()
                .iter()
                .find(|g| g.cycle.is_some())
                .map(|g| g.cycle_id.to_string())
        });
        let keep_current = self.table_cycle.with_untracked(|c| {
            c.as_ref().is_some_and(|id| {
                self.ws
                    .with_untracked(|w| w.applications().of_cycle(id).next().is_some())
            })
        });
        if !keep_current {
            self.table_cycle.set(first);
            self.table_ui.set(TableUi::new());
        }
    }

    /// Changes the matching settings.
    pub fn change_settings(&self, f: impl FnOnce(&mut Settings)) {
        self.settings.update(f);
    }

    /// Forgets everything opened on this page (not the kept copy: see `keep`).
    pub fn clear(&self, shipped: &[(&str, &str)]) {
        let (ws, _) = Workspace::new(shipped);
        self.ws.set(ws);
        self.opened.set(Vec::new());
        self.settings.set(Settings::default());
        self.hidden_columns.set(BTreeMap::new());
        self.table_cycle.set(None);
        self.table_ui.set(TableUi::new());
        self.result.set(None);
        self.match_error.set(None);
        self.print_job.set(None);
        self.show_confidential.set(false);
    }
}

/// The columns staff see: not hidden by them, and confidential ones only
/// while shown.
pub fn visible_columns(
    s: &SheetRef,
    hidden: RwSignal<BTreeMap<String, BTreeSet<String>>>,
    show_confidential: bool,
) -> Vec<usize> {
    hidden.with(|h| {
        let hidden = h.get(&s.cycle_id);
        s.sheet
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| show_confidential || !c.confidential)
            .filter(|(_, c)| !hidden.is_some_and(|h| h.contains(&c.id)))
            .map(|(i, _)| i)
            .collect()
    })
}

/// The table query: the text searches the visible columns only (a hidden
/// answer never makes a row match), and a filter on a hidden column is
/// set aside while it is hidden.
pub fn query_of(ui: &TableUi, sheet: &Sheet, visible: &[usize]) -> crate::table::Query {
    crate::table::Query {
        text: ui.text.clone(),
        search_columns: visible.to_vec(),
        column_text: Vec::new(),
        choices: ui
            .choices
            .iter()
            .filter(|(c, v)| visible.contains(c) && !v.is_empty() && **c < sheet.columns.len())
            .map(|(c, v)| crate::table::ChoiceFilter {
                column: *c,
                accepted: std::iter::once(v.clone()).collect(),
            })
            .collect(),
        sort: ui.sort.filter(|s| visible.contains(&s.column)),
    }
}

/// The page's polite live region.
#[component]
pub fn Announcer() -> impl IntoView {
    let wb = expect_context::<Wb>();
    view! {
        <p class="mf-visually-hidden" role="status" aria-live="polite">
            {move || wb.announcement.get()}
        </p>
    }
}

/// Moves the focus to `heading` when it is mounted after staff navigated.
pub fn focus_on_mount(heading: NodeRef<leptos::html::H1>) {
    let wb = expect_context::<Wb>();
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            if wb.focus_heading.get_untracked() {
                wb.focus_heading.set(false);
                let _ = h.focus();
            }
        }
    });
}
