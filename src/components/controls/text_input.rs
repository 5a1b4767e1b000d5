//! One-line inputs (attributes from the kind) and the textarea. The control
//! owns its text while mounted: the store follows the input, never the other
//! way round, so a keystroke does not write the value back into the input. A
//! restored draft is in the store before the page renders.

use crate::components::shell::{field_shell, focus_goes_to_submit, FieldAria, Layout};
use crate::state::store::FormState;
use cycle::text::char_count;
use cycle::texts::fill;
use cycle::{Field, Value};
use leptos::prelude::*;

/// The attributes of a one-line input, as the question's kind wants them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputAttrs {
    pub input_type: &'static str,
    pub inputmode: Option<&'static str>,
    pub spellcheck: Option<&'static str>,
    /// The input's classes (GOV.UK widths for short answers).
    pub class: &'static str,
    /// The input's own `min` and `max` (a date picker's range).
    pub min: Option<String>,
    pub max: Option<String>,
    /// What to store when the browser holds input it cannot give as a value
    /// (`validity.badInput`: a date typed only in part), so the rules can ask
    /// for a real one instead of treating it as blank.
    pub bad_input: Option<&'static str>,
}

impl InputAttrs {
    pub const TEXT: InputAttrs = InputAttrs {
        input_type: "text",
        inputmode: None,
        spellcheck: None,
        class: "mf-input",
        min: None,
        max: None,
        bad_input: None,
    };
    pub const SHORT_CLASS: &'static str = "mf-input mf-input--w20";
}

/// What a text control needs: the text it starts with and its handlers.
struct TextBinding {
    value: RwSignal<Option<Value>>,
    initial: String,
    on_input: Box<dyn Fn(leptos::ev::Event) + Send + Sync>,
    on_leave: Box<dyn Fn(leptos::ev::FocusEvent) + Send + Sync>,
}

fn bind(field: &Field) -> TextBinding {
    let state = expect_context::<FormState>();
    let value = state.value(&field.id);
    let initial = match value.get_untracked() {
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
        let field = field.clone();
        move |ev: leptos::ev::FocusEvent| {
            if !focus_goes_to_submit(&ev) {
                state.check_on_leave(&field)
            }
        }
    };
    TextBinding {
        value,
        initial,
        on_input: Box::new(on_input),
        on_leave: Box::new(on_leave),
    }
}

pub fn text_input(field: &Field, attrs: InputAttrs) -> AnyView {
    let mut b = bind(field);
    if let Some(bad_input) = attrs.bad_input {
        b.on_leave = keep_bad_input(field, bad_input, b.on_leave);
    }
    let name = field.id.to_string();
    let autocomplete = field.autocomplete.clone();
    field_shell(field, Layout::Labelled, None, move |aria: &FieldAria| {
        let wiring = aria.wiring();
        view! {
            <input
                class=attrs.class
                type=attrs.input_type
                id=aria.control_id.clone()
                name=name
                inputmode=attrs.inputmode
                spellcheck=attrs.spellcheck
                min=attrs.min
                max=attrs.max
                autocomplete={autocomplete}
                {..wiring}
                prop:value=b.initial
                on:input=b.on_input
                on:blur=b.on_leave
            />
        }
        .into_any()
    })
}

/// Before the leave check: a browser that holds input it cannot give as a
/// value (a date typed only in part) reports `badInput` and an empty value,
/// which must not read as "no answer". No input event fires for it either,
/// so this is the moment to look.
fn keep_bad_input(
    field: &Field,
    bad_input: &'static str,
    on_leave: Box<dyn Fn(leptos::ev::FocusEvent) + Send + Sync>,
) -> Box<dyn Fn(leptos::ev::FocusEvent) + Send + Sync> {
    let state = expect_context::<FormState>();
    let value = state.value(&field.id);
    Box::new(move |ev: leptos::ev::FocusEvent| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if input.value().is_empty() {
            let now = input
                .validity()
                .bad_input()
                .then(|| Value::Text(bad_input.to_string()));
            if value.get_untracked() != now {
                value.set(now);
                state.edited();
            }
        }
        on_leave(ev)
    })
}

pub fn textarea(field: &Field, max_length: Option<u32>) -> AnyView {
    let b = bind(field);
    let name = field.id.to_string();
    let autocomplete = field.autocomplete.clone();
    let value = b.value;
    let state = expect_context::<FormState>();
    let remaining = state.cycle.texts.characters_remaining().to_string();
    let too_many = state.cycle.texts.characters_too_many().to_string();
    // A live count only where a limit is long enough to matter while typing.
    let counter = max_length.map(|max| {
        let max = max as usize;
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
                fill(&remaining, &[("n", &(max - n).to_string())])
            } else {
                fill(&too_many, &[("n", &(n - max).to_string())])
            }
        };
        view! {
            <p class="mf-hint mf-count" class:mf-count--over=over aria-live="polite">
                {words}
            </p>
        }
    });
    field_shell(field, Layout::Labelled, None, move |aria: &FieldAria| {
        let wiring = aria.wiring();
        view! {
            <textarea
                class="mf-textarea"
                id=aria.control_id.clone()
                name=name
                rows="6"
                autocomplete={autocomplete}
                {..wiring}
                prop:value=b.initial
                on:input=b.on_input
                on:blur=b.on_leave
            ></textarea>
            {counter}
        }
        .into_any()
    })
}
