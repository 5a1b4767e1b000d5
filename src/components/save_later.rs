//! The pieces of "Save and continue later" that sit on other pages: the
//! button on section pages and the review page (with what went wrong, when
//! something did), the shared-computer choice, the notices at the top of
//! every page, and the line on the confirmation page saying the online copy
//! is gone.

use crate::components::send_failure::notice;
use crate::form::resume::{wait_minutes, LeftAt, Online, SaveFailure};
use crate::state::focus::focus_main;
use crate::state::nav::{Nav, Page};
use crate::state::resume::{save_online, set_shared_computer};
use crate::state::store::{FormState, Mode, Offer, ResumeNotice};
use cycle::texts::fill;
use cycle::Texts;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// "Save and continue later", where the cycle offers it and the page can
/// encrypt. `left_at`: where resuming brings the applicant back.
#[component]
pub fn SaveLater(left_at: LeftAt) -> impl IntoView {
    let state = expect_context::<FormState>();
    if !matches!(state.resume.offer(), Offer::Offered { .. }) {
        return ().into_any();
    }
    let saving = RwSignal::new(false);
    let failure = RwSignal::new(None::<SaveFailure>);
    let error_box = NodeRef::<html::Div>::new();
    let save = {
        let state = state.clone();
        move |_| {
            if saving.get_untracked() {
                return;
            }
            saving.set(true);
            failure.set(None);
            let (state, left_at) = (state.clone(), left_at.clone());
            spawn_local(async move {
                let result = save_online(&state, Some(left_at)).await;
                saving.set(false);
                match result {
                    Ok(()) => {
                        state.resume.saved_view.set(true);
                        focus_main();
                    }
                    Err(f) => {
                        failure.set(Some(f));
                        request_animation_frame(move || {
                            if let Some(el) = error_box.get_untracked() {
                                let _ = el.focus();
                            }
                        });
                    }
                }
            });
        }
    };
    let texts = StoredValue::new(state.cycle.texts.clone());
    let text = move |pick: fn(&Texts) -> &str| texts.with_value(|t| pick(t).to_string());
    let st = state.clone();
    view! {
        <div class="mf-save-later">
            {move || failure.get().map(|f| {
                let st = st.clone();
                let message = texts.with_value(|t| save_failure_text(t, f));
                let kept = if st.resume.shared_computer.get_untracked() {
                    text(Texts::save_online_kept_on_page)
                } else {
                    text(Texts::save_online_kept_here)
                };
                let download = (f == SaveFailure::TooLarge).then(|| view! {
                    <button type="button" class="mf-button mf-button--secondary" on:click=move |_| st.download_copy()>
                        {text(Texts::download_copy)}
                    </button>
                });
                view! {
                    <div class="mf-send-error" role="alert" tabindex="-1" node_ref=error_box>
                        <h2 class="mf-heading mf-heading--m">{text(Texts::save_online_failed_heading)}</h2>
                        <p class="mf-body">{message}</p>
                        <p class="mf-body">{kept}</p>
                        {download}
                    </div>
                }
            })}
            <button
                type="button"
                class="mf-button mf-button--secondary"
                aria-disabled=move || saving.get().then_some("true")
                on:click=save
            >
                {move || if saving.get() { text(Texts::save_later_saving) } else { text(Texts::save_later_button) }}
            </button>
            <p class="mf-visually-hidden" role="status">
                {move || if saving.get() { text(Texts::save_later_saving) } else { String::new() }}
            </p>
        </div>
    }
    .into_any()
}

/// Why a save failed, in the applicant's words.
fn save_failure_text(texts: &Texts, failure: SaveFailure) -> String {
    match failure {
        SaveFailure::Network => texts.save_online_network().to_string(),
        SaveFailure::TooLarge => texts.save_online_too_large().to_string(),
        SaveFailure::Closed => texts.save_online_closed().to_string(),
        SaveFailure::RateLimited { wait_secs } => wait_text(texts, wait_secs),
        SaveFailure::Server { status } => fill(
            texts.online_server_error(),
            &[("status", &status.to_string())],
        ),
        SaveFailure::Crypto => texts.online_crypto_failed().to_string(),
    }
}

