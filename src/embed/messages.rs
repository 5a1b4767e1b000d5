//! The messages an iframe-embedded form posts to its parent page, and the one
//! it answers, as types: serialised once, never built with `format!` or read
//! with `contains`. Format: `{"source":"mentor-form","version":1,"type":…}` plus
//! the event's own keys (docs/embedding.md, "Messages"). Never any answers.

use crate::form::json::{object_of, string_at};
use serde::Serialize;

/// Version of the message format (the `version` key of every message).
pub const MESSAGE_VERSION: u32 = 1;

/// What the form tells its parent page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Event<'a> {
    /// The form is running (also the answer to the host's hello).
    Ready,
    /// The document's height in CSS pixels changed.
    Resize { height: i64 },
    /// Another page of the form is showing.
    SectionChanged { path: &'a str },
    /// The endpoint confirmed the application: its reference only.
    Submitted { reference: &'a str },
    /// Focus moved to an element this far from the top, so the host can scroll.
    Focus { top: i64 },
}

/// The wire shape: one flat object, the event's keys present only for it.
#[derive(Serialize)]
struct Outgoing<'a> {
    source: &'static str,
    version: u32,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    height: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reference: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    top: Option<i64>,
}

impl Event<'_> {
    /// The message as posted (a JSON string, as hosts have always received it).
    pub fn to_message(self) -> String {
        let mut out = Outgoing {
            source: "mentor-form",
            version: MESSAGE_VERSION,
            kind: "ready",
            height: None,
            path: None,
            reference: None,
            top: None,
        };
        match self {
            Event::Ready => {}
            Event::Resize { height } => {
                out.kind = "resize";
                out.height = Some(height);
            }
            Event::SectionChanged { path } => {
                out.kind = "section-changed";
                out.path = Some(path);
            }
            Event::Submitted { reference } => {
                out.kind = "submitted";
                out.reference = Some(reference);
            }
            Event::Focus { top } => {
                out.kind = "focus";
                out.top = Some(top);
            }
        }
        serde_json::to_string(&out).unwrap_or_default()
    }
}

/// Whether a received message is the host's hello (asking for `ready` and the
/// current height): `{"source":"mentor-form-host","type":"hello"}` (other
/// keys are ignored, so hosts can add their own). Read by hand
/// (`form::json`).
pub fn is_host_hello(text: &str) -> bool {
    object_of(text).is_some_and(|m| {
        string_at(&m, "source") == Some("mentor-form-host")
            && string_at(&m, "type") == Some("hello")
    })
}
