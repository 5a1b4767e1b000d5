//! The staff preview's entry point (`dist/preview/`): its own binary, so the
//! editor, the request view and their strings never reach an applicant's
//! download. It shares the library with the applicant's form.
fn main() {
    #[cfg(target_arch = "wasm32")]
    mentor_form::embed::mount_preview();
}
