//! Cycle files: the types, loading with located errors, and whole-file checks.
pub mod check;
pub mod datetime;
pub mod deadline;
pub mod json_path;
pub mod load;
pub mod model;
pub mod texts;

pub use load::{parse_cycle, ConfigError};
pub use model::Cycle;
