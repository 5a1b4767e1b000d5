//! The staff editor's edits, as typed operations on a [`Cycle`]: each one
//! takes a cycle and gives the next, so the editor's history is a list of
//! cycles, what changed can be said in words, and an edit made in one tab
//! can be applied again on top of a cycle another tab changed meanwhile.
//!
//! An edit names a section or question by its place *and* its id
//! ([`SectionAt`], [`FieldAt`]): on the cycle it was made on, the place
//! decides; on a cycle that moved on, the id finds the item where it is now,
//! and an item that is gone is an [`EditError`] rather than an edit of
//! whatever took its place.

use crate::dates::{DateTime, IsoDate};
use crate::file::{Encoding, Link, Method, RatingScale};
use crate::ids::{ChoiceValue, CycleId, FieldId, SectionId};
use crate::kinds::types::Choice;
use crate::kinds::{FieldKind, Kind};
use crate::model::{Condition, Cycle, Field, Section};
use crate::texts::TextKey;
use std::collections::BTreeMap;

/// A section, by its index and its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionAt {
    pub index: usize,
    pub id: SectionId,
}

/// A question, by its section's index, its index there and its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldAt {
    pub section: usize,
    pub index: usize,
    pub id: FieldId,
}

impl SectionAt {
    /// The section at `index` of `c`.
    pub fn of(c: &Cycle, index: usize) -> Option<SectionAt> {
        c.sections.get(index).map(|s| SectionAt {
            index,
            id: s.id.clone(),
        })
    }

    /// Where the section is in `c`: at its index if the id still matches,
    /// else wherever its id is.
    pub fn resolve(&self, c: &Cycle) -> Option<usize> {
        match c.sections.get(self.index) {
            Some(s) if s.id == self.id => Some(self.index),
            _ => c.sections.iter().position(|s| s.id == self.id),
        }
    }
}

impl FieldAt {
    /// The question at `field` of section `section` of `c`.
    pub fn of(c: &Cycle, section: usize, field: usize) -> Option<FieldAt> {
        let f = c.sections.get(section)?.fields.get(field)?;
        Some(FieldAt {
            section,
            index: field,
            id: f.id.clone(),
        })
    }

    /// Where the question is in `c`, as (section, index).
    pub fn resolve(&self, c: &Cycle) -> Option<(usize, usize)> {
        let here = c
            .sections
            .get(self.section)
            .and_then(|s| s.fields.get(self.index));
        if here.is_some_and(|f| f.id == self.id) {
            return Some((self.section, self.index));
        }
        c.sections.iter().enumerate().find_map(|(si, s)| {
            s.fields
                .iter()
                .position(|f| f.id == self.id)
                .map(|fi| (si, fi))
        })
    }
}

/// A question's own error messages, which replace the ones built from its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKey {
    Required,
    Format,
    TooLong,
    Range,
}

impl MessageKey {
    pub const ALL: [MessageKey; 4] = [
        MessageKey::Required,
        MessageKey::Format,
        MessageKey::TooLong,
        MessageKey::Range,
    ];

    /// The key in a cycle file.
    pub fn name(self) -> &'static str {
        match self {
            MessageKey::Required => "required",
            MessageKey::Format => "format",
            MessageKey::TooLong => "too_long",
            MessageKey::Range => "range",
        }
    }

    /// What staff read beside the control.
    pub fn title(self) -> &'static str {
        match self {
            MessageKey::Required => "When the question is left blank",
            MessageKey::Format => "When the answer is not in the right format",
            MessageKey::TooLong => "When the answer is too long",
            MessageKey::Range => "When the answer is out of range",
        }
    }

    /// Whether questions of `kind` can ever show this message.
    pub fn applies_to(self, kind: FieldKind) -> bool {
        match self {
            MessageKey::Required => true,
            MessageKey::Format => matches!(
                kind,
                FieldKind::Email
                    | FieldKind::Phone
                    | FieldKind::Url
                    | FieldKind::Integer
                    | FieldKind::Date
                    | FieldKind::Checkboxes
            ),
            MessageKey::TooLong => matches!(
                kind,
                FieldKind::Text
                    | FieldKind::Email
                    | FieldKind::Phone
                    | FieldKind::Textarea
                    | FieldKind::Url
                    | FieldKind::Integer
            ),
            MessageKey::Range => matches!(
                kind,
                FieldKind::Integer | FieldKind::Date | FieldKind::Checkboxes
            ),
        }
    }

    fn slot(self, field: &mut Field) -> &mut Option<String> {
        match self {
            MessageKey::Required => &mut field.messages.required,
            MessageKey::Format => &mut field.messages.format,
            MessageKey::TooLong => &mut field.messages.too_long,
            MessageKey::Range => &mut field.messages.range,
        }
    }

    /// The question's own message under this key.
    pub fn get(self, field: &Field) -> Option<&str> {
        match self {
            MessageKey::Required => field.messages.required.as_deref(),
            MessageKey::Format => field.messages.format.as_deref(),
            MessageKey::TooLong => field.messages.too_long.as_deref(),
            MessageKey::Range => field.messages.range.as_deref(),
        }
    }
}

