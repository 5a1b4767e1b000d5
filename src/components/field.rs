//! One question, rendered from its cycle-file description: the field's kind
//! names its control (`form::kinds`), and this dispatches to it. Each field
//! reads only its own signals: typing re-renders nothing else.

use super::controls::{checkbox, checkboxes, radios, rating, select, text_input};
use crate::config::model::Field;
use crate::form::kinds::{self, Control};
use leptos::prelude::*;

#[component]
pub fn FieldView(field: Field) -> impl IntoView {
    match kinds::of(field.kind).control(&field) {
        Control::Input(attrs) => text_input::text_input(&field, attrs),
        Control::Textarea => text_input::textarea(&field),
        Control::Select => select::select(&field),
        Control::Radios => radios::radios(&field),
        Control::Checkbox => checkbox::checkbox(&field),
        Control::Rating => rating::rating(&field),
        Control::Checkboxes => checkboxes::checkboxes(&field),
    }
}
