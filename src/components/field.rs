//! One question, rendered from its cycle-file description. Every kind of
//! field is handled here (and in `rating.rs`), so adding a kind touches one
//! place. Each field reads only its own signals: typing re-renders nothing
//! else.

use super::rating::RatingInput;
use crate::config::model::{Field, FieldKind};
use crate::form::text::char_count;
use crate::form::value::Value;
use crate::state::store::FormState;
use leptos::prelude::*;

pub fn control_id(field_id: &str) -> String {
    format!("f-{field_id}")
}

/// Id that focus goes to for an error on this field: the control, or the
/// first choice of a radio group.
pub fn focus_target_id(field: &Field) -> String {
    match field.kind {
        FieldKind::Radio => match field.options.first() {
            Some(o) => format!("f-{}-{}", field.id, o.value),
            None => control_id(&field.id),
        },
        _ => control_id(&field.id),
    }
}

const CONFIDENTIAL_NOTE: &str =
    "If you answer, it stays confidential and is used only to find you a match.";

#[component]
pub fn FieldView(field: Field) -> impl IntoView {
    match field.kind {
        FieldKind::Rating => view! { <RatingInput field=field/> }.into_any(),
        FieldKind::Radio => view! { <RadioGroup field=field/> }.into_any(),
        FieldKind::Checkbox => view! { <SingleCheckbox field=field/> }.into_any(),
        _ => view! { <TextLike field=field/> }.into_any(),
    }
}

