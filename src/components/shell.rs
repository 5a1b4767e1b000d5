//! The frame every question stands in: label or legend, "(optional)", hint,
//! confidential note, inline error, and the `aria-describedby` /
//! `aria-invalid` wiring. Controls (`controls/`) render only the input itself
//! and take the wiring from here, so every kind gets the same markup.

use crate::state::store::FormState;
use cycle::texts::fill;
use cycle::{page_ids, Field, FieldId};
use leptos::prelude::*;

/// How the question's text stands next to its control.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// A `<label for>` above one control.
    Labelled,
    /// A `<fieldset>` whose `<legend>` is the question, for a group of
    /// controls (radios, checkboxes).
    Group,
    /// No label from the shell: the control's own label after the box (a
    /// single confirming checkbox).
    Inline,
}

/// What a control needs from its shell.
#[derive(Clone)]
pub struct FieldAria {
    /// `f-<id>`: the control's id, which the label points at.
    pub control_id: String,
    /// The message shown for this field, if any.
    pub shown: RwSignal<Option<String>>,
    /// For the control's `aria-describedby` (groups put it on the fieldset).
    pub describedby: Signal<Option<String>>,
    /// For the control's `aria-invalid`.
    pub invalid: Signal<Option<&'static str>>,
    /// For `aria-required` on a control whose role has that state (text
    /// boxes, selects, a single checkbox), so a screen reader says "required"
    /// where the label has no "(optional)". A field required only by
    /// `required_when` stays unmarked: its label says "(optional)" and its
    /// hint says when.
    pub required: Option<&'static str>,
}

impl FieldAria {
    /// `aria-describedby` and `aria-invalid` in one bundle, spread onto the
    /// control (`<input {..aria.described()} />`), so every control is wired
    /// the same way from here. For a slider, whose role has no required state.
    pub fn described(&self) -> impl leptos::attr::Attribute {
        let (describedby, invalid) = (self.describedby, self.invalid);
        (
            leptos::attr::aria_describedby(move || describedby.get()),
            leptos::attr::aria_invalid(move || invalid.get()),
        )
    }

    /// The full wiring: `aria-describedby`, `aria-invalid` and `aria-required`.
    pub fn wiring(&self) -> impl leptos::attr::Attribute {
        (self.described(), leptos::attr::aria_required(self.required))
    }
}

/// One question: the shell around `control`. `class` adds classes to the
/// outer element (the rating's `mf-rating--unrated`).
pub fn field_shell(
    field: &Field,
    layout: Layout,
    class: Option<Signal<String>>,
    control: impl FnOnce(&FieldAria) -> AnyView,
) -> AnyView {
    shell_around(field, layout, class, Box::new(control))
}

// Not generic over the control, so the shell's markup is compiled once
// rather than once per control (wasm size).
fn shell_around(
    field: &Field,
    layout: Layout,
    class: Option<Signal<String>>,
    control: Box<dyn FnOnce(&FieldAria) -> AnyView + '_>,
) -> AnyView {
    let state = expect_context::<FormState>();
    let shown = state.shown_error(&field.id);
    let has_error = move || shown.with(Option::is_some);
    let describedby = {
        let field = field.clone();
        let cycle = state.cycle.clone();
        Signal::derive(move || page_ids::described_by(&field, &cycle.texts, has_error()))
    };
    let aria = FieldAria {
        control_id: page_ids::control(&field.id),
        shown,
        describedby,
        invalid: Signal::derive(move || has_error().then_some("true")),
        required: (!field.optional).then_some("true"),
    };
    let outer_class = move || {
        let mut c = String::from("mf-field");
        if let Some(extra) = class {
            c.push(' ');
            c.push_str(&extra.get());
        }
        if has_error() {
            c.push_str(" mf-field--error");
        }
        c
    };
    let notes = view! {
        <HintAndNotes field=field.clone()/>
        <ErrorMessage field_id=field.id.clone()/>
    };
    let control = control(&aria);
    match layout {
        Layout::Labelled => view! {
            <div class=outer_class>
                <label class="mf-label" for=aria.control_id.clone()>
                    <LabelText field=field.clone()/>
                </label>
                {notes}
                {control}
            </div>
        }
        .into_any(),
        Layout::Group => view! {
            <div class=outer_class>
                <fieldset class="mf-fieldset" aria-describedby=move || describedby.get()>
                    <legend class="mf-legend"><LabelText field=field.clone()/></legend>
                    {notes}
                    {control}
                </fieldset>
            </div>
        }
        .into_any(),
        Layout::Inline => view! {
            <div class=outer_class>
                {notes}
                {control}
            </div>
        }
        .into_any(),
    }
}

/// The question's words, and "(optional)" when it is.
#[component]
pub fn LabelText(field: Field) -> impl IntoView {
    let state = expect_context::<FormState>();
    let suffix = field.optional.then(|| {
        view! { <span class="mf-optional">{state.cycle.texts.optional_suffix().to_string()}</span> }
    });
    view! { {field.label.clone()} {suffix} }
}

#[component]
fn HintAndNotes(field: Field) -> impl IntoView {
    let state = expect_context::<FormState>();
    let texts = &state.cycle.texts;
    let hint = field.hint_text(texts).map(|h| {
        view! { <div class="mf-hint" id=page_ids::hint(&field.id)>{h.to_string()}</div> }
    });
    let conf = field.confidential.then(|| {
        let note = if field.optional {
            fill(
                texts.optional_confidential_note(),
                &[("note", texts.confidential_note())],
            )
        } else {
            texts.confidential_note().to_string()
        };
        view! { <div class="mf-hint mf-confidential" id=page_ids::confidential(&field.id)>{note}</div> }
    });
    view! { {hint} {conf} }
}

/// The inline message for a field, when one is shown (also used under an
/// answer on the review page).
#[component]
pub fn ErrorMessage(field_id: FieldId) -> impl IntoView {
    let state = expect_context::<FormState>();
    let shown = state.shown_error(&field_id);
    let id = page_ids::error(&field_id);
    let prefix = state.cycle.texts.error_prefix().to_string();
    move || {
        shown.get().map(|msg| {
            view! {
                <p class="mf-error-message" id=id.clone()>
                    <span class="mf-visually-hidden">{prefix.clone()}</span>
                    {msg}
                </p>
            }
        })
    }
}

/// True when focus leaves for the Continue/Send button: the submit check
/// runs in a moment, and showing a message now would push the button down
/// between mouse-down and mouse-up, so the click would be lost.
pub fn focus_goes_to_submit(ev: &leptos::ev::FocusEvent) -> bool {
    use wasm_bindgen::JsCast;
    ev.related_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            el.tag_name() == "BUTTON" && el.get_attribute("type").as_deref() == Some("submit")
        })
}
