//! "Sections and questions": each section as a card (title, introduction,
//! notes, links, its questions), each question as a row with its buttons
//! and, when opened, every setting of its kind. Reordering is by buttons
//! (no dragging), and focus follows the item that moved.

use super::place::control_id;
use super::state::Editor;
use super::widgets::{
    check_row, links_editor, paragraphs_row, parse_whole, parsed_row, problems_at, read, text_row,
    write, Parse, Problems, TextLook,
};
use cycle::dates::IsoDate;
use cycle::edit::{
    new_field, new_section, quoted, Edit, FieldAt, FieldEdit, MessageKey, SectionAt, SectionEdit,
};
use cycle::kinds::{switch_values, FieldKind, Kind};
use cycle::model::{Condition, Field};
use cycle::Choice;
use cycle::{slug, ChoiceValue, Cycle, FieldId, Place, SectionId};
use leptos::prelude::*;
use std::sync::Arc;

fn field_at(c: &Cycle, s: usize, f: usize) -> Option<&Field> {
    c.sections.get(s)?.fields.get(f)
}

fn kind_at(c: &Cycle, s: usize, f: usize) -> Option<&Kind> {
    field_at(c, s, f).map(|x| &x.kind)
}

/// The id prefix of a question row's elements.
fn qid(s: usize, f: usize) -> String {
    format!("ed-q-{s}-{f}")
}

/// The id prefix of a section card's elements.
fn sid(s: usize) -> String {
    format!("ed-s-{s}")
}

#[component]
pub fn QuestionsPanel() -> impl IntoView {
    let ed = expect_context::<Editor>();
    let count = Memo::new(move |_| ed.cycle.with(|c| c.sections.len()));
    let sections_place = Place::root().key("sections");
    let sections_id = control_id(&sections_place);
    view! {
        <h3 class="ed-heading" id="ed-h-sections" tabindex="-1">"Sections and questions"</h3>
        <p class="mf-hint">"Each section is one page of the form. Open a question with its Edit button; the preview shows the section you are working in."</p>
        <div id=sections_id.clone() tabindex="-1">
            <Problems id=sections_id.clone() problems=problems_at(ed, &sections_id)/>
        </div>
        <For each=move || 0..count.get() key=|i| *i let:index>
            <SectionCard index=index/>
        </For>
        <button
            type="button"
            class="mf-button ed-add"
            id="ed-add-section"
            on:click=move |_| {
                let (at, section) = ed.cycle.with_untracked(|c| (c.sections.len(), new_section("New section", c, Vec::new())));
                ed.edit(Edit::AddSection { at, section: Box::new(section) }, None);
                ed.section.set(at);
                ed.focus(control_id(&Place::root().key("sections").index(at).key("title")));
            }
        >
            "Add section"
        </button>
    }
}

