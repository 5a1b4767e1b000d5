//! The staff preview's entry point (`dist/preview/`): its own binary, so the
//! editor, the request view and their strings never reach an applicant's
//! download. It shares the library with the applicant's form, built with the
//! `editor` feature (preview.html's `data-cargo-features`).
fn main() {
    #[cfg(all(target_arch = "wasm32", feature = "editor"))]
    mentor_form::editor::page::mount();
}
