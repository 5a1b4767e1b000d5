//! The editor's controls, each tied to one place of the cycle: a label, an
//! optional hint, the problems the cycle check finds there (GOV.UK style,
//! `aria-invalid` and `aria-describedby`), and the control. What a control
//! shows is read from the cycle; what staff type becomes a typed edit.

use super::place::control_id;
use super::state::Editor;
use cycle::edit::Edit;
use cycle::file::Link;
use cycle::{Cycle, Place};
use leptos::prelude::*;
use std::str::FromStr;
use std::sync::Arc;

/// Reads a control's value from the cycle.
pub type Read<T> = Arc<dyn Fn(&Cycle) -> T + Send + Sync>;
/// Turns what staff entered into an edit (`None`: nothing to change).
pub type Write<T> = Arc<dyn Fn(T) -> Option<Edit> + Send + Sync>;
/// Reads what staff typed as a value, or says why it does not read.
pub type Parse<T> = Arc<dyn Fn(&str) -> Result<T, String> + Send + Sync>;

pub fn read<T>(f: impl Fn(&Cycle) -> T + Send + Sync + 'static) -> Read<T> {
    Arc::new(f)
}

pub fn write<T>(f: impl Fn(T) -> Option<Edit> + Send + Sync + 'static) -> Write<T> {
    Arc::new(f)
}

/// The problems shown at a control.
pub fn problems_at(ed: Editor, id: &str) -> Memo<Vec<String>> {
    let id = id.to_string();
    Memo::new(move |_| {
        ed.problems_at
            .with(|m| m.get(&id).cloned().unwrap_or_default())
    })
}

/// The error messages above a control, each read with an "Error:" prefix.
#[component]
pub fn Problems(id: String, problems: Memo<Vec<String>>) -> impl IntoView {
    let error_id = format!("{id}-error");
    move || {
        let list = problems.get();
        (!list.is_empty()).then(|| {
            let items = list
                .into_iter()
                .map(|m| {
                    view! {
                        <span class="ed-problem">
                            <span class="mf-visually-hidden">"Error: "</span>
                            {m}
                        </span>
                    }
                })
                .collect_view();
            view! { <p class="mf-error-message" id=error_id.clone()>{items}</p> }
        })
    }
}

