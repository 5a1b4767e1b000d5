//! Fetching the cycle file; any failure becomes a located, readable error.

use crate::browser;
use crate::page_contract::js::page_globals;
use cycle::{Cycle, Place, Problem};
use wasm_bindgen::JsCast;

pub async fn fetch_cycle(url: &str) -> Result<Cycle, Vec<Problem>> {
    let resp = match take_early_fetch(url) {
        Some(early) => early.await,
        None => gloo_net::http::Request::get(url).send().await.ok(),
    }
    .ok_or_else(|| {
        vec![Problem::at(
            Place::root(),
            "the cycle file could not be fetched (network error)",
        )]
    })?;
    if !resp.ok() {
        return Err(vec![Problem::at(
            Place::root(),
            format!(
                "the cycle file could not be fetched (HTTP {})",
                resp.status()
            ),
        )]);
    }
    let text = resp.text().await.map_err(|_| {
        vec![Problem::at(
            Place::root(),
            "the cycle file could not be read",
        )]
    })?;
    cycle::parse(&text)
}

/// The fetch of this cycle file that `early-paint.js` started while the wasm
/// was still downloading (`page_contract::GLOBAL_CYCLE_FETCH`), taken once, so
/// the file is fetched once and no later than the page began.
fn take_early_fetch(
    url: &str,
) -> Option<impl std::future::Future<Output = Option<gloo_net::http::Response>>> {
    let page = browser::document().base_uri().ok().flatten()?;
    let promise: js_sys::Promise = page_globals()
        .take_early_cycle(&browser::resolve_url(url, &page))
        .ok()?
        .dyn_into()
        .ok()?;
    Some(async move {
        let value = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
        let response: web_sys::Response = value.dyn_into().ok()?;
        Some(gloo_net::http::Response::from(response))
    })
}
