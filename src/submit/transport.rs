//! Sending a prepared request with gloo-net: a timeout enforced by an abort
//! signal, retries with backoff on network failures, 5xx and 429, and the
//! same Idempotency-Key on every attempt (it is part of the prepared request).
//! Redirects are not followed unless the cycle expects them: a redirect is
//! never a confirmation, and the answers must not be re-posted to whatever
//! page the redirect names. An offline device is not retried against: the
//! send waits for the connection instead (`Outcome::Offline`).

use super::retry::{backoff_ms, judge, redirect_verdict, Verdict};
use crate::browser;
use cycle::payload::PreparedRequest;
use cycle::texts::fill;
use cycle::{Cycle, FieldId};
use gloo_net::http::RequestBuilder;
use gloo_timers::callback::Timeout;
use gloo_timers::future::TimeoutFuture;

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Stored {
        receipt: Option<String>,
    },
    FieldErrors(Vec<(Option<FieldId>, String)>),
    /// The endpoint already holds other answers under this key (409).
    KeyReused,
    /// The device is offline (`navigator.onLine` is false, before an attempt
    /// or after one failed on the network): nothing more is tried until the
    /// connection returns.
    Offline,
    Failed {
        message: String,
        /// True when the request may have been stored all the same (a
        /// timeout, a dropped connection, a redirect): the applicant is told
        /// it *may not* have arrived, not that it was not sent.
        uncertain: bool,
    },
}

enum AttemptError {
    TimedOut,
    Network,
}

struct Reply {
    status: u16,
    redirected: bool,
    retry_after: Option<String>,
    body: String,
}

/// Sends with retries. `on_attempt(n)` is told before each attempt (0-based)
/// so the page can say "Sending… (attempt 2 of 3)".
pub async fn send(cycle: &Cycle, req: &PreparedRequest, on_attempt: impl Fn(u32)) -> Outcome {
    let retries = cycle.submit.retries;
    let mut attempt = 0;
    loop {
        if !browser::is_online() {
            return Outcome::Offline;
        }
        on_attempt(attempt);
        match attempt_once(req, cycle.submit.timeout_ms, cycle.submit.accept_redirect).await {
            Ok(reply) => {
                let verdict = redirect_verdict(cycle, reply.redirected).unwrap_or_else(|| {
                    judge(
                        cycle,
                        reply.status,
                        &reply.body,
                        reply.retry_after.as_deref(),
                        attempt,
                        browser::random(),
                    )
                });
                match verdict {
                    Verdict::Stored { receipt } => return Outcome::Stored { receipt },
                    Verdict::FieldErrors(errors) => return Outcome::FieldErrors(errors),
                    Verdict::KeyReused => return Outcome::KeyReused,
                    Verdict::Retry { after_ms } => TimeoutFuture::new(after_ms).await,
                    Verdict::Rejected { status } => {
                        return Outcome::Failed {
                            message: rejected_message(cycle, status),
                            uncertain: false,
                        }
                    }
                    Verdict::Unconfirmed => {
                        return Outcome::Failed {
                            message: cycle.texts.send_redirected().to_string(),
                            uncertain: true,
                        }
                    }
                }
            }
            Err(_) if !browser::is_online() => return Outcome::Offline,
            Err(e) => {
                if attempt >= retries {
                    return Outcome::Failed {
                        message: match e {
                            AttemptError::TimedOut => cycle.texts.send_timed_out().to_string(),
                            AttemptError::Network => cycle.texts.send_network_failed().to_string(),
                        },
                        uncertain: true,
                    };
                }
                TimeoutFuture::new(backoff_ms(attempt, browser::random())).await;
            }
        }
        attempt += 1;
    }
}

fn rejected_message(cycle: &Cycle, status: u16) -> String {
    let template = if status >= 500 || status == 429 || status == 408 {
        cycle.texts.send_server_error()
    } else {
        cycle.texts.send_rejected()
    };
    fill(template, &[("status", &status.to_string())])
}

async fn attempt_once(
    req: &PreparedRequest,
    timeout_ms: u32,
    follow_redirects: bool,
) -> Result<Reply, AttemptError> {
    let controller = web_sys::AbortController::new().map_err(|_| AttemptError::Network)?;
    let signal = controller.signal();
    let timed_out = std::rc::Rc::new(std::cell::Cell::new(false));
    let timer = {
        let timed_out = timed_out.clone();
        Timeout::new(timeout_ms, move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let method = if req.method == "PUT" {
        gloo_net::http::Method::PUT
    } else {
        gloo_net::http::Method::POST
    };
    let redirect = if follow_redirects {
        web_sys::RequestRedirect::Follow
    } else {
        web_sys::RequestRedirect::Manual
    };
    let mut builder = RequestBuilder::new(&req.url)
        .method(method)
        .redirect(redirect)
        .abort_signal(Some(&signal));
    for (k, v) in &req.headers {
        builder = builder.header(k, v);
    }
    let request = builder
        .body(req.body.clone())
        .map_err(|_| AttemptError::Network)?;
    let result = async {
        let resp = request.send().await.ok()?;
        // Not followed: an "opaque redirect" with status 0 and no body.
        let redirected = resp.redirected() || resp.type_() == web_sys::ResponseType::Opaqueredirect;
        let status = resp.status();
        let retry_after = resp.headers().get("retry-after");
        let body = if redirected {
            String::new()
        } else {
            resp.text().await.unwrap_or_default()
        };
        Some(Reply {
            status,
            redirected,
            retry_after,
            body,
        })
    }
    .await;
    timer.cancel();
    match result {
        Some(r) => Ok(r),
        None if timed_out.get() => Err(AttemptError::TimedOut),
        None => Err(AttemptError::Network),
    }
}
