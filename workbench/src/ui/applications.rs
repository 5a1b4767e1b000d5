//! The applications of one cycle as a table: columns in the cycle's order
//! headed by the labels, sorting by any column, filters by any choice
//! question and by text (over the columns shown only), choosing columns,
//! pages of 25 to 250 rows, and "Print all" for the filtered set.

use std::collections::BTreeSet;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::state::{focus_on_mount, visible_columns, PrintJob, SheetRef, TableUi, View, Wb};
use crate::table::SortBy;

#[component]
pub fn ApplicationsView() -> impl IntoView {
    let wb = expect_context::<Wb>();
    let heading = NodeRef::<leptos::html::H1>::new();
    focus_on_mount(heading);
    view! {
        <h1 class="mf-heading" tabindex="-1" node_ref=heading>"Applications"</h1>
        <CycleChooser/>
        {move || match wb.sheet.get() {
            None => view! {
                <p class="mf-body">"No applications are open yet."</p>
                <p class="mf-actions">
                    <button type="button" class="mf-button" on:click=move |_| wb.go(View::Files)>
                        "Open files"
                    </button>
                </p>
            }
            .into_any(),
            Some(s) => view! { <SheetView s/> }.into_any(),
        }}
    }
}

/// Which cycle's applications the table shows, when several are open.
#[component]
fn CycleChooser() -> impl IntoView {
    let wb = expect_context::<Wb>();
    let choices = move || {
        wb.ws.with(|w| {
            w.groups()
                .iter()
                .filter_map(|g| {
                    g.cycle.map(|k| {
                        (
                            g.cycle_id.to_string(),
                            k.cycle.title.clone(),
                            g.applications,
                        )
                    })
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <Show when=move || { choices().len() > 1 }>
            <fieldset class="mf-fieldset wb-chooser">
                <legend class="mf-legend">"Show the applications of"</legend>
                <div class="wb-chooser__options">
                    {move || {
                        choices()
                            .into_iter()
                            .enumerate()
                            .map(|(i, (id, title, count))| {
                                let input_id = format!("wb-cycle-{i}");
                                let checked = {
                                    let id = id.clone();
                                    move || wb.table_cycle.with(|c| c.as_deref() == Some(id.as_str()))
                                };
                                view! {
                                    <div class="mf-radio">
                                        <input
                                            class="mf-radio__input"
                                            type="radio"
                                            name="wb-cycle"
                                            id=input_id.clone()
                                            prop:checked=checked
                                            on:change=move |_| {
                                                wb.table_cycle.set(Some(id.clone()));
                                                wb.table_ui.set(TableUi::new());
                                            }
                                        />
                                        <label class="mf-radio__label" for=input_id>
                                            {format!("{title} ({count})")}
                                        </label>
                                    </div>
                                }
                            })
                            .collect_view()
                    }}
                </div>
            </fieldset>
        </Show>
    }
}

/// The number of rows shown, in words.
fn count_text(shown: usize, of: usize) -> String {
    if shown == of {
        format!("{of} application{}", if of == 1 { "" } else { "s" })
    } else {
        format!("{shown} of {of} applications match")
    }
}

#[component]
fn SheetView(s: SheetRef) -> impl IntoView {
    let wb = expect_context::<Wb>();
    let sheet = s.sheet.clone();
    let total = sheet.table.rows();
    let visible = {
        let s = s.clone();
        Memo::new(move |_| visible_columns(&s, wb.hidden_columns, wb.show_confidential.get()))
    };
    let rows = wb.table_rows;
    let set_ui = move |f: &dyn Fn(&mut TableUi)| {
        wb.table_ui.update(|ui| {
            f(ui);
        })
    };
    let page_count = move || {
        let size = wb.table_ui.with(|u| u.page_size.max(1));
        rows.with(|r| r.len().div_ceil(size)).max(1)
    };
    let page = move || wb.table_ui.with(|u| u.page).min(page_count() - 1);
    let page_rows = move || {
        let size = wb.table_ui.with(|u| u.page_size.max(1));
        let start = page() * size;
        rows.with(|r| r.iter().skip(start).take(size).copied().collect::<Vec<_>>())
    };
    let status = move || {
        let n = rows.with(|r| r.len());
        let size = wb.table_ui.with(|u| u.page_size.max(1));
        let first = page() * size;
        let last = (first + size).min(n);
        if n == 0 {
            format!("{}; none to show.", count_text(0, total))
        } else {
            format!("{}; showing {}–{last}.", count_text(n, total), first + 1)
        }
    };
    let cycle_id = s.cycle_id.clone();
    let print_all = {
        let cycle_id = cycle_id.clone();
        move |_| {
            let rows = rows.get_untracked().to_vec();
            if rows.is_empty() {
                return;
            }
            wb.print_job.set(Some(PrintJob::Applicants {
                cycle_id: cycle_id.clone(),
                rows,
            }));
        }
    };
    // Back from an applicant: their "View" button takes the focus again.
    let table = NodeRef::<leptos::html::Table>::new();
    Effect::new(move |_| {
        let Some(table) = table.get() else {
            return;
        };
        let Some(reference) = wb.return_to_row.get() else {
            return;
        };
        wb.return_to_row.set(None);
        let Ok(buttons) = table.query_selector_all("button[data-reference]") else {
            return;
        };
        let found = (0..buttons.length())
            .filter_map(|i| buttons.item(i))
            .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
            .find(|b| b.get_attribute("data-reference").as_deref() == Some(reference.as_str()));
        if let Some(button) = found {
            let _ = button.focus();
        }
    });
    view! {
        <div class="wb-controls">
            <div class="mf-field wb-search">
                <label class="mf-label" for="wb-search">"Search the columns shown"</label>
                <p class="mf-hint" id="wb-search-hint">
                    "Every word must appear in a column shown. Hidden columns are not searched."
                </p>
                <input
                    class="mf-input"
                    type="search"
                    id="wb-search"
                    aria-describedby="wb-search-hint"
                    autocomplete="off"
                    prop:value=move || wb.table_ui.with(|u| u.text.clone())
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        set_ui(&|u| {
                            u.text = text.clone();
                            u.page = 0;
                        });
                    }
                />
            </div>
            <Filters s=s.clone() visible/>
            <ColumnChooser s=s.clone()/>
        </div>
        <div class="wb-table-head">
            <p class="wb-status" role="status" aria-live="polite" id="wb-table-status">{status}</p>
            <button type="button" class="mf-button mf-button--secondary" on:click=print_all>
                {move || format!("Print all {}", rows.with(|r| r.len()))}
            </button>
        </div>
        <div class="wb-table-wrap" role="region" aria-labelledby="wb-table-caption" tabindex="0">
            <table class="wb-table" node_ref=table>
                <caption id="wb-table-caption" class="wb-caption">
                    {move || {
                        wb.ws.with(|w| {
                            w.cycle(&cycle_id).map(|k| k.cycle.title.clone()).unwrap_or_default()
                        })
                    }}
                    <span class="mf-visually-hidden">{move || format!(", {}", status())}</span>
                </caption>
                <thead>
                    <tr>
                        <th scope="col" class="wb-table__open">"Application"</th>
                        {
                            let sheet = sheet.clone();
                            move || {
                                visible
                                    .get()
                                    .into_iter()
                                    .filter_map(|c| sheet.columns.get(c).map(|col| (c, col.label.clone())))
                                    .map(|(c, label)| view! { <SortHeader column=c label/> })
                                    .collect_view()
                            }
                        }
                    </tr>
                </thead>
                <tbody>
                    {
                        let sheet = sheet.clone();
                        let s = s.clone();
                        move || {
                            let cols = visible.get();
                            page_rows()
                                .into_iter()
                                .map(|row| {
                                    let name = sheet.names.get(row).cloned().unwrap_or_default();
                                    let reference = sheet.references.get(row).cloned().unwrap_or_default();
                                    let cycle_id = s.cycle_id.clone();
                                    let cells = cols
                                        .iter()
                                        .map(|&c| {
                                            let text = sheet
                                                .table
                                                .cell(row, c)
                                                .map(|cell| cell.text.clone())
                                                .unwrap_or_default();
                                            view! { <td class="wb-cell">{text}</td> }
                                        })
                                        .collect_view();
                                    view! {
                                        <tr>
                                            <td class="wb-table__open">
                                                <button
                                                    type="button"
                                                    class="mf-link-button"
                                                    aria-label=format!("View {name}")
                                                    data-reference=reference.clone()
                                                    on:click=move |_| {
                                                        wb.go(View::Applicant {
                                                            cycle_id: cycle_id.clone(),
                                                            reference: reference.clone(),
                                                        })
                                                    }
                                                >
                                                    "View"
                                                </button>
                                            </td>
                                            {cells}
                                        </tr>
                                    }
                                })
                                .collect_view()
                        }
                    }
                </tbody>
            </table>
        </div>
        <nav class="wb-pager" aria-label="Pages of applications">
            <button
                type="button"
                class="mf-button mf-button--secondary"
                disabled=move || page() == 0
                on:click=move |_| set_ui(&|u| u.page = u.page.saturating_sub(1))
            >
                "Previous page"
            </button>
            <span class="wb-pager__where">{move || format!("Page {} of {}", page() + 1, page_count())}</span>
            <button
                type="button"
                class="mf-button mf-button--secondary"
                disabled=move || { page() + 1 >= page_count() }
                on:click=move |_| {
                    let last = page_count() - 1;
                    set_ui(&|u| u.page = (u.page + 1).min(last))
                }
            >
                "Next page"
            </button>
            <label class="wb-pager__size-label" for="wb-page-size">"Rows per page"</label>
            <select
                class="mf-select wb-pager__size"
                id="wb-page-size"
                on:change=move |ev| {
                    if let Ok(n) = event_target_value(&ev).parse::<usize>() {
                        set_ui(&|u| {
                            u.page_size = n;
                            u.page = 0;
                        });
                    }
                }
            >
                {TableUi::PAGE_SIZES
                    .iter()
                    .map(|n| {
                        let n = *n;
                        view! {
                            <option value=n.to_string() selected=move || wb.table_ui.with(|u| u.page_size == n)>
                                {n.to_string()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </nav>
    }
}

/// A column heading that sorts by its column (ascending, then descending).
#[component]
fn SortHeader(column: usize, label: String) -> impl IntoView {
    let wb = expect_context::<Wb>();
    let state = move || {
        wb.table_ui.with(|u| match u.sort {
            Some(s) if s.column == column => Some(s.descending),
            _ => None,
        })
    };
    let aria_sort = move || match state() {
        Some(false) => "ascending",
        Some(true) => "descending",
        None => "none",
    };
    let on_click = move |_| {
        let next = match state() {
            None => Some(SortBy {
                column,
                descending: false,
            }),
            Some(false) => Some(SortBy {
                column,
                descending: true,
            }),
            Some(true) => None,
        };
        wb.table_ui.update(|u| {
            u.sort = next;
            u.page = 0;
        });
    };
    view! {
        <th scope="col" aria-sort=aria_sort>
            <button type="button" class="wb-sort" on:click=on_click>
                <span>{label}</span>
                <span class="wb-sort__mark" aria-hidden="true">
                    {move || match state() {
                        Some(false) => "\u{25b2}",
                        Some(true) => "\u{25bc}",
                        None => "\u{21c5}",
                    }}
                </span>
            </button>
        </th>
    }
}

/// One drop-down per choice question shown.
#[component]
fn Filters(s: SheetRef, visible: Memo<Vec<usize>>) -> impl IntoView {
    let wb = expect_context::<Wb>();
    let sheet = s.sheet.clone();
    let chosen = move || {
        wb.table_ui
            .with(|u| u.choices.values().filter(|v| !v.is_empty()).count())
    };
    view! {
        <details class="wb-details">
            <summary class="wb-details__summary">
                {move || match chosen() {
                    0 => "Filter by answer".to_string(),
                    n => format!("Filter by answer ({n} set)"),
                }}
            </summary>
            <div class="wb-details__body wb-filters">
                {move || {
                    visible
                        .get()
                        .into_iter()
                        .filter_map(|c| sheet.columns.get(c).map(|col| (c, col.clone())))
                        .filter(|(_, col)| !col.choices.is_empty())
                        .map(|(c, col)| {
                            let id = format!("wb-filter-{c}");
                            let current = move || {
                                wb.table_ui.with(|u| u.choices.get(&c).cloned().unwrap_or_default())
                            };
                            view! {
                                <div class="mf-field wb-filter">
                                    <label class="mf-label" for=id.clone()>{col.label.clone()}</label>
                                    <select
                                        class="mf-select"
                                        id=id
                                        on:change=move |ev| {
                                            let v = event_target_value(&ev);
                                            wb.table_ui.update(|u| {
                                                if v.is_empty() {
                                                    u.choices.remove(&c);
                                                } else {
                                                    u.choices.insert(c, v);
                                                }
                                                u.page = 0;
                                            });
                                        }
                                    >
                                        <option value="" selected=move || current().is_empty()>"Any answer"</option>
                                        {col
                                            .choices
                                            .iter()
                                            .map(|choice| {
                                                let value = choice.clone();
                                                let is = value.clone();
                                                view! {
                                                    <option value=value selected=move || current() == is>
                                                        {choice.clone()}
                                                    </option>
                                                }
                                            })
                                            .collect_view()}
                                    </select>
                                </div>
                            }
                        })
                        .collect_view()
                }}
                <p class="wb-filters__clear">
                    <button
                        type="button"
                        class="mf-button mf-button--secondary"
                        on:click=move |_| {
                            wb.table_ui.update(|u| {
                                u.choices.clear();
                                u.text.clear();
                                u.page = 0;
                            })
                        }
                    >
                        "Clear the search and filters"
                    </button>
                </p>
            </div>
        </details>
    }
}

/// Tick the columns to show.
#[component]
fn ColumnChooser(s: SheetRef) -> impl IntoView {
    let wb = expect_context::<Wb>();
    let cycle_id = s.cycle_id.clone();
    let sheet = s.sheet.clone();
    let hidden_count = {
        let cycle_id = cycle_id.clone();
        move || {
            wb.hidden_columns
                .with(|h| h.get(&cycle_id).map_or(0, BTreeSet::len))
        }
    };
    view! {
        <details class="wb-details">
            <summary class="wb-details__summary">
                {move || match hidden_count() {
                    0 => "Choose columns".to_string(),
                    n => format!("Choose columns ({n} hidden)"),
                }}
            </summary>
            <fieldset class="mf-fieldset wb-details__body">
                <legend class="mf-visually-hidden">"Columns to show"</legend>
                <div class="wb-columns">
                    {move || {
                        let show_confidential = wb.show_confidential.get();
                        sheet
                            .columns
                            .iter()
                            .enumerate()
                            .map(|(i, col)| {
                                let id = format!("wb-col-{i}");
                                let col_id = col.id.clone();
                                let cycle_id = cycle_id.clone();
                                let cycle_id2 = cycle_id.clone();
                                let col_id2 = col_id.clone();
                                let locked = col.confidential && !show_confidential;
                                let checked = move || {
                                    !locked
                                        && wb.hidden_columns.with(|h| {
                                            !h.get(&cycle_id2).is_some_and(|s| s.contains(&col_id2))
                                        })
                                };
                                let hint = locked.then_some(" (confidential: hidden)");
                                view! {
                                    <div class="mf-checkbox">
                                        <input
                                            class="mf-checkbox__input"
                                            type="checkbox"
                                            id=id.clone()
                                            disabled=locked
                                            prop:checked=checked
                                            on:change=move |ev| {
                                                let show = event_target_checked(&ev);
                                                wb.hidden_columns.update(|h| {
                                                    let set = h.entry(cycle_id.clone()).or_default();
                                                    if show {
                                                        set.remove(&col_id);
                                                    } else {
                                                        set.insert(col_id.clone());
                                                    }
                                                });
                                            }
                                        />
                                        <label class="mf-checkbox__label" for=id>
                                            {col.label.clone()}
                                            {hint}
                                        </label>
                                    </div>
                                }
                            })
                            .collect_view()
                    }}
                </div>
            </fieldset>
        </details>
    }
}
