//! The rules applied across a cycle, the draft record kept on the device,
//! application versions and the applicant's copy of their answers. Pure Rust:
//! runs in native tests. What each kind of question does is the `cycle`
//! crate's (`cycle::kinds`).
pub mod copy;
pub mod draft;
pub mod json;
pub mod resume;
pub mod rules;
pub mod version;
