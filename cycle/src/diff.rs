//! "What changed": the differences between the cycle file staff opened and
//! the cycle they have now, in words ("Added question ‘Preferred start date’
//! to ‘Your goals’", "Changed the closing date from Monday 16 November 2020,
//! 11:59 pm Central to …"). Sections, questions and choices are matched by
//! their ids, so a rename reads as a rename and a move as a move.

use crate::edit::quoted;
use crate::kinds::Kind;
use crate::model::{Condition, Cycle, Field};
use crate::texts::TextKey;
use crate::zones::in_words;
use std::collections::{BTreeMap, HashSet};
use std::fmt;

/// One difference, for staff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A part of the cycle (`what`: "the title") changed.
    Set {
        what: String,
        from: String,
        to: String,
    },
    AddedSection {
        title: String,
    },
    DeletedSection {
        title: String,
        questions: usize,
    },
    /// `before`: the section it now comes before; `None`: now last.
    MovedSection {
        title: String,
        before: Option<String>,
    },
    AddedQuestion {
        label: String,
        section: String,
    },
    DeletedQuestion {
        label: String,
        section: String,
    },
    MovedQuestionTo {
        label: String,
        section: String,
    },
    /// Within its section: `before` the question it now comes before.
    MovedQuestion {
        label: String,
        before: Option<String>,
    },
    /// A part of a question changed.
    ChangedQuestion {
        label: String,
        what: String,
        from: String,
        to: String,
    },
    AddedOption {
        option: String,
        question: String,
    },
    DeletedOption {
        option: String,
        question: String,
    },
    MovedOption {
        option: String,
        question: String,
    },
}

/// A value in words for a sentence: quoted text, or "nothing".
fn say(s: &str) -> String {
    if s.trim().is_empty() {
        "nothing".into()
    } else {
        quoted(s)
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::Set { what, from, to } => {
                write!(f, "Changed {what} from {from} to {to}")
            }
            Change::AddedSection { title } => write!(f, "Added section {}", quoted(title)),
            Change::DeletedSection { title, questions } => write!(
                f,
                "Deleted section {} and its {questions} question{}",
                quoted(title),
                if *questions == 1 { "" } else { "s" }
            ),
            Change::MovedSection { title, before } => match before {
                Some(b) => write!(f, "Moved section {} before {}", quoted(title), quoted(b)),
                None => write!(f, "Moved section {} to the end", quoted(title)),
            },
            Change::AddedQuestion { label, section } => {
                write!(f, "Added question {} to {}", quoted(label), quoted(section))
            }
            Change::DeletedQuestion { label, section } => write!(
                f,
                "Deleted question {} from {}",
                quoted(label),
                quoted(section)
            ),
            Change::MovedQuestionTo { label, section } => {
                write!(f, "Moved question {} to {}", quoted(label), quoted(section))
            }
            Change::MovedQuestion { label, before } => match before {
                Some(b) => write!(f, "Moved question {} before {}", quoted(label), quoted(b)),
                None => write!(
                    f,
                    "Moved question {} to the end of its section",
                    quoted(label)
                ),
            },
            Change::ChangedQuestion {
                label,
                what,
                from,
                to,
            } => write!(
                f,
                "Changed the {what} of {} from {from} to {to}",
                quoted(label)
            ),
            Change::AddedOption { option, question } => {
                write!(f, "Added option {} to {}", quoted(option), quoted(question))
            }
            Change::DeletedOption { option, question } => write!(
                f,
                "Deleted option {} from {}",
                quoted(option),
                quoted(question)
            ),
            Change::MovedOption { option, question } => {
                write!(f, "Moved option {} in {}", quoted(option), quoted(question))
            }
        }
    }
}

