//! Page chrome around every page: header (dropped inside an iframe, where the
//! host page has its own), the preview banner, footer with contact, policy
//! links and "Clear my answers".

use crate::browser;
use crate::components::save_later::{ResumeNotices, SharedComputerChoice};
use crate::components::send_failure::StateNotices;
use crate::form::draft::Ended;
use crate::state::draft::end_draft;
use crate::state::focus::{focus_soon, Target};
use crate::state::nav::{Nav, Page};
use crate::state::store::{FormState, Mode, TabNotice};
use cycle::Texts;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Framed(pub bool);

/// The preview's banner: staff-facing, so not a cycle text.
pub const PREVIEW_BANNER: &str = "Preview — nothing you enter here is sent";

/// Sets the document title, prefixed with the cycle's `error_prefix`
/// ("Error: ") while an error summary shows.
pub fn use_page_title(page_title: String) {
    let state = expect_context::<FormState>();
    let cycle_title = state.cycle.title.clone();
    Effect::new(move |_| {
        let has_errors =
            !state.summary.with(Vec::is_empty) || !state.general_errors.with(Vec::is_empty);
        let prefix = if has_errors {
            state.cycle.texts.error_prefix()
        } else {
            ""
        };
        browser::set_title(&format!("{prefix}{page_title} – {cycle_title}"));
    });
}

#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let state = expect_context::<FormState>();
    let framed = use_context::<Framed>().map(|f| f.0).unwrap_or(false);
    let cycle = state.cycle.clone();
    let header = (!framed).then(|| {
        view! {
            <header class="mf-header">
                <div class="mf-width">
                    <p class="mf-header__program">{cycle.program.clone()}</p>
                    <p class="mf-header__title">{cycle.title.clone()}</p>
                </div>
            </header>
        }
    });
    let preview = (state.mode == Mode::Preview).then(|| {
        view! {
            <div class="mf-preview-banner" role="note" aria-label="Preview">
                <strong>{PREVIEW_BANNER}</strong>
            </div>
        }
    });
    view! {
        {header}
        {preview}
        <div class="mf-width">
            <main class="mf-main" id="mf-main" tabindex="-1">
                <StateNotices/>
                <ResumeNotices/>
                <OtherTabNotice/>
                <KeptAsideNotice/>
                {children()}
            </main>
        </div>
        <Footer/>
    }
}

/// Tells the applicant when another tab of the form changed what this one shows.
#[component]
fn OtherTabNotice() -> impl IntoView {
    let state = expect_context::<FormState>();
    let notice = state.tab_notice;
    let texts = state.cycle.texts.clone();
    move || {
        notice.get().map(|n| {
            let text = match n {
                TabNotice::Updated => texts.tab_updated().to_string(),
                TabNotice::Cleared => texts.tab_cleared().to_string(),
            };
            let dismiss = texts.dismiss().to_string();
            view! {
                <div class="mf-notice mf-notice--tabs" role="status">
                    <p class="mf-notice__text">{text}</p>
                    <button type="button" class="mf-link-button" on:click=move |_| notice.set(None)>
                        {dismiss}
                    </button>
                </div>
            }
        })
    }
}

/// Saved answers that no longer match a question (the cycle file changed
/// since they were typed): shown, kept on the device, and in the download.
#[component]
fn KeptAsideNotice() -> impl IntoView {
    let state = expect_context::<FormState>();
    let kept = state.kept_aside;
    move || {
        let entries = kept.get();
        (!entries.is_empty()).then(|| {
            let items = entries
                .iter()
                .map(|(key, value)| {
                    let shown = match value {
                        serde_json::Value::String(s) => s.clone(),
                        other => cycle::payload::json_text(other),
                    };
                    view! { <li><span class="mf-kept__key">{key.clone()}</span> ": " {shown}</li> }
                })
                .collect_view();
            let st = state.clone();
            let texts = &state.cycle.texts;
            let download = texts.download_copy().to_string();
            view! {
                <div class="mf-notice mf-notice--kept" role="status">
                    <p class="mf-notice__text">{texts.kept_aside().to_string()}</p>
                    <ul class="mf-list mf-kept">{items}</ul>
                    <button type="button" class="mf-button mf-button--secondary" on:click=move |_| st.download_copy()>
                        {download}
                    </button>
                </div>
            }
        })
    }
}

