//! Every sentence the form itself says (buttons, headings, notices, messages
//! about sending), as opposed to the cycle's own content. A cycle file may
//! replace any of them in its optional `texts` block; the defaults are here,
//! in one place, and nowhere else. That is the ground for a translated cycle.
//!
//! Placeholders in braces (`{n}`, `{total}`, …) are filled by [`fill`].

use serde::de::{Deserialize, Deserializer, Error as _, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::fmt;

// A keyed table, not a struct of 70-odd `String`s: the defaults stay
// `&'static str` in the wasm's data and a cycle's replacements sit in a short
// list, so there is no 70-field `Default` (70 allocations at start), `Clone`
// or drop, and the parser is one loop over the keys (serde's derive for the
// struct came to 44 KB of wasm). Reading stays typed: one method per text
// (`texts.continue_button()`), generated with the key list from the table below.
macro_rules! texts {
    ($( $(#[doc = $doc:literal])* $name:ident = $default:literal, )*) => {
        /// Names one of the form's sentences (the keys of a cycle's `texts` block).
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[allow(non_camel_case_types)]
        pub enum TextKey {
            $( $(#[doc = $doc])* $name, )*
        }

        impl TextKey {
            /// Every key, in the order of the table.
            pub const ALL: &'static [TextKey] = &[ $( TextKey::$name, )* ];
            /// The key's name in a cycle file.
            pub const NAMES: &'static [&'static str] = &[ $( stringify!($name), )* ];
            const DEFAULTS: &'static [&'static str] = &[ $( $default, )* ];

            /// The key's name in a cycle file (`"continue_button"`).
            pub fn name(self) -> &'static str {
                Self::NAMES[self as usize]
            }

            /// The form's own wording, used unless the cycle replaces it.
            pub fn default_text(self) -> &'static str {
                Self::DEFAULTS[self as usize]
            }
        }

        impl Texts {
            $(
                $(#[doc = $doc])*
                pub fn $name(&self) -> &str {
                    self.get(TextKey::$name)
                }
            )*
        }

        // The JSON Schema of the `texts` block, described by a struct with one
        // field per key as the derive expects (native only, like schemars). A
        // plain comment: a doc comment would become the schema's description.
        #[cfg(not(target_arch = "wasm32"))]
        #[derive(schemars::JsonSchema, serde::Serialize)]
        #[schemars(rename = "Texts")]
        #[serde(default, deny_unknown_fields)]
        #[allow(dead_code)]
        struct TextsSchema {
            $( $(#[doc = $doc])* $name: String, )*
        }

        #[cfg(not(target_arch = "wasm32"))]
        impl Default for TextsSchema {
            fn default() -> Self {
                TextsSchema { $( $name: $default.to_string(), )* }
            }
        }
    };
}

/// Every sentence the form says: the defaults below, with any the cycle
/// file's `texts` block replaces.
#[derive(Debug, Clone, Default)]
pub struct Texts {
    /// The cycle's replacements, at most one per key, in the file's order.
    replaced: Vec<(TextKey, String)>,
}

impl Texts {
    /// The text under `key`: the cycle's if it gives one, else the default.
    pub fn get(&self, key: TextKey) -> &str {
        self.replaced
            .iter()
            .find(|(k, _)| *k == key)
            .map_or(key.default_text(), |(_, text)| text.as_str())
    }

    /// Replaces the text under `key` (as a cycle's `texts` block does).
    pub fn set(&mut self, key: TextKey, text: impl Into<String>) {
        let text = text.into();
        match self.replaced.iter_mut().find(|(k, _)| *k == key) {
            Some((_, old)) => *old = text,
            None => self.replaced.push((key, text)),
        }
    }
}

/// Equal when every key reads the same, however it came to (a replacement
/// that repeats the default equals no replacement).
impl PartialEq for Texts {
    fn eq(&self, other: &Self) -> bool {
        TextKey::ALL.iter().all(|&k| self.get(k) == other.get(k))
    }
}

/// Every key with its text, as the struct of fields serialised before.
impl Serialize for Texts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(TextKey::ALL.len()))?;
        for &key in TextKey::ALL {
            map.serialize_entry(key.name(), self.get(key))?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Texts {
    /// The contract of serde's derive with `#[serde(default,
    /// deny_unknown_fields)]`: keys left out keep their defaults, an unknown
    /// key is "unknown field `x`, expected one of …", a repeated key is
    /// "duplicate field `x`", a value that is not a string is serde's own
    /// type error.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextsVisitor;

        impl<'de> Visitor<'de> for TextsVisitor {
            type Value = Texts;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                // The derive's wording; `config::load` turns it into "an object { … }".
                f.write_str("struct Texts")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Texts, A::Error> {
                let mut texts = Texts::default();
                while let Some(name) = map.next_key::<String>()? {
                    let Some(index) = TextKey::NAMES.iter().position(|n| *n == name) else {
                        return Err(A::Error::unknown_field(&name, TextKey::NAMES));
                    };
                    let key = TextKey::ALL[index];
                    if texts.replaced.iter().any(|(k, _)| *k == key) {
                        return Err(A::Error::duplicate_field(key.name()));
                    }
                    texts.replaced.push((key, map.next_value()?));
                }
                Ok(texts)
            }
        }

        deserializer.deserialize_map(TextsVisitor)
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl schemars::JsonSchema for Texts {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        TextsSchema::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        TextsSchema::json_schema(generator)
    }
}

texts! {
    /// While the cycle file loads.
    loading = "Loading the application…",
    /// Title of the start page (in the browser tab).
    start_page_title = "Start",
    /// Start page heading above the list of sections.
    start_sections_heading = "What you will be asked",
    /// Start page paragraph under the list of sections.
    start_how_long = "It takes about 10 minutes. Your answers are kept on this device as you go, so you can come back to them. You can check everything before you send it.",
    /// The start button.
    start_button = "Start now",
    /// The start button when answers are kept on the device.
    continue_application_button = "Continue your application",
    /// Start page heading above the contact line.
    questions_heading = "Questions",
    /// After a reload with a saved draft. `{date}`: when it was saved.
    welcome_back = "Welcome back. Your answers from {date} are kept on this device: continue where you left off, or clear them at the bottom of the page.",
    /// Link back to the previous page.
    back_link = "Back",
    /// Above a section's heading. `{n}`, `{total}`.
    section_of = "Section {n} of {total}",
    /// A section's submit button.
    continue_button = "Continue",
    /// A section's submit button after a Change link on the review page.
    save_and_return_button = "Save and return to review",
    /// Legend of a group of ratings. `{min}`, `{low}`, `{max}`, `{high}`.
    ratings_legend = "Rate your level of comfort with each area, from {min} ({low}) to {max} ({high})",
    /// Name of the step list (progress through the sections).
    steps_label = "Application sections",
    /// Read after a finished step.
    step_done = " (done)",
    /// Read after the current step.
    step_current = " (current section)",
    /// Title of the error summary.
    error_summary_title = "There is a problem",
    /// The review page heading.
    review_title = "Check your answers before sending your application",
    /// On the review page, for a question left blank.
    not_provided = "Not provided",
    /// Change link on the review page (the question's label follows, hidden).
    change_link = "Change",
    /// Heading above the send button.
    send_heading = "Now send your application",
    /// The declaration above the send button.
    send_declaration = "By sending this application you confirm that, to the best of your knowledge, the details you are providing are correct.",
    /// The send button.
    send_button = "Send application",
    /// The send button during the first attempt.
    sending_button = "Sending…",
    /// The send button during a retry. `{n}`, `{total}`.
    sending_retry_button = "Sending… (try {n} of {total})",
    /// Announced while sending.
    sending_status = "Sending your application",
    /// Heading when the endpoint said no, or could not be reached.
    send_failed_heading = "Your application has not been sent",
    /// Heading when there is no confirmation (timeout, dropped connection, redirect).
    send_uncertain_heading = "Your application may not have arrived",
    /// Advice after a failure; `{contact}` is followed by the contact's address.
    send_failed_advice = "Your answers are safe on this page and on this device. Try again in a moment. If it keeps failing, download a copy of your answers and email it to",
    /// Advice when there is no confirmation.
    send_uncertain_advice = "Your answers are safe on this page and on this device. Try again: if the first try did arrive, trying again will not make a second application. If it keeps failing, download a copy of your answers and email it to",
    /// The retry button.
    try_again_button = "Try again",
    /// Download of the applicant's answers.
    download_copy = "Download a copy of your answers",
    /// Print of the applicant's answers (after a failure).
    print_answers = "Print your answers",
    /// Print of the applicant's answers (confirmation page).
    print_copy = "Print a copy of your answers",
    /// The endpoint did not answer in time.
    send_timed_out = "The application service did not answer in time.",
    /// The connection failed before an answer.
    send_network_failed = "The connection to the application service failed before it answered.",
    /// The reply was a redirect (a sign-in page, a thank-you page elsewhere).
    send_redirected = "The application service answered by sending the request somewhere else (it may want you to sign in first), so there is no confirmation that it was received.",
    /// A 5xx, 408 or 429 after every retry. `{status}`.
    send_server_error = "The application service is not working at the moment (it replied with error {status}), so your application has not been sent.",
    /// Another 4xx. `{status}`.
    send_rejected = "The application service did not accept the application (error {status}), so it has not been sent.",
    /// A 409 that resending as a new version did not clear.
    send_conflict = "The application service already holds a different copy of this application and would not take this one.",
    /// Confirmation panel: above the reference.
    your_reference = "Your reference",
    /// Confirmation page heading above the cycle's "next" text.
    next_heading = "What happens next",
    /// Confirmation page, above the print and download buttons.
    answers_removed = "Your answers have been removed from this device. You can keep a copy:",
    /// Heading of the printable copy on the confirmation page.
    your_answers_heading = "Your answers",
    /// Confirmation page in a tab the application was not sent from.
    sent_elsewhere = "Your application was sent from another tab or window on this device, and its answers have been removed from this device. There is nothing more to do here.",
    /// Link from that page to a new application.
    start_new_application = "Start a new application",
    /// The confirmation page reached without sending (a bookmark, a reload).
    nothing_sent_heading = "No application has been sent from this page",
    /// Under that heading, before the link to the start.
    nothing_sent_body = "If you have just sent your application, you will have seen its reference on this page.",
    /// The link to the start.
    go_to_start = "Go to the start of the application",
    /// Closed page heading before the cycle opens. `{title}`.
    not_open_heading = "The {title} is not open yet",
    /// Closed page heading after the deadline. `{title}`.
    closed_heading = "The {title} has closed",
    /// Closed page, before the cycle opens.
    not_open_body = "Applications can be sent once the cycle opens.",
    /// Closed page, after the deadline.
    closed_body = "Applications are no longer being accepted for this cycle.",
    /// Closed page, with a saved draft.
    closed_draft = "You have answers saved on this device. They have not been sent.",
    /// When the browser keeps no draft (private window, locked-down PC).
    storage_unavailable = "Your answers cannot be kept on this device (the browser does not allow it). You can still fill in and send the form, but finish in one go: if you close or reload this page, what you typed will be lost.",
    /// Another tab's answers are shown now.
    tab_updated = "This page now shows the answers you gave in another tab or window where this form is open. They are all kept together.",
    /// Another tab cleared the answers.
    tab_cleared = "Your answers were cleared in another tab or window, so they have been cleared here too.",
    /// Dismisses a notice.
    dismiss = "Dismiss",
    /// Saved answers that no longer match a question.
    kept_aside = "Some answers saved on this device no longer match a question in this form, so they are not filled in below. They are kept on this device and in the copy of your answers:",
    /// The footer's clear button.
    clear_button = "Clear my answers",
    /// Its confirmation question.
    clear_question = "Clear all your answers from this device? This cannot be undone.",
    /// Its confirming button.
    clear_confirm = "Yes, clear my answers",
    /// Its cancel button.
    clear_cancel = "Cancel",
    /// After clearing.
    cleared = "Your answers have been cleared from this device.",
    /// After an optional question's label.
    optional_suffix = " (optional)",
    /// Beside a confidential question.
    confidential_note = "If you answer, it stays confidential and is used only to find you a match.",
    /// Beside a confidential question that is optional. `{note}`: the note above.
    optional_confidential_note = "Optional. {note}",
    /// Read before an inline error message (hidden on screen).
    error_prefix = "Error: ",
    /// The empty first entry of a drop-down list without a `placeholder`.
    choose_one = "Choose one",
    /// Under a limited text box. `{n}`.
    characters_remaining = "You have {n} characters remaining",
    /// Under a text box over its limit. `{n}`.
    characters_too_many = "You have {n} characters too many",
    /// A rating not yet chosen.
    not_rated = "Not yet rated",
    /// The hint of a checkbox group without a `hint` of its own.
    select_all_that_apply = "Select all that apply.",
    // ---- branch `pagescripts`: shown by the page scripts (scripts/early-paint.js)
    // when the app could not start; the build resolves them into the page.
    /// Heading of the notice shown when the form's program never started.
    start_failed_title = "The form could not start",
    /// The notice's explanation: what happened, what is kept, what to do.
    start_failed_body = "Something stopped this form from loading. What you typed here is kept on this device and comes back when the form loads. Reload to try again.",
    /// The notice's button that reloads the page.
    start_failed_reload = "Reload the form",
}

/// Fills `{name}` placeholders: `fill("Section {n} of {total}", &[("n", "2"), ("total", "6")])`.
/// Unknown placeholders stay as written, so a typo shows instead of vanishing.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each key lands under its own name and leaves the others at their
    /// defaults: the names, the defaults and the methods are lists written by
    /// one macro, and this is what ties them together.
    #[test]
    fn every_key_sets_its_own_text_and_leaves_the_others() {
        let defaults = serde_json::to_value(Texts::default()).unwrap();
        assert_eq!(defaults.as_object().unwrap().len(), TextKey::ALL.len());
        for &key in TextKey::ALL {
            assert_eq!(defaults[key.name()], key.default_text());
            let texts: Texts =
                serde_json::from_value(serde_json::json!({ key.name(): "replaced" })).unwrap();
            assert_eq!(texts.get(key), "replaced");
            let got = serde_json::to_value(&texts).unwrap();
            for (name, value) in got.as_object().unwrap() {
                let want = if name == key.name() {
                    &serde_json::json!("replaced")
                } else {
                    &defaults[name]
                };
                assert_eq!(value, want, "after setting `{}`, `{name}`", key.name());
            }
        }
        // The methods read their own key.
        let texts: Texts = serde_json::from_value(
            serde_json::json!({"continue_button": "Weiter", "back_link": "Zurück"}),
        )
        .unwrap();
        assert_eq!(texts.continue_button(), "Weiter");
        assert_eq!(texts.back_link(), "Zurück");
        assert_eq!(texts.send_button(), "Send application");
    }

    #[test]
    fn an_empty_block_is_all_defaults_and_equality_is_by_what_they_read() {
        let texts: Texts = serde_json::from_str("{}").unwrap();
        assert_eq!(texts, Texts::default());
        let mut same = Texts::default();
        same.set(TextKey::back_link, "Back");
        assert_eq!(
            same,
            Texts::default(),
            "a replacement that repeats the default"
        );
        same.set(TextKey::back_link, "Zurück");
        assert_ne!(same, Texts::default());
        same.set(TextKey::back_link, "Retour");
        assert_eq!(same.back_link(), "Retour", "set replaces");
    }
}