#[component]
fn SectionCard(index: usize) -> impl IntoView {
    let ed = expect_context::<Editor>();
    let s = index;
    let place = Place::root().key("sections").index(s);
    let title = Memo::new(move |_| {
        ed.cycle.with(|c| {
            c.sections
                .get(s)
                .map(|x| x.title.clone())
                .unwrap_or_default()
        })
    });
    let nfields = Memo::new(move |_| {
        ed.cycle
            .with(|c| c.sections.get(s).map_or(0, |x| x.fields.len()))
    });
    let nsections = Memo::new(move |_| ed.cycle.with(|c| c.sections.len()));
    let at = move || ed.cycle.with_untracked(|c| SectionAt::of(c, s));
    let move_to = move |to: usize| {
        if let Some(section) = at() {
            ed.edit(Edit::MoveSection { section, to }, None);
            ed.section.set(to);
            let which = if to < s { "up" } else { "down" };
            ed.focus(format!("{}-{which}", sid(to)));
        }
    };
    let delete = move |_| {
        if let Some(section) = at() {
            ed.edit(Edit::DeleteSection(section), None);
            ed.question.set(None);
            let left = ed.cycle.with_untracked(|c| c.sections.len());
            if left == 0 {
                ed.focus("ed-add-section".into());
            } else {
                let next = s.min(left - 1);
                ed.section.set(next);
                ed.focus(format!("{}-heading", sid(next)));
            }
        }
    };
    let title_set = {
        let get_id = move |c: &Cycle| c.sections.get(s).map(|x| x.id.clone());
        write(move |t: String| {
            let section = ed.cycle.with_untracked(|c| SectionAt::of(c, s))?;
            let old = ed.cycle.with_untracked(|c| get_id(c))?;
            let id = (!ed.section_id_is_kept(&old)).then(|| {
                ed.cycle
                    .with_untracked(|c| slug::section_id(&t, c, Some(&old)))
            });
            Some(Edit::Section(section, SectionEdit::Title { title: t, id }))
        })
    };
    let questions_place = place.key("fields");
    let questions_id = control_id(&questions_place);
    let kind_choice = RwSignal::new(FieldKind::Text);
    let kind_select_id = format!("{}-kind", sid(s));
    let add_question = move |_| {
        let Some(section) = at() else { return };
        let kind = kind_choice.get_untracked();
        let (field, n) = ed.cycle.with_untracked(|c| {
            (
                new_field(kind, "New question", c),
                c.sections.get(s).map_or(0, |x| x.fields.len()),
            )
        });
        ed.edit(
            Edit::AddField {
                section,
                at: n,
                field: Box::new(field),
            },
            None,
        );
        ed.question.set(Some((s, n)));
        ed.focus(control_id(&Place::field(s, n).key("label")));
    };
    let section_words = move || {
        let n = nfields.get();
        format!(
            " section {} and its {n} question{}",
            quoted(&title.get()),
            if n == 1 { "" } else { "s" }
        )
    };
    view! {
        <section
            class="ed-card ed-section"
            aria-labelledby=format!("{}-heading", sid(s))
            on:focusin=move |_| {
                if ed.section.get_untracked() != s {
                    ed.section.set(s);
                }
            }
        >
            <h4 class="ed-card__title" id=format!("{}-heading", sid(s)) tabindex="-1">
                {move || format!("Section {} of {}: {}", s + 1, nsections.get(), title.get())}
            </h4>
            <div class="ed-actions">
                <button type="button" class="mf-button mf-button--secondary ed-small" id=format!("{}-up", sid(s))
                    aria-disabled=move || (s == 0).then_some("true")
                    on:click=move |_| { if s > 0 { move_to(s - 1) } }>
                    "Move up"<span class="mf-visually-hidden">{move || format!(" section {}", quoted(&title.get()))}</span>
                </button>
                <button type="button" class="mf-button mf-button--secondary ed-small" id=format!("{}-down", sid(s))
                    aria-disabled=move || (s + 1 >= nsections.get()).then_some("true")
                    on:click=move |_| { if s + 1 < nsections.get_untracked() { move_to(s + 1) } }>
                    "Move down"<span class="mf-visually-hidden">{move || format!(" section {}", quoted(&title.get()))}</span>
                </button>
                <button type="button" class="mf-button mf-button--warning ed-small" id=format!("{}-delete", sid(s)) on:click=delete>
                    "Delete"<span class="mf-visually-hidden">{section_words}</span>
                </button>
            </div>
            {text_row(ed, &place.key("title"), "Section title", None, TextLook::Line,
                read(move |c| c.sections.get(s).map(|x| x.title.clone()).unwrap_or_default()), title_set)}
            <details class="ed-more">
                <summary>"Introduction, notes and links"</summary>
                {paragraphs_row(ed, &place.key("intro"), "Introduction", None,
                    read(move |c| c.sections.get(s).map(|x| x.intro.clone()).unwrap_or_default()),
                    write(move |p| Some(Edit::Section(ed.cycle.with_untracked(|c| SectionAt::of(c, s))?, SectionEdit::Intro(p)))))}
                {paragraphs_row(ed, &place.key("notes"), "Notes", Some("Shown in a box under the introduction.".into()),
                    read(move |c| c.sections.get(s).map(|x| x.notes.clone()).unwrap_or_default()),
                    write(move |p| Some(Edit::Section(ed.cycle.with_untracked(|c| SectionAt::of(c, s))?, SectionEdit::Notes(p)))))}
                {links_editor(ed, &place.key("links"), "Links in this section",
                    read(move |c| c.sections.get(s).map(|x| x.links.clone()).unwrap_or_default()),
                    write(move |l| Some(Edit::Section(ed.cycle.with_untracked(|c| SectionAt::of(c, s))?, SectionEdit::Links(l)))))}
            </details>
            <details class="ed-advanced">
                <summary>"Advanced: the section's id"</summary>
                {parsed_row(ed, &place.key("id"), "Section id",
                    Some("Part of the page's address. Lower-case letters, digits, - and _.".into()), "text",
                    read(move |c| c.sections.get(s).map(|x| x.id.to_string()).unwrap_or_default()),
                    Arc::new(|t: &str| SectionId::new(t.trim()).ok_or_else(|| cycle::ids::slug_problem(t.trim()))),
                    write(move |id| Some(Edit::Section(ed.cycle.with_untracked(|c| SectionAt::of(c, s))?, SectionEdit::Id(id)))))}
            </details>
            <h5 class="ed-subheading" id=questions_id.clone() tabindex="-1">
                {move || format!("Questions in {}", title.get())}
            </h5>
            <Problems id=questions_id.clone() problems=problems_at(ed, &questions_id)/>
            <ol class="ed-questions">
                <For each=move || 0..nfields.get() key=|i| *i let:f>
                    <QuestionRow s=s f=f/>
                </For>
            </ol>
            <div class="ed-add-question">
                <div class="mf-field">
                    <label class="mf-label" for=kind_select_id.clone()>"Kind of question"</label>
                    <div class="mf-hint" id=format!("{kind_select_id}-hint")>{move || kind_choice.get().description()}</div>
                    <select class="mf-select" id=kind_select_id.clone() aria-describedby=format!("{kind_select_id}-hint")
                        on:change=move |ev| {
                            if let Some(k) = FieldKind::named(&event_target_value(&ev)) {
                                kind_choice.set(k);
                            }
                        }
                    >
                        {FieldKind::ALL.into_iter().map(|k| view! {
                            <option value=k.name() selected=move || kind_choice.get() == k>{k.title()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <button type="button" class="mf-button ed-add" id=format!("{}-add", sid(s)) on:click=add_question>
                    "Add question"<span class="mf-visually-hidden">{move || format!(" to {}", quoted(&title.get()))}</span>
                </button>
            </div>
        </section>
    }
}

#[component]
fn QuestionRow(s: usize, f: usize) -> impl IntoView {
    let ed = expect_context::<Editor>();
    let label = Memo::new(move |_| {
        ed.cycle.with(|c| {
            field_at(c, s, f)
                .map(|x| x.label.clone())
                .unwrap_or_default()
        })
    });
    let kind = Memo::new(move |_| ed.cycle.with(|c| field_at(c, s, f).map(|x| x.kind.tag())));
    let optional = Memo::new(move |_| {
        ed.cycle
            .with(|c| field_at(c, s, f).is_some_and(|x| x.optional))
    });
    let open = move || ed.question.get() == Some((s, f));
    let prefix = Place::field(s, f);
    let has_problem = Memo::new(move |_| {
        ed.problems
            .with(|ps| ps.iter().any(|p| p.place.starts_with(&prefix)))
    });
    let at = move || ed.cycle.with_untracked(|c| FieldAt::of(c, s, f));
    let shape = move || {
        ed.cycle.with_untracked(|c| {
            c.sections
                .iter()
                .map(|x| x.fields.len())
                .collect::<Vec<_>>()
        })
    };
    let go = move |to_s: usize, to_f: usize, button: &'static str| {
        let (Some(field), Some(to_section)) =
            (at(), ed.cycle.with_untracked(|c| SectionAt::of(c, to_s)))
        else {
            return;
        };
        let was_open = ed.question.get_untracked() == Some((s, f));
        ed.edit(
            Edit::MoveField {
                field,
                to_section,
                to: to_f,
            },
            None,
        );
        if was_open {
            ed.question.set(Some((to_s, to_f)));
        }
        ed.section.set(to_s);
        ed.focus(format!("{}-{button}", qid(to_s, to_f)));
    };
    let up_target = move || {
        let sizes = shape();
        if f > 0 {
            Some((s, f - 1))
        } else if s > 0 {
            Some((s - 1, sizes.get(s - 1).copied().unwrap_or(0)))
        } else {
            None
        }
    };
    let down_target = move || {
        let sizes = shape();
        let here = sizes.get(s).copied().unwrap_or(0);
        if f + 1 < here {
            Some((s, f + 1))
        } else if s + 1 < sizes.len() {
            Some((s + 1, 0))
        } else {
            None
        }
    };
    let up_disabled = move || {
        ed.cycle.track();
        up_target().is_none().then_some("true")
    };
    let down_disabled = move || {
        ed.cycle.track();
        down_target().is_none().then_some("true")
    };
    let duplicate = move |_| {
        let Some(field) = at() else { return };
        let id = ed.cycle.with_untracked(|c| {
            slug::field_id(
                &field_at(c, s, f)
                    .map(|x| x.label.clone())
                    .unwrap_or_default(),
                c,
                None,
            )
        });
        ed.edit(Edit::DuplicateField { field, id }, None);
        ed.focus(format!("{}-edit", qid(s, f + 1)));
    };
    let delete = move |_| {
        let Some(field) = at() else { return };
        ed.edit(Edit::DeleteField(field), None);
        let left = ed
            .cycle
            .with_untracked(|c| c.sections.get(s).map_or(0, |x| x.fields.len()));
        match ed.question.get_untracked() {
            Some((qs, qf)) if qs == s && qf == f => ed.question.set(None),
            Some((qs, qf)) if qs == s && qf > f => ed.question.set(Some((qs, qf - 1))),
            _ => {}
        }
        if f < left {
            ed.focus(format!("{}-edit", qid(s, f)));
        } else if f > 0 {
            ed.focus(format!("{}-edit", qid(s, f - 1)));
        } else {
            ed.focus(control_id(
                &Place::root().key("sections").index(s).key("fields"),
            ));
        }
    };
    let named = move || format!(" question {}", quoted(&label.get()));
    let name_id = format!("{}-name", qid(s, f));
    view! {
        <li class="ed-question"><div role="group" aria-labelledby=name_id.clone()>
            <div class="ed-question__head">
                <span class="ed-question__label" id=name_id.clone()>
                    {move || { let l = label.get(); if l.trim().is_empty() { "(no question text yet)".to_string() } else { l } }}
                </span>
                <span class="ed-question__kind">
                    {move || kind.get().map(|k| k.title()).unwrap_or("")}
                    {move || if optional.get() { ", optional" } else { "" }}
                </span>
                <Show when=move || has_problem.get()>
                    <strong class="ed-question__problem">"Has a problem"</strong>
                </Show>
            </div>
            <div class="ed-actions">
                <button type="button" class="mf-button mf-button--secondary ed-small" id=format!("{}-edit", qid(s, f))
                    aria-expanded=move || if open() { "true" } else { "false" }
                    on:click=move |_| {
                        if ed.question.get_untracked() == Some((s, f)) {
                            ed.question.set(None);
                        } else {
                            ed.question.set(Some((s, f)));
                            ed.section.set(s);
                        }
                        ed.remember_place();
                    }>
                    {move || if open() { "Close" } else { "Edit" }}<span class="mf-visually-hidden">{named}</span>
                </button>
                <button type="button" class="mf-button mf-button--secondary ed-small" id=format!("{}-up", qid(s, f))
                    aria-disabled=up_disabled
                    on:click=move |_| { if let Some((ts, tf)) = up_target() { go(ts, tf, "up") } }>
                    "Move up"<span class="mf-visually-hidden">{named}</span>
                </button>
                <button type="button" class="mf-button mf-button--secondary ed-small" id=format!("{}-down", qid(s, f))
                    aria-disabled=down_disabled
                    on:click=move |_| { if let Some((ts, tf)) = down_target() { go(ts, tf, "down") } }>
                    "Move down"<span class="mf-visually-hidden">{named}</span>
                </button>
                <button type="button" class="mf-button mf-button--secondary ed-small" id=format!("{}-duplicate", qid(s, f)) on:click=duplicate>
                    "Duplicate"<span class="mf-visually-hidden">{named}</span>
                </button>
                <button type="button" class="mf-button mf-button--warning ed-small" id=format!("{}-delete", qid(s, f)) on:click=delete>
                    "Delete"<span class="mf-visually-hidden">{named}</span>
                </button>
            </div>
            <Show when=open>
                <QuestionForm s=s f=f/>
            </Show>
        </div></li>
    }
}

/// Makes a question edit for the question at (s, f) as it is now.
fn fedit(ed: Editor, s: usize, f: usize, e: FieldEdit) -> Option<Edit> {
    let at = ed.cycle.with_untracked(|c| FieldAt::of(c, s, f))?;
    Some(Edit::Field(at, e))
}

fn opt_text(t: String) -> Option<String> {
    (!t.trim().is_empty()).then_some(t)
}

#[component]
fn QuestionForm(s: usize, f: usize) -> impl IntoView {
    let ed = expect_context::<Editor>();
    let place = Place::field(s, f);
    let kind = Memo::new(move |_| ed.cycle.with(|c| field_at(c, s, f).map(|x| x.kind.tag())));
    let label = Memo::new(move |_| {
        ed.cycle
            .with(|c| field_at(c, s, f).map(|x| x.label.clone()))
    });
    let optional = Memo::new(move |_| {
        ed.cycle
            .with(|c| field_at(c, s, f).is_some_and(|x| x.optional))
    });
    let has_rule = Memo::new(move |_| {
        ed.cycle
            .with(|c| field_at(c, s, f).is_some_and(|x| x.required_when.is_some()))
    });
    let label_set = write(move |label: String| {
        let old = ed
            .cycle
            .with_untracked(|c| field_at(c, s, f).map(|x| x.id.clone()))?;
        let id = (!ed.field_id_is_kept(&old)).then(|| {
            ed.cycle
                .with_untracked(|c| slug::field_id(&label, c, Some(&old)))
        });
        fedit(ed, s, f, FieldEdit::Label { label, id })
    });
    let kind_id = control_id(&place.key("kind"));
    let kind_problems = problems_at(ed, &kind_id);
    let settings = move || kind.get().map(|k| view! { <KindSettings s=s f=f kind=k/> });
    let messages_place = place.clone();
    view! {
        <div class="ed-question__form">
            {text_row(ed, &place.key("label"), "Question", None, TextLook::Area,
                read(move |c| field_at(c, s, f).map(|x| x.label.clone()).unwrap_or_default()), label_set)}
            {text_row(ed, &place.key("hint"), "Hint", Some("Optional. Shown under the question.".into()), TextLook::Area,
                read(move |c| field_at(c, s, f).and_then(|x| x.hint.clone()).unwrap_or_default()),
                write(move |h: String| fedit(ed, s, f, FieldEdit::Hint(opt_text(h)))))}
            <div class="mf-field">
                <label class="mf-label" for=kind_id.clone()>"Kind of question"</label>
                <div class="mf-hint" id=format!("{kind_id}-hint")>{move || kind.get().map(|k| k.description()).unwrap_or("")}</div>
                <Problems id=kind_id.clone() problems=kind_problems/>
                <select class="mf-select" id=kind_id.clone() aria-describedby=format!("{kind_id}-hint")
                    on:change=move |ev| {
                        if let Some(k) = FieldKind::named(&event_target_value(&ev)) {
                            if let Some(e) = fedit(ed, s, f, FieldEdit::Kind(k)) { ed.edit(e, None) }
                        }
                    }>
                    {FieldKind::ALL.into_iter().map(|k| view! {
                        <option value=k.name() selected=move || kind.get() == Some(k)>{k.title()}</option>
                    }).collect_view()}
                </select>
            </div>
            {check_row(ed, &place.key("optional"), "Optional", Some("Applicants may leave it blank; the form labels it “(optional)”.".into()),
                read(move |c| field_at(c, s, f).is_some_and(|x| x.optional)),
                write(move |b| fedit(ed, s, f, FieldEdit::Optional(b))))}
            // Also shown for a required question that has a rule (a file can
            // say so; the check then points here).
            <Show when=move || optional.get() || has_rule.get()>
                <RequiredWhen s=s f=f/>
            </Show>
            {check_row(ed, &place.key("confidential"), "Confidential", Some("Shows the confidentiality note beside it; the staff workbench hides the answer until asked.".into()),
                read(move |c| field_at(c, s, f).is_some_and(|x| x.confidential)),
                write(move |b| fedit(ed, s, f, FieldEdit::Confidential(b))))}
            {settings}
            <details class="ed-more">
                <summary>"Messages"</summary>
                <p class="mf-hint">"Leave a message blank to use the one the form makes from the question."</p>
                {move || {
                    // The built messages quote the question: shown anew when
                    // it is renamed (and only then, so typing a message keeps
                    // its box).
                    label.track();
                    kind.get().map(|k| MessageKey::ALL.into_iter().filter(|m| m.applies_to(k)).map(|m| {
                    let built = ed.cycle.with_untracked(|c| {
                        let mut x = field_at(c, s, f)?.clone();
                        x.messages = Default::default();
                        match m {
                            MessageKey::Required => Some(x.missing_message(c)),
                            MessageKey::Format => x.format_message(&c.texts),
                            MessageKey::TooLong | MessageKey::Range => None,
                        }
                    });
                    text_row(ed, &messages_place.key("messages").key(m.name()), m.title(),
                        built.map(|b| format!("Blank: “{b}”")), TextLook::Line,
                        read(move |c| field_at(c, s, f).and_then(|x| m.get(x).map(str::to_string)).unwrap_or_default()),
                        write(move |t: String| fedit(ed, s, f, FieldEdit::Message(m, opt_text(t)))))
                }).collect_view())
                }}
            </details>
            <MoveToSection s=s f=f/>
            <details class="ed-advanced" open=move || ed.problems_at.with(|m| m.contains_key(&control_id(&Place::field(s, f).key("id"))))>
                <summary>"Advanced: id and autocomplete"</summary>
                {parsed_row(ed, &place.key("id"), "Question id",
                    Some("The answer's name in the file the endpoint receives and in the export. Made from the question until the cycle is saved; kept after that. Lower-case letters, digits, - and _.".into()),
                    "text",
                    read(move |c| field_at(c, s, f).map(|x| x.id.to_string()).unwrap_or_default()),
                    Arc::new(|t: &str| FieldId::new(t.trim()).ok_or_else(|| cycle::ids::slug_problem(t.trim()))),
                    write(move |id: FieldId| fedit(ed, s, f, FieldEdit::Id(id))))}
                {text_row(ed, &place.key("autocomplete"), "Autocomplete token", Some("Optional, for browsers that fill forms in: given-name, family-name, email, tel, …".into()), TextLook::Short,
                    read(move |c| field_at(c, s, f).and_then(|x| x.autocomplete.clone()).unwrap_or_default()),
                    write(move |t: String| fedit(ed, s, f, FieldEdit::Autocomplete(opt_text(t)))))}
            </details>
        </div>
    }
}

#[component]
fn KindSettings(s: usize, f: usize, kind: FieldKind) -> impl IntoView {
    let ed = expect_context::<Editor>();
    let place = Place::field(s, f);
    let num = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
    let max_length = move || {
        parsed_row(
            ed,
            &place.key("max_length"),
            "Longest answer (characters)",
            Some("Optional.".into()),
            "text",
            read(move |c| num(kind_at(c, s, f).and_then(|k| k.max_length()).map(i64::from))),
            Arc::new(|t: &str| match parse_whole::<u32>(t, "0 or more")? {
                Some(0) => Err("The longest answer is at least 1 character".to_string()),
                other => Ok(other),
            }),
            write(move |n| fedit(ed, s, f, FieldEdit::MaxLength(n))),
        )
    };
    let place2 = Place::field(s, f);
    let range = move |lo: &'static str, hi: &'static str| {
        // A checkbox count is 0 or more; an integer's bound is any whole number.
        let bound: Parse<Option<i64>> = Arc::new(move |t: &str| match kind {
            FieldKind::Checkboxes => parse_whole::<u32>(t, "0 or more").map(|n| n.map(i64::from)),
            _ => parse_whole(t, "like 10"),
        });
        view! {
            {parsed_row(ed, &place2.key("min"), lo, Some("Optional.".into()), "text",
                read(move |c| match kind_at(c, s, f) { Some(Kind::Integer(x)) => num(x.min), Some(Kind::Checkboxes(x)) => num(x.min.map(i64::from)), _ => String::new() }),
                bound.clone(),
                write(move |n: Option<i64>| fedit(ed, s, f, match kind {
                    FieldKind::Checkboxes => FieldEdit::CountMin(n.and_then(|n| u32::try_from(n).ok())),
                    _ => FieldEdit::WholeMin(n),
                })))}
            {parsed_row(ed, &place2.key("max"), hi, Some("Optional.".into()), "text",
                read(move |c| match kind_at(c, s, f) { Some(Kind::Integer(x)) => num(x.max), Some(Kind::Checkboxes(x)) => num(x.max.map(i64::from)), _ => String::new() }),
                bound.clone(),
                write(move |n: Option<i64>| fedit(ed, s, f, match kind {
                    FieldKind::Checkboxes => FieldEdit::CountMax(n.and_then(|n| u32::try_from(n).ok())),
                    _ => FieldEdit::WholeMax(n),
                })))}
        }
    };
    let place3 = Place::field(s, f);
    let dates = move || {
        let parse = Arc::new(|t: &str| {
            let t = t.trim();
            if t.is_empty() {
                Ok(None)
            } else {
                IsoDate::parse(t)
                    .map(Some)
                    .ok_or_else(|| "Enter a real date".to_string())
            }
        });
        view! {
            {parsed_row(ed, &place3.key("min"), "Earliest date", Some("Optional.".into()), "date",
                read(move |c| match kind_at(c, s, f) { Some(Kind::Date(r)) => r.min.map(|d| d.to_string()).unwrap_or_default(), _ => String::new() }),
                parse.clone(),
                write(move |d| fedit(ed, s, f, FieldEdit::DateMin(d))))}
            {parsed_row(ed, &place3.key("max"), "Latest date", Some("Optional.".into()), "date",
                read(move |c| match kind_at(c, s, f) { Some(Kind::Date(r)) => r.max.map(|d| d.to_string()).unwrap_or_default(), _ => String::new() }),
                parse,
                write(move |d| fedit(ed, s, f, FieldEdit::DateMax(d))))}
        }
    };
    let place4 = Place::field(s, f);
    let placeholder = move || {
        text_row(
            ed,
            &place4.key("placeholder"),
            "First entry of the list",
            Some("Optional, such as “Select a state”.".into()),
            TextLook::Line,
            read(move |c| match kind_at(c, s, f) {
                Some(Kind::Select(x)) => x.placeholder.clone().unwrap_or_default(),
                _ => String::new(),
            }),
            write(move |t: String| fedit(ed, s, f, FieldEdit::Placeholder(opt_text(t)))),
        )
    };
    let body = match kind {
        FieldKind::Text | FieldKind::Email | FieldKind::Phone | FieldKind::Textarea | FieldKind::Url => max_length().into_any(),
        FieldKind::Integer => view! { {max_length()} {range("Smallest number", "Largest number")} }.into_any(),
        FieldKind::Select => view! { <Options s=s f=f/> {placeholder()} }.into_any(),
        FieldKind::Radio => view! { <Options s=s f=f/> }.into_any(),
        FieldKind::Checkboxes => view! { <Options s=s f=f/> {range("Fewest choices", "Most choices")} }.into_any(),
        FieldKind::Date => dates().into_any(),
        FieldKind::Checkbox => view! { <p class="mf-hint">"A confirmation box has no settings: its question is the statement applicants tick."</p> }.into_any(),
        FieldKind::Rating => view! { <p class="mf-hint">"A rating uses the cycle's rating scale (The cycle, Rating scale)."</p> }.into_any(),
    };
    view! { <div class="ed-settings">{body}</div> }
}

#[component]
fn Options(s: usize, f: usize) -> impl IntoView {
    let ed = expect_context::<Editor>();
    let place = Place::field(s, f).key("options");
    let list_id = control_id(&place);
    let count = Memo::new(move |_| {
        ed.cycle
            .with(|c| field_at(c, s, f).map_or(0, |x| x.options().len()))
    });
    let heading = format!("{list_id}-legend");
    let heading_ref = heading.clone();
    let add = move |_| {
        let choice = ed.cycle.with_untracked(|c| {
            let options = field_at(c, s, f)?.options().to_vec();
            let label = format!("Option {}", options.len() + 1);
            let value = slug::choice_value(&label, &options, None);
            Some(Choice { value, label })
        });
        if let Some(e) = choice.and_then(|c| fedit(ed, s, f, FieldEdit::AddOption(c))) {
            ed.edit(e, None);
            let n = count.get_untracked();
            ed.focus(control_id(
                &Place::field(s, f)
                    .key("options")
                    .index(n.saturating_sub(1))
                    .key("label"),
            ));
        }
    };
    view! {
        <div class="ed-list" role="group" aria-labelledby=heading_ref id=list_id.clone() tabindex="-1">
            <h5 class="ed-subheading" id=heading>"Options, in order"</h5>
            <Problems id=list_id.clone() problems=problems_at(ed, &list_id)/>
            <ol class="ed-rows">
                <For each=move || 0..count.get() key=|i| *i let:i>
                    <OptionRow s=s f=f i=i/>
                </For>
            </ol>
            <button type="button" class="mf-button mf-button--secondary ed-small" id=format!("{list_id}-add") on:click=add>
                "Add option"
            </button>
        </div>
    }
}

#[component]
fn OptionRow(s: usize, f: usize, i: usize) -> impl IntoView {
    let ed = expect_context::<Editor>();
    let place = Place::field(s, f).key("options").index(i);
    let get = move |c: &Cycle| field_at(c, s, f).and_then(|x| x.options().get(i).cloned());
    let label = Memo::new(move |_| {
        ed.cycle
            .with(|c| get(c).map(|o| o.label).unwrap_or_default())
    });
    let count = Memo::new(move |_| {
        ed.cycle
            .with(|c| field_at(c, s, f).map_or(0, |x| x.options().len()))
    });
    let label_set = write(move |text: String| {
        let (field_id, old) = ed
            .cycle
            .with_untracked(|c| Some((field_at(c, s, f)?.id.clone(), get(c)?.value)))?;
        let value = (!ed.choice_is_kept(&field_id, old.as_str())).then(|| {
            ed.cycle.with_untracked(|c| {
                let options = field_at(c, s, f)
                    .map(|x| x.options().to_vec())
                    .unwrap_or_default();
                slug::choice_value(&text, &options, Some(i))
            })
        });
        fedit(
            ed,
            s,
            f,
            FieldEdit::OptionLabel {
                index: i,
                label: text,
                value,
            },
        )
    });
    let row_id = format!("{}-o{i}", qid(s, f));
    let move_to = move |to: usize, button: &'static str| {
        if let Some(e) = fedit(ed, s, f, FieldEdit::MoveOption { from: i, to }) {
            ed.edit(e, None);
            ed.focus(format!("{}-o{to}-{button}", qid(s, f)));
        }
    };
    let named = move || format!(" option {}", quoted(&label.get()));
    view! {
        <li class="ed-row ed-option">
            {text_row(ed, &place.key("label"), format!("Option {}", i + 1), None, TextLook::Line,
                read(move |c| get(c).map(|o| o.label).unwrap_or_default()), label_set)}
            <div class="ed-actions">
                <button type="button" class="mf-button mf-button--secondary ed-small" id=format!("{row_id}-up")
                    aria-disabled=move || (i == 0).then_some("true")
                    on:click=move |_| { if i > 0 { move_to(i - 1, "up") } }>
                    "Move up"<span class="mf-visually-hidden">{named}</span>
                </button>
                <button type="button" class="mf-button mf-button--secondary ed-small" id=format!("{row_id}-down")
                    aria-disabled=move || (i + 1 >= count.get()).then_some("true")
                    on:click=move |_| { if i + 1 < count.get_untracked() { move_to(i + 1, "down") } }>
                    "Move down"<span class="mf-visually-hidden">{named}</span>
                </button>
                <button type="button" class="mf-button mf-button--warning ed-small" id=format!("{row_id}-delete")
                    on:click=move |_| {
                        if let Some(e) = fedit(ed, s, f, FieldEdit::DeleteOption(i)) {
                            ed.edit(e, None);
                            let left = count.get_untracked();
                            let list = control_id(&Place::field(s, f).key("options"));
                            if left == 0 { ed.focus(format!("{list}-add")) } else { ed.focus(format!("{}-o{}-delete", qid(s, f), i.min(left - 1))) }
                        }
                    }>
                    "Delete"<span class="mf-visually-hidden">{named}</span>
                </button>
            </div>
            <details class="ed-advanced">
                <summary>"Advanced: the value sent"</summary>
                {parsed_row(ed, &place.key("value"), format!("Value sent for option {}", i + 1),
                    Some("Made from the option's words until the cycle is saved; kept after that.".into()), "text",
                    read(move |c| get(c).map(|o| o.value.to_string()).unwrap_or_default()),
                    Arc::new(|t: &str| ChoiceValue::new(t.trim()).ok_or_else(|| cycle::ids::choice_problem(t.trim()))),
                    write(move |value| fedit(ed, s, f, FieldEdit::OptionValue { index: i, value })))}
            </details>
        </li>
    }
}

/// "Required when": an earlier question and one of its answers.
#[component]
fn RequiredWhen(s: usize, f: usize) -> impl IntoView {
    let ed = expect_context::<Editor>();
    let place = Place::field(s, f).key("required_when");
    let id = control_id(&place);
    let problems = problems_at(ed, &id);
    // Every earlier question that can switch a requirement, with its answers.
    let choices = Memo::new(move |_| {
        ed.cycle.with(|c| {
            let mut out: Vec<(String, Vec<(String, String)>)> = Vec::new();
            'all: for (si, sec) in c.sections.iter().enumerate() {
                for (fi, q) in sec.fields.iter().enumerate() {
                    if (si, fi) == (s, f) {
                        break 'all;
                    }
                    if let Some(values) = switch_values(q, &c.texts) {
                        let options = values
                            .into_iter()
                            .map(|(v, words)| {
                                (
                                    format!("{}={v}", q.id),
                                    format!("When {} is {}", quoted(&q.label), quoted(&words)),
                                )
                            })
                            .collect();
                        out.push((q.label.clone(), options));
                    }
                }
            }
            out
        })
    });
    let current = Memo::new(move |_| {
        ed.cycle.with(|c| {
            field_at(c, s, f)
                .and_then(|x| x.required_when.as_ref())
                .map(|r| format!("{}={}", r.field, r.equals))
                .unwrap_or_default()
        })
    });
    let describe = {
        let id = id.clone();
        move || {
            let mut ids = vec![format!("{id}-hint")];
            if !problems.with(Vec::is_empty) {
                ids.push(format!("{id}-error"));
            }
            ids.join(" ")
        }
    };
    view! {
        <div class=move || if problems.with(Vec::is_empty) { "mf-field ed-field" } else { "mf-field ed-field mf-field--error" }>
            <label class="mf-label" for=id.clone()>"Required when"</label>
            <div class="mf-hint" id=format!("{id}-hint")>"An optional question can become required by an earlier answer."</div>
            <Problems id=id.clone() problems=problems/>
            <select class="mf-select ed-wide" id=id.clone() aria-describedby=describe
                aria-invalid=move || (!problems.with(Vec::is_empty)).then_some("true")
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    let rule = v.split_once('=').and_then(|(field, equals)| Some(Condition { field: FieldId::new(field)?, equals: equals.to_string() }));
                    if let Some(e) = fedit(ed, s, f, FieldEdit::RequiredWhen(rule)) { ed.edit(e, None) }
                }>
                <option value="" selected=move || current.get().is_empty()>"Never: it stays optional"</option>
                {move || {
                    let now = current.get();
                    let listed = choices.with(|c| c.iter().any(|(_, o)| o.iter().any(|(v, _)| *v == now)));
                    let missing = (!now.is_empty() && !listed).then(|| {
                        let words = format!("A rule naming {} (not an earlier question's answer)", now.replace('=', " = "));
                        view! { <option value=now.clone() selected=true>{words}</option> }
                    });
                    let groups = choices.get().into_iter().map(|(label, options)| {
                        let now = now.clone();
                        view! {
                            <optgroup label=label>
                                {options.into_iter().map(|(v, words)| { let sel = v == now; view! { <option value=v selected=sel>{words}</option> } }).collect_view()}
                            </optgroup>
                        }
                    }).collect_view();
                    view! { {missing} {groups} }
                }}
            </select>
        </div>
    }
}

