//! Test switches: fault injection and read-back for the end-to-end tests.
//! Compiled only with the `test-switches` cargo feature, and routed only with
//! `--test-switches`; a normal build has none of this code.

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde_json::{json, Value};

use crate::{form_error, ConnKill, Shared};

/// Fault-injection settings (see `POST /__faults`).
#[derive(Debug, Clone, PartialEq)]
struct Faults {
    fail_next: u64,
    fail_status: u16,
    retry_after: Option<u64>,
    delay_ms: u64,
    reject_next: u64,
    reject_errors: Value,
    drop_next: u64,
}

impl Default for Faults {
    fn default() -> Self {
        Faults {
            fail_next: 0,
            fail_status: 500,
            retry_after: None,
            delay_ms: 0,
            reject_next: 0,
            reject_errors: json!({}),
            drop_next: 0,
        }
    }
}

impl Faults {
    fn to_json(&self) -> Value {
        json!({
            "fail_next": self.fail_next,
            "fail_status": self.fail_status,
            "retry_after": self.retry_after,
            "delay_ms": self.delay_ms,
            "reject_next": self.reject_next,
            "reject_errors": self.reject_errors,
            "drop_next": self.drop_next,
        })
    }
}

#[derive(Debug, Default)]
struct Counters {
    faults: Faults,
    attempts: u64,
    preflights: u64,
}

#[derive(Default)]
pub(crate) struct Switches {
    counters: std::sync::Mutex<Counters>,
    /// Added to the wall clock the drafts read (`POST /__clock`), so tests
    /// can see a draft expire without waiting for days.
    clock_offset_ms: AtomicI64,
}

impl Switches {
    fn lock(&self) -> std::sync::MutexGuard<'_, Counters> {
        self.counters.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn clock_offset_ms(&self) -> i64 {
        self.clock_offset_ms.load(Ordering::Relaxed)
    }
}

pub(crate) fn routes() -> Router<Shared> {
    Router::new()
        .route("/__faults", post(set_faults).get(get_faults))
        .route("/__reset", post(reset))
        .route("/__stats", get(stats))
        .route("/__submissions", get(list_submissions))
        .route("/__drafts", get(list_drafts))
        .route("/__clock", post(set_clock).get(get_clock))
        .route("/__sweep", post(sweep))
}

/// Counts CORS preflights on `/api/…` (the preview test checks there are none).
pub(crate) async fn count_preflights(
    State(state): State<Shared>,
    req: Request,
    next: Next,
) -> Response {
    let path = req.uri().path();
    if req.method() == Method::OPTIONS && (path == "/api" || path.starts_with("/api/")) {
        state.switches.lock().preflights += 1;
    }
    next.run(req).await
}

enum Fault {
    Drop,
    Fail(u16, Option<u64>),
    Reject(Value),
}

/// Applies the faults to one submission: delay first, then drop, fail,
/// reject. `Some` is the reply to send instead of processing it.
pub(crate) async fn before_submit(switches: &Switches, conn: Option<ConnKill>) -> Option<Response> {
    let delay_ms = {
        let mut c = switches.lock();
        c.attempts += 1;
        c.faults.delay_ms
    };
    if delay_ms > 0 {
        tokio::time::sleep(Duration::from_millis(delay_ms)).await;
    }
    let fault = {
        let mut c = switches.lock();
        let f = &mut c.faults;
        if f.drop_next > 0 {
            f.drop_next -= 1;
            Some(Fault::Drop)
        } else if f.fail_next > 0 {
            f.fail_next -= 1;
            Some(Fault::Fail(f.fail_status, f.retry_after))
        } else if f.reject_next > 0 {
            f.reject_next -= 1;
            Some(Fault::Reject(f.reject_errors.clone()))
        } else {
            None
        }
    };
    match fault? {
        Fault::Drop => {
            if let Some(ConnKill(kill)) = conn {
                kill.notify_one();
                // The connection task drops this future together with the socket.
                std::future::pending::<()>().await;
            }
            Some(form_error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "connection drop unavailable",
            ))
        }
        Fault::Fail(status, retry_after) => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let mut resp = form_error(status, "injected failure (test switch)");
            match retry_after {
                Some(secs) => {
                    resp.headers_mut()
                        .insert(header::RETRY_AFTER, HeaderValue::from(secs));
                }
                None => {
                    resp.headers_mut().remove(header::RETRY_AFTER);
                }
            }
            Some(resp)
        }
        Fault::Reject(errors) => Some(
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                Json(json!({ "errors": errors })),
            )
                .into_response(),
        ),
    }
}

async fn get_faults(State(state): State<Shared>) -> Json<Value> {
    Json(state.switches.lock().faults.to_json())
}

