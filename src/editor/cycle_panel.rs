//! "The cycle": what the start page, the deadline, the contact, the rating
//! scale and the confirmation page say.

use super::place::control_id;
use super::state::Editor;
use super::widgets::{
    check_row, links_editor, paragraphs_row, parsed_row, problems_at, read, text_row, write,
    Problems, TextLook,
};
use cycle::dates::{DateTime, IsoDate};
use cycle::edit::{CycleEdit, Edit};
use cycle::file::RatingScale;
use cycle::zones::{self, Zone};
use cycle::{CycleId, Place};
use leptos::prelude::*;
use std::sync::Arc;

fn set(f: impl Fn(String) -> CycleEdit + Send + Sync + 'static) -> super::widgets::Write<String> {
    write(move |v: String| Some(Edit::Cycle(f(v))))
}

/// An edit of one part of the rating scale: the scale as it is, with `change` made.
fn set_scale<T: 'static>(ed: Editor, change: fn(&mut RatingScale, T)) -> super::widgets::Write<T> {
    write(move |v: T| {
        let mut s = ed.cycle.with_untracked(|c| c.rating_scale.clone());
        change(&mut s, v);
        Some(Edit::Cycle(CycleEdit::RatingScale(s)))
    })
}

/// A rating scale's end: a whole number from 0 to 255.
fn parse_rating(t: &str) -> Result<u8, String> {
    t.trim()
        .parse::<u8>()
        .map_err(|_| "Enter a whole number from 0 to 255".to_string())
}

#[component]
pub fn CyclePanel() -> impl IntoView {
    let ed = expect_context::<Editor>();
    let root = Place::root();
    view! {
        <h3 class="ed-heading">"The cycle"</h3>
        <section class="ed-card" aria-labelledby="ed-h-start">
            <h4 class="ed-card__title" id="ed-h-start">"Start page"</h4>
            {text_row(ed, &root.key("program"), "Program", Some("Shown above the title.".into()), TextLook::Line,
                read(|c| c.program.clone()), set(CycleEdit::Program))}
            {text_row(ed, &root.key("title"), "Title", Some("The start page's heading, such as “Fall 2021 Mentor Application”.".into()), TextLook::Line,
                read(|c| c.title.clone()), set(CycleEdit::Title))}
            {paragraphs_row(ed, &root.key("intro"), "Introduction", None,
                read(|c| c.intro.clone()), write(|p: Vec<String>| Some(Edit::Cycle(CycleEdit::Intro(p)))))}
            {links_editor(ed, &root.key("links"), "Links on every page",
                read(|c| c.links.clone()), write(|l| Some(Edit::Cycle(CycleEdit::Links(l)))))}
        </section>
        <section class="ed-card" aria-labelledby="ed-h-deadline">
            <h4 class="ed-card__title" id="ed-h-deadline">"Deadline"</h4>
            {text_row(ed, &root.key("deadline").key("text"), "Deadline text", Some("The sentence applicants read, such as “Applications are due Monday 15 November 2021.”".into()), TextLook::Area,
                read(|c| c.deadline.text.clone()), set(CycleEdit::DeadlineText))}
            <DateTimeControl which=Which::Opens/>
            <DateTimeControl which=Which::Closes/>
            {check_row(ed, &root.key("deadline").key("enforce"), "Close the form by itself at the deadline",
                Some("Before it opens and after it closes, applicants see a page that says so, with the contact. Leave this off to keep the form open whatever the dates.".into()),
                read(|c| c.deadline.enforce), write(|b| Some(Edit::Cycle(CycleEdit::Enforce(b)))))}
        </section>
        <section class="ed-card" aria-labelledby="ed-h-contact">
            <h4 class="ed-card__title" id="ed-h-contact">"Contact"</h4>
            {text_row(ed, &root.key("contact").key("lead"), "Words before the name", None, TextLook::Area,
                read(|c| c.contact.lead.clone()), set(CycleEdit::ContactLead))}
            {text_row(ed, &root.key("contact").key("name"), "Name", None, TextLook::Line,
                read(|c| c.contact.name.clone()), set(CycleEdit::ContactName))}
            {text_row(ed, &root.key("contact").key("role"), "Role", None, TextLook::Line,
                read(|c| c.contact.role.clone()), set(CycleEdit::ContactRole))}
            {text_row(ed, &root.key("contact").key("email"), "Email address", None, TextLook::Line,
                read(|c| c.contact.email.clone()), set(CycleEdit::ContactEmail))}
        </section>
        <section class="ed-card" aria-labelledby="ed-h-rating">
            <h4 class="ed-card__title" id="ed-h-rating">"Rating scale"</h4>
            <p class="mf-hint">"Used by every rating question."</p>
            <div id=control_id(&root.key("rating_scale")) tabindex="-1">
                <Problems id=control_id(&root.key("rating_scale")) problems=problems_at(ed, &control_id(&root.key("rating_scale")))/>
            </div>
            {parsed_row(ed, &root.key("rating_scale").key("min"), "Lowest rating", None, "text",
                read(|c| c.rating_scale.min.to_string()),
                Arc::new(parse_rating),
                set_scale(ed, |s, n| s.min = n))}
            {text_row(ed, &root.key("rating_scale").key("low_label"), "Words for the lowest rating", None, TextLook::Line,
                read(|c| c.rating_scale.low_label.clone()),
                set_scale(ed, |s, v| s.low_label = v))}
            {parsed_row(ed, &root.key("rating_scale").key("max"), "Highest rating", None, "text",
                read(|c| c.rating_scale.max.to_string()),
                Arc::new(parse_rating),
                set_scale(ed, |s, n| s.max = n))}
            {text_row(ed, &root.key("rating_scale").key("high_label"), "Words for the highest rating", None, TextLook::Line,
                read(|c| c.rating_scale.high_label.clone()),
                set_scale(ed, |s, v| s.high_label = v))}
        </section>
        <section class="ed-card" aria-labelledby="ed-h-confirmation">
            <h4 class="ed-card__title" id="ed-h-confirmation">"Confirmation page"</h4>
            {text_row(ed, &root.key("confirmation").key("title"), "Confirmation heading", None, TextLook::Line,
                read(|c| c.confirmation.title.clone()), set(CycleEdit::ConfirmationTitle))}
            {paragraphs_row(ed, &root.key("confirmation").key("body"), "Confirmation text", None,
                read(|c| c.confirmation.body.clone()), write(|p: Vec<String>| Some(Edit::Cycle(CycleEdit::ConfirmationBody(p)))))}
            {text_row(ed, &root.key("confirmation").key("next"), "What happens next", None, TextLook::Area,
                read(|c| c.confirmation.next.clone()), set(CycleEdit::ConfirmationNext))}
        </section>
        <details class="ed-advanced">
            <summary>"Advanced: the cycle's id"</summary>
            {parsed_row(ed, &root.key("id"), "Cycle id",
                Some("Sent with every application and part of the key drafts are kept under. Lower-case letters, digits, - and _.".into()), "text",
                read(|c| c.id.to_string()),
                Arc::new(|t: &str| CycleId::new(t.trim()).ok_or_else(|| cycle::ids::slug_problem(t.trim()))),
                write(|id: CycleId| Some(Edit::Cycle(CycleEdit::Id(id)))))}
        </details>
    }
}

