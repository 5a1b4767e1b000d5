//! What to do with each reply: pure decisions, so they are tested natively.

use crate::form::json::{object_of, string_at};
use cycle::{Cycle, FieldId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// 2xx: the server has it. Carries the receipt the server gave, if any.
    Stored { receipt: Option<String> },
    /// Worth another attempt after the given delay.
    Retry { after_ms: u32 },
    /// The server named answers it will not take (4xx with `errors`): the
    /// question each is about, or `None` for a message about the whole form.
    FieldErrors(Vec<(Option<FieldId>, String)>),
    /// A failure another attempt will not fix (other 4xx).
    Rejected { status: u16 },
    /// The reply came through a redirect (a sign-in page, a "thank you" page
    /// of some other site): it says nothing about whether the application was
    /// stored, so it is not a confirmation.
    Unconfirmed,
    /// 409: the endpoint already holds other answers under this idempotency
    /// key. The answers are sent again as the application's next version.
    KeyReused,
}

/// A reply that was redirected confirms nothing, unless the cycle says its
/// service always redirects after storing (`submit.accept_redirect`, e.g. a
/// script web app). Checked before [`judge`].
pub fn redirect_verdict(cycle: &Cycle, redirected: bool) -> Option<Verdict> {
    (redirected && !cycle.submit.accept_redirect).then_some(Verdict::Unconfirmed)
}

const BASE_MS: f64 = 600.0;
const CAP_MS: f64 = 8_000.0;
const RETRY_AFTER_CAP_MS: u32 = 30_000;

/// Exponential backoff with "equal jitter": half the step fixed, half random,
/// so many applicants retrying after an outage do not arrive together.
/// `jitter` is a random number in [0, 1).
pub fn backoff_ms(attempt: u32, jitter: f64) -> u32 {
    let step = (BASE_MS * 2f64.powi(attempt.min(10) as i32)).min(CAP_MS);
    (step / 2.0 + step / 2.0 * jitter.clamp(0.0, 1.0)) as u32
}

/// `Retry-After` in seconds (the HTTP-date form is not worth its code here).
pub fn retry_after_ms(header: Option<&str>) -> Option<u32> {
    let secs: u32 = header?.trim().parse().ok()?;
    Some(secs.saturating_mul(1000).min(RETRY_AFTER_CAP_MS))
}

/// Judges one HTTP reply. `attempt` counts from 0; `retries` is the cycle's
/// number of extra attempts.
pub fn judge(
    cycle: &Cycle,
    status: u16,
    body: &str,
    retry_after: Option<&str>,
    attempt: u32,
    jitter: f64,
) -> Verdict {
    if (200..300).contains(&status) {
        return Verdict::Stored {
            receipt: receipt_from(body),
        };
    }
    if status == 409 {
        return Verdict::KeyReused;
    }
    let retryable = status >= 500 || status == 429 || status == 408;
    if retryable {
        if attempt < cycle.submit.retries {
            let after_ms =
                retry_after_ms(retry_after).unwrap_or_else(|| backoff_ms(attempt, jitter));
            return Verdict::Retry { after_ms };
        }
        return Verdict::Rejected { status };
    }
    if (400..500).contains(&status) {
        let errors = field_errors(cycle, body);
        if !errors.is_empty() {
            return Verdict::FieldErrors(errors);
        }
    }
    Verdict::Rejected { status }
}

/// A 4xx body's per-field messages → [(answer key, message)], names mapped
/// back to our keys; unknown names are kept under `""` so no message is lost.
/// Three common shapes are read, so a form service works without a relay:
/// - `{"errors": {"email": "…"}}` (the documented one, and our receiver's);
/// - `{"errors": {"email": ["…", "…"]}}` (Rails and many JSON APIs);
/// - `{"errors": [{"field": "email", "message": "…"}]}` (Formspree; `name` is
///   accepted for `field`, and an item without one is a form-wide message).
pub fn field_errors(cycle: &Cycle, body: &str) -> Vec<(Option<FieldId>, String)> {
    use serde_json::Value;
    // The one `Value` parser of the wasm, like every other JSON the app reads.
    let Some(root) = object_of(body) else {
        return Vec::new();
    };
    let named: Vec<(&str, &Value)> = match root.get("errors") {
        Some(Value::Object(by_name)) => by_name.iter().map(|(n, m)| (n.as_str(), m)).collect(),
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|item| {
                let name = ["field", "name"]
                    .iter()
                    .find_map(|k| item.get(k)?.as_str())
                    .unwrap_or("");
                Some((name, item.get("message")?))
            })
            .collect(),
        _ => return Vec::new(),
    };
    named
        .into_iter()
        .filter_map(|(name, msg)| {
            let msg = match msg {
                Value::String(s) => s.trim().to_string(),
                Value::Array(parts) => parts
                    .iter()
                    .filter_map(|p| Some(p.as_str()?.trim()))
                    .filter(|p| !p.is_empty())
                    .collect::<Vec<_>>()
                    .join(" "),
                _ => return None,
            };
            if msg.is_empty() {
                return None;
            }
            let field = cycle.field_sent_as(name).map(|f| f.id.clone());
            Some((field, msg.chars().take(300).collect()))
        })
        .collect()
}

/// The server's own reference, when it gives one (`{"reference": "ALSC-…"}`).
pub fn receipt_from(body: &str) -> Option<String> {
    let reply = object_of(body)?;
    let r = string_at(&reply, "reference")?.trim();
    (!r.is_empty() && r.len() <= 100).then(|| r.to_string())
}