/// An edit of the cycle's own parts.
#[derive(Debug, Clone, PartialEq)]
pub enum CycleEdit {
    Id(CycleId),
    Program(String),
    Title(String),
    Intro(Vec<String>),
    DeadlineText(String),
    OpensAt(DateTime),
    ClosesAt(DateTime),
    Enforce(bool),
    ContactLead(String),
    ContactName(String),
    ContactRole(String),
    ContactEmail(String),
    Links(Vec<Link>),
    RatingScale(RatingScale),
    ConfirmationTitle(String),
    ConfirmationBody(Vec<String>),
    ConfirmationNext(String),
    /// One of the form's texts; `None`: the default.
    Text(TextKey, Option<String>),
    EmbedOrigins(Vec<String>),
    /// Where "Save and continue later" keeps drafts; `None`: not offered.
    DraftsUrl(Option<String>),
    SubmitUrl(String),
    Method(Method),
    Encoding(Encoding),
    Headers(BTreeMap<String, String>),
    /// The name an answer is sent under; `None`: its id.
    SentName(FieldId, Option<String>),
    TimeoutMs(u32),
    Retries(u32),
    AcceptRedirect(bool),
}

/// An edit of one section.
#[derive(Debug, Clone, PartialEq)]
pub enum SectionEdit {
    /// The title, and the id when it follows the title (a section not yet saved).
    Title {
        title: String,
        id: Option<SectionId>,
    },
    Id(SectionId),
    Intro(Vec<String>),
    Notes(Vec<String>),
    Links(Vec<Link>),
}

/// An edit of one question.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldEdit {
    /// The label, and the id when it follows the label (a question not yet saved).
    Label {
        label: String,
        id: Option<FieldId>,
    },
    /// A new id; rules and sent names that name the question follow it.
    Id(FieldId),
    Hint(Option<String>),
    /// Optional or required; a required question has no "required when".
    Optional(bool),
    Confidential(bool),
    /// Another kind, keeping the choices and length limit where they fit.
    Kind(FieldKind),
    MaxLength(Option<u32>),
    WholeMin(Option<i64>),
    WholeMax(Option<i64>),
    CountMin(Option<u32>),
    CountMax(Option<u32>),
    DateMin(Option<IsoDate>),
    DateMax(Option<IsoDate>),
    Placeholder(Option<String>),
    Autocomplete(Option<String>),
    Message(MessageKey, Option<String>),
    RequiredWhen(Option<Condition>),
    AddOption(Choice),
    /// A choice's label, and its value when it follows the label.
    OptionLabel {
        index: usize,
        label: String,
        value: Option<ChoiceValue>,
    },
    OptionValue {
        index: usize,
        value: ChoiceValue,
    },
    MoveOption {
        from: usize,
        to: usize,
    },
    DeleteOption(usize),
}

/// One edit staff make.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// The whole cycle at once (the JSON view, a file opened, changes discarded).
    Replace(Box<Cycle>),
    /// "Start the next cycle from this one": everything kept but these.
    NextCycle {
        id: CycleId,
        title: String,
        deadline_text: String,
        opens_at: DateTime,
        closes_at: DateTime,
    },
    Cycle(CycleEdit),
    AddSection {
        at: usize,
        section: Box<Section>,
    },
    Section(SectionAt, SectionEdit),
    /// To index `to` of the sections.
    MoveSection {
        section: SectionAt,
        to: usize,
    },
    DeleteSection(SectionAt),
    AddField {
        section: SectionAt,
        at: usize,
        field: Box<Field>,
    },
    /// A copy right after the question, under a new id.
    DuplicateField {
        field: FieldAt,
        id: FieldId,
    },
    /// To index `to` of section `to_section` (counted without the question).
    MoveField {
        field: FieldAt,
        to_section: SectionAt,
        to: usize,
    },
    DeleteField(FieldAt),
    Field(FieldAt, FieldEdit),
}

/// Why an edit could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// The section is not in the cycle (another tab deleted it).
    SectionGone(SectionId),
    /// The question is not in the cycle.
    FieldGone(FieldId),
    /// The question has no choice at that place.
    OptionGone(FieldId, usize),
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::SectionGone(id) => write!(f, "the section “{id}” is no longer there"),
            EditError::FieldGone(id) => write!(f, "the question “{id}” is no longer there"),
            EditError::OptionGone(id, i) => {
                write!(f, "the question “{id}” has no choice {}", i + 1)
            }
        }
    }
}

