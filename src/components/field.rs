//! One question, rendered from its cycle description: the kind decides the
//! control, by an exhaustive match (a new kind does not compile until it has
//! one). Each field reads only its own signals: typing re-renders nothing else.

use super::controls::text_input::InputAttrs;
use super::controls::{checkbox, checkboxes, radios, rating, select, text_input};
use cycle::kinds::PART_OF_A_DATE;
use cycle::{Field, Kind};
use leptos::prelude::*;

#[component]
pub fn FieldView(field: Field) -> impl IntoView {
    match &field.kind {
        Kind::Text(s) => {
            // GOV.UK widths: a short limit gets a short box.
            let short = s.max_length.is_some_and(|n| n <= 30);
            let class = if short {
                InputAttrs::SHORT_CLASS
            } else {
                InputAttrs::TEXT.class
            };
            text_input::text_input(
                &field,
                InputAttrs {
                    class,
                    ..InputAttrs::TEXT
                },
            )
        }
        Kind::Email(_) => text_input::text_input(
            &field,
            InputAttrs {
                input_type: "email",
                spellcheck: Some("false"),
                ..InputAttrs::TEXT
            },
        ),
        Kind::Phone(_) => text_input::text_input(
            &field,
            InputAttrs {
                input_type: "tel",
                class: InputAttrs::SHORT_CLASS,
                ..InputAttrs::TEXT
            },
        ),
        Kind::Integer(_) => text_input::text_input(
            &field,
            InputAttrs {
                inputmode: Some("numeric"),
                spellcheck: Some("false"),
                class: "mf-input mf-input--w4",
                ..InputAttrs::TEXT
            },
        ),
        Kind::Textarea(s) => text_input::textarea(&field, s.max_length),
        Kind::Url(_) => text_input::text_input(
            &field,
            InputAttrs {
                input_type: "url",
                spellcheck: Some("false"),
                ..InputAttrs::TEXT
            },
        ),
        Kind::Select(s) => select::select(&field, s),
        Kind::Radio(s) => radios::radios(&field, &s.options),
        Kind::Checkbox => checkbox::checkbox(&field),
        Kind::Rating => rating::rating(&field),
        Kind::Checkboxes(s) => checkboxes::checkboxes(&field, &s.options),
        Kind::Date(range) => text_input::text_input(
            &field,
            InputAttrs {
                input_type: "date",
                class: "mf-input mf-input--date",
                min: range.min.map(|d| d.to_string()),
                max: range.max.map(|d| d.to_string()),
                bad_input: Some(PART_OF_A_DATE),
                ..InputAttrs::TEXT
            },
        ),
    }
}
