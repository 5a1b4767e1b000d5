//! `email`: an address in the shape GOV.UK checks; the domain is lower-cased.

use super::{read_text, Control, InputAttrs, Keys, Kind, Reading};
use crate::config::model::{Field, RatingScale};
use crate::form::text::{is_email, to_lowercase};
use crate::form::value::Value;

pub struct Email;

/// Domains are case-insensitive, mailbox names are not: only the part after
/// the last `@` is lower-cased.
pub fn lowercase_domain(address: &str) -> String {
    match address.rfind('@') {
        Some(at) => {
            let (local, domain) = address.split_at(at);
            format!("{local}{}", to_lowercase(domain))
        }
        None => address.to_string(),
    }
}

impl Kind for Email {
    fn name(&self) -> &'static str {
        "email"
    }
    fn keys(&self) -> Keys {
        Keys::TEXT
    }
    fn read(&self, field: &Field, _: &RatingScale, value: &Value) -> Reading {
        read_text(field, value, lowercase_domain, is_email, || {
            self.format_message(field).unwrap_or_default()
        })
    }
    fn format_message(&self, field: &Field) -> Option<String> {
        Some(field.messages.format.clone().unwrap_or_else(|| {
            "Enter an email address in the correct format, like name@example.org".into()
        }))
    }
    fn control(&self, _: &Field) -> Control {
        Control::Input(InputAttrs {
            input_type: "email",
            spellcheck: Some("false"),
            ..InputAttrs::TEXT
        })
    }
}
