//! "Start": open a shipped cycle or a file from the computer (also by
//! dropping it on the page), start the next cycle from this one, or discard
//! the changes.

use super::state::{Editor, Notice};
use cycle::edit::{quoted, Edit};
use cycle::zones;
use cycle::{Cycle, CycleId};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

/// Cycle files shipped in `dist/cycles/`, as paths in `dist/` (the editor is
/// served from `dist/preview/`), with what staff read.
pub const SHIPPED: &[(&str, &str)] = &[
    (
        "cycles/fall-2020-mentor.json",
        "Fall 2020 Mentor Application",
    ),
    (
        "cycles/fall-2020-mentee.json",
        "Fall 2020 Mentee Application",
    ),
];

/// Opens cycle-file text: a file that does not read keeps the session as it
/// is and says where the problem is.
pub fn open_text(ed: Editor, name: &str, text: &str) {
    match cycle::check::parse_typed(text) {
        Ok((c, _)) => {
            ed.open(c, name.to_string(), format!("Opened {}", quoted(name)));
            ed.notice.set(None);
        }
        Err(problems) => {
            let first = problems
                .first()
                .map(|p| format!("{}: {}", p.where_(), p.message))
                .unwrap_or_default();
            ed.notice.set(Some(Notice {
                text: format!(
                    "{} could not be opened ({first}). Your session is as it was.",
                    quoted(name)
                ),
                is_error: true,
            }));
            ed.focus("ed-notice".into());
        }
    }
}

/// Fetches and opens a shipped cycle.
pub fn open_shipped(ed: Editor, path: &'static str) {
    spawn_local(async move {
        let name = path.rsplit('/').next().unwrap_or(path);
        let resp = gloo_net::http::Request::get(&format!("../{path}"))
            .send()
            .await;
        match resp {
            Ok(r) if r.ok() => {
                let text = r.text().await.unwrap_or_default();
                open_text(ed, name, &text);
            }
            _ => ed.notice.set(Some(Notice {
                text: format!(
                    "{} could not be fetched. Your session is as it was.",
                    quoted(name)
                ),
                is_error: true,
            })),
        }
    });
}

/// Reads the first file of a `FileList` (from a file input or a drop) and opens it.
pub fn open_file_list(ed: Editor, files: wasm_bindgen::JsValue) {
    let Some(file) = js_sys::Reflect::get_u32(&files, 0)
        .ok()
        .filter(|f| !f.is_undefined() && !f.is_null())
    else {
        return;
    };
    spawn_local(async move {
        let name = js_sys::Reflect::get(&file, &"name".into())
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_else(|| "the file".into());
        let text = async {
            let f = js_sys::Reflect::get(&file, &"text".into()).ok()?;
            let f: js_sys::Function = f.dyn_into().ok()?;
            let p: js_sys::Promise = f.call0(&file).ok()?.dyn_into().ok()?;
            wasm_bindgen_futures::JsFuture::from(p)
                .await
                .ok()?
                .as_string()
        }
        .await;
        match text {
            Some(t) => open_text(ed, &name, &t),
            None => ed.notice.set(Some(Notice {
                text: format!(
                    "{} could not be read. Your session is as it was.",
                    quoted(&name)
                ),
                is_error: true,
            })),
        }
    });
}

