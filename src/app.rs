//! The application root: loads the cycle file named by the mount options and
//! routes between pages. It knows nothing of how it was embedded: the mount
//! code (`embed`) hands it the options and hooks.

use crate::browser;
use crate::components::layout::{Framed, Shell};
use crate::pages::closed::ClosedPage;
use crate::pages::config_errors::ConfigErrorPage;
use crate::pages::confirmation::ConfirmationPage;
use crate::pages::not_found::NotFound;
use crate::pages::resume::SavedPage;
use crate::pages::review::ReviewPage;
use crate::pages::section::SectionForm;
use crate::pages::start::StartPage;
use crate::state::draft::{self, DraftsOnDevice};
use crate::state::load::fetch_cycle;
use crate::state::nav::{Nav, Page};
use crate::state::resume;
use crate::state::store::{FormState, Mode};
use cycle::deadline::Window;
use cycle::{Problem, TextKey};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Outlet, ParentRoute, Route, Router, Routes};
use leptos_router::hooks::use_params_map;
use leptos_router::path;
use std::sync::Arc;

/// How the form was mounted, read from the host element by `embed`.
#[derive(Debug, Clone, PartialEq)]
pub struct MountOptions {
    /// Cycle file URL, from the mount element's `data-cycle`.
    pub cycle_url: String,
    /// Endpoint override, from the mount element's `data-endpoint` — set by
    /// the embedding page's own markup, never by the URL's query string.
    pub endpoint_override: Option<String>,
    /// Router base path ("" or "/mentoring/apply"), from `<base href>`.
    pub base: String,
    /// In an iframe (or `?embed=1`): drop the page header the host already has.
    pub framed: bool,
    /// Mounted by mount.js inside a shadow root on a host page: the theme
    /// defaults then come from `:host`, so the host's theme variables win.
    pub in_shadow: bool,
    /// Whether the draft may be kept in this page's storage: a host page that
    /// mounts the form shares its storage with every script it runs, so its
    /// web team can say no (`data-drafts="off"`).
    pub drafts: DraftsOnDevice,
}

type Hook<T> = Arc<dyn Fn(&T) + Send + Sync>;

/// What the embedding code wants to hear about: the form is ready (with its
/// state), and the page shown changed (its path; never any answers).
#[derive(Clone)]
pub struct EmbedHooks {
    pub on_ready: Hook<FormState>,
    pub on_page: Hook<str>,
}

impl Default for EmbedHooks {
    fn default() -> Self {
        EmbedHooks {
            on_ready: Arc::new(|_| {}),
            on_page: Arc::new(|_| {}),
        }
    }
}

#[derive(Clone)]
enum Load {
    Loading,
    Failed {
        source: String,
        errors: Vec<Problem>,
    },
    Ready(FormState),
}

#[component]
pub fn App(options: MountOptions, #[prop(optional)] hooks: EmbedHooks) -> impl IntoView {
    let load = RwSignal::new(Load::Loading);
    provide_context(Framed(options.framed));
    provide_context(Base(options.base.clone()));
    {
        let options = options.clone();
        spawn_local(async move {
            match fetch_cycle(&options.cycle_url).await {
                Ok(cycle) => {
                    // A path in the cycle (`/api/submissions`) belongs to the site
                    // that serves the cycle file, also when a page on another
                    // site mounts the form.
                    let endpoint = options.endpoint_override.clone().unwrap_or_else(|| {
                        browser::resolve_url(&cycle.submit.url, &options.cycle_url)
                    });
                    let drafts_url = cycle
                        .drafts
                        .as_ref()
                        .map(|d| browser::resolve_url(&d.url, &options.cycle_url));
                    let state = FormState::new(Arc::new(cycle), Mode::Live, endpoint);
                    // Before the draft is read: on a shared computer none is.
                    resume::start(&state, drafts_url, resume_start_url(&options));
                    draft::keep_drafts(&state, options.drafts);
                    (hooks.on_ready)(&state);
                    load.set(Load::Ready(state));
                }
                Err(errors) => load.set(Load::Failed {
                    source: options.cycle_url.clone(),
                    errors,
                }),
            }
        });
    }
    let base = options.base.clone();
    let on_page = hooks.on_page.clone();
    view! {
        <div class="mf-root" class:mf-root--framed=options.framed class:mf-root--shadow=options.in_shadow>
            <Router base=base>
                <Routes fallback=|| view! {
                    <div class="mf-width"><main class="mf-main" id="mf-main"><NotFound/></main></div>
                }>
                    <ParentRoute path=path!("") view=move || view! { <LiveForm load=load on_page=on_page.clone()/> }>
                        <Route path=path!("") view=StartPage/>
                        <Route path=path!("section/:id") view=SectionRoute/>
                        <Route path=path!("review") view=ReviewRoute/>
                        <Route path=path!("confirmation") view=ConfirmationPage/>
                    </ParentRoute>
                </Routes>
            </Router>
        </div>
    }
}

