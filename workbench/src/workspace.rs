//! Everything staff opened in one session: the cycles (shipped with the
//! page, or opened from files), the applications of every export, the side
//! (mentor or mentee) of each cycle, and what reading each file said.
//!
//! Opening a file decides what it is from its content: a cycle file (one
//! JSON object with `sections`, or a `.json` file that is not JSON Lines) or
//! a `receiver export --format jsonl` file. Either way the outcome names the
//! file and, for each problem, the line and the problem; good rows load.

use std::collections::BTreeMap;
use std::fmt;

use cycle::Cycle;
use serde_json::Value;

use crate::exports::{looks_like_cycle_file, shorten, Applications, FileReport};
use crate::from_cycle::{competency_labels, field_map, CycleMapError};
use crate::people::{people_from_rows, FieldMap, PairingError, Person, PersonProblem, Role};

/// Where a cycle came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CycleOrigin {
    /// Shipped with the page (the cycles in `public/cycles/`).
    Shipped,
    /// Opened by staff from this file.
    Opened { file: String },
}

/// A cycle the page knows, with its field map for matching.
#[derive(Debug, Clone)]
pub struct KnownCycle {
    pub cycle: Cycle,
    pub origin: CycleOrigin,
    pub map: Result<FieldMap, CycleMapError>,
}

impl KnownCycle {
    fn new(cycle: Cycle, origin: CycleOrigin) -> Self {
        let map = field_map(&cycle);
        KnownCycle { cycle, origin, map }
    }
}

/// A file that added something, kept as text so a kept session can open it
/// again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenedFile {
    pub name: String,
    pub text: String,
}

/// What opening one file did.
#[derive(Debug, Clone, PartialEq)]
pub enum Opened {
    /// An export: its report, and the cycles of its rows that the page does
    /// not know yet (their applications wait for their cycle file).
    Export {
        report: FileReport,
        unknown_cycles: Vec<String>,
    },
    /// A cycle file, now known; `replaced` says what it took the place of.
    Cycle {
        file: String,
        cycle_id: String,
        replaced: Option<CycleOrigin>,
        map_problem: Option<CycleMapError>,
    },
    /// A cycle file with problems (each with its place); nothing changed.
    BadCycle { file: String, problems: Vec<String> },
}

/// How a message should be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Something in the file could not be used.
    Problem,
    /// What happened, for the record.
    Done,
}

impl Opened {
    /// The file's name.
    pub fn file(&self) -> &str {
        match self {
            Opened::Export { report, .. } => &report.file,
            Opened::Cycle { file, .. } | Opened::BadCycle { file, .. } => file,
        }
    }

    /// Whether anything was added.
    pub fn added_something(&self) -> bool {
        match self {
            Opened::Export { report, .. } => report.added + report.replaced > 0,
            Opened::Cycle { .. } => true,
            Opened::BadCycle { .. } => false,
        }
    }