/// Every difference from `old` to `new`, in the order of the file: the
/// cycle's own parts, the sections, the questions, the endpoint, the texts.
pub fn changes(old: &Cycle, new: &Cycle) -> Vec<Change> {
    let mut out = Vec::new();
    cycle_parts(old, new, &mut out);
    sections(old, new, &mut out);
    questions(old, new, &mut out);
    endpoint(old, new, &mut out);
    texts(old, new, &mut out);
    out
}

fn set(out: &mut Vec<Change>, what: &str, from: String, to: String) {
    if from != to {
        out.push(Change::Set {
            what: what.into(),
            from,
            to,
        });
    }
}

fn text(out: &mut Vec<Change>, what: &str, from: &str, to: &str) {
    if from != to {
        set(out, what, say(from), say(to));
    }
}

fn paragraphs(out: &mut Vec<Change>, what: &str, from: &[String], to: &[String]) {
    if from != to {
        text(out, what, &from.join(" "), &to.join(" "));
    }
}

fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.into()
}

fn cycle_parts(old: &Cycle, new: &Cycle, out: &mut Vec<Change>) {
    text(out, "the cycle id", old.id.as_str(), new.id.as_str());
    text(out, "the program", &old.program, &new.program);
    text(out, "the title", &old.title, &new.title);
    paragraphs(out, "the introduction", &old.intro, &new.intro);
    text(
        out,
        "the deadline text",
        &old.deadline.text,
        &new.deadline.text,
    );
    let (o, n) = (&old.deadline, &new.deadline);
    if o.opens_at != n.opens_at {
        set(
            out,
            "the opening date",
            in_words(o.opens_at),
            in_words(n.opens_at),
        );
    }
    if o.closes_at != n.closes_at {
        set(
            out,
            "the closing date",
            in_words(o.closes_at),
            in_words(n.closes_at),
        );
    }
    set(
        out,
        "whether the form closes by itself at the deadline",
        yes_no(o.enforce),
        yes_no(n.enforce),
    );
    let (o, n) = (&old.contact, &new.contact);
    text(out, "the contact's introduction", &o.lead, &n.lead);
    text(out, "the contact's name", &o.name, &n.name);
    text(out, "the contact's role", &o.role, &n.role);
    text(out, "the contact's email", &o.email, &n.email);
    links(out, "the links", &old.links, &new.links);
    let (o, n) = (&old.rating_scale, &new.rating_scale);
    let scale = |s: &crate::file::RatingScale| {
        format!(
            "{} ({}) to {} ({})",
            s.min, s.low_label, s.max, s.high_label
        )
    };
    if o != n {
        set(out, "the rating scale", scale(o), scale(n));
    }
    let (o, n) = (&old.confirmation, &new.confirmation);
    text(out, "the confirmation title", &o.title, &n.title);
    paragraphs(out, "the confirmation text", &o.body, &n.body);
    text(out, "the “what happens next” text", &o.next, &n.next);
}

