//! Mentor application form: a cycle file drives a Leptos client-side app.
//!
//! The data path, one way, bottom to top:
//! the `cycle` crate (the file's shape and checks, the typed cycle, kinds,
//! answers, dates, texts, the payload) → `form` (the rules across a cycle,
//! drafts, versions, the applicant's copy) → `submit` (replies; transport) →
//! `state` (store, drafts on the device, navigation, sending) → `components`
//! → `pages` → `app` (root and routes) → `embed` (mounting, host messages).
//! `browser` wraps the browser APIs for every layer above `submit`, `crypto`
//! the few Web Crypto calls of "Save and continue later"; `page_contract`
//! names what the wasm shares with the page scripts (`scripts/`). No module
//! imports one that imports it back (`shared/tools/module-cycles.py` checks).
//!
//! `form` and `submit::retry` are pure Rust and run in native tests; the rest
//! needs a browser and builds only for wasm32. Each entry (`main.rs`, the
//! staff preview in `bin/preview.rs`) only mounts.

pub mod form;
/// The names shared with the page scripts (`scripts/contract.mjs`).
pub mod page_contract;
pub mod submit;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod crypto;
/// The staff cycle editor, used only by the preview binary (feature `editor`);
/// its pure part also runs in native tests.
#[cfg(any(feature = "editor", test))]
pub mod editor;
pub mod embed;
#[cfg(target_arch = "wasm32")]
pub mod pages;
#[cfg(target_arch = "wasm32")]
pub mod state;
