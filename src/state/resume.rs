//! "Save and continue later", "Continue an application" and the shared
//! computer: the browser side of contract 2 (docs/resume.md). The rules are
//! pure (`form::resume`), the cryptography is the browser's (`crypto`); this
//! module moves drafts between the device and the drafts endpoint and keeps
//! the page's state.
//!
//! - Saving seals the whole draft (answers with their edit times, what is
//!   kept aside, the application with its reference, version and version
//!   secret, and where the applicant was) under a key derived from the
//!   resume code, and PUTs it under an id derived from the same code. The
//!   first save makes the application's reference and secret (version 0), so
//!   the copy names its reference and a confirmed send deletes it; saving
//!   again uses the same code, and first brings in any newer answers saved
//!   from another device with it.
//! - Resuming fetches, opens and reads the copy against the cycle, and takes
//!   it into the device: restored, combined question by question, or, when
//!   the device holds other answers, as the applicant decides.
//! - On a shared computer nothing is kept in this browser's storage and the
//!   page is emptied when the applicant leaves it.

use super::draft::{flush_draft, note_application, stamp_mine, sync_with_stored, take_in};
use super::store::{FormState, Mode, Offer, ResumeNotice};
use crate::browser;
use crate::crypto::{self, DraftKeys};
use crate::form::draft::{draft_to_store, LoadedDraft};
use crate::form::resume::{
    base64url_decode, code_in_fragment, expiry_in_reply, fetched_in_reply, fit, judge_lookup,
    judge_save, put_body, reserved_application, seal_text, take, unseal, Choice, Fit, Held, LeftAt,
    LookupFailure, Online, OnlineCopy, ResumeCode, SaveFailure, CODE_RANDOM_BYTES,
};
use crate::form::version::{base64url, Application};
use gloo_net::http::{Method, RequestBuilder};
use gloo_timers::callback::Timeout;
use leptos::prelude::*;

/// How long a request to the drafts endpoint may take.
const TIMEOUT_MS: u32 = 15_000;

/// Sets the feature up when the form starts, before the device draft is
/// read: whether it is offered, the shared-computer choice this tab made
/// earlier, the online copy the device remembers, a code in the address,
/// and what happens when the page is left.
pub fn start(state: &FormState, drafts_url: Option<String>, start_url: String) {
    let offer = match drafts_url {
        _ if state.mode == Mode::Preview => Offer::NotConfigured,
        None => Offer::NotConfigured,
        Some(_) if !crypto::available() => Offer::NotSecure,
        Some(drafts_url) => Offer::Offered { drafts_url },
    };
    let _ = state.resume.offer.set(offer);
    let _ = state.resume.start_url.set(start_url);
    if state.mode == Mode::Preview {
        return;
    }
    if browser::session_get(&state.shared_key()).is_some() {
        state.resume.shared_computer.set(true);
    } else if let Some(copy) = stored_copy(state) {
        state.resume.online.set(Online::Saved(copy));
    }
    take_code_from_address(state);
    {
        let st = state.clone();
        browser::on_hash_change(move || take_code_from_address(&st));
    }
    {
        let st = state.clone();
        browser::on_page_leave(move || {
            if st.resume.shared_computer.get_untracked() {
                empty_the_page(&st);
            }
        });
    }
    {
        let st = state.clone();
        browser::on_page_back_from_cache(move || {
            // Emptied when it was left: shown again from the back-forward
            // cache, it starts anew (with nothing stored to start from).
            if st.resume.shared_computer.get_untracked() {
                browser::reload();
            }
        });
    }
}

/// The copy just saved, while the page shows its code in place of the
/// form (tracked).
pub fn saved_copy_shown(state: &FormState) -> Option<OnlineCopy> {
    if !state.resume.saved_view.get() {
        return None;
    }
    match state.resume.online.get() {
        Online::Saved(copy) => Some(copy),
        Online::Nothing | Online::Deleted => None,
    }
}

/// A resume link opened this page (`…#resume=CODE`): the code goes to the
/// start page, which opens it, and leaves the address bar at once, so it is
/// not left on screen, in the history or in a bookmark.
fn take_code_from_address(state: &FormState) {
    let hash = browser::location_hash();
    let Some(code) = code_in_fragment(&hash) else {
        return;
    };
    let code = code.to_string();
    browser::drop_fragment();
    state.resume.from_link.set(Some(code));
}

