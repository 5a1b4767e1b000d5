//! Thin wrappers over the browser APIs the app uses, each failing softly:
//! a blocked API (storage in a private window, clipboard without permission)
//! must never take the form down.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlElement, Storage};

pub fn window() -> web_sys::Window {
    web_sys::window().expect("running in a browser window")
}

pub fn document() -> web_sys::Document {
    window().document().expect("window has a document")
}

pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// `2026-11-29T23:59:00.000Z`
pub fn now_iso() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

/// Human date-time in the applicant's locale, for "saved at" notes.
pub fn local_time(ms: f64) -> String {
    js_sys::Date::new(&JsValue::from_f64(ms))
        .to_locale_string("en-US", &JsValue::UNDEFINED)
        .into()
}

/// UUID v4 from the browser's CSPRNG. Without Web Crypto at all (very old or
/// locked-down browsers) `Math.random` still tells applications apart, which
/// is all a reference is for.
pub fn uuid_v4() -> String {
    let bytes = crypto_bytes().unwrap_or_else(|| {
        let mut bytes = [0u8; 16];
        for b in bytes.iter_mut() {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
        bytes
    });
    crate::form::version::uuid_from_bytes(bytes)
}

/// The application's version secret: 16 bytes from the browser's CSPRNG,
/// base64url (22 characters). Only Web Crypto will do for a secret, so
/// without it (no such browser runs the wasm) the secret is left empty and
/// the payload says so.
pub fn version_secret() -> String {
    crypto_bytes()
        .map(crate::form::version::secret_from_bytes)
        .unwrap_or_default()
}

/// `N` bytes from `crypto.getRandomValues`, which works on plain http too,
/// where `crypto.randomUUID` does not exist (it needs a secure context, and a
/// library intranet often has none). None without Web Crypto.
pub fn crypto_bytes<const N: usize>() -> Option<[u8; N]> {
    let mut bytes = [0u8; N];
    fill_random(&mut bytes).then_some(bytes)
}

/// Fills `bytes` from the browser's CSPRNG; false without Web Crypto.
fn fill_random(bytes: &mut [u8]) -> bool {
    window()
        .crypto()
        .and_then(|c| c.get_random_values_with_u8_array(bytes))
        .is_ok()
}

pub fn random() -> f64 {
    js_sys::Math::random()
}

/// localStorage when the browser gives it. Whether it works is found out by
/// using it: reading a draft, removing one, saving one. A probe write would
/// fail on a full quota and hide a draft that can still be read and removed.
pub fn local_storage() -> Option<Storage> {
    window().local_storage().ok().flatten()
}

/// Storage that cannot be read at all (blocked by the browser).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StorageBlocked;

/// The stored text under `key` (None: nothing stored), or `StorageBlocked`
/// when storage cannot be read.
pub fn storage_read(key: &str) -> Result<Option<String>, StorageBlocked> {
    local_storage()
        .ok_or(StorageBlocked)?
        .get_item(key)
        .map_err(|_| StorageBlocked)
}

pub fn storage_get(key: &str) -> Option<String> {
    storage_read(key).ok().flatten()
}

/// False when the write did not happen (no storage, quota exceeded).
pub fn storage_set(key: &str, value: &str) -> bool {
    local_storage().is_some_and(|s| s.set_item(key, value).is_ok())
}

/// Removes `key`; true only when it is gone afterwards (read back), so the
/// page never says "removed" about answers still stored.
pub fn storage_remove(key: &str) -> bool {
    let Some(s) = local_storage() else {
        return false;
    };
    let _ = s.remove_item(key);
    matches!(s.get_item(key), Ok(None))
}

/// Whether the browser believes it is online (`navigator.onLine`): false
/// means certainly offline; true may still meet a dead network.
pub fn is_online() -> bool {
    window().navigator().on_line()
}

/// Calls `back` when the connection returns (`online`) and when the page is
/// shown again (`visibilitychange` to visible): the moments a send that
/// waits for a connection is tried again. Plain events, so every browser
/// does it (Background Sync exists in Chromium only).
pub fn on_connection_chance(back: impl Fn() + 'static) {
    use wasm_bindgen::closure::Closure;
    let back = std::rc::Rc::new(back);
    let on_online = {
        let back = back.clone();
        Closure::<dyn FnMut()>::new(move || back())
    };
    on_window_event("online", on_online);
    let on_visible = Closure::<dyn FnMut()>::new(move || {
        if !document().hidden() {
            back();
        }
    });
    let _ = document()
        .add_event_listener_with_callback("visibilitychange", on_visible.as_ref().unchecked_ref());
    on_visible.forget();
}

/// Calls `on_change(key, new_value)` when another tab or window of this
/// site changes localStorage (the browser tells every tab but the writer).
pub fn on_storage_change(on_change: impl Fn(String, Option<String>) + 'static) {
    use wasm_bindgen::closure::Closure;
    let listener =
        Closure::<dyn FnMut(web_sys::StorageEvent)>::new(move |ev: web_sys::StorageEvent| {
            if let Some(key) = ev.key() {
                on_change(key, ev.new_value());
            }
        });
    let _ = window().add_event_listener_with_callback("storage", listener.as_ref().unchecked_ref());
    listener.forget();
}

thread_local! {
    /// In mount mode the form lives in a shadow root, where the document's
    /// `getElementById` cannot see: look-ups go through the root instead.
    static LOOKUP_ROOT: std::cell::RefCell<Option<web_sys::ShadowRoot>> =
        const { std::cell::RefCell::new(None) };
}

pub fn set_lookup_root(root: web_sys::ShadowRoot) {
    LOOKUP_ROOT.with(|r| *r.borrow_mut() = Some(root));
}

/// An element of the form by id, in the document or the form's shadow root.
pub fn element_by_id(id: &str) -> Option<HtmlElement> {
    let found = LOOKUP_ROOT.with(|r| match r.borrow().as_ref() {
        Some(root) => root.get_element_by_id(id),
        None => document().get_element_by_id(id),
    });
    found?.dyn_into().ok()
}

/// The first element of the form matching a CSS selector.
pub fn query(selector: &str) -> Option<HtmlElement> {
    let found = LOOKUP_ROOT.with(|r| match r.borrow().as_ref() {
        Some(root) => root.query_selector(selector),
        None => document().query_selector(selector),
    });
    found.ok()??.dyn_into().ok()
}

/// Every element of the document matching a CSS selector.
pub fn query_all(selector: &str) -> Vec<HtmlElement> {
    let Ok(list) = document().query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into().ok())
        .collect()
}

