//! Reusable pieces of the form's pages.
pub mod answers_list;
pub mod error_summary;
pub mod field;
pub mod layout;
pub mod rating;
pub mod send_failure;
