//! "Endpoint": where applications are sent and how, the names answers are
//! sent under, drafts and embedding; "Show the request" shows in the preview
//! exactly what the form would send.

use super::place::control_id;
use super::state::Editor;
use super::widgets::{
    check_row, parsed_row, problems_at, read, select_row, text_row, write, Problems, TextLook,
};
use cycle::edit::{CycleEdit, Edit};
use cycle::file::{Encoding, Method};
use cycle::Place;
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

#[component]
pub fn EndpointPanel() -> impl IntoView {
    let ed = expect_context::<Editor>();
    let submit = Place::root().key("submit");
    let parse_ms = Arc::new(|t: &str| {
        t.trim()
            .parse::<u32>()
            .map_err(|_| "Enter a whole number of milliseconds, like 15000".to_string())
    });
    let parse_n = Arc::new(|t: &str| {
        t.trim()
            .parse::<u32>()
            .map_err(|_| "Enter a whole number, like 2".to_string())
    });
    view! {
        <h3 class="ed-heading">"Endpoint"</h3>
        <section class="ed-card" aria-labelledby="ed-h-endpoint">
            <h4 class="ed-card__title" id="ed-h-endpoint">"Where applications go"</h4>
            {text_row(ed, &submit.key("url"), "Endpoint URL",
                Some("An https:// address, or a path on the form's own site such as /api/submissions.".into()), TextLook::Line,
                read(|c| c.submit.url.clone()), write(|v| Some(Edit::Cycle(CycleEdit::SubmitUrl(v)))))}
            {select_row(ed, &submit.key("method"), "Method", None,
                Method::ALL.iter().map(|m| (m.as_str().to_string(), m.as_str().to_string())).collect(),
                read(|c| c.submit.method.as_str().to_string()),
                write(|v: String| Method::ALL.into_iter().find(|m| m.as_str() == v).map(|m| Edit::Cycle(CycleEdit::Method(m)))))}
            {select_row(ed, &submit.key("encoding"), "Encoding", Some("JSON for an API; form for a form service such as Formspree or a script web app.".into()),
                Encoding::ALL.iter().map(|e| (e.name().to_string(), match e { Encoding::Json => "JSON", Encoding::Form => "Form (urlencoded)" }.to_string())).collect(),
                read(|c| c.submit.encoding.name().to_string()),
                write(|v: String| Encoding::ALL.into_iter().find(|e| e.name() == v).map(|e| Edit::Cycle(CycleEdit::Encoding(e)))))}
            {parsed_row(ed, &submit.key("timeout_ms"), "Timeout (milliseconds)", Some("Between 1000 and 120000.".into()), "text",
                read(|c| c.submit.timeout_ms.to_string()), parse_ms,
                write(|n| Some(Edit::Cycle(CycleEdit::TimeoutMs(n)))))}
            {parsed_row(ed, &submit.key("retries"), "Retries", Some("Extra attempts after a network error, a 5xx or a 429; at most 5.".into()), "text",
                read(|c| c.submit.retries.to_string()), parse_n,
                write(|n| Some(Edit::Cycle(CycleEdit::Retries(n)))))}
            {check_row(ed, &submit.key("accept_redirect"), "A redirected reply counts as sent",
                Some("Only for services that always redirect after storing (script web apps). Off, a redirect to a sign-in page never reads as sent.".into()),
                read(|c| c.submit.accept_redirect), write(|b| Some(Edit::Cycle(CycleEdit::AcceptRedirect(b)))))}
            <Headers/>
            <button type="button" class="mf-button" id="ed-show-request"
                on:click=move |_| ed.show_request.update(|n| *n += 1)>
                "Show the request"
            </button>
            <p class="mf-hint">"The preview shows, on its last page, the request the form would send with the answers entered in the preview. Nothing is sent."</p>
        </section>
        <FieldNames/>
        <section class="ed-card" aria-labelledby="ed-h-drafts">
            <h4 class="ed-card__title" id="ed-h-drafts">"Drafts and embedding"</h4>
            {text_row(ed, &Place::root().key("drafts").key("url"), "Where “Save and continue later” keeps drafts",
                Some("Optional: a URL or a path such as /api/drafts. Blank: the option is not offered.".into()), TextLook::Line,
                read(|c| c.drafts.as_ref().map(|d| d.url.clone()).unwrap_or_default()),
                write(|v: String| Some(Edit::Cycle(CycleEdit::DraftsUrl((!v.trim().is_empty()).then_some(v))))))}
            <div class="ed-paragraphs">
                {text_row(ed, &Place::root().key("embed").key("allowed_origins"), "Sites that may embed the form",
                    Some("One origin a line, such as https://www.ala.org.".into()), TextLook::Area,
                    read(|c| c.embed.allowed_origins.join("\n")),
                    write(|v: String| Some(Edit::Cycle(CycleEdit::EmbedOrigins(v.split('\n').map(str::to_string).filter(|l| !l.is_empty()).collect())))))}
            </div>
        </section>
    }
}

