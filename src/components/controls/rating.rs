//! The 1–5 competency rating: a native range input (arrows, Home/End, screen
//! reader support for free) plus the five values as clickable marks, so no
//! answer needs a drag (WCAG 2.2 SC 2.5.7). A range input always has a value,
//! so "not yet rated" is kept in our state, not in the input.

use crate::components::shell::{field_shell, FieldAria, Layout};
use crate::state::store::FormState;
use cycle::kinds::rating_words;
use cycle::{page_ids, Field, Value};
use leptos::prelude::*;

pub fn rating(field: &Field) -> AnyView {
    let state = expect_context::<FormState>();
    let scale = state.cycle.rating_scale.clone();
    let (min, max) = (i64::from(scale.min), i64::from(scale.max));
    let value = state.value(&field.id);
    let id = page_ids::control(&field.id);
    let rated = move || match value.get() {
        Some(Value::Number(n)) if (min..=max).contains(&n) => Some(n),
        _ => None,
    };
    let words = {
        let cycle = state.cycle.clone();
        move || {
            rated().map_or_else(
                || cycle.texts.not_rated().to_string(),
                |n| rating_words(&cycle.rating_scale, &cycle.texts, n),
            )
        }
    };
    let set = {
        let state = state.clone();
        move |n: i64| {
            value.set(Some(Value::Number(n.clamp(min, max))));
            state.edited();
        }
    };
    let on_input = {
        let set = set.clone();
        move |ev: leptos::ev::Event| {
            if let Ok(n) = event_target_value(&ev).parse::<i64>() {
                set(n);
            }
        }
    };
    let marks = (min..=max)
        .map(|n| {
            let set = set.clone();
            let id = id.clone();
            view! {
                <button
                    type="button"
                    class="mf-rating__mark"
                    class:mf-rating__mark--on=move || rated() == Some(n)
                    tabindex="-1"
                    data-value=n.to_string()
                    on:click=move |_| {
                        set(n);
                        // The slider stays the one keyboard stop for this question.
                        if let Some(el) = crate::browser::element_by_id(&id) {
                            let _ = el.focus();
                        }
                    }
                >
                    {n.to_string()}
                </button>
            }
        })
        .collect_view();
    let unrated = Signal::derive(move || {
        if rated().is_none() {
            "mf-rating mf-rating--unrated".to_string()
        } else {
            "mf-rating".to_string()
        }
    });
    let name = field.id.to_string();
    field_shell(
        field,
        Layout::Labelled,
        Some(unrated),
        move |aria: &FieldAria| {
            let described = aria.described();
            view! {
                <p class="mf-rating__value" aria-hidden="true">{words.clone()}</p>
                <input
                    class="mf-rating__input"
                    type="range"
                    id=id
                    name=name
                    min=min.to_string()
                    max=max.to_string()
                    step="1"
                    prop:value=move || rated().unwrap_or((min + max) / 2).to_string()
                    aria-valuetext={words}
                    {..described}
                    on:input=on_input.clone()
                    // A click on the thumb where it already sits fires no input
                    // event; it is still a choice.
                    on:click=move |ev| {
                        if rated().is_none() {
                            on_input(ev.into());
                        }
                    }
                />
                <div class="mf-rating__marks" aria-hidden="true">{marks}</div>
                <div class="mf-rating__ends" aria-hidden="true">
                    <span>{scale.low_label.clone()}</span>
                    <span>{scale.high_label.clone()}</span>
                </div>
            }
            .into_any()
        },
    )
}