#[component]
fn LiveForm(load: RwSignal<Load>, on_page: Hook<str>) -> impl IntoView {
    let base = expect_context::<Base>().0;
    move || match load.get() {
        Load::Loading => view! {
            <div class="mf-width"><main class="mf-main" id="mf-main">
                <p class="mf-loading" role="status">{TextKey::loading.default_text()}</p>
            </main></div>
        }
        .into_any(),
        Load::Failed { source, errors } => {
            view! { <ConfigErrorPage source=source errors=errors/> }.into_any()
        }
        Load::Ready(state) => {
            let window = state.cycle.window_at(browser::now_ms());
            // Tell an embedding page which page is showing (never any answers).
            let pathname = leptos_router::hooks::use_location().pathname;
            {
                let on_page = on_page.clone();
                Effect::new(move |_| on_page(&pathname.get()));
            }
            let nav = Nav::live(base.clone());
            // A send that waited for a connection goes when it returns, or now.
            crate::state::sending::watch_connection(&state, &nav);
            // Sent from another tab: this tab shows the confirmation too, and
            // holds nothing that could be sent a second time.
            {
                let receipt = state.receipt;
                let nav = nav.clone();
                Effect::new(move |_| {
                    if receipt.with(|r| r.as_ref().is_some_and(|r| r.sent_elsewhere)) {
                        nav.go(Page::Confirmation, None);
                    }
                });
            }
            // "Save and continue later": the resume code shown after a save
            // gives way to the form on any move to another page; a resume
            // link opened on another page of the form goes to the start
            // page, which opens its code.
            {
                let (saved, from_link, nav) =
                    (state.resume.saved_view, state.resume.from_link, nav.clone());
                let start = nav.href(&Page::Start);
                Effect::new(move |_| {
                    let here = pathname.get();
                    // Only when shown: a set re-renders the page's form.
                    if saved.get_untracked() {
                        saved.set(false);
                    }
                    if from_link.with(Option::is_some)
                        && here.trim_end_matches('/') != start.trim_end_matches('/')
                    {
                        nav.go(Page::Start, None);
                    }
                });
            }
            provide_context(state);
            provide_context(nav);
            if window == Window::Open {
                view! { <Shell><Outlet/></Shell> }.into_any()
            } else {
                view! { <Shell><ClosedPage window=window/></Shell> }.into_any()
            }
        }
    }
}

/// The address a resume link opens: the start page of the form (in mount
/// mode, the host page the form is mounted on).
fn resume_start_url(options: &MountOptions) -> String {
    let here = browser::location_href();
    let here = here.split('#').next().unwrap_or_default().to_string();
    if options.in_shadow {
        return here;
    }
    browser::resolve_url(&format!("{}{}", options.base, Page::Start.path()), &here)
}

/// The router's base path, also needed to build hrefs.
#[derive(Clone)]
pub struct Base(pub String);

/// The pages that show answers render anew when the answers were replaced
/// from outside their controls (another tab), since text inputs own their
/// text while mounted. After "Save and continue later" they show the resume
/// code in place of their form (no page of its own: a route of its own cost
/// more wasm than this, and the address stays the page to return to).
#[component]
fn SectionRoute() -> impl IntoView {
    let params = use_params_map();
    let state = expect_context::<FormState>();
    let epoch = state.answers_epoch;
    move || {
        epoch.track();
        if let Some(copy) = resume::saved_copy_shown(&state) {
            return view! { <SavedPage copy=copy/> }.into_any();
        }
        let id = params.with(|p| p.get("id").unwrap_or_default());
        view! { <SectionForm section_id=id/> }.into_any()
    }
}

#[component]
fn ReviewRoute() -> impl IntoView {
    let state = expect_context::<FormState>();
    let epoch = state.answers_epoch;
    move || {
        epoch.track();
        if let Some(copy) = resume::saved_copy_shown(&state) {
            return view! { <SavedPage copy=copy/> }.into_any();
        }
        view! { <ReviewPage/> }.into_any()
    }
}