/// The applicant's answer to "I'm using a shared or public computer".
pub fn set_shared_computer(state: &FormState, on: bool) {
    if state.resume.shared_computer.get_untracked() == on {
        return;
    }
    if on {
        state.resume.shared_computer.set(true);
        browser::session_set(&state.shared_key(), "yes");
        // What this browser kept goes: the draft, the marker of its last
        // end and the resume code. The answers stay on the page.
        browser::storage_remove(&state.draft_key());
        browser::storage_remove(&state.ended_key());
        browser::storage_remove(&state.online_key());
        state.restored_at.set(None);
        // Everything is written again if the choice is turned off.
        state.sync().unsaved = true;
    } else {
        state.resume.shared_computer.set(false);
        browser::session_remove(&state.shared_key());
        if state.keeps_drafts() {
            state.sync().unsaved = true;
            sync_with_stored(state);
            if let Online::Saved(copy) = state.resume.online.get_untracked() {
                remember_copy(state, &copy);
            }
        }
    }
}

/// Leaving the page on a shared computer: no answer stays in the page's
/// memory or on screen (the back-forward cache keeps both), and nothing of
/// the online copy either.
fn empty_the_page(state: &FormState) {
    state.clear_all();
    *state.sync() = Default::default();
    state.kept_aside.set(Default::default());
    state.receipt.set(None);
    state.restored_at.set(None);
    state.resume.online.set(Online::Nothing);
    state.resume.notice.set(None);
    state.resume.from_link.set(None);
    if let Some(root) = browser::query(".mf-root") {
        root.set_inner_html("");
    }
}

/// The device's answers with their edit times, as a save or a resume takes
/// them: merged with every tab's saved edits first when the device keeps a
/// draft; stamped in memory when it does not (a shared computer), so that
/// copies saved from two devices still combine question by question.
fn held_now(state: &FormState) -> Held {
    if state.keeps_drafts() {
        flush_draft(state);
    }
    let answers = state.answers();
    let mut sync = state.sync();
    let stamped = stamp_mine(&mut sync, answers, browser::now_ms());
    sync.edited_at = stamped.edited_at.clone();
    Held {
        stamped,
        application: sync.application.clone(),
        kept_aside: state.kept_aside.get_untracked(),
    }
}

/// A reply from the drafts endpoint.
struct Reply {
    status: u16,
    retry_after: Option<String>,
    body: String,
}

/// One request to the drafts endpoint, with a timeout; None when no reply
/// came (offline, refused, timed out). A redirect is no reply of the
/// endpoint's: the sign-in page of a proxy is not a saved draft.
async fn call(method: Method, url: &str, body: Option<String>) -> Option<Reply> {
    let controller = web_sys::AbortController::new().ok()?;
    let signal = controller.signal();
    let timer = Timeout::new(TIMEOUT_MS, move || controller.abort());
    let builder = RequestBuilder::new(url)
        .method(method)
        .abort_signal(Some(&signal));
    let request = match body {
        Some(body) => builder
            .header("Content-Type", "application/json")
            .body(body),
        None => builder.build(),
    }
    .ok()?;
    let reply = async {
        let resp = request.send().await.ok()?;
        if resp.redirected() {
            return None;
        }
        Some(Reply {
            status: resp.status(),
            retry_after: resp.headers().get("retry-after"),
            body: resp.text().await.unwrap_or_default(),
        })
    }
    .await;
    timer.cancel();
    reply
}

fn drafts_url(state: &FormState) -> Option<String> {
    match state.resume.offer() {
        Offer::Offered { drafts_url } => Some(drafts_url.clone()),
        Offer::NotConfigured | Offer::NotSecure => None,
    }
}

fn draft_url(base: &str, keys: &DraftKeys) -> String {
    format!("{}/{}", base.trim_end_matches('/'), keys.draft_id)
}

/// What a code found on the server.
#[derive(Clone)]
pub struct Found {
    pub code: ResumeCode,
    pub draft: LoadedDraft,
    pub left_at: Option<LeftAt>,
    pub expires_at: String,
}

