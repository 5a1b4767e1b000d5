//! Where in the editor a place of the cycle file is edited: which panel, and
//! the id of the control (`sections[1].fields[2].max` →
//! `ed-sections-1-fields-2-max`). Every problem the cycle check reports is
//! shown at the control for its place, or, for a place without a control of
//! its own, at the nearest one that holds it. Pure, so it runs in native tests.

use cycle::problem::Step;
use cycle::Place;

/// The editor's panels, in the order of its tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Panel {
    Start,
    Cycle,
    Questions,
    Endpoint,
    Texts,
    Save,
    Json,
}

impl Panel {
    pub const ALL: [Panel; 7] = [
        Panel::Start,
        Panel::Cycle,
        Panel::Questions,
        Panel::Endpoint,
        Panel::Texts,
        Panel::Save,
        Panel::Json,
    ];

    /// The tab's words.
    pub fn title(self) -> &'static str {
        match self {
            Panel::Start => "Start",
            Panel::Cycle => "The cycle",
            Panel::Questions => "Sections and questions",
            Panel::Endpoint => "Endpoint",
            Panel::Texts => "Form texts",
            Panel::Save => "Save",
            Panel::Json => "JSON",
        }
    }

    /// A stable key (the session keeps where staff are; element ids).
    pub fn key(self) -> &'static str {
        match self {
            Panel::Start => "start",
            Panel::Cycle => "cycle",
            Panel::Questions => "questions",
            Panel::Endpoint => "endpoint",
            Panel::Texts => "texts",
            Panel::Save => "save",
            Panel::Json => "json",
        }
    }

    pub fn from_key(key: &str) -> Option<Panel> {
        Panel::ALL.into_iter().find(|p| p.key() == key)
    }

    /// The panel where a place is edited.
    pub fn of(place: &Place) -> Panel {
        match place.steps().first() {
            Some(Step::Key(k)) => match k.as_str() {
                "sections" => Panel::Questions,
                "submit" | "drafts" | "embed" => Panel::Endpoint,
                "texts" => Panel::Texts,
                _ => Panel::Cycle,
            },
            Some(Step::Index(_)) | None => Panel::Cycle,
        }
    }
}

/// The id of the element that edits `place`.
pub fn control_id(place: &Place) -> String {
    let mut id = String::from("ed");
    for step in place.steps() {
        id.push('-');
        match step {
            Step::Key(k) => id.extend(k.chars().map(|c| {
                if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                    c
                } else {
                    '_'
                }
            })),
            Step::Index(i) => id.push_str(&i.to_string()),
        }
    }
    if place.is_root() {
        id.push_str("-root");
    }
    id
}

/// The (section, question) a place is inside, if any.
pub fn question_of(place: &Place) -> Option<(usize, usize)> {
    match place.steps() {
        [Step::Key(s), Step::Index(si), Step::Key(f), Step::Index(fi), ..]
            if s == "sections" && f == "fields" =>
        {
            Some((*si, *fi))
        }
        _ => None,
    }
}

/// The section a place is inside, if any.
pub fn section_of(place: &Place) -> Option<usize> {
    match place.steps() {
        [Step::Key(s), Step::Index(si), ..] if s == "sections" => Some(*si),
        _ => None,
    }
}

fn key_is(step: Option<&Step>, names: &[&str]) -> bool {
    matches!(step, Some(Step::Key(k)) if names.contains(&k.as_str()))
}

