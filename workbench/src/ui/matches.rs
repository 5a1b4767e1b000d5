//! "Suggest matches": the settings (weights with their defaults, the region
//! rule, pairs outside the US, each mentor's number of mentees), the
//! suggestion with each pair's reasons in words and each unmatched
//! applicant's reason, pins and rule-outs kept for the next suggestion,
//! "Download matches" (the spreadsheet-safe CSV) and a printable list.

use std::sync::Arc;

use leptos::prelude::*;

use super::dom;
use super::matcher;
use super::state::{focus_on_mount, MatchResult, PrintJob, View, Wb, WorkerState};
use crate::census::Location;
use crate::csv_out::matches_csv;
use crate::matching::{
    English, PairRef, RegionRule, Settings, SuggestedPair, Unmatched, Weights, MAX_WEIGHT,
};
use crate::people::{Person, Role};

/// "Illinois (Midwest)", "Outside the US", "No state given".
fn place(p: &Person) -> String {
    match p.location {
        Some(Location::Us(s)) => format!("{} ({})", s.name(), s.region().name_en()),
        Some(Location::OutsideUs) => "Outside the US".into(),
        None => "No state given".into(),
    }
}

fn words<'a>(labels: &'a [String], show_confidential: bool) -> English<'a> {
    let english = English::new(labels);
    if show_confidential {
        english
    } else {
        english.hiding_descriptions()
    }
}

#[component]
pub fn MatchesView() -> impl IntoView {
    let wb = expect_context::<Wb>();
    let heading = NodeRef::<leptos::html::H1>::new();
    focus_on_mount(heading);
    let pairing = move || {
        wb.ws.with(|w| {
            w.pairing().map(|p| {
                (
                    p.mentors.len(),
                    p.mentees.len(),
                    p.competency_labels,
                    p.problems,
                )
            })
        })
    };
    view! {
        <h1 class="mf-heading" tabindex="-1" node_ref=heading>"Suggested matches"</h1>
        {move || match pairing() {
            Err(problem) => view! {
                <p class="mf-body">{problem.to_string()}</p>
                <p class="mf-actions">
                    <button type="button" class="mf-button" on:click=move |_| wb.go(View::Files)>"Open files"</button>
                </p>
            }
            .into_any(),
            Ok((mentors, mentees, labels, problems)) => view! {
                <p class="mf-body">
                    {format!(
                        "{mentors} mentor{} and {mentees} mentee{} are open. Pairs must share a region when either person asked for it; among the pairs allowed, as many mentees as possible get a mentor, then the best fits.",
                        if mentors == 1 { "" } else { "s" },
                        if mentees == 1 { "" } else { "s" },
                    )}
                </p>
                {(!problems.is_empty()).then(|| view! {
                    <details class="wb-details">
                        <summary class="wb-details__summary">
                            {format!("{} answer{} matching cannot read", problems.len(), if problems.len() == 1 { "" } else { "s" })}
                        </summary>
                        <ul class="wb-messages wb-details__body">
                            {problems.iter().map(|p| view! { <li class="wb-message wb-message--problem">{p.to_string()}</li> }).collect_view()}
                        </ul>
                    </details>
                })}
                <SettingsForm labels/>
            }
            .into_any(),
        }}
        <Results/>
    }
}

/// A whole-number setting from 0 to `MAX_WEIGHT`.
#[component]
fn WeightInput(
    id: String,
    label: String,
    hint: String,
    get: Signal<u32>,
    set: Callback<u32>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    view! {
        <div class="mf-field wb-weight">
            <label class="mf-label" for=id.clone()>{label}</label>
            <p class="mf-hint" id=hint_id.clone()>{hint}</p>
            <input
                class="mf-input mf-input--w4"
                type="number"
                inputmode="numeric"
                min="0"
                max=MAX_WEIGHT.to_string()
                step="1"
                id=id
                aria-describedby=hint_id
                prop:value=move || get.get().to_string()
                on:change=move |ev| {
                    let text = event_target_value(&ev);
                    let value = text.trim().parse::<u32>().map(|n| n.min(MAX_WEIGHT)).unwrap_or(get.get_untracked());
                    set.run(value);
                }
            />
        </div>
    }
}

