//! Inside the matching worker: answer each message with the suggestion, and
//! say `Ready` once loaded. Text in, text out (`crate::protocol`).

use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::protocol::{answer, to_json, WorkerReply};

pub fn run() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_scope = scope.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let reply = match ev.data().as_string() {
                Some(request) => answer(&request),
                None => WorkerReply::Failed {
                    id: None,
                    message: "the matching worker was sent something other than text".into(),
                },
            };
            let _ = reply_scope.post_message(&JsValue::from_str(&to_json(&reply)));
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page: so does its handler.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(&to_json(&WorkerReply::Ready)));
}