/// The place whose control shows a problem at `place`: itself when it has a
/// control, else the nearest enclosing place that has one.
pub fn anchor(place: &Place) -> Place {
    let steps = place.steps();
    let take = |n: usize| {
        let mut p = Place::root();
        for s in steps.iter().take(n) {
            p = match s {
                Step::Key(k) => p.key(k),
                Step::Index(i) => p.index(*i),
            };
        }
        p
    };
    let first = match steps.first() {
        Some(Step::Key(k)) => k.as_str(),
        _ => return Place::root(),
    };
    match first {
        "sections" => {
            if question_of(place).is_some() {
                // sections[i].fields[j].<key>…
                let key = steps.get(4);
                if key_is(
                    key,
                    &[
                        "id",
                        "label",
                        "hint",
                        "kind",
                        "max_length",
                        "min",
                        "max",
                        "placeholder",
                        "autocomplete",
                        "required_when",
                    ],
                ) {
                    take(5)
                } else if key_is(key, &["messages"]) && steps.len() >= 6 {
                    take(6)
                } else if key_is(key, &["options"]) {
                    // options[k].label / .value: the choice's row; the list
                    // itself for a problem of the whole list.
                    if steps.len() >= 6 {
                        take(6).key("label")
                    } else {
                        take(5)
                    }
                } else {
                    take(4)
                }
            } else if section_of(place).is_some() {
                let key = steps.get(2);
                if key_is(key, &["id", "title", "intro", "notes", "fields"]) {
                    take(3)
                } else if key_is(key, &["links"]) && steps.len() >= 5 {
                    take(5)
                } else {
                    take(2)
                }
            } else {
                take(1)
            }
        }
        "links" if steps.len() >= 3 => take(3),
        "submit" => match steps.get(1) {
            Some(Step::Key(k)) if k == "field_names" && steps.len() >= 3 => take(3),
            Some(_) => take(2),
            None => take(1),
        },
        "embed" => Place::root().key("embed").key("allowed_origins"),
        "texts" | "deadline" | "contact" | "confirmation" | "drafts" => take(2.min(steps.len())),
        _ => take(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Place {
        Place::parse(s)
    }

    #[test]
    fn control_ids_from_places() {
        assert_eq!(
            control_id(&p("sections[1].fields[2].max")),
            "ed-sections-1-fields-2-max"
        );
        assert_eq!(control_id(&p("submit.url")), "ed-submit-url");
        assert_eq!(
            control_id(&p("submit.headers.X Bad")),
            "ed-submit-headers-X_Bad"
        );
        assert_eq!(control_id(&Place::root()), "ed-root");
    }

    #[test]
    fn problems_land_on_a_control() {
        for (place, at) in [
            ("sections[1].fields[2].id", "sections[1].fields[2].id"),
            (
                "sections[1].fields[2].required_when.field",
                "sections[1].fields[2].required_when",
            ),
            (
                "sections[1].fields[2].options[3].value",
                "sections[1].fields[2].options[3].label",
            ),
            (
                "sections[1].fields[2].options",
                "sections[1].fields[2].options",
            ),
            (
                "sections[1].fields[2].messages.range",
                "sections[1].fields[2].messages.range",
            ),
            ("sections[1].fields", "sections[1].fields"),
            ("sections[1].links[0].url", "sections[1].links[0].url"),
            ("sections", "sections"),
            ("deadline.closes_at", "deadline.closes_at"),
            ("submit.headers.X Y", "submit.headers"),
            ("submit.field_names.email", "submit.field_names.email"),
            ("embed.allowed_origins[2]", "embed.allowed_origins"),
            ("links[1].url", "links[1].url"),
            ("rating_scale", "rating_scale"),
            ("texts.continue_button", "texts.continue_button"),
        ] {
            assert_eq!(anchor(&p(place)).to_string(), at, "{place}");
        }
        assert_eq!(Panel::of(&p("sections[0].id")), Panel::Questions);
        assert_eq!(Panel::of(&p("submit.url")), Panel::Endpoint);
        assert_eq!(Panel::of(&p("drafts.url")), Panel::Endpoint);
        assert_eq!(Panel::of(&p("texts.loading")), Panel::Texts);
        assert_eq!(Panel::of(&p("deadline.closes_at")), Panel::Cycle);
        assert_eq!(question_of(&p("sections[3].fields[1].label")), Some((3, 1)));
        assert_eq!(section_of(&p("sections[3].title")), Some(3));
        for panel in Panel::ALL {
            assert_eq!(Panel::from_key(panel.key()), Some(panel));
        }
    }
}
