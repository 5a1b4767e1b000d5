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
//! - `view`: the toolbar, problems, tabs and shortcuts;
//! - `page`: the preview page (editor beside the live form) and its mount.
//!
//! docs/editor.md describes the design.

pub mod place;

#[cfg(all(target_arch = "wasm32", feature = "editor"))]
pub mod cycle_panel;
#[cfg(all(target_arch = "wasm32", feature = "editor"))]
pub mod endpoint;
#[cfg(all(target_arch = "wasm32", feature = "editor"))]
pub mod json;
#[cfg(all(target_arch = "wasm32", feature = "editor"))]
pub mod page;
#[cfg(all(target_arch = "wasm32", feature = "editor"))]
pub mod questions;
#[cfg(all(target_arch = "wasm32", feature = "editor"))]
pub mod save;
#[cfg(all(target_arch = "wasm32", feature = "editor"))]
pub mod start;
#[cfg(all(target_arch = "wasm32", feature = "editor"))]
pub mod state;
#[cfg(all(target_arch = "wasm32", feature = "editor"))]
pub mod texts_panel;
#[cfg(all(target_arch = "wasm32", feature = "editor"))]
pub mod view;
#[cfg(all(target_arch = "wasm32", feature = "editor"))]
pub mod widgets;
