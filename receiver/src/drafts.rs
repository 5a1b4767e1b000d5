//! `/api/drafts/{draft_id}`: the server side of "Save and continue later"
//! (issue 23, contract 2 of the lead's brief).
//!
//! The browser derives the draft id and an AES-GCM key from the resume code;
//! the receiver only ever sees the id, the reference the draft belongs to,
//! the nonce and the ciphertext, and keeps exactly those (see
//! [`crate::store::drafts`]). Replies are JSON `{"error": "<token>",
//! "message": "<sentence>"}` on failure, never the submissions' `{"errors"}`
//! shape: the two endpoints have different readers.
//!
//! Guessing ids is limited per client: a look-up of an id that does not
//! exist costs one of [`Config::draft_guess_limit`] per window, and once
//! they are spent every look-up (of any id) is `429`, so a guesser cannot
//! tell a hit from a miss by the status either.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{Path as UrlPath, Request, State};
use axum::http::header::{self, HeaderValue};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, URL_SAFE_NO_PAD};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;
use serde::Deserialize;
use serde_json::json;
use tower_governor::key_extractor::{KeyExtractor, PeerIpKeyExtractor, SmartIpKeyExtractor};

use crate::config::Config;
use crate::envelope::MAX_REFERENCE_CHARS;
use crate::is_unshaped_error;
use crate::store::{Draft, DraftLookup, StoreError};
use crate::timefmt::format_unix_millis;
use crate::{body_failure, BodyFailure, Shared, RETRY_AFTER_SECS};

/// The only draft format (`"format": 1`).
pub const DRAFT_FORMAT: u64 = 1;
/// A draft id: 32 bytes in base64url without padding.
pub const DRAFT_ID_CHARS: usize = 43;
/// AES-GCM's nonce.
pub const NONCE_BYTES: usize = 12;
/// AES-GCM's tag: no ciphertext is shorter.
pub const MIN_CIPHERTEXT_BYTES: usize = 16;
/// How often expired drafts are swept out (a look-up also deletes an expired
/// one at once).
pub const SWEEP_EVERY: Duration = Duration::from_secs(600);
pub(crate) const DAY_MS: i64 = 86_400_000;

/// base64url, with or without padding (browsers' encoders differ).
const LENIENT_B64URL: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// A failed draft request: the status, a stable token for programs and a
/// sentence for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftError {
    Malformed,
    NoDraft,
    Expired,
    Closed,
    TooLarge,
    RateLimited,
    Slow,
    Unavailable,
    NotAllowed,
}

impl DraftError {
    fn status(self) -> StatusCode {
        match self {
            DraftError::Malformed => StatusCode::BAD_REQUEST,
            DraftError::NoDraft => StatusCode::NOT_FOUND,
            DraftError::Expired | DraftError::Closed => StatusCode::GONE,
            DraftError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            DraftError::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            DraftError::Slow => StatusCode::REQUEST_TIMEOUT,
            DraftError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            DraftError::NotAllowed => StatusCode::METHOD_NOT_ALLOWED,
        }
    }

