//! Running inside someone else's page: mounting into a host element, and,
//! inside an iframe, telling the parent our height and a few events.
//!
//! Messages go only to the parent origins the cycle file allows
//! (`embed.allowed_origins`): `postMessage` with an explicit target origin is
//! dropped by the browser unless the parent really has that origin. Messages
//! *from* other origins are ignored.

use super::handover;
use super::messages::{is_host_hello, Event};
use crate::app::{App, EmbedHooks, MountOptions};
use crate::browser;
use crate::page_contract;
use crate::state::draft::DraftsOnDevice;
use crate::state::painted::take_typed_early;
use crate::state::store::FormState;
use leptos::prelude::*;
use std::cell::RefCell;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    static PARENT_ORIGINS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Entry point: mount into every `[data-mentor-form]` of the page. Without
/// one, say so in the console and leave the host page exactly as it was.
pub fn mount() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("mentor form: {info}").into());
    }));
    let hosts = browser::query_all(page_contract::SELECTOR_HOST);
    if hosts.is_empty() {
        web_sys::console::error_1(&page_contract::MESSAGE_NO_MOUNT_ELEMENT.into());
        return;
    }
    for host in hosts {
        mount_into(host);
    }
}

/// Mounts one form into its host element: inside the open shadow root that
/// `mount.js` attached (style isolation from the host page), or into the
/// element itself (the stand-alone `index.html`).
fn mount_into(host: web_sys::HtmlElement) {
    let target = match host.shadow_root() {
        Some(shadow) => {
            let Some(point) = shadow
                .query_selector(page_contract::SELECTOR_MOUNT)
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            else {
                web_sys::console::error_1(
                    &"mentor form: the element's shadow root has no mount point; load the form through mount.js".into(),
                );
                return;
            };
            browser::set_lookup_root(shadow);
            point
        }
        None => host.clone(),
    };
    let attr = |name: &str| host.get_attribute(name).filter(|v| !v.trim().is_empty());
    let query_embed = browser::window()
        .location()
        .search()
        .map(|s| s.split(['?', '&']).any(|p| p == "embed=1"))
        .unwrap_or(false);
    let options = MountOptions {
        cycle_url: attr(page_contract::ATTR_CYCLE)
            .unwrap_or_else(|| page_contract::DEFAULT_CYCLE_PATH.into()),
        endpoint_override: attr("data-endpoint"),
        // `data-base` lets a host page that mounts the form pick the router base
        // (its own page path); otherwise `<base href>` decides.
        base: attr("data-base")
            .map(|b| normalize_base(&b))
            .unwrap_or_else(base_path),
        framed: browser::in_iframe() || query_embed,
        in_shadow: host.shadow_root().is_some(),
        drafts: if attr("data-drafts").is_some_and(|v| v.trim().eq_ignore_ascii_case("off")) {
            DraftsOnDevice::Off
        } else {
            DraftsOnDevice::Kept
        },
    };
    let hooks = EmbedHooks {
        on_ready: Arc::new(|state: &FormState| {
            // What was typed in a painted page whose start failed, kept by
            // early-paint.js for this (successful) load; and the state for
            // the take-over.
            take_typed_early(state);
            handover::note_ready(state);
            start(state);
        }),
        on_page: Arc::new(notify_page),
    };
    let app = move || view! { <App options=options hooks=hooks/> };
    // From now on early-paint.js leaves this host alone.
    let _ = host.set_attribute(page_contract::ATTR_LIVE, "");
    if handover::has_painted_page(&host) {
        // A page painted before the wasm arrived stays, and stays usable, until
        // the app has a page to show in its place.
        let Ok(staging) = browser::document().create_element("div") else {
            return;
        };
        let Ok(staging_el) = staging.clone().dyn_into::<web_sys::HtmlElement>() else {
            return;
        };
        leptos::mount::mount_to(staging_el, app).forget();
        handover::take_over_when_ready(host, staging);
    } else {
        // Replace the static "Loading…" markup that shows before the wasm runs.
        target.set_inner_html("");
        leptos::mount::mount_to(target, app).forget();
    }
}