/// "Wait a minute" / "Wait N minutes", after a 429.
pub fn wait_text(texts: &Texts, wait_secs: u64) -> String {
    match wait_minutes(wait_secs) {
        1 => texts.wait_one_minute().to_string(),
        n => fill(texts.wait_minutes(), &[("minutes", &n.to_string())]),
    }
}

/// "I'm using a shared or public computer": nothing kept in this browser,
/// the page cleared on leaving. On the start page, and in the footer of
/// every other page, so it can be chosen (or undone) at any point.
#[component]
pub fn SharedComputerChoice() -> impl IntoView {
    let state = expect_context::<FormState>();
    if state.mode == Mode::Preview {
        return ().into_any();
    }
    let shared = state.resume.shared_computer;
    let texts = state.cycle.texts.clone();
    view! {
        <div class="mf-field mf-shared">
            <div class="mf-checkbox">
                <input
                    class="mf-checkbox__input"
                    type="checkbox"
                    id="mf-shared-computer"
                    aria-describedby="mf-shared-computer-hint"
                    prop:checked=move || shared.get()
                    on:change=move |ev| set_shared_computer(&state, event_target_checked(&ev))
                />
                <div class="mf-shared__text">
                    <label class="mf-checkbox__label" for="mf-shared-computer">
                        {texts.shared_computer_label().to_string()}
                    </label>
                    <div class="mf-hint mf-shared__hint" id="mf-shared-computer-hint">
                        {texts.shared_computer_hint().to_string()}
                    </div>
                </div>
            </div>
        </div>
    }
    .into_any()
}

/// The notices "Save and continue later" leaves at the top of every page:
/// the shared-computer choice while it is on, and what a resume (or a save
/// that found newer answers saved elsewhere) did to the answers. Drawn by
/// the notices' one renderer (`send_failure::notice`).
#[component]
pub fn ResumeNotices() -> impl IntoView {
    let state = expect_context::<FormState>();
    move || {
        let resume = &state.resume;
        let texts = &state.cycle.texts;
        let shared = resume.shared_computer.get().then(|| {
            let then = if matches!(resume.offer(), Offer::Offered { .. }) {
                texts.shared_computer_save()
            } else {
                texts.shared_computer_finish()
            };
            let text = format!("{} {then}", texts.shared_computer_on());
            notice("mf-notice mf-notice--shared", None, text, None)
        });
        let notice_signal = resume.notice;
        let resumed = notice_signal.get().map(|n| {
            let said = match n {
                ResumeNotice::Restored => texts.resume_restored(),
                ResumeNotice::Combined => texts.resume_combined(),
                ResumeNotice::AddedFromOnline => texts.online_answers_added(),
            };
            let dismiss = view! {
                <button type="button" class="mf-link-button" on:click=move |_| notice_signal.set(None)>
                    {texts.dismiss().to_string()}
                </button>
            };
            notice(
                "mf-notice mf-notice--resumed",
                None,
                said.to_string(),
                Some(dismiss.into_any()),
            )
        });
        (shared, resumed)
    }
}

/// On the confirmation page: the online copy was deleted (said once the
/// drafts endpoint confirmed it).
#[component]
pub fn OnlineCopyDeleted() -> impl IntoView {
    let state = expect_context::<FormState>();
    if !matches!(state.resume.offer(), Offer::Offered { .. }) {
        return ().into_any();
    }
    let online = state.resume.online;
    let said = state.cycle.texts.online_copy_deleted().to_string();
    view! {
        <p class="mf-body mf-online-deleted" role="status">
            {move || (online.get() == Online::Deleted).then(|| said.clone())}
        </p>
    }
    .into_any()
}

/// Goes to where a resumed application was left (the first section when the
/// place is unknown or gone).
pub fn go_to(nav: &Nav, state: &FormState, left_at: Option<LeftAt>) {
    let page = match left_at {
        Some(LeftAt::Section(id)) => Page::Section(id),
        Some(LeftAt::Review) => Page::Review,
        None => state
            .cycle
            .sections
            .first()
            .map_or(Page::Start, |s| Page::Section(s.id.clone())),
    };
    nav.go(page, None);
    focus_main();
}
