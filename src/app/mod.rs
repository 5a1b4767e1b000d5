//! The application root: reads how it was mounted, loads the cycle file,
//! and routes between pages.

pub mod draft;
pub mod nav;
pub mod sending;
pub mod state;

use crate::browser;
use crate::components::layout::{Framed, Shell};
use crate::config::{parse_cycle, ConfigError};
use crate::embed::{self, MountOptions};
use crate::pages::closed::{window_at, ClosedPage, Window};
use crate::pages::config_errors::ConfigErrorPage;
use crate::pages::confirmation::ConfirmationPage;
use crate::pages::not_found::NotFound;
use crate::pages::preview::PreviewPage;
use crate::pages::review::ReviewPage;
use crate::pages::section::SectionForm;
use crate::pages::start::StartPage;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Outlet, ParentRoute, Route, Router, Routes};
use leptos_router::hooks::use_params_map;
use leptos_router::path;
use nav::Nav;
use state::{FormState, Mode};
use std::sync::Arc;

#[derive(Clone)]
enum Load {
    Loading,
    Failed {
        source: String,
        errors: Vec<ConfigError>,
    },
    Ready(FormState),
}

/// Fetches a cycle file; any failure becomes a located, readable error.
pub async fn fetch_cycle(url: &str) -> Result<crate::config::Cycle, Vec<ConfigError>> {
    let resp = gloo_net::http::Request::get(url)
        .send()
        .await
        .map_err(|_| {
            vec![ConfigError::at(
                "",
                "the cycle file could not be fetched (network error)",
            )]
        })?;
    if !resp.ok() {
        return Err(vec![ConfigError::at(
            "",
            format!(
                "the cycle file could not be fetched (HTTP {})",
                resp.status()
            ),
        )]);
    }
    let text = resp
        .text()
        .await
        .map_err(|_| vec![ConfigError::at("", "the cycle file could not be read")])?;
    parse_cycle(&text)
}

#[component]
pub fn App(options: MountOptions) -> impl IntoView {
    let load = RwSignal::new(Load::Loading);
    provide_context(Framed(options.framed));
    provide_context(Base(options.base.clone()));
    {
        let options = options.clone();
        spawn_local(async move {
            match fetch_cycle(&options.cycle_url).await {
                Ok(cycle) => {
                    let endpoint = options
                        .endpoint_override
                        .clone()
                        .unwrap_or_else(|| cycle.submit.url.clone());
                    let state = FormState::new(Arc::new(cycle), Mode::Live, endpoint);
                    draft::keep_drafts(&state);
                    embed::start(&state, options.framed);
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
    view! {
        <div class="mf-root" class:mf-root--framed=options.framed>
            <Router base=base>
                <Routes fallback=|| view! {
                    <div class="mf-width"><main class="mf-main" id="mf-main"><NotFound/></main></div>
                }>
                    <Route path=path!("/preview") view=PreviewPage/>
                    <ParentRoute path=path!("") view=move || view! { <LiveForm load=load/> }>
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
fn LiveForm(load: RwSignal<Load>) -> impl IntoView {
    let base = expect_context::<Base>().0;
    move || match load.get() {
        Load::Loading => view! {
            <div class="mf-width"><main class="mf-main" id="mf-main">
                <p class="mf-loading" role="status">"Loading the application…"</p>
            </main></div>
        }
        .into_any(),
        Load::Failed { source, errors } => {
            view! { <ConfigErrorPage source=source errors=errors/> }.into_any()
        }
        Load::Ready(state) => {
            let window = window_at(&state.cycle, browser::now_ms());
            // Tell an embedding page which page is showing (never any answers).
            let location = leptos_router::hooks::use_location();
            Effect::new(move |_| embed::notify_page(&location.pathname.get()));
            let nav = Nav::live(base.clone());
            // Sent from another tab: this tab shows the confirmation too, and
            // holds nothing that could be sent a second time.
            {
                let receipt = state.receipt;
                let nav = nav.clone();
                Effect::new(move |_| {
                    if receipt.with(|r| r.as_ref().is_some_and(|r| r.sent_elsewhere)) {
                        nav.go(nav::Page::Confirmation, None);
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

/// The router's base path, also needed to build hrefs.
#[derive(Clone)]
pub struct Base(pub String);

/// The pages that show answers render anew when the answers were replaced
/// from outside their controls (another tab), since text inputs own their
/// text while mounted.
#[component]
fn SectionRoute() -> impl IntoView {
    let params = use_params_map();
    let epoch = expect_context::<FormState>().answers_epoch;
    move || {
        epoch.track();
        let id = params.with(|p| p.get("id").unwrap_or_default());
        view! { <SectionForm section_id=id/> }
    }
}

#[component]
fn ReviewRoute() -> impl IntoView {
    let epoch = expect_context::<FormState>().answers_epoch;
    move || {
        epoch.track();
        view! { <ReviewPage/> }
    }
}