#[component]
fn MoveToSection(s: usize, f: usize) -> impl IntoView {
    let ed = expect_context::<Editor>();
    let id = format!("{}-to-section", qid(s, f));
    let target = RwSignal::new(s);
    let titles = Memo::new(move |_| {
        ed.cycle.with(|c| {
            c.sections
                .iter()
                .map(|x| x.title.clone())
                .collect::<Vec<_>>()
        })
    });
    view! {
        <div class="mf-field ed-move-to">
            <label class="mf-label" for=id.clone()>"Move to another section"</label>
            <div class="ed-inline">
                <select class="mf-select" id=id.clone() on:change=move |ev| {
                    if let Ok(n) = event_target_value(&ev).parse::<usize>() { target.set(n) }
                }>
                    {move || titles.get().into_iter().enumerate().map(|(i, t)| {
                        view! { <option value=i.to_string() selected=move || target.get() == i>{format!("{}. {t}", i + 1)}</option> }
                    }).collect_view()}
                </select>
                <button type="button" class="mf-button mf-button--secondary ed-small" on:click=move |_| {
                    let to_s = target.get_untracked();
                    if to_s == s { return }
                    let (Some(field), Some(to_section), n) = ed.cycle.with_untracked(|c| (FieldAt::of(c, s, f), SectionAt::of(c, to_s), c.sections.get(to_s).map_or(0, |x| x.fields.len()))) else { return };
                    ed.edit(Edit::MoveField { field, to_section, to: n }, None);
                    ed.question.set(Some((to_s, n)));
                    ed.section.set(to_s);
                    ed.focus(format!("{}-edit", qid(to_s, n)));
                }>
                    "Move"<span class="mf-visually-hidden">" to the chosen section"</span>
                </button>
            </div>
        </div>
    }
}