/// Which end of the deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Opens,
    Closes,
}

impl Which {
    fn key(self) -> &'static str {
        match self {
            Which::Opens => "opens_at",
            Which::Closes => "closes_at",
        }
    }
    fn legend(self) -> &'static str {
        match self {
            Which::Opens => "Opens",
            Which::Closes => "Closes",
        }
    }
    fn get(self, c: &cycle::Cycle) -> DateTime {
        match self {
            Which::Opens => c.deadline.opens_at,
            Which::Closes => c.deadline.closes_at,
        }
    }
    fn edit(self, t: DateTime) -> Edit {
        Edit::Cycle(match self {
            Which::Opens => CycleEdit::OpensAt(t),
            Which::Closes => CycleEdit::ClosesAt(t),
        })
    }
}

/// A deadline's date, time and time zone, stored as a date-time with the
/// zone's offset on that date, and read back in words.
#[component]
pub fn DateTimeControl(which: Which) -> impl IntoView {
    let ed = expect_context::<Editor>();
    let place = Place::root().key("deadline").key(which.key());
    let id = control_id(&place);
    let problems = problems_at(ed, &id);
    let now = Memo::new(move |_| ed.cycle.with(|c| which.get(c)));
    // A time or offset typed in part, with why it does not read yet.
    let pending: RwSignal<Option<String>> = RwSignal::new(None);
    let zone = Memo::new(move |_| Zone::of(now.get()));
    let words = move || zones::in_words(now.get());
    let update = move |date: Option<IsoDate>,
                       time: Option<(u8, u8, u8)>,
                       z: Option<Zone>,
                       offset: Option<i16>| {
        let t = now.get_untracked();
        let l = t.local();
        let date = date.unwrap_or(l.date);
        let (h, m, s) = time.unwrap_or((l.hour, l.minute, l.second));
        let z = z.unwrap_or_else(|| Zone::of(t));
        let offset = offset.unwrap_or(t.offset_minutes());
        match zones::at(date, h, m, s, z, offset) {
            Some(next) => {
                pending.set(None);
                ed.edit(
                    which.edit(next),
                    Some(format!("{}-{}", control_id(&place_of(which)), "dt")),
                );
            }
            None => pending.set(Some("That is not a time that exists".into())),
        }
    };
    let date_id = id.clone();
    let time_id = format!("{id}-time");
    let zone_id = format!("{id}-zone");
    let offset_id = format!("{id}-offset");
    let words_id = format!("{id}-words");
    let zone_options = Zone::ALL
        .into_iter()
        .map(|z| view! { <option value=z.key() selected=move || zone.get() == z>{z.title()}</option> })
        .collect_view();
    let shown = Memo::new(move |_| {
        let mut list = problems.get();
        if let Some(why) = pending.get() {
            list.insert(0, why);
        }
        list
    });
    let invalid = move || (!shown.with(Vec::is_empty)).then_some("true");
    let describe = {
        let words_id = words_id.clone();
        let id = id.clone();
        move || {
            if shown.with(Vec::is_empty) {
                words_id.clone()
            } else {
                format!("{words_id} {id}-error")
            }
        }
    };
    let describe2 = describe.clone();
    let describe3 = describe.clone();
    view! {
        <fieldset class="mf-fieldset ed-datetime" class:mf-field--error=move || !shown.with(Vec::is_empty)>
            <legend class="mf-legend">{which.legend()}</legend>
            <p class="ed-words" id=words_id.clone()>{move || format!("{} {}", which.legend(), words())}</p>
            <Problems id=id.clone() problems=shown/>
            <div class="ed-inline">
                <div class="ed-inline__item">
                    <label class="mf-label" for=date_id.clone()>"Date"</label>
                    <input class="mf-input" type="date" id=date_id.clone()
                        aria-describedby=describe.clone() aria-invalid=invalid
                        prop:value=move || now.get().local().date.to_string()
                        on:change=move |ev| match IsoDate::parse(&event_target_value(&ev)) {
                            Some(d) => update(Some(d), None, None, None),
                            None => pending.set(Some("Enter a real date".into())),
                        }
                    />
                </div>
                <div class="ed-inline__item">
                    <label class="mf-label" for=time_id.clone()>"Time"</label>
                    <input class="mf-input" type="time" step="1" id=time_id.clone()
                        aria-describedby=describe2 aria-invalid=invalid
                        prop:value=move || { let l = now.get().local(); format!("{:02}:{:02}:{:02}", l.hour, l.minute, l.second) }
                        on:change=move |ev| match parse_time(&event_target_value(&ev)) {
                            Some(t) => update(None, Some(t), None, None),
                            None => pending.set(Some("Enter a time, like 11:59 pm".into())),
                        }
                    />
                </div>
                <div class="ed-inline__item">
                    <label class="mf-label" for=zone_id.clone()>"Time zone"</label>
                    <select class="mf-select" id=zone_id.clone() aria-describedby=describe3
                        on:change=move |ev| {
                            if let Some(z) = Zone::from_key(&event_target_value(&ev)) {
                                update(None, None, Some(z), None);
                            }
                        }
                    >
                        {zone_options}
                    </select>
                </div>
                <Show when=move || zone.get() == Zone::Other>
                    <div class="ed-inline__item">
                        <label class="mf-label" for=offset_id.clone()>"Offset from UTC"</label>
                        <input class="mf-input mf-input--w4" type="text" id=offset_id.clone()
                            prop:value=move || zones::offset_text(now.get().offset_minutes())
                            on:change=move |ev| match zones::parse_offset(&event_target_value(&ev)) {
                                Some(o) => update(None, None, Some(Zone::Other), Some(o)),
                                None => pending.set(Some("Enter an offset like +05:30 or -03:00".into())),
                            }
                        />
                    </div>
                </Show>
            </div>
        </fieldset>
    }
}

fn place_of(which: Which) -> Place {
    Place::root().key("deadline").key(which.key())
}

/// `23:59`, `23:59:59` (what a time input gives).
fn parse_time(text: &str) -> Option<(u8, u8, u8)> {
    let mut parts = text.trim().split(':');
    let h = parts.next()?.parse::<u8>().ok()?;
    let m = parts.next()?.parse::<u8>().ok()?;
    let s = parts
        .next()
        .map(|s| s.split('.').next().unwrap_or("0").parse::<u8>().ok())
        .unwrap_or(Some(0))?;
    (h < 24 && m < 60 && s < 60).then_some((h, m, s))
}
