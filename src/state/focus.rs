//! Where focus goes after the page changed under the applicant: the error
//! summary, a send failure, the top of a new page. Page-level DOM targets are
//! named here once, as a type, instead of id strings spread over the views.

use crate::browser;
use leptos::prelude::request_animation_frame;

/// Page-level elements that focus is moved to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// GOV.UK's "There is a problem" box.
    ErrorSummary,
    /// The box that says sending failed.
    SendError,
    /// "Waiting for a connection…"
    Waiting,
    /// Preview: the request that would have been sent.
    PreviewRequest,
    /// "Yes, clear my answers".
    ClearConfirm,
    /// "Your answers have been cleared from this device."
    ClearDone,
}

impl Target {
    pub const fn id(self) -> &'static str {
        match self {
            Target::ErrorSummary => "mf-error-summary",
            Target::SendError => "mf-send-error",
            Target::Waiting => "mf-waiting",
            Target::PreviewRequest => "mf-preview-request",
            Target::ClearConfirm => "mf-clear-yes",
            Target::ClearDone => "mf-clear-done",
        }
    }
}

/// Focuses the target once the DOM has caught up with the signals, and
/// scrolls it into view.
pub fn focus_soon(target: Target) {
    request_animation_frame(move || {
        if let Some(el) = browser::element_by_id(target.id()) {
            let _ = el.focus();
            el.scroll_into_view();
        }
    });
}

/// The error summary, after a failed Continue or Send (GOV.UK: focus moves
/// to it so screen reader users hear the problems first).
pub fn focus_summary() {
    focus_soon(Target::ErrorSummary);
}

/// Moves focus to the top of the new page so keyboard and screen reader
/// users start there, as a full page load would.
pub fn focus_main() {
    request_animation_frame(|| {
        if let Some(h1) = browser::query(".mf-main h1") {
            let _ = h1.set_attribute("tabindex", "-1");
            let _ = h1.focus();
        }
        browser::window().scroll_to_with_x_and_y(0.0, 0.0);
    });
}
