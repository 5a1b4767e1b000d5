//! "Open files": a file picker and a drop area for exports and cycle files,
//! what each file gave (and each problem, by file and line), and the cycles
//! of the open applications with their side.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::dom;
use super::state::{focus_on_mount, View, Wb};
use crate::people::Role;
use crate::workspace::{CycleOrigin, Tone};

/// Reads the files (in order) and opens them.
pub fn open(wb: Wb, files: Vec<web_sys::File>) {
    if files.is_empty() {
        return;
    }
    spawn_local(async move {
        let mut read = Vec::new();
        for file in files {
            match dom::read_file(&file).await {
                Ok(bytes) => read.push((file.name(), bytes)),
                Err(e) => wb
                    .startup_problems
                    .update(|p| p.push(format!("{} could not be read: {e}", file.name()))),
            }
        }
        wb.open_files(read);
    });
}

#[component]
pub fn FilesView() -> impl IntoView {
    let wb = expect_context::<Wb>();
    let heading = NodeRef::<leptos::html::H1>::new();
    focus_on_mount(heading);
    let input = NodeRef::<leptos::html::Input>::new();
    let dragging = RwSignal::new(false);
    let on_change = move |_| {
        if let Some(el) = input.get() {
            open(wb, dom::files_of(el.files()));
            // The same file can be chosen again (after fixing it).
            el.set_value("");
        }
    };
    // The page's root opens what is dropped anywhere on it (`App`); here the
    // area only shows that it is a place to drop.
    let on_drop = move |_: leptos::ev::DragEvent| dragging.set(false);
    let has_rows = move || wb.ws.with(|w| !w.applications().rows().is_empty());
    view! {
        <h1 class="mf-heading" tabindex="-1" node_ref=heading>"Open files"</h1>
        <p class="mf-body">
            "Open the files "<code>"receiver export --format jsonl"</code>
            " writes (mentors and mentees together, as many as you like), and the cycle file of any cycle that is not one of those shipped with this page."
        </p>
        <div
            class="wb-drop"
            data-drop-area
            class:wb-drop--over=move || dragging.get()
            on:dragover=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <label class="mf-label" for="wb-file">"Exports and cycle files"</label>
            <p class="mf-hint" id="wb-file-hint">
                "Choose one or more files, or drop them here. JSON Lines exports (.jsonl) and cycle files (.json)."
            </p>
            <input
                class="wb-file"
                type="file"
                id="wb-file"
                multiple
                accept=".jsonl,.json,.ndjson,.txt,application/json,application/x-ndjson"
                aria-describedby="wb-file-hint"
                node_ref=input
                on:change=on_change
            />
        </div>
        <Show when=move || !wb.startup_problems.with(Vec::is_empty)>
            <ul class="wb-messages">
                {move || {
                    wb.startup_problems
                        .get()
                        .into_iter()
                        .map(|p| view! { <li class="wb-message wb-message--problem">{p}</li> })
                        .collect_view()
                }}
            </ul>
        </Show>
        <Groups/>
        <Show when=has_rows>
            <p class="mf-actions">
                <button type="button" class="mf-button" on:click=move |_| wb.go(View::Applications)>
                    "See the applications"
                </button>
            </p>
        </Show>
        <Reports/>
        <Cycles/>
    }
}