/// Moves focus to an element and brings it (and its label above it) into view.
pub fn focus_and_reveal(id: &str) -> bool {
    let Some(el) = element_by_id(id) else {
        return false;
    };
    let _ = el.focus();
    // The label sits above the control; scrolling the control's group into
    // view keeps the question visible, as GOV.UK's error summary does.
    let target = el
        .closest(".mf-field")
        .ok()
        .flatten()
        .unwrap_or_else(|| el.clone().into());
    target.scroll_into_view();
    true
}

/// `relative` resolved against `base` (itself resolved against the page), as
/// an absolute URL; `relative` unchanged when either does not parse.
pub fn resolve_url(relative: &str, base: &str) -> String {
    let page = document().base_uri().ok().flatten().unwrap_or_default();
    let Ok(base) = web_sys::Url::new_with_base(base, &page) else {
        return relative.to_string();
    };
    web_sys::Url::new_with_base(relative, &base.href())
        .map(|u| u.href())
        .unwrap_or_else(|_| relative.to_string())
}

pub fn set_title(title: &str) {
    document().set_title(title);
}

pub fn in_iframe() -> bool {
    let w = window();
    match w.parent().ok().flatten() {
        Some(parent) => !js_sys::Object::is(&parent, &w.self_()),
        None => false,
    }
}