/// The ids listed in `aria-describedby`, error last (screen readers read the
/// hint first, then what to fix).
pub fn described_by(field: &Field, has_error: bool) -> Option<String> {
    let mut ids = Vec::new();
    if field.hint.is_some() {
        ids.push(format!("f-{}-hint", field.id));
    }
    if field.confidential {
        ids.push(format!("f-{}-conf", field.id));
    }
    if has_error {
        ids.push(format!("f-{}-error", field.id));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// `aria-required` on a control whose role has that state (text boxes,
/// selects, a single checkbox), so a screen reader says "required" where
/// the label has no "(optional)". A field required only by `required_when`
/// stays unmarked: its label says "(optional)" and its hint says when.
pub fn aria_required(field: &Field) -> Option<&'static str> {
    (!field.optional).then_some("true")
}

#[component]
pub fn LabelText(field: Field) -> impl IntoView {
    let suffix = field
        .optional
        .then_some(view! { <span class="mf-optional">" (optional)"</span> });
    view! { {field.label.clone()} {suffix} }
}

#[component]
pub fn HintAndNotes(field: Field) -> impl IntoView {
    let hint = field.hint.clone().map(|h| {
        view! { <div class="mf-hint" id=format!("f-{}-hint", field.id)>{h}</div> }
    });
    let conf = field.confidential.then(|| {
        view! { <div class="mf-hint mf-confidential" id=format!("f-{}-conf", field.id)>{if field.optional { format!("Optional. {CONFIDENTIAL_NOTE}") } else { CONFIDENTIAL_NOTE.to_string() }}</div> }
    });
    view! { {hint} {conf} }
}

#[component]
pub fn ErrorMessage(field_id: String) -> impl IntoView {
    let state = expect_context::<FormState>();
    let shown = state.shown_error(&field_id);
    let id = format!("f-{field_id}-error");
    move || {
        shown.get().map(|msg| {
            view! {
                <p class="mf-error-message" id=id.clone()>
                    <span class="mf-visually-hidden">"Error: "</span>
                    {msg}
                </p>
            }
        })
    }
}

#[component]
fn TextLike(field: Field) -> impl IntoView {
    let state = expect_context::<FormState>();
    let value = state.value(&field.id);
    let shown = state.shown_error(&field.id);
    let id = control_id(&field.id);
    // The control owns its text while mounted: the store follows the input,
    // never the other way round, so a keystroke does not write the value back
    // into the input. A restored draft is in the store before the page renders.
    let text = match value.get_untracked() {
        Some(Value::Text(t)) => t,
        _ => String::new(),
    };
    let on_input = {
        let state = state.clone();
        move |ev: leptos::ev::Event| {
            let raw = event_target_value(&ev);
            value.set((!raw.is_empty()).then_some(Value::Text(raw)));
            state.edited();
        }
    };
    let on_leave = {
        let state = state.clone();
        let field = field.clone();
        move |ev: leptos::ev::FocusEvent| {
            // Leaving for the Continue/Send button: the submit check runs in a
            // moment. Showing the message now would push the button down
            // between mouse-down and mouse-up, and the click would be lost.
            if focus_goes_to_submit(&ev) {
                return;
            }
            state.check_on_leave(&field)
        }
    };
    let describedby = {
        let field = field.clone();
        move || described_by(&field, shown.with(Option::is_some))
    };
    let invalid = move || shown.with(Option::is_some).then_some("true");
    let (input_type, inputmode, spellcheck) = match field.kind {
        FieldKind::Email => ("email", None, Some("false")),
        FieldKind::Phone => ("tel", None, None),
        FieldKind::Integer => ("text", Some("numeric"), Some("false")),
        _ => ("text", None, None),
    };
    let width_class = match (field.kind, field.max_length) {
        (FieldKind::Integer, _) => "mf-input mf-input--w4",
        (FieldKind::Phone, _) => "mf-input mf-input--w20",
        (_, Some(n)) if n <= 30 => "mf-input mf-input--w20",
        _ => "mf-input",
    };
    let control = match field.kind {
        FieldKind::Textarea => view! {
            <textarea
                class="mf-textarea"
                id=id.clone()
                name=field.id.clone()
                rows="6"
                autocomplete=field.autocomplete.clone()
                aria-describedby=describedby.clone()
                aria-invalid=invalid
                aria-required=aria_required(&field)
                prop:value=text.clone()
                on:input=on_input.clone()
                on:blur=on_leave.clone()
            ></textarea>
        }
        .into_any(),
        FieldKind::Select => {
            // Like the text inputs, the select owns its choice while mounted,
            // so the options are plain markup: one reactive effect per option
            // (57 for the state list) was a good part of the page's first render.
            let chosen = match value.get_untracked() {
                Some(Value::Text(t)) => Some(t),
                _ => None,
            };
            let options = field
                .options
                .iter()
                .map(|o| {
                    let selected = chosen.as_deref() == Some(o.value.as_str());
                    view! { <option value=o.value.clone() selected=selected>{o.label.clone()}</option> }
                })
                .collect_view();
            let nothing_chosen = chosen.is_none();
            let placeholder = field
                .placeholder
                .clone()
                .unwrap_or_else(|| "Choose one".into());
            let state = state.clone();
            view! {
                <select
                    class="mf-select"
                    id=id.clone()
                    name=field.id.clone()
                    autocomplete=field.autocomplete.clone()
                    aria-describedby=describedby.clone()
                    aria-invalid=invalid
                    aria-required=aria_required(&field)
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        value.set((!v.is_empty()).then_some(Value::Text(v)));
                        state.edited();
                    }
                >
                    <option value="" selected=nothing_chosen>{placeholder}</option>
                    {options}
                </select>
            }
            .into_any()
        }
        _ => view! {
            <input
                class=width_class
                type=input_type
                id=id.clone()
                name=field.id.clone()
                inputmode=inputmode
                spellcheck=spellcheck
                autocomplete=field.autocomplete.clone()
                aria-describedby=describedby.clone()
                aria-invalid=invalid
                aria-required=aria_required(&field)
                prop:value=text.clone()
                on:input=on_input.clone()
                on:blur=on_leave.clone()
            />
        }
        .into_any(),
    };
    // A live count only where a limit is long enough to matter while typing.
    let counter = field
        .max_length
        .filter(|_| field.kind == FieldKind::Textarea)
        .map(|max| {
            let count = Memo::new(move |_| {
                value.with(|v| match v {
                    Some(Value::Text(t)) => char_count(t),
                    _ => 0,
                })
            });
            let over = move || count.get() > max;
            let words = move || {
                let n = count.get();
                if n <= max {
                    format!("You have {} characters remaining", max - n)
                } else {
                    format!("You have {} characters too many", n - max)
                }
            };
            view! {
                <p class="mf-hint mf-count" class:mf-count--over=over aria-live="polite">
                    {words}
                </p>
            }
        });
    view! {
        <div class="mf-field" class:mf-field--error=move || shown.with(Option::is_some)>
            <label class="mf-label" for=id.clone()>
                <LabelText field=field.clone()/>
            </label>
            <HintAndNotes field=field.clone()/>
            <ErrorMessage field_id=field.id.clone()/>
            {control}
            {counter}
        </div>
    }
}

