//! Any number of choices: GOV.UK's checkbox group, a fieldset whose legend is
//! the question, the hint ("Select all that apply."), one checkbox per choice.

use super::choice_box::{BoxKind, ChoiceBox};
use crate::components::shell::{field_shell, Layout};
use crate::state::store::FormState;
use cycle::{Choice, Field, Value};
use leptos::prelude::*;

pub fn checkboxes(field: &Field, options: &[Choice]) -> AnyView {
    let state = expect_context::<FormState>();
    let value = state.value(&field.id);
    let offered: Vec<String> = options.iter().map(|o| o.value.to_string()).collect();
    let boxes = options
        .iter()
        .map(|o| {
            let this = o.value.to_string();
            let is_chosen = {
                let this = this.clone();
                move || matches!(value.get(), Some(Value::List(ref l)) if l.contains(&this))
            };
            let offered = offered.clone();
            let state = state.clone();
            let on_change = move |ev: leptos::ev::Event| {
                let on = event_target_checked(&ev);
                let mut chosen = match value.get_untracked() {
                    Some(Value::List(l)) => l,
                    _ => Vec::new(),
                };
                chosen.retain(|v| *v != this);
                if on {
                    chosen.push(this.clone());
                }
                // Kept in the order offered, so drafts and payloads agree.
                let list: Vec<String> = offered
                    .iter()
                    .filter(|v| chosen.contains(v))
                    .cloned()
                    .collect();
                value.set((!list.is_empty()).then_some(Value::List(list)));
                state.edited();
            };
            ChoiceBox::for_option(BoxKind::Checkbox, &field.id, o).view(is_chosen, on_change)
        })
        .collect_view();
    field_shell(field, Layout::Group, None, move |_| {
        view! { <div class="mf-checkboxes">{boxes}</div> }.into_any()
    })
}
