//! The request an endpoint receives (`submit::encode`) and what is done with
//! its reply (`submit::retry`).

use cycle::file::{Encoding, Method};
use cycle::payload::{
    encode_form, encode_json, prepare, typed_answers, urlencode, Meta, PAYLOAD_VERSION,
};
use cycle::{Answers, Cycle, FieldId, Value};
use mentor_form::submit::retry::{
    backoff_ms, field_errors, judge, receipt_from, retry_after_ms, Verdict,
};
use serde_json::{json, Value as Json};

/// A mentor-like fixture: the same questions and messages, so editing the
/// shipped cycle never breaks these tests.
const FIXTURE: &str = include_str!("fixtures/engine-cycle.json");
const REFERENCE: &str = "0b6c3f4e-8a55-4c1e-9f3e-2d7a9c1b5e20";
const SUBMITTED_AT: &str = "2020-11-10T18:04:05.000Z";
const SECRET: &str = "q83vEjRWeJqrze8SNFZ4mg";

fn cycle() -> Cycle {
    cycle::parse(FIXTURE).expect("the fixture parses")
}

fn meta() -> Meta {
    Meta {
        reference: REFERENCE.into(),
        version: 1,
        submitted_at: SUBMITTED_AT.into(),
        version_secret: SECRET.into(),
        honeypot: None,
    }
}

fn text(s: &str) -> Value {
    Value::Text(s.into())
}

fn answers() -> Answers {
    let mut a: Answers = [
        ("membership_confirmed", Value::Bool(true)),
        ("first_name", text("  Zoë  ")),
        ("last_name", text("O’Brien & Sons = Co")),
        ("email", text(" Zoe.N@Example.ORG ")),
        ("phone", text("   ")),
        ("institution", text("Chicago Public Library")),
        ("position", text("Children's Librarian")),
        ("years_experience", text(" 12 ")),
        ("gender", text("")),
        ("region_match", text("yes")),
        ("city", text("Chicago")),
        ("state", text("IL")),
    ]
    .into_iter()
    .map(|(k, v)| (fid(k), v))
    .collect();
    for (i, f) in cycle()
        .fields()
        .filter(|f| f.id.as_str().starts_with("comp_"))
        .enumerate()
    {
        a.insert(f.id.clone(), Value::Number(1 + (i as i64) % 5));
    }
    a
}

fn form_cycle() -> Cycle {
    let mut c = cycle();
    c.submit.encoding = Encoding::Form;
    c.submit.field_names.insert(fid("email"), "entry.1".into());
    c.submit
        .field_names
        .insert(fid("first_name"), "entry.2".into());
    c
}

fn json_body(c: &Cycle, a: &Answers) -> Json {
    serde_json::from_str(&encode_json(c, a, &meta())).expect("payload is JSON")
}

// ---------------------------------------------------------------- JSON

#[test]
fn json_payload_has_metadata_and_typed_answers() {
    let c = cycle();
    let body = json_body(&c, &answers());
    assert_eq!(body["schema_version"], json!(2));
    assert_eq!(PAYLOAD_VERSION, 2);
    assert_eq!(body["version_secret"], json!(SECRET));
    assert!(body.get("honeypot").is_none(), "absent unless filled");
    assert_eq!(body["cycle_id"], json!("fixture-engine"));
    assert_eq!(body["submitted_at"], json!(SUBMITTED_AT));
    assert_eq!(body["reference"], json!(REFERENCE));
    assert_eq!(body["version"], json!(1));
    let a = &body["answers"];
    assert_eq!(a["membership_confirmed"], json!(true));
    assert_eq!(a["years_experience"], json!(12));
    assert!(a["years_experience"].is_i64());
    assert_eq!(a["email"], json!("Zoe.N@example.org"));
    assert_eq!(a["first_name"], json!("Zoë"));
    assert_eq!(a["last_name"], json!("O’Brien & Sons = Co"));
    assert_eq!(a["state"], json!("IL"));
    assert_eq!(a["comp_client_group"], json!(1));
    assert_eq!(a["comp_professionalism"], json!(2));
    for id in c
        .fields()
        .filter(|f| f.id.as_str().starts_with("comp_"))
        .map(|f| &f.id)
    {
        assert!(
            a[id.as_str()].is_u64(),
            "{id} is not an integer: {}",
            a[id.as_str()]
        );
    }
}

