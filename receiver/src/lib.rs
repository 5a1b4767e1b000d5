//! `receiver`: a small HTTP server that accepts ALSC Mentor Application
//! submissions (JSON or urlencoded form), stores them in a JSON Lines file,
//! handles CORS and idempotent retries, and (optionally) exposes test
//! switches for injecting faults in end-to-end tests.
//!
//! Start it in-process with [`serve`]; `main.rs` is a thin wrapper.

pub mod config;
pub mod envelope;
pub mod store;
pub mod timefmt;

use std::convert::Infallible;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, Request, State};
use axum::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use hyper_util::rt::{TokioIo, TokioTimer};
use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tokio::task::JoinHandle;

pub use config::Config;
use envelope::{Envelope, MAX_BODY_BYTES};
use store::{Recorded, Store};

/// Response header set on idempotent replays.
pub const IDEMPOTENT_REPLAYED: &str = "idempotent-replayed";
/// Request header carrying the client's idempotency key.
pub const IDEMPOTENCY_KEY: &str = "idempotency-key";

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

struct AppState {
    config: Config,
    store: tokio::sync::Mutex<Store>,
    counters: std::sync::Mutex<Counters>,
}

impl AppState {
    fn counters(&self) -> std::sync::MutexGuard<'_, Counters> {
        self.counters.lock().unwrap_or_else(|e| e.into_inner())
    }
}

type Shared = Arc<AppState>;

/// Per-connection handle, inserted into every request's extensions by the
/// accept loop; notifying it makes the loop drop the TCP connection without
/// writing a response.
#[derive(Clone)]
struct ConnKill(Arc<Notify>);

/// Binds the listener, opens the data file (rebuilding the idempotency
/// index) and spawns the accept loop. Returns the bound address (useful with
/// port 0) and the accept loop's task; aborting the task stops accepting new
/// connections.
pub async fn serve(config: Config) -> io::Result<(SocketAddr, JoinHandle<()>)> {
    let store = Store::open(&config.data).await?;
    let listener = TcpListener::bind((config.host.as_str(), config.port)).await?;
    let addr = listener.local_addr()?;
    let state = Arc::new(AppState {
        config,
        store: tokio::sync::Mutex::new(store),
        counters: std::sync::Mutex::new(Counters::default()),
    });
    // With test switches on, every request gets its own connection: browsers
    // transparently resend a request whose *reused* keep-alive connection
    // closed without a response, which would hide `drop_next`.
    let keep_alive = !state.config.test_switches;
    let app = router(state);
    let handle = tokio::spawn(accept_loop(listener, app, keep_alive));
    Ok((addr, handle))
}

async fn accept_loop(listener: TcpListener, app: Router, keep_alive: bool) {
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(e) => {
                eprintln!("receiver: accept failed: {e}");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        tokio::spawn(async move {
            let kill = Arc::new(Notify::new());
            let handle = ConnKill(kill.clone());
            let service =
                hyper::service::service_fn(move |mut req: Request<hyper::body::Incoming>| {
                    req.extensions_mut().insert(handle.clone());
                    let mut app = app.clone();
                    async move {
                        let resp: Result<Response, Infallible> =
                            tower_service::Service::call(&mut app, req).await;
                        resp
                    }
                });
            let conn = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .keep_alive(keep_alive)
                .serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                _ = conn => {}
                // Dropping `conn` closes the socket with no response written.
                _ = kill.notified() => {}
            }
        });
    }
}

fn router(state: Shared) -> Router {
    let mut app = Router::new()
        .route("/api/health", get(health))
        .route("/api/submissions", post(submit).put(submit));
    if state.config.test_switches {
        app = app
            .route("/__faults", post(set_faults).get(get_faults))
            .route("/__reset", post(reset))
            .route("/__stats", get(stats))
            .route("/__submissions", get(list_submissions));
    }
    let inner = app
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state.clone());
    // CORS wraps the whole router (not each route) so that preflights for
    // any /api path, matched or not, are answered.
    Router::new()
        .fallback_service(inner)
        .layer(middleware::from_fn_with_state(state, cors))
}

