//! What is printed instead of the page: "Print all" (the table's filtered
//! applications, one per printed page) and "Print the matches" (every pair
//! and unmatched applicant, not only the page of cards on screen). Rendered
//! only while the browser prints, then removed.

use leptos::prelude::*;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;

use super::applicant::ApplicantPage;
use super::dom;
use super::matches::MatchesPrint;
use super::state::{PrintJob, Wb};

#[component]
pub fn PrintAll() -> impl IntoView {
    let wb = expect_context::<Wb>();
    // Once the pages are in the document, print; clear them afterwards.
    Effect::new(move |_| {
        if wb.print_job.with(Option::is_some) {
            request_animation_frame(move || {
                request_animation_frame(move || {
                    dom::print();
                })
            });
        }
    });
    if let Some(w) = dom::window() {
        let after = Closure::<dyn FnMut()>::new(move || wb.print_job.set(None));
        let _ = w.add_event_listener_with_callback("afterprint", after.as_ref().unchecked_ref());
        after.forget();
    }
    view! {
        <div class="wb-print-all">
            {move || {
                wb.print_job.get().map(|job| match job {
                    PrintJob::Applicants { cycle_id, rows } => applicants(wb, &cycle_id, &rows),
                    PrintJob::Matches => view! { <MatchesPrint/> }.into_any(),
                })
            }}
        </div>
    }
}

fn applicants(wb: Wb, cycle_id: &str, positions: &[usize]) -> AnyView {
    wb.ws.with_untracked(|w| {
        let Some(known) = w.cycle(cycle_id) else {
            return ().into_any();
        };
        let rows: Vec<_> = w.applications().of_cycle(cycle_id).collect();
        let sheet = wb.sheet.get_untracked();
        positions
            .iter()
            .filter_map(|&i| {
                // The sheet's row i is the cycle's i-th application.
                let reference = sheet.as_ref()?.sheet.references.get(i)?;
                rows.get(i).filter(|r| &r.row.reference == reference)
            })
            .map(|r| view! { <ApplicantPage known=known.clone() row=r.row.clone() heading=None/> })
            .collect_view()
            .into_any()
    })
}
