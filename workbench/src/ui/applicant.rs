//! One applicant's page: every answer by the cycle's sections, as the review
//! page words them, with what the export says of the application; printable
//! one applicant per page without the page's chrome (`print` prints the
//! table's filtered set with the same page).

use leptos::prelude::*;

use super::dom;
use super::state::{focus_on_mount, View, Wb};
use crate::exports::ExportRow;
use crate::sheet::{applicant_name, applicant_page, received_text};
use crate::workspace::KnownCycle;

#[component]
pub fn ApplicantView(cycle_id: String, reference: String) -> impl IntoView {
    let wb = expect_context::<Wb>();
    let heading = NodeRef::<leptos::html::H1>::new();
    focus_on_mount(heading);
    let found = wb.ws.with_untracked(|w| {
        let known = w.cycle(&cycle_id)?.clone();
        let row = w
            .applications()
            .of_cycle(&cycle_id)
            .find(|r| r.row.reference == reference)?
            .row
            .clone();
        Some((known, row))
    });
    // Previous and next within the table's current order and filters.
    let neighbours = {
        let reference = reference.clone();
        move || {
            let sheet = wb.sheet.get()?;
            let rows = wb.table_rows.get();
            let here = rows
                .iter()
                .position(|&r| sheet.sheet.references.get(r) == Some(&reference))?;
            let at = |i: Option<usize>| {
                i.and_then(|i| rows.get(i)).and_then(|&r| {
                    Some((
                        sheet.sheet.references.get(r)?.clone(),
                        sheet.sheet.names.get(r)?.clone(),
                    ))
                })
            };
            Some((
                at(here.checked_sub(1)),
                at(here.checked_add(1)),
                here + 1,
                rows.len(),
            ))
        }
    };
    // Back to the table, the focus on this applicant's row (not the heading).
    let back = {
        let reference = reference.clone();
        move |_| {
            wb.return_to_row.set(Some(reference.clone()));
            wb.view.set(View::Applications);
        }
    };
    match found {
        None => view! {
            <button type="button" class="mf-back mf-link-button" on:click=back>
                "Back to the applications"
            </button>
            <h1 class="mf-heading" tabindex="-1" node_ref=heading>"Application not found"</h1>
            <p class="mf-body">"This application is no longer open."</p>
        }
        .into_any(),
        Some((known, row)) => {
            let cycle_for_nav = cycle_id.clone();
            let go_to = move |reference: String| {
                wb.go(View::Applicant {
                    cycle_id: cycle_for_nav.clone(),
                    reference,
                })
            };
            let go_to2 = go_to.clone();
            view! {
                <div class="wb-chrome wb-applicant-nav">
                    <button type="button" class="mf-back mf-link-button" on:click=back>
                        "Back to the applications"
                    </button>
                    {
                        let neighbours = neighbours.clone();
                        move || {
                            neighbours()
                                .map(|(prev, next, at, of)| {
                                    let go_prev = go_to.clone();
                                    let go_next = go_to2.clone();
                                    view! {
                                        <p class="wb-applicant-nav__where">{format!("Application {at} of {of} in the table")}</p>
                                        <p class="wb-applicant-nav__steps">
                                            {prev
                                                .map(|(r, name)| {
                                                    view! {
                                                        <button
                                                            type="button"
                                                            class="mf-link-button"
                                                            on:click=move |_| go_prev(r.clone())
                                                        >
                                                            {format!("Previous: {name}")}
                                                        </button>
                                                    }
                                                })}
                                            {next
                                                .map(|(r, name)| {
                                                    view! {
                                                        <button
                                                            type="button"
                                                            class="mf-link-button"
                                                            on:click=move |_| go_next(r.clone())
                                                        >
                                                            {format!("Next: {name}")}
                                                        </button>
                                                    }
                                                })}
                                        </p>
                                    }
                                })
                        }
                    }
                    <p class="mf-actions">
                        <button type="button" class="mf-button" on:click=move |_| dom::print()>
                            "Print this application"
                        </button>
                    </p>
                </div>
                <ApplicantPage known row heading=Some(heading)/>
            }
            .into_any()
        }
    }
}