fn error(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(json!({ "error": message.into() }))).into_response()
}

async fn health() -> Json<Value> {
    Json(json!({ "ok": true }))
}

// ---------------------------------------------------------------- CORS

async fn cors(State(state): State<Shared>, req: Request, next: Next) -> Response {
    let origin = req
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let allowed = origin
        .as_deref()
        .filter(|o| state.config.origin_allowed(o))
        .and_then(|o| HeaderValue::from_str(o).ok());
    let path = req.uri().path();
    let is_api = path == "/api" || path.starts_with("/api/");
    let is_switch = state.config.test_switches && path.starts_with("/__");

    if req.method() == Method::OPTIONS && (is_api || is_switch) {
        if is_api {
            state.counters().preflights += 1;
        }
        let Some(allowed) = allowed else {
            let mut resp = error(StatusCode::FORBIDDEN, "origin not allowed");
            resp.headers_mut()
                .insert(header::VARY, HeaderValue::from_static("Origin"));
            return resp;
        };
        let methods = if is_api {
            "POST, PUT, OPTIONS"
        } else {
            "GET, POST, OPTIONS"
        };
        let requested = req
            .headers()
            .get_all(header::ACCESS_CONTROL_REQUEST_HEADERS)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .filter(|h| !h.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        let allow_headers = if requested.is_empty() {
            HeaderValue::from_static("content-type, idempotency-key")
        } else {
            HeaderValue::from_str(&requested)
                .unwrap_or_else(|_| HeaderValue::from_static("content-type, idempotency-key"))
        };
        let mut resp = StatusCode::NO_CONTENT.into_response();
        let h = resp.headers_mut();
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, allowed);
        h.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static(methods),
        );
        h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, allow_headers);
        h.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static("600"),
        );
        h.insert(header::VARY, HeaderValue::from_static("Origin"));
        return resp;
    }

    let mut resp = next.run(req).await;
    if origin.is_some() {
        let h = resp.headers_mut();
        h.insert(header::VARY, HeaderValue::from_static("Origin"));
        if let Some(allowed) = allowed {
            h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, allowed);
            h.insert(
                header::ACCESS_CONTROL_EXPOSE_HEADERS,
                HeaderValue::from_static("Retry-After, Idempotent-Replayed"),
            );
        }
    }
    resp
}

// ---------------------------------------------------------------- submissions

enum Fault {
    Drop,
    Fail(u16, Option<u64>),
    Reject(Value),
}

async fn submit(State(state): State<Shared>, req: Request) -> Response {
    let delay_ms = {
        let mut c = state.counters();
        c.attempts += 1;
        c.faults.delay_ms
    };
    if delay_ms > 0 {
        tokio::time::sleep(Duration::from_millis(delay_ms)).await;
    }
    let fault = {
        let mut c = state.counters();
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
    match fault {
        Some(Fault::Drop) => {
            if let Some(ConnKill(kill)) = req.extensions().get::<ConnKill>().cloned() {
                kill.notify_one();
                // The connection task drops this future together with the socket.
                std::future::pending::<()>().await;
            }
            return error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "connection drop unavailable",
            );
        }
        Some(Fault::Fail(status, retry_after)) => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let mut resp = error(status, "injected failure (test switch)");
            if let Some(secs) = retry_after {
                resp.headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(secs));
            }
            return resp;
        }
        Some(Fault::Reject(errors)) => {
            return (
                StatusCode::UNPROCESSABLE_ENTITY,
                Json(json!({ "errors": errors })),
            )
                .into_response();
        }
        None => {}
    }

    let headers = req.headers().clone();
    let encoding = match content_type(&headers).as_deref() {
        Some("application/json") => "json",
        Some("application/x-www-form-urlencoded") => "form",
        _ => {
            return error(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "Content-Type must be application/json or application/x-www-form-urlencoded",
            )
        }
    };
    let idempotency_key = match headers.get(IDEMPOTENCY_KEY) {
        None => None,
        Some(v) => match v.to_str() {
            Ok(s) if s.trim().is_empty() => None,
            Ok(s) => {
                if let Err(e) = envelope::check_idempotency_key(s) {
                    return error(StatusCode::BAD_REQUEST, e);
                }
                Some(s.to_string())
            }
            Err(_) => {
                return error(
                    StatusCode::BAD_REQUEST,
                    "Idempotency-Key must be visible ASCII",
                )
            }
        },
    };
    let body = match Bytes::from_request(req, &state).await {
        Ok(b) => b,
        Err(rejection) => {
            let status = rejection.status();
            return if status == StatusCode::PAYLOAD_TOO_LARGE {
                error(
                    status,
                    format!("request body must be at most {MAX_BODY_BYTES} bytes"),
                )
            } else {
                error(status, rejection.body_text())
            };
        }
    };
    if body.len() > MAX_BODY_BYTES {
        return error(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("request body must be at most {MAX_BODY_BYTES} bytes"),
        );
    }
    let parsed: Result<Envelope, String> = if encoding == "json" {
        envelope::from_json(&body)
    } else {
        envelope::from_form(&body)
    };
    let envelope = match parsed {
        Ok(e) => e,
        Err(msg) => return error(StatusCode::BAD_REQUEST, msg),
    };

    let recorded = {
        let mut store = state.store.lock().await;
        store
            .record(idempotency_key.as_deref(), encoding, &envelope)
            .await
    };
    match recorded {
        Ok(Recorded::Stored(r)) => created(&r, false),
        Ok(Recorded::Replayed(r)) => created(&r, true),
        Err(e) => {
            eprintln!("receiver: failed to store submission: {e}");
            error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the submission could not be stored",
            )
        }
    }
}

