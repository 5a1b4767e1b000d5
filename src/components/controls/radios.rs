//! One choice from a few: a fieldset of radios.

use super::choice_box::{BoxKind, ChoiceBox};
use crate::components::shell::{field_shell, Layout};
use crate::state::store::FormState;
use cycle::{Choice, Field, Value};
use leptos::prelude::*;

pub fn radios(field: &Field, options: &[Choice]) -> AnyView {
    let state = expect_context::<FormState>();
    let value = state.value(&field.id);
    let options = options
        .iter()
        .map(|o| {
            let v = o.value.to_string();
            let v2 = v.clone();
            let state = state.clone();
            let checked = move || matches!(value.get(), Some(Value::Text(ref t)) if *t == v);
            ChoiceBox::for_option(BoxKind::Radio, &field.id, o).view(checked, move |_| {
                value.set(Some(Value::Text(v2.clone())));
                state.edited();
            })
        })
        .collect_view();
    field_shell(field, Layout::Group, None, move |_| {
        view! { <div class="mf-radios">{options}</div> }.into_any()
    })
}