/// A new question of `kind` labelled `label`, with an unused id made from
/// the label; choice kinds start with two choices to name.
pub fn new_field(kind: FieldKind, label: &str, cycle: &Cycle) -> Field {
    let mut kind_settings = kind.fresh();
    if let Some(options) = kind_settings.options_mut() {
        for n in 1..=2 {
            let label = format!("Option {n}");
            let value = crate::slug::choice_value(&label, options, None);
            options.push(Choice { value, label });
        }
    }
    Field {
        id: crate::slug::field_id(label, cycle, None),
        label: label.to_string(),
        hint: None,
        optional: false,
        confidential: false,
        required_when: None,
        autocomplete: None,
        messages: Default::default(),
        kind: kind_settings,
    }
}

/// A new section titled `title`, holding `fields`.
pub fn new_section(title: &str, cycle: &Cycle, fields: Vec<Field>) -> Section {
    Section {
        id: crate::slug::section_id(title, cycle, None),
        title: title.to_string(),
        intro: Vec::new(),
        links: Vec::new(),
        notes: Vec::new(),
        fields,
    }
}

/// The cycle after `edit`.
pub fn apply(c: &Cycle, edit: &Edit) -> Result<Cycle, EditError> {
    let mut c = c.clone();
    match edit {
        Edit::Replace(next) => return Ok((**next).clone()),
        Edit::NextCycle {
            id,
            title,
            deadline_text,
            opens_at,
            closes_at,
        } => {
            c.id = id.clone();
            c.title = title.clone();
            c.deadline.text = deadline_text.clone();
            c.deadline.opens_at = *opens_at;
            c.deadline.closes_at = *closes_at;
        }
        Edit::Cycle(e) => cycle_edit(&mut c, e),
        Edit::AddSection { at, section } => {
            let at = (*at).min(c.sections.len());
            c.sections.insert(at, (**section).clone());
        }
        Edit::Section(at, e) => {
            let i = section_index(&c, at)?;
            section_edit(&mut c, i, e);
        }
        Edit::MoveSection { section, to } => {
            let i = section_index(&c, section)?;
            let s = c.sections.remove(i);
            let to = (*to).min(c.sections.len());
            c.sections.insert(to, s);
        }
        Edit::DeleteSection(at) => {
            let i = section_index(&c, at)?;
            let gone = c.sections.remove(i);
            for f in &gone.fields {
                c.submit.field_names.remove(&f.id);
            }
        }
        Edit::AddField { section, at, field } => {
            let i = section_index(&c, section)?;
            if let Some(s) = c.sections.get_mut(i) {
                let at = (*at).min(s.fields.len());
                s.fields.insert(at, (**field).clone());
            }
        }
        Edit::DuplicateField { field, id } => {
            let (si, fi) = field_index(&c, field)?;
            if let Some(s) = c.sections.get_mut(si) {
                if let Some(original) = s.fields.get(fi) {
                    let mut copy = original.clone();
                    copy.id = id.clone();
                    s.fields.insert(fi + 1, copy);
                }
            }
        }
        Edit::MoveField {
            field,
            to_section,
            to,
        } => {
            let (si, fi) = field_index(&c, field)?;
            let ti = section_index(&c, to_section)?;
            if let Some(moved) = c.sections.get_mut(si).map(|s| s.fields.remove(fi)) {
                if let Some(target) = c.sections.get_mut(ti) {
                    let to = (*to).min(target.fields.len());
                    target.fields.insert(to, moved);
                }
            }
        }
        Edit::DeleteField(at) => {
            let (si, fi) = field_index(&c, at)?;
            if let Some(s) = c.sections.get_mut(si) {
                let gone = s.fields.remove(fi);
                c.submit.field_names.remove(&gone.id);
            }
        }
        Edit::Field(at, e) => {
            let (si, fi) = field_index(&c, at)?;
            field_edit(&mut c, si, fi, e)?;
        }
    }
    Ok(c)
}

fn section_index(c: &Cycle, at: &SectionAt) -> Result<usize, EditError> {
    at.resolve(c)
        .ok_or_else(|| EditError::SectionGone(at.id.clone()))
}

fn field_index(c: &Cycle, at: &FieldAt) -> Result<(usize, usize), EditError> {
    at.resolve(c)
        .ok_or_else(|| EditError::FieldGone(at.id.clone()))
}

