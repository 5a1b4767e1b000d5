//! Staff preview: a cycle rendered exactly as applicants see it (same
//! components, same rules), an editor for its JSON with located errors, a
//! date control, and a submit that shows the request instead of sending it.

use crate::browser;
use crate::components::layout::{Framed, Shell};
use crate::pages::closed::ClosedPage;
use crate::pages::config_errors::ConfigErrorList;
use crate::pages::confirmation::ConfirmationPage;
use crate::pages::review::ReviewPage;
use crate::pages::section::SectionForm;
use crate::pages::start::StartPage;
use crate::state::nav::{Nav, Page};
use crate::state::store::{FormState, Mode};
use cycle::deadline::Window;
use cycle::{Cycle, Place, Problem};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;
use std::time::Duration;

/// Cycle files shipped in `dist/cycles/` that staff can start from, as paths
/// in `dist/` (the preview itself is served from `dist/preview/`).
const SHIPPED: &[(&str, &str)] = &[
    (
        "cycles/fall-2020-mentor.json",
        "Fall 2020 Mentor Application",
    ),
    (
        "cycles/fall-2020-mentee.json",
        "Fall 2020 Mentee Application",
    ),
];
const EDITOR_KEY: &str = "mentor-form:preview-editor";

#[component]
pub fn PreviewPage() -> impl IntoView {
    browser::set_title("Preview – cycle setup");
    let text = RwSignal::new(String::new());
    let good: RwSignal<Option<Arc<Cycle>>> = RwSignal::new(None);
    let errors: RwSignal<Vec<Problem>> = RwSignal::new(Vec::new());
    let as_of = RwSignal::new(String::new());
    let load_shipped = move |url: String| {
        spawn_local(async move {
            let resp = gloo_net::http::Request::get(&format!("../{url}"))
                .send()
                .await;
            match resp {
                Ok(r) if r.ok() => {
                    let t = r.text().await.unwrap_or_default();
                    text.set(t);
                }
                _ => errors.set(vec![Problem::at(
                    Place::root(),
                    format!("{url} could not be fetched"),
                )]),
            }
        });
    };
    // Restore the editor from the device, or start from the default cycle.
    match browser::storage_get(EDITOR_KEY) {
        Some(saved) if !saved.trim().is_empty() => text.set(saved),
        _ => load_shipped(SHIPPED[0].0.to_string()),
    }
    // Re-render after typing pauses; keep the last good form meanwhile.
    let pending: StoredValue<Option<TimeoutHandle>, LocalStorage> = StoredValue::new_local(None);
    Effect::new(move |_| {
        let t = text.get();
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let h = set_timeout_with_handle(
            move || {
                browser::storage_set(EDITOR_KEY, &t);
                match cycle::parse(&t) {
                    Ok(c) => {
                        errors.set(Vec::new());
                        good.set(Some(Arc::new(c)));
                    }
                    Err(e) => errors.set(e),
                }
            },
            Duration::from_millis(250),
        )
        .ok();
        pending.set_value(h);
    });
    let shipped_options = SHIPPED
        .iter()
        .map(|(url, label)| view! { <option value=*url>{*label}</option> })
        .collect_view();
    let download = move |_| {
        let name = good
            .get_untracked()
            .map(|c| format!("{}.json", c.id))
            .unwrap_or_else(|| "cycle.json".into());
        browser::download(&name, "application/json", &text.get_untracked());
    };
    view! {
        <div class="mf-preview">
            // A named region, so the editor is inside a landmark like the
            // form beside it; its title is an h2 because the one h1 on the
            // page is the previewed form's own, exactly as applicants hear it.
            <section class="mf-preview__editor" aria-label="Cycle file editor">
                <div class="mf-preview-banner" role="note">
                    <strong>"Preview — nothing you enter here is sent"</strong>
                </div>
                <h2 class="mf-heading mf-heading--m">"Cycle setup preview"</h2>
                <div class="mf-field">
                    <label class="mf-label" for="mf-preview-source">"Start from a shipped cycle file"</label>
                    <select
                        class="mf-select"
                        id="mf-preview-source"
                        on:change=move |ev| load_shipped(event_target_value(&ev))
                    >
                        <option value="">"Keep my edits"</option>
                        {shipped_options}
                    </select>
                </div>
                <div class="mf-field">
                    <label class="mf-label" for="mf-preview-date">"Preview the form as of"</label>
                    <div class="mf-hint" id="mf-preview-date-hint">
                        "Your local time. Leave empty for now. Only cycles with \"enforce\": true close automatically."
                    </div>
                    <input
                        class="mf-input mf-input--w20"
                        type="datetime-local"
                        id="mf-preview-date"
                        aria-describedby="mf-preview-date-hint"
                        prop:value=move || as_of.get()
                        on:input=move |ev| as_of.set(event_target_value(&ev))
                    />
                </div>
                <div class="mf-field">
                    <label class="mf-label" for="mf-preview-json">"Cycle file (JSON)"</label>
                    <div class="mf-hint" id="mf-preview-json-hint">
                        "Edits show in the form as you type and are kept on this device."
                    </div>
                    <Show when=move || !errors.with(Vec::is_empty)>
                        <div class="mf-error-summary" id="mf-preview-errors" role="alert">
                            <h2 class="mf-error-summary__title">"This cycle file has a problem"</h2>
                            <p class="mf-body">"The form shows the last version that worked."</p>
                            <ConfigErrorList errors=errors.get()/>
                        </div>
                    </Show>
                    <textarea
                        class="mf-textarea mf-code"
                        id="mf-preview-json"
                        aria-describedby="mf-preview-json-hint"
                        spellcheck="false"
                        rows="24"
                        prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))
                    ></textarea>
                </div>
                <button type="button" class="mf-button mf-button--secondary" on:click=download>
                    "Download this cycle file"
                </button>
            </section>
            <div class="mf-preview__form" aria-label="Form preview" role="region">
                {move || good.get().map(|cycle| view! { <PreviewForm cycle=cycle as_of=as_of/> })}
            </div>
        </div>
    }
}