#[test]
fn json_payload_leaves_blank_optional_answers_out() {
    let body = json_body(&cycle(), &answers());
    let keys: Vec<&String> = body["answers"].as_object().unwrap().keys().collect();
    for absent in [
        "phone",
        "gender",
        "gender_match",
        "ethnicity",
        "ethnicity_match",
    ] {
        assert!(!keys.iter().any(|k| *k == absent), "{absent} was sent");
    }
    assert!(!body.to_string().contains("null"));
    assert_eq!(keys.len(), 17);
}

#[test]
fn values_the_rules_treat_as_unanswered_are_not_sent() {
    let c = cycle();
    let mut a = answers();
    a.insert(fid("region_match"), text("no"));
    a.insert(fid("state"), text("ZZ"));
    a.insert(fid("comp_admin"), Value::Number(0));
    a.insert(fid("membership_confirmed"), Value::Bool(false));
    let body = json_body(&c, &a);
    let sent = body["answers"].as_object().unwrap();
    for absent in ["state", "comp_admin", "membership_confirmed"] {
        assert!(!sent.contains_key(absent), "{absent} was sent: {body}");
    }
}

#[test]
fn json_answers_follow_page_order_and_mapped_names() {
    let c = form_cycle();
    let names: Vec<String> = typed_answers(&c, &answers())
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    assert_eq!(
        &names[..6],
        [
            "membership_confirmed",
            "entry.2",
            "last_name",
            "entry.1",
            "institution",
            "position"
        ]
    );
}

// ---------------------------------------------------------------- form

#[test]
fn form_encoding_puts_metadata_first_then_mapped_names() {
    let c = form_cycle();
    let body = encode_form(&c, &answers(), &meta());
    let pairs: Vec<(&str, &str)> = body
        .split('&')
        .map(|p| p.split_once('=').expect("name=value"))
        .collect();
    assert_eq!(
        &pairs[..6],
        [
            ("schema_version", "2"),
            ("cycle_id", "fixture-engine"),
            ("submitted_at", "2020-11-10T18%3A04%3A05.000Z"),
            ("reference", REFERENCE),
            ("version", "1"),
            ("version_secret", SECRET),
        ]
    );
    assert_eq!(pairs[6], ("membership_confirmed", "true"));
    assert_eq!(pairs[7], ("entry.2", "Zo%C3%AB"));
    assert_eq!(pairs[8], ("last_name", "O%E2%80%99Brien+%26+Sons+%3D+Co"));
    assert_eq!(pairs[9], ("entry.1", "Zoe.N%40example.org"));
    assert!(pairs.contains(&("institution", "Chicago+Public+Library")));
    assert!(pairs.contains(&("position", "Children%27s+Librarian")));
    assert!(pairs.contains(&("years_experience", "12")));
    assert!(pairs.contains(&("comp_client_group", "1")));
    let names: Vec<&str> = pairs.iter().map(|(k, _)| *k).collect();
    assert!(!names.contains(&"email") && !names.contains(&"first_name"));
    assert!(!names.contains(&"phone") && !names.contains(&"gender"));
    // `&` and `=` only ever separate pairs.
    assert_eq!(body.matches('&').count(), pairs.len() - 1);
    assert_eq!(body.matches('=').count(), pairs.len());
}