/// Header rows: a name and a value each. A name is changed when staff leave
/// its box (the headers are kept in name order, so a row does not jump while
/// its name is typed).
#[component]
fn Headers() -> impl IntoView {
    let ed = expect_context::<Editor>();
    let place = Place::root().key("submit").key("headers");
    let id = control_id(&place);
    let rows = Memo::new(move |_| {
        ed.cycle.with(|c| {
            c.submit
                .headers
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect::<Vec<_>>()
        })
    });
    let count = Memo::new(move |_| rows.with(Vec::len));
    let set_all = move |f: &dyn Fn(&mut BTreeMap<String, String>)| {
        let mut h = ed.cycle.with_untracked(|c| c.submit.headers.clone());
        f(&mut h);
        ed.edit(Edit::Cycle(CycleEdit::Headers(h)), None);
    };
    view! {
        <div class="ed-list" role="group" aria-labelledby=format!("{id}-legend") id=id.clone() tabindex="-1">
            <h5 class="ed-subheading" id=format!("{id}-legend")>"Headers"</h5>
            <Problems id=id.clone() problems=problems_at(ed, &id)/>
            <ul class="ed-rows">
                <For each=move || 0..count.get() key=|i| *i let:i>
                    {
                        let name = move || rows.with(|r| r.get(i).map(|x| x.0.clone()).unwrap_or_default());
                        let value = move || rows.with(|r| r.get(i).map(|x| x.1.clone()).unwrap_or_default());
                        let name_id = format!("ed-header-{i}-name");
                        let value_id = format!("ed-header-{i}-value");
                        view! {
                            <li class="ed-row ed-inline">
                                <div class="ed-inline__item">
                                    <label class="mf-label" for=name_id.clone()>{format!("Header {} name", i + 1)}</label>
                                    <input class="mf-input" type="text" id=name_id.clone() prop:value=name
                                        on:change=move |ev| {
                                            let new = event_target_value(&ev);
                                            let old = name();
                                            set_all(&|h| { if let Some(v) = h.remove(&old) { h.insert(new.clone(), v); } });
                                        }/>
                                </div>
                                <div class="ed-inline__item">
                                    <label class="mf-label" for=value_id.clone()>{format!("Header {} value", i + 1)}</label>
                                    <input class="mf-input" type="text" id=value_id.clone() prop:value=value
                                        on:input=move |ev| {
                                            let v = event_target_value(&ev);
                                            let k = name();
                                            let mut h = ed.cycle.with_untracked(|c| c.submit.headers.clone());
                                            h.insert(k, v);
                                            ed.edit(Edit::Cycle(CycleEdit::Headers(h)), Some(format!("ed-header-{i}-value")));
                                        }/>
                                </div>
                                <button type="button" class="mf-button mf-button--secondary ed-small"
                                    on:click=move |_| {
                                        let k = name();
                                        set_all(&|h| { h.remove(&k); });
                                        ed.focus("ed-header-add".into());
                                    }>
                                    "Delete"<span class="mf-visually-hidden">{move || format!(" header {}", name())}</span>
                                </button>
                            </li>
                        }
                    }
                </For>
            </ul>
            <button type="button" class="mf-button mf-button--secondary ed-small" id="ed-header-add"
                on:click=move |_| {
                    let name = {
                        let h = ed.cycle.with_untracked(|c| c.submit.headers.clone());
                        cycle::slug::unique("X-Header", '-', |n| h.contains_key(n))
                    };
                    let n = name.clone();
                    set_all(&|h| { h.insert(n.clone(), String::new()); });
                    let index = ed.cycle.with_untracked(|c| c.submit.headers.keys().position(|k| *k == name).unwrap_or(0));
                    ed.focus(format!("ed-header-{index}-name"));
                }>
                "Add header"
            </button>
        </div>
    }
}

/// The name each answer is sent under: one row per question.
#[component]
fn FieldNames() -> impl IntoView {
    let ed = expect_context::<Editor>();
    let ids = Memo::new(move |_| {
        ed.cycle.with(|c| {
            c.fields()
                .map(|f| (f.id.clone(), f.label.clone()))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="ed-card" aria-labelledby="ed-h-names">
            <h4 class="ed-card__title" id="ed-h-names">"Names answers are sent under"</h4>
            <p class="mf-hint">"Blank: the question's id. A form service may want its own names, such as entry.1234567."</p>
            {move || ids.get().into_iter().map(|(id, label)| {
                let place = Place::root().key("submit").key("field_names").key(id.as_str());
                let (id_get, id_set) = (id.clone(), id.clone());
                text_row(ed, &place, label, Some(format!("Id: {id}")), TextLook::Short,
                    read(move |c| c.submit.field_names.get(&id_get).cloned().unwrap_or_default()),
                    write(move |v: String| Some(Edit::Cycle(CycleEdit::SentName(id_set.clone(), (!v.is_empty()).then_some(v))))))
            }).collect_view()}
        </section>
    }
}