#[component]
pub fn StartPanel() -> impl IntoView {
    let ed = expect_context::<Editor>();
    let file_input = NodeRef::<leptos::html::Input>::new();
    let confirm_discard = RwSignal::new(false);
    let changed = Memo::new(move |_| {
        let (a, b) = (ed.cycle.get(), ed.opened.get());
        *a != *b
    });
    view! {
        <h3 class="ed-heading">"Start"</h3>
        <section class="ed-card" aria-labelledby="ed-h-open">
            <h4 class="ed-card__title" id="ed-h-open">"Open a cycle"</h4>
            <p class="mf-body">
                "Editing: " <strong>{move || ed.opened_name.get()}</strong> ". "
                {move || if ed.storage_ok.get() { "Your work is kept on this device as you go, also after a reload." } else { "This browser keeps nothing: download the cycle file before you close this page." }}
            </p>
            <h5 class="ed-subheading">"A cycle that ships with the form"</h5>
            <ul class="ed-plain-list">
                {SHIPPED.iter().map(|(path, title)| view! {
                    <li>
                        <button type="button" class="mf-button mf-button--secondary ed-small" on:click=move |_| open_shipped(ed, path)>
                            "Open"<span class="mf-visually-hidden">" the shipped cycle"</span>{format!(" {}", quoted(title))}
                        </button>
                    </li>
                }).collect_view()}
            </ul>
            <h5 class="ed-subheading">"A file from your computer"</h5>
            <input type="file" accept=".json,application/json" class="mf-visually-hidden" tabindex="-1" aria-hidden="true" id="ed-file"
                node_ref=file_input
                on:change=move |ev| {
                    let target = ev.target();
                    if let Some(t) = target {
                        if let Ok(files) = js_sys::Reflect::get(&t, &"files".into()) {
                            open_file_list(ed, files);
                        }
                        let _ = js_sys::Reflect::set(&t, &"value".into(), &"".into());
                    }
                }/>
            <button type="button" class="mf-button" id="ed-open-file" on:click=move |_| {
                if let Some(input) = file_input.get() { input.click(); }
            }>"Open a cycle file"</button>
            <p class="mf-hint">"Or drop a cycle file anywhere on this page. Opening a file can be undone."</p>
        </section>
        <NextCycle/>
        <section class="ed-card" aria-labelledby="ed-h-discard">
            <h4 class="ed-card__title" id="ed-h-discard">"Start over"</h4>
            <p class="mf-body">{move || if changed.get() { "Discarding your changes brings back the file as it was opened. It cannot be undone." } else { "There are no changes to discard." }}</p>
            <Show when=move || !confirm_discard.get()
                fallback=move || view! {
                    <div class="ed-confirm" role="group" aria-labelledby="ed-discard-q">
                        <p class="mf-body" id="ed-discard-q"><strong>{move || format!("Discard every change since you opened {}?", quoted(&ed.opened_name.get()))}</strong></p>
                        <div class="ed-actions">
                            <button type="button" class="mf-button mf-button--warning" id="ed-discard-yes" on:click=move |_| {
                                ed.discard();
                                confirm_discard.set(false);
                                ed.focus("ed-discard".into());
                            }>"Yes, discard my changes"</button>
                            <button type="button" class="mf-button mf-button--secondary" on:click=move |_| {
                                confirm_discard.set(false);
                                ed.focus("ed-discard".into());
                            }>"Cancel"</button>
                        </div>
                    </div>
                }>
                <button type="button" class="mf-button mf-button--secondary" id="ed-discard"
                    aria-disabled=move || (!changed.get()).then_some("true")
                    on:click=move |_| {
                        if changed.get_untracked() {
                            confirm_discard.set(true);
                            ed.focus("ed-discard-yes".into());
                        }
                    }>"Discard my changes"</button>
            </Show>
        </section>
    }
}