/// `aria-describedby` of a control: its hint, then its problems.
fn described_by(
    id: &str,
    has_hint: bool,
    problems: Memo<Vec<String>>,
) -> impl Fn() -> Option<String> + Send + Sync + Clone + 'static {
    let id = id.to_string();
    move || {
        let mut ids = Vec::new();
        if has_hint {
            ids.push(format!("{id}-hint"));
        }
        if !problems.with(Vec::is_empty) {
            ids.push(format!("{id}-error"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

fn field_class(problems: Memo<Vec<String>>) -> impl Fn() -> &'static str + Send + Sync + 'static {
    move || {
        if problems.with(Vec::is_empty) {
            "mf-field ed-field"
        } else {
            "mf-field ed-field mf-field--error"
        }
    }
}

/// How a text control looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextLook {
    /// One line.
    Line,
    /// One line, narrow (a number, a time).
    Short,
    /// Several lines.
    Area,
}

/// A text control for `place`. Typing is one undoable step per control.
pub fn text_row(
    ed: Editor,
    place: &Place,
    label: impl Into<String>,
    hint: Option<String>,
    look: TextLook,
    get: Read<String>,
    set: Write<String>,
) -> impl IntoView {
    let id = control_id(place);
    let problems = problems_at(ed, &id);
    let has_hint = hint.is_some();
    let value = move || ed.cycle.with(|c| get(c));
    let key = id.clone();
    let on_input = move |ev: leptos::ev::Event| {
        if let Some(e) = set(event_target_value(&ev)) {
            ed.edit(e, Some(key.clone()));
        }
    };
    let control = match look {
        TextLook::Area => view! {
            <textarea
                class="mf-textarea ed-textarea"
                id=id.clone()
                rows="4"
                aria-describedby=described_by(&id, has_hint, problems)
                aria-invalid=move || (!problems.with(Vec::is_empty)).then_some("true")
                prop:value=value
                on:input=on_input
            ></textarea>
        }
        .into_any(),
        TextLook::Line | TextLook::Short => view! {
            <input
                class=if look == TextLook::Short { "mf-input mf-input--w20" } else { "mf-input" }
                type="text"
                id=id.clone()
                aria-describedby=described_by(&id, has_hint, problems)
                aria-invalid=move || (!problems.with(Vec::is_empty)).then_some("true")
                prop:value=value
                on:input=on_input
            />
        }
        .into_any(),
    };
    view! {
        <div class=field_class(problems)>
            <label class="mf-label" for=id.clone()>{label.into()}</label>
            {hint.map(|h| view! { <div class="mf-hint" id=format!("{id}-hint")>{h}</div> })}
            <Problems id=id.clone() problems=problems/>
            {control}
        </div>
    }
}

/// Paragraphs as one text box, a blank line between paragraphs. While staff
/// type, the text is kept as typed; when they leave the box, empty
/// paragraphs and surrounding spaces go.
pub fn paragraphs_row(
    ed: Editor,
    place: &Place,
    label: impl Into<String>,
    hint: Option<String>,
    get: Read<Vec<String>>,
    set: Write<Vec<String>>,
) -> impl IntoView {
    let hint = Some(hint.map_or_else(
        || "Leave a blank line between paragraphs.".to_string(),
        |h| format!("{h} Leave a blank line between paragraphs."),
    ));
    let set_tidy = set.clone();
    let id = control_id(place);
    let key = id.clone();
    let on_change = move |ev: leptos::ev::Event| {
        let tidy: Vec<String> = event_target_value(&ev)
            .split("\n\n")
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect();
        if let Some(e) = set_tidy(tidy) {
            ed.edit(e, Some(key.clone()));
        }
        ed.seal();
    };
    view! {
        <div class="ed-paragraphs" on:change=on_change>
            {text_row(
                ed,
                place,
                label,
                hint,
                TextLook::Area,
                read(move |c| get(c).join("\n\n")),
                write(move |text: String| set(text.split("\n\n").map(str::to_string).collect())),
            )}
        </div>
    }
}

/// A checkbox for a yes/no setting.
pub fn check_row(
    ed: Editor,
    place: &Place,
    label: impl Into<String>,
    hint: Option<String>,
    get: Read<bool>,
    set: Write<bool>,
) -> impl IntoView {
    let id = control_id(place);
    let problems = problems_at(ed, &id);
    let has_hint = hint.is_some();
    view! {
        <div class=field_class(problems)>
            <Problems id=id.clone() problems=problems/>
            <div class="mf-checkbox">
                <input
                    class="mf-checkbox__input"
                    type="checkbox"
                    id=id.clone()
                    aria-describedby=described_by(&id, has_hint, problems)
                    prop:checked=move || ed.cycle.with(|c| get(c))
                    on:change=move |ev| {
                        if let Some(e) = set(event_target_checked(&ev)) {
                            ed.edit(e, None);
                        }
                    }
                />
                <label class="mf-checkbox__label" for=id.clone()>{label.into()}</label>
            </div>
            {hint.map(|h| view! { <div class="mf-hint ed-check-hint" id=format!("{id}-hint")>{h}</div> })}
        </div>
    }
}

/// A drop-down list of (value, words).
pub fn select_row(
    ed: Editor,
    place: &Place,
    label: impl Into<String>,
    hint: Option<String>,
    choices: Vec<(String, String)>,
    get: Read<String>,
    set: Write<String>,
) -> impl IntoView {
    let id = control_id(place);
    let problems = problems_at(ed, &id);
    let has_hint = hint.is_some();
    let current = move || ed.cycle.with(|c| get(c));
    let options = choices
        .into_iter()
        .map(|(value, words)| {
            let v = value.clone();
            let current = current.clone();
            view! { <option value=value selected=move || current() == v>{words}</option> }
        })
        .collect_view();
    view! {
        <div class=field_class(problems)>
            <label class="mf-label" for=id.clone()>{label.into()}</label>
            {hint.map(|h| view! { <div class="mf-hint" id=format!("{id}-hint")>{h}</div> })}
            <Problems id=id.clone() problems=problems/>
            <select
                class="mf-select"
                id=id.clone()
                aria-describedby=described_by(&id, has_hint, problems)
                prop:value=current.clone()
                on:change=move |ev| {
                    if let Some(e) = set(event_target_value(&ev)) {
                        ed.edit(e, None);
                    }
                }
            >
                {options}
            </select>
        </div>
    }
}

/// A text control whose text must read as a value (a number, a date, an
/// id): what does not read stays in the box with its problem and is not
/// made an edit; what reads is.
#[allow(clippy::too_many_arguments)]
pub fn parsed_row<T: 'static>(
    ed: Editor,
    place: &Place,
    label: impl Into<String>,
    hint: Option<String>,
    input_type: &'static str,
    get: Read<String>,
    parse: Parse<T>,
    set: Write<T>,
) -> impl IntoView {
    let id = control_id(place);
    let problems = problems_at(ed, &id);
    // What staff typed that does not read, with why.
    let pending: RwSignal<Option<(String, String)>> = RwSignal::new(None);
    let shown = Memo::new(move |_| {
        let mut list = problems.get();
        if let Some((_, why)) = pending.get() {
            list.insert(0, why);
        }
        list
    });
    // A change from elsewhere (undo, another tab) replaces what was pending.
    let model = Memo::new(move |_| ed.cycle.with(|c| get(c)));
    Effect::new(move |_| {
        model.track();
        pending.set(None);
    });
    let has_hint = hint.is_some();
    let key = id.clone();
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        match parse(&text) {
            Ok(v) => {
                pending.set(None);
                if let Some(e) = set(v) {
                    ed.edit(e, Some(key.clone()));
                }
            }
            Err(why) => pending.set(Some((text, why))),
        }
    };
    view! {
        <div class=field_class(shown)>
            <label class="mf-label" for=id.clone()>{label.into()}</label>
            {hint.map(|h| view! { <div class="mf-hint" id=format!("{id}-hint")>{h}</div> })}
            <Problems id=id.clone() problems=shown/>
            <input
                class="mf-input mf-input--w20"
                type=input_type
                id=id.clone()
                aria-describedby=described_by(&id, has_hint, shown)
                aria-invalid=move || (!shown.with(Vec::is_empty)).then_some("true")
                prop:value=move || pending.with(|p| p.as_ref().map(|(t, _)| t.clone())).unwrap_or_else(|| model.get())
                on:input=on_input
            />
        </div>
    }
}

/// An optional whole number: empty is none; anything else that does not
/// read as a `T` asks for "a whole number, {example}".
pub fn parse_whole<T: FromStr>(text: &str, example: &str) -> Result<Option<T>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<T>()
        .map(Some)
        .map_err(|_| format!("Enter a whole number, {example} (not “{t}”)"))
}