#[component]
fn SettingsForm(labels: Vec<String>) -> impl IntoView {
    let wb = expect_context::<Wb>();
    let defaults = Weights::default();
    let gender = Signal::derive(move || wb.settings.with(|s| s.weights.gender));
    let ethnicity = Signal::derive(move || wb.settings.with(|s| s.weights.ethnicity));
    let competency_inputs = labels
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let get = Signal::derive(move || wb.settings.with(|s| s.weights.competency_step(i)));
            let set = Callback::new(move |v: u32| {
                wb.change_settings(|s| {
                    let list = &mut s.weights.competencies;
                    if list.len() <= i {
                        list.resize(i + 1, crate::matching::DEFAULT_COMPETENCY_STEP);
                    }
                    if let Some(slot) = list.get_mut(i) {
                        *slot = v;
                    }
                })
            });
            view! {
                <WeightInput
                    id=format!("wb-weight-comp-{i}")
                    label=label.clone()
                    hint=format!("Per step the mentor rates above the mentee. Default {}.", crate::matching::DEFAULT_COMPETENCY_STEP)
                    get
                    set
                />
            }
        })
        .collect_view();
    let busy = move || wb.busy.get().is_some();
    let rule = move || wb.settings.with(|s| s.region.rule);
    let set_rule = move |r: RegionRule| wb.change_settings(|s| s.region.rule = r);
    view! {
        <form class="mf-form wb-settings wb-chrome" on:submit=move |ev| {
            ev.prevent_default();
            matcher::request(wb);
        }>
            <fieldset class="mf-fieldset wb-fieldset">
                <legend class="mf-legend">"Region"</legend>
                <div class="mf-radios">
                    <div class="mf-radio">
                        <input class="mf-radio__input" type="radio" name="wb-rule" id="wb-rule-region"
                            prop:checked=move || rule() == RegionRule::CensusRegion
                            on:change=move |_| set_rule(RegionRule::CensusRegion)/>
                        <label class="mf-radio__label" for="wb-rule-region">
                            "Same US Census region (Northeast, Midwest, South, West; territories by ocean)"
                        </label>
                    </div>
                    <div class="mf-radio">
                        <input class="mf-radio__input" type="radio" name="wb-rule" id="wb-rule-state"
                            prop:checked=move || rule() == RegionRule::SameState
                            on:change=move |_| set_rule(RegionRule::SameState)/>
                        <label class="mf-radio__label" for="wb-rule-state">"Same state"</label>
                    </div>
                </div>
                <div class="mf-checkbox wb-outside">
                    <input class="mf-checkbox__input" type="checkbox" id="wb-outside"
                        aria-describedby="wb-outside-hint"
                        prop:checked=move || wb.settings.with(|s| s.region.outside_us_pairs)
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            wb.change_settings(|s| s.region.outside_us_pairs = on)
                        }/>
                    <label class="mf-checkbox__label" for="wb-outside">"Allow pairs where both are outside the US"</label>
                </div>
                <p class="mf-hint" id="wb-outside-hint">
                    "Off by default: \u{201c}outside the US\u{201d} may be anywhere in the world."
                </p>
            </fieldset>
            <details class="wb-details">
                <summary class="wb-details__summary">"Weights (points a pair scores)"</summary>
                <div class="wb-details__body">
                    <p class="mf-hint">
                        {format!(
                            "Only the weights' sizes against each other matter. Defaults: gender {}, ethnicity {} per person who asked and whose description agrees; each competency {} per rating step.",
                            defaults.gender, defaults.ethnicity, crate::matching::DEFAULT_COMPETENCY_STEP
                        )}
                    </p>
                    <div class="wb-weights">
                        <WeightInput
                            id="wb-weight-gender".to_string()
                            label="Shared gender".to_string()
                            hint=format!("Per person who asked for it. Default {}.", defaults.gender)
                            get=gender
                            set=Callback::new(move |v| wb.change_settings(|s| s.weights.gender = v))
                        />
                        <WeightInput
                            id="wb-weight-ethnicity".to_string()
                            label="Shared ethnicity".to_string()
                            hint=format!("Per person who asked for it. Default {}.", defaults.ethnicity)
                            get=ethnicity
                            set=Callback::new(move |v| wb.change_settings(|s| s.weights.ethnicity = v))
                        />
                        {competency_inputs}
                    </div>
                    <p>
                        <button type="button" class="mf-button mf-button--secondary"
                            on:click=move |_| wb.change_settings(|s| s.weights = Weights::default())>
                            "Put back the default weights"
                        </button>
                    </p>
                </div>
            </details>
            <div class="mf-actions">
                <button type="submit" class="mf-button" aria-describedby="wb-match-status">
                    {move || if wb.result.with(Option::is_some) { "Suggest again" } else { "Suggest matches" }}
                </button>
                <p class="wb-status" id="wb-match-status">
                    {move || {
                        if busy() {
                            "Suggesting matches… (the page stays usable)".to_string()
                        } else {
                            match wb.worker.get() {
                                WorkerState::Unavailable(why) => format!("Matching runs on the page: {why}."),
                                WorkerState::Starting | WorkerState::Ready => String::new(),
                            }
                        }
                    }}
                </p>
            </div>
        </form>
    }
}

