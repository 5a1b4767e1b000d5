//! The staff workbench page (wasm32 only): opening files, the applications
//! table, one applicant's page, the summary charts and suggested matches,
//! over the pure core of this crate.
//!
//! Data flows one way: files and staff choices change the state ([`state`]);
//! the views read it. The page makes no network request once it has started
//! ([`dom::close_network`]); matching runs in a Web Worker ([`matcher`]);
//! nothing is stored unless staff keep the session ([`keep`]).

mod applicant;
mod applications;
mod charts;
mod dom;
mod files;
mod keep;
mod matcher;
mod matches;
mod print;
mod state;
mod summary;
pub mod worker_side;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use state::{View, Wb};

/// The cycles shipped with the form, bundled into the page so a session
/// needs no cycle file and no request for one.
const SHIPPED: [(&str, &str); 2] = [
    (
        "fall-2020-mentor.json",
        include_str!("../../../public/cycles/fall-2020-mentor.json"),
    ),
    (
        "fall-2020-mentee.json",
        include_str!("../../../public/cycles/fall-2020-mentee.json"),
    ),
];

/// Mounts the page into `[data-workbench]`.
pub fn mount() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("staff workbench: {info}").into());
    }));
    let Some(host) = dom::document()
        .and_then(|d| d.query_selector("[data-workbench]").ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        web_sys::console::error_1(&"staff workbench: no element with data-workbench".into());
        return;
    };
    host.set_inner_html("");
    leptos::mount::mount_to(host, App).forget();
}

#[component]
fn App() -> impl IntoView {
    let wb = Wb::new(&SHIPPED);
    provide_context(wb);
    matcher::start(wb);
    keep::restore_on_start(wb);
    keep::autosave(wb);
    let title = move || match wb.view.get() {
        View::Files => "Open files",
        View::Applications => "Applications",
        View::Applicant { .. } => "Application",
        View::Summary => "Summary",
        View::Matches => "Suggested matches",
    };
    Effect::new(move |_| {
        if let Some(doc) = dom::document() {
            doc.set_title(&format!("{} – Staff workbench", title()));
        }
    });
    // A file dropped anywhere is opened, never shown by the browser in place
    // of the page (which would lose the session).
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        let files = dom::files_of(ev.data_transfer().and_then(|d| d.files()));
        if files.is_empty() {
            return;
        }
        files::open(wb, files);
        if wb.view.get_untracked() != View::Files {
            wb.go(View::Files);
        }
    };
    view! {
        <div
            class="mf-root wb-root"
            class:wb-root--printing-all=move || wb.print_job.with(Option::is_some)
            on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default()
            on:drop=on_drop
        >
            <a class="wb-skip" href="#wb-main">"Skip to the content"</a>
            <header class="mf-header wb-chrome">
                <div class="wb-width">
                    <p class="mf-header__program">"ALSC Mentoring Program"</p>
                    <p class="mf-header__title">"Staff workbench"</p>
                </div>
            </header>
            <div class="wb-width wb-chrome">
                <p class="wb-privacy" id="wb-privacy">
                    "Nothing you open here leaves this computer: once loaded, this page makes no network request, and it keeps nothing after you close it unless you tick \u{201c}Keep this session on this computer\u{201d}."
                </p>
                <keep::KeepControls/>
                <ConfidentialSwitch/>
                <Nav/>
                <state::Announcer/>
            </div>
            <main class="wb-width wb-main" id="wb-main" tabindex="-1">
                {move || match wb.view.get() {
                    View::Files => view! { <files::FilesView/> }.into_any(),
                    View::Applications => view! { <applications::ApplicationsView/> }.into_any(),
                    View::Applicant { cycle_id, reference } => {
                        view! { <applicant::ApplicantView cycle_id reference/> }.into_any()
                    }
                    View::Summary => view! { <summary::SummaryView/> }.into_any(),
                    View::Matches => view! { <matches::MatchesView/> }.into_any(),
                }}
            </main>
            <print::PrintAll/>
        </div>
    }
}

/// The page's parts, as a list of buttons (the current one marked).
#[component]
fn Nav() -> impl IntoView {
    let wb = expect_context::<Wb>();
    let item = move |target: View, label: &'static str| {
        let current = {
            let target = target.clone();
            move || wb.view.with(|v| v.part() == target.part())
        };
        view! {
            <li>
                <button
                    type="button"
                    class="wb-nav__button"
                    aria-current=move || current().then_some("page")
                    on:click=move |_| wb.go(target.clone())
                >
                    {label}
                </button>
            </li>
        }
    };
    view! {
        <nav class="wb-nav" aria-label="Workbench">
            <ul class="wb-nav__list">
                {item(View::Files, "Open files")}
                {item(View::Applications, "Applications")}
                {item(View::Summary, "Summary")}
                {item(View::Matches, "Suggested matches")}
            </ul>
        </nav>
    }
}

/// "Show confidential answers": off by default, and off again whenever the
/// session is forgotten. Hidden answers are still used for matching.
#[component]
fn ConfidentialSwitch() -> impl IntoView {
    let wb = expect_context::<Wb>();
    view! {
        <div class="wb-switch">
            <div class="mf-checkbox">
                <input
                    class="mf-checkbox__input"
                    type="checkbox"
                    role="switch"
                    id="wb-confidential"
                    aria-describedby="wb-confidential-hint"
                    prop:checked=move || wb.show_confidential.get()
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        wb.show_confidential.set(on);
                        wb.announce(if on {
                            "Confidential answers are shown."
                        } else {
                            "Confidential answers are hidden."
                        });
                    }
                />
                <label class="mf-checkbox__label" for="wb-confidential">"Show confidential answers"</label>
            </div>
            <p class="mf-hint" id="wb-confidential-hint">
                "Gender, ethnicity, the wishes to share them, and questions the cycle marks confidential. Hidden answers are not searched; matching uses them either way."
            </p>
        </div>
    }
}