/// Links: a row per link (its words and its address), with Add and Delete.
pub fn links_editor(
    ed: Editor,
    place: &Place,
    legend: &'static str,
    get: Read<Vec<Link>>,
    set: Write<Vec<Link>>,
) -> impl IntoView {
    let base = place.clone();
    let count = {
        let get = get.clone();
        Memo::new(move |_| ed.cycle.with(|c| get(c).len()))
    };
    let list_id = control_id(place);
    let get_add = get.clone();
    let set_add = set.clone();
    let add_focus = list_id.clone();
    let rows = move || {
        (0..count.get())
            .map(|i| {
                let at = base.index(i);
                let (g1, g2, g3) = (get.clone(), get.clone(), get.clone());
                let (s1, s2, s3) = (set.clone(), set.clone(), set.clone());
                let (gd, gx) = (get.clone(), get.clone());
                let focus_after = list_id.clone();
                view! {
                    <li class="ed-row">
                        {text_row(
                            ed,
                            &at.key("label"),
                            format!("Link {} text", i + 1),
                            None,
                            TextLook::Line,
                            read(move |c| g1(c).get(i).map(|l| l.label.clone()).unwrap_or_default()),
                            write(move |v: String| {
                                let mut all = ed.cycle.with_untracked(|c| g2(c));
                                all.get_mut(i)?.label = v;
                                s1(all)
                            }),
                        )}
                        {text_row(
                            ed,
                            &at.key("url"),
                            format!("Link {} address", i + 1),
                            Some("Starting with https://, http:// or mailto:".into()),
                            TextLook::Line,
                            read(move |c| g3(c).get(i).map(|l| l.url.clone()).unwrap_or_default()),
                            write(move |v: String| {
                                let mut all = ed.cycle.with_untracked(|c| gd(c));
                                all.get_mut(i)?.url = v;
                                s2(all)
                            }),
                        )}
                        <button
                            type="button"
                            class="mf-button mf-button--secondary ed-small"
                            on:click=move |_| {
                                let mut all = ed.cycle.with_untracked(|c| gx(c));
                                if i < all.len() {
                                    all.remove(i);
                                    if let Some(e) = s3(all) {
                                        ed.edit(e, None);
                                        ed.focus(format!("{focus_after}-add"));
                                    }
                                }
                            }
                        >
                            "Delete"
                            <span class="mf-visually-hidden">{format!(" link {}", i + 1)}</span>
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    let heading_id = format!("{}-legend", control_id(place));
    let heading_ref = heading_id.clone();
    view! {
        <div class="ed-list" id=control_id(place) role="group" aria-labelledby=heading_ref>
            <h5 class="ed-subheading" id=heading_id>{legend}</h5>
            <ul class="ed-rows">{rows}</ul>
            <button
                type="button"
                class="mf-button mf-button--secondary ed-small"
                id=format!("{}-add", add_focus)
                on:click=move |_| {
                    let mut all = ed.cycle.with_untracked(|c| get_add(c));
                    all.push(Link { label: String::new(), url: "https://".into() });
                    let n = all.len();
                    if let Some(e) = set_add(all) {
                        ed.edit(e, None);
                        ed.focus(format!("{}-{}-label", add_focus, n - 1));
                    }
                }
            >
                "Add link"
            </button>
        </div>
    }
}
