//! The staff cycle editor (`dist/preview/` only; the applicant's download
//! never holds it): a visual editor of the typed cycle beside the live
//! preview. Staff edit without seeing JSON; every edit is a typed
//! `cycle::edit::Edit`, undoable, checked, and kept on the device.
//!
//! - `place`: which panel and control edits a place of the file (pure);
//! - `state`: the cycle, history, problems, session and two tabs;
//! - `widgets`: the controls, each tied to a place;
//! - the panels: `start`, `cycle_panel`, `questions`, `endpoint`,
//!   `texts_panel`, `save`, `json`;
//! - `view`: the toolbar, problems, tabs and shortcuts.
//!
//! docs/editor.md describes the design.

pub mod place;

#[cfg(target_arch = "wasm32")]
pub mod cycle_panel;
#[cfg(target_arch = "wasm32")]
pub mod endpoint;
#[cfg(target_arch = "wasm32")]
pub mod json;
#[cfg(target_arch = "wasm32")]
pub mod questions;
#[cfg(target_arch = "wasm32")]
pub mod save;
#[cfg(target_arch = "wasm32")]
pub mod start;
#[cfg(target_arch = "wasm32")]
pub mod state;
#[cfg(target_arch = "wasm32")]
pub mod texts_panel;
#[cfg(target_arch = "wasm32")]
pub mod view;
#[cfg(target_arch = "wasm32")]
pub mod widgets;
