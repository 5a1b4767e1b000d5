//! Answers, the field kinds and the rules that check them, the draft record
//! kept on the device, and application versions. Pure Rust: runs in native tests.
pub mod copy;
pub mod draft;
pub mod kinds;
pub mod rules;
pub mod text;
pub mod value;
pub mod version;