fn created(r: &store::Receipt, replayed: bool) -> Response {
    let mut resp = (
        StatusCode::CREATED,
        Json(json!({
            "status": "stored",
            "reference": r.receipt,
            "client_reference": r.client_reference,
        })),
    )
        .into_response();
    if replayed {
        resp.headers_mut().insert(
            HeaderName::from_static(IDEMPOTENT_REPLAYED),
            HeaderValue::from_static("true"),
        );
    }
    resp
}

/// Lower-cased media type without parameters.
fn content_type(headers: &HeaderMap) -> Option<String> {
    let raw = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    let mime = raw.split(';').next()?.trim().to_ascii_lowercase();
    (!mime.is_empty()).then_some(mime)
}

// ---------------------------------------------------------------- test switches

async fn get_faults(State(state): State<Shared>) -> Json<Value> {
    Json(state.counters().faults.to_json())
}

async fn set_faults(State(state): State<Shared>, body: Bytes) -> Response {
    let value: Value = if body.iter().all(u8::is_ascii_whitespace) {
        json!({})
    } else {
        match serde_json::from_slice(&body) {
            Ok(v) => v,
            Err(e) => {
                return error(
                    StatusCode::BAD_REQUEST,
                    format!("request body is not valid JSON: {e}"),
                )
            }
        }
    };
    let Value::Object(obj) = value else {
        return error(
            StatusCode::BAD_REQUEST,
            "request body must be a JSON object",
        );
    };
    let mut c = state.counters();
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
            return error(StatusCode::BAD_REQUEST, msg);
        }
    }
    c.faults = next;
    Json(c.faults.to_json()).into_response()
}

async fn reset(State(state): State<Shared>) -> Response {
    let mut store = state.store.lock().await;
    *state.counters() = Counters::default();
    match store.truncate().await {
        Ok(()) => Json(json!({ "ok": true })).into_response(),
        Err(e) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("could not truncate {}: {e}", store.path().display()),
        ),
    }
}

async fn stats(State(state): State<Shared>) -> Json<Value> {
    let stored = state.store.lock().await.lines();
    let c = state.counters();
    Json(json!({
        "attempts": c.attempts,
        "stored": stored,
        "preflights": c.preflights,
    }))
}

async fn list_submissions(State(state): State<Shared>) -> Response {
    let mut store = state.store.lock().await;
    match store.read_all().await {
        Ok(lines) => Json(Value::Array(lines)).into_response(),
        Err(e) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("could not read {}: {e}", store.path().display()),
        ),
    }
}