    /// Every message, in English: first what was done, then each problem.
    pub fn messages_en(&self) -> Vec<(Tone, String)> {
        let mut out = Vec::new();
        match self {
            Opened::Export {
                report,
                unknown_cycles,
            } => {
                if report.added + report.replaced > 0 {
                    let cycle = report
                        .cycle_id
                        .as_deref()
                        .map(|c| format!(" of the cycle \"{}\"", shorten(c)))
                        .unwrap_or_default();
                    let replaced = if report.replaced > 0 {
                        format!(", {} replaced an earlier version", report.replaced)
                    } else {
                        String::new()
                    };
                    out.push((
                        Tone::Done,
                        format!(
                            "{}: {} application{} added{cycle}{replaced}",
                            report.file,
                            report.added,
                            plural(report.added),
                        ),
                    ));
                }
                out.extend(report.messages_en().into_iter().map(|m| (Tone::Problem, m)));
                for id in unknown_cycles {
                    out.push((
                        Tone::Problem,
                        format!(
                            "{}: the applications of the cycle \"{}\" need its cycle file; open \
                             it too to see them",
                            report.file,
                            shorten(id)
                        ),
                    ));
                }
            }
            Opened::Cycle {
                file,
                cycle_id,
                replaced,
                map_problem,
            } => {
                let instead = match replaced {
                    None => String::new(),
                    Some(CycleOrigin::Shipped) => " (instead of the shipped copy)".into(),
                    Some(CycleOrigin::Opened { file }) => format!(" (instead of {file})"),
                };
                out.push((
                    Tone::Done,
                    format!(
                        "{file}: the cycle \"{}\" is used for its applications{instead}",
                        shorten(cycle_id)
                    ),
                ));
                if let Some(problem) = map_problem {
                    out.push((
                        Tone::Problem,
                        format!("{file}: {problem}; its applications show but cannot be matched"),
                    ));
                }
            }
            Opened::BadCycle { file, problems } => {
                out.push((
                    Tone::Problem,
                    format!("{file} is a cycle file with problems; nothing was added"),
                ));
                out.extend(
                    problems
                        .iter()
                        .map(|p| (Tone::Problem, format!("{file}, {}", shorten_long(p)))),
                );
            }
        }
        out
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// A problem of a cycle file ("sections[1].fields[2].kind: …"), kept whole up
/// to a sentence's length, controls escaped.
fn shorten_long(text: &str) -> String {
    text.chars()
        .take(300)
        .flat_map(|c| {
            if c.is_control() {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}

/// One cycle's applications, as the page groups them.
#[derive(Debug, Clone)]
pub struct Group<'a> {
    pub cycle_id: &'a str,
    /// `None` until its cycle file is opened.
    pub cycle: Option<&'a KnownCycle>,
    /// `None` when neither the id nor staff say.
    pub role: Option<Role>,
    pub applications: usize,
}

/// Why matching cannot start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PairingProblem {
    NoMentors,
    NoMentees,
    /// Applications whose side nobody said.
    RoleUnknown {
        cycle_id: String,
    },
    /// Applications whose cycle file is not open.
    NoCycle {
        cycle_id: String,
    },
    /// A cycle matching cannot read.
    Map {
        cycle_id: String,
        error: CycleMapError,
    },
    Ratings(PairingError),
}

impl fmt::Display for PairingProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PairingProblem::NoMentors => write!(f, "Open a mentor export to suggest matches."),
            PairingProblem::NoMentees => write!(f, "Open a mentee export to suggest matches."),
            PairingProblem::RoleUnknown { cycle_id } => write!(
                f,
                "Say whether the applications of \"{}\" are mentors or mentees.",
                shorten(cycle_id)
            ),
            PairingProblem::NoCycle { cycle_id } => write!(
                f,
                "Open the cycle file of \"{}\" to match its applications.",
                shorten(cycle_id)
            ),
            PairingProblem::Map { cycle_id, error } => {
                write!(f, "\"{}\" cannot be matched: {error}.", shorten(cycle_id))
            }
            PairingProblem::Ratings(e) => write!(f, "These cycles cannot be matched: {e}."),
        }
    }
}

/// What matching needs: both sides' people, the competencies' labels, and
/// the answers matching could not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pairing {
    pub mentors: Vec<Person>,
    pub mentees: Vec<Person>,
    /// From the (first) mentor cycle.
    pub competency_labels: Vec<String>,
    pub problems: Vec<PersonProblem>,
}

/// One side's applicants as the summary counts them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SummarySide {
    pub people: Vec<Person>,
    pub competency_labels: Vec<String>,
    /// The rating scale's lowest and highest values.
    pub scale: (u8, u8),
    /// Cycles of this side whose applications cannot be counted.
    pub unreadable: Vec<String>,
}

/// One side's people, the answers matching could not read, and its cycles.
struct Side<'a> {
    people: Vec<Person>,
    problems: Vec<PersonProblem>,
    cycles: Vec<&'a KnownCycle>,
}

