//! Answers and the rules that check them. Pure Rust: runs in native tests.
pub mod kinds;
pub mod rules;
pub mod text;
pub mod value;