/// The live form's pages, driven by a page signal instead of the URL.
#[component]
fn PreviewForm(cycle: Arc<Cycle>, as_of: RwSignal<String>) -> impl IntoView {
    let endpoint = cycle.submit.url.clone();
    let state = FormState::new(cycle, Mode::Preview, endpoint);
    let nav = Nav::preview();
    provide_context(state.clone());
    provide_context(nav.clone());
    provide_context(Framed(true));
    let page = nav.preview_page;
    let when = move || {
        let v = as_of.get();
        if v.is_empty() {
            browser::now_ms()
        } else {
            let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(&v)).get_time();
            if d.is_nan() {
                browser::now_ms()
            } else {
                d
            }
        }
    };
    let st = state.clone();
    view! {
        <div class="mf-root mf-root--preview">
            <Shell>
                {move || {
                    let window = st.cycle.window_at(when());
                    if window != Window::Open {
                        return view! { <ClosedPage window=window/> }.into_any();
                    }
                    match page.get() {
                        Page::Start => view! { <StartPage/> }.into_any(),
                        Page::Section(id) => view! { <SectionForm section_id=id.to_string()/> }.into_any(),
                        Page::Review => view! { <ReviewPage><PreviewRequest/></ReviewPage> }.into_any(),
                        Page::Confirmation => view! { <ConfirmationPage/> }.into_any(),
                    }
                }}
            </Shell>
        </div>
    }
}

/// In preview, the request the live form would send, exactly.
#[component]
pub fn PreviewRequest() -> impl IntoView {
    let state = expect_context::<FormState>();
    let req = state.preview_request;
    move || {
        req.get().map(|r| {
            // None until "Copy the request" is used; then whether it worked.
            let copied = RwSignal::new(None::<bool>);
            let mut text = format!("{} {}\n", r.method, r.url);
            for (k, v) in &r.headers {
                text.push_str(&format!("{k}: {v}\n"));
            }
            text.push('\n');
            text.push_str(&r.body);
            let copy = text.clone();
            view! {
                <section class="mf-preview-request" id="mf-preview-request" tabindex="-1" aria-labelledby="mf-preview-request-title">
                    <h2 class="mf-heading mf-heading--m" id="mf-preview-request-title">
                        "Nothing was sent. This is the request the live form would send:"
                    </h2>
                    <pre class="mf-code-block" id="mf-preview-request-text"><code>{text}</code></pre>
                    <button
                        type="button"
                        class="mf-button mf-button--secondary"
                        on:click=move |_| {
                            let copy = copy.clone();
                            spawn_local(async move {
                                let ok = browser::copy_text(&copy).await;
                                if !ok {
                                    browser::select_contents("mf-preview-request-text");
                                }
                                copied.set(Some(ok));
                            });
                        }
                    >
                        "Copy the request"
                    </button>
                    <p class="mf-body mf-copy-status" role="status">
                        {move || match copied.get() {
                            Some(true) => "Copied.",
                            Some(false) => {
                                "This browser did not allow copying here. The request above is selected: press Ctrl+C (or Cmd+C) to copy it."
                            }
                            None => "",
                        }}
                    </p>
                </section>
            }
        })
    }
}
