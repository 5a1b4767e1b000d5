//! `receiver`: the HTTP endpoint for ALSC Mentor Application submissions.
//!
//! It takes JSON or urlencoded envelopes, stores each in SQLite (one
//! transaction per submission, idempotent by the `Idempotency-Key` header),
//! limits body size, time, concurrency and per-client rate, answers CORS with
//! tower-http, and gives every error in the form's `{"errors": …}` shape.
//! With the `test-switches` cargo feature it also has fault-injection routes
//! for the end-to-end tests; a normal build has no such routes at all.
//!
//! Each application's versions belong to whoever stored its first one (a
//! `version_secret` whose hash is bound to the reference), and the
//! `Idempotency-Key` must be `<reference>.v<version>` of the body. The
//! encrypted drafts of "Save and continue later" live at `/api/drafts`
//! ([`drafts`]).
//!
//! Start it in-process with [`serve`]; `main.rs` adds the staff commands
//! (`export`, `purge`, `backup`).

pub mod commands;
pub mod config;
pub mod drafts;
pub mod envelope;
pub mod export;
pub mod output;
pub mod store;
#[cfg(feature = "test-switches")]
mod switches;
pub mod timefmt;

use std::convert::Infallible;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::error_handling::HandleErrorLayer;
use axum::extract::{ConnectInfo, FromRequest, Request, State};
use axum::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::{BoxError, Json, Router};
use hyper_util::rt::{TokioIo, TokioTimer};
use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio::task::JoinHandle;
use tower::ServiceBuilder;
use tower_governor::governor::GovernorConfigBuilder;
use tower_governor::key_extractor::{KeyExtractor, PeerIpKeyExtractor, SmartIpKeyExtractor};
use tower_governor::{GovernorError, GovernorLayer};
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::{RequestBodyDeadlineLayer, TimeoutError, TimeoutLayer};

pub use config::Config;
use envelope::Problem;
use store::{NewSubmission, Recorded, Store, StoreError};

/// Response header set on idempotent replays.
pub const IDEMPOTENT_REPLAYED: &str = "idempotent-replayed";
/// Request header carrying the client's idempotency key.
pub const IDEMPOTENCY_KEY: &str = "idempotency-key";
/// Seconds a client is asked to wait after a 503.
pub const RETRY_AFTER_SECS: u64 = 5;
/// The key of a form-wide message in `{"errors": {…}}`.
pub const FORM_WIDE: &str = "_form";

struct AppState {
    config: Config,
    rules: envelope::Rules,
    store: Store,
    /// Enforced closes of the `--cycle` files, for draft expiry.
    cycle_closes: drafts::CycleCloses,
    /// Look-ups of unknown draft ids, per client.
    guesses: drafts::GuessLimiter,
    #[cfg(feature = "test-switches")]
    switches: switches::Switches,
}

impl AppState {
    /// Wall-clock time in Unix milliseconds, for draft saves and expiry. In
    /// a test-switches build `POST /__clock` can move it.
    fn now_ms(&self) -> i64 {
        let real = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
        #[cfg(feature = "test-switches")]
        let real = real.saturating_add(self.switches.clock_offset_ms());
        real
    }
}

type Shared = Arc<AppState>;

/// A running server.
pub struct Server {
    /// The bound address (useful with port 0).
    pub addr: SocketAddr,
    /// The accept loop; aborting it stops accepting new connections.
    pub accept: JoinHandle<()>,
    /// The store, so a shutdown can wait for queued writes.
    pub store: Store,
}