/// The year in a cycle's id or title, one later: `fall-2020-mentor` → `fall-2021-mentor`.
fn next_year(text: &str) -> String {
    let bytes: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let mut done = false;
    while i < bytes.len() {
        let is_year = !done
            && i + 4 <= bytes.len()
            && bytes[i..i + 4].iter().all(char::is_ascii_digit)
            && (i == 0 || !bytes[i - 1].is_ascii_digit())
            && (i + 4 == bytes.len() || !bytes[i + 4].is_ascii_digit());
        if is_year {
            let year: String = bytes[i..i + 4].iter().collect();
            match year.parse::<u32>() {
                Ok(y) => out.push_str(&(y + 1).to_string()),
                Err(_) => out.push_str(&year),
            }
            done = true;
            i += 4;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

/// The same wall-clock time a year later, in the same zone.
fn a_year_later(t: cycle::dates::DateTime) -> cycle::dates::DateTime {
    let l = t.local();
    let d = l.date;
    let next =
        cycle::dates::IsoDate::new(d.year().saturating_add(1), d.month(), d.day()).or_else(|| {
            cycle::dates::IsoDate::new(
                d.year().saturating_add(1),
                d.month(),
                d.day().saturating_sub(1),
            )
        });
    match next {
        Some(date) => zones::at(
            date,
            l.hour,
            l.minute,
            l.second,
            zones::Zone::of(t),
            t.offset_minutes(),
        )
        .unwrap_or(t),
        None => t,
    }
}

/// "Start the next cycle from this one": a new id, title and deadline;
/// everything else kept. The form's fields start from the current cycle a
/// year on, and the deadline is edited as on "The cycle".
#[component]
fn NextCycle() -> impl IntoView {
    let ed = expect_context::<Editor>();
    let open = RwSignal::new(false);
    let id = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let closes = RwSignal::new(String::new());
    let begin = move |_| {
        let c: std::sync::Arc<Cycle> = ed.cycle.get_untracked();
        id.set(next_year(c.id.as_str()));
        title.set(next_year(&c.title));
        let later = a_year_later(c.deadline.closes_at);
        closes.set(later.local().date.to_string());
        text.set(format!(
            "Applications are due {}.",
            zones::date_in_words(later.local().date)
        ));
        problem.set(None);
        open.set(true);
        ed.focus("ed-next-id".into());
    };
    let start = move |_| {
        let Some(new_id) = CycleId::new(id.get_untracked().trim()) else {
            problem.set(Some(cycle::ids::slug_problem(id.get_untracked().trim())));
            ed.focus("ed-next-id".into());
            return;
        };
        let c = ed.cycle.get_untracked();
        let mut closes_at = a_year_later(c.deadline.closes_at);
        if let Some(date) = cycle::dates::IsoDate::parse(closes.get_untracked().trim()) {
            let l = c.deadline.closes_at.local();
            let zone = zones::Zone::of(c.deadline.closes_at);
            if let Some(t) = zones::at(
                date,
                l.hour,
                l.minute,
                l.second,
                zone,
                c.deadline.closes_at.offset_minutes(),
            ) {
                closes_at = t;
            }
        }
        ed.edit(
            Edit::NextCycle {
                id: new_id,
                title: title.get_untracked(),
                deadline_text: text.get_untracked(),
                opens_at: a_year_later(c.deadline.opens_at),
                closes_at,
            },
            None,
        );
        open.set(false);
        ed.panel.set(super::place::Panel::Cycle);
        ed.focus("ed-deadline-closes_at".into());
    };
    view! {
        <section class="ed-card" aria-labelledby="ed-h-next">
            <h4 class="ed-card__title" id="ed-h-next">"Start the next cycle from this one"</h4>
            <p class="mf-body">"Keeps every section, question, text and setting; asks for the new id, title and deadline. The dates move on a year; check them on “The cycle”."</p>
            <Show when=move || open.get()
                fallback=move || view! { <button type="button" class="mf-button mf-button--secondary" id="ed-next-begin" on:click=begin>"Start the next cycle from this one"</button> }>
                <div data-native-undo>
                <div class=move || if problem.get().is_some() { "mf-field mf-field--error" } else { "mf-field" }>
                    <label class="mf-label" for="ed-next-id">"New cycle id"</label>
                    <div class="mf-hint" id="ed-next-id-hint">"Lower-case letters, digits, - and _, such as fall-2021-mentor."</div>
                    {move || problem.get().map(|p| view! { <p class="mf-error-message" id="ed-next-id-error"><span class="mf-visually-hidden">"Error: "</span>{p}</p> })}
                    <input class="mf-input mf-input--w20" type="text" id="ed-next-id"
                        aria-describedby=move || if problem.get().is_some() { "ed-next-id-hint ed-next-id-error" } else { "ed-next-id-hint" }
                        prop:value=move || id.get() on:input=move |ev| id.set(event_target_value(&ev))/>
                </div>
                <div class="mf-field">
                    <label class="mf-label" for="ed-next-title">"New title"</label>
                    <input class="mf-input" type="text" id="ed-next-title" prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev))/>
                </div>
                <div class="mf-field">
                    <label class="mf-label" for="ed-next-text">"New deadline text"</label>
                    <textarea class="mf-textarea ed-textarea" rows="2" id="ed-next-text" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                </div>
                <div class="mf-field">
                    <label class="mf-label" for="ed-next-closes">"New closing date"</label>
                    <div class="mf-hint" id="ed-next-closes-hint">{move || {
                        let t = ed.cycle.get().deadline.closes_at;
                        let l = t.local();
                        format!("At {} {}, as now. The opening date moves on a year.", zones::time_in_words(l.hour, l.minute), match zones::Zone::of(t) { zones::Zone::Other => format!("UTC{}", zones::offset_text(t.offset_minutes())), z => z.name().to_string() })
                    }}</div>
                    <input class="mf-input mf-input--w20" type="date" id="ed-next-closes" aria-describedby="ed-next-closes-hint"
                        prop:value=move || closes.get() on:input=move |ev| closes.set(event_target_value(&ev))/>
                </div>
                <div class="ed-actions">
                    <button type="button" class="mf-button" on:click=start>"Start the next cycle"</button>
                    <button type="button" class="mf-button mf-button--secondary" on:click=move |_| { open.set(false); ed.focus("ed-next-begin".into()); }>"Cancel"</button>
                </div>
                </div>
            </Show>
        </section>
    }
}