/// What each opened file gave, newest first.
#[component]
fn Reports() -> impl IntoView {
    let wb = expect_context::<Wb>();
    view! {
        <Show when=move || !wb.opened.with(Vec::is_empty)>
            <h2 class="mf-heading mf-heading--m">"What the files gave"</h2>
            <ol class="wb-reports" reversed>
                {move || {
                    wb.opened
                        .get()
                        .into_iter()
                        .rev()
                        .map(|o| {
                            let file = o.file().to_string();
                            let messages = o.messages_en();
                            let problems = messages.iter().filter(|(t, _)| *t == Tone::Problem).count();
                            view! {
                                <li class="wb-report">
                                    <h3 class="wb-report__file">
                                        {file}
                                        <span class="wb-report__count">
                                            {match problems {
                                                0 => " — no problems".to_string(),
                                                1 => " — 1 problem".to_string(),
                                                n => format!(" — {n} problems"),
                                            }}
                                        </span>
                                    </h3>
                                    <ul class="wb-messages">
                                        {messages
                                            .into_iter()
                                            .map(|(tone, text)| {
                                                let class = match tone {
                                                    Tone::Problem => "wb-message wb-message--problem",
                                                    Tone::Done => "wb-message wb-message--done",
                                                };
                                                let prefix = match tone {
                                                    Tone::Problem => "Problem: ",
                                                    Tone::Done => "",
                                                };
                                                view! {
                                                    <li class=class>
                                                        <span class="mf-visually-hidden">{prefix}</span>
                                                        {text}
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
        </Show>
    }
}

/// The cycles with applications: how many, from which cycle file, and which
/// side (staff choose when the cycle's id does not say).
#[component]
fn Groups() -> impl IntoView {
    let wb = expect_context::<Wb>();
    let rows = move || {
        wb.ws.with(|w| {
            w.groups()
                .iter()
                .map(|g| {
                    (
                        g.cycle_id.to_string(),
                        g.cycle.map(|k| k.cycle.title.clone()),
                        g.role,
                        g.applications,
                        crate::people::Role::from_cycle_id(g.cycle_id).is_none(),
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <Show when=move || !rows().is_empty()>
            <h2 class="mf-heading mf-heading--m" id="wb-groups-title">"Open applications"</h2>
            <div class="wb-table-wrap" role="region" aria-labelledby="wb-groups-title" tabindex="0">
                <table class="wb-table wb-table--plain">
                    <thead>
                        <tr>
                            <th scope="col">"Cycle"</th>
                            <th scope="col">"Applications"</th>
                            <th scope="col">"Side"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            rows()
                                .into_iter()
                                .enumerate()
                                .map(|(i, (id, title, role, count, staff_choose))| {
                                    let select_id = format!("wb-role-{i}");
                                    let label_id = format!("wb-role-label-{i}");
                                    let name = title
                                        .clone()
                                        .map_or_else(|| id.clone(), |t| format!("{t} ({id})"));
                                    let side = if staff_choose {
                                        let id2 = id.clone();
                                        view! {
                                            <select
                                                class="mf-select"
                                                id=select_id
                                                aria-labelledby=label_id.clone()
                                                on:change=move |ev| {
                                                    let role = match event_target_value(&ev).as_str() {
                                                        "mentor" => Some(Role::Mentor),
                                                        "mentee" => Some(Role::Mentee),
                                                        _ => None,
                                                    };
                                                    if let Some(role) = role {
                                                        wb.ws.update(|w| w.set_role(&id2, role));
                                                    }
                                                }
                                            >
                                                <option value="" selected=role.is_none()>"Choose: mentors or mentees"</option>
                                                <option value="mentor" selected=role == Some(Role::Mentor)>"Mentors"</option>
                                                <option value="mentee" selected=role == Some(Role::Mentee)>"Mentees"</option>
                                            </select>
                                        }
                                            .into_any()
                                    } else {
                                        view! {
                                            <span>
                                                {match role {
                                                    Some(Role::Mentor) => "Mentors",
                                                    Some(Role::Mentee) => "Mentees",
                                                    None => "Not known",
                                                }}
                                            </span>
                                        }
                                            .into_any()
                                    };
                                    let missing = title.is_none();
                                    view! {
                                        <tr>
                                            <th scope="row" id=label_id>
                                                {name}
                                                {missing
                                                    .then(|| {
                                                        view! {
                                                            <span class="wb-note">
                                                                " — open its cycle file to see these applications"
                                                            </span>
                                                        }
                                                    })}
                                            </th>
                                            <td>{count}</td>
                                            <td>{side}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        }}
                    </tbody>
                </table>
            </div>
        </Show>
    }
}

/// The cycles the page knows.
#[component]
fn Cycles() -> impl IntoView {
    let wb = expect_context::<Wb>();
    let cycles = move || {
        wb.ws.with(|w| {
            w.cycles()
                .iter()
                .map(|k| {
                    let origin = match &k.origin {
                        CycleOrigin::Shipped => "shipped with this page".to_string(),
                        CycleOrigin::Opened { file } => format!("opened from {file}"),
                    };
                    let matching = match &k.map {
                        Ok(_) => String::new(),
                        Err(e) => format!(" Matching cannot read it: {e}."),
                    };
                    (
                        k.cycle.title.clone(),
                        k.cycle.id.to_string(),
                        origin,
                        matching,
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <h2 class="mf-heading mf-heading--m">"Cycles this page knows"</h2>
        <ul class="mf-list">
            {move || {
                cycles()
                    .into_iter()
                    .map(|(title, id, origin, matching)| {
                        view! {
                            <li>
                                <strong>{title}</strong>
                                " ("
                                <code>{id}</code>
                                "), "
                                {origin}
                                "."
                                {matching}
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
    }
}
