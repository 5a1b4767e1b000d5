//! Cycle files: the types, loading with located errors, and whole-file checks.
pub mod check;
pub mod datetime;
pub mod deadline;
pub mod error;
pub mod json_path;
pub mod load;
pub mod maps_only;
pub mod model;
pub mod texts;

pub use error::ConfigError;
pub use load::parse_cycle;
pub use model::Cycle;
