//! The iframe message protocol as typed values (docs/embedding.md, "Messages").

use mentor_form::embed::messages::{is_host_hello, Event, MESSAGE_VERSION};
use serde_json::{json, Value};

fn posted(event: Event) -> Value {
    serde_json::from_str(&event.to_message()).expect("a message is JSON")
}

#[test]
fn every_message_names_its_source_version_and_type_and_only_its_own_keys() {
    let base =
        |kind: &str| json!({"source": "mentor-form", "version": MESSAGE_VERSION, "type": kind});
    assert_eq!(posted(Event::Ready), base("ready"));
    let mut resize = base("resize");
    resize["height"] = json!(812);
    assert_eq!(posted(Event::Resize { height: 812 }), resize);
    let mut page = base("section-changed");
    page["path"] = json!("/section/about-you");
    assert_eq!(
        posted(Event::SectionChanged {
            path: "/section/about-you"
        }),
        page
    );
    let mut sent = base("submitted");
    sent["reference"] = json!("ALSC-\"1\"");
    assert_eq!(
        posted(Event::Submitted {
            reference: "ALSC-\"1\""
        }),
        sent,
        "a reference with a quote is escaped, not spliced into the JSON"
    );
    let mut focus = base("focus");
    focus["top"] = json!(-3);
    assert_eq!(posted(Event::Focus { top: -3 }), focus);
}

#[test]
fn only_the_hosts_hello_is_a_hello() {
    assert!(is_host_hello(
        r#"{"source":"mentor-form-host","type":"hello"}"#
    ));
    assert!(is_host_hello(
        r#"{"type":"hello","source":"mentor-form-host","extra":1}"#
    ));
    for other in [
        r#"{"source":"mentor-form-host","type":"ready"}"#,
        r#"{"source":"evil","type":"hello"}"#,
        r#"{"note":"\"type\":\"hello\" \"source\":\"mentor-form-host\""}"#,
        "hello",
        "",
    ] {
        assert!(!is_host_hello(other), "{other}");
    }
}
