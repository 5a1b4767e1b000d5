//! A drop-down list. Like the text inputs, the select owns its choice while
//! mounted, so the options are plain markup: one reactive effect per option
//! (57 for the state list) was a good part of the page's first render.

use crate::components::shell::{field_shell, FieldAria, Layout};
use crate::state::store::FormState;
use cycle::kinds::SelectSettings;
use cycle::{Field, Value};
use leptos::prelude::*;

pub fn select(field: &Field, settings: &SelectSettings) -> AnyView {
    let state = expect_context::<FormState>();
    let value = state.value(&field.id);
    let chosen = match value.get_untracked() {
        Some(Value::Text(t)) => Some(t),
        _ => None,
    };
    let options = settings
        .options
        .iter()
        .map(|o| {
            let selected = chosen.as_deref() == Some(o.value.as_str());
            view! { <option value=o.value.to_string() selected=selected>{o.label.clone()}</option> }
        })
        .collect_view();
    let nothing_chosen = chosen.is_none();
    let placeholder = settings
        .placeholder
        .clone()
        .unwrap_or_else(|| state.cycle.texts.choose_one().to_string());
    let name = field.id.to_string();
    let autocomplete = field.autocomplete.clone();
    field_shell(field, Layout::Labelled, None, move |aria: &FieldAria| {
        let wiring = aria.wiring();
        view! {
            <select
                class="mf-select"
                id=aria.control_id.clone()
                name=name
                autocomplete={autocomplete}
                {..wiring}
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
    })
}
