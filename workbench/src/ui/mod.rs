//! The staff page (wasm32 only).