fn cycle_edit(c: &mut Cycle, e: &CycleEdit) {
    match e {
        CycleEdit::Id(id) => c.id = id.clone(),
        CycleEdit::Program(s) => c.program = s.clone(),
        CycleEdit::Title(s) => c.title = s.clone(),
        CycleEdit::Intro(p) => c.intro = p.clone(),
        CycleEdit::DeadlineText(s) => c.deadline.text = s.clone(),
        CycleEdit::OpensAt(t) => c.deadline.opens_at = *t,
        CycleEdit::ClosesAt(t) => c.deadline.closes_at = *t,
        CycleEdit::Enforce(b) => c.deadline.enforce = *b,
        CycleEdit::ContactLead(s) => c.contact.lead = s.clone(),
        CycleEdit::ContactName(s) => c.contact.name = s.clone(),
        CycleEdit::ContactRole(s) => c.contact.role = s.clone(),
        CycleEdit::ContactEmail(s) => c.contact.email = s.clone(),
        CycleEdit::Links(l) => c.links = l.clone(),
        CycleEdit::RatingScale(r) => c.rating_scale = r.clone(),
        CycleEdit::ConfirmationTitle(s) => c.confirmation.title = s.clone(),
        CycleEdit::ConfirmationBody(p) => c.confirmation.body = p.clone(),
        CycleEdit::ConfirmationNext(s) => c.confirmation.next = s.clone(),
        CycleEdit::Text(key, Some(text)) => c.texts.set(*key, text.clone()),
        CycleEdit::Text(key, None) => c.texts.reset(*key),
        CycleEdit::EmbedOrigins(o) => c.embed.allowed_origins = o.clone(),
        CycleEdit::DraftsUrl(url) => {
            c.drafts = url.clone().map(|url| crate::file::Drafts { url });
        }
        CycleEdit::SubmitUrl(s) => c.submit.url = s.clone(),
        CycleEdit::Method(m) => c.submit.method = *m,
        CycleEdit::Encoding(e) => c.submit.encoding = *e,
        CycleEdit::Headers(h) => c.submit.headers = h.clone(),
        CycleEdit::SentName(id, Some(name)) => {
            c.submit.field_names.insert(id.clone(), name.clone());
        }
        CycleEdit::SentName(id, None) => {
            c.submit.field_names.remove(id);
        }
        CycleEdit::TimeoutMs(n) => c.submit.timeout_ms = *n,
        CycleEdit::Retries(n) => c.submit.retries = *n,
        CycleEdit::AcceptRedirect(b) => c.submit.accept_redirect = *b,
    }
}

fn section_edit(c: &mut Cycle, i: usize, e: &SectionEdit) {
    let Some(s) = c.sections.get_mut(i) else {
        return;
    };
    match e {
        SectionEdit::Title { title, id } => {
            s.title = title.clone();
            if let Some(id) = id {
                s.id = id.clone();
            }
        }
        SectionEdit::Id(id) => s.id = id.clone(),
        SectionEdit::Intro(p) => s.intro = p.clone(),
        SectionEdit::Notes(p) => s.notes = p.clone(),
        SectionEdit::Links(l) => s.links = l.clone(),
    }
}

/// Gives the question `old` the id `new`, and every rule and sent name that
/// named it.
fn rename_field(c: &mut Cycle, si: usize, fi: usize, new: &FieldId) {
    let Some(old) = c
        .sections
        .get(si)
        .and_then(|s| s.fields.get(fi))
        .map(|f| f.id.clone())
    else {
        return;
    };
    if &old == new {
        return;
    }
    if let Some(f) = c.sections.get_mut(si).and_then(|s| s.fields.get_mut(fi)) {
        f.id = new.clone();
    }
    for s in &mut c.sections {
        for f in &mut s.fields {
            if let Some(rule) = &mut f.required_when {
                if rule.field == old {
                    rule.field = new.clone();
                }
            }
        }
    }
    if let Some(name) = c.submit.field_names.remove(&old) {
        c.submit.field_names.insert(new.clone(), name);
    }
}

/// Rules that name the question's choice `old` name `new` instead.
fn rename_choice(c: &mut Cycle, field: &FieldId, old: &ChoiceValue, new: &ChoiceValue) {
    for s in &mut c.sections {
        for f in &mut s.fields {
            if let Some(rule) = &mut f.required_when {
                if &rule.field == field && rule.equals == old.as_str() {
                    rule.equals = new.to_string();
                }
            }
        }
    }
}

fn field_edit(c: &mut Cycle, si: usize, fi: usize, e: &FieldEdit) -> Result<(), EditError> {
    match e {
        FieldEdit::Label { label, id } => {
            if let Some(id) = id {
                rename_field(c, si, fi, id);
            }
            with_field(c, si, fi, |f| f.label = label.clone());
        }
        FieldEdit::Id(id) => rename_field(c, si, fi, id),
        FieldEdit::OptionLabel {
            index,
            label,
            value,
        } => {
            let (field_id, old) = option_of(c, si, fi, *index)?;
            with_field(c, si, fi, |f| {
                if let Some(o) = f.kind.options_mut().and_then(|o| o.get_mut(*index)) {
                    o.label = label.clone();
                    if let Some(v) = value {
                        o.value = v.clone();
                    }
                }
            });
            if let Some(v) = value {
                rename_choice(c, &field_id, &old, v);
            }
        }
        FieldEdit::OptionValue { index, value } => {
            let (field_id, old) = option_of(c, si, fi, *index)?;
            with_field(c, si, fi, |f| {
                if let Some(o) = f.kind.options_mut().and_then(|o| o.get_mut(*index)) {
                    o.value = value.clone();
                }
            });
            rename_choice(c, &field_id, &old, value);
        }
        other => with_field(c, si, fi, |f| plain_field_edit(f, other)),
    }
    Ok(())
}

