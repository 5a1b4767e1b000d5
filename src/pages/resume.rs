//! The two pages of "Save and continue later": "Continue an application" on
//! the start page (the resume code box, what went wrong, and the question
//! when this device already holds other answers), and the page shown after
//! saving (the code, the link, copy and email, where it leads back).

use crate::browser;
use crate::components::layout::use_page_title;
use crate::components::save_later::{go_to, wait_text};
use crate::form::resume::{
    mailto, resume_link, Choice, CodeProblem, Fit, LookupFailure, OnlineCopy, ResumeCode,
};
use crate::state::focus::focus_main;
use crate::state::nav::Nav;
use crate::state::resume::{how_it_fits, look_up, take_found, Found};
use crate::state::store::{FormState, Offer};
use cycle::texts::fill;
use cycle::Texts;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

const CODE_ID: &str = "mf-resume-code";
const HINT_ID: &str = "mf-resume-code-hint";
const ERROR_ID: &str = "mf-resume-code-error";

/// "Continue an application": the resume code box on the start page. Where
/// the cycle offers drafts but the page cannot encrypt (plain http), the
/// reason instead.
#[component]
pub fn ContinueApplication() -> impl IntoView {
    let state = expect_context::<FormState>();
    let nav = expect_context::<Nav>();
    let texts = StoredValue::new(state.cycle.texts.clone());
    let text = move |pick: fn(&Texts) -> &str| texts.with_value(|t| pick(t).to_string());
    match state.resume.offer() {
        Offer::NotConfigured => return ().into_any(),
        Offer::NotSecure => {
            return view! {
                <h2 class="mf-heading mf-heading--m">{text(Texts::resume_heading)}</h2>
                <p class="mf-body mf-resume-unavailable">{text(Texts::resume_not_secure)}</p>
            }
            .into_any()
        }
        Offer::Offered { .. } => {}
    }
    let typed = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let opening = RwSignal::new(false);
    let asking = RwSignal::new(None::<Found>);
    let input = NodeRef::<html::Input>::new();
    let question = NodeRef::<html::H3>::new();
    let focus_input = move || {
        request_animation_frame(move || {
            if let Some(el) = input.get_untracked() {
                let _ = el.focus();
            }
        })
    };
    let open = {
        let (state, nav) = (state.clone(), nav.clone());
        move |typed_code: String| {
            if opening.get_untracked() {
                return;
            }
            asking.set(None);
            let code = match ResumeCode::parse(&typed_code) {
                Ok(code) => code,
                Err(p) => {
                    problem.set(Some(match p {
                        CodeProblem::Empty => text(Texts::resume_missing),
                        CodeProblem::Malformed => text(Texts::resume_malformed),
                    }));
                    focus_input();
                    return;
                }
            };
            problem.set(None);
            opening.set(true);
            let (state, nav) = (state.clone(), nav.clone());
            spawn_local(async move {
                let found = look_up(&state, &code).await;
                opening.set(false);
                match found {
                    Ok(found) => match how_it_fits(&state, &found) {
                        Fit::Restore | Fit::Combine => {
                            let left_at = found.left_at.clone();
                            take_found(&state, found, Choice::Combine);
                            go_to(&nav, &state, left_at);
                        }
                        Fit::Ask { .. } => {
                            asking.set(Some(found));
                            request_animation_frame(move || {
                                if let Some(el) = question.get_untracked() {
                                    let _ = el.focus();
                                }
                            });
                        }
                    },
                    Err(failure) => {
                        problem.set(Some(texts.with_value(|t| lookup_failure_text(t, failure))));
                        focus_input();
                    }
                }
            });
        }
    };
    // A resume link opened the form: its code is opened as if typed here.
    {
        let open = open.clone();
        let from_link = state.resume.from_link;
        Effect::new(move |_| {
            if let Some(code) = from_link.get() {
                from_link.set(None);
                typed.set(code.clone());
                open(code);
            }
        });
    }
    let decide = {
        let (state, nav) = (state.clone(), nav.clone());
        move |choice: Option<Choice>| {
            let Some(found) = asking.get_untracked() else {
                return;
            };
            asking.set(None);
            match choice {
                Some(choice) => {
                    let left_at = found.left_at.clone();
                    take_found(&state, found, choice);
                    go_to(&nav, &state, left_at);
                }
                None => focus_input(),
            }
        }
    };
    let has_problem = move || problem.with(Option::is_some);
    let described = move || {
        if has_problem() {
            format!("{HINT_ID} {ERROR_ID}")
        } else {
            HINT_ID.to_string()
        }
    };
    let on_submit = {
        let open = open.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            open(typed.get_untracked());
        }
    };
    let st = state.clone();
    view! {
        <section class="mf-resume" aria-labelledby="mf-resume-heading">
            <h2 class="mf-heading mf-heading--m" id="mf-resume-heading">{text(Texts::resume_heading)}</h2>
            <p class="mf-body">{text(Texts::resume_intro)}</p>
            <form class="mf-form mf-resume__form" novalidate on:submit=on_submit>
                <div class="mf-field" class:mf-field--error=has_problem>
                    <label class="mf-label" for=CODE_ID>{text(Texts::resume_code_label)}</label>
                    <div class="mf-hint" id=HINT_ID>{text(Texts::resume_code_hint)}</div>
                    {move || problem.get().map(|message| view! {
                        <p class="mf-error-message" id=ERROR_ID>
                            <span class="mf-visually-hidden">{text(Texts::error_prefix)}</span>
                            {message}
                        </p>
                    })}
                    <input
                        class="mf-input mf-input--w20 mf-resume__code"
                        type="text"
                        id=CODE_ID
                        name="resume_code"
                        autocomplete="off"
                        autocapitalize="characters"
                        spellcheck="false"
                        aria-describedby=described
                        aria-invalid=move || has_problem().then_some("true")
                        node_ref=input
                        prop:value=move || typed.get()
                        on:input=move |ev| typed.set(event_target_value(&ev))
                    />
                </div>
                <button
                    type="submit"
                    class="mf-button mf-button--secondary"
                    aria-disabled=move || opening.get().then_some("true")
                >
                    {move || if opening.get() { text(Texts::resume_opening) } else { text(Texts::resume_button) }}
                </button>
                <p class="mf-visually-hidden" role="status">
                    {move || if opening.get() { text(Texts::resume_opening) } else { String::new() }}
                </p>
            </form>
            {move || asking.with(Option::is_some).then(|| {
                let (decide_a, decide_b, decide_c) = (decide.clone(), decide.clone(), decide.clone());
                let st = st.clone();
                view! {
                    <div class="mf-notice mf-resume__ask" role="group" aria-labelledby="mf-resume-ask">
                        <h3 class="mf-heading mf-heading--s" id="mf-resume-ask" tabindex="-1" node_ref=question>
                            {text(Texts::resume_conflict_heading)}
                        </h3>
                        <p class="mf-body">{text(Texts::resume_conflict_body)}</p>
                        <div class="mf-resume__choices">
                            <button type="button" class="mf-button" on:click=move |_| decide_a(Some(Choice::Combine))>
                                {text(Texts::resume_combine_button)}
                            </button>
                            <button type="button" class="mf-button mf-button--secondary" on:click=move |_| decide_b(Some(Choice::SavedOnly))>
                                {text(Texts::resume_replace_button)}
                            </button>
                            <button type="button" class="mf-button mf-button--secondary" on:click=move |_| decide_c(None)>
                                {text(Texts::resume_cancel_button)}
                            </button>
                            <button type="button" class="mf-link-button" on:click=move |_| st.download_copy()>
                                {text(Texts::download_copy)}
                            </button>
                        </div>
                    </div>
                }
            })}
        </section>
    }
    .into_any()
}

