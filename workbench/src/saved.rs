//! "Keep this session on this computer": what is kept, as one JSON document.
//! Off by default; the page writes it only while staff ask, and "Forget this
//! session" deletes it. The files are kept as opened, so a kept session reads
//! exactly as it did (the same messages, the same rows); with them the sides
//! staff set, the matching settings (weights, region rule, capacities, pins,
//! rule-outs) and the columns staff hid.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::matching::Settings;
use crate::people::Role;
use crate::workspace::{Opened, OpenedFile, Workspace};

/// The kept session's format.
pub const SAVED_FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedFile {
    pub name: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedSession {
    pub format: u32,
    pub files: Vec<SavedFile>,
    pub roles: BTreeMap<String, Role>,
    pub settings: Settings,
    /// Column ids staff hid, by cycle id.
    pub hidden_columns: BTreeMap<String, Vec<String>>,
}

/// Why a kept session could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RestoreProblem {
    NotASession(String),
    NewerFormat(u32),
}

impl std::fmt::Display for RestoreProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RestoreProblem::NotASession(e) => {
                write!(
                    f,
                    "the kept session could not be read ({e}); it was left as it is"
                )
            }
            RestoreProblem::NewerFormat(n) => write!(
                f,
                "the kept session was written by a newer workbench (format {n}); it was left as \
                 it is"
            ),
        }
    }
}

impl SavedSession {
    pub fn new(
        ws: &Workspace,
        settings: &Settings,
        hidden_columns: &BTreeMap<String, Vec<String>>,
    ) -> Self {
        SavedSession {
            format: SAVED_FORMAT,
            files: ws
                .files()
                .iter()
                .map(|f: &OpenedFile| SavedFile {
                    name: f.name.clone(),
                    text: f.text.clone(),
                })
                .collect(),
            roles: ws.roles_set().clone(),
            settings: settings.clone(),
            hidden_columns: hidden_columns.clone(),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(text: &str) -> Result<SavedSession, RestoreProblem> {
        // The format first, so a newer session is named as such rather than
        // as unreadable.
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| RestoreProblem::NotASession(e.to_string()))?;
        if let Some(n) = value.get("format").and_then(serde_json::Value::as_u64) {
            if n > u64::from(SAVED_FORMAT) {
                return Err(RestoreProblem::NewerFormat(
                    u32::try_from(n).unwrap_or(u32::MAX),
                ));
            }
        }
        serde_json::from_value(value).map_err(|e| RestoreProblem::NotASession(e.to_string()))
    }

    /// Opens the kept files again into `ws` (a fresh workspace with the
    /// shipped cycles), in their order, and sets the kept sides.
    pub fn restore_into(&self, ws: &mut Workspace) -> Vec<Opened> {
        let opened = self
            .files
            .iter()
            .map(|f| ws.open(&f.name, f.text.as_bytes()))
            .collect();
        for (cycle_id, role) in &self.roles {
            ws.set_role(cycle_id, *role);
        }
        opened
    }
}