/// Offers text as a file download.
pub fn download(filename: &str, mime: &str, contents: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(contents));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(a) = document().create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(filename);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

pub fn print() {
    let _ = window().print();
}

/// Copies to the clipboard; false when the browser will not (no clipboard
/// outside a secure context, permission refused). `navigator.clipboard` is
/// absent on plain http, and calling it there would throw, so look first.
pub async fn copy_text(text: &str) -> bool {
    let navigator = window().navigator();
    let has_clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .map(|c| !c.is_undefined() && !c.is_null())
        .unwrap_or(false);
    if !has_clipboard {
        return false;
    }
    let promise = navigator.clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// Selects an element's text, so copying by hand is one key press away.
pub fn select_contents(id: &str) {
    let Some(el) = element_by_id(id) else { return };
    if let Ok(Some(selection)) = window().get_selection() {
        let _ = selection.select_all_children(&el);
    }
}

/// sessionStorage: this tab only, gone when it closes. None when blocked.
fn session_storage() -> Option<Storage> {
    window().session_storage().ok().flatten()
}

pub fn session_get(key: &str) -> Option<String> {
    session_storage()?.get_item(key).ok().flatten()
}

/// False when the write did not happen.
pub fn session_set(key: &str, value: &str) -> bool {
    session_storage().is_some_and(|s| s.set_item(key, value).is_ok())
}

pub fn session_remove(key: &str) {
    if let Some(s) = session_storage() {
        let _ = s.remove_item(key);
    }
}

/// The page's address.
pub fn location_href() -> String {
    window().location().href().unwrap_or_default()
}

/// The address's fragment, with its `#` ("" when there is none).
pub fn location_hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// Takes the fragment off the address bar, without a navigation or a new
/// history entry (`history.replaceState`), so what it carried does not stay
/// on screen, in the history list or in a bookmark.
pub fn drop_fragment() {
    let href = location_href();
    let Some((without, _)) = href.split_once('#') else {
        return;
    };
    if let Ok(history) = window().history() {
        let state = history.state().unwrap_or(JsValue::NULL);
        let _ = history.replace_state_with_url(&state, "", Some(without));
    }
}

/// Calls `changed` when the address's fragment changes (a link to this page
/// with another fragment opened in the same tab).
pub fn on_hash_change(changed: impl Fn() + 'static) {
    on_window_event("hashchange", wasm_bindgen::closure::Closure::new(changed));
}

/// Calls `leaving` when the page is left (`pagehide`: another address, the
/// tab closed, or the page put in the back-forward cache).
pub fn on_page_leave(leaving: impl Fn() + 'static) {
    on_window_event("pagehide", wasm_bindgen::closure::Closure::new(leaving));
}

/// Listens to `event` on the window for the page's lifetime.
fn on_window_event(event: &str, listener: wasm_bindgen::closure::Closure<dyn FnMut()>) {
    let _ = window().add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
    listener.forget();
}

/// Calls `back` when the page is shown again from the back-forward cache
/// (`pageshow` with `persisted`): as it was frozen, not loaded anew.
pub fn on_page_back_from_cache(back: impl Fn() + 'static) {
    use wasm_bindgen::closure::Closure;
    let listener = Closure::<dyn FnMut(web_sys::PageTransitionEvent)>::new(
        move |ev: web_sys::PageTransitionEvent| {
            if ev.persisted() {
                back();
            }
        },
    );
    let _ =
        window().add_event_listener_with_callback("pageshow", listener.as_ref().unchecked_ref());
    listener.forget();
}

/// Loads the page anew.
pub fn reload() {
    let _ = window().location().reload();
}

/// A date (RFC 3339) as the applicant reads dates: "January 2, 2027".
pub fn long_date(rfc3339: &str) -> String {
    let ms = js_sys::Date::parse(rfc3339);
    if ms.is_nan() {
        return rfc3339.to_string();
    }
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"long".into());
    js_sys::Date::new(&JsValue::from_f64(ms))
        .to_locale_date_string("en-US", &options)
        .into()
}