/// Why saved answers could not be opened, in the applicant's words.
fn lookup_failure_text(texts: &Texts, failure: LookupFailure) -> String {
    match failure {
        LookupFailure::Network => texts.resume_network().to_string(),
        LookupFailure::NotFound => texts.resume_not_found().to_string(),
        LookupFailure::Expired => texts.resume_expired().to_string(),
        LookupFailure::RateLimited { wait_secs } => wait_text(texts, wait_secs),
        LookupFailure::Server { status } => fill(
            texts.online_server_error(),
            &[("status", &status.to_string())],
        ),
        LookupFailure::Unreadable => texts.resume_unreadable().to_string(),
        LookupFailure::OtherForm => texts.resume_other_form().to_string(),
    }
}

/// After "Save and continue later", in place of the page's form: the resume
/// code, the link that carries it, a copy button and a `mailto:` with the
/// link, and the way back to the form.
#[component]
pub fn SavedPage(copy: OnlineCopy) -> impl IntoView {
    let state = expect_context::<FormState>();
    use_page_title(state.cycle.texts.saved_title().to_string());
    let texts = &state.cycle.texts;
    let start_url = state.resume.start_url.get().cloned().unwrap_or_default();
    let link = resume_link(&start_url, &copy.code);
    let date = browser::long_date(&copy.expires_at);
    let grouped = copy.code.grouped();
    let mail = mailto(
        &fill(texts.email_subject(), &[("title", &state.cycle.title)]),
        &fill(
            texts.email_body(),
            &[("link", &link), ("code", &grouped), ("date", &date)],
        ),
    );
    let copied = RwSignal::new(None::<bool>);
    let copy_link = {
        let link = link.clone();
        move |_| {
            let link = link.clone();
            spawn_local(async move {
                let done = browser::copy_text(&link).await;
                if !done {
                    browser::select_contents("mf-resume-link");
                }
                copied.set(Some(done));
            });
        }
    };
    let saved_view = state.resume.saved_view;
    let shared = state
        .resume
        .shared_computer
        .get_untracked()
        .then(|| view! { <p class="mf-body"><strong>{texts.saved_shared_computer().to_string()}</strong></p> });
    let (copied_text, not_copied_text) = (
        texts.link_copied().to_string(),
        texts.link_not_copied().to_string(),
    );
    view! {
        <div class="mf-panel mf-panel--saved">
            <h1 class="mf-panel__title">{texts.saved_title().to_string()}</h1>
            <p class="mf-panel__body">
                {texts.saved_code_label().to_string()}<br/>
                <strong class="mf-reference mf-resume-code">{grouped}</strong>
            </p>
        </div>
        <p class="mf-body">{texts.saved_code_advice().to_string()}</p>
        <p class="mf-body">{fill(texts.saved_until(), &[("date", &date)])}</p>
        <p class="mf-body">{texts.saved_same_code().to_string()}</p>
        <h2 class="mf-heading mf-heading--m">{texts.saved_link_label().to_string()}</h2>
        <p class="mf-code-block mf-resume-link" id="mf-resume-link">{link}</p>
        <div class="mf-actions">
            <button type="button" class="mf-button mf-button--secondary" on:click=copy_link>
                {texts.copy_link_button().to_string()}
            </button>
            <a class="mf-resume-mail" href=mail>{texts.email_link().to_string()}</a>
        </div>
        <p class="mf-body mf-copy-status" role="status">
            {move || copied.get().map(|done| if done { copied_text.clone() } else { not_copied_text.clone() })}
        </p>
        {shared}
        <p class="mf-body">
            <button
                type="button"
                class="mf-link-button"
                on:click=move |_| {
                    saved_view.set(false);
                    focus_main();
                }
            >
                {texts.saved_return_link().to_string()}
            </button>
        </p>
    }
}
