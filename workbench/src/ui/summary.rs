//! The summary: mentors and mentees, applications per region and per state,
//! and each competency's spread of ratings, as charts with their tables.

use leptos::prelude::*;

use super::charts::{BarChart, Series};
use super::state::{focus_on_mount, View, Wb};
use crate::census::Location;
use crate::people::Role;
use crate::summary::{summarize, GroupSummary, PlaceKey, RegionKey};

fn place_name(key: PlaceKey) -> String {
    match key {
        PlaceKey::Known(Location::Us(s)) => s.name().to_string(),
        PlaceKey::Known(Location::OutsideUs) => "Outside the US".to_string(),
        PlaceKey::NotGiven => "Not given".to_string(),
    }
}

#[component]
pub fn SummaryView() -> impl IntoView {
    let wb = expect_context::<Wb>();
    let heading = NodeRef::<leptos::html::H1>::new();
    focus_on_mount(heading);
    let content = move || {
        let (mentors, mentees) = wb
            .ws
            .with(|w| (w.summary_side(Role::Mentor), w.summary_side(Role::Mentee)));
        let sideless: Vec<String> = wb.ws.with(|w| {
            w.groups()
                .iter()
                .filter(|g| g.role.is_none())
                .map(|g| g.cycle_id.to_string())
                .collect()
        });
        if mentors.people.is_empty() && mentees.people.is_empty() {
            let unreadable: Vec<String> = mentors
                .unreadable
                .iter()
                .chain(&mentees.unreadable)
                .chain(&sideless)
                .cloned()
                .collect();
            return view! {
                <p class="mf-body">
                    {if unreadable.is_empty() {
                        "Open a mentor or a mentee export to see its summary.".to_string()
                    } else {
                        format!(
                            "The open applications cannot be counted yet ({}): see Open files.",
                            unreadable.join(", ")
                        )
                    }}
                </p>
                <p class="mf-actions">
                    <button type="button" class="mf-button" on:click=move |_| wb.go(View::Files)>"Open files"</button>
                </p>
            }
            .into_any();
        }
        let labels = if mentors.competency_labels.is_empty() {
            mentees.competency_labels.clone()
        } else {
            mentors.competency_labels.clone()
        };
        let scale = if mentors.people.is_empty() {
            mentees.scale
        } else {
            mentors.scale
        };
        let m = summarize(&mentors.people, labels.len(), scale);
        let e = summarize(&mentees.people, labels.len(), scale);
        let sides: Vec<(&str, &GroupSummary)> = [("Mentors", &m), ("Mentees", &e)]
            .into_iter()
            .filter(|(_, g)| g.applications > 0)
            .collect();
        let series = |f: &dyn Fn(&GroupSummary) -> Vec<usize>| -> Vec<Series> {
            sides
                .iter()
                .map(|(name, g)| Series {
                    name: (*name).to_string(),
                    values: f(g),
                })
                .collect()
        };
        let regions: Vec<RegionKey> = RegionKey::all();
        let region_names: Vec<String> = regions.iter().map(|r| r.name_en().to_string()).collect();
        let mut places: Vec<PlaceKey> = m
            .by_place
            .iter()
            .chain(&e.by_place)
            .map(|(k, _)| *k)
            .collect();
        places.sort();
        places.dedup();
        let count_in = |list: &[(PlaceKey, usize)], key: PlaceKey| {
            list.iter().find(|(k, _)| *k == key).map_or(0, |(_, n)| *n)
        };
        let not_counted: Vec<String> = mentors
            .unreadable
            .iter()
            .chain(&mentees.unreadable)
            .cloned()
            .collect();
        let (low, high) = scale;
        let steps: Vec<String> = (low..=high).map(|n| n.to_string()).collect();
        let competencies = labels
            .iter()
            .enumerate()
            .map(|(i, label)| {
                let caption = format!("Ratings of \u{201c}{label}\u{201d} ({low} to {high})");
                let ratings =
                    series(&|g: &GroupSummary| g.ratings.get(i).cloned().unwrap_or_default());
                let unrated = sides
                    .iter()
                    .map(|(_, g)| g.unrated.get(i).copied().unwrap_or(0))
                    .collect::<Vec<_>>();
                view! {
                    <BarChart
                        id=format!("wb-chart-comp-{i}")
                        caption
                        categories=steps.clone()
                        series=ratings
                        category_heading="Rating".to_string()
                        table_extra=vec![("Not rated".to_string(), unrated)]
                    />
                }
            })
            .collect_view();
        view! {
            {(!not_counted.is_empty()).then(|| view! {
                <p class="wb-message wb-message--problem">
                    {format!("Not counted (matching cannot read their cycle): {}.", not_counted.join(", "))}
                </p>
            })}
            {(!sideless.is_empty()).then(|| view! {
                <p class="wb-message wb-message--problem">
                    {format!(
                        "Not counted until you say whether they are mentors or mentees (Open files): {}.",
                        sideless.join(", ")
                    )}
                </p>
            })}
            <div class="wb-charts">
                <BarChart
                    id="wb-chart-sides".to_string()
                    caption="Applications: mentors and mentees".to_string()
                    categories=vec!["Mentors".to_string(), "Mentees".to_string()]
                    series=vec![Series { name: "Applications".to_string(), values: vec![m.applications, e.applications] }]
                    category_heading="Side".to_string()
                />
                <BarChart
                    id="wb-chart-regions".to_string()
                    caption="Applications per region".to_string()
                    categories=region_names
                    series=series(&|g: &GroupSummary| g.by_region.iter().map(|(_, n)| *n).collect())
                    category_heading="Region".to_string()
                />
                <BarChart
                    id="wb-chart-states".to_string()
                    caption="Applications per state".to_string()
                    categories=places.iter().map(|p| place_name(*p)).collect()
                    series=series(&|g: &GroupSummary| places.iter().map(|p| count_in(&g.by_place, *p)).collect())
                    category_heading="State".to_string()
                />
            </div>
            <h2 class="mf-heading mf-heading--m">"Competencies"</h2>
            <p class="mf-body">{format!("How applicants rated themselves, from {low} (least comfortable) to {high} (most comfortable).")}</p>
            <div class="wb-charts">{competencies}</div>
        }
        .into_any()
    };
    view! {
        <h1 class="mf-heading" tabindex="-1" node_ref=heading>"Summary"</h1>
        {content}
    }
}