/// The printable page of one application. `heading`: the view's `h1` (for
/// the focus); pages printed together have none.
#[component]
pub fn ApplicantPage(
    known: KnownCycle,
    row: ExportRow,
    heading: Option<NodeRef<leptos::html::H1>>,
) -> impl IntoView {
    let wb = expect_context::<Wb>();
    let (sections, others) = applicant_page(&known.cycle, &row);
    let name = applicant_name(&row);
    let versions = row.versions.unwrap_or(row.version);
    let title = known.cycle.title.clone();
    let meta = vec![
        ("Cycle", format!("{title} ({})", known.cycle.id)),
        ("Reference", row.reference.clone()),
        (
            "Versions received",
            format!("{versions} (this is version {})", row.version),
        ),
        (
            "Received (UTC)",
            row.received_at
                .as_deref()
                .map(received_text)
                .unwrap_or_default(),
        ),
        (
            "Sent by the applicant (UTC)",
            row.submitted_at
                .as_deref()
                .map(received_text)
                .unwrap_or_default(),
        ),
    ];
    let flagged = row.suspected_automated.then(|| {
        let text = row
            .honeypot
            .clone()
            .map(|h| format!(" The hidden field held: \u{201c}{h}\u{201d}."))
            .unwrap_or_default();
        view! {
            <p class="wb-flag">
                <strong>"Suspected automated: "</strong>
                {format!(
                    "this application filled in the form's hidden field, which people do not see.{text} Decide whether it is genuine."
                )}
            </p>
        }
    });
    let heading_view = match heading {
        Some(node) => {
            view! { <h1 class="mf-heading" tabindex="-1" node_ref=node>{name.clone()}</h1> }
                .into_any()
        }
        None => view! { <h1 class="mf-heading">{name.clone()}</h1> }.into_any(),
    };
    view! {
        <article class="wb-applicant" aria-label=format!("Application of {name}")>
            {heading_view}
            <dl class="wb-meta">
                {meta
                    .into_iter()
                    .map(|(k, v)| view! {
                        <div class="wb-meta__row">
                            <dt>{k}</dt>
                            <dd>{v}</dd>
                        </div>
                    })
                    .collect_view()}
            </dl>
            {flagged}
            {sections
                .into_iter()
                .map(|section| {
                    view! {
                        <h2 class="mf-summary__heading">{section.title}</h2>
                        <dl class="mf-summary">
                            {section
                                .answers
                                .into_iter()
                                .map(|a| {
                                    let confidential = a.confidential;
                                    let text = a.text;
                                    view! {
                                        <div class="mf-summary__row wb-answer">
                                            <dt class="mf-summary__key">{a.label}</dt>
                                            {move || {
                                                if confidential && !wb.show_confidential.get() {
                                                    view! {
                                                        <dd class="mf-summary__value mf-summary__value--empty wb-hidden-answer">
                                                            "Confidential: hidden (\u{201c}Show confidential answers\u{201d} shows it)"
                                                        </dd>
                                                    }
                                                        .into_any()
                                                } else {
                                                    match text.clone() {
                                                        Some(t) => view! { <dd class="mf-summary__value">{t}</dd> }.into_any(),
                                                        None => view! {
                                                            <dd class="mf-summary__value mf-summary__value--empty">"Not answered"</dd>
                                                        }
                                                            .into_any(),
                                                    }
                                                }
                                            }}
                                        </div>
                                    }
                                })
                                .collect_view()}
                        </dl>
                    }
                })
                .collect_view()}
            {(!others.is_empty())
                .then(|| {
                    view! {
                        <h2 class="mf-summary__heading">"Other answers in the export"</h2>
                        <p class="mf-hint">"The cycle file has no question for these."</p>
                        <dl class="mf-summary">
                            {others
                                .into_iter()
                                .map(|(k, v)| view! {
                                    <div class="mf-summary__row">
                                        <dt class="mf-summary__key"><code>{k}</code></dt>
                                        <dd class="mf-summary__value">{v}</dd>
                                    </div>
                                })
                                .collect_view()}
                        </dl>
                    }
                })}
        </article>
    }
}