fn option_of(
    c: &Cycle,
    si: usize,
    fi: usize,
    index: usize,
) -> Result<(FieldId, ChoiceValue), EditError> {
    let f = c
        .sections
        .get(si)
        .and_then(|s| s.fields.get(fi))
        .ok_or(EditError::OptionGone(
            FieldId::unchecked(String::new()),
            index,
        ))?;
    let o = f
        .options()
        .get(index)
        .ok_or_else(|| EditError::OptionGone(f.id.clone(), index))?;
    Ok((f.id.clone(), o.value.clone()))
}

fn with_field(c: &mut Cycle, si: usize, fi: usize, change: impl FnOnce(&mut Field)) {
    if let Some(f) = c.sections.get_mut(si).and_then(|s| s.fields.get_mut(fi)) {
        change(f);
    }
}

/// The edits that touch only the question itself.
fn plain_field_edit(f: &mut Field, e: &FieldEdit) {
    match e {
        // Handled with the whole cycle (they rename what names them).
        FieldEdit::Label { .. }
        | FieldEdit::Id(_)
        | FieldEdit::OptionLabel { .. }
        | FieldEdit::OptionValue { .. } => {}
        FieldEdit::Hint(h) => f.hint = h.clone(),
        FieldEdit::Optional(b) => {
            f.optional = *b;
            if !b {
                f.required_when = None;
            }
        }
        FieldEdit::Confidential(b) => f.confidential = *b,
        FieldEdit::Kind(to) => {
            if f.kind.tag() != *to {
                f.kind = f.kind.changed_to(*to);
                if let Some(options) = f.kind.options_mut() {
                    if options.is_empty() {
                        for n in 1..=2 {
                            let label = format!("Option {n}");
                            let value = crate::slug::choice_value(&label, options, None);
                            options.push(Choice { value, label });
                        }
                    }
                }
            }
        }
        FieldEdit::MaxLength(n) => match &mut f.kind {
            Kind::Text(s) | Kind::Email(s) | Kind::Phone(s) | Kind::Textarea(s) | Kind::Url(s) => {
                s.max_length = *n
            }
            Kind::Integer(s) => s.max_length = *n,
            Kind::Select(_)
            | Kind::Radio(_)
            | Kind::Checkbox
            | Kind::Rating
            | Kind::Checkboxes(_)
            | Kind::Date(_) => {}
        },
        FieldEdit::WholeMin(n) => {
            if let Kind::Integer(s) = &mut f.kind {
                s.min = *n;
            }
        }
        FieldEdit::WholeMax(n) => {
            if let Kind::Integer(s) = &mut f.kind {
                s.max = *n;
            }
        }
        FieldEdit::CountMin(n) => {
            if let Kind::Checkboxes(s) = &mut f.kind {
                s.min = *n;
            }
        }
        FieldEdit::CountMax(n) => {
            if let Kind::Checkboxes(s) = &mut f.kind {
                s.max = *n;
            }
        }
        FieldEdit::DateMin(d) => {
            if let Kind::Date(r) = &mut f.kind {
                r.min = *d;
            }
        }
        FieldEdit::DateMax(d) => {
            if let Kind::Date(r) = &mut f.kind {
                r.max = *d;
            }
        }
        FieldEdit::Placeholder(p) => {
            if let Kind::Select(s) = &mut f.kind {
                s.placeholder = p.clone();
            }
        }
        FieldEdit::Autocomplete(a) => f.autocomplete = a.clone(),
        FieldEdit::Message(key, text) => *key.slot(f) = text.clone(),
        FieldEdit::RequiredWhen(rule) => f.required_when = rule.clone(),
        FieldEdit::AddOption(choice) => {
            if let Some(o) = f.kind.options_mut() {
                o.push(choice.clone());
            }
        }
        FieldEdit::MoveOption { from, to } => {
            if let Some(o) = f.kind.options_mut() {
                if *from < o.len() {
                    let moved = o.remove(*from);
                    let to = (*to).min(o.len());
                    o.insert(to, moved);
                }
            }
        }
        FieldEdit::DeleteOption(i) => {
            if let Some(o) = f.kind.options_mut() {
                if *i < o.len() {
                    o.remove(*i);
                }
            }
        }
    }
}

