//! The validation rules of a mentor-like fixture cycle
//! (`tests/fixtures/engine-cycle.json`), as a table: field, input,
//! other answers, expected outcome.
//!
//! Decisions recorded here:
//! - Years of experience is a plain whole number 0–60. Surrounding spaces are
//!   trimmed (" 7 " is 7). "007" is rejected: the cycle caps the field at two
//!   characters, and the message is the range message. "3.5", "-1", "ten" and
//!   "61" all get the same range message.
//! - A select/radio value that is not among the choices counts as not
//!   answered: "missing" when the field is required now, nothing otherwise.
//! - A rating outside 1–5 (0, 6) counts as not rated.

#[path = "support/unicode_cases.rs"]
mod unicode_cases;
use cycle::file::Messages;
use cycle::kinds::{lowercase_domain, rating_words};
use cycle::{Answer, Answers, Cycle, Field, FieldId, Value};
use mentor_form::form::rules::answer;
use mentor_form::form::rules::{
    check_all, check_field, check_section, display_answer, Problem, ProblemKind,
};

fn missing_message(c: &Cycle, f: &Field) -> String {
    f.missing_message(c)
}

fn format_message(c: &Cycle, f: &Field) -> Option<String> {
    f.format_message(&c.texts)
}

/// A mentor-like fixture: the same questions and messages, so editing the
/// shipped cycle never breaks these tests.
const FIXTURE: &str = include_str!("fixtures/engine-cycle.json");

fn cycle() -> Cycle {
    cycle::parse(FIXTURE).expect("the fixture parses")
}