/// Opens (creating and migrating) the database, binds the listener and
/// spawns the accept loop.
pub async fn serve(config: Config) -> io::Result<Server> {
    #[cfg(not(feature = "test-switches"))]
    if config.test_switches {
        return Err(io::Error::other(
            "test switches need a build with the `test-switches` feature",
        ));
    }
    let mut rules = envelope::Rules::with_limit(config.max_answer_chars);
    let mut cycle_closes = drafts::CycleCloses::new();
    for path in &config.cycles {
        let cycle = export::read_cycle(path).map_err(io::Error::other)?;
        // Only an enforced deadline ends drafts: with `enforce: false` the
        // dates are information and the form stays open, so drafts must too.
        if cycle.deadline.enforce {
            cycle_closes.insert(cycle.id.to_string(), cycle.deadline.closes_at.utc_ms());
        }
        let names = cycle
            .fields()
            .map(|f| (cycle.sent_name(&f.id).to_string(), f.label.clone()))
            .collect();
        rules.labels.insert(cycle.id.to_string(), names);
    }
    let data = config.data.clone();
    let store = tokio::task::spawn_blocking(move || Store::open(&data))
        .await
        .map_err(io::Error::other)??;
    let listener = TcpListener::bind((config.host.as_str(), config.port)).await?;
    let addr = listener.local_addr()?;
    let state = Arc::new(AppState {
        #[cfg(feature = "test-switches")]
        switches: switches::Switches::default(),
        store: store.clone(),
        rules,
        cycle_closes,
        guesses: drafts::GuessLimiter::new(&config),
        config,
    });
    tokio::spawn(sweep_drafts(Arc::downgrade(&state)));
    let limits = ConnLimits {
        // With test switches on, every request gets its own connection:
        // browsers transparently resend a request whose *reused* keep-alive
        // connection closed without a response, which would hide `drop_next`.
        keep_alive: !state.config.test_switches,
        header_timeout: state.config.body_timeout,
        max_connections: state.config.max_connections,
    };
    let app = router(state);
    let accept = tokio::spawn(accept_loop(listener, app, limits));
    Ok(Server {
        addr,
        accept,
        store,
    })
}

/// Deletes expired drafts now and every [`drafts::SWEEP_EVERY`]; forgets the
/// ids of drafts expired longer ago than `--draft-days` (until then a
/// look-up says "expired" rather than "no draft"). Also drops idle clients
/// from the guess limiter. Holds the state weakly: once the server is gone
/// (its accept loop stopped), the sweep ends and the database closes.
async fn sweep_drafts(state: std::sync::Weak<AppState>) {
    let mut tick = tokio::time::interval(drafts::SWEEP_EVERY);
    loop {
        tick.tick().await;
        let Some(state) = state.upgrade() else {
            return;
        };
        if let Err(e) = sweep_drafts_once(&state).await {
            eprintln!("receiver: expired drafts not deleted this time: {e}");
        }
        state.guesses.forget_idle();
    }
}

/// One sweep; how many blobs went.
async fn sweep_drafts_once(state: &AppState) -> Result<usize, store::StoreError> {
    let now = state.now_ms();
    let forget = now.saturating_sub(i64::from(state.config.draft_days) * drafts::DAY_MS);
    state
        .store
        .purge_drafts(
            &timefmt::format_unix_millis(now),
            &timefmt::format_unix_millis(forget),
        )
        .await
}

struct ConnLimits {
    keep_alive: bool,
    header_timeout: Duration,
    max_connections: usize,
}

/// Per-connection handle in every request's extensions; notifying it makes
/// the connection task drop the socket without writing a response (the
/// `drop_next` test switch).
#[derive(Clone)]
#[cfg_attr(not(feature = "test-switches"), allow(dead_code))]
pub(crate) struct ConnKill(pub(crate) Arc<tokio::sync::Notify>);

