//! Sending an application: encoding (pure), reply handling (pure) and the
//! browser transport (wasm only).
pub mod encode;
pub mod retry;
#[cfg(target_arch = "wasm32")]
pub mod transport;