/// The session's files, cycles and applications.
#[derive(Debug, Clone, Default)]
pub struct Workspace {
    cycles: Vec<KnownCycle>,
    apps: Applications,
    roles: BTreeMap<String, Role>,
    files: Vec<OpenedFile>,
}

impl Workspace {
    /// A workspace knowing the shipped cycles (`(file name, text)`); a
    /// shipped cycle that does not parse is left out and named.
    pub fn new(shipped: &[(&str, &str)]) -> (Workspace, Vec<String>) {
        let mut ws = Workspace::default();
        let mut problems = Vec::new();
        for (name, text) in shipped {
            match cycle::parse(text) {
                Ok(c) => ws.cycles.push(KnownCycle::new(c, CycleOrigin::Shipped)),
                Err(p) => problems.push(format!(
                    "the shipped cycle {name} has problems: {}",
                    p.iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("; ")
                )),
            }
        }
        (ws, problems)
    }

    pub fn cycles(&self) -> &[KnownCycle] {
        &self.cycles
    }

    pub fn cycle(&self, id: &str) -> Option<&KnownCycle> {
        self.cycles.iter().find(|c| c.cycle.id.as_str() == id)
    }

    pub fn applications(&self) -> &Applications {
        &self.apps
    }

    /// The files that added something, in the order opened.
    pub fn files(&self) -> &[OpenedFile] {
        &self.files
    }

    /// Opens one file (see the module's notes on how its kind is told).
    pub fn open(&mut self, name: &str, bytes: &[u8]) -> Opened {
        let outcome = if is_cycle_file(name, bytes) {
            self.open_cycle(name, bytes)
        } else {
            let report = self.apps.add_file(name, bytes, None);
            let mut unknown_cycles = Vec::new();
            if let Some(id) = &report.cycle_id {
                if report.added + report.replaced > 0 && self.cycle(id).is_none() {
                    unknown_cycles.push(id.clone());
                }
            }
            Opened::Export {
                report,
                unknown_cycles,
            }
        };
        if outcome.added_something() {
            self.files.push(OpenedFile {
                name: name.to_string(),
                text: String::from_utf8_lossy(bytes).into_owned(),
            });
        }
        outcome
    }

    fn open_cycle(&mut self, name: &str, bytes: &[u8]) -> Opened {
        let text = String::from_utf8_lossy(bytes);
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        match cycle::parse(text) {
            Err(problems) => Opened::BadCycle {
                file: name.to_string(),
                problems: problems.iter().map(ToString::to_string).collect(),
            },
            Ok(c) => {
                let cycle_id = c.id.to_string();
                let known = KnownCycle::new(
                    c,
                    CycleOrigin::Opened {
                        file: name.to_string(),
                    },
                );
                let map_problem = known.map.clone().err();
                let replaced = match self
                    .cycles
                    .iter_mut()
                    .find(|k| k.cycle.id.as_str() == cycle_id)
                {
                    Some(old) => Some(std::mem::replace(old, known).origin),
                    None => {
                        self.cycles.push(known);
                        None
                    }
                };
                Opened::Cycle {
                    file: name.to_string(),
                    cycle_id,
                    replaced,
                    map_problem,
                }
            }
        }
    }

    /// Staff say which side a cycle's applicants are on.
    pub fn set_role(&mut self, cycle_id: &str, role: Role) {
        self.roles.insert(cycle_id.to_string(), role);
    }

    /// The roles staff set (kept with the session).
    pub fn roles_set(&self) -> &BTreeMap<String, Role> {
        &self.roles
    }

    /// The side of a cycle: staff's word, else its id's ending.
    pub fn role(&self, cycle_id: &str) -> Option<Role> {
        self.roles
            .get(cycle_id)
            .copied()
            .or_else(|| Role::from_cycle_id(cycle_id))
    }

