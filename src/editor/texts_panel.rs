//! "Form texts": every sentence the form itself says, grouped, each with its
//! default shown and "Use the default".

use super::place::control_id;
use super::state::Editor;
use super::widgets::{problems_at, Problems};
use cycle::edit::{CycleEdit, Edit};
use cycle::{Place, TextKey};
use leptos::prelude::*;

/// The groups, each named with the first key that belongs to it; a key
/// belongs to the last group that starts at or before it in the table's order.
const GROUPS: &[(&str, TextKey)] = &[
    ("Start page", TextKey::loading),
    ("Sections", TextKey::back_link),
    ("Review", TextKey::review_title),
    ("Sending", TextKey::send_heading),
    ("Confirmation", TextKey::your_reference),
    ("Closed and not yet open", TextKey::not_open_heading),
    ("Notices and clearing", TextKey::storage_unavailable),
    ("Questions", TextKey::optional_suffix),
    ("Answers as shown", TextKey::answer_ticked),
    ("Messages built from labels", TextKey::missing_text),
];

/// "start_page_title" → "Start page title".
fn words(key: TextKey) -> String {
    let mut s = key.name().replace('_', " ");
    if let Some(first) = s.get(..1) {
        s.replace_range(..1, &first.to_uppercase());
    }
    s
}

fn group_of(key: TextKey) -> usize {
    let at = TextKey::ALL.iter().position(|k| *k == key).unwrap_or(0);
    GROUPS
        .iter()
        .rposition(|(_, first)| TextKey::ALL.iter().position(|k| k == first).unwrap_or(0) <= at)
        .unwrap_or(0)
}

#[component]
pub fn TextsPanel() -> impl IntoView {
    let ed = expect_context::<Editor>();
    let changed = Memo::new(move |_| ed.cycle.with(|c| c.texts.replacements().count()));
    // A problem with any text opens every group.
    let texts = Place::root().key("texts");
    let has_problem = Memo::new(move |_| {
        ed.problems
            .with(|ps| ps.iter().any(|p| p.place.starts_with(&texts)))
    });
    view! {
        <h3 class="ed-heading">"Form texts"</h3>
        <p class="mf-hint">
            "The form's own sentences: buttons, headings, notices and the messages it builds from a question. "
            {move || match changed.get() { 0 => "All are the form's defaults.".to_string(), 1 => "1 is changed for this cycle.".to_string(), n => format!("{n} are changed for this cycle.") }}
        </p>
        {GROUPS.iter().enumerate().map(|(g, (title, _))| {
            let keys: Vec<TextKey> = TextKey::ALL.iter().copied().filter(|k| group_of(*k) == g).collect();
            let in_group = keys.clone();
            let n_changed = Memo::new(move |_| ed.cycle.with(|c| in_group.iter().filter(|k| c.texts.get(**k) != k.default_text()).count()));
            view! {
                <details class="ed-card ed-texts" open=move || has_problem.get()>
                    <summary>
                        <span class="ed-card__title">{*title}</span>
                        {move || match n_changed.get() { 0 => String::new(), n => format!(" ({n} changed)") }}
                    </summary>
                    {keys.into_iter().map(|key| view! { <TextRow key=key/> }).collect_view()}
                </details>
            }
        }).collect_view()}
    }
}

#[component]
fn TextRow(key: TextKey) -> impl IntoView {
    let ed = expect_context::<Editor>();
    let place = Place::root().key("texts").key(key.name());
    let id = control_id(&place);
    let problems = problems_at(ed, &id);
    let value = Memo::new(move |_| ed.cycle.with(|c| c.texts.get(key).to_string()));
    let is_default = move || value.get() == key.default_text();
    let long = key.default_text().len() > 70;
    let coalesce = id.clone();
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        let next = (text != key.default_text()).then_some(text);
        ed.edit(
            Edit::Cycle(CycleEdit::Text(key, next)),
            Some(coalesce.clone()),
        );
    };
    let hint_id = format!("{id}-hint");
    let control = if long {
        view! { <textarea class="mf-textarea ed-textarea" id=id.clone() rows="4" aria-describedby=hint_id.clone() prop:value=move || value.get() on:input=on_input></textarea> }.into_any()
    } else {
        view! { <input class="mf-input" type="text" id=id.clone() aria-describedby=hint_id.clone() prop:value=move || value.get() on:input=on_input/> }.into_any()
    };
    let reset_id = format!("{id}-reset");
    view! {
        <div class="mf-field ed-field ed-text">
            <label class="mf-label" for=id.clone()>{words(key)}</label>
            <div class="mf-hint" id=hint_id>
                {move || if is_default() { "The form's default.".to_string() } else { format!("Default: “{}”", key.default_text()) }}
            </div>
            <Problems id=id.clone() problems=problems/>
            {control}
            <Show when=move || !is_default()>
                <button type="button" class="mf-link-button ed-reset" id=reset_id.clone()
                    on:click=move |_| {
                        ed.edit(Edit::Cycle(CycleEdit::Text(key, None)), None);
                        ed.focus(control_id(&Place::root().key("texts").key(key.name())));
                    }>
                    "Use the default"<span class="mf-visually-hidden">{format!(" for {}", words(key).to_lowercase())}</span>
                </button>
            </Show>
        </div>
    }
}
