//! The staff workbench's matching worker (`dist/staff/staff-worker*.js`,
//! `staff-worker_bg.wasm`): a Web Worker, so a suggestion for a thousand
//! mentors and mentees never freezes the page. It answers each message with
//! `workbench::protocol::answer` and says `Ready` once loaded.
fn main() {
    #[cfg(target_arch = "wasm32")]
    workbench::ui::worker_side::run();
}
