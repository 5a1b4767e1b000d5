//! The staff workbench's page (`dist/staff/`): its own entry, so nothing of
//! it reaches an applicant's download.
fn main() {
    #[cfg(target_arch = "wasm32")]
    workbench::ui::mount();
}
