//! The input part of each question. Each control stands in a
//! `shell::field_shell`, which owns the label, hint and error wiring.
pub mod checkbox;
pub mod checkboxes;
pub mod choice_box;
pub mod radios;
pub mod rating;
pub mod select;
pub mod text_input;
