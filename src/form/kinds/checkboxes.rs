//! `checkboxes`: any number of choices from a list (GOV.UK checkboxes), with
//! an optional `min` and `max` number of choices. The answer is the chosen
//! values in the order they are offered: a JSON array, repeated keys in a
//! form encoding.

use super::{
    check_choice_switch, choice_label, plain_display, Answer, Bounds, Control, Keys, Kind, Reading,
    SwitchError,
};
use crate::config::model::{Field, RatingScale};
use crate::config::texts::Texts;
use crate::form::value::Value;

pub struct Checkboxes;

impl Kind for Checkboxes {
    fn name(&self) -> &'static str {
        "checkboxes"
    }
    fn keys(&self) -> Keys {
        Keys {
            options: true,
            max_length: false,
            bounds: Some(Bounds::Count),
        }
    }
    fn read(&self, field: &Field, _: &RatingScale, value: &Value) -> Reading {
        let Value::List(chosen) = value else {
            return Reading::Unanswered;
        };
        // Offered order, each once; values that are not offered do not count.
        let values: Vec<String> = field
            .options
            .iter()
            .filter(|o| chosen.contains(&o.value))
            .map(|o| o.value.clone())
            .collect();
        if values.is_empty() {
            return Reading::Unanswered;
        }
        let n = values.len() as i64;
        let problem = if field.min_whole().is_some_and(|lo| n < lo)
            || field.max_whole().is_some_and(|hi| n > hi)
        {
            Some(self.count_message(field, n))
        } else {
            None
        };
        Reading::Answered {
            answer: Answer::Choices(values),
            problem,
        }
    }
    fn missing_message(&self, field: &Field, _: &RatingScale) -> String {
        if let Some(m) = &field.messages.required {
            return m.clone();
        }
        match field.min_whole() {
            Some(lo) if lo > 1 => self.count_message(field, 0),
            _ => format!("Select at least one answer to “{}”", field.label.trim_end()),
        }
    }
    fn format_message(&self, field: &Field) -> Option<String> {
        (field.min_whole().is_some() || field.max_whole().is_some())
            .then(|| self.count_message(field, 0))
    }
    fn display(&self, field: &Field, _: &RatingScale, answer: &Answer) -> String {
        match answer {
            Answer::Choices(values) => values
                .iter()
                .map(|v| choice_label(field, v))
                .collect::<Vec<_>>()
                .join("\n"),
            other => plain_display(other),
        }
    }
    fn control(&self, _: &Field) -> Control {
        Control::Checkboxes
    }
    fn default_hint<'t>(&self, texts: &'t Texts) -> Option<&'t str> {
        Some(texts.select_all_that_apply())
    }
    fn check_keys(&self, field: &Field) -> Vec<(&'static str, String)> {
        let offered = field.options.len() as i64;
        let mut problems = Vec::new();
        if let Some(lo) = field
            .min_whole()
            .filter(|lo| *lo < 0 || (*lo > offered && offered > 0))
        {
            problems.push((
                "min",
                format!("min is a number of choices from 0 to {offered}, not {lo}"),
            ));
        }
        if let Some(hi) = field
            .max_whole()
            .filter(|hi| *hi < 1 || (*hi > offered && offered > 0))
        {
            problems.push((
                "max",
                format!("max is a number of choices from 1 to {offered}, not {hi}"),
            ));
        }
        problems
    }
    fn check_switch(&self, field: &Field, equals: &str) -> Result<(), SwitchError> {
        check_choice_switch(field, equals)
    }
}

impl Checkboxes {
    /// "Select at least 2 answers to “…”", or the cycle's `messages.range`.
    fn count_message(&self, field: &Field, chosen: i64) -> String {
        if let Some(m) = &field.messages.range {
            return m.clone();
        }
        let label = field.label.trim_end();
        let answers = |n: i64| if n == 1 { "answer" } else { "answers" };
        match (field.min_whole(), field.max_whole()) {
            (Some(lo), Some(hi)) if lo == hi => {
                format!("Select {lo} {} to “{label}”", answers(lo))
            }
            (Some(lo), _) if chosen < lo => {
                format!("Select at least {lo} {} to “{label}”", answers(lo))
            }
            (_, Some(hi)) => format!("Select no more than {hi} {} to “{label}”", answers(hi)),
            (Some(lo), None) => format!("Select at least {lo} {} to “{label}”", answers(lo)),
            (None, None) => format!("Select at least one answer to “{label}”"),
        }
    }
}
