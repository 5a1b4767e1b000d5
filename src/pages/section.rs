//! One section of the application: its texts, its questions, Back and
//! Continue. Missing answers are reported here, when the applicant continues.

use crate::browser;
use crate::components::error_summary::ErrorSummary;
use crate::components::field::FieldView;
use crate::components::layout::use_page_title;
use crate::components::save_later::SaveLater;
use crate::form::resume::LeftAt;
use crate::form::rules::check_section;
use crate::state::focus::{focus_main, focus_summary};
use crate::state::nav::{Nav, Page};
use crate::state::store::FormState;
use cycle::texts::fill;
use cycle::{Field, Kind, Section};
use leptos::prelude::*;

#[component]
pub fn SectionForm(section_id: String) -> impl IntoView {
    let state = expect_context::<FormState>();
    let nav = expect_context::<Nav>();
    let cycle = state.cycle.clone();
    let Some((index, section)) = cycle
        .section_named(&section_id)
        .map(|(i, s)| (i, s.clone()))
    else {
        return view! { <super::not_found::NotFound/> }.into_any();
    };
    let total = cycle.sections.len();
    // A fresh page starts without the previous page's summary.
    state.clear_summary();
    use_page_title(section.title.clone());

    // Focus a field asked for by a Change link or an error summary entry on
    // another page, once this page is in the DOM.
    let pending = nav.pending_focus;
    request_animation_frame(move || {
        if let Some(id) = pending.get_untracked() {
            pending.set(None);
            browser::focus_and_reveal(&id);
        }
    });

    let previous = if index == 0 {
        Page::Start
    } else {
        Page::Section(cycle.sections[index - 1].id.clone())
    };
    let next = match cycle.sections.get(index + 1) {
        Some(s) => Page::Section(s.id.clone()),
        None => Page::Review,
    };
    let on_submit = {
        let state = state.clone();
        let nav = nav.clone();
        let section = section.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            crate::state::draft::flush_draft(&state);
            let problems = check_section(&state.cycle, &section, &state.answers());
            if state.show_problems(&problems) {
                focus_summary();
                return;
            }
            let to = if state.returning_to_review.get_untracked() {
                state.returning_to_review.set(false);
                Page::Review
            } else {
                next.clone()
            };
            nav.go(to, None);
            focus_main();
        }
    };
    let back_href = nav.href(&previous);
    let back = {
        let nav = nav.clone();
        move |ev: leptos::ev::MouseEvent| {
            ev.prevent_default();
            nav.go(previous.clone(), None);
            focus_main();
        }
    };
    let texts = &cycle.texts;
    let continue_label = if state.returning_to_review.get_untracked() {
        texts.save_and_return_button().to_string()
    } else {
        texts.continue_button().to_string()
    };
    view! {
        <a class="mf-back" href=back_href on:click=back>{texts.back_link().to_string()}</a>
        <ErrorSummary current_section=section.id.clone()/>
        <Steps current=index/>
        <p class="mf-caption">
            {fill(texts.section_of(), &[("n", &(index + 1).to_string()), ("total", &total.to_string())])}
        </p>
        <h1 class="mf-heading">{section.title.clone()}</h1>
        <SectionTexts section=section.clone()/>
        <form class="mf-form" novalidate on:submit=on_submit>
            {group_fields(&section.fields)}
            <div class="mf-actions">
                <button type="submit" class="mf-button">{continue_label}</button>
            </div>
        </form>
        <SaveLater left_at=LeftAt::Section(section.id.clone())/>
    }
    .into_any()
}

/// Runs of rating questions share one fieldset whose legend explains the
/// scale; other questions stand alone.
fn group_fields(fields: &[Field]) -> impl IntoView {
    let state = expect_context::<FormState>();
    let scale = state.cycle.rating_scale.clone();
    let mut groups: Vec<(bool, Vec<Field>)> = Vec::new();
    for f in fields {
        let is_rating = matches!(f.kind, Kind::Rating);
        match groups.last_mut() {
            Some((r, list)) if *r == is_rating => list.push(f.clone()),
            _ => groups.push((is_rating, vec![f.clone()])),
        }
    }
    groups
        .into_iter()
        .map(|(is_rating, list)| {
            let items = list
                .into_iter()
                .map(|f| view! { <FieldView field=f/> })
                .collect_view();
            if is_rating {
                view! {
                    <fieldset class="mf-fieldset mf-ratings">
                        <legend class="mf-legend">
                            {fill(state.cycle.texts.ratings_legend(), &[
                                ("min", &scale.min.to_string()),
                                ("low", &scale.low_label),
                                ("max", &scale.max.to_string()),
                                ("high", &scale.high_label),
                            ])}
                        </legend>
                        {items}
                    </fieldset>
                }
                .into_any()
            } else {
                items.into_any()
            }
        })
        .collect_view()
}

#[component]
pub fn SectionTexts(section: Section) -> impl IntoView {
    let intro = section
        .intro
        .iter()
        .map(|p| view! { <p class="mf-body">{p.clone()}</p> })
        .collect_view();
    let links = (!section.links.is_empty()).then(|| {
        let items = section
            .links
            .iter()
            .map(|l| view! { <li><a href=l.url.clone() rel="noopener">{l.label.clone()}</a></li> })
            .collect_view();
        view! { <ul class="mf-links mf-links--inline">{items}</ul> }
    });
    let notes = section
        .notes
        .iter()
        .map(|n| view! { <div class="mf-inset">{n.clone()}</div> })
        .collect_view();
    view! { {intro} {links} {notes} }
}

/// The sections as a step list: where the applicant is, and how far to go.
#[component]
pub fn Steps(current: usize) -> impl IntoView {
    let state = expect_context::<FormState>();
    let items = state
        .cycle
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let class = if i < current {
                "mf-steps__item mf-steps__item--done"
            } else if i == current {
                "mf-steps__item mf-steps__item--current"
            } else {
                "mf-steps__item"
            };
            let texts = &state.cycle.texts;
            let status = if i < current {
                texts.step_done().to_string()
            } else if i == current {
                texts.step_current().to_string()
            } else {
                String::new()
            };
            view! {
                <li class=class aria-current=(i == current).then_some("step")>
                    <span class="mf-steps__title">{s.title.clone()}</span>
                    <span class="mf-visually-hidden">{status}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="mf-steps" aria-label=state.cycle.texts.steps_label().to_string()>
            <ol class="mf-steps__list">{items}</ol>
        </nav>
    }
}
