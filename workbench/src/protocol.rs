//! The messages between the page and its matching worker (a Web Worker, so
//! the page never freezes while a large suggestion is computed). JSON text
//! both ways; the worker's whole job is [`answer`], which runs natively in
//! tests exactly as in the worker.

use serde::{Deserialize, Serialize};

use crate::matching::{suggest, Settings, Suggestion};
use crate::people::Person;

/// "Suggest matches" for these people with these settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuggestRequest {
    /// Echoed in the reply, so a reply to an older request is known as such.
    pub id: u32,
    pub mentors: Vec<Person>,
    pub mentees: Vec<Person>,
    pub settings: Settings,
}

/// What the worker posts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum WorkerReply {
    /// Its code is loaded: the page may now close the network.
    Ready,
    Suggested {
        id: u32,
        suggestion: Suggestion,
    },
    /// The request could not be read (a bug between page and worker).
    Failed {
        id: Option<u32>,
        message: String,
    },
}

/// The worker's answer to one message.
pub fn answer(request: &str) -> WorkerReply {
    match serde_json::from_str::<SuggestRequest>(request) {
        Ok(r) => WorkerReply::Suggested {
            id: r.id,
            suggestion: suggest(&r.mentors, &r.mentees, &r.settings),
        },
        Err(e) => WorkerReply::Failed {
            id: None,
            message: format!("the matching worker could not read the request: {e}"),
        },
    }
}

/// A reply as JSON text (a reply always serialises).
pub fn to_json(reply: &WorkerReply) -> String {
    serde_json::to_string(reply).unwrap_or_else(|e| {
        format!("{{\"Failed\":{{\"id\":null,\"message\":\"could not write the reply: {e}\"}}}}")
    })
}