fn focus_goes_to_submit(ev: &leptos::ev::FocusEvent) -> bool {
    use wasm_bindgen::JsCast;
    ev.related_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            el.tag_name() == "BUTTON" && el.get_attribute("type").as_deref() == Some("submit")
        })
}

#[component]
fn RadioGroup(field: Field) -> impl IntoView {
    let state = expect_context::<FormState>();
    let value = state.value(&field.id);
    let shown = state.shown_error(&field.id);
    let describedby = {
        let field = field.clone();
        move || described_by(&field, shown.with(Option::is_some))
    };
    let options = field
        .options
        .iter()
        .map(|o| {
            let id = format!("f-{}-{}", field.id, o.value);
            let v = o.value.clone();
            let v2 = o.value.clone();
            let state = state.clone();
            let checked = move || matches!(value.get(), Some(Value::Text(ref t)) if *t == v);
            view! {
                <div class="mf-radio">
                    <input
                        class="mf-radio__input"
                        type="radio"
                        id=id.clone()
                        name=field.id.clone()
                        value=o.value.clone()
                        prop:checked=checked
                        on:change=move |_| {
                            value.set(Some(Value::Text(v2.clone())));
                            state.edited();
                        }
                    />
                    <label class="mf-radio__label" for=id>{o.label.clone()}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="mf-field" class:mf-field--error=move || shown.with(Option::is_some)>
            <fieldset class="mf-fieldset" aria-describedby=describedby>
                <legend class="mf-legend"><LabelText field=field.clone()/></legend>
                <HintAndNotes field=field.clone()/>
                <ErrorMessage field_id=field.id.clone()/>
                <div class="mf-radios">{options}</div>
            </fieldset>
        </div>
    }
}

#[component]
fn SingleCheckbox(field: Field) -> impl IntoView {
    let state = expect_context::<FormState>();
    let value = state.value(&field.id);
    let shown = state.shown_error(&field.id);
    let id = control_id(&field.id);
    let describedby = {
        let field = field.clone();
        move || described_by(&field, shown.with(Option::is_some))
    };
    view! {
        <div class="mf-field" class:mf-field--error=move || shown.with(Option::is_some)>
            <HintAndNotes field=field.clone()/>
            <ErrorMessage field_id=field.id.clone()/>
            <div class="mf-checkbox">
                <input
                    class="mf-checkbox__input"
                    type="checkbox"
                    id=id.clone()
                    name=field.id.clone()
                    aria-describedby=describedby
                    aria-invalid=move || shown.with(Option::is_some).then_some("true")
                    aria-required=aria_required(&field)
                    prop:checked=move || matches!(value.get(), Some(Value::Bool(true)))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        value.set(on.then_some(Value::Bool(true)));
                        state.edited();
                    }
                />
                <label class="mf-checkbox__label" for=id>
                    <LabelText field=field.clone()/>
                </label>
            </div>
        </div>
    }
}
