//! The state layer, between the pure logic (`config`, `form`, `submit`) and the
//! views (`components`, `pages`): the answers store, the draft kept on the
//! device, navigation, focus after navigation, loading the cycle file,
//! sending, and taking what was typed in the painted page (`painted`).
//! Views read and call this layer; it never imports a view.
pub mod draft;
pub mod focus;
pub mod load;
pub mod nav;
pub mod painted;
pub mod resume;
pub mod sending;
pub mod store;
