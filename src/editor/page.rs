//! The staff preview page (`dist/preview/`): the cycle editor beside the
//! cycle rendered exactly as applicants see it (same components, same rules),
//! on the page staff are working on, with a date control and a submit that
//! shows the request instead of sending it. (It replaced the JSON text box
//! the preview used to be.)

use super::place::Panel;
use super::start::open_file_list;
use super::state::Editor;
use super::view::{start, EditorView};
use crate::browser;
use crate::components::layout::{Framed, Shell};
use crate::form::version::next_send;
use crate::pages::closed::ClosedPage;
use crate::pages::confirmation::ConfirmationPage;
use crate::pages::review::ReviewPage;
use crate::pages::section::SectionForm;
use crate::pages::start::StartPage;
use crate::state::nav::{Nav, Page};
use crate::state::sending::fresh;
use crate::state::store::{FormState, Mode};
use cycle::deadline::Window;
use cycle::payload::prepare;
use cycle::Cycle;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

#[component]
pub fn PreviewPage() -> impl IntoView {
    browser::set_title("Cycle editor – preview");
    let Some(ed) = Editor::new() else {
        return view! {
            <div class="mf-root"><main class="mf-main mf-width">
                <p class="mf-body">"The cycle editor could not start in this browser. Reload the page; if it keeps happening, tell the web team."</p>
            </main></div>
        }
        .into_any();
    };
    provide_context(ed);
    start(ed);
    let as_of = RwSignal::new(String::new());
    // One navigation for the page's life: the preview is rebuilt after every
    // edit, and a page of the form may still read it in the frame after.
    let nav = Nav::preview();
    // The preview shows the page staff are working on.
    let target = Signal::derive(move || {
        let good = ed.good.get();
        match ed.panel.get() {
            Panel::Questions => {
                let s = ed.section.get();
                good.and_then(|c| c.sections.get(s).map(|x| Page::Section(x.id.clone())))
                    .unwrap_or(Page::Start)
            }
            Panel::Start
            | Panel::Cycle
            | Panel::Endpoint
            | Panel::Texts
            | Panel::Save
            | Panel::Json => Page::Start,
        }
    });
    view! {
        // A cycle file dropped anywhere on the page opens (instead of the
        // browser leaving the page to show the file).
        <div
            class="mf-root ed-app"
            on:dragover=move |ev| {
                if carries_files(ev.as_ref()) {
                    ev.prevent_default();
                }
            }
            on:drop=move |ev| {
                if !carries_files(ev.as_ref()) {
                    return; // text dragged within a field drops as usual
                }
                ev.prevent_default();
                let files = js_sys::Reflect::get(ev.as_ref(), &"dataTransfer".into())
                    .ok()
                    .and_then(|dt| js_sys::Reflect::get(&dt, &"files".into()).ok());
                if let Some(files) = files {
                    open_file_list(ed, files);
                }
            }
        >
            <div class="mf-preview ed-layout">
                // A named region, so the editor is inside a landmark like the
                // form beside it; its headings start at h2 because the one h1
                // on the page is the previewed form's own, as applicants hear it.
                <section class="mf-preview__editor ed-column" aria-label="Cycle file editor">
                    <EditorView/>
                </section>
                <div class="ed-preview-column" aria-label="Form preview" role="region">
                    <div class="mf-field ed-as-of" data-native-undo>
                        <label class="mf-label" for="mf-preview-date">"Preview the form as of"</label>
                        <div class="mf-hint" id="mf-preview-date-hint">
                            "Your local time. Leave empty for now. Only a cycle that closes by itself at the deadline (The cycle, Deadline) closes here."
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
                    <div class="mf-preview__form">
                        {move || ed.good.get().map(|cycle| view! {
                            <PreviewForm cycle=cycle nav=nav.clone() as_of=as_of target=target show_request=ed.show_request/>
                        })}
                    </div>
                </div>
            </div>
        </div>
    }
    .into_any()
}

/// The live form's pages, driven by a page signal instead of the URL.
#[component]
fn PreviewForm(
    cycle: Arc<Cycle>,
    /// The preview's navigation, kept across rebuilds.
    nav: Nav,
    as_of: RwSignal<String>,
    /// The page staff are working on, shown after every edit.
    target: Signal<Page>,
    /// Bumped by the editor's "Show the request".
    show_request: RwSignal<u32>,
) -> impl IntoView {
    let endpoint = cycle.submit.url.clone();
    let state = FormState::new(cycle, Mode::Preview, endpoint);
    provide_context(state.clone());
    provide_context(nav.clone());
    provide_context(Framed(true));
    let page = nav.preview_page;
    Effect::new(move |_| page.set(target.get()));
    // "Show the request": the request the form would send with the answers
    // entered in the preview so far (nothing is checked, nothing is sent).
    let seen = show_request.get_untracked();
    let (st, nv) = (state.clone(), nav.clone());
    Effect::new(move |_| {
        if show_request.get() > seen {
            let answers = st.answers();
            let app = next_send(None, &answers, fresh(), browser::now_ms());
            let request = prepare(&st.cycle, &st.endpoint, &answers, &app.meta());
            st.preview_request.set(Some(request));
            nv.go(Page::Review, None);
        }
    });
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
            // Focus moves to the request once it is on the page (not after a
            // guessed delay: on a busy machine the render can take longer).
            let section = NodeRef::<leptos::html::Section>::new();
            Effect::new(move |_| {
                if let Some(el) = section.get() {
                    let _ = el.focus();
                    el.scroll_into_view();
                }
            });
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
                <section class="mf-preview-request" id="mf-preview-request" tabindex="-1" node_ref=section aria-labelledby="mf-preview-request-title">
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

/// Whether a drag event carries files (`dataTransfer.types` has "Files").
fn carries_files(ev: &wasm_bindgen::JsValue) -> bool {
    js_sys::Reflect::get(ev, &"dataTransfer".into())
        .ok()
        .and_then(|dt| js_sys::Reflect::get(&dt, &"types".into()).ok())
        .map(|types| js_sys::Array::from(&types).includes(&"Files".into(), 0))
        .unwrap_or(false)
}

/// The staff preview's entry point: mounts the editor and the preview into
/// `[data-mentor-preview]`.
pub fn mount() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("mentor form preview: {info}").into());
    }));
    let Some(host) = browser::query("[data-mentor-preview]") else {
        web_sys::console::error_1(
            &"mentor form preview: no element with the data-mentor-preview attribute".into(),
        );
        return;
    };
    host.set_inner_html("");
    leptos::mount::mount_to(host, || {
        view! {
            <leptos_router::components::Router>
                <PreviewPage/>
            </leptos_router::components::Router>
        }
    })
    .forget();
}