#[test]
fn a_filled_honeypot_is_sent_as_metadata_after_the_secret() {
    let hostile = "http://spam.example/?a=1&b=<script>\"x\"</script>";
    let flagged = meta().with_honeypot(hostile);
    // JSON: a top-level string next to the reference, never an answer.
    let body: Json = serde_json::from_str(&encode_json(&cycle(), &answers(), &flagged))
        .expect("payload is JSON");
    assert_eq!(body["honeypot"], json!(hostile));
    assert!(body["answers"].get("honeypot").is_none());
    let keys: Vec<&String> = body.as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 8, "{keys:?}");
    // Form: a `honeypot=` pair right after `version_secret`, encoded.
    let form = encode_form(&form_cycle(), &answers(), &flagged);
    let pairs: Vec<(&str, &str)> = form
        .split('&')
        .map(|p| p.split_once('=').expect("name=value"))
        .collect();
    assert_eq!(pairs[5], ("version_secret", SECRET));
    assert_eq!(pairs[6].0, "honeypot");
    assert_eq!(urldecode(pairs[6].1), hostile);
    // Blank (spaces only) is not filled.
    assert_eq!(meta().with_honeypot("   ").honeypot, None);
    assert!(
        !encode_form(&form_cycle(), &answers(), &meta().with_honeypot(" ")).contains("honeypot")
    );
}

#[test]
fn no_answer_may_take_a_metadata_name_in_the_form_encoding() {
    for name in ["version_secret", "honeypot"] {
        let mut v: Json = serde_json::from_str(FIXTURE).unwrap();
        v["submit"]["encoding"] = json!("form");
        v["submit"]["field_names"] = json!({ "email": name });
        let errors = cycle::parse(&v.to_string()).expect_err("a metadata name is refused");
        assert!(
            errors
                .iter()
                .any(|e| e.place.to_string() == "submit.field_names.email"),
            "{name}: {errors:?}"
        );
    }
}

#[test]
fn urlencode_examples() {
    for (plain, encoded) in [
        ("", ""),
        ("abcXYZ019", "abcXYZ019"),
        ("a b", "a+b"),
        ("-._*", "-._*"),
        ("~", "%7E"),
        ("+", "%2B"),
        ("a&b=c", "a%26b%3Dc"),
        ("100%", "100%25"),
        ("é", "%C3%A9"),
        ("王", "%E7%8E%8B"),
        ("🦉", "%F0%9F%A6%89"),
        ("line\nbreak", "line%0Abreak"),
        ("/?#", "%2F%3F%23"),
    ] {
        assert_eq!(urlencode(plain), encoded, "{plain:?}");
        assert_eq!(urldecode(encoded), plain, "{encoded:?}");
    }
}

#[test]
fn urlencode_round_trips() {
    for s in [
        "Zoë Ñúñez-O’Brien",
        "王秀英 & مريم = שרה",
        "a+b c%20d",
        "Zoe\u{0308}",
        "\"quoted\" <tag> 'single'",
    ] {
        let enc = urlencode(s);
        assert!(enc.bytes().all(|b| b.is_ascii_graphic()), "{enc}");
        assert_eq!(urldecode(&enc), s);
    }
}

/// A reference decoder, as a server would read the body.
fn urldecode(s: &str) -> String {
    let mut bytes = Vec::new();
    let mut it = s.bytes();
    while let Some(b) = it.next() {
        match b {
            b'+' => bytes.push(b' '),
            b'%' => {
                let hex = [it.next().unwrap(), it.next().unwrap()];
                let hex = std::str::from_utf8(&hex).unwrap();
                bytes.push(u8::from_str_radix(hex, 16).unwrap());
            }
            _ => bytes.push(b),
        }
    }
    String::from_utf8(bytes).unwrap()
}

// ---------------------------------------------------------------- prepare

