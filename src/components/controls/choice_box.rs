//! One radio or checkbox with its label after it, as a group shows each
//! choice (GOV.UK's radios and checkboxes).

use cycle::{page_ids, Choice, FieldId};
use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoxKind {
    Radio,
    Checkbox,
}

/// One choice of a group: its box and label.
pub struct ChoiceBox {
    kind: BoxKind,
    id: String,
    name: String,
    value: String,
    label: String,
}

impl ChoiceBox {
    /// The box for one of the field's options (`name` is the field id).
    pub fn for_option(kind: BoxKind, field_id: &FieldId, option: &Choice) -> Self {
        ChoiceBox {
            kind,
            id: page_ids::option(field_id, &option.value),
            name: field_id.to_string(),
            value: option.value.to_string(),
            label: option.label.clone(),
        }
    }

    pub fn view(
        self,
        checked: impl Fn() -> bool + Send + Sync + 'static,
        on_change: impl Fn(leptos::ev::Event) + 'static,
    ) -> impl IntoView {
        let (block, input_type) = match self.kind {
            BoxKind::Radio => ("mf-radio", "radio"),
            BoxKind::Checkbox => ("mf-checkbox", "checkbox"),
        };
        view! {
            <div class=block>
                <input
                    class=format!("{block}__input")
                    type=input_type
                    id=self.id.clone()
                    name=self.name
                    value=self.value
                    prop:checked=checked
                    on:change=on_change
                />
                <label class=format!("{block}__label") for=self.id>{self.label}</label>
            </div>
        }
    }
}