/// ‘text’, shortened to a readable length.
pub fn quoted(text: &str) -> String {
    let t = text.trim();
    let short: String = t.chars().take(60).collect();
    if short.len() < t.len() {
        format!("‘{}…’", short.trim_end())
    } else {
        format!("‘{t}’")
    }
}

impl Edit {
    /// What the edit does, in words, on the cycle it is made on (Undo and
    /// Redo say it, and the live region announces it).
    pub fn describe(&self, c: &Cycle) -> String {
        let field_label = |at: &FieldAt| {
            at.resolve(c)
                .and_then(|(s, f)| c.sections.get(s)?.fields.get(f))
                .map_or_else(|| at.id.to_string(), |f| f.label.clone())
        };
        let section_title = |at: &SectionAt| {
            at.resolve(c)
                .and_then(|i| c.sections.get(i))
                .map_or_else(|| at.id.to_string(), |s| s.title.clone())
        };
        match self {
            Edit::Replace(_) => "Replaced the whole cycle".into(),
            Edit::NextCycle { title, .. } => {
                format!("Started the next cycle, {}", quoted(title))
            }
            Edit::Cycle(e) => format!("Changed {}", cycle_part(e)),
            Edit::AddSection { section, .. } => {
                format!("Added section {}", quoted(&section.title))
            }
            Edit::Section(at, e) => format!(
                "Changed the {} of section {}",
                match e {
                    SectionEdit::Title { .. } => "title",
                    SectionEdit::Id(_) => "id",
                    SectionEdit::Intro(_) => "introduction",
                    SectionEdit::Notes(_) => "notes",
                    SectionEdit::Links(_) => "links",
                },
                quoted(&section_title(at))
            ),
            Edit::MoveSection { section, to } => {
                let from = section.resolve(c).unwrap_or(section.index);
                format!(
                    "Moved section {} {}",
                    quoted(&section_title(section)),
                    if *to < from { "up" } else { "down" }
                )
            }
            Edit::DeleteSection(at) => format!("Deleted section {}", quoted(&section_title(at))),
            Edit::AddField { section, field, .. } => format!(
                "Added question {} to {}",
                quoted(&field.label),
                quoted(&section_title(section))
            ),
            Edit::DuplicateField { field, .. } => {
                format!("Duplicated question {}", quoted(&field_label(field)))
            }
            Edit::MoveField {
                field,
                to_section,
                to,
            } => {
                let label = quoted(&field_label(field));
                match field.resolve(c) {
                    Some((s, _)) if to_section.resolve(c) != Some(s) => format!(
                        "Moved question {label} to {}",
                        quoted(&section_title(to_section))
                    ),
                    Some((_, i)) if *to < i => format!("Moved question {label} up"),
                    _ => format!("Moved question {label} down"),
                }
            }
            Edit::DeleteField(at) => format!("Deleted question {}", quoted(&field_label(at))),
            Edit::Field(at, e) => format!(
                "Changed the {} of question {}",
                field_part(e),
                quoted(&field_label(at))
            ),
        }
    }
}

/// "the title", "the closing date", … for an edit of the cycle.
fn cycle_part(e: &CycleEdit) -> String {
    match e {
        CycleEdit::Id(_) => "the cycle id".into(),
        CycleEdit::Program(_) => "the program".into(),
        CycleEdit::Title(_) => "the title".into(),
        CycleEdit::Intro(_) => "the introduction".into(),
        CycleEdit::DeadlineText(_) => "the deadline text".into(),
        CycleEdit::OpensAt(_) => "the opening date".into(),
        CycleEdit::ClosesAt(_) => "the closing date".into(),
        CycleEdit::Enforce(_) => "whether the deadline is enforced".into(),
        CycleEdit::ContactLead(_) => "the contact's introduction".into(),
        CycleEdit::ContactName(_) => "the contact's name".into(),
        CycleEdit::ContactRole(_) => "the contact's role".into(),
        CycleEdit::ContactEmail(_) => "the contact's email".into(),
        CycleEdit::Links(_) => "the links".into(),
        CycleEdit::RatingScale(_) => "the rating scale".into(),
        CycleEdit::ConfirmationTitle(_) => "the confirmation title".into(),
        CycleEdit::ConfirmationBody(_) => "the confirmation text".into(),
        CycleEdit::ConfirmationNext(_) => "the “what happens next” text".into(),
        CycleEdit::Text(key, _) => format!("the text {}", key.name()),
        CycleEdit::EmbedOrigins(_) => "the sites that may embed the form".into(),
        CycleEdit::DraftsUrl(_) => "where drafts are saved".into(),
        CycleEdit::SubmitUrl(_) => "the endpoint URL".into(),
        CycleEdit::Method(_) => "the method".into(),
        CycleEdit::Encoding(_) => "the encoding".into(),
        CycleEdit::Headers(_) => "the headers".into(),
        CycleEdit::SentName(id, _) => format!("the name “{id}” is sent under"),
        CycleEdit::TimeoutMs(_) => "the timeout".into(),
        CycleEdit::Retries(_) => "the retries".into(),
        CycleEdit::AcceptRedirect(_) => "whether a redirect counts as sent".into(),
    }
}