/// Fetches and opens the draft saved with `code`.
pub async fn look_up(state: &FormState, code: &ResumeCode) -> Result<Found, LookupFailure> {
    let base = drafts_url(state).ok_or(LookupFailure::Network)?;
    let keys = crypto::derive(code)
        .await
        .map_err(|_| LookupFailure::Unreadable)?;
    let reply = call(Method::GET, &draft_url(&base, &keys), None)
        .await
        .ok_or(LookupFailure::Network)?;
    judge_lookup(reply.status, reply.retry_after.as_deref())?;
    open_reply(state, code, &keys, &reply.body).await
}

async fn open_reply(
    state: &FormState,
    code: &ResumeCode,
    keys: &DraftKeys,
    body: &str,
) -> Result<Found, LookupFailure> {
    let reply = fetched_in_reply(body).ok_or(LookupFailure::Unreadable)?;
    let nonce = base64url_decode(&reply.nonce).ok_or(LookupFailure::Unreadable)?;
    let sealed = base64url_decode(&reply.ciphertext).ok_or(LookupFailure::Unreadable)?;
    let plain = crypto::open(&keys.key, &nonce, &sealed)
        .await
        .map_err(|_| LookupFailure::Unreadable)?;
    let text = String::from_utf8(plain).map_err(|_| LookupFailure::Unreadable)?;
    let (draft, left_at) = unseal(&state.cycle, &text)?;
    Ok(Found {
        code: code.clone(),
        draft,
        left_at,
        expires_at: reply.expires_at,
    })
}

/// Whether the draft found can be taken in without asking.
pub fn how_it_fits(state: &FormState, found: &Found) -> Fit {
    fit(&held_now(state), &found.draft)
}

/// Takes the draft found into the device (as `choice` says, when the
/// applicant was asked) and remembers its code, so saving again updates
/// the same copy.
pub fn take_found(state: &FormState, found: Found, choice: Choice) {
    let held = held_now(state);
    let taken = take(&held, &found.draft, choice, browser::now_ms());
    // "Combined" only when the device's own answers changed what was saved.
    let notice = if taken.stamped.answers == found.draft.answers {
        ResumeNotice::Restored
    } else {
        ResumeNotice::Combined
    };
    let reference = taken
        .application
        .as_ref()
        .map(|a| a.reference.clone())
        .unwrap_or_default();
    take_in(state, taken.stamped, taken.kept_aside, taken.application);
    let copy = OnlineCopy {
        code: found.code,
        reference,
        expires_at: found.expires_at,
    };
    remember_copy(state, &copy);
    state.resume.online.set(Online::Saved(copy));
    state.resume.notice.set(Some(notice));
}

/// Keeps the resume code with the draft on the device (never on a shared
/// computer: the applicant has it written down).
fn remember_copy(state: &FormState, copy: &OnlineCopy) {
    if state.keeps_drafts() {
        browser::storage_set(&state.online_key(), &copy.to_stored());
    }
}

/// The resume code of this application's online copy, if the page or the
/// device knows one.
fn known_code(state: &FormState, reference: &str) -> Option<ResumeCode> {
    let in_memory = match state.resume.online.get_untracked() {
        Online::Saved(copy) => Some(copy),
        Online::Nothing | Online::Deleted => None,
    };
    in_memory
        .filter(|c| c.reference == reference)
        .or_else(|| stored_copy(state).filter(|c| c.reference == reference))
        .map(|c| c.code)
}

/// The online copy the device remembers (`remember_copy`), if readable.
fn stored_copy(state: &FormState) -> Option<OnlineCopy> {
    browser::storage_get(&state.online_key()).and_then(|text| OnlineCopy::from_stored(&text))
}

/// The application this draft belongs to; made now (version 0: a reference
/// and a secret, nothing sent) when the draft has none yet, and recorded
/// with the draft, so the first send is version 1 of this same reference.
fn application_for_saving(state: &FormState, held: &Held) -> Application {
    let mut app = held.application.clone().unwrap_or_else(|| {
        reserved_application(browser::uuid_v4(), String::new(), browser::now_ms())
    });
    if app.version_secret.is_empty() {
        app.version_secret = browser::version_secret();
    }
    if held.application.as_ref() != Some(&app) {
        note_application(state, &app);
    }
    app
}