/// The settings that differ from those a result was made with, in words.
fn changes_since(made: &Settings, now: &Settings) -> Vec<&'static str> {
    let mut out = Vec::new();
    if made.weights != now.weights {
        out.push("weights");
    }
    if made.region != now.region {
        out.push("region rule");
    }
    if made.capacity != now.capacity {
        out.push("mentees per mentor");
    }
    if made.pins != now.pins {
        out.push("pins");
    }
    if made.rule_outs != now.rule_outs {
        out.push("rule-outs");
    }
    out
}

#[component]
fn Results() -> impl IntoView {
    let wb = expect_context::<Wb>();
    view! {
        {move || wb.match_error.get().map(|e| view! {
            <p class="wb-message wb-message--problem" role="alert">{e}</p>
        })}
        <section
            class="wb-results"
            aria-labelledby="wb-results-title"
            aria-busy=move || wb.busy.get().is_some().to_string()
            data-suggestion=move || wb.result.with(|r| r.as_ref().map(|r| r.id.to_string()))
        >
            {move || match wb.result.get() {
                None => view! {
                    <h2 class="mf-heading mf-heading--m" id="wb-results-title">"Suggestion"</h2>
                    <p class="mf-body">
                        {move || if wb.busy.get().is_some() { "Suggesting matches…" } else { "No suggestion yet." }}
                    </p>
                }
                .into_any(),
                Some(result) => view! { <ResultView result/> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn ResultView(result: Arc<MatchResult>) -> impl IntoView {
    let wb = expect_context::<Wb>();
    let r = result.clone();
    let s = &r.suggestion;
    let pinned = s.pairs.iter().filter(|p| p.pinned).count();
    let unmatched_mentees = s
        .unmatched
        .iter()
        .filter(|u| u.role == Role::Mentee)
        .count();
    let unmatched_mentors = s
        .unmatched
        .iter()
        .filter(|u| u.role == Role::Mentor)
        .count();
    let summary = format!(
        "{} pair{}{}; {unmatched_mentees} mentee{} and {unmatched_mentors} mentor{} without a partner; total score {}. Worked out in {} ms{}.",
        s.pairs.len(),
        if s.pairs.len() == 1 { "" } else { "s" },
        if pinned > 0 { format!(" ({pinned} pinned)") } else { String::new() },
        if unmatched_mentees == 1 { "" } else { "s" },
        if unmatched_mentors == 1 { "" } else { "s" },
        s.total_score,
        r.millis,
        if r.in_worker { " in the background" } else { " on the page" },
    );
    let stale = {
        let result = result.clone();
        move || {
            let settings = wb.settings.get();
            let mut what = changes_since(&result.settings, &settings);
            let files_changed = wb
                .ws
                .with(|w| w.pairing().ok().as_ref() != Some(&result.pairing));
            if files_changed {
                what.push("open files");
            }
            (!what.is_empty()).then(|| {
                view! {
                    <p class="wb-stale" role="status">
                        <strong>"Changed since this suggestion: "</strong>
                        {format!("{}. Suggest again to apply.", what.join(", "))}
                    </p>
                }
            })
        }
    };
    let download = {
        let result = result.clone();
        move |_| {
            let show = wb.show_confidential.get_untracked();
            let labels = &result.pairing.competency_labels;
            let csv = matches_csv(
                &result.suggestion,
                &result.pairing.mentors,
                &result.pairing.mentees,
                result.settings.region.rule,
                &words(labels, show),
            );
            let outcome = csv.and_then(|bytes| {
                dom::download("suggested-matches.csv", "text/csv;charset=utf-8", &bytes)
            });
            match outcome {
                Ok(()) => wb.announce("The matches file was offered for download."),
                Err(e) => wb
                    .match_error
                    .set(Some(format!("The matches file could not be made: {e}"))),
            }
        }
    };
    let pins_not_applied = s
        .pins_not_applied
        .iter()
        .map(|p| {
            let name = |list: &[Person], reference: &str| {
                list.iter()
                    .find(|x| x.reference == reference)
                    .map_or_else(|| reference.to_string(), |x| x.name.clone())
            };
            let labels = &result.pairing.competency_labels;
            let text = format!(
                "{} with {}: {}",
                name(&result.pairing.mentors, &p.pin.mentor),
                name(&result.pairing.mentees, &p.pin.mentee),
                words(labels, true).pin_problem(&p.problem)
            );
            view! { <li class="wb-message wb-message--problem">{text}</li> }
        })
        .collect_view();
    let any_pin_problem = !s.pins_not_applied.is_empty();
    view! {
        <h2 class="mf-heading mf-heading--m" id="wb-results-title">"Suggestion"</h2>
        <p class="mf-body wb-result-summary">{summary}</p>
        {stale}
        <div class="mf-actions wb-chrome">
            <button type="button" class="mf-button" on:click=download>"Download matches (CSV)"</button>
            <button
                type="button"
                class="mf-button mf-button--secondary"
                on:click=move |_| wb.print_job.set(Some(PrintJob::Matches))
            >
                "Print the matches"
            </button>
        </div>
        {any_pin_problem.then(|| view! {
            <h3 class="wb-subheading">"Pins not applied"</h3>
            <ul class="wb-messages">{pins_not_applied}</ul>
        })}
        <PinsAndRuleOuts result=result.clone()/>
        <MentorCards result=result.clone()/>
        <UnmatchedMentees result=result.clone()/>
        <ManualPair result=result.clone()/>
    }
}

/// How many mentor cards a page shows: a thousand at once would hold the
/// page for a second or more while they are drawn.
const CARDS_PER_PAGE: usize = 25;

/// The mentors' cards, a page at a time, found by a name (the mentor's or
/// a suggested mentee's) or by whether they have a mentee.
#[component]
fn MentorCards(result: Arc<MatchResult>) -> impl IntoView {
    let find = RwSignal::new(String::new());
    let only = RwSignal::new(String::from("all"));
    let page = RwSignal::new(0usize);
    let matched: Vec<bool> = (0..result.pairing.mentors.len())
        .map(|m| result.suggestion.pairs.iter().any(|p| p.mentor == m))
        .collect();
    // Per mentor: their name and their mentees' names, folded for finding.
    let names: Vec<String> = result
        .pairing
        .mentors
        .iter()
        .enumerate()
        .map(|(m, person)| {
            let mentees = result
                .suggestion
                .pairs
                .iter()
                .filter(|p| p.mentor == m)
                .filter_map(|p| result.pairing.mentees.get(p.mentee))
                .map(|p| p.name.as_str());
            std::iter::once(person.name.as_str())
                .chain(mentees)
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        })
        .collect();
    let shown = Memo::new(move |_| {
        let words: Vec<String> = find
            .get()
            .to_lowercase()
            .split_whitespace()
            .map(String::from)
            .collect();
        let only = only.get();
        (0..names.len())
            .filter(|&m| match only.as_str() {
                "matched" => matched.get(m).copied().unwrap_or(false),
                "unmatched" => !matched.get(m).copied().unwrap_or(false),
                _ => true,
            })
            .filter(|&m| {
                names
                    .get(m)
                    .is_some_and(|n| words.iter().all(|w| n.contains(w.as_str())))
            })
            .collect::<Vec<usize>>()
    });
    let pages = move || shown.with(|s| s.len().div_ceil(CARDS_PER_PAGE)).max(1);
    let at = move || page.get().min(pages() - 1);
    let status = move || {
        let n = shown.with(Vec::len);
        let first = at() * CARDS_PER_PAGE;
        if n == 0 {
            "No mentor matches.".to_string()
        } else {
            format!(
                "Mentors {}–{} of {n}",
                first + 1,
                (first + CARDS_PER_PAGE).min(n)
            )
        }
    };
    let cards = {
        let result = result.clone();
        move || {
            let first = at() * CARDS_PER_PAGE;
            shown
                .get()
                .into_iter()
                .skip(first)
                .take(CARDS_PER_PAGE)
                .map(|m| view! { <MentorCard result=result.clone() mentor=m/> })
                .collect_view()
        }
    };
    view! {
        <h3 class="wb-subheading" id="wb-mentors-title">"Mentors"</h3>
        <div class="wb-controls wb-chrome">
            <div class="mf-field wb-search">
                <label class="mf-label" for="wb-find-mentor">"Find a mentor or their mentee"</label>
                <input
                    class="mf-input"
                    type="search"
                    id="wb-find-mentor"
                    autocomplete="off"
                    prop:value=move || find.get()
                    on:input=move |ev| {
                        find.set(event_target_value(&ev));
                        page.set(0);
                    }
                />
            </div>
            <div class="mf-field">
                <label class="mf-label" for="wb-only">"Show"</label>
                <select
                    class="mf-select"
                    id="wb-only"
                    on:change=move |ev| {
                        only.set(event_target_value(&ev));
                        page.set(0);
                    }
                >
                    <option value="all">"Every mentor"</option>
                    <option value="matched">"Mentors with a mentee"</option>
                    <option value="unmatched">"Mentors without a mentee"</option>
                </select>
            </div>
        </div>
        <p class="wb-status" role="status" id="wb-mentors-status">{status}</p>
        <ol class="wb-mentors" aria-labelledby="wb-mentors-title">{cards}</ol>
        <nav class="wb-pager wb-chrome" aria-label="Pages of mentors">
            <button
                type="button"
                class="mf-button mf-button--secondary"
                disabled=move || at() == 0
                on:click=move |_| page.set(at().saturating_sub(1))
            >
                "Previous mentors"
            </button>
            <span class="wb-pager__where">{move || format!("Page {} of {}", at() + 1, pages())}</span>
            <button
                type="button"
                class="mf-button mf-button--secondary"
                disabled=move || { at() + 1 >= pages() }
                on:click=move |_| page.set((at() + 1).min(pages() - 1))
            >
                "Next mentors"
            </button>
        </nav>
    }
}

/// One mentor: their number of mentees, their suggested mentees with the
/// reasons, or why they have none.
#[component]
fn MentorCard(result: Arc<MatchResult>, mentor: usize) -> impl IntoView {
    let wb = expect_context::<Wb>();
    let Some(person) = result.pairing.mentors.get(mentor).cloned() else {
        return ().into_any();
    };
    let pairs: Vec<SuggestedPair> = result
        .suggestion
        .pairs
        .iter()
        .filter(|p| p.mentor == mentor)
        .cloned()
        .collect();
    let unmatched: Option<Unmatched> = result
        .suggestion
        .unmatched
        .iter()
        .find(|u| u.role == Role::Mentor && u.index == mentor)
        .copied();
    let reference = person.reference.clone();
    let capacity_id = format!("wb-capacity-{mentor}");
    let capacity = {
        let reference = reference.clone();
        move || wb.settings.with(|s| s.capacity_of(&reference))
    };
    let set_capacity = {
        let reference = reference.clone();
        move |ev: leptos::ev::Event| {
            let current = wb.settings.with_untracked(|s| s.capacity_of(&reference));
            let n = event_target_value(&ev)
                .trim()
                .parse::<u32>()
                .map(|n| n.min(50))
                .unwrap_or(current);
            wb.change_settings(|s| {
                if n == 1 {
                    s.capacity.remove(&reference);
                } else {
                    s.capacity.insert(reference.clone(), n);
                }
            });
        }
    };
    let labels = result.pairing.competency_labels.clone();
    let pair_views = pairs
        .into_iter()
        .filter_map(|pair| {
            let mentee = result.pairing.mentees.get(pair.mentee)?.clone();
            Some(view! { <PairItem mentor=person.clone() mentee pair labels=labels.clone()/> })
        })
        .collect_view();
    let none = unmatched.map(|u| {
        let text = English::new(&labels).unmatched(Role::Mentor, u.reason);
        view! { <p class="wb-unmatched">{format!("No mentee: {text}.")}</p> }
    });
    view! {
        <li class="wb-mentor">
            <h4 class="wb-mentor__name">{person.name.clone()}</h4>
            <p class="wb-mentor__place">{place(&person)}</p>
            <div class="wb-capacity wb-chrome">
                <label class="wb-capacity__label" for=capacity_id.clone()>
                    {format!("Mentees {} takes", person.name)}
                </label>
                <input
                    class="mf-input mf-input--w4"
                    type="number"
                    inputmode="numeric"
                    min="0"
                    max="50"
                    step="1"
                    id=capacity_id
                    prop:value=move || capacity().to_string()
                    on:change=set_capacity
                />
            </div>
            <ul class="wb-pairs">{pair_views}</ul>
            {none}
        </li>
    }
    .into_any()
}

/// A suggested pair: the mentee, the score, the reasons, pin and rule out.
#[component]
fn PairItem(
    mentor: Person,
    mentee: Person,
    pair: SuggestedPair,
    labels: Vec<String>,
) -> impl IntoView {
    let wb = expect_context::<Wb>();
    let pin = PairRef::new(mentor.reference.clone(), mentee.reference.clone());
    let is_pinned = {
        let pin = pin.clone();
        Memo::new(move |_| wb.settings.with(|s| s.pins.contains(&pin)))
    };
    let toggle_pin = {
        let pin = pin.clone();
        move |_| {
            wb.change_settings(|s| {
                if let Some(i) = s.pins.iter().position(|p| p == &pin) {
                    s.pins.remove(i);
                } else {
                    s.rule_outs.remove(&pin);
                    s.pins.push(pin.clone());
                }
            })
        }
    };
    let rule_out = {
        let pin = pin.clone();
        move |_| {
            wb.change_settings(|s| {
                s.pins.retain(|p| p != &pin);
                s.rule_outs.insert(pin.clone());
            });
            wb.announce("Ruled out. Suggest again to apply.");
        }
    };
    let who = format!("{} with {}", mentor.name, mentee.name);
    let who2 = who.clone();
    let reasons = move || {
        let english = words(&labels, wb.show_confidential.get());
        pair.reasons
            .iter()
            .map(|r| view! { <li>{english.pair_reason(r)}</li> })
            .collect_view()
    };
    view! {
        <li class="wb-pair" class:wb-pair--pinned=pair.pinned>
            <p class="wb-pair__who">
                <strong>{mentee.name.clone()}</strong>
                {format!(" — {}", place(&mentee))}
            </p>
            <p class="wb-pair__score">
                {format!("Score {}", pair.score)}
                {pair.pinned.then_some(" · pinned by staff")}
            </p>
            <ul class="wb-reasons">{reasons}</ul>
            <p class="wb-pair__actions wb-chrome">
                <button type="button" class="mf-button mf-button--secondary" on:click=toggle_pin aria-pressed=move || is_pinned.get().to_string()>
                    {move || if is_pinned.get() { "Unpin" } else { "Pin" }}
                    <span class="mf-visually-hidden">{format!(" {who}")}</span>
                </button>
                <button type="button" class="mf-button mf-button--warning" on:click=rule_out>
                    "Rule out"
                    <span class="mf-visually-hidden">{format!(" {who2}")}</span>
                </button>
            </p>
        </li>
    }
}

#[component]
fn UnmatchedMentees(result: Arc<MatchResult>) -> impl IntoView {
    let labels = result.pairing.competency_labels.clone();
    let english = English::new(&labels);
    let items: Vec<(String, String, String)> = result
        .suggestion
        .unmatched
        .iter()
        .filter(|u| u.role == Role::Mentee)
        .filter_map(|u| {
            let p = result.pairing.mentees.get(u.index)?;
            Some((
                p.name.clone(),
                place(p),
                english.unmatched(Role::Mentee, u.reason),
            ))
        })
        .collect();
    view! {
        <h3 class="wb-subheading">"Mentees without a mentor"</h3>
        {if items.is_empty() {
            view! { <p class="mf-body">"None: every mentee has a suggested mentor."</p> }.into_any()
        } else {
            view! {
                <ul class="wb-unmatched-list">
                    {items
                        .into_iter()
                        .map(|(name, place, why)| view! {
                            <li>
                                <strong>{name}</strong>
                                {format!(" — {place}. {why}.")}
                            </li>
                        })
                        .collect_view()}
                </ul>
            }
            .into_any()
        }}
    }
}

/// The pins and rule-outs staff set, each removable.
#[component]
fn PinsAndRuleOuts(result: Arc<MatchResult>) -> impl IntoView {
    let wb = expect_context::<Wb>();
    let named = move |pairs: Vec<PairRef>| {
        let name_of = |list: &[Person], reference: &str| {
            list.iter()
                .find(|p| p.reference == reference)
                .map_or_else(|| format!("application {reference}"), |p| p.name.clone())
        };
        pairs
            .into_iter()
            .map(|p| {
                let text = format!(
                    "{} with {}",
                    name_of(&result.pairing.mentors, &p.mentor),
                    name_of(&result.pairing.mentees, &p.mentee)
                );
                (p, text)
            })
            .collect::<Vec<_>>()
    };
    let named_too = named.clone();
    view! {
        <div class="wb-kept">
            <KeptPairs
                heading="Pinned pairs"
                empty="None. Pin a pair to keep it in every suggestion."
                what="the pin of"
                pairs=Signal::derive(move || named(wb.settings.with(|s| s.pins.clone())))
                remove=move |pin: PairRef| wb.change_settings(|s| s.pins.retain(|p| p != &pin))
            />
            <KeptPairs
                heading="Ruled-out pairs"
                empty="None. A pair ruled out is never suggested."
                what="the rule-out of"
                pairs=Signal::derive(move || {
                    named_too(wb.settings.with(|s| s.rule_outs.iter().cloned().collect()))
                })
                remove=move |pair: PairRef| wb.change_settings(|s| {
                    s.rule_outs.remove(&pair);
                })
            />
        </div>
    }
}

/// One list of pairs staff kept (pins or rule-outs), each with its "Remove" button.
#[component]
fn KeptPairs(
    heading: &'static str,
    empty: &'static str,
    /// How the button's hidden text names what it removes ("the pin of").
    what: &'static str,
    pairs: Signal<Vec<(PairRef, String)>>,
    remove: impl Fn(PairRef) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <div>
            <h3 class="wb-subheading">{heading}</h3>
            {move || {
                let list = pairs.get();
                if list.is_empty() {
                    view! { <p class="mf-hint">{empty}</p> }.into_any()
                } else {
                    view! {
                        <ul class="wb-kept__list">
                            {list
                                .into_iter()
                                .map(|(pair, text)| view! {
                                    <li>
                                        {text.clone()}
                                        " "
                                        <button type="button" class="mf-link-button wb-chrome"
                                            on:click=move |_| remove(pair.clone())>
                                            "Remove"<span class="mf-visually-hidden">{format!(" {what} {text}")}</span>
                                        </button>
                                    </li>
                                })
                                .collect_view()}
                        </ul>
                    }
                    .into_any()
                }
            }}
        </div>
    }
}

/// Pin or rule out any pair, suggested or not.
#[component]
fn ManualPair(result: Arc<MatchResult>) -> impl IntoView {
    let wb = expect_context::<Wb>();
    let mentor = RwSignal::new(String::new());
    let mentee = RwSignal::new(String::new());
    let options = |people: &[Person]| {
        people
            .iter()
            .map(|p| view! { <option value=p.reference.clone()>{format!("{} — {}", p.name, place(p))}</option> })
            .collect_view()
    };
    let chosen = move || {
        let (m, e) = (mentor.get(), mentee.get());
        (!m.is_empty() && !e.is_empty()).then(|| PairRef::new(m, e))
    };
    let message = RwSignal::new(String::new());
    let act = move |pin: bool| {
        let Some(pair) = chosen() else {
            message.set("Choose a mentor and a mentee first.".into());
            return;
        };
        wb.change_settings(|s| {
            if pin {
                s.rule_outs.remove(&pair);
                if !s.pins.contains(&pair) {
                    s.pins.push(pair.clone());
                }
            } else {
                s.pins.retain(|p| p != &pair);
                s.rule_outs.insert(pair.clone());
            }
        });
        message.set(
            if pin {
                "Pinned. Suggest again to apply."
            } else {
                "Ruled out. Suggest again to apply."
            }
            .into(),
        );
    };
    view! {
        <section class="wb-manual wb-chrome" aria-labelledby="wb-manual-title">
            <h3 class="wb-subheading" id="wb-manual-title">"Pin or rule out another pair"</h3>
            <div class="mf-field">
                <label class="mf-label" for="wb-manual-mentor">"Mentor"</label>
                <select class="mf-select" id="wb-manual-mentor" on:change=move |ev| mentor.set(event_target_value(&ev))>
                    <option value="">"Choose a mentor"</option>
                    {options(&result.pairing.mentors)}
                </select>
            </div>
            <div class="mf-field">
                <label class="mf-label" for="wb-manual-mentee">"Mentee"</label>
                <select class="mf-select" id="wb-manual-mentee" on:change=move |ev| mentee.set(event_target_value(&ev))>
                    <option value="">"Choose a mentee"</option>
                    {options(&result.pairing.mentees)}
                </select>
            </div>
            <p class="mf-actions">
                <button type="button" class="mf-button mf-button--secondary" on:click=move |_| act(true)>"Pin this pair"</button>
                <button type="button" class="mf-button mf-button--warning" on:click=move |_| act(false)>"Rule out this pair"</button>
            </p>
            <p class="wb-status" role="status">{move || message.get()}</p>
        </section>
    }
}

/// The printable list of the suggestion shown: one table of every pair with
/// its reasons, then everyone without a partner.
#[component]
pub fn MatchesPrint() -> impl IntoView {
    let wb = expect_context::<Wb>();
    let Some(result) = wb.result.get_untracked() else {
        return ().into_any();
    };
    let show = wb.show_confidential.get_untracked();
    let labels = result.pairing.competency_labels.clone();
    let english = words(&labels, show);
    let s = &result.suggestion;
    let rows = s
        .pairs
        .iter()
        .filter_map(|p| {
            let mentor = result.pairing.mentors.get(p.mentor)?;
            let mentee = result.pairing.mentees.get(p.mentee)?;
            Some(view! {
                <tr>
                    <td>{mentor.name.clone()}<br/>{place(mentor)}</td>
                    <td>{mentee.name.clone()}<br/>{place(mentee)}</td>
                    <td class="wb-num">{p.score.to_string()}</td>
                    <td>
                        <ul class="wb-reasons">
                            {p.reasons.iter().map(|r| view! { <li>{english.pair_reason(r)}</li> }).collect_view()}
                        </ul>
                    </td>
                </tr>
            })
        })
        .collect_view();
    let unmatched = s
        .unmatched
        .iter()
        .filter_map(|u| {
            let (person, side) = match u.role {
                Role::Mentor => (result.pairing.mentors.get(u.index)?, "Mentor"),
                Role::Mentee => (result.pairing.mentees.get(u.index)?, "Mentee"),
            };
            Some(view! {
                <li>
                    <strong>{format!("{side}: {}", person.name)}</strong>
                    {format!(" — {}. {}.", place(person), english.unmatched(u.role, u.reason))}
                </li>
            })
        })
        .collect_view();
    view! {
        <section class="wb-print-matches">
            <h1 class="mf-heading">"Suggested matches"</h1>
            <p class="mf-body">
                {format!(
                    "{} pairs, total score {}; region rule: {}.",
                    s.pairs.len(),
                    s.total_score,
                    match result.settings.region.rule {
                        RegionRule::CensusRegion => "same US Census region",
                        RegionRule::SameState => "same state",
                    }
                )}
            </p>
            <table class="wb-table wb-table--plain">
                <thead>
                    <tr>
                        <th scope="col">"Mentor"</th>
                        <th scope="col">"Mentee"</th>
                        <th scope="col">"Score"</th>
                        <th scope="col">"Reasons"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <h2 class="wb-subheading">"Without a partner"</h2>
            <ul class="wb-unmatched-list">{unmatched}</ul>
        </section>
    }
    .into_any()
}
