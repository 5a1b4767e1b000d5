//! Sending an application: reply handling (pure) and the browser transport
//! (wasm only). The payload itself is the `cycle` crate's (`cycle::payload`).
pub mod retry;
#[cfg(target_arch = "wasm32")]
pub mod transport;