#[test]
fn prepare_json_request() {
    let mut c = cycle();
    c.submit.headers.insert("X-Api-Key".into(), "k-123".into());
    let r = prepare(&c, "https://forms.example.org/in", &answers(), &meta());
    assert_eq!(r.method, "POST");
    assert_eq!(r.url, "https://forms.example.org/in");
    assert_eq!(
        r.headers,
        [
            ("Content-Type".to_string(), "application/json".to_string()),
            ("Idempotency-Key".to_string(), format!("{REFERENCE}.v1")),
            ("X-Api-Key".to_string(), "k-123".to_string()),
        ]
    );
    assert_eq!(r.body, encode_json(&c, &answers(), &meta()));
}

#[test]
fn prepare_form_request_with_put() {
    let mut c = form_cycle();
    c.submit.method = Method::Put;
    let r = prepare(&c, "/api/submissions", &answers(), &meta());
    assert_eq!(r.method, "PUT");
    assert_eq!(r.url, "/api/submissions");
    assert_eq!(r.headers[0].1, "application/x-www-form-urlencoded");
    assert_eq!(r.body, encode_form(&c, &answers(), &meta()));
}

#[test]
fn configured_headers_cannot_replace_content_type_or_idempotency_key() {
    let mut c = cycle();
    for (k, v) in [
        ("content-type", "text/plain"),
        ("Content-Type", "text/html"),
        ("IDEMPOTENCY-KEY", "fixed"),
        ("Authorization", "Bearer t"),
    ] {
        c.submit.headers.insert(k.into(), v.into());
    }
    let r = prepare(&c, "/x", &answers(), &meta());
    let ct: Vec<&str> = r
        .headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("content-type"))
        .map(|(_, v)| v.as_str())
        .collect();
    assert_eq!(ct, ["application/json"]);
    let idem: Vec<&str> = r
        .headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("idempotency-key"))
        .map(|(_, v)| v.as_str())
        .collect();
    assert_eq!(idem, [format!("{REFERENCE}.v1")]);
    assert!(r
        .headers
        .contains(&("Authorization".to_string(), "Bearer t".to_string())));
    assert_eq!(r.headers.len(), 3);
}

#[test]
fn endpoint_names_map_back_to_answer_keys() {
    let c = form_cycle();
    let sent_as = |name: &str| c.field_sent_as(name).map(|f| f.id.to_string());
    assert_eq!(sent_as("entry.1").as_deref(), Some("email"));
    assert_eq!(sent_as("entry.2").as_deref(), Some("first_name"));
    assert_eq!(sent_as("last_name").as_deref(), Some("last_name"));
    assert_eq!(sent_as("entry.99"), None);
}

// ---------------------------------------------------------------- retry