async fn accept_loop(listener: TcpListener, app: Router, limits: ConnLimits) {
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    loop {
        // Past the connection limit new connections wait in the backlog.
        let Ok(slot) = slots.clone().acquire_owned().await else {
            return;
        };
        let (stream, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(e) => {
                eprintln!("receiver: accept failed: {e}");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let keep_alive = limits.keep_alive;
        let header_timeout = limits.header_timeout;
        tokio::spawn(async move {
            let _slot = slot;
            let kill = Arc::new(tokio::sync::Notify::new());
            let handle = ConnKill(kill.clone());
            let service =
                hyper::service::service_fn(move |mut req: Request<hyper::body::Incoming>| {
                    req.extensions_mut().insert(handle.clone());
                    req.extensions_mut().insert(ConnectInfo(peer));
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
                .header_read_timeout(header_timeout)
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
    let config = &state.config;
    let api = Router::new()
        .route("/api/health", get(health))
        .route("/api/submissions", post(submit).put(submit))
        // Innermost first. Past the concurrency limit a request is turned
        // away at once (503) rather than queued behind slow ones. Only
        // requests whose body has fully arrived count against it: the body
        // is read first (outside the limit), under its own deadline and size
        // limit, so stalled uploads hold a connection but never a slot.
        .layer(
            ServiceBuilder::new()
                .layer(HandleErrorLayer::new(|_: BoxError| async {
                    form_error(
                        StatusCode::SERVICE_UNAVAILABLE,
                        "The application service is busy. Try again in a few seconds.",
                    )
                }))
                .load_shed()
                .layer(tower::limit::GlobalConcurrencyLimitLayer::new(
                    config.concurrency,
                )),
        )
        .layer(middleware::from_fn_with_state(
            state.clone(),
            read_whole_body,
        ))
        .layer(RequestBodyDeadlineLayer::new(config.body_timeout))
        .layer(RequestBodyLimitLayer::new(config.max_body_bytes))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            config.request_timeout,
        ));
    let api = rate_limited(
        api,
        config,
        Some(vec![Method::POST, Method::PUT]),
        rate_limit_reply,
    );
    let api = api.merge(drafts_router(&state));

    #[cfg(feature = "test-switches")]
    let api = if config.test_switches {
        api.merge(switches::routes())
    } else {
        api
    };

    // CORS outside everything else, so every reply (429 and 503 included)
    // carries its headers and the browser lets the app read the message.
    let app = api
        .with_state(state.clone())
        .layer(middleware::map_response_with_state(
            state.clone(),
            shape_errors,
        ))
        .layer(cors_layer(&state.config));
    // The preflight counter sits outside CORS: the CORS layer answers
    // preflights itself and nothing inside sees them.
    #[cfg(feature = "test-switches")]
    let app = if state.config.test_switches {
        app.layer(middleware::from_fn_with_state(
            state.clone(),
            switches::count_preflights,
        ))
    } else {
        app
    };
    app
}

/// `/api/drafts/{draft_id}` with limits of its own: body size
/// (`--draft-max-bytes`), body and request timeouts, a concurrency limit and
/// a per-client rate limit apart from the submissions' (a client saving
/// drafts does not use up its submissions), all replying in the drafts'
/// JSON shape.
fn drafts_router(state: &Shared) -> Router<Shared> {
    let config = &state.config;
    let route: MethodRouter<Shared> = get(drafts::get).put(drafts::put).delete(drafts::delete);
    let router = Router::new()
        .route("/api/drafts/{draft_id}", route)
        .layer(
            ServiceBuilder::new()
                // A bare 503: `drafts::shape_errors` (outermost) gives it the
                // drafts' "unavailable" reply, as it does the timeout's.
                .layer(HandleErrorLayer::new(|_: BoxError| async {
                    StatusCode::SERVICE_UNAVAILABLE
                }))
                .load_shed()
                .layer(tower::limit::GlobalConcurrencyLimitLayer::new(
                    config.concurrency,
                )),
        )
        .layer(RequestBodyDeadlineLayer::new(config.body_timeout))
        .layer(RequestBodyLimitLayer::new(config.draft_max_bytes))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            config.request_timeout,
        ));
    let router = rate_limited(router, config, None, drafts::rate_limit_reply);
    router.layer(middleware::map_response_with_state(
        state.clone(),
        drafts::shape_errors,
    ))
}

/// A per-client rate limit (`--rate-burst`, `--rate-per-minute`) on `api`,
/// for `methods` (all when `None`), replying with `reply`. The client is the
/// peer's address, or with `--trust-forwarded-for` the forwarded one.
fn rate_limited(
    api: Router<Shared>,
    config: &Config,
    methods: Option<Vec<Method>>,
    reply: fn(GovernorError) -> Response,
) -> Router<Shared> {
    if config.trust_forwarded {
        rate_limited_by(api, SmartIpKeyExtractor, config, methods, reply)
    } else {
        rate_limited_by(api, PeerIpKeyExtractor, config, methods, reply)
    }
}

fn rate_limited_by<K>(
    api: Router<Shared>,
    key: K,
    config: &Config,
    methods: Option<Vec<Method>>,
    reply: fn(GovernorError) -> Response,
) -> Router<Shared>
where
    K: KeyExtractor + Send + Sync + 'static,
    K::Key: Send + Sync + 'static,
{
    let period = Duration::from_millis((60_000 / u64::from(config.rate_per_minute)).max(1));
    // `key_extractor` returns a new builder: the settings go on that one.
    let mut builder = GovernorConfigBuilder::default().key_extractor(key);
    builder.period(period).burst_size(config.rate_burst);
    if let Some(methods) = methods {
        builder.methods(methods);
    }
    let Some(governor) = builder.finish() else {
        // Only reachable with a zero burst or period, which the flags refuse.
        return api;
    };
    let limiter = governor.limiter().clone();
    // The limiter keeps one entry per client; drop the idle ones now and then.
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(60));
        loop {
            tick.tick().await;
            limiter.retain_recent();
        }
    });
    api.layer(GovernorLayer::new(governor).error_handler(reply))
}

