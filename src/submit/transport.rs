//! Sending a prepared request with gloo-net: a timeout enforced by an abort
//! signal, retries with backoff on network failures, 5xx and 429, and the
//! same Idempotency-Key on every attempt (it is part of the prepared request).

use super::encode::PreparedRequest;
use super::retry::{backoff_ms, judge, Verdict};
use crate::browser;
use crate::config::model::Cycle;
use gloo_net::http::RequestBuilder;
use gloo_timers::callback::Timeout;
use gloo_timers::future::TimeoutFuture;

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Stored { receipt: Option<String> },
    FieldErrors(Vec<(String, String)>),
    Failed { message: String },
}

enum AttemptError {
    TimedOut,
    Network,
}

/// Sends with retries. `on_attempt(n)` is told before each attempt (0-based)
/// so the page can say "Sending… (attempt 2 of 3)".
pub async fn send(cycle: &Cycle, req: &PreparedRequest, on_attempt: impl Fn(u32)) -> Outcome {
    let retries = cycle.submit.retries;
    let mut attempt = 0;
    loop {
        on_attempt(attempt);
        match attempt_once(req, cycle.submit.timeout_ms).await {
            Ok((status, retry_after, body)) => {
                match judge(
                    cycle,
                    status,
                    &body,
                    retry_after.as_deref(),
                    attempt,
                    browser::random(),
                ) {
                    Verdict::Stored { receipt } => return Outcome::Stored { receipt },
                    Verdict::FieldErrors(errors) => return Outcome::FieldErrors(errors),
                    Verdict::Retry { after_ms } => TimeoutFuture::new(after_ms).await,
                    Verdict::Rejected { status } => {
                        return Outcome::Failed {
                            message: rejected_message(status),
                        }
                    }
                }
            }
            Err(e) => {
                if attempt >= retries {
                    return Outcome::Failed {
                        message: match e {
                            AttemptError::TimedOut => "The application service did not answer in time, so your application has not been sent.".into(),
                            AttemptError::Network => "Your application could not be sent because the connection to the application service failed.".into(),
                        },
                    };
                }
                TimeoutFuture::new(backoff_ms(attempt, browser::random())).await;
            }
        }
        attempt += 1;
    }
}

fn rejected_message(status: u16) -> String {
    if status >= 500 || status == 429 || status == 408 {
        format!("The application service is not working at the moment (it replied with error {status}), so your application has not been sent.")
    } else {
        format!("The application service did not accept the application (error {status}), so it has not been sent.")
    }
}

async fn attempt_once(
    req: &PreparedRequest,
    timeout_ms: u32,
) -> Result<(u16, Option<String>, String), AttemptError> {
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
    let mut builder = RequestBuilder::new(&req.url)
        .method(method)
        .abort_signal(Some(&signal));
    for (k, v) in &req.headers {
        builder = builder.header(k, v);
    }
    let request = builder
        .body(req.body.clone())
        .map_err(|_| AttemptError::Network)?;
    let result = async {
        let resp = request.send().await.ok()?;
        let status = resp.status();
        let retry_after = resp.headers().get("retry-after");
        let body = resp.text().await.unwrap_or_default();
        Some((status, retry_after, body))
    }
    .await;
    timer.cancel();
    match result {
        Some(r) => Ok(r),
        None if timed_out.get() => Err(AttemptError::TimedOut),
        None => Err(AttemptError::Network),
    }
}
