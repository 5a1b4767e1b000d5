//! One choice from a few: a fieldset of radios.

use crate::app::state::FormState;
use crate::components::shell::{field_shell, Layout};
use crate::config::model::Field;
use crate::dom_ids;
use crate::form::value::Value;
use leptos::prelude::*;

pub fn radios(field: &Field) -> AnyView {
    let state = expect_context::<FormState>();
    let value = state.value(&field.id);
    let options = field
        .options
        .iter()
        .map(|o| {
            let id = dom_ids::option(&field.id, &o.value);
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
    field_shell(field, Layout::Group, None, move |_| {
        view! { <div class="mf-radios">{options}</div> }.into_any()
    })
}
