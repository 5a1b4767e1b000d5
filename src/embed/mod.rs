//! Running inside someone else's page: the message protocol with an
//! embedding page (pure, natively tested) and, in the browser, mounting and
//! the iframe side of the protocol.
pub mod messages;

#[cfg(target_arch = "wasm32")]
mod handover;
#[cfg(target_arch = "wasm32")]
mod host;
#[cfg(target_arch = "wasm32")]
pub use host::*;
