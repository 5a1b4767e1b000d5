//! Component tests in headless Chromium (wasm-bindgen-test):
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test components`
#![cfg(target_arch = "wasm32")]

#[path = "support/unicode_cases.rs"]
mod unicode_cases;
use cycle::{FieldId, TextKey, Value};
use leptos::prelude::*;
use mentor_form::components::field::FieldView;
use mentor_form::pages::section::SectionForm;
use mentor_form::state::nav::Nav;
use mentor_form::state::store::{FormState, Mode};
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A mentor-like fixture (the shipped cycle may change without breaking these).
const CYCLE: &str = include_str!("fixtures/engine-cycle.json");

fn state() -> FormState {
    let cycle = Arc::new(cycle::parse(CYCLE).expect("the fixture parses"));
    let url = cycle.submit.url.clone();
    FormState::new(cycle, Mode::Preview, url)
}

/// Mounts `f` into a fresh container with the form's contexts.
fn mount(state: FormState, f: impl FnOnce() -> AnyView + 'static) -> HtmlElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), move || {
        provide_context(state);
        provide_context(Nav::preview());
        f()
    });
    handle.forget();
    host
}

fn q(root: &web_sys::Element, sel: &str) -> web_sys::Element {
    root.query_selector(sel)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {sel}"))
}

fn rating_field(st: &FormState, id: &str) -> cycle::Field {
    st.cycle.field_named(id).unwrap().clone()
}

#[wasm_bindgen_test]
async fn untouched_slider_is_not_rated() {
    let st = state();
    let field = rating_field(&st, "comp_programming");
    let root = mount(st.clone(), move || {
        view! { <FieldView field=field/> }.into_any()
    });
    leptos::task::tick().await;
    let slider = q(&root, "input[type=range]#f-comp_programming");
    assert_eq!(
        slider.get_attribute("aria-valuetext").as_deref(),
        Some("Not yet rated")
    );
    assert_eq!(slider.get_attribute("min").as_deref(), Some("1"));
    assert_eq!(slider.get_attribute("max").as_deref(), Some("5"));
    assert!(q(&root, ".mf-rating")
        .class_list()
        .contains("mf-rating--unrated"));
    assert_eq!(
        q(&root, ".mf-rating__value").text_content().unwrap(),
        "Not yet rated"
    );
    // The store says "no answer", not the range input's default of 3.
    assert_eq!(st.value(&fid("comp_programming")).get_untracked(), None);
}

#[wasm_bindgen_test]
async fn mark_click_sets_value_in_words() {
    let st = state();
    let field = rating_field(&st, "comp_outreach");
    let root = mount(st.clone(), move || {
        view! { <FieldView field=field/> }.into_any()
    });
    leptos::task::tick().await;
    let mark: HtmlElement = q(&root, ".mf-rating__mark[data-value='4']").unchecked_into();
    mark.click();
    leptos::task::tick().await;
    let slider: HtmlInputElement = q(&root, "#f-comp_outreach").unchecked_into();
    assert_eq!(
        slider.get_attribute("aria-valuetext").as_deref(),
        Some("4 of 5, towards Comfortable")
    );
    assert_eq!(slider.value(), "4");
    assert_eq!(
        st.value(&fid("comp_outreach")).get_untracked(),
        Some(Value::Number(4))
    );
    assert!(!q(&root, ".mf-rating")
        .class_list()
        .contains("mf-rating--unrated"));
    // Clicking a mark leaves focus on the slider, the keyboard control.
    let active = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
        .unwrap();
    assert_eq!(active.id(), "f-comp_outreach");
}

#[wasm_bindgen_test]
async fn keyboard_change_updates_value_text() {
    // A browser turns ArrowRight/Home/End on a range input into a new value
    // plus an `input` event; synthetic key events do not move it, so this
    // applies the change the way the browser reports it (the end-to-end
    // suite presses the real keys).
    let st = state();
    let field = rating_field(&st, "comp_admin");
    let root = mount(st.clone(), move || {
        view! { <FieldView field=field/> }.into_any()
    });
    leptos::task::tick().await;
    let slider: HtmlInputElement = q(&root, "#f-comp_admin").unchecked_into();
    for (value, words) in [
        ("1", "1 of 5, Uncomfortable"),
        ("3", "3 of 5, between Uncomfortable and Comfortable"),
        ("5", "5 of 5, Comfortable"),
        ("2", "2 of 5, towards Uncomfortable"),
    ] {
        slider.set_value(value);
        slider
            .dispatch_event(&web_sys::Event::new("input").unwrap())
            .unwrap();
        leptos::task::tick().await;
        assert_eq!(
            slider.get_attribute("aria-valuetext").as_deref(),
            Some(words)
        );
        assert_eq!(q(&root, ".mf-rating__value").text_content().unwrap(), words);
    }
}

#[wasm_bindgen_test]
async fn section_renders_its_fields_from_the_cycle() {
    let st = state();
    let root = mount(st.clone(), || {
        view! { <SectionForm section_id="about-you".to_string()/> }.into_any()
    });
    leptos::task::tick().await;
    assert_eq!(q(&root, "h1").text_content().unwrap(), "About you");
    assert_eq!(
        q(&root, ".mf-caption").text_content().unwrap(),
        "Section 2 of 6"
    );
    for id in [
        "first_name",
        "last_name",
        "email",
        "phone",
        "institution",
        "position",
        "city",
        "state",
        "years_experience",
    ] {
        let control = q(&root, &format!("#f-{id}"));
        let label = q(&root, &format!("label[for='f-{id}']"));
        let field = st.cycle.field_named(id).unwrap();
        assert!(
            label.text_content().unwrap().starts_with(&field.label),
            "label of {id}"
        );
        assert_eq!(control.get_attribute("name").as_deref(), Some(id));
    }
    assert!(q(&root, "label[for='f-phone']")
        .text_content()
        .unwrap()
        .ends_with("(optional)"));
    assert!(!q(&root, "label[for='f-email']")
        .text_content()
        .unwrap()
        .contains("optional"));
    assert_eq!(
        q(&root, "#f-email").get_attribute("type").as_deref(),
        Some("email")
    );
    assert_eq!(
        q(&root, "#f-years_experience")
            .get_attribute("inputmode")
            .as_deref(),
        Some("numeric")
    );
    // The state list comes from the cycle file: placeholder + its options.
    let options = root.query_selector_all("#f-state option").unwrap().length() as usize;
    assert_eq!(
        options,
        1 + st.cycle.field_named("state").unwrap().options().len()
    );
}

#[wasm_bindgen_test]
async fn email_error_waits_for_leave_and_clears_on_fix() {
    let st = state();
    let root = mount(st.clone(), || {
        view! { <SectionForm section_id="about-you".to_string()/> }.into_any()
    });
    leptos::task::tick().await;
    let email: HtmlInputElement = q(&root, "#f-email").unchecked_into();
    let input = |v: &str| {
        email.set_value(v);
        email
            .dispatch_event(&web_sys::Event::new("input").unwrap())
            .unwrap();
    };
    input("name@");
    leptos::task::tick().await;
    assert!(
        root.query_selector("#f-email-error").unwrap().is_none(),
        "no error while typing"
    );
    email
        .dispatch_event(&web_sys::Event::new("blur").unwrap())
        .unwrap();
    leptos::task::tick().await;
    let err = q(&root, "#f-email-error");
    assert!(err
        .text_content()
        .unwrap()
        .contains("Enter an email address in the correct format, like name@example.org"));
    assert_eq!(email.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(email
        .get_attribute("aria-describedby")
        .unwrap()
        .contains("f-email-error"));
    input("name@example.org");
    leptos::task::tick().await;
    assert!(
        root.query_selector("#f-email-error").unwrap().is_none(),
        "error clears on the fixing keystroke"
    );
    assert_eq!(email.get_attribute("aria-invalid"), None);
}

#[wasm_bindgen_test]
async fn hostile_text_renders_as_text() {
    let st = state();
    st.value(&fid("first_name"))
        .set(Some(Value::Text("<img src=x onerror=alert(1)>".into())));
    let answers = st.answers();
    let root = mount(st.clone(), move || {
        view! { <mentor_form::components::answers_list::AnswersList answers=answers/> }.into_any()
    });
    leptos::task::tick().await;
    assert!(root.query_selector("img").unwrap().is_none());
    assert!(root
        .text_content()
        .unwrap()
        .contains("<img src=x onerror=alert(1)>"));
}

// ------------------------------------------------------------ kinds on a fixture

const FIXTURE: &str = include_str!("fixtures/every-kind.json");

fn fixture_state() -> FormState {
    let cycle = Arc::new(cycle::parse(FIXTURE).expect("the fixture parses"));
    let url = cycle.submit.url.clone();
    FormState::new(cycle, Mode::Preview, url)
}

fn mount_field(st: &FormState, id: &str) -> HtmlElement {
    let field = st.cycle.field_named(id).unwrap().clone();
    mount(st.clone(), move || {
        view! { <FieldView field=field/> }.into_any()
    })
}

#[wasm_bindgen_test]
async fn checkboxes_are_a_gov_uk_checkbox_group() {
    let st = fixture_state();
    let root = mount_field(&st, "ways");
    leptos::task::tick().await;
    let fieldset = q(&root, "fieldset.mf-fieldset");
    assert_eq!(
        q(&fieldset, "legend.mf-legend").text_content().unwrap(),
        "How would you like to meet?"
    );
    assert_eq!(
        q(&fieldset, "#f-ways-hint").text_content().unwrap(),
        "Select all that apply."
    );
    assert_eq!(
        fieldset.get_attribute("aria-describedby").as_deref(),
        Some("f-ways-hint")
    );
    let boxes = fieldset
        .query_selector_all("input[type=checkbox][name=ways]")
        .unwrap();
    assert_eq!(boxes.length(), 4);
    for (value, label) in [("email", "Email"), ("video_call", "Video call")] {
        let id = format!("f-ways-{value}");
        assert_eq!(
            q(&fieldset, &format!("label[for='{id}']"))
                .text_content()
                .unwrap(),
            label
        );
    }
    // Ticked in any order, stored in the offered order; unticking removes.
    for value in ["in_person", "email", "phone"] {
        let b: HtmlInputElement = q(&root, &format!("#f-ways-{value}")).unchecked_into();
        b.click();
        leptos::task::tick().await;
    }
    let stored = || st.value(&fid("ways")).get_untracked();
    let list = |v: &[&str]| Some(Value::List(v.iter().map(|s| s.to_string()).collect()));
    assert_eq!(stored(), list(&["email", "phone", "in_person"]));
    let phone: HtmlInputElement = q(&root, "#f-ways-phone").unchecked_into();
    phone.click();
    leptos::task::tick().await;
    assert_eq!(stored(), list(&["email", "in_person"]));
    // Untick everything: no answer at all, not an empty list.
    for value in ["email", "in_person"] {
        let b: HtmlInputElement = q(&root, &format!("#f-ways-{value}")).unchecked_into();
        b.click();
        leptos::task::tick().await;
    }
    assert_eq!(stored(), None);
}

#[wasm_bindgen_test]
async fn a_checkbox_group_error_is_wired_to_its_fieldset() {
    let st = fixture_state();
    let root = mount_field(&st, "ways");
    leptos::task::tick().await;
    let b: HtmlInputElement = q(&root, "#f-ways-email").unchecked_into();
    b.click();
    leptos::task::tick().await;
    let section = st.cycle.section_named("three").unwrap().1.clone();
    let problems = mentor_form::form::rules::check_section(&st.cycle, &section, &st.answers());
    assert!(st.show_problems(&problems));
    leptos::task::tick().await;
    let error = q(&root, "#f-ways-error");
    assert!(error
        .text_content()
        .unwrap()
        .ends_with("Select at least 2 answers to “How would you like to meet?”"));
    assert!(root
        .query_selector(".mf-field.mf-field--error")
        .unwrap()
        .is_some());
    assert_eq!(
        q(&root, "fieldset")
            .get_attribute("aria-describedby")
            .as_deref(),
        Some("f-ways-hint f-ways-error")
    );
    // The second box fixes it, and the message goes at once.
    let phone: HtmlInputElement = q(&root, "#f-ways-phone").unchecked_into();
    phone.click();
    leptos::task::tick().await;
    assert!(root.query_selector("#f-ways-error").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_date_is_a_native_date_input_with_the_cycles_range() {
    let st = fixture_state();
    let root = mount_field(&st, "start");
    leptos::task::tick().await;
    let input: HtmlInputElement = q(&root, "input#f-start").unchecked_into();
    assert_eq!(input.type_(), "date");
    assert_eq!(input.get_attribute("min").as_deref(), Some("2027-01-01"));
    assert_eq!(input.get_attribute("max").as_deref(), Some("2027-12-31"));
    assert!(input.class_list().contains("mf-input--date"));
    assert_eq!(
        q(&root, "label[for='f-start']").text_content().unwrap(),
        "When can you start?"
    );
    let type_date = |v: &str| {
        input.set_value(v);
        input
            .dispatch_event(&web_sys::Event::new("input").unwrap())
            .unwrap();
        input
            .dispatch_event(&web_sys::Event::new("blur").unwrap())
            .unwrap();
    };
    type_date("2028-02-01");
    leptos::task::tick().await;
    assert_eq!(
        st.value(&fid("start")).get_untracked(),
        Some(Value::Text("2028-02-01".into()))
    );
    assert!(q(&root, "#f-start-error")
        .text_content()
        .unwrap()
        .ends_with("The date must be between 1 January 2027 and 31 December 2027"));
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        input.get_attribute("aria-describedby").as_deref(),
        Some("f-start-error")
    );
    type_date("2027-06-15");
    leptos::task::tick().await;
    assert!(root.query_selector("#f-start-error").unwrap().is_none());
    assert_eq!(input.get_attribute("aria-describedby"), None);
}

#[wasm_bindgen_test]
async fn the_shells_words_come_from_the_cycles_texts() {
    let mut cycle = cycle::parse(FIXTURE).expect("the fixture parses");
    cycle.texts.set(TextKey::optional_suffix, " (facultatif)");
    cycle.texts.set(
        TextKey::select_all_that_apply,
        "Cochez toutes les réponses utiles.",
    );
    let url = cycle.submit.url.clone();
    let st = FormState::new(Arc::new(cycle), Mode::Preview, url);
    let phone = mount_field(&st, "phone");
    let ways = mount_field(&st, "ways");
    leptos::task::tick().await;
    assert_eq!(
        q(&phone, "label[for='f-phone']").text_content().unwrap(),
        "Phone number (facultatif)"
    );
    assert_eq!(
        q(&ways, "#f-ways-hint").text_content().unwrap(),
        "Cochez toutes les réponses utiles."
    );
}

/// In the browser, lower-casing and the letter and capital checks are the JS
/// engine's (`form::text`); these are the values Rust's `str::to_lowercase`,
/// `char::is_alphanumeric` and `char::is_uppercase` give natively (asserted in
/// `rules_table.rs`), so both builds treat an email domain and a label alike.
#[wasm_bindgen_test]
fn unicode_case_and_letters_in_the_browser_match_rusts() {
    use cycle::kinds::lowercase_domain;
    unicode_cases::check_all();
    assert_eq!(lowercase_domain("Ann@BÜCHER.DE"), "Ann@bücher.de");
}

/// A field id of the fixture.
fn fid(s: &str) -> FieldId {
    FieldId::new(s).expect("a field id")
}

/// The Web Crypto side of "Save and continue later" (`crypto`), in a real
/// browser: the draft id is the contract's (HKDF-SHA-256 of the code's 20
/// characters, info "mentor-form draft id"; the vector was computed with
/// Node's `crypto.hkdfSync`), a seal made by another AES-256-GCM with the
/// contract's key opens, every seal has a fresh nonce, and a changed byte or
/// another code's key opens nothing.
#[wasm_bindgen_test]
async fn web_crypto_keeps_the_drafts_contract() {
    use mentor_form::crypto;
    use mentor_form::form::resume::ResumeCode;
    assert!(crypto::available(), "the test page is a secure context");
    let code = ResumeCode::parse("abcd efgh jkmn pqrs tvwx").unwrap();
    let keys = crypto::derive(&code).await.unwrap();
    assert_eq!(keys.draft_id, "7QxH1n8LIG3ZPqsKep42Pc49qn-4_u0LXIdKGZequqg");
    // "Zoë" sealed by Node under nonce 00 01 … 0b with the key derived there.
    let nonce: Vec<u8> = (0u8..12).collect();
    let from_node = [
        0x37, 0xb0, 0xb5, 0xe9, 0x6c, 0x9e, 0x58, 0x0d, 0xb9, 0xd7, 0xdd, 0x57, 0x7c, 0xb4, 0x00,
        0x45, 0xec, 0x0e, 0x5c, 0x01,
    ];
    assert_eq!(
        crypto::open(&keys.key, &nonce, &from_node).await.unwrap(),
        "Zoë".as_bytes()
    );
    let (n1, c1) = crypto::seal(&keys.key, b"answers").await.unwrap();
    let (n2, c2) = crypto::seal(&keys.key, b"answers").await.unwrap();
    assert_eq!(n1.len(), 12);
    assert_ne!(n1, n2, "a fresh nonce for every save");
    assert_ne!(c1, c2);
    assert_eq!(c1.len(), b"answers".len() + 16, "the tag is carried");
    assert_eq!(crypto::open(&keys.key, &n1, &c1).await.unwrap(), b"answers");
    let mut changed = c1.clone();
    changed[0] ^= 1;
    assert!(crypto::open(&keys.key, &n1, &changed).await.is_err());
    let other = crypto::derive(&ResumeCode::parse("ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ").unwrap())
        .await
        .unwrap();
    assert_ne!(other.draft_id, keys.draft_id);
    assert!(crypto::open(&other.key, &n1, &c1).await.is_err());
}