fn links(out: &mut Vec<Change>, what: &str, old: &[crate::file::Link], new: &[crate::file::Link]) {
    if old != new {
        let list = |l: &[crate::file::Link]| {
            if l.is_empty() {
                "none".to_string()
            } else {
                l.iter()
                    .map(|l| format!("{} ({})", quoted(&l.label), l.url))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        set(out, what, list(old), list(new));
    }
}

/// The indices (into `new`) of the items of `new` that keep their order
/// relative to each other, as the longest common subsequence of the two
/// orders; the others moved.
fn kept_in_order<T: PartialEq>(old: &[T], new: &[T]) -> HashSet<usize> {
    let (n, m) = (old.len(), new.len());
    let mut len = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            len[i][j] = if old[i] == new[j] {
                len[i + 1][j + 1] + 1
            } else {
                len[i + 1][j].max(len[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut kept = HashSet::new();
    while i < n && j < m {
        if old[i] == new[j] {
            kept.insert(j);
            i += 1;
            j += 1;
        } else if len[i + 1][j] >= len[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    kept
}

/// The items of `new` that moved among the items both lists have (matched
/// by `key`), each with the common item it now comes before (`None`: last).
fn moved<'a, T, K: PartialEq>(
    old: &[T],
    new: &'a [T],
    key: impl Fn(&T) -> &K,
) -> Vec<(&'a T, Option<&'a T>)> {
    let in_both = |x: &T, other: &[T]| other.iter().any(|y| key(y) == key(x));
    let old_keys: Vec<&K> = old.iter().filter(|x| in_both(x, new)).map(&key).collect();
    let common: Vec<&T> = new.iter().filter(|x| in_both(x, old)).collect();
    let new_keys: Vec<&K> = common.iter().map(|x| key(x)).collect();
    let kept = kept_in_order(&old_keys, &new_keys);
    (0..common.len())
        .filter(|j| !kept.contains(j))
        .map(|j| (common[j], common.get(j + 1).copied()))
        .collect()
}

fn sections(old: &Cycle, new: &Cycle, out: &mut Vec<Change>) {
    for s in &old.sections {
        if !new.sections.iter().any(|n| n.id == s.id) {
            out.push(Change::DeletedSection {
                title: s.title.clone(),
                questions: s.fields.len(),
            });
        }
    }
    for s in &new.sections {
        let Some(o) = old.sections.iter().find(|o| o.id == s.id) else {
            out.push(Change::AddedSection {
                title: s.title.clone(),
            });
            continue;
        };
        let what = |part: &str| format!("{part} of section {}", quoted(&s.title));
        text(
            out,
            &format!("the title of section {}", quoted(&o.title)),
            &o.title,
            &s.title,
        );
        paragraphs(out, &what("the introduction"), &o.intro, &s.intro);
        paragraphs(out, &what("the notes"), &o.notes, &s.notes);
        links(out, &what("the links"), &o.links, &s.links);
    }
    // Moves among the sections both have.
    for (s, before) in moved(&old.sections, &new.sections, |s| &s.id) {
        out.push(Change::MovedSection {
            title: s.title.clone(),
            before: before.map(|b| b.title.clone()),
        });
    }
}

fn questions(old: &Cycle, new: &Cycle, out: &mut Vec<Change>) {
    for s in &old.sections {
        for f in &s.fields {
            if new.field(&f.id).is_none() {
                out.push(Change::DeletedQuestion {
                    label: f.label.clone(),
                    section: s.title.clone(),
                });
            }
        }
    }
    for s in &new.sections {
        for f in &s.fields {
            let Some(o) = old.field(&f.id) else {
                out.push(Change::AddedQuestion {
                    label: f.label.clone(),
                    section: s.title.clone(),
                });
                continue;
            };
            let moved_section = old.section_of(&f.id).map(|os| &os.id) != Some(&s.id);
            if moved_section {
                out.push(Change::MovedQuestionTo {
                    label: f.label.clone(),
                    section: s.title.clone(),
                });
            }
            question(old, new, o, f, out);
        }
        // Moves within a section, among the questions that were in it before.
        let Some(os) = old.sections.iter().find(|o| o.id == s.id) else {
            continue;
        };
        for (f, before) in moved(&os.fields, &s.fields, |f| &f.id) {
            out.push(Change::MovedQuestion {
                label: f.label.clone(),
                before: before.map(|b| b.label.clone()),
            });
        }
    }
}

fn question(old_cycle: &Cycle, new_cycle: &Cycle, o: &Field, f: &Field, out: &mut Vec<Change>) {
    let mut part = |what: &str, from: String, to: String| {
        if from != to {
            out.push(Change::ChangedQuestion {
                label: f.label.clone(),
                what: what.into(),
                from,
                to,
            });
        }
    };
    part("text", say(&o.label), say(&f.label));
    part(
        "hint",
        say(o.hint.as_deref().unwrap_or("")),
        say(f.hint.as_deref().unwrap_or("")),
    );
    let required = |f: &Field| if f.optional { "optional" } else { "required" }.to_string();
    part("answer", required(o), required(f));
    part(
        "confidential setting",
        yes_no(o.confidential),
        yes_no(f.confidential),
    );
    part(
        "kind",
        o.kind.tag().title().into(),
        f.kind.tag().title().into(),
    );
    if o.kind.tag() == f.kind.tag() {
        for (what, from, to) in settings(&o.kind, &f.kind) {
            part(what, from, to);
        }
    }
    part(
        "rule",
        rule(old_cycle, o.required_when.as_ref()),
        rule(new_cycle, f.required_when.as_ref()),
    );
    part(
        "autocomplete token",
        say(o.autocomplete.as_deref().unwrap_or("")),
        say(f.autocomplete.as_deref().unwrap_or("")),
    );
    for key in crate::edit::MessageKey::ALL {
        part(
            &format!("message “{}”", key.title().to_lowercase()),
            say(key.get(o).unwrap_or("")),
            say(key.get(f).unwrap_or("")),
        );
    }
    options(o, f, out);
}

/// "required when ‘Would you like …’ is ‘Yes’", or "none".
fn rule(c: &Cycle, r: Option<&Condition>) -> String {
    let Some(r) = r else {
        return "none".into();
    };
    let target = c.field(&r.field);
    let label = target.map_or(r.field.as_str(), |t| t.label.as_str());
    let answer = target
        .and_then(|t| crate::kinds::switch_values(t, &c.texts))
        .and_then(|vs| vs.into_iter().find(|(v, _)| v == &r.equals).map(|(_, l)| l))
        .unwrap_or_else(|| r.equals.clone());
    format!("required when {} is {}", quoted(label), quoted(&answer))
}

/// The settings of two questions of the same kind that differ, as (what, from, to).
fn settings(o: &Kind, n: &Kind) -> Vec<(&'static str, String, String)> {
    let opt = |v: Option<String>| v.unwrap_or_else(|| "none".into());
    let num = |v: Option<i64>| opt(v.map(|n| n.to_string()));
    let date = |v: Option<crate::dates::IsoDate>| opt(v.map(crate::zones::date_in_words));
    let mut out = Vec::new();
    if o.max_length() != n.max_length() {
        out.push((
            "length limit",
            num(o.max_length().map(i64::from)),
            num(n.max_length().map(i64::from)),
        ));
    }
    match (o, n) {
        (Kind::Integer(a), Kind::Integer(b)) => {
            out.push(("smallest number", num(a.min), num(b.min)));
            out.push(("largest number", num(a.max), num(b.max)));
        }
        (Kind::Checkboxes(a), Kind::Checkboxes(b)) => {
            out.push((
                "fewest choices",
                num(a.min.map(i64::from)),
                num(b.min.map(i64::from)),
            ));
            out.push((
                "most choices",
                num(a.max.map(i64::from)),
                num(b.max.map(i64::from)),
            ));
        }
        (Kind::Date(a), Kind::Date(b)) => {
            out.push(("earliest date", date(a.min), date(b.min)));
            out.push(("latest date", date(a.max), date(b.max)));
        }
        (Kind::Select(a), Kind::Select(b)) => out.push((
            "placeholder",
            say(a.placeholder.as_deref().unwrap_or("")),
            say(b.placeholder.as_deref().unwrap_or("")),
        )),
        _ => {}
    }
    out.retain(|(_, a, b)| a != b);
    out
}

fn options(o: &Field, f: &Field, out: &mut Vec<Change>) {
    let question = f.label.clone();
    for c in o.options() {
        if !f.options().iter().any(|n| n.value == c.value) {
            out.push(Change::DeletedOption {
                option: c.label.clone(),
                question: question.clone(),
            });
        }
    }
    for c in f.options() {
        match o.options().iter().find(|x| x.value == c.value) {
            None => out.push(Change::AddedOption {
                option: c.label.clone(),
                question: question.clone(),
            }),
            Some(x) if x.label != c.label => out.push(Change::ChangedQuestion {
                label: question.clone(),
                what: "option".into(),
                from: quoted(&x.label),
                to: quoted(&c.label),
            }),
            Some(_) => {}
        }
    }
    for (c, _) in moved(o.options(), f.options(), |c| &c.value) {
        out.push(Change::MovedOption {
            option: c.label.clone(),
            question: question.clone(),
        });
    }
}

fn endpoint(old: &Cycle, new: &Cycle, out: &mut Vec<Change>) {
    let (o, n) = (&old.submit, &new.submit);
    text(out, "the endpoint URL", &o.url, &n.url);
    set(
        out,
        "the method",
        o.method.as_str().into(),
        n.method.as_str().into(),
    );
    set(
        out,
        "the encoding",
        o.encoding.name().into(),
        n.encoding.name().into(),
    );
    map(out, "the header", &o.headers, &n.headers);
    let names = |m: &BTreeMap<crate::ids::FieldId, String>| -> BTreeMap<String, String> {
        m.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
    };
    map(
        out,
        "the name sent for",
        &names(&o.field_names),
        &names(&n.field_names),
    );
    set(
        out,
        "the timeout (ms)",
        o.timeout_ms.to_string(),
        n.timeout_ms.to_string(),
    );
    set(
        out,
        "the retries",
        o.retries.to_string(),
        n.retries.to_string(),
    );
    set(
        out,
        "whether a redirect counts as sent",
        yes_no(o.accept_redirect),
        yes_no(n.accept_redirect),
    );
    let drafts = |c: &Cycle| c.drafts.as_ref().map_or(String::new(), |d| d.url.clone());
    text(out, "where drafts are saved", &drafts(old), &drafts(new));
    let origins = |c: &Cycle| c.embed.allowed_origins.join(", ");
    text(
        out,
        "the sites that may embed the form",
        &origins(old),
        &origins(new),
    );
}

fn map(
    out: &mut Vec<Change>,
    what: &str,
    o: &BTreeMap<String, String>,
    n: &BTreeMap<String, String>,
) {
    for (k, v) in o {
        let to = n.get(k).map_or_else(|| "nothing".into(), |x| say(x));
        if n.get(k) != Some(v) {
            set(out, &format!("{what} “{k}”"), say(v), to);
        }
    }
    for (k, v) in n {
        if !o.contains_key(k) {
            set(out, &format!("{what} “{k}”"), "nothing".into(), say(v));
        }
    }
}

fn texts(old: &Cycle, new: &Cycle, out: &mut Vec<Change>) {
    for &key in TextKey::ALL {
        let (a, b) = (old.texts.get(key), new.texts.get(key));
        text(out, &format!("the form's text “{}”", key.name()), a, b);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{
        apply, new_field, new_section, CycleEdit, Edit, FieldAt, FieldEdit, SectionAt,
    };
    use crate::ids::FieldId;
    use crate::kinds::FieldKind;

    fn mentor() -> Cycle {
        crate::parse(include_str!("../../public/cycles/fall-2020-mentor.json")).unwrap()
    }
    fn words(old: &Cycle, new: &Cycle) -> Vec<String> {
        changes(old, new).iter().map(ToString::to_string).collect()
    }

    #[test]
    fn nothing_changed_says_nothing() {
        let c = mentor();
        assert!(changes(&c, &c).is_empty());
    }

    #[test]
    fn the_closing_date_in_words() {
        let c = mentor();
        let later = crate::dates::DateTime::parse("2021-11-15T23:59:59-06:00").unwrap();
        let n = apply(&c, &Edit::Cycle(CycleEdit::ClosesAt(later))).unwrap();
        assert_eq!(
            words(&c, &n),
            ["Changed the closing date from Monday 16 November 2020, 11:59 pm Central to Monday 15 November 2021, 11:59 pm Central"]
        );
        let n = apply(
            &c,
            &Edit::Cycle(CycleEdit::Title("Fall 2021 Mentor Application".into())),
        )
        .unwrap();
        assert_eq!(
            words(&c, &n),
            ["Changed the title from ‘Fall 2020 Mentor Application’ to ‘Fall 2021 Mentor Application’"]
        );
    }

    #[test]
    fn added_moved_and_deleted() {
        let c = mentor();
        let goals = new_section(
            "Goals",
            &c,
            vec![new_field(FieldKind::Date, "Preferred start date", &c)],
        );
        let n = apply(
            &c,
            &Edit::AddSection {
                at: c.sections.len(),
                section: Box::new(goals),
            },
        )
        .unwrap();
        assert_eq!(
            words(&c, &n),
            [
                "Added section ‘Goals’",
                "Added question ‘Preferred start date’ to ‘Goals’"
            ]
        );
        // Gender after Ethnicity → "Moved section ‘Ethnicity’ before ‘Gender’".
        let gender = c.section_named("gender").unwrap().0;
        let n = apply(
            &c,
            &Edit::MoveSection {
                section: SectionAt::of(&c, gender).unwrap(),
                to: gender + 1,
            },
        )
        .unwrap();
        let w = words(&c, &n);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].starts_with("Moved section"), "{w:?}");
        let city = FieldId::new("city").unwrap();
        let (s, f) = FieldAt {
            section: 0,
            index: 0,
            id: city.clone(),
        }
        .resolve(&c)
        .unwrap();
        let n = apply(&c, &Edit::DeleteField(FieldAt::of(&c, s, f).unwrap())).unwrap();
        let w = words(&n, &n);
        assert!(w.is_empty());
        let w = words(&c, &n);
        assert!(
            w.contains(&"Deleted question ‘City’ from ‘About you’".to_string()),
            "{w:?}"
        );
        // City one place down within its section: one move, nothing else.
        let n = apply(
            &c,
            &Edit::MoveField {
                field: FieldAt::of(&c, s, f).unwrap(),
                to_section: SectionAt::of(&c, s).unwrap(),
                to: f + 1,
            },
        )
        .unwrap();
        let w = words(&c, &n);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].starts_with("Moved question"), "{w:?}");
    }

    #[test]
    fn options_and_settings() {
        let c = mentor();
        let id = FieldId::new("region_match").unwrap();
        let (s, f) = FieldAt {
            section: 0,
            index: 0,
            id: id.clone(),
        }
        .resolve(&c)
        .unwrap();
        let at = FieldAt::of(&c, s, f).unwrap();
        let label = c.field(&id).unwrap().label.clone();
        let first = c.field(&id).unwrap().options()[0].label.clone();
        let n = apply(&c, &Edit::Field(at.clone(), FieldEdit::DeleteOption(0))).unwrap();
        assert!(words(&c, &n).contains(&format!("Deleted option ‘{first}’ from ‘{label}’")));
        let n = apply(
            &c,
            &Edit::Field(at.clone(), FieldEdit::Hint(Some("New hint".into()))),
        )
        .unwrap();
        assert_eq!(words(&c, &n).len(), 1);
        let n = apply(
            &c,
            &Edit::Field(at, FieldEdit::MoveOption { from: 0, to: 9 }),
        )
        .unwrap();
        let w = words(&c, &n);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].starts_with("Moved option"), "{w:?}");
        let years = FieldId::new("years_experience").unwrap();
        let (s, f) = FieldAt {
            section: 0,
            index: 0,
            id: years,
        }
        .resolve(&c)
        .unwrap();
        let n = apply(
            &c,
            &Edit::Field(
                FieldAt::of(&c, s, f).unwrap(),
                FieldEdit::WholeMax(Some(70)),
            ),
        )
        .unwrap();
        let w = words(&c, &n);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].contains("largest number"), "{w:?}");
    }
}