async fn set_faults(State(state): State<Shared>, body: Bytes) -> Response {
    let value: Value = if body.iter().all(u8::is_ascii_whitespace) {
        json!({})
    } else {
        match serde_json::from_slice(&body) {
            Ok(v) => v,
            Err(e) => {
                return form_error(
                    StatusCode::BAD_REQUEST,
                    format!("request body is not valid JSON: {e}"),
                )
            }
        }
    };
    let Value::Object(obj) = value else {
        return form_error(
            StatusCode::BAD_REQUEST,
            "request body must be a JSON object",
        );
    };
    let mut c = state.switches.lock();
    let mut next = c.faults.clone();
    for (key, v) in &obj {
        let count = || {
            v.as_u64()
                .ok_or_else(|| format!("{key} must be a non-negative integer"))
        };
        let result: Result<(), String> = match key.as_str() {
            "fail_next" => count().map(|n| next.fail_next = n),
            "reject_next" => count().map(|n| next.reject_next = n),
            "drop_next" => count().map(|n| next.drop_next = n),
            "delay_ms" => count().map(|n| next.delay_ms = n),
            "fail_status" => match v.as_u64() {
                Some(s @ 400..=599) => {
                    next.fail_status = s as u16;
                    Ok(())
                }
                _ => Err("fail_status must be an HTTP status from 400 to 599".to_string()),
            },
            "retry_after" => match v {
                Value::Null => {
                    next.retry_after = None;
                    Ok(())
                }
                _ => count().map(|n| next.retry_after = Some(n)),
            },
            // An object (name → message) or a list of {field, message} items,
            // the shape Formspree replies with, so both paths of the app are testable.
            "reject_errors" => match v {
                Value::Object(_) | Value::Array(_) => {
                    next.reject_errors = v.clone();
                    Ok(())
                }
                _ => Err("reject_errors must be an object or a list".to_string()),
            },
            other => Err(format!("unknown field `{other}`")),
        };
        if let Err(msg) = result {
            return form_error(StatusCode::BAD_REQUEST, msg);
        }
    }
    c.faults = next;
    Json(c.faults.to_json()).into_response()
}

async fn reset(State(state): State<Shared>) -> Response {
    *state.switches.lock() = Counters::default();
    state.switches.clock_offset_ms.store(0, Ordering::Relaxed);
    state.guesses.clear();
    match state.store.clear().await {
        Ok(()) => Json(json!({ "ok": true })).into_response(),
        Err(e) => form_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("could not empty {}: {e}", state.store.path().display()),
        ),
    }
}

async fn stats(State(state): State<Shared>) -> Response {
    let stored = match state.store.count().await {
        Ok(n) => n,
        Err(e) => return form_error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    };
    let c = state.switches.lock();
    Json(json!({
        "attempts": c.attempts,
        "stored": stored,
        "preflights": c.preflights,
    }))
    .into_response()
}

/// Every stored row. `receipt` (the reference the client was given) and the
/// other keys of the old JSON Lines records are kept, so existing tests read
/// the same shape. `version_secret_sha256` is the hash bound to the row's
/// reference (`null` for a legacy one), so a browser test can check the
/// secret its draft holds.
async fn list_submissions(State(state): State<Shared>) -> Response {
    let owners: HashMap<String, String> = match state.store.owners().await {
        Ok(owners) => owners.into_iter().collect(),
        Err(e) => return form_error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    };
    match state.store.all().await {
        Ok(rows) => Json(Value::Array(
            rows.into_iter()
                .map(|r| {
                    json!({
                        "version_secret_sha256": owners.get(&r.reference),
                        "suspected_automated": r.suspected_automated,
                        "id": r.id,
                        "received_at": r.received_at,
                        "receipt": r.reference,
                        "reference": r.reference,
                        "version": r.version,
                        "idempotency_key": r.idempotency_key,
                        "body_sha256": r.body_sha256,
                        "encoding": r.encoding,
                        "envelope": r.envelope,
                    })
                })
                .collect(),
        ))
        .into_response(),
        Err(e) => form_error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    }
}

/// Every stored draft, whole (nonce and ciphertext in base64url).
async fn list_drafts(State(state): State<Shared>) -> Response {
    match state.store.all_drafts().await {
        Ok(rows) => Json(Value::Array(
            rows.into_iter()
                .map(|d| {
                    json!({
                        "draft_id": d.draft_id,
                        "reference": d.reference,
                        "nonce": URL_SAFE_NO_PAD.encode(&d.nonce),
                        "ciphertext": URL_SAFE_NO_PAD.encode(&d.ciphertext),
                        "saved_at": d.saved_at,
                        "expires_at": d.expires_at,
                    })
                })
                .collect(),
        ))
        .into_response(),
        Err(e) => form_error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    }
}

fn clock_json(state: &Shared) -> Value {
    json!({
        "offset_ms": state.switches.clock_offset_ms(),
        "now": crate::timefmt::format_unix_millis(state.now_ms()),
    })
}

async fn get_clock(State(state): State<Shared>) -> Json<Value> {
    Json(clock_json(&state))
}

/// `{"offset_ms": N}` sets the offset, `{"advance_ms": N}` adds to it.
async fn set_clock(State(state): State<Shared>, body: Bytes) -> Response {
    let value: Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => {
            return form_error(
                StatusCode::BAD_REQUEST,
                format!("request body is not valid JSON: {e}"),
            )
        }
    };
    let offset = &state.switches.clock_offset_ms;
    match (
        value.get("offset_ms").and_then(Value::as_i64),
        value.get("advance_ms").and_then(Value::as_i64),
    ) {
        (Some(set), None) => offset.store(set, Ordering::Relaxed),
        (None, Some(add)) => {
            offset.fetch_add(add, Ordering::Relaxed);
        }
        _ => {
            return form_error(
                StatusCode::BAD_REQUEST,
                "give either offset_ms or advance_ms, a whole number of milliseconds",
            )
        }
    }
    Json(clock_json(&state)).into_response()
}

/// Runs the expired-draft sweep now (it otherwise runs every ten minutes).
async fn sweep(State(state): State<Shared>) -> Response {
    match crate::sweep_drafts_once(&state).await {
        Ok(deleted) => Json(json!({ "deleted": deleted })).into_response(),
        Err(e) => form_error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    }
}