fn rate_limit_reply(e: GovernorError) -> Response {
    match e {
        GovernorError::TooManyRequests { wait_time, .. } => {
            let wait = wait_time.max(1);
            let mut resp = form_error(
                StatusCode::TOO_MANY_REQUESTS,
                format!(
                    "Too many applications have been sent from your network in a short time. \
                     Try again in {wait} seconds."
                ),
            );
            resp.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(wait));
            resp
        }
        GovernorError::UnableToExtractKey => form_error(
            StatusCode::BAD_REQUEST,
            "The application service could not tell where the request came from.",
        ),
        GovernorError::Other { code, msg, .. } => form_error(
            code,
            msg.unwrap_or_else(|| "The request was refused.".to_string()),
        ),
    }
}

fn cors_layer(config: &Config) -> CorsLayer {
    let allowed = config.clone();
    CorsLayer::new()
        .allow_origin(AllowOrigin::predicate(move |origin, _| {
            origin.to_str().is_ok_and(|o| allowed.origin_allowed(o))
        }))
        // POST and PUT for submissions; GET, PUT and DELETE for drafts.
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE])
        .allow_headers([
            header::CONTENT_TYPE,
            HeaderName::from_static(IDEMPOTENCY_KEY),
        ])
        .expose_headers([
            header::RETRY_AFTER,
            HeaderName::from_static(IDEMPOTENT_REPLAYED),
        ])
        .max_age(Duration::from_secs(600))
}

/// A refused version (issue 19 item 8): `{"error": message}` as the lead's
/// contract says, and the same sentence as a form-wide message, which is
/// what the app shows.
fn version_error(status: StatusCode, message: &str) -> Response {
    (
        status,
        Json(json!({ "error": message, "errors": { FORM_WIDE: message } })),
    )
        .into_response()
}

/// `{"errors": {"_form": message}}` with `status`.
pub(crate) fn form_error(status: StatusCode, message: impl Into<String>) -> Response {
    let mut resp = (
        status,
        Json(json!({ "errors": { FORM_WIDE: message.into() } })),
    )
        .into_response();
    if status == StatusCode::SERVICE_UNAVAILABLE {
        resp.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECS));
    }
    resp
}