/// The path of `<base href>`, without the trailing slash ("" at the root).
fn base_path() -> String {
    let base = browser::document()
        .base_uri()
        .ok()
        .flatten()
        .unwrap_or_default();
    let path = web_sys::Url::new(&base)
        .map(|u| u.pathname())
        .unwrap_or_default();
    path.trim_end_matches('/').to_string()
}

/// "/apply/" or "apply" -> "/apply"; "/" -> "".
pub fn normalize_base(raw: &str) -> String {
    let trimmed = raw.trim().trim_end_matches('/');
    if trimmed.is_empty() {
        String::new()
    } else if trimmed.starts_with('/') {
        trimmed.to_string()
    } else {
        format!("/{trimmed}")
    }
}

fn post(event: Event) {
    let Some(parent) = browser::window().parent().ok().flatten() else {
        return;
    };
    let message = event.to_message();
    PARENT_ORIGINS.with(|origins| {
        for origin in origins.borrow().iter() {
            let _ = parent.post_message(&JsValue::from_str(&message), origin);
        }
    });
}

pub fn notify_submitted(reference: &str) {
    post(Event::Submitted { reference });
}

pub fn notify_page(path: &str) {
    post(Event::SectionChanged { path });
}

/// Where the focused element sits, so the host can scroll its page to it
/// (the iframe has no scrollbar of its own).
pub fn notify_focus(top: f64) {
    post(Event::Focus {
        top: top.round() as i64,
    });
}

/// In an iframe: report height changes, page changes, focus moves and a
/// confirmed send (its reference only).
pub fn start(state: &FormState) {
    if !browser::in_iframe() {
        return;
    }
    let receipt = state.receipt;
    Effect::new(move |_| {
        if let Some(r) = receipt.get().filter(|r| !r.sent_elsewhere) {
            notify_submitted(&r.reference);
        }
    });
    PARENT_ORIGINS.with(|o| *o.borrow_mut() = state.cycle.embed.allowed_origins.clone());
    let doc = browser::document();
    let last_height = std::rc::Rc::new(std::cell::Cell::new(0.0));
    let on_resize = Closure::<dyn FnMut()>::new(move || {
        let h = browser::document()
            .document_element()
            .map(|e| e.get_bounding_client_rect().height())
            .unwrap_or(0.0)
            .ceil();
        if (h - last_height.get()).abs() >= 1.0 {
            last_height.set(h);
            post(Event::Resize { height: h as i64 });
        }
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
        if let Some(root) = doc.document_element() {
            observer.observe(&root);
        }
        std::mem::forget(observer);
    }
    on_resize.forget();

    // Focus moves (error summary, Continue to a new section) scroll the host.
    let on_focus = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        if let Some(el) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            let top =
                el.get_bounding_client_rect().top() + browser::window().scroll_y().unwrap_or(0.0);
            notify_focus(top);
        }
    });
    let _ = doc.add_event_listener_with_callback("focusin", on_focus.as_ref().unchecked_ref());
    on_focus.forget();

    // The host may ask for the current height (after it has attached its
    // listener). Anything from an origin not in the list is ignored.
    let allowed = state.cycle.embed.allowed_origins.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            if !allowed.iter().any(|o| o == &ev.origin()) {
                return;
            }
            // Only our own parent window may greet us, not another frame.
            let from_parent = match (ev.source(), browser::window().parent().ok().flatten()) {
                (Some(source), Some(parent)) => js_sys::Object::is(&source, &parent),
                _ => false,
            };
            if !from_parent {
                return;
            }
            let Some(text) = ev.data().as_string() else {
                return;
            };
            if is_host_hello(&text) {
                post(Event::Ready);
                let h = browser::document()
                    .document_element()
                    .map(|e| e.get_bounding_client_rect().height())
                    .unwrap_or(0.0)
                    .ceil();
                post(Event::Resize { height: h as i64 });
            }
        });
    let _ = browser::window()
        .add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
    on_message.forget();
    post(Event::Ready);
}
