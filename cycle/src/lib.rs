//! The cycle of the ALSC mentor application, as one typed model shared by the
//! applicant's form, the staff editor and workbench, and the receiver.
//!
//! A cycle file (JSON) holds everything one application cycle says. This crate
//! owns, once:
//! - the file's shape ([`file`]) and reading it with located errors;
//! - the checks that turn it into a typed [`Cycle`] ([`check`]), reporting
//!   every problem with its [`Place`];
//! - writing a cycle back as canonical JSON ([`write`]);
//! - the kinds of question and everything a kind does outside the page
//!   ([`kinds`]): settings, reading answers, messages, how answers read;
//! - answers ([`answers`]), dates ([`dates`]), the form's texts ([`texts`]),
//!   the page ids of a question ([`page_ids`]) and the payload an endpoint
//!   receives ([`payload`]).
//!
//! Pure Rust: no browser, no Leptos. In the browser, Unicode case mapping and
//! letter classes come from the JS engine instead of core's tables (`text`).

pub mod answers;
pub mod check;
pub mod dates;
pub mod deadline;
#[cfg(feature = "editing")]
pub mod diff;
#[cfg(feature = "editing")]
pub mod edit;
pub mod file;
#[cfg(feature = "editing")]
pub mod history;
pub mod ids;
pub mod kinds;
pub mod model;
pub mod page_ids;
pub mod payload;
pub mod problem;
pub mod sheet;
#[cfg(feature = "editing")]
pub mod slug;
pub mod text;
pub mod texts;
pub mod write;
#[cfg(feature = "editing")]
pub mod zones;

pub use answers::{Answer, Answers, Reading, Value};
pub use check::{check, from_file, parse};
pub use ids::{ChoiceValue, CycleId, FieldId, SectionId};
pub use kinds::types::{Choice, DateRange, FieldKind, Kind};
pub use model::{Condition, Cycle, Deadline, Field, Section, Submit};
pub use problem::{Place, Problem};
pub use texts::{TextKey, Texts};
