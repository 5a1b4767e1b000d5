//! The few browser calls the page makes outside Leptos: closing the network
//! once loaded, downloads, printing, reading files, the clock.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

pub fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

pub fn document() -> Option<web_sys::Document> {
    window().and_then(|w| w.document())
}

/// The policy the page adds once it has started: from then on the browser
/// refuses every fetch, XHR, WebSocket, beacon and form post, and any image
/// from elsewhere (browsers enforce a policy `<meta>` added after load
/// together with the server's header; the stricter wins).
pub const CLOSED_NETWORK_POLICY: &str =
    "connect-src 'none'; img-src 'self' data: blob:; form-action 'none'; object-src 'none'; \
     frame-src 'none'";

/// Adds [`CLOSED_NETWORK_POLICY`] to the page and marks the document as
/// started (`data-workbench-ready`), once.
pub fn close_network() {
    let Some(doc) = document() else {
        return;
    };
    let Some(root) = doc.document_element() else {
        return;
    };
    if root.has_attribute("data-workbench-ready") {
        return;
    }
    if let (Some(head), Ok(meta)) = (doc.head(), doc.create_element("meta")) {
        let _ = meta.set_attribute("http-equiv", "Content-Security-Policy");
        let _ = meta.set_attribute("content", CLOSED_NETWORK_POLICY);
        let _ = head.append_child(&meta);
    }
    let _ = root.set_attribute("data-workbench-ready", "true");
}

/// Offers `bytes` as a file download (a `blob:` URL, made and revoked here:
/// no network).
pub fn download(filename: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let fail = |what: &str, e: JsValue| format!("{what}: {}", describe(&e));
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts)
        .map_err(|e| fail("the browser could not make the file", e))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|e| fail("the browser could not offer the file", e))?;
    let doc = document().ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = doc
        .create_element("a")
        .map_err(|e| fail("the browser could not offer the file", e))?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    // The click has started the download; the URL is no longer needed.
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

pub fn print() {
    if let Some(w) = window() {
        let _ = w.print();
    }
}

/// Milliseconds since the page started (for the figures the page reports).
pub fn now_ms() -> f64 {
    window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// A JS error in words.
pub fn describe(e: &JsValue) -> String {
    if let Some(err) = e.dyn_ref::<js_sys::Error>() {
        return String::from(err.message());
    }
    if let Some(ex) = e.dyn_ref::<web_sys::DomException>() {
        return ex.message();
    }
    e.as_string().unwrap_or_else(|| "unknown error".into())
}

/// Reads a file the staff member chose or dropped, as bytes (an export line
/// that is not UTF-8 is reported by the reader, not lost here).
pub async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| describe(&e))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The files of a file list, in order.
pub fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}