#[component]
pub fn ContactLine() -> impl IntoView {
    let state = expect_context::<FormState>();
    let c = state.cycle.contact.clone();
    view! {
        <p class="mf-contact">
            {c.lead.clone()} " " {c.name.clone()} ", " {c.role.clone()} ", "
            <a href=format!("mailto:{}", c.email)>{c.email.clone()}</a> "."
        </p>
    }
}

#[component]
pub fn PolicyLinks() -> impl IntoView {
    let state = expect_context::<FormState>();
    let links = state
        .cycle
        .links
        .iter()
        .map(|l| view! { <li><a href=l.url.clone() rel="noopener">{l.label.clone()}</a></li> })
        .collect_view();
    view! { <ul class="mf-links">{links}</ul> }
}

#[component]
fn Footer() -> impl IntoView {
    // The start page shows the contact and policy links in its own text.
    let nav = expect_context::<Nav>();
    let location = leptos_router::hooks::use_location();
    let on_start = move || {
        if nav.is_preview() {
            nav.preview_page.get() == Page::Start
        } else {
            location.pathname.get().trim_end_matches('/') == nav.base
        }
    };
    // A memo and a closure where `<Show>` would do the same: each `<Show>`
    // type-erases its children and fallback, which costs the wasm more than
    // the closure (bench/README.md, "Size levers, third round").
    let off_start = Memo::new(move |_| !on_start());
    view! {
        <footer class="mf-footer">
            <div class="mf-width mf-footer__inner">
                {move || off_start.get().then(|| view! {
                    <ContactLine/>
                    <PolicyLinks/>
                    // The start page asks in its own text.
                    <SharedComputerChoice/>
                })}
                <ClearAnswers/>
            </div>
        </footer>
    }
}

/// "Clear my answers", with a confirmation step: on a shared library PC the
/// next person must not find the last applicant's answers.
#[component]
fn ClearAnswers() -> impl IntoView {
    let state = expect_context::<FormState>();
    let nav = expect_context::<Nav>();
    let asking = RwSignal::new(false);
    let done = RwSignal::new(false);
    // False when the draft was still on the device after the clear.
    let removed = RwSignal::new(true);
    // Copy, so the branches (re-run on every toggle) can read it.
    let texts = StoredValue::new(state.cycle.texts.clone());
    let text = move |pick: fn(&Texts) -> &str| texts.with_value(|t| pick(t).to_string());
    let confirm = move |_| {
        removed.set(end_draft(&state, Ended::Cleared));
        state.clear_all();
        state.tab_notice.set(None);
        asking.set(false);
        done.set(true);
        nav.go(Page::Start, None);
        focus_soon(Target::ClearDone);
    };
    // Memos and closures, not `<Show>` (see `Footer`); the two branches
    // type-erased, which measured smaller than `Either` here.
    let asking_now = Memo::new(move |_| asking.get());
    let done_now = Memo::new(move |_| done.get());
    view! {
        <div class="mf-clear">
            {move || if asking_now.get() {
                view! {
                    <div class="mf-clear-confirm" role="group" aria-labelledby="mf-clear-q">
                        <p id="mf-clear-q" class="mf-clear-confirm__q">
                            {text(Texts::clear_question)}
                        </p>
                        <button type="button" id=Target::ClearConfirm.id() class="mf-button mf-button--warning" on:click=confirm.clone()>
                            {text(Texts::clear_confirm)}
                        </button>
                        <button type="button" class="mf-button mf-button--secondary" on:click=move |_| asking.set(false)>
                            {text(Texts::clear_cancel)}
                        </button>
                    </div>
                }.into_any()
            } else {
                view! {
                    <button
                        type="button"
                        class="mf-button mf-button--secondary"
                        on:click=move |_| {
                            done.set(false);
                            asking.set(true);
                            focus_soon(Target::ClearConfirm);
                        }
                    >
                        {text(Texts::clear_button)}
                    </button>
                }.into_any()
            }}
            {move || done_now.get().then(|| view! {
                <p class="mf-notice" id=Target::ClearDone.id() tabindex="-1" role="status">
                    {move || if removed.get() { text(Texts::cleared) } else { text(Texts::clear_failed) }}
                </p>
            })}
        </div>
    }
}
