//! The editor as staff see it: the toolbar (Undo, Redo, Download cycle
//! file), the list of problems, the panels as tabs, one polite live region,
//! and the keyboard shortcuts for Undo and Redo.

use super::cycle_panel::CyclePanel;
use super::endpoint::EndpointPanel;
use super::json::{JsonPanel, JSON_BOX};
use super::place::{anchor, control_id, question_of, section_of, Panel};
use super::questions::QuestionsPanel;
use super::save::SavePanel;
use super::start::{open_shipped, StartPanel, SHIPPED};
use super::state::{Editor, SESSION_KEY};
use super::texts_panel::TextsPanel;
use crate::browser;
use cycle::edit::quoted;
use cycle::write::to_canonical_json;
use cycle::{Cycle, Place, Problem};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Starts the editor: the session kept on the device, or the default
/// shipped cycle; listens to other tabs.
pub fn start(ed: Editor) {
    if !ed.restore_session() {
        if let Some((path, _)) = SHIPPED.first() {
            open_shipped(ed, path);
        }
    }
    browser::on_storage_change(move |key, value| {
        if key == SESSION_KEY {
            ed.on_stored_elsewhere(value);
        }
    });
    // Where staff are is part of the session.
    Effect::new(move |first: Option<()>| {
        ed.panel.track();
        ed.section.track();
        ed.question.track();
        if first.is_some() {
            ed.remember_place();
        }
    });
}

/// Where a problem is, in words: "Question ‘City’", "Section ‘Gender’", or the panel.
fn where_words(c: &Cycle, place: &Place) -> String {
    if let Some((s, f)) = question_of(place) {
        if let Some(q) = c.sections.get(s).and_then(|x| x.fields.get(f)) {
            return format!("Question {}", quoted(&q.label));
        }
    }
    if let Some(s) = section_of(place) {
        if let Some(sec) = c.sections.get(s) {
            return format!("Section {}", quoted(&sec.title));
        }
    }
    Panel::of(place).title().to_string()
}

