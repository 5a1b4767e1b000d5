//! Ids made from what staff write: a question's id from its label, a choice's
//! value from its label, a section's id from its title. Staff never type an
//! id; the editor makes one that is valid and unused, and keeps it once the
//! cycle was saved (renaming a label later does not change what the receiver
//! stores answers under).

use crate::ids::{ChoiceValue, FieldId, SectionId};
use crate::kinds::types::Choice;
use crate::model::Cycle;

/// The longest id made from a label (ids may be 64 long; shorter reads better
/// in an export's column heads).
const MAX_MADE: usize = 40;

/// Words of `label` in lower-case ASCII joined by `sep`: accents dropped
/// (`Café` → `cafe`), every other character a word break. Cut at a word
/// boundary to at most 40 characters. Empty when the label has no letter or
/// digit.
pub fn words(label: &str, sep: char) -> String {
    let mut words: Vec<String> = vec![String::new()];
    for ch in label.chars() {
        let folded = fold(ch);
        if !folded.is_empty() {
            if let Some(w) = words.last_mut() {
                w.push_str(&folded);
            }
        } else if ch != '\'' && ch != '’' {
            // `'` inside a word ("children's") joins rather than splits.
            words.push(String::new());
        }
    }
    let mut out = String::new();
    for w in words.iter().filter(|w| !w.is_empty()) {
        let with_sep = usize::from(!out.is_empty());
        if out.len() + with_sep + w.len() > MAX_MADE {
            if out.is_empty() {
                // One word longer than the limit: cut it.
                out.push_str(&w[..MAX_MADE]);
            }
            break;
        }
        if with_sep == 1 {
            out.push(sep);
        }
        out.push_str(w);
    }
    out
}

/// A character as lower-case ASCII letters or digits ("" for anything else).
fn fold(ch: char) -> String {
    if ch.is_ascii_alphanumeric() {
        return ch.to_ascii_lowercase().to_string();
    }
    let s = match ch {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "a",
        'æ' | 'Æ' => "ae",
        'ç' | 'Ç' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ñ' | 'Ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => "o",
        'œ' | 'Œ' => "oe",
        'ß' => "ss",
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
        'ý' | 'ÿ' | 'Ý' => "y",
        _ => "",
    };
    s.to_string()
}

/// `base`, or `base_2`, `base_3`, … (joined by `sep`), the first that `taken` refuses.
pub fn unique(base: &str, sep: char, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}{sep}{n}"))
        .find(|candidate| !taken(candidate))
        .unwrap_or_else(|| base.to_string())
}

/// A new question's id from its label: unused in the cycle, except by the
/// question `except` (the one being renamed, which may keep its own).
pub fn field_id(label: &str, cycle: &Cycle, except: Option<&FieldId>) -> FieldId {
    let base = non_empty(words(label, '_'), "question");
    let made = unique(&base, '_', |id| {
        cycle
            .fields()
            .any(|f| f.id.as_str() == id && Some(&f.id) != except)
    });
    FieldId::new(made).unwrap_or_else(|| fallback_field_id(cycle))
}

/// A new choice's value from its label: unused among the question's other choices.
pub fn choice_value(label: &str, options: &[Choice], except: Option<usize>) -> ChoiceValue {
    let base = non_empty(words(label, '_'), "option");
    let made = unique(&base, '_', |v| {
        options
            .iter()
            .enumerate()
            .any(|(i, o)| o.value.as_str() == v && Some(i) != except)
    });
    ChoiceValue::new(made)
        .or_else(|| ChoiceValue::new(format!("option_{}", options.len() + 1)))
        .unwrap_or_else(fallback_choice)
}

/// A new section's id from its title (route segments use hyphens: `about-you`).
pub fn section_id(title: &str, cycle: &Cycle, except: Option<&SectionId>) -> SectionId {
    let base = non_empty(words(title, '-'), "section");
    let made = unique(&base, '-', |id| {
        cycle
            .sections
            .iter()
            .any(|s| s.id.as_str() == id && Some(&s.id) != except)
    });
    SectionId::new(made).unwrap_or_else(|| {
        SectionId::new(format!("section-{}", cycle.sections.len() + 1))
            .unwrap_or_else(fallback_section)
    })
}

fn non_empty(s: String, instead: &str) -> String {
    // An id starts with a letter or digit; `words` never starts with a separator.
    if s.is_empty() {
        instead.to_string()
    } else {
        s
    }
}

// `words` only yields lower-case ASCII letters, digits and the separator, at
// most 40 long, never starting with the separator, so the ids above are
// always valid; these keep the functions total without a panic path.
fn fallback_field_id(cycle: &Cycle) -> FieldId {
    let n = cycle.fields().count() + 1;
    FieldId::new(format!("question_{n}")).unwrap_or_else(|| FieldId::unchecked("question".into()))
}
fn fallback_choice() -> ChoiceValue {
    ChoiceValue::unchecked("option".into())
}
fn fallback_section() -> SectionId {
    SectionId::unchecked("section".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_from_labels() {
        assert_eq!(words("Preferred start date", '_'), "preferred_start_date");
        assert_eq!(
            words("  What are your goals?  ", '_'),
            "what_are_your_goals"
        );
        assert_eq!(words("Children's librarian", '_'), "childrens_librarian");
        assert_eq!(words("Café – Zoë's", '-'), "cafe-zoes");
        assert_eq!(words("Video call", '_'), "video_call");
        assert_eq!(words("???", '_'), "");
        assert_eq!(words("日本語", '_'), "");
        assert_eq!(words("1:1 meetings", '_'), "1_1_meetings");
        let long = words(
            "What are your goals for the mentoring year and how will you reach them?",
            '_',
        );
        assert!(long.len() <= 40, "{long}");
        assert_eq!(long, "what_are_your_goals_for_the_mentoring");
        let one_word = words(&"a".repeat(80), '_');
        assert_eq!(one_word.len(), 40);
    }

    #[test]
    fn unique_appends_a_number() {
        let taken = ["email", "email_2"];
        assert_eq!(unique("email", '_', |s| taken.contains(&s)), "email_3");
        assert_eq!(unique("phone", '_', |s| taken.contains(&s)), "phone");
    }

    #[test]
    fn ids_are_valid_and_unused() {
        let cycle = crate::parse(include_str!("../../public/cycles/fall-2020-mentor.json"))
            .expect("shipped cycle");
        assert_eq!(field_id("Email", &cycle, None).as_str(), "email_2");
        let email = FieldId::new("email").unwrap();
        assert_eq!(field_id("Email", &cycle, Some(&email)).as_str(), "email");
        assert_eq!(field_id("¿?", &cycle, None).as_str(), "question");
        assert_eq!(
            section_id("About you", &cycle, None).as_str(),
            "about-you-2"
        );
        assert_eq!(
            section_id("Your goals", &cycle, None).as_str(),
            "your-goals"
        );
        let options = vec![Choice {
            value: ChoiceValue::new("email").unwrap(),
            label: "Email".into(),
        }];
        assert_eq!(choice_value("Email", &options, None).as_str(), "email_2");
        assert_eq!(choice_value("Email", &options, Some(0)).as_str(), "email");
        assert_eq!(choice_value("", &options, None).as_str(), "option");
    }
}
