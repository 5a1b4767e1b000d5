//! One component per page of the form.
pub mod closed;
pub mod config_errors;
pub mod confirmation;
pub mod not_found;
pub mod resume;
pub mod review;
pub mod section;
pub mod start;
