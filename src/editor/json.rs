//! "JSON": the cycle file as the web team reads it, two-way. What staff type
//! here replaces the cycle (one undoable step) as soon as it reads; until
//! then, where it stops reading is listed with its line and column.

use super::state::Editor;
use cycle::edit::Edit;
use cycle::write::to_canonical_json;
use cycle::Problem;
use leptos::prelude::*;
use std::time::Duration;

/// The id of the JSON text box (the keyboard shortcuts leave its own undo
/// alone while its text is not the cycle's).
pub const JSON_BOX: &str = "ed-json";

#[component]
pub fn JsonPanel() -> impl IntoView {
    let ed = expect_context::<Editor>();
    let canonical = Memo::new(move |_| ed.cycle.with(|c| to_canonical_json(c)));
    // What staff typed, while it differs from the cycle's own text.
    let draft: RwSignal<Option<String>> = RwSignal::new(None);
    let problems: RwSignal<Vec<Problem>> = RwSignal::new(Vec::new());
    let pending: StoredValue<Option<TimeoutHandle>, LocalStorage> = StoredValue::new_local(None);
    let read_draft = move |text: String| match cycle::check::parse_typed(&text) {
        Ok((c, _)) => {
            problems.set(Vec::new());
            if ed.cycle.with_untracked(|now| **now != c) {
                ed.edit(Edit::Replace(Box::new(c)), Some(JSON_BOX.into()));
            }
        }
        Err(ps) => problems.set(ps),
    };
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        draft.set(Some(text.clone()));
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let h = set_timeout_with_handle(
            move || {
                pending.set_value(None);
                read_draft(text)
            },
            Duration::from_millis(250),
        )
        .ok();
        pending.set_value(h);
    };
    view! {
        <h3 class="ed-heading">"JSON"</h3>
        <div class="mf-field ed-json">
            <label class="mf-label" for=JSON_BOX>"Cycle file (JSON)"</label>
            <div class="mf-hint" id="ed-json-hint">"For the web team. Changes here show in the other panels and the preview as soon as the text reads; Undo takes them back."</div>
            <Show when=move || !problems.with(Vec::is_empty)>
                <div class="mf-error-summary" id="ed-json-problems" role="alert">
                    <h4 class="mf-error-summary__title">"This text does not read as a cycle file yet"</h4>
                    <p class="mf-body">"The other panels and the preview show the last version that read."</p>
                    <ul class="mf-config-errors">
                        {move || problems.get().into_iter().map(|p| view! {
                            <li class="mf-config-error"><code class="mf-config-error__place">{p.where_()}</code>": "<span>{p.message.clone()}</span></li>
                        }).collect_view()}
                    </ul>
                </div>
            </Show>
            <textarea
                class="mf-textarea mf-code"
                id=JSON_BOX
                aria-describedby="ed-json-hint"
                spellcheck="false"
                rows="30"
                prop:value=move || draft.get().unwrap_or_else(|| canonical.get())
                on:input=on_input
                on:blur=move |_| {
                    // Once it reads, show the cycle's own (canonical) text.
                    if problems.with_untracked(Vec::is_empty) && pending.get_value().is_none() {
                        draft.set(None);
                    }
                }
            ></textarea>
        </div>
    }
}