    fn token(self) -> &'static str {
        match self {
            DraftError::Malformed => "malformed",
            DraftError::NoDraft => "no_draft",
            DraftError::Expired => "expired",
            DraftError::Closed => "closed",
            DraftError::TooLarge => "too_large",
            DraftError::RateLimited => "rate_limited",
            DraftError::Slow => "slow",
            DraftError::Unavailable => "unavailable",
            DraftError::NotAllowed => "method_not_allowed",
        }
    }

    /// The reply, with `message` as its sentence.
    fn reply(self, message: impl Into<String>) -> Response {
        let mut resp = (
            self.status(),
            Json(json!({ "error": self.token(), "message": message.into() })),
        )
            .into_response();
        no_store(&mut resp);
        if self == DraftError::Unavailable {
            resp.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECS));
        }
        resp
    }

    /// The reply with its usual sentence.
    pub(crate) fn plain(self, config: &Config) -> Response {
        let message = match self {
            DraftError::Malformed => "The draft request is not in the expected shape.".to_string(),
            DraftError::NoDraft => {
                "There is no saved application for this code. Check the code and try again."
                    .to_string()
            }
            DraftError::Expired => {
                "This saved application has expired and was deleted.".to_string()
            }
            DraftError::Closed => {
                "Applications for this cycle have closed, so the draft was not saved.".to_string()
            }
            DraftError::TooLarge => format!(
                "The saved application is too large: it must be {} KB or less.",
                config.draft_max_bytes / 1024
            ),
            DraftError::RateLimited => {
                "Too many codes were tried from your network. Wait, then try again.".to_string()
            }
            DraftError::Slow => {
                "The draft took too long to arrive. Check your connection and try again."
                    .to_string()
            }
            DraftError::Unavailable => {
                "Saved applications cannot be reached just now. Try again in a few seconds."
                    .to_string()
            }
            DraftError::NotAllowed => {
                "Drafts are read with GET, saved with PUT and deleted with DELETE.".to_string()
            }
        };
        self.reply(message)
    }
}

/// Drafts' replies hold (encrypted) answers: no cache keeps them.
fn no_store(resp: &mut Response) {
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
}

fn too_many(wait: Duration) -> Response {
    let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    let secs = secs.max(1);
    let mut resp = DraftError::RateLimited.reply(format!(
        "Too many codes were tried from your network. Try again in {secs} seconds."
    ));
    resp.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(secs));
    resp
}

// ------------------------------------------------------------ guess limiter

/// Per-client count of look-ups of ids that do not exist, in a sliding
/// window. A look-up is charged before it runs (so concurrent guesses cannot
/// slip past the limit) and refunded when the id existed.
///
/// Hand-written because the limit must charge misses only while refusing
/// every look-up once they are spent, which a token bucket (governor) cannot
/// express without consuming on hits.
pub(crate) struct GuessLimiter {
    limit: usize,
    window: Duration,
    misses: Mutex<HashMap<IpAddr, VecDeque<Instant>>>,
}