fn field_part(e: &FieldEdit) -> &'static str {
    match e {
        FieldEdit::Label { .. } => "text",
        FieldEdit::Id(_) => "id",
        FieldEdit::Hint(_) => "hint",
        FieldEdit::Optional(_) => "optional setting",
        FieldEdit::Confidential(_) => "confidential setting",
        FieldEdit::Kind(_) => "kind",
        FieldEdit::MaxLength(_) => "length limit",
        FieldEdit::WholeMin(_) | FieldEdit::CountMin(_) | FieldEdit::DateMin(_) => "lower limit",
        FieldEdit::WholeMax(_) | FieldEdit::CountMax(_) | FieldEdit::DateMax(_) => "upper limit",
        FieldEdit::Placeholder(_) => "placeholder",
        FieldEdit::Autocomplete(_) => "autocomplete token",
        FieldEdit::Message(..) => "messages",
        FieldEdit::RequiredWhen(_) => "rule",
        FieldEdit::AddOption(_)
        | FieldEdit::OptionLabel { .. }
        | FieldEdit::OptionValue { .. }
        | FieldEdit::MoveOption { .. }
        | FieldEdit::DeleteOption(_) => "choices",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::to_canonical_json;

    fn mentor() -> Cycle {
        crate::parse(include_str!("../../public/cycles/fall-2020-mentor.json")).unwrap()
    }
    fn fid(s: &str) -> FieldId {
        FieldId::new(s).unwrap()
    }
    fn at_field(c: &Cycle, id: &str) -> FieldAt {
        let (s, f) = FieldAt {
            section: 0,
            index: 0,
            id: fid(id),
        }
        .resolve(c)
        .unwrap();
        FieldAt::of(c, s, f).unwrap()
    }

    #[test]
    fn add_move_and_delete_questions() {
        let c = mentor();
        let last = c.sections.len() - 1;
        let section = SectionAt::of(&c, last).unwrap();
        let field = new_field(FieldKind::Date, "Preferred start date", &c);
        assert_eq!(field.id.as_str(), "preferred_start_date");
        let added = apply(
            &c,
            &Edit::AddField {
                section: section.clone(),
                at: 99,
                field: Box::new(field),
            },
        )
        .unwrap();
        assert_eq!(
            added.sections[last].fields.last().unwrap().id.as_str(),
            "preferred_start_date"
        );
        assert!(crate::check(&added).is_empty());
        let at = FieldAt::of(&added, last, added.sections[last].fields.len() - 1).unwrap();
        let moved = apply(
            &added,
            &Edit::MoveField {
                field: at.clone(),
                to_section: SectionAt::of(&added, 0).unwrap(),
                to: 0,
            },
        )
        .unwrap();
        assert_eq!(
            moved.sections[0].fields[0].id.as_str(),
            "preferred_start_date"
        );
        // The edit made on `added` finds the question where it is now.
        let deleted = apply(&moved, &Edit::DeleteField(at)).unwrap();
        assert_eq!(to_canonical_json(&deleted), to_canonical_json(&c));
    }

    #[test]
    fn renaming_an_id_renames_what_names_it() {
        let c = mentor();
        let at = at_field(&c, "region_match");
        let c2 = apply(
            &c,
            &Edit::Cycle(CycleEdit::SentName(
                fid("region_match"),
                Some("entry.9".into()),
            )),
        )
        .unwrap();
        let renamed = apply(&c2, &Edit::Field(at, FieldEdit::Id(fid("same_region")))).unwrap();
        assert!(renamed.field(&fid("region_match")).is_none());
        assert_eq!(renamed.sent_name(&fid("same_region")), "entry.9");
        let rules: Vec<_> = renamed
            .fields()
            .filter_map(|f| f.required_when.as_ref())
            .map(|r| r.field.as_str())
            .collect();
        assert!(rules.iter().all(|r| *r != "region_match"), "{rules:?}");
        assert!(rules.contains(&"same_region"));
        assert!(
            crate::check(&renamed).is_empty(),
            "{:?}",
            crate::check(&renamed)
        );
    }

    #[test]
    fn choices_follow_their_labels_and_rules_follow_them() {
        let c = mentor();
        let at = at_field(&c, "region_match");
        let yes = c.field(&fid("region_match")).unwrap().options()[0].clone();
        assert_eq!(yes.value.as_str(), "yes");
        let e = FieldEdit::OptionLabel {
            index: 0,
            label: "Yes please".into(),
            value: Some(ChoiceValue::new("yes_please").unwrap()),
        };
        let c2 = apply(&c, &Edit::Field(at.clone(), e)).unwrap();
        assert!(crate::check(&c2).is_empty(), "{:?}", crate::check(&c2));
        let c3 = apply(&c2, &Edit::Field(at.clone(), FieldEdit::DeleteOption(0))).unwrap();
        let problems = crate::check(&c3);
        assert!(
            problems.iter().any(|p| p.message.contains("yes_please")),
            "a rule naming a deleted choice is a problem: {problems:?}"
        );
        let c4 = apply(
            &c,
            &Edit::Field(at, FieldEdit::MoveOption { from: 0, to: 5 }),
        )
        .unwrap();
        let values: Vec<_> = c4
            .field(&fid("region_match"))
            .unwrap()
            .options()
            .iter()
            .map(|o| o.value.to_string())
            .collect();
        assert_eq!(values.last().map(String::as_str), Some("yes"));
    }

    #[test]
    fn deleting_a_question_a_rule_names_is_a_problem_in_place() {
        let c = mentor();
        let target = c
            .fields()
            .find_map(|f| f.required_when.as_ref().map(|r| r.field.clone()))
            .unwrap();
        let deleted = apply(&c, &Edit::DeleteField(at_field(&c, target.as_str()))).unwrap();
        let problems = crate::check(&deleted);
        let rules: Vec<_> = problems
            .iter()
            .filter(|p| p.place.to_string().ends_with("required_when.field"))
            .collect();
        assert_eq!(rules.len(), 2, "{problems:?}");
        assert!(rules[0].message.contains(target.as_str()));
    }

    #[test]
    fn an_edit_on_a_question_another_tab_deleted_fails() {
        let c = mentor();
        let at = at_field(&c, "city");
        let theirs = apply(&c, &Edit::DeleteField(at.clone())).unwrap();
        let mine = Edit::Field(at, FieldEdit::Hint(Some("x".into())));
        assert_eq!(
            apply(&theirs, &mine),
            Err(EditError::FieldGone(fid("city")))
        );
    }

    #[test]
    fn sections_add_move_delete_and_kinds_change() {
        let c = mentor();
        let s = new_section(
            "Your goals",
            &c,
            vec![new_field(FieldKind::Radio, "Pick one", &c)],
        );
        let c2 = apply(
            &c,
            &Edit::AddSection {
                at: 1,
                section: Box::new(s),
            },
        )
        .unwrap();
        assert_eq!(c2.sections[1].id.as_str(), "your-goals");
        assert_eq!(c2.sections[1].fields[0].options().len(), 2);
        let c3 = apply(
            &c2,
            &Edit::MoveSection {
                section: SectionAt::of(&c2, 1).unwrap(),
                to: 0,
            },
        )
        .unwrap();
        assert_eq!(c3.sections[0].id.as_str(), "your-goals");
        let f = FieldAt::of(&c3, 0, 0).unwrap();
        let c4 = apply(
            &c3,
            &Edit::Field(f.clone(), FieldEdit::Kind(FieldKind::Checkboxes)),
        )
        .unwrap();
        assert_eq!(c4.sections[0].fields[0].options().len(), 2, "choices kept");
        let c5 = apply(&c4, &Edit::Field(f, FieldEdit::Kind(FieldKind::Textarea))).unwrap();
        assert!(c5.sections[0].fields[0].options().is_empty());
        let c6 = apply(&c5, &Edit::DeleteSection(SectionAt::of(&c5, 0).unwrap())).unwrap();
        assert_eq!(to_canonical_json(&c6), to_canonical_json(&c));
    }

    #[test]
    fn descriptions_name_what_changed() {
        let c = mentor();
        let at = at_field(&c, "city");
        assert_eq!(
            Edit::DeleteField(at.clone()).describe(&c),
            "Deleted question ‘City’"
        );
        assert_eq!(
            Edit::Cycle(CycleEdit::Title("x".into())).describe(&c),
            "Changed the title"
        );
        let up = Edit::MoveField {
            to_section: SectionAt::of(&c, at.section).unwrap(),
            to: at.index - 1,
            field: at,
        };
        assert_eq!(up.describe(&c), "Moved question ‘City’ up");
    }

    #[test]
    fn required_questions_have_no_rule() {
        let c = mentor();
        let with_rule = c
            .fields()
            .find(|f| f.required_when.is_some())
            .unwrap()
            .id
            .clone();
        let at = at_field(&c, with_rule.as_str());
        let c2 = apply(&c, &Edit::Field(at, FieldEdit::Optional(false))).unwrap();
        assert!(c2.field(&with_rule).unwrap().required_when.is_none());
        assert!(crate::check(&c2).is_empty());
    }
}