#[test]
fn success_replies_are_stored_with_the_servers_receipt() {
    let c = cycle();
    assert_eq!(
        judge(&c, 200, r#"{"reference":"ALSC-2020-0042"}"#, None, 0, 0.5),
        Verdict::Stored {
            receipt: Some("ALSC-2020-0042".into())
        }
    );
    assert_eq!(
        judge(&c, 201, r#"{"reference":" R-1 "}"#, None, 2, 0.5),
        Verdict::Stored {
            receipt: Some("R-1".into())
        }
    );
    for body in [
        "",
        "OK",
        "{}",
        r#"{"reference":42}"#,
        r#"{"reference":""}"#,
        "[1,2",
    ] {
        assert_eq!(
            judge(&c, 200, body, None, 0, 0.5),
            Verdict::Stored { receipt: None },
            "{body:?}"
        );
    }
    assert_eq!(
        receipt_from(&format!(r#"{{"reference":"{}"}}"#, "x".repeat(101))),
        None
    );
}

#[test]
fn server_errors_retry_while_attempts_remain_then_are_rejected() {
    let c = cycle();
    assert_eq!(c.submit.retries, 2);
    for status in [500, 502, 503, 429, 408] {
        for attempt in 0..2 {
            let v = judge(&c, status, "", None, attempt, 0.0);
            assert_eq!(
                v,
                Verdict::Retry {
                    after_ms: backoff_ms(attempt, 0.0)
                },
                "{status} attempt {attempt}"
            );
        }
        assert_eq!(
            judge(&c, status, "", None, 2, 0.0),
            Verdict::Rejected { status },
            "{status} after the last retry"
        );
    }
    let mut none = cycle();
    none.submit.retries = 0;
    assert_eq!(
        judge(&none, 503, "", None, 0, 0.0),
        Verdict::Rejected { status: 503 }
    );
}

#[test]
fn retry_after_is_honoured_and_capped_at_30_seconds() {
    let c = cycle();
    assert_eq!(
        judge(&c, 503, "", Some("5"), 0, 0.9),
        Verdict::Retry { after_ms: 5_000 }
    );
    assert_eq!(
        judge(&c, 429, "", Some(" 120 "), 1, 0.9),
        Verdict::Retry { after_ms: 30_000 }
    );
    assert_eq!(retry_after_ms(Some("0")), Some(0));
    assert_eq!(retry_after_ms(Some("30")), Some(30_000));
    assert_eq!(retry_after_ms(Some("31")), Some(30_000));
    assert_eq!(retry_after_ms(Some("4294967295")), Some(30_000));
    // HTTP-date and nonsense fall back to the backoff.
    for h in ["Wed, 21 Oct 2015 07:28:00 GMT", "-1", "soon", ""] {
        assert_eq!(retry_after_ms(Some(h)), None, "{h:?}");
        assert_eq!(
            judge(&c, 503, "", Some(h), 0, 0.0),
            Verdict::Retry {
                after_ms: backoff_ms(0, 0.0)
            }
        );
    }
    assert_eq!(retry_after_ms(None), None);
}

#[test]
fn backoff_grows_and_stays_within_bounds() {
    let mut last = (0, 0);
    for attempt in 0..20 {
        let lo = backoff_ms(attempt, 0.0);
        let hi = backoff_ms(attempt, 0.999);
        let step = (600u32 << attempt.min(10)).min(8_000);
        assert_eq!(lo, step / 2, "attempt {attempt}");
        assert!(hi >= lo && hi < step, "attempt {attempt}: {hi} vs {step}");
        assert!(lo >= last.0 && hi >= last.1, "attempt {attempt} shrank");
        assert!(hi <= 8_000);
        last = (lo, hi);
    }
    assert_eq!(backoff_ms(0, 0.0), 300);
    assert_eq!(backoff_ms(1, 0.0), 600);
    assert_eq!(backoff_ms(2, 0.0), 1_200);
    assert!(backoff_ms(1, 0.0) < backoff_ms(2, 0.0));
    // Out-of-range jitter is clamped, never a panic or a huge wait.
    assert_eq!(backoff_ms(3, -5.0), backoff_ms(3, 0.0));
    assert_eq!(backoff_ms(3, 7.0), 4_800);
    assert!(backoff_ms(3, f64::NAN) <= 4_800);
}

#[test]
fn field_errors_map_endpoint_names_back_to_answer_keys() {
    let c = form_cycle();
    let body =
        r#"{"errors":{"entry.1":"Enter an email address we can reach","entry.99":"Unknown"}}"#;
    assert_eq!(
        judge(&c, 422, body, None, 0, 0.0),
        Verdict::FieldErrors(vec![
            (
                Some(fid("email")),
                "Enter an email address we can reach".into()
            ),
            (None, "Unknown".into()),
        ])
    );
    let plain = cycle();
    assert_eq!(
        field_errors(
            &plain,
            r#"{"errors":{"last_name":"  Too short  ","phone":""}}"#
        ),
        [(Some(fid("last_name")), "Too short".to_string())]
    );
    let long = format!(r#"{{"errors":{{"email":"{}"}}}}"#, "x".repeat(500));
    assert_eq!(field_errors(&plain, &long)[0].1.chars().count(), 300);
}

#[test]
fn field_errors_read_the_array_shapes_of_form_services() {
    let c = form_cycle();
    // Formspree: a list of {field, message}; an item with no field is form-wide.
    let formspree = r#"{"error":"Validation errors","errors":[
        {"code":"TYPE_EMAIL","field":"entry.1","message":"should be an email"},
        {"code":"EMPTY","message":"form is empty"},
        {"field":"entry.1","message":"   "},
        {"field":"entry.1"}
    ]}"#;
    assert_eq!(
        judge(&c, 422, formspree, None, 0, 0.0),
        Verdict::FieldErrors(vec![
            (Some(fid("email")), "should be an email".into()),
            (None, "form is empty".into()),
        ])
    );
    // `name` is read like `field`.
    assert_eq!(
        field_errors(&c, r#"{"errors":[{"name":"entry.1","message":"Taken"}]}"#),
        [(Some(fid("email")), "Taken".to_string())]
    );
    // Rails style: each name has a list of messages, joined into one.
    let plain = cycle();
    assert_eq!(
        field_errors(
            &plain,
            r#"{"errors":{"email":["Enter an email address", " we can reach ", 7, ""],"phone":[]}}"#
        ),
        [(
            Some(fid("email")),
            "Enter an email address we can reach".to_string()
        )]
    );
}

#[test]
fn client_errors_without_field_errors_are_rejected() {
    let c = cycle();
    for (status, body) in [
        (400, ""),
        (400, r#"{"error":"bad request"}"#),
        (400, r#"{"errors":[]}"#),
        (400, r#"{"errors":{}}"#),
        (422, r#"{"errors":{"email":42}}"#),
        (401, "Unauthorized"),
        (404, "<html>not found</html>"),
        (413, ""),
    ] {
        assert_eq!(
            judge(&c, status, body, None, 0, 0.0),
            Verdict::Rejected { status },
            "{status} {body:?}"
        );
    }
    // Other non-success statuses are rejected too.
    assert_eq!(
        judge(&c, 302, "", None, 0, 0.0),
        Verdict::Rejected { status: 302 }
    );
}

#[test]
fn malformed_bodies_never_panic() {
    let c = form_cycle();
    let bodies = [
        "",
        "{",
        "null",
        "[]",
        "\"errors\"",
        r#"{"errors":null}"#,
        r#"{"errors":{"entry.1":null}}"#,
        r#"{"errors":{"entry.1":["a","b"]}}"#,
        r#"{"reference":{"nested":true}}"#,
        "\u{0}\u{1}garbage",
        "{\"errors\":{\"entry.1\":\"\u{1F989}\"}}",
    ];
    for status in [200, 201, 400, 422, 429, 500, 503] {
        for body in bodies {
            let _ = judge(&c, status, body, Some("x"), 0, 0.5);
        }
    }
    assert_eq!(
        judge(
            &c,
            422,
            "{\"errors\":{\"entry.1\":\"\u{1F989}\"}}",
            None,
            0,
            0.5
        ),
        Verdict::FieldErrors(vec![(Some(fid("email")), "\u{1F989}".into())])
    );
}

#[test]
fn a_redirected_reply_is_no_confirmation_unless_the_cycle_expects_redirects() {
    use mentor_form::submit::retry::{redirect_verdict, Verdict};
    let mut c = cycle();
    assert_eq!(redirect_verdict(&c, true), Some(Verdict::Unconfirmed));
    assert_eq!(redirect_verdict(&c, false), None);
    c.submit.accept_redirect = true;
    assert_eq!(redirect_verdict(&c, true), None);
}

#[test]
fn a_409_asks_for_the_next_version_whatever_its_body() {
    let c = cycle();
    for body in ["", r#"{"errors":{"_form":"key used for other answers"}}"#] {
        assert_eq!(judge(&c, 409, body, None, 0, 0.5), Verdict::KeyReused);
    }
}

/// A field id of the fixture.
fn fid(s: &str) -> FieldId {
    FieldId::new(s).expect("a field id")
}