/// An error reply made by middleware (no JSON body), which a shaper rewrites.
pub(crate) fn is_unshaped_error(resp: &Response) -> bool {
    let status = resp.status();
    let is_json = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    (status.is_client_error() || status.is_server_error()) && !is_json
}

/// Error replies made by middleware (timeouts, body limit, 404, 405) come
/// with empty or plain-text bodies; give them the form's shape too, so the
/// app can always show a sentence.
async fn shape_errors(State(state): State<Shared>, resp: Response) -> Response {
    if !is_unshaped_error(&resp) {
        return resp;
    }
    let status = resp.status();
    let message = match status {
        StatusCode::PAYLOAD_TOO_LARGE => too_large_message(state.config.max_body_bytes),
        StatusCode::NOT_FOUND => "There is nothing at this address.".to_string(),
        StatusCode::METHOD_NOT_ALLOWED => "Applications must be sent with POST or PUT.".to_string(),
        StatusCode::REQUEST_TIMEOUT => slow_body_message(),
        StatusCode::SERVICE_UNAVAILABLE => {
            "The application service took too long to answer. Try again in a few seconds."
                .to_string()
        }
        _ => format!("The request was refused (error {}).", status.as_u16()),
    };
    let (mut parts, _) = resp.into_parts();
    let mut fresh = form_error(status, message);
    // Keep headers such as Retry-After; take the new body's type and length.
    for name in [header::CONTENT_TYPE, header::CONTENT_LENGTH] {
        parts.headers.remove(&name);
    }
    for (name, value) in fresh.headers_mut().drain() {
        if let Some(name) = name {
            parts.headers.insert(name, value);
        }
    }
    Response::from_parts(parts, fresh.into_body())
}

fn too_large_message(limit: usize) -> String {
    let size = if limit.is_multiple_of(1024) {
        format!("{} KB", limit / 1024)
    } else {
        format!("{limit} bytes")
    };
    format!("The application is too large to send: it must be {size} or less. Shorten the longest answers.")
}

fn slow_body_message() -> String {
    "The application took too long to arrive. Check your connection and try again.".to_string()
}

async fn health() -> Json<Value> {
    Json(json!({ "ok": true }))
}

// ---------------------------------------------------------------- submissions

