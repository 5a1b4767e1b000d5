//! Taking over a page painted before the wasm arrived (issue 12,
//! docs/prerender.md).
//!
//! `scripts/early-paint.js` may have shown a prerendered copy of this route
//! (`[data-mf-prerendered]`), and the applicant may already have typed into
//! it, ticked a box or be in the middle of a word. The app renders into a
//! detached element meanwhile; once it shows a page, one synchronous step
//! swaps it in and replays onto the live controls what was done on the painted
//! ones (value, then `input`, `change` and, for fields already left, `blur`),
//! so the app's own handlers store each answer exactly as if it had been typed
//! there, and the focus and caret come back to the same place. No event can
//! run between reading the painted page and the swap, so no keystroke is lost.

use crate::browser;
use leptos::prelude::request_animation_frame;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

/// The prerendered page that `early-paint.js` showed in this host, if any.
pub fn painted_page(host: &HtmlElement) -> Option<Element> {
    host.query_selector(":scope > [data-mf-prerendered]")
        .ok()
        .flatten()
}

/// Waits until the app, rendering into `staging`, shows a page of its own
/// (a heading, no "Loading…"), then hands over.
pub fn take_over_when_ready(host: HtmlElement, painted: Element, staging: Element) {
    let app_root = staging.first_element_child();
    let ready = app_root.as_ref().is_some_and(|root| {
        let has = |sel: &str| root.query_selector(sel).ok().flatten().is_some();
        has("h1") && !has(".mf-loading")
    });
    match (ready, app_root) {
        (true, Some(root)) => take_over(&host, &painted, &root),
        _ => request_animation_frame(move || take_over_when_ready(host, painted, staging)),
    }
}

/// One control of the painted page that the applicant changed.
struct Changed {
    id: String,
    change: Change,
}

enum Change {
    Text(String),
    Checked(bool),
}

fn take_over(host: &HtmlElement, painted: &Element, app_root: &Element) {
    let active = browser::document().active_element();
    let focused = active
        .as_ref()
        .filter(|el| painted.contains(Some(el)))
        .map(|el| (el.id(), path_from(painted, el), selection_of(el)));
    let changed = changed_controls(painted);
    host.replace_children_with_node_1(app_root);
    let live = controls_by_id(app_root);
    let focused_id = focused
        .as_ref()
        .map(|(id, _, _)| id.as_str())
        .filter(|id| !id.is_empty());
    // Fields the applicant already left first (their "left the field" checks
    // run), the one still being typed in last, without a blur.
    let (current, left): (Vec<_>, Vec<_>) = changed
        .into_iter()
        .partition(|c| Some(c.id.as_str()) == focused_id);
    for c in left.iter().chain(current.iter()) {
        let Some(el) = live.iter().find(|el| el.id() == c.id) else {
            continue;
        };
        replay(el, &c.change, Some(c.id.as_str()) != focused_id);
    }
    if let Some((id, path, selection)) = focused {
        // By id for a control; by its place in the same markup for a link or
        // button (Continue, pressed before the take-over, keeps the focus).
        let el = live
            .into_iter()
            .find(|el| !id.is_empty() && el.id() == id)
            .or_else(|| follow(app_root, &path));
        if let Some(el) = el {
            if let Some(html) = el.dyn_ref::<HtmlElement>() {
                let _ = html.focus();
            }
            restore_selection(&el, selection);
        }
    }
}

/// Where `el` sits under `root`: its tag and the child index at every level.
fn path_from(root: &Element, el: &Element) -> Vec<(u32, String)> {
    let mut path = Vec::new();
    let mut at = el.clone();
    while !at.is_same_node(Some(root)) {
        let Some(parent) = at.parent_element() else {
            return Vec::new();
        };
        let children = parent.children();
        let index = (0..children.length())
            .find(|&i| children.item(i).is_some_and(|c| c.is_same_node(Some(&at))))
            .unwrap_or(0);
        path.push((index, at.tag_name()));
        at = parent;
    }
    path.reverse();
    path
}

/// The element at `path` under `root`, if the markup there is the same.
fn follow(root: &Element, path: &[(u32, String)]) -> Option<Element> {
    if path.is_empty() {
        return None;
    }
    path.iter().try_fold(root.clone(), |at, (index, tag)| {
        at.children().item(*index).filter(|c| &c.tag_name() == tag)
    })
}

fn changed_controls(painted: &Element) -> Vec<Changed> {
    controls_by_id(painted)
        .into_iter()
        .filter_map(|el| {
            // early-paint.js marks every control that had an input or change
            // event; a value unlike the painted markup's counts too (autofill).
            let touched = el.has_attribute("data-mf-touched");
            let change = if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
                match input.type_().as_str() {
                    // Choosing another radio unchecks this one: only the chosen one is an act.
                    "radio" => (input.checked() && (touched || !input.default_checked()))
                        .then_some(Change::Checked(true)),
                    "checkbox" => (touched || input.checked() != input.default_checked())
                        .then(|| Change::Checked(input.checked())),
                    _ => (touched || input.value() != input.default_value())
                        .then(|| Change::Text(input.value())),
                }
            } else if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
                (touched || Ok(area.value()) != area.default_value())
                    .then(|| Change::Text(area.value()))
            } else if let Some(select) = el.dyn_ref::<HtmlSelectElement>() {
                (touched || select.value() != default_choice(select))
                    .then(|| Change::Text(select.value()))
            } else {
                None
            }?;
            Some(Changed {
                id: el.id(),
                change,
            })
        })
        .collect()
}

/// The value a select shows before anyone chose: its `selected` option, or the first.
fn default_choice(select: &HtmlSelectElement) -> String {
    let option = select
        .query_selector("option[selected]")
        .ok()
        .flatten()
        .or_else(|| select.query_selector("option").ok().flatten());
    option
        .and_then(|o| o.get_attribute("value").or_else(|| o.text_content()))
        .unwrap_or_default()
}

fn controls_by_id(root: &Element) -> Vec<Element> {
    let Ok(list) = root.query_selector_all("input[id], textarea[id], select[id]") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

fn replay(el: &Element, change: &Change, left: bool) {
    match change {
        Change::Text(value) => {
            if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
                input.set_value(value);
            } else if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
                area.set_value(value);
            } else if let Some(select) = el.dyn_ref::<HtmlSelectElement>() {
                select.set_value(value);
            }
        }
        Change::Checked(on) => {
            if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
                input.set_checked(*on);
            }
        }
    }
    dispatch(el, "input", true);
    if left || matches!(change, Change::Checked(_)) || el.has_type::<HtmlSelectElement>() {
        dispatch(el, "change", true);
    }
    if left {
        dispatch(el, "blur", false);
        dispatch(el, "focusout", true);
    }
}

fn dispatch(el: &Element, name: &str, bubbles: bool) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(bubbles);
    init.set_composed(true);
    if let Ok(event) = web_sys::Event::new_with_event_init_dict(name, &init) {
        let _ = el.dispatch_event(&event);
    }
}

type Selection = Option<(u32, u32)>;

fn selection_of(el: &Element) -> Selection {
    if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
        // Types without a caret (checkbox, email, number) answer None or an error.
        Some((input.selection_start().ok()??, input.selection_end().ok()??))
    } else if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
        Some((area.selection_start().ok()??, area.selection_end().ok()??))
    } else {
        None
    }
}

fn restore_selection(el: &Element, selection: Selection) {
    let Some((start, end)) = selection else {
        return;
    };
    if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
        let _ = input.set_selection_range(start, end);
    } else if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
        let _ = area.set_selection_range(start, end);
    }
}
