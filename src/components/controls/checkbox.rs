//! One box that confirms the label (GOV.UK's single checkbox: the label
//! stands after the box).

use crate::components::shell::{field_shell, FieldAria, LabelText, Layout};
use crate::state::store::FormState;
use cycle::{Field, Value};
use leptos::prelude::*;

pub fn checkbox(field: &Field) -> AnyView {
    let state = expect_context::<FormState>();
    let value = state.value(&field.id);
    let label_field = field.clone();
    let name = field.id.to_string();
    field_shell(field, Layout::Inline, None, move |aria: &FieldAria| {
        let wiring = aria.wiring();
        let id = aria.control_id.clone();
        view! {
            <div class="mf-checkbox">
                <input
                    class="mf-checkbox__input"
                    type="checkbox"
                    id=id.clone()
                    name={name}
                    {..wiring}
                    prop:checked=move || matches!(value.get(), Some(Value::Bool(true)))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        value.set(on.then_some(Value::Bool(true)));
                        state.edited();
                    }
                />
                <label class="mf-checkbox__label" for=id>
                    <LabelText field=label_field/>
                </label>
            </div>
        }
        .into_any()
    })
}
