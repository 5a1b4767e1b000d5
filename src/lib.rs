//! Mentor application form: a cycle file drives a Leptos client-side app.
//!
//! `config`, `form` and `submit::{encode, retry}` are pure Rust and run in
//! native tests; the rest needs a browser and builds only for wasm32.

pub mod config;
pub mod dom_ids;
pub mod form;
pub mod submit;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod embed;
#[cfg(target_arch = "wasm32")]
pub mod pages;