fn t(s: &str) -> Option<Value> {
    Some(Value::Text(s.to_string()))
}
fn n(i: i64) -> Option<Value> {
    Some(Value::Number(i))
}
fn b(v: bool) -> Option<Value> {
    Some(Value::Bool(v))
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    Fine,
    Missing(&'static str),
    Format(&'static str),
}
use Expect::{Fine, Format, Missing};

const EMAIL_FORMAT: &str = "Enter an email address in the correct format, like name@example.org";
const PHONE_FORMAT: &str =
    "Enter a phone number in the correct format, like 312 944 6780 or +1 312 944 6780";
const YEARS_RANGE: &str = "Years of experience must be a whole number between 0 and 60";
const FIRST_TOO_LONG: &str = "First name must be 100 characters or less";
const CITY_MISSING: &str =
    "Enter your city – it is needed to match you with someone in your region";
const STATE_MISSING: &str =
    "Select your state – it is needed to match you with someone in your region";
const REGION_MISSING: &str =
    "Select yes if you would like to be matched with someone in your region";
const MEMBERSHIP_MISSING: &str = "Confirm that you are a current ALSC member and will maintain your membership throughout the Mentoring Program";
const PROGRAMMING_MISSING: &str = "Rate your level of comfort with Programming Skills";

struct Row {
    field: &'static str,
    input: Option<Value>,
    others: Vec<(&'static str, Value)>,
    expect: Expect,
}

fn row(field: &'static str, input: Option<Value>, expect: Expect) -> Row {
    Row {
        field,
        input,
        others: Vec::new(),
        expect,
    }
}

fn row_with(
    field: &'static str,
    input: Option<Value>,
    others: &[(&'static str, &str)],
    expect: Expect,
) -> Row {
    Row {
        field,
        input,
        others: others
            .iter()
            .map(|(k, v)| (*k, Value::Text(v.to_string())))
            .collect(),
        expect,
    }
}

fn table() -> Vec<Row> {
    let a = |k: usize| "a".repeat(k);
    let e = |k: usize| "é".repeat(k);
    // 254 characters exactly: 64 + 1 + 189.
    let long_email = format!("{}@{}.{}.{}.org", a(64), a(61), a(61), a(61));
    assert_eq!(long_email.chars().count(), 254);
    let too_long_email = format!("{}@{}.{}.{}.org", a(64), a(61), a(61), a(62));
    vec![
        // ---- email: good
        row("email", t("ann@example.org"), Fine),
        row("email", t("ann.lee@mail.library.example.org"), Fine),
        row("email", t("ann+mentor@example.org"), Fine),
        row("email", t("ann@bücher.de"), Fine),
        row("email", t("ann@пример.рф"), Fine),
        row("email", t("Ann.Lee@EXAMPLE.ORG"), Fine),
        row("email", t("  ann@example.org  "), Fine),
        row("email", t("o'brien_ann-lee@ala-example.org"), Fine),
        row("email", t(&long_email), Fine),
        // ---- email: bad
        row("email", t("ann.example.org"), Format(EMAIL_FORMAT)),
        row("email", t("ann@lee@example.org"), Format(EMAIL_FORMAT)),
        row("email", t("ann@@example.org"), Format(EMAIL_FORMAT)),
        row("email", t("ann@example"), Format(EMAIL_FORMAT)),
        row("email", t("ann@example.org."), Format(EMAIL_FORMAT)),
        row("email", t("ann lee@example.org"), Format(EMAIL_FORMAT)),
        row("email", t("ann@exa mple.org"), Format(EMAIL_FORMAT)),
        row("email", t(".ann@example.org"), Format(EMAIL_FORMAT)),
        row("email", t("ann.@example.org"), Format(EMAIL_FORMAT)),
        row("email", t("ann..lee@example.org"), Format(EMAIL_FORMAT)),
        row("email", t("name@"), Format(EMAIL_FORMAT)),
        row("email", t("@example.org"), Format(EMAIL_FORMAT)),
        row("email", t("ann@example.o"), Format(EMAIL_FORMAT)),
        row("email", t("\"ann,lee\"@example.org"), Format(EMAIL_FORMAT)),
        row("email", t("ann@-example.org"), Format(EMAIL_FORMAT)),
        row("email", t("ann@example..org"), Format(EMAIL_FORMAT)),
        row("email", t("ann@example.123"), Format(EMAIL_FORMAT)),
        row(
            "email",
            t(&too_long_email),
            Format("Email address must be 254 characters or less"),
        ),
        row("email", None, Missing("Enter your email address")),
        row("email", t("   "), Missing("Enter your email address")),
        // ---- phone: good, and skipped (optional)
        row("phone", t("312-944-6780"), Fine),
        row("phone", t("(312) 944 6780"), Fine),
        row("phone", t("+1 312.944.6780"), Fine),
        row("phone", t("+44 20 7946 0958"), Fine),
        row("phone", t("3129446780"), Fine),
        row("phone", t("944-6780"), Fine),
        row("phone", t("+1 (312) 944-6780"), Fine),
        row("phone", None, Fine),
        row("phone", t(""), Fine),
        row("phone", t("   "), Fine),
        // ---- phone: bad
        row("phone", t("312-944-CALL"), Format(PHONE_FORMAT)),
        row("phone", t("944 678"), Format(PHONE_FORMAT)),
        row("phone", t("+1 312 944 6780 12345"), Format(PHONE_FORMAT)),
        row("phone", t("++1 312 944 6780"), Format(PHONE_FORMAT)),
        row("phone", t("(312 944 6780"), Format(PHONE_FORMAT)),
        row("phone", t("312) 944 (6780"), Format(PHONE_FORMAT)),
        row("phone", t("((312)) 944 6780"), Format(PHONE_FORMAT)),
        row("phone", t("312 +944 6780"), Format(PHONE_FORMAT)),
        row("phone", t("312 944 6780 ext 2"), Format(PHONE_FORMAT)),
        // ---- years of experience
        row("years_experience", t("0"), Fine),
        row("years_experience", t("60"), Fine),
        row("years_experience", t(" 7 "), Fine),
        row("years_experience", t("61"), Format(YEARS_RANGE)),
        row("years_experience", t("99"), Format(YEARS_RANGE)),
        row("years_experience", t("-1"), Format(YEARS_RANGE)),
        row("years_experience", t("3.5"), Format(YEARS_RANGE)),
        row("years_experience", t("ten"), Format(YEARS_RANGE)),
        row("years_experience", t("007"), Format(YEARS_RANGE)),
        row("years_experience", t("+5"), Format(YEARS_RANGE)),
        row(
            "years_experience",
            t(""),
            Missing("Enter your years of experience"),
        ),
        row(
            "years_experience",
            None,
            Missing("Enter your years of experience"),
        ),
        // ---- lengths, counted in characters
        row("first_name", t(&a(100)), Fine),
        row("first_name", t(&a(101)), Format(FIRST_TOO_LONG)),
        row("first_name", t(&e(100)), Fine),
        row("first_name", t(&e(101)), Format(FIRST_TOO_LONG)),
        row("first_name", t(&format!("  {}  ", a(100))), Fine),
        row("institution", t(&a(200)), Fine),
        row(
            "institution",
            t(&a(201)),
            Format("Library or institution must be 200 characters or less"),
        ),
        row("position", t(&"🦉".repeat(150)), Fine),
        row(
            "position",
            t(&"🦉".repeat(151)),
            Format("Position title must be 150 characters or less"),
        ),
        // ---- names in any script
        row("first_name", t("Zoë"), Fine),
        row("last_name", t("Ñúñez-O’Brien"), Fine),
        row("first_name", t("王秀英"), Fine),
        row("first_name", t("Zoe\u{0308}"), Fine),
        row("first_name", t("مريم"), Fine),
        row("last_name", t("כהן"), Fine),
        row("last_name", t("Nguyễn"), Fine),
        // ---- whitespace
        row("first_name", t("   "), Missing("Enter your first name")),
        row("first_name", t("\t \n"), Missing("Enter your first name")),
        row("first_name", t(""), Missing("Enter your first name")),
        row("first_name", None, Missing("Enter your first name")),
        row("last_name", t("  Lee  "), Fine),
        // ---- wrong kind of value for a text field counts as not answered
        row("first_name", n(5), Missing("Enter your first name")),
        // ---- membership
        row("membership_confirmed", b(true), Fine),
        row(
            "membership_confirmed",
            b(false),
            Missing(MEMBERSHIP_MISSING),
        ),
        row("membership_confirmed", None, Missing(MEMBERSHIP_MISSING)),
        row(
            "membership_confirmed",
            t("yes"),
            Missing(MEMBERSHIP_MISSING),
        ),
        // ---- ratings
        row("comp_programming", None, Missing(PROGRAMMING_MISSING)),
        row("comp_programming", n(0), Missing(PROGRAMMING_MISSING)),
        row("comp_programming", n(6), Missing(PROGRAMMING_MISSING)),
        row("comp_programming", n(-1), Missing(PROGRAMMING_MISSING)),
        row("comp_programming", t("3"), Missing(PROGRAMMING_MISSING)),
        row("comp_programming", n(1), Fine),
        row("comp_programming", n(3), Fine),
        row("comp_programming", n(5), Fine),
        row(
            "comp_materials",
            None,
            Missing(
                "Rate your level of comfort with Knowledge, Curation, and Management of Materials",
            ),
        ),
        // ---- radios and selects
        row("region_match", t("yes"), Fine),
        row("region_match", t("no"), Fine),
        row("region_match", t("maybe"), Missing(REGION_MISSING)),
        row("region_match", t("Yes"), Missing(REGION_MISSING)),
        row("region_match", None, Missing(REGION_MISSING)),
        row("gender_match", None, Fine),
        row("gender_match", t("no_preference"), Fine),
        // An unknown choice on an optional question is simply not an answer.
        row("gender_match", t("maybe"), Fine),
        row("gender", t("Non-binary"), Fine),
        row("gender", t(&a(100)), Fine),
        row(
            "gender",
            t(&a(101)),
            Format(
                "Your answer to “How do you describe your gender?” must be 100 characters or less",
            ),
        ),
        row("ethnicity", t(""), Fine),
        // ---- the conditional rule, field by field
        row_with(
            "city",
            None,
            &[("region_match", "yes")],
            Missing(CITY_MISSING),
        ),
        row_with(
            "city",
            t("  "),
            &[("region_match", "yes")],
            Missing(CITY_MISSING),
        ),
        row_with("city", t("Chicago"), &[("region_match", "yes")], Fine),
        row_with("city", None, &[("region_match", "no")], Fine),
        row("city", None, Fine),
        row_with(
            "state",
            None,
            &[("region_match", "yes")],
            Missing(STATE_MISSING),
        ),
        row_with(
            "state",
            t("ZZ"),
            &[("region_match", "yes")],
            Missing(STATE_MISSING),
        ),
        row_with(
            "state",
            t("il"),
            &[("region_match", "yes")],
            Missing(STATE_MISSING),
        ),
        row_with("state", t("IL"), &[("region_match", "yes")], Fine),
        row_with("state", t("PR"), &[("region_match", "yes")], Fine),
        row_with("state", t("outside_us"), &[("region_match", "yes")], Fine),
        row_with("state", None, &[("region_match", "no")], Fine),
        row_with(
            "state",
            None,
            &[("region_match", " yes ")],
            Missing(STATE_MISSING),
        ),
        row_with(
            "city",
            t(&a(101)),
            &[("region_match", "no")],
            Format("City must be 100 characters or less"),
        ),
    ]
}

fn outcome(p: Option<Problem>) -> Option<(ProblemKind, String)> {
    p.map(|p| (p.kind, p.message))
}

#[test]
fn the_rules_table() {
    let c = cycle();
    let rows = table();
    assert!(rows.len() >= 70, "only {} rows", rows.len());
    let mut failures = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let field = c
            .field_named(r.field)
            .unwrap_or_else(|| panic!("row {i}: no field {}", r.field));
        let mut answers = Answers::new();
        for (k, v) in &r.others {
            answers.insert(fid(k), v.clone());
        }
        if let Some(v) = &r.input {
            answers.insert(fid(r.field), v.clone());
        }
        let got = check_field(&c, field, &answers);
        if let Some(p) = &got {
            assert_eq!(p.field.as_str(), r.field, "row {i}");
        }
        let want = match r.expect {
            Fine => None,
            Missing(m) => Some((ProblemKind::Missing, m.to_string())),
            Format(m) => Some((ProblemKind::Format, m.to_string())),
        };
        let got = outcome(got);
        if got != want {
            failures.push(format!(
                "row {i}: {} = {:?} (with {:?})\n   want {want:?}\n    got {got:?}",
                r.field, r.input, r.others
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

fn answers(pairs: &[(&str, Value)]) -> Answers {
    pairs.iter().map(|(k, v)| (fid(k), v.clone())).collect()
}

fn complete() -> Answers {
    let mut a = answers(&[
        ("membership_confirmed", Value::Bool(true)),
        ("first_name", Value::Text("Zoë".into())),
        ("last_name", Value::Text("Ñúñez-O’Brien".into())),
        ("email", Value::Text("zoe@example.org".into())),
        ("institution", Value::Text("Chicago Public Library".into())),
        ("position", Value::Text("Children's Librarian".into())),
        ("years_experience", Value::Text("12".into())),
        ("region_match", Value::Text("no".into())),
    ]);
    for (i, f) in cycle()
        .fields()
        .filter(|f| f.id.as_str().starts_with("comp_"))
        .enumerate()
    {
        a.insert(f.id.clone(), Value::Number(1 + i as i64 % 5));
    }
    a
}

fn section<'a>(c: &'a Cycle, id: &str) -> &'a cycle::Section {
    c.section_named(id).unwrap().1
}

#[test]
fn region_yes_with_empty_city_and_state_gives_two_missing_problems_on_the_region_page() {
    let c = cycle();
    let mut a = complete();
    a.insert(fid("region_match"), Value::Text("yes".into()));
    let problems = check_section(&c, section(&c, "region"), &a);
    let got: Vec<(&str, ProblemKind, &str)> = problems
        .iter()
        .map(|p| (p.field.as_str(), p.kind, p.message.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("city", ProblemKind::Missing, CITY_MISSING),
            ("state", ProblemKind::Missing, STATE_MISSING),
        ]
    );
    // The same two show on the page that holds the fields, and in check_all.
    let about: Vec<String> = check_section(&c, section(&c, "about-you"), &a)
        .into_iter()
        .map(|p| p.field.to_string())
        .collect();
    assert_eq!(about, ["city", "state"]);
    assert_eq!(check_all(&c, &a).len(), 2);
}

#[test]
fn region_no_needs_no_city_or_state() {
    let c = cycle();
    let a = complete();
    assert!(check_section(&c, section(&c, "region"), &a).is_empty());
    assert!(check_all(&c, &a).is_empty());
}

#[test]
fn region_yes_with_city_but_no_state_flags_only_state() {
    let c = cycle();
    let mut a = complete();
    a.insert(fid("region_match"), Value::Text("yes".into()));
    a.insert(fid("city"), Value::Text("Chicago".into()));
    let fields: Vec<String> = check_section(&c, section(&c, "region"), &a)
        .into_iter()
        .map(|p| p.field.to_string())
        .collect();
    assert_eq!(fields, ["state"]);
    a.insert(fid("state"), Value::Text("IL".into()));
    assert!(check_section(&c, section(&c, "region"), &a).is_empty());
    assert!(check_all(&c, &a).is_empty());
}

#[test]
fn region_unanswered_reports_the_radio_only() {
    let c = cycle();
    let mut a = complete();
    a.remove(&fid("region_match"));
    let problems = check_section(&c, section(&c, "region"), &a);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].field.as_str(), "region_match");
    assert_eq!(problems[0].message, REGION_MISSING);
}

#[test]
fn nothing_answered_lists_every_required_question_in_page_order() {
    let c = cycle();
    let problems = check_all(&c, &Answers::new());
    let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "membership_confirmed",
            "first_name",
            "last_name",
            "email",
            "institution",
            "position",
            "years_experience",
            "region_match",
            "comp_client_group",
            "comp_reference",
            "comp_programming",
            "comp_materials",
            "comp_outreach",
            "comp_admin",
            "comp_professionalism",
        ]
    );
    assert!(problems.iter().all(|p| p.kind == ProblemKind::Missing));
    let membership = check_section(&c, section(&c, "membership"), &Answers::new());
    assert_eq!(membership[0].message, MEMBERSHIP_MISSING);
}

#[test]
fn a_complete_application_has_no_problems() {
    let c = cycle();
    assert_eq!(check_all(&c, &complete()), []);
}

#[test]
fn answers_are_trimmed_keep_internal_spaces_and_lowercase_email_domains() {
    let c = cycle();
    let read = |id: &str, raw: &str| {
        let a = answers(&[(id, Value::Text(raw.into()))]);
        answer(&c, c.field_named(id).unwrap(), &a)
    };
    let text = |s: &str| Some(Answer::Text(s.into()));
    assert_eq!(read("first_name", "  Ann  Lee  "), text("Ann  Lee"));
    assert_eq!(read("first_name", "\tAnn\n"), text("Ann"));
    assert_eq!(
        read("first_name", "Ann.Lee@Example.ORG"),
        text("Ann.Lee@Example.ORG")
    );
    assert_eq!(
        read("email", "Ann.Lee@Example.ORG"),
        text("Ann.Lee@example.org")
    );
    assert_eq!(read("email", " ANN@EXAMPLE.ORG "), text("ANN@example.org"));
    assert_eq!(read("first_name", "   "), None);
    // Whole numbers are parsed once, when read.
    assert_eq!(read("years_experience", " 12 "), Some(Answer::Number(12)));
    assert_eq!(lowercase_domain("no-at-sign"), "no-at-sign");
    assert_eq!(lowercase_domain("ann@BÜCHER.DE"), "ann@bücher.de");
}

/// The cases `components.rs` also runs in the browser, where lower-casing
/// and the letter/upper-case checks are the JS engine's: both builds must agree.
#[test]
fn lower_casing_natively() {
    unicode_cases::check_all();
}

fn banned(msg: &str) -> Option<&'static str> {
    let lower = msg.to_lowercase();
    ["please", "valid", "invalid"]
        .into_iter()
        .find(|w| lower.contains(w))
}

fn all_messages(c: &Cycle) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for f in c.fields() {
        out.push((f.id.to_string(), missing_message(c, f)));
        out.extend(format_message(c, f).map(|m| (f.id.to_string(), m)));
        // The too-long message as check_field builds it.
        if let Some(max) = f.kind.max_length() {
            let mut a = Answers::new();
            a.insert(f.id.clone(), Value::Text("9".repeat(max as usize + 1)));
            if let Some(p) = check_field(c, f, &a) {
                out.push((f.id.to_string(), p.message));
            }
        }
        let m = &f.messages;
        for s in [&m.required, &m.format, &m.too_long, &m.range]
            .into_iter()
            .flatten()
        {
            out.push((f.id.to_string(), s.clone()));
        }
    }
    out
}

#[test]
fn no_message_says_please_valid_or_invalid() {
    let c = cycle();
    // The fixture's messages, and the ones built from labels when a cycle
    // gives none.
    let mut plain = c.clone();
    for s in &mut plain.sections {
        for f in &mut s.fields {
            f.messages = Messages::default();
        }
    }
    let mut messages = all_messages(&c);
    messages.extend(all_messages(&plain));
    assert!(messages.len() > 50);
    for (field, msg) in &messages {
        assert!(banned(msg).is_none(), "{field}: “{msg}”");
        assert!(!msg.trim().is_empty(), "{field}: empty message");
    }
}

#[test]
fn messages_built_from_labels_reuse_the_labels_words() {
    let c = cycle();
    let bare = |id: &str| -> Field {
        let mut f = c.field_named(id).unwrap().clone();
        f.messages = Messages::default();
        f
    };
    assert_eq!(missing_message(&c, &bare("first_name")), "Enter first name");
    assert_eq!(missing_message(&c, &bare("state")), "Select state");
    assert_eq!(
        missing_message(&c, &bare("comp_programming")),
        "Choose a rating from 1 to 5 for Programming Skills"
    );
    assert_eq!(
        missing_message(&c, &bare("region_match")),
        "Select an answer to “Would you like to be matched with someone in your region?”"
    );
    assert_eq!(
        format_message(&c, &bare("years_experience")).as_deref(),
        Some(YEARS_RANGE)
    );
}

#[test]
fn rating_words_for_each_step() {
    let c = cycle();
    let words: Vec<String> = (1..=5)
        .map(|i| rating_words(&c.rating_scale, &c.texts, i))
        .collect();
    assert_eq!(
        words,
        [
            "1 of 5, Uncomfortable",
            "2 of 5, towards Uncomfortable",
            "3 of 5, between Uncomfortable and Comfortable",
            "4 of 5, towards Comfortable",
            "5 of 5, Comfortable",
        ]
    );
}

#[test]
fn display_answer_reads_like_the_review_page() {
    let c = cycle();
    let mut a = complete();
    a.insert(fid("state"), Value::Text("IL".into()));
    a.insert(fid("gender_match"), Value::Text("no_preference".into()));
    a.insert(fid("email"), Value::Text("  Zoe.N@Example.ORG ".into()));
    a.insert(fid("comp_programming"), Value::Number(3));
    a.insert(fid("comp_admin"), Value::Number(0));
    a.insert(fid("ethnicity"), Value::Text("   ".into()));
    a.insert(fid("gender"), Value::Text(" Woman ".into()));
    let show = |id: &str| display_answer(&c, c.field_named(id).unwrap(), &a);
    assert_eq!(show("phone"), "Not provided");
    assert_eq!(show("ethnicity"), "Not provided");
    assert_eq!(show("ethnicity_match"), "Not provided");
    assert_eq!(show("gender"), "Woman");
    assert_eq!(show("state"), "Illinois");
    assert_eq!(show("gender_match"), "No preference");
    assert_eq!(show("region_match"), "No");
    assert_eq!(show("membership_confirmed"), "Yes");
    assert_eq!(show("email"), "Zoe.N@example.org");
    assert_eq!(show("years_experience"), "12");
    assert_eq!(
        show("comp_programming"),
        "3 of 5, between Uncomfortable and Comfortable"
    );
    // Out of range is "not rated" for the rules, so not an answer here either.
    assert_eq!(show("comp_admin"), "Not provided");
}

/// A field id of the fixture.
fn fid(s: &str) -> FieldId {
    FieldId::new(s).expect("a field id")
}