    /// The cycles with applications, in the order first read.
    pub fn groups(&self) -> Vec<Group<'_>> {
        self.apps
            .cycle_ids()
            .into_iter()
            .map(|id| Group {
                cycle_id: id,
                cycle: self.cycle(id),
                role: self.role(id),
                applications: self.apps.of_cycle(id).count(),
            })
            .collect()
    }

    /// The people of one side, from every cycle of that side; cycles that
    /// cannot be read are problems.
    fn side(&self, role: Role) -> Result<Side<'_>, PairingProblem> {
        let mut people = Vec::new();
        let mut problems = Vec::new();
        let mut cycles = Vec::new();
        for group in self.groups() {
            let Some(known) = group.cycle else {
                return Err(PairingProblem::NoCycle {
                    cycle_id: group.cycle_id.to_string(),
                });
            };
            match group.role {
                None => {
                    return Err(PairingProblem::RoleUnknown {
                        cycle_id: group.cycle_id.to_string(),
                    })
                }
                Some(r) if r != role => continue,
                Some(_) => {}
            }
            let map = known.map.as_ref().map_err(|e| PairingProblem::Map {
                cycle_id: group.cycle_id.to_string(),
                error: e.clone(),
            })?;
            let (mut p, mut q) =
                people_from_rows(self.apps.of_cycle(group.cycle_id).map(|r| &r.row), map);
            people.append(&mut p);
            problems.append(&mut q);
            cycles.push(known);
        }
        Ok(Side {
            people,
            problems,
            cycles,
        })
    }

    /// The people of one side for the summary: every cycle of that side
    /// that matching can read, with the competencies' labels and rating
    /// scale of the first (the ids of cycles it cannot read are listed).
    pub fn summary_side(&self, role: Role) -> SummarySide {
        let mut side = SummarySide::default();
        for group in self.groups().iter().filter(|g| g.role == Some(role)) {
            match group.cycle.map(|k| (k, &k.map)) {
                Some((known, Ok(map))) => {
                    let (mut people, _) =
                        people_from_rows(self.apps.of_cycle(group.cycle_id).map(|r| &r.row), map);
                    side.people.append(&mut people);
                    if side.competency_labels.is_empty() {
                        side.competency_labels = competency_labels(&known.cycle);
                        side.scale = map.rating_scale;
                    }
                }
                Some((_, Err(_))) | None => side.unreadable.push(group.cycle_id.to_string()),
            }
        }
        side
    }

    /// Everything matching needs, or why it cannot start.
    pub fn pairing(&self) -> Result<Pairing, PairingProblem> {
        let Side {
            people: mentors,
            mut problems,
            cycles: mentor_cycles,
        } = self.side(Role::Mentor)?;
        let Side {
            people: mentees,
            problems: mut more,
            cycles: mentee_cycles,
        } = self.side(Role::Mentee)?;
        let first = mentor_cycles.first().ok_or(PairingProblem::NoMentors)?;
        if mentee_cycles.is_empty() {
            return Err(PairingProblem::NoMentees);
        }
        for a in &mentor_cycles {
            for b in &mentee_cycles {
                if let (Ok(m), Ok(e)) = (&a.map, &b.map) {
                    FieldMap::check_pair(m, e).map_err(PairingProblem::Ratings)?;
                }
            }
        }
        problems.append(&mut more);
        Ok(Pairing {
            mentors,
            mentees,
            competency_labels: competency_labels(&first.cycle),
            problems,
        })
    }
}

/// Whether a file is a cycle file: one JSON object with `sections`, or a
/// `.json` file whose first line is not an export row (so a cycle file with
/// a syntax error gets the cycle reader's located message, not one "not
/// JSON" per line).
pub fn is_cycle_file(name: &str, bytes: &[u8]) -> bool {
    let text = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    if looks_like_cycle_file(text) {
        return true;
    }
    let lower = name.to_lowercase();
    if !lower.ends_with(".json") {
        return false;
    }
    let first_line = text
        .split(|b| *b == b'\n')
        .find(|l| !l.iter().all(u8::is_ascii_whitespace))
        .unwrap_or(&[]);
    let first_is_row = matches!(
        serde_json::from_slice::<Value>(first_line),
        Ok(Value::Object(o)) if o.contains_key("answers") || o.contains_key("reference")
    );
    !first_is_row
}