#[component]
pub fn EditorView() -> impl IntoView {
    let ed = expect_context::<Editor>();
    let count = Memo::new(move |_| ed.problems.with(Vec::len));
    // Undo and Redo by keyboard, everywhere but in the preview's own form
    // and in the JSON box while its text is not the cycle's (there the
    // browser's own undo of the typing applies).
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() {
            return;
        }
        let key = ev.key().to_lowercase();
        let redo = (key == "z" && ev.shift_key()) || (key == "y" && !ev.shift_key());
        let undo = key == "z" && !ev.shift_key();
        if !(undo || redo) {
            return;
        }
        let target = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        if let Some(t) = &target {
            // The applicant's form in the preview, and fields that are not
            // part of the cycle (the preview's date, the next cycle's draft),
            // keep the browser's own undo.
            if t.closest(".mf-preview__form, [data-native-undo]")
                .ok()
                .flatten()
                .is_some()
            {
                return;
            }
            if t.id() == JSON_BOX {
                let text = js_sys::Reflect::get(t, &"value".into())
                    .ok()
                    .and_then(|v| v.as_string())
                    .unwrap_or_default();
                if ed.cycle.with_untracked(|c| to_canonical_json(c)) != text {
                    return;
                }
            }
        }
        ev.prevent_default();
        if redo {
            ed.redo();
        } else {
            ed.undo();
        }
    });
    on_cleanup(move || handle.remove());
    let tabs = Panel::ALL.into_iter().map(|p| {
        let problems_here = Memo::new(move |_| {
            ed.problems
                .with(|ps| ps.iter().filter(|x| Panel::of(&anchor(&x.place)) == p).count())
        });
        view! {
            <button
                type="button"
                role="tab"
                class="ed-tab"
                id=format!("ed-tab-{}", p.key())
                aria-selected=move || if ed.panel.get() == p { "true" } else { "false" }
                aria-controls="ed-panel"
                tabindex=move || if ed.panel.get() == p { "0" } else { "-1" }
                on:click=move |_| ed.panel.set(p)
                on:keydown=move |ev| {
                    let i = Panel::ALL.iter().position(|x| *x == p).unwrap_or(0);
                    let n = Panel::ALL.len();
                    let to = match ev.key().as_str() {
                        "ArrowRight" | "ArrowDown" => Some((i + 1) % n),
                        "ArrowLeft" | "ArrowUp" => Some((i + n - 1) % n),
                        "Home" => Some(0),
                        "End" => Some(n - 1),
                        _ => None,
                    };
                    if let Some(to) = to {
                        ev.prevent_default();
                        if let Some(next) = Panel::ALL.get(to) {
                            ed.panel.set(*next);
                            ed.focus(format!("ed-tab-{}", next.key()));
                        }
                    }
                }
            >
                {p.title()}
                {move || match problems_here.get() {
                    0 => None,
                    n => Some(view! { <span class="ed-tab__count">{format!(" ({n} {})", if n == 1 { "problem" } else { "problems" })}</span> }),
                }}
            </button>
        }
    }).collect_view();
    let panel = Memo::new(move |_| ed.panel.get());
    let body = move || match panel.get() {
        Panel::Start => view! { <StartPanel/> }.into_any(),
        Panel::Cycle => view! { <CyclePanel/> }.into_any(),
        Panel::Questions => view! { <QuestionsPanel/> }.into_any(),
        Panel::Endpoint => view! { <EndpointPanel/> }.into_any(),
        Panel::Texts => view! { <TextsPanel/> }.into_any(),
        Panel::Save => view! { <SavePanel/> }.into_any(),
        Panel::Json => view! { <JsonPanel/> }.into_any(),
    };
    let summary_items = move || {
        let c = ed.cycle.get();
        ed.problems.get().into_iter().map(|p: Problem| {
            let href = format!("#{}", control_id(&anchor(&p.place)));
            let place = p.place.clone();
            let words = format!("{}: {}", where_words(&c, &p.place), p.message);
            view! {
                <li>
                    <a href=href on:click=move |ev| { ev.prevent_default(); ed.go_to(&place); }>{words}</a>
                </li>
            }
        }).collect_view()
    };
    view! {
        <div
            class="ed-editor"
            on:focusout=move |_| ed.seal()
        >
            <div class="mf-preview-banner" role="note">
                <strong>"Cycle editor — nothing you enter here is sent"</strong>
            </div>
            <h2 class="ed-title">"Cycle editor"</h2>
            <div class="ed-toolbar" role="toolbar" aria-label="Editing">
                <button type="button" class="mf-button mf-button--secondary" id="ed-undo"
                    aria-disabled=move || ed.undo_what.get().is_none().then_some("true")
                    aria-describedby="ed-undo-what"
                    on:click=move |_| ed.undo()>"Undo"</button>
                <button type="button" class="mf-button mf-button--secondary" id="ed-redo"
                    aria-disabled=move || ed.redo_what.get().is_none().then_some("true")
                    aria-describedby="ed-redo-what"
                    on:click=move |_| ed.redo()>"Redo"</button>
                <button type="button" class="mf-button" id="ed-download" on:click=move |_| ed.download()>"Download cycle file"</button>
                <span class="mf-visually-hidden" id="ed-undo-what">{move || ed.undo_what.get().map(|w| format!("Undo: {w}")).unwrap_or_else(|| "Nothing to undo".into())}</span>
                <span class="mf-visually-hidden" id="ed-redo-what">{move || ed.redo_what.get().map(|w| format!("Redo: {w}")).unwrap_or_else(|| "Nothing to redo".into())}</span>
            </div>
            <p class="mf-hint ed-shortcuts">"Undo: Ctrl+Z (⌘Z on a Mac). Redo: Ctrl+Shift+Z or Ctrl+Y."</p>
            {move || ed.notice.get().map(|n| view! {
                <div class=if n.is_error { "mf-send-error ed-notice" } else { "mf-notice ed-notice" } id="ed-notice" tabindex="-1" role=n.is_error.then_some("alert")>
                    <p class="mf-body">{n.text}</p>
                    <button type="button" class="mf-link-button" on:click=move |_| ed.notice.set(None)>"Dismiss"<span class="mf-visually-hidden">" this message"</span></button>
                </div>
            })}
            <Show when=move || !ed.storage_ok.get()>
                <div class="mf-notice" id="ed-storage-off">"This browser is not keeping your work on this device (private window or storage full). Download the cycle file before you close this page."</div>
            </Show>
            <Show when=move || { count.get() > 0 }>
                <div class="mf-error-summary ed-summary" id="ed-summary" aria-labelledby="ed-summary-title" tabindex="-1">
                    <h3 class="mf-error-summary__title" id="ed-summary-title">
                        {move || match count.get() { 1 => "There is a problem in this cycle".to_string(), n => format!("There are {n} problems in this cycle") }}
                    </h3>
                    <p class="mf-body">"The preview shows the last version without problems."</p>
                    <ul class="mf-error-summary__list">{summary_items}</ul>
                </div>
            </Show>
            <div class="ed-tabs" role="tablist" aria-label="Parts of the cycle">{tabs}</div>
            <div class="ed-panel" role="tabpanel" id="ed-panel"
                aria-labelledby=move || format!("ed-tab-{}", ed.panel.get().key())>
                <Show when=move || ed.ready.get() fallback=|| view! { <p class="mf-loading">"Loading the cycle…"</p> }>
                    {body}
                </Show>
            </div>
            <div class="mf-visually-hidden" aria-live="polite" id="ed-live">{move || ed.live.get()}</div>
        </div>
    }
}