impl GuessLimiter {
    pub(crate) fn new(config: &Config) -> GuessLimiter {
        GuessLimiter {
            limit: config.draft_guess_limit as usize,
            window: config.draft_guess_window,
            misses: Mutex::new(HashMap::new()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<IpAddr, VecDeque<Instant>>> {
        self.misses.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Charges one look-up at `now`; `Err(wait)` when the client has none left.
    fn charge(&self, client: IpAddr, now: Instant) -> Result<Instant, Duration> {
        let mut misses = self.lock();
        let log = misses.entry(client).or_default();
        while log
            .front()
            .is_some_and(|t| now.duration_since(*t) >= self.window)
        {
            log.pop_front();
        }
        if log.len() >= self.limit {
            let oldest = log.front().copied().unwrap_or(now);
            return Err(self.window.saturating_sub(now.duration_since(oldest)));
        }
        log.push_back(now);
        Ok(now)
    }

    /// Gives back a charge made at `at` (the id existed).
    fn refund(&self, client: IpAddr, at: Instant) {
        let mut misses = self.lock();
        if let Some(log) = misses.get_mut(&client) {
            if let Some(i) = log.iter().rposition(|t| *t == at) {
                log.remove(i);
            }
            if log.is_empty() {
                misses.remove(&client);
            }
        }
    }

    /// Drops clients with no charge in the window (called now and then).
    pub(crate) fn forget_idle(&self) {
        let now = Instant::now();
        self.lock().retain(|_, log| {
            log.back()
                .is_some_and(|t| now.duration_since(*t) < self.window)
        });
    }

    /// Forgets everything (test switches' reset).
    #[cfg_attr(not(feature = "test-switches"), allow(dead_code))]
    pub(crate) fn clear(&self) {
        self.lock().clear();
    }
}

/// The client's address, the same way the rate limits see it.
fn client_ip(req: &Request, trust_forwarded: bool) -> Option<IpAddr> {
    if trust_forwarded {
        SmartIpKeyExtractor.extract(req).ok()
    } else {
        PeerIpKeyExtractor.extract(req).ok()
    }
}

// ------------------------------------------------------------ cycle closes

/// Cycle id → the instant (Unix milliseconds) its enforced deadline closes.
pub type CycleCloses = HashMap<String, i64>;

// ------------------------------------------------------------ handlers

/// The PUT body (contract 2), plus an optional `cycle_id` so the cycle's
/// close can end the draft.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DraftBody {
    format: u64,
    reference: String,
    nonce: String,
    ciphertext: String,
    #[serde(default)]
    cycle_id: Option<String>,
}

fn valid_draft_id(id: &str) -> bool {
    id.len() == DRAFT_ID_CHARS
        && URL_SAFE_NO_PAD
            .decode(id)
            .is_ok_and(|bytes| bytes.len() == 32)
}

fn malformed(message: impl Into<String>) -> Response {
    DraftError::Malformed.reply(message)
}

fn bad_id() -> Response {
    malformed(format!(
        "A draft id is {DRAFT_ID_CHARS} characters of base64url (32 bytes)."
    ))
}

/// A PUT body that passed the checks.
#[derive(Debug)]
struct CheckedDraft {
    reference: String,
    cycle_id: Option<String>,
    nonce: Vec<u8>,
    ciphertext: Vec<u8>,
}

/// Checks a PUT body; the draft to store, or why it is malformed.
fn check_body(body: &[u8]) -> Result<CheckedDraft, String> {
    let draft: DraftBody = serde_json::from_slice(body)
        .map_err(|e| format!("The draft is not in the expected shape: {e}"))?;
    if draft.format != DRAFT_FORMAT {
        return Err(format!("format must be {DRAFT_FORMAT}"));
    }
    if draft.reference.trim().is_empty() || draft.reference.chars().count() > MAX_REFERENCE_CHARS {
        return Err(format!(
            "reference must be 1 to {MAX_REFERENCE_CHARS} characters"
        ));
    }
    let nonce = LENIENT_B64URL
        .decode(&draft.nonce)
        .ok()
        .filter(|n| n.len() == NONCE_BYTES)
        .ok_or_else(|| format!("nonce must be {NONCE_BYTES} bytes in base64url"))?;
    let ciphertext = LENIENT_B64URL
        .decode(&draft.ciphertext)
        .ok()
        .filter(|c| c.len() >= MIN_CIPHERTEXT_BYTES)
        .ok_or_else(|| {
            format!("ciphertext must be base64url of at least {MIN_CIPHERTEXT_BYTES} bytes")
        })?;
    Ok(CheckedDraft {
        reference: draft.reference,
        cycle_id: draft.cycle_id,
        nonce,
        ciphertext,
    })
}

fn store_failed(e: &StoreError, config: &Config) -> Response {
    if !matches!(e, StoreError::Busy) {
        eprintln!("receiver: draft store failed: {e}");
    }
    DraftError::Unavailable.plain(config)
}

/// `PUT /api/drafts/{draft_id}`: saves or replaces the draft.
pub(crate) async fn put(
    State(state): State<Shared>,
    UrlPath(draft_id): UrlPath<String>,
    req: Request,
) -> Response {
    // Read whole under the body deadline and size limit layers.
    let body = match axum::body::to_bytes(req.into_body(), usize::MAX).await {
        Ok(body) => body,
        Err(e) => {
            return match body_failure(&e) {
                BodyFailure::Slow => DraftError::Slow.plain(&state.config),
                BodyFailure::TooLarge => DraftError::TooLarge.plain(&state.config),
                BodyFailure::Broken => malformed("The draft did not arrive complete."),
            }
        }
    };
    if !valid_draft_id(&draft_id) {
        return bad_id();
    }
    let draft = match check_body(&body) {
        Ok(checked) => checked,
        Err(message) => return malformed(message),
    };
    let now = state.now_ms();
    let by_days = now.saturating_add(i64::from(state.config.draft_days) * DAY_MS);
    let close = draft
        .cycle_id
        .as_deref()
        .and_then(|id| state.cycle_closes.get(id))
        .copied();
    if close.is_some_and(|c| c <= now) {
        return DraftError::Closed.plain(&state.config);
    }
    let expires = close.map_or(by_days, |c| c.min(by_days));
    let expires_at = format_unix_millis(expires);
    let new = Draft {
        draft_id,
        reference: draft.reference,
        nonce: draft.nonce,
        ciphertext: draft.ciphertext,
        saved_at: format_unix_millis(now),
        expires_at: expires_at.clone(),
    };
    match state.store.put_draft(new).await {
        Ok(()) => {
            let mut resp = Json(json!({ "expires_at": expires_at })).into_response();
            no_store(&mut resp);
            resp
        }
        Err(e) => store_failed(&e, &state.config),
    }
}

/// `GET /api/drafts/{draft_id}`.
pub(crate) async fn get(
    State(state): State<Shared>,
    UrlPath(draft_id): UrlPath<String>,
    req: Request,
) -> Response {
    let client = client_ip(&req, state.config.trust_forwarded);
    let charge = match client.map(|ip| (ip, state.guesses.charge(ip, Instant::now()))) {
        Some((_, Err(wait))) => return too_many(wait),
        Some((ip, Ok(at))) => Some((ip, at)),
        None => None,
    };
    let refund = || {
        if let Some((ip, at)) = charge {
            state.guesses.refund(ip, at);
        }
    };
    if !valid_draft_id(&draft_id) {
        return DraftError::NoDraft.plain(&state.config);
    }
    let now = format_unix_millis(state.now_ms());
    match state.store.get_draft(&draft_id, &now).await {
        Ok(DraftLookup::Found(d)) => {
            refund();
            let mut resp = Json(json!({
                "format": DRAFT_FORMAT,
                "nonce": URL_SAFE_NO_PAD.encode(&d.nonce),
                "ciphertext": URL_SAFE_NO_PAD.encode(&d.ciphertext),
                "saved_at": d.saved_at,
                "expires_at": d.expires_at,
            }))
            .into_response();
            no_store(&mut resp);
            resp
        }
        Ok(DraftLookup::Expired) => {
            refund();
            DraftError::Expired.plain(&state.config)
        }
        Ok(DraftLookup::Missing) => DraftError::NoDraft.plain(&state.config),
        Err(e) => {
            refund();
            store_failed(&e, &state.config)
        }
    }
}

/// `DELETE /api/drafts/{draft_id}`: `204` whether or not there was one.
pub(crate) async fn delete(
    State(state): State<Shared>,
    UrlPath(draft_id): UrlPath<String>,
) -> Response {
    if !valid_draft_id(&draft_id) {
        return bad_id();
    }
    match state.store.delete_draft(&draft_id).await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => store_failed(&e, &state.config),
    }
}

/// Error replies made by the middleware on the drafts routes (body limit,
/// timeouts, a bad path, a wrong method) get the drafts' JSON shape.
pub(crate) async fn shape_errors(State(state): State<Shared>, resp: Response) -> Response {
    if !is_unshaped_error(&resp) {
        return resp;
    }
    let status = resp.status();
    let error = match status {
        StatusCode::PAYLOAD_TOO_LARGE => DraftError::TooLarge,
        StatusCode::REQUEST_TIMEOUT => DraftError::Slow,
        StatusCode::SERVICE_UNAVAILABLE => DraftError::Unavailable,
        StatusCode::METHOD_NOT_ALLOWED => DraftError::NotAllowed,
        StatusCode::NOT_FOUND => DraftError::NoDraft,
        _ => DraftError::Malformed,
    };
    let (mut parts, _) = resp.into_parts();
    let mut fresh = error.plain(&state.config);
    for name in [header::CONTENT_TYPE, header::CONTENT_LENGTH] {
        parts.headers.remove(&name);
    }
    for (name, value) in fresh.headers_mut().drain() {
        if let Some(name) = name {
            parts.headers.insert(name, value);
        }
    }
    parts.status = error.status();
    Response::from_parts(parts, fresh.into_body())
}

/// The reply of the drafts' own rate limit (all methods).
pub(crate) fn rate_limit_reply(e: tower_governor::GovernorError) -> Response {
    match e {
        tower_governor::GovernorError::TooManyRequests { wait_time, .. } => {
            too_many(Duration::from_secs(wait_time))
        }
        tower_governor::GovernorError::UnableToExtractKey => {
            malformed("The request's origin could not be told.")
        }
        tower_governor::GovernorError::Other { code, msg, .. } => {
            let mut resp = malformed(msg.unwrap_or_else(|| "The request was refused.".into()));
            *resp.status_mut() = code;
            resp
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limiter(limit: u32, window_secs: u64) -> GuessLimiter {
        GuessLimiter::new(&Config {
            draft_guess_limit: limit,
            draft_guess_window: Duration::from_secs(window_secs),
            ..Config::default()
        })
    }

    #[test]
    fn misses_are_limited_per_client_and_hits_refunded() {
        let l = limiter(2, 600);
        let (a, b): (IpAddr, IpAddr) = (
            "203.0.113.1".parse().unwrap(),
            "203.0.113.2".parse().unwrap(),
        );
        let t0 = Instant::now();
        let hit = l.charge(a, t0).unwrap();
        l.refund(a, hit);
        l.charge(a, t0).unwrap();
        l.charge(a, t0 + Duration::from_secs(10)).unwrap();
        let wait = l.charge(a, t0 + Duration::from_secs(20)).unwrap_err();
        assert_eq!(
            wait,
            Duration::from_secs(580),
            "until the oldest miss leaves the window"
        );
        assert!(l.charge(b, t0).is_ok(), "another client has its own budget");
        assert!(
            l.charge(a, t0 + Duration::from_secs(600)).is_ok(),
            "the window slides"
        );
    }

    #[test]
    fn draft_ids_and_bodies_are_checked() {
        assert!(valid_draft_id(&URL_SAFE_NO_PAD.encode([7u8; 32])));
        assert!(!valid_draft_id(&URL_SAFE_NO_PAD.encode([7u8; 31])));
        assert!(!valid_draft_id(&"!".repeat(43)));
        let ok = json!({"format": 1, "reference": "r", "nonce": URL_SAFE_NO_PAD.encode([1u8; 12]),
                        "ciphertext": URL_SAFE_NO_PAD.encode([2u8; 40])});
        assert!(check_body(ok.to_string().as_bytes()).is_ok());
        let padded = json!({"format": 1, "reference": "r", "nonce": "AQEBAQEBAQEBAQEB",
                            "ciphertext": base64::engine::general_purpose::URL_SAFE.encode([2u8; 17])});
        assert!(check_body(padded.to_string().as_bytes()).is_ok());
        for bad in [
            json!({"format": 2, "reference": "r", "nonce": "AQEBAQEBAQEBAQEB", "ciphertext": "AAAAAAAAAAAAAAAAAAAAAA"}),
            json!({"format": 1, "reference": " ", "nonce": "AQEBAQEBAQEBAQEB", "ciphertext": "AAAAAAAAAAAAAAAAAAAAAA"}),
            json!({"format": 1, "reference": "r", "nonce": "AQEB", "ciphertext": "AAAAAAAAAAAAAAAAAAAAAA"}),
            json!({"format": 1, "reference": "r", "nonce": "AQEBAQEBAQEBAQEB", "ciphertext": "AAAA"}),
            json!({"format": 1, "reference": "r", "nonce": "AQEBAQEBAQEBAQEB", "ciphertext": "AAAAAAAAAAAAAAAAAAAAAA", "answers": {}}),
            json!({"format": 1, "reference": "r", "nonce": "AQEBAQEBAQEBAQEB"}),
        ] {
            assert!(check_body(bad.to_string().as_bytes()).is_err(), "{bad}");
        }
    }
}
