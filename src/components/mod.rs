//! Reusable pieces of the form's pages.
pub mod answers_list;
pub mod controls;
pub mod error_summary;
pub mod field;
pub mod layout;
pub mod save_later;
pub mod send_failure;
pub mod shell;
