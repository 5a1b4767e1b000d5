//! Every sentence the form itself says (buttons, headings, notices, messages
//! about sending), as opposed to the cycle's own content. A cycle file may
//! replace any of them in its optional `texts` block; the defaults are here,
//! in one place, and nowhere else. That is the ground for a translated cycle.
//!
//! Placeholders in braces (`{n}`, `{total}`, …) are filled by [`fill`].

use serde::ser::{Serialize, SerializeMap, Serializer};

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

impl Texts {
    /// The replaced texts that differ from their defaults, in the table's
    /// order: what a cycle file has to say.
    pub fn replacements(&self) -> impl Iterator<Item = (TextKey, &str)> {
        TextKey::ALL
            .iter()
            .map(|&key| (key, self.get(key)))
            .filter(|(key, text)| *text != key.default_text())
    }

    /// True when every text is the form's own (nothing to write in a file).
    pub fn is_default(&self) -> bool {
        self.replacements().next().is_none()
    }

    /// Back to the default text.
    pub fn reset(&mut self, key: TextKey) {
        self.replaced.retain(|(k, _)| *k != key);
    }
}

/// The texts a cycle replaces, in the table's order (canonical: a file opened
/// and written again is byte-identical, and a replacement that repeats the
/// default says nothing, so it is not written).
impl Serialize for Texts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for (key, text) in self.replacements() {
            map.serialize_entry(key.name(), text)?;
        }
        map.end()
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

    // Answers as the review page, the copy and the staff tools show them, and
    // the messages built from a question's label. Placeholders: `{label}` is
    // the label as written; `{label_bare}` without a final `?`, `:` or `.`;
    // `{label_lower}` that with its first letter lower-cased (acronyms and
    // "I" kept). A cycle in another language replaces these like any text.

    /// A ticked confirmation box, on the review page.
    answer_ticked = "Yes",
    /// The twelve month names, January first, separated by commas.
    month_names = "January,February,March,April,May,June,July,August,September,October,November,December",
    /// A date as the review page shows it. `{day}`, `{month}`, `{year}`.
    long_date = "{day} {month} {year}",
    /// A rating in words (also what a screen reader hears on the slider). `{n}`, `{max}`, `{place}`.
    rating_words = "{n} of {max}, {place}",
    /// `{place}` in the middle of the scale. `{low}`, `{high}`: the scale's labels.
    rating_between = "between {low} and {high}",
    /// `{place}` nearer one end of the scale. `{end}`: that end's label.
    rating_towards = "towards {end}",
    /// A required text, number or date question left blank. `{label_lower}`.
    missing_text = "Enter {label_lower}",
    /// A required drop-down list left at its first entry. `{label_lower}`.
    missing_select = "Select {label_lower}",
    /// A required group of radios with none chosen. `{label}`.
    missing_radio = "Select an answer to “{label}”",
    /// A required confirmation box not ticked. `{label_lower}`.
    missing_checkbox = "Tick the box to confirm: {label_lower}",
    /// A required rating not chosen. `{min}`, `{max}`, `{label_bare}`.
    missing_rating = "Choose a rating from {min} to {max} for {label_bare}",
    /// A required checkbox group with none ticked. `{label}`.
    missing_checkboxes = "Select at least one answer to “{label}”",
    /// A required date whose label is a question (ends with `?`). `{label}`.
    missing_date_question = "Enter a date for “{label}”",
    /// A text over its limit. `{label}`, `{max}`.
    too_long = "{label} must be {max} characters or less",
    /// A text over its limit, when the label is a question. `{label}`, `{max}`.
    too_long_question = "Your answer to “{label}” must be {max} characters or less",
    /// An email address of the wrong shape.
    email_format = "Enter an email address in the correct format, like name@example.org",
    /// A phone number of the wrong shape.
    phone_format = "Enter a phone number in the correct format, like 312 944 6780 or +1 312 944 6780",
    /// A web address of the wrong shape.
    url_format = "Enter a web address in the correct format, like https://www.example.org",
    /// Not a whole number. `{label}`.
    whole_number = "{label} must be a whole number",
    /// Not a whole number in range. `{label}`, `{min}`, `{max}`.
    whole_number_between = "{label} must be a whole number between {min} and {max}",
    /// Not a whole number of at least `{min}`. `{label}`.
    whole_number_at_least = "{label} must be a whole number, {min} or more",
    /// Not a whole number of at most `{max}`. `{label}`.
    whole_number_at_most = "{label} must be a whole number, {max} or less",
    /// A checkbox group that takes exactly one answer. `{label}`.
    choices_exactly_one = "Select 1 answer to “{label}”",
    /// A checkbox group that takes exactly `{n}` answers. `{label}`.
    choices_exactly = "Select {n} answers to “{label}”",
    /// Too few boxes ticked, at least one wanted. `{label}`.
    choices_at_least_one = "Select at least 1 answer to “{label}”",
    /// Too few boxes ticked. `{n}`, `{label}`.
    choices_at_least = "Select at least {n} answers to “{label}”",
    /// Too many boxes ticked, at most one wanted. `{label}`.
    choices_at_most_one = "Select no more than 1 answer to “{label}”",
    /// Too many boxes ticked. `{n}`, `{label}`.
    choices_at_most = "Select no more than {n} answers to “{label}”",
    /// What a date message calls the answer when the label is a question.
    date_subject = "The date",
    /// A date that does not exist, or typed only in part. `{subject}`: the label, or `date_subject`.
    date_not_real = "{subject} must be a real date",
    /// A date out of range. `{subject}`, `{min}`, `{max}`.
    date_between = "{subject} must be between {min} and {max}",
    /// A date before the first allowed. `{subject}`, `{min}`.
    date_from = "{subject} must be the same as or after {min}",
    /// A date after the last allowed. `{subject}`, `{max}`.
    date_until = "{subject} must be the same as or before {max}",

    // Versions, storage and the connection (issues 19 and 23).

    /// Confirmation panel, under the reference. `{version}`: which version of the application the endpoint confirmed.
    version_received = "Version {version} of your application was received.",
    /// Confirmation page heading when answers changed after the confirmed version was sent.
    changed_after_sending_heading = "You changed answers after sending",
    /// Under that heading.
    changed_after_sending = "Your changes are kept on this device but have not been sent yet. Check them and send them as the next version of your application.",
    /// Link to the review page to send the changed answers.
    send_changes_link = "Check and send your changes",
    /// Notice on every page while changed answers wait to be sent. `{version}`: the version received.
    unsent_changes = "Version {version} of your application was received. You changed answers after it was sent: your changes are kept on this device but have not been sent yet.",
    /// Notice while a send made offline waits for the connection.
    waiting_for_connection = "Waiting for a connection. Your application will be sent when you are back online. Keep this page open, or come back to it later.",
    /// A save of the draft failed (storage full); shown once, with the download.
    save_failed = "Your latest answers could not be saved on this device (its storage is full). They are still on this page, but would be lost if you closed or reloaded it: download a copy of your answers to keep them.",
    /// The embedding page keeps no draft in its storage (`data-drafts="off"`).
    drafts_off = "This form does not keep your answers on this device. You can still fill in and send it, but finish in one go: if you leave, close or reload this page, what you typed will be lost.",
    /// Confirmation page when the draft could not be removed from the device.
    answers_not_removed = "Your answers could not be removed from this device (the browser did not allow it). To remove them, clear this site's data in your browser's settings. You can keep a copy:",
    /// After "Clear my answers" when the draft could not be removed.
    clear_failed = "Your answers could not be removed from this device (the browser did not allow it). To remove them, clear this site's data in your browser's settings.",
    /// Label of the hidden field no person sees or fills (a trap for bots).
    honeypot_label = "Leave this field empty",

    // Shown by the page scripts (scripts/early-paint.js) when the app could
    // not start; the build resolves them into the page.

    /// Heading of the notice shown when the form's program never started.
    start_failed_title = "The form could not start",
    /// The notice's explanation: what happened, what is kept, what to do.
    start_failed_body = "Something stopped this form from loading. What you typed here is kept on this device and comes back when the form loads. Reload to try again.",
    /// The notice's button that reloads the page.
    start_failed_reload = "Reload the form",

    // "Save and continue later", "Continue an application", and the
    // shared-computer choice (issue 23).


    /// Button on section pages and the review page that saves the answers online.
    save_later_button = "Save and continue later",
    /// That button while saving.
    save_later_saving = "Saving your answers…",
    /// Heading (and title) of what the page shows after saving online.
    saved_title = "Your answers are saved",
    /// Above the resume code on that page.
    saved_code_label = "Your resume code",
    /// Under the resume code.
    saved_code_advice = "Write this code down, or email the link below to yourself. You need it to continue your application on this or any other device. It is not sent to you, and without it nobody can open your saved answers, not even the program's staff.",
    /// When the saved answers are deleted. `{date}`.
    saved_until = "Your answers are saved until {date}, then deleted. Sending your application deletes them too.",
    /// Saving again keeps the same code.
    saved_same_code = "If you save again, use the same code: it always opens your latest saved answers.",
    /// Label of the resume link.
    saved_link_label = "Link to continue your application",
    /// Button that copies the link.
    copy_link_button = "Copy link",
    /// After the link was copied.
    link_copied = "The link has been copied.",
    /// When the browser did not allow copying.
    link_not_copied = "Your browser did not allow copying. The link is selected: copy it with your keyboard or menu.",
    /// The `mailto:` link.
    email_link = "Email the link to yourself",
    /// Subject of that email. `{title}`: the cycle's title.
    email_subject = "Continue your {title}",
    /// Body of that email. `{link}`, `{code}`, `{date}`.
    email_body = "Continue your application with this link:\n{link}\n\nOr open the application form, choose “Continue an application” and enter the resume code {code}.\n\nYour answers are saved until {date}.",
    /// Back to the form from the saved code.
    saved_return_link = "Return to your application",
    /// Under the saved code, on a shared computer.
    saved_shared_computer = "You can now close this page. Nothing of your application is kept in this browser, and the page is cleared when you leave it.",
    /// Heading when saving online failed.
    save_online_failed_heading = "Your answers could not be saved online",
    /// Saving failed: no connection.
    save_online_network = "The connection failed before the service that keeps saved answers replied. Check your connection and try again.",
    /// Saving failed: too large.
    save_online_too_large = "Your answers are too long to be saved online. Download a copy of your answers to keep them.",
    /// Saving failed: the cycle has closed.
    save_online_closed = "Applications for this cycle have closed, so answers can no longer be saved online.",
    /// Saving or opening failed: the service replied with an error. `{status}`.
    online_server_error = "The service that keeps saved answers is not working at the moment (it replied with error {status}). Try again in a few minutes.",
    /// Saving or opening failed: the browser's encryption failed.
    online_crypto_failed = "Your browser could not encrypt or decrypt the saved answers. Try again, or use another browser.",
    /// After a failed save, where the answers still are (answers kept on the device).
    save_online_kept_here = "Your answers are still on this page and on this device.",
    /// After a failed save on a shared computer.
    save_online_kept_on_page = "Your answers are still on this page only: finish and send them, or try again before you leave.",
    /// Too many tries from one network, wait a minute.
    wait_one_minute = "Too many tries have come from your network. Wait a minute, then try again.",
    /// Too many tries from one network. `{minutes}`.
    wait_minutes = "Too many tries have come from your network. Wait {minutes} minutes, then try again.",
    /// Start page heading of the resume form.
    resume_heading = "Continue an application",
    /// Under that heading.
    resume_intro = "If you saved your answers with “Save and continue later”, enter the resume code you were given.",
    /// Label of the code box.
    resume_code_label = "Resume code",
    /// Hint of the code box.
    resume_code_hint = "20 letters and numbers, for example ABCD-EFGH-JKMN-PQRS-TVWX",
    /// Button that opens the saved answers.
    resume_button = "Open saved answers",
    /// While opening them.
    resume_opening = "Opening your saved answers…",
    /// Nothing typed.
    resume_missing = "Enter your resume code",
    /// Not a code.
    resume_malformed = "Enter the 20 letters and numbers of your resume code, for example ABCD-EFGH-JKMN-PQRS-TVWX",
    /// No answers for this code.
    resume_not_found = "We could not find answers saved with that code. Check the code and try again: it has 20 letters and numbers.",
    /// The answers expired.
    resume_expired = "The answers saved with that code have expired and were deleted. You can start a new application.",
    /// No connection.
    resume_network = "We could not reach the service that keeps saved answers. Check your connection and try again.",
    /// The saved answers could not be opened.
    resume_unreadable = "The answers saved with that code could not be opened. Check the code and try again.",
    /// The code belongs to another application form.
    resume_other_form = "That code is for answers saved in another application form, not this one.",
    /// Notice after resuming.
    resume_restored = "Your saved answers are back. Continue where you left off.",
    /// Notice after resuming on a device that had answers too.
    resume_combined = "Your saved answers are back, together with the answers already on this device. Where a question had two different answers, the more recent one is kept.",
    /// Notice after saving again found newer answers saved from another device.
    online_answers_added = "Answers you saved from another device were added to this page. Where a question had two different answers, the more recent one is kept.",
    /// Heading when the device holds other answers.
    resume_conflict_heading = "This device already has answers",
    /// Under it.
    resume_conflict_body = "The answers already on this device are not the same as the ones saved with this code. What would you like to do?",
    /// Choice: combine.
    resume_combine_button = "Combine them, keeping the more recent answer to each question",
    /// Choice: replace.
    resume_replace_button = "Use only the saved answers",
    /// Choice: keep the device's.
    resume_cancel_button = "Cancel, keep the answers on this device",
    /// Saving online is not possible on a plain-http page.
    resume_not_secure = "Saving your answers to continue on another device is not available here, because this page was not opened over a secure connection (its address starts with http: instead of https:). Ask the program's staff for the secure address of this form.",
    /// The shared-computer checkbox.
    shared_computer_label = "I'm using a shared or public computer",
    /// Its hint.
    shared_computer_hint = "For example at a library or at work. Your answers will not be kept in this browser, and this page is cleared when you leave it.",
    /// Notice on every page while it is ticked.
    shared_computer_on = "You are using a shared or public computer: your answers are not kept in this browser, and this page is cleared when you leave it.",
    /// Added to that notice when saving online is offered.
    shared_computer_save = "To finish later, use “Save and continue later” and keep the resume code.",
    /// Added to that notice when it is not.
    shared_computer_finish = "Finish and send your application before you leave.",
    /// Confirmation page, after the online copy was deleted.
    online_copy_deleted = "The copy of your answers saved online with your resume code has been deleted.",
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