async fn submit(State(state): State<Shared>, req: Request) -> Response {
    #[cfg(feature = "test-switches")]
    if state.config.test_switches {
        if let Some(resp) =
            switches::before_submit(&state.switches, req.extensions().get::<ConnKill>().cloned())
                .await
        {
            return resp;
        }
    }

    let encoding = match content_type(req.headers()).as_deref() {
        Some("application/json") => "json",
        Some("application/x-www-form-urlencoded") => "form",
        _ => return form_error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Applications must be sent as application/json or application/x-www-form-urlencoded.",
        ),
    };
    // No HTML form can send this header, so a cross-site `<form method=post>`
    // stops here and stores nothing.
    let idempotency_key = match req.headers().get(IDEMPOTENCY_KEY) {
        None => {
            return form_error(
                StatusCode::BAD_REQUEST,
                "The request has no Idempotency-Key header, so it was not stored.",
            )
        }
        Some(v) => match envelope::check_idempotency_key(v.as_bytes()) {
            Ok(k) => k,
            Err(msg) => return form_error(StatusCode::BAD_REQUEST, msg),
        },
    };
    let body = match Bytes::from_request(req, &()).await {
        Ok(b) => b,
        Err(rejection) => return body_error(&rejection, state.config.max_body_bytes),
    };
    let parsed = if encoding == "json" {
        envelope::from_json(&body, &state.rules)
    } else {
        envelope::from_form(&body, &state.rules)
    };
    let envelope = match parsed {
        Ok(e) => e,
        Err(Problem::Form(msg)) => return form_error(StatusCode::BAD_REQUEST, msg),
        Err(Problem::Version(msg)) => return version_error(StatusCode::BAD_REQUEST, &msg),
        Err(Problem::Fields(fields)) => {
            return (StatusCode::BAD_REQUEST, Json(json!({ "errors": fields }))).into_response()
        }
    };
    // The key names the version the body is: another key for the same body
    // would let one version be stored twice, or a body slip in under a
    // version's key it is not.
    let expected_key = envelope.expected_key();
    if idempotency_key != expected_key {
        return version_error(
            StatusCode::BAD_REQUEST,
            &format!(
                "The Idempotency-Key header must be `{expected_key}` (the body's \
                 <reference>.v<version>), so nothing was stored."
            ),
        );
    }

    let submission = NewSubmission {
        idempotency_key,
        body_sha256: store::body_sha256(&body),
        encoding,
        envelope,
    };
    match state.store.record(submission).await {
        Ok(Recorded::Stored(r)) => (StatusCode::CREATED, Json(r.to_json())).into_response(),
        Ok(Recorded::Replayed(r)) => {
            let mut resp = (StatusCode::OK, Json(r.to_json())).into_response();
            resp.headers_mut().insert(
                HeaderName::from_static(IDEMPOTENT_REPLAYED),
                HeaderValue::from_static("true"),
            );
            resp
        }
        Ok(Recorded::Refused(refusal)) => version_error(StatusCode::FORBIDDEN, refusal.message()),
        Ok(Recorded::Conflict) => form_error(
            StatusCode::CONFLICT,
            "An application with this Idempotency-Key was stored already with different \
             answers. Send changed answers with a new key.",
        ),
        Err(StoreError::Busy) => form_error(
            StatusCode::SERVICE_UNAVAILABLE,
            "The application service is busy. Try again in a few seconds.",
        ),
        Err(e) => {
            eprintln!("receiver: submission not stored: {e}");
            form_error(
                StatusCode::SERVICE_UNAVAILABLE,
                "The application could not be stored just now. Nothing was kept; try again in a few seconds.",
            )
        }
    }
}

/// Reads the whole body before the request goes on (see the layer order in
/// [`router`]); the deadline and size limit layers make this fail in time.
async fn read_whole_body(State(state): State<Shared>, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Err(e) => body_error(&e, state.config.max_body_bytes),
    }
}

fn body_error(error: &(dyn std::error::Error + 'static), max_body_bytes: usize) -> Response {
    match body_failure(error) {
        BodyFailure::Slow => form_error(StatusCode::REQUEST_TIMEOUT, slow_body_message()),
        BodyFailure::TooLarge => form_error(
            StatusCode::PAYLOAD_TOO_LARGE,
            too_large_message(max_body_bytes),
        ),
        BodyFailure::Broken => form_error(
            StatusCode::BAD_REQUEST,
            "The application did not arrive complete. Try sending it again.",
        ),
    }
}

/// Why a request body could not be read.
pub(crate) enum BodyFailure {
    /// Past the body deadline.
    Slow,
    /// Past the size limit.
    TooLarge,
    /// Cut off or otherwise broken.
    Broken,
}

pub(crate) fn body_failure(error: &(dyn std::error::Error + 'static)) -> BodyFailure {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = source {
        if e.is::<TimeoutError>() {
            return BodyFailure::Slow;
        }
        if e.is::<http_body_util::LengthLimitError>() {
            return BodyFailure::TooLarge;
        }
        source = e.source();
    }
    BodyFailure::Broken
}

/// Lower-cased media type without parameters.
fn content_type(headers: &HeaderMap) -> Option<String> {
    let raw = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    let mime = raw.split(';').next()?.trim().to_ascii_lowercase();
    (!mime.is_empty()).then_some(mime)
}
