//! A cycle file's serde shape to the typed [`Cycle`]: ids made typed, date-times
//! parsed, each question's settings given to its kind. Whatever does not
//! convert is reported at its place and left out (or kept as written, for an
//! id), so the relational checks that follow still see the whole cycle and
//! every problem is reported at once. A cycle with problems is never handed out.

use crate::dates::DateTime;
use crate::file::{CycleFile, FieldFile, SectionFile, SubmitFile, SCHEMA_VERSION};
use crate::ids::{slug_problem, CycleId, FieldId, SectionId};
use crate::kinds::settings_from_file;
use crate::model::{Condition, Cycle, Deadline, Field, Section, Submit};
use crate::problem::{Place, Problem};

pub(super) fn convert(file: CycleFile, problems: &mut Vec<Problem>) -> Cycle {
    let root = Place::root();
    if file.schema_version != SCHEMA_VERSION {
        problems.push(Problem::at(
            root.key("schema_version"),
            crate::file::version_message(u64::from(file.schema_version)),
        ));
    }
    let deadline_at = root.key("deadline");
    // A date-time that does not parse is reported here and stands in as the
    // earliest opening or the latest closing, so it cannot also be reported
    // as "closes before it opens".
    const FAR: i64 = 1 << 52;
    let mut instant = |key: &str, text: &str, stand_in: i64| {
        DateTime::parse(text).unwrap_or_else(|why| {
            problems.push(Problem::at(deadline_at.key(key), why.describe(text)));
            DateTime::from_ms_utc(stand_in)
        })
    };
    let opens_at = instant("opens_at", &file.deadline.opens_at, -FAR);
    let closes_at = instant("closes_at", &file.deadline.closes_at, FAR);
    let id = slug(
        &root.key("id"),
        file.id,
        problems,
        CycleId::new,
        CycleId::unchecked,
    );
    let sections = file
        .sections
        .into_iter()
        .enumerate()
        .map(|(i, s)| section(i, s, problems))
        .collect();
    let submit = submit(file.submit, problems);
    Cycle {
        id,
        program: file.program,
        title: file.title,
        intro: file.intro,
        deadline: Deadline {
            text: file.deadline.text,
            opens_at,
            closes_at,
            enforce: file.deadline.enforce,
        },
        contact: file.contact,
        links: file.links,
        rating_scale: file.rating_scale,
        sections,
        confirmation: file.confirmation,
        submit,
        drafts: file.drafts,
        embed: file.embed,
        texts: file.texts,
    }
}

/// A typed id, or the text as written (reported) when it is not a slug.
fn slug<T>(
    at: &Place,
    text: String,
    problems: &mut Vec<Problem>,
    make: impl Fn(String) -> Option<T>,
    keep: impl Fn(String) -> T,
) -> T {
    match make(text.clone()) {
        Some(id) => id,
        None => {
            problems.push(Problem::at(at.clone(), slug_problem(&text)));
            keep(text)
        }
    }
}

fn section(i: usize, s: SectionFile, problems: &mut Vec<Problem>) -> Section {
    let at = Place::root().key("sections").index(i);
    let id = slug(
        &at.key("id"),
        s.id,
        problems,
        SectionId::new,
        SectionId::unchecked,
    );
    let fields = s
        .fields
        .into_iter()
        .enumerate()
        .map(|(fi, f)| field(&Place::field(i, fi), f, problems))
        .collect();
    Section {
        id,
        title: s.title,
        intro: s.intro,
        links: s.links,
        notes: s.notes,
        fields,
    }
}

fn field(at: &Place, f: FieldFile, problems: &mut Vec<Problem>) -> Field {
    let kind = settings_from_file(&f, at, problems);
    let id = slug(
        &at.key("id"),
        f.id,
        problems,
        FieldId::new,
        FieldId::unchecked,
    );
    let required_when = f.required_when.map(|c| Condition {
        field: slug(
            &at.key("required_when").key("field"),
            c.field,
            problems,
            FieldId::new,
            FieldId::unchecked,
        ),
        equals: c.equals,
    });
    Field {
        id,
        label: f.label,
        hint: f.hint,
        optional: f.optional,
        confidential: f.confidential,
        required_when,
        autocomplete: f.autocomplete,
        messages: f.messages,
        kind,
    }
}

fn submit(s: SubmitFile, problems: &mut Vec<Problem>) -> Submit {
    let at = Place::root().key("submit").key("field_names");
    let field_names = crate::answers::map_from(s.field_names.into_iter().map(|(key, name)| {
        let id = match FieldId::new(key.clone()) {
            Some(id) => id,
            None => {
                problems.push(Problem::at(
                    at.key(&key),
                    format!("maps a field “{key}” that does not exist"),
                ));
                FieldId::unchecked(key)
            }
        };
        (id, name)
    }));
    Submit {
        url: s.url,
        method: s.method,
        encoding: s.encoding,
        headers: s.headers,
        field_names,
        timeout_ms: s.timeout_ms,
        retries: s.retries,
        accept_redirect: s.accept_redirect,
    }
}
