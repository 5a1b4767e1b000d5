//! Writing a cycle back: the typed [`Cycle`] to its file shape and to the
//! canonical JSON text — keys in a fixed order, two-space indents, keys that
//! hold their default left out, a final newline. Parsing and writing any valid
//! file gives the same meaning; the shipped cycles are kept in this form, so
//! a file opened in the editor and saved unchanged is byte-identical and an
//! edited one diffs cleanly.

use crate::file::{
    ConditionFile, CycleFile, DeadlineFile, FieldFile, Messages, SectionFile, SubmitFile,
    SCHEMA_VERSION,
};
use crate::kinds::{settings_to_file, FieldKind};
use crate::model::{Cycle, Field, Section};

/// The canonical text of a cycle file.
pub fn to_canonical_json(cycle: &Cycle) -> String {
    file_to_canonical_json(&to_file(cycle))
}

/// The canonical text of a file's shape.
pub fn file_to_canonical_json(file: &CycleFile) -> String {
    // Serialising plain structs, strings and maps into a String cannot fail.
    let mut text = serde_json::to_string_pretty(file).unwrap_or_default();
    text.push('\n');
    text
}

/// The file's shape of a typed cycle.
pub fn to_file(c: &Cycle) -> CycleFile {
    CycleFile {
        schema_version: SCHEMA_VERSION,
        id: c.id.to_string(),
        program: c.program.clone(),
        title: c.title.clone(),
        intro: c.intro.clone(),
        deadline: DeadlineFile {
            text: c.deadline.text.clone(),
            opens_at: c.deadline.opens_at.to_string(),
            closes_at: c.deadline.closes_at.to_string(),
            enforce: c.deadline.enforce,
        },
        contact: c.contact.clone(),
        links: c.links.clone(),
        rating_scale: c.rating_scale.clone(),
        sections: c.sections.iter().map(section).collect(),
        confirmation: c.confirmation.clone(),
        submit: SubmitFile {
            url: c.submit.url.clone(),
            method: c.submit.method,
            encoding: c.submit.encoding,
            headers: c.submit.headers.clone(),
            field_names: c
                .submit
                .field_names
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
            timeout_ms: c.submit.timeout_ms,
            retries: c.submit.retries,
            accept_redirect: c.submit.accept_redirect,
        },
        drafts: c.drafts.clone(),
        embed: c.embed.clone(),
        texts: c.texts.clone(),
    }
}

fn section(s: &Section) -> SectionFile {
    SectionFile {
        id: s.id.to_string(),
        title: s.title.clone(),
        intro: s.intro.clone(),
        links: s.links.clone(),
        notes: s.notes.clone(),
        fields: s.fields.iter().map(field).collect(),
    }
}

fn field(f: &Field) -> FieldFile {
    let mut out = FieldFile {
        id: f.id.to_string(),
        kind: FieldKind::Text,
        label: f.label.clone(),
        hint: f.hint.clone(),
        optional: f.optional,
        confidential: f.confidential,
        required_when: f.required_when.as_ref().map(|c| ConditionFile {
            field: c.field.to_string(),
            equals: c.equals.clone(),
        }),
        max_length: None,
        min: None,
        max: None,
        options: Vec::new(),
        placeholder: None,
        autocomplete: f.autocomplete.clone(),
        messages: Messages {
            required: f.messages.required.clone(),
            format: f.messages.format.clone(),
            too_long: f.messages.too_long.clone(),
            range: f.messages.range.clone(),
        },
    };
    settings_to_file(&f.kind, &mut out);
    out
}