/// "Save and continue later": seals the draft and saves it online. On
/// success the page knows the code and when the copy expires.
pub async fn save_online(state: &FormState, left_at: Option<LeftAt>) -> Result<(), SaveFailure> {
    let base = drafts_url(state).ok_or(SaveFailure::Network)?;
    let mut held = held_now(state);
    let application = application_for_saving(state, &held);
    held.application = Some(application.clone());
    let known = known_code(state, &application.reference);
    let saved_before = known.is_some();
    let code = match known {
        Some(code) => code,
        None => ResumeCode::from_random(
            browser::crypto_bytes::<CODE_RANDOM_BYTES>().ok_or(SaveFailure::Crypto)?,
        ),
    };
    let keys = crypto::derive(&code)
        .await
        .map_err(|_| SaveFailure::Crypto)?;
    let url = draft_url(&base, &keys);
    // Saved again with a code already given: bring in what another device
    // saved with it since, so neither device's answers are lost.
    if saved_before {
        if let Some(reply) = call(Method::GET, &url, None).await {
            if judge_lookup(reply.status, None).is_ok() {
                if let Ok(found) = open_reply(state, &code, &keys, &reply.body).await {
                    if take_newer_from_online(state, &held, &found.draft) {
                        held = held_now(state);
                    }
                }
            }
        }
    }
    let application = held.application.clone().unwrap_or(application);
    let mut record = draft_to_store(
        0,
        browser::now_ms(),
        &held.stamped.answers,
        &held.kept_aside,
        Some(&application),
    );
    record.edited_at = held.stamped.edited_at.clone();
    let record = serde_json::to_string(&record).map_err(|_| SaveFailure::Crypto)?;
    let cycle_id = state.cycle.id.as_str();
    let plain = seal_text(cycle_id, left_at.as_ref(), &record);
    let (nonce, ciphertext) = crypto::seal(&keys.key, plain.as_bytes())
        .await
        .map_err(|_| SaveFailure::Crypto)?;
    let body = put_body(
        &application.reference,
        &base64url(&nonce),
        &base64url(&ciphertext),
        cycle_id,
    );
    let reply = call(Method::PUT, &url, Some(body))
        .await
        .ok_or(SaveFailure::Network)?;
    judge_save(reply.status, reply.retry_after.as_deref())?;
    let expires_at = expiry_in_reply(&reply.body).ok_or(SaveFailure::Server {
        status: reply.status,
    })?;
    let copy = OnlineCopy {
        code,
        reference: application.reference,
        expires_at,
    };
    remember_copy(state, &copy);
    state.resume.online.set(Online::Saved(copy));
    Ok(())
}

/// Answers saved online from another device that are newer than this
/// page's: combined in (the later edit wins, as between tabs), said at the
/// top of the page. True when anything changed here.
fn take_newer_from_online(state: &FormState, held: &Held, online: &LoadedDraft) -> bool {
    let taken = take(held, online, Choice::Combine, browser::now_ms());
    let changed = taken.stamped.answers != held.stamped.answers;
    if changed || taken.application != held.application || taken.kept_aside != held.kept_aside {
        take_in(state, taken.stamped, taken.kept_aside, taken.application);
    }
    if changed {
        state.resume.notice.set(Some(ResumeNotice::AddedFromOnline));
    }
    changed
}

/// After the endpoint confirmed a version of `reference`: the copy saved
/// online for it goes too (the receiver deletes it by reference already;
/// asking by id covers any drafts endpoint), and the page says so once the
/// endpoint confirmed the deletion.
pub fn delete_after_send(state: &FormState, reference: &str) {
    let Online::Saved(copy) = state.resume.online.get_untracked() else {
        return;
    };
    if copy.reference != reference {
        return;
    }
    let Some(base) = drafts_url(state) else {
        return;
    };
    let state = state.clone();
    leptos::task::spawn_local(async move {
        let Ok(keys) = crypto::derive(&copy.code).await else {
            return;
        };
        let deleted = call(Method::DELETE, &draft_url(&base, &keys), None)
            .await
            .is_some_and(|r| (200..300).contains(&r.status) || r.status == 404);
        if deleted {
            state.resume.online.set(Online::Deleted);
        }
    });
}
