//! The contract between the wasm and the page scripts: every name in
//! `src/page_contract.rs` has a twin of the same name and value in
//! `scripts/contract.mjs` and the other way round, every global the typed
//! declarations use is one of the contract's globals, the text keys exist in
//! the texts table, and index.html loads the default cycle. A rename on one
//! side fails here, not in a browser.

use cycle::TextKey;
use mentor_form::page_contract::{self, NAMED, START_FAILED_TEXTS};
use std::collections::BTreeMap;

const SCRIPTS: &str = include_str!("../scripts/contract.mjs");
const RUST: &str = include_str!("../src/page_contract.rs");
const INDEX_HTML: &str = include_str!("../index.html");

/// `export const NAME = '…';` lines of contract.mjs (single-quoted strings,
/// no escapes: the test refuses any it cannot read exactly).
fn script_constants() -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for line in SCRIPTS.lines() {
        let Some(rest) = line.trim().strip_prefix("export const ") else {
            continue;
        };
        let Some((name, value)) = rest.split_once(" = ") else {
            panic!("contract.mjs: cannot read `{line}`");
        };
        // Lists (`[…]`) and functions are not names.
        if !value.starts_with('\'') {
            continue;
        }
        let value = value
            .strip_prefix('\'')
            .and_then(|v| v.strip_suffix("';"))
            .unwrap_or_else(|| {
                panic!("contract.mjs: `{name}` is not one single-quoted string on one line")
            });
        assert!(
            !value.contains('\\') && !value.contains('\''),
            "contract.mjs: `{name}` has an escape or a quote; keep contract values plain"
        );
        assert!(
            out.insert(name.to_string(), value.to_string()).is_none(),
            "contract.mjs: `{name}` twice"
        );
    }
    out
}

fn rust_constants() -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (name, value) in NAMED {
        assert!(
            out.insert(name.to_string(), value.to_string()).is_none(),
            "page_contract::NAMED lists `{name}` twice"
        );
    }
    for (name, key) in START_FAILED_TEXTS {
        out.insert(name.to_string(), key.name().to_string());
    }
    out
}

#[test]
fn every_name_has_the_same_value_on_both_sides() {
    let scripts = script_constants();
    let rust = rust_constants();
    assert!(
        scripts.len() > 20,
        "read only {} names from contract.mjs",
        scripts.len()
    );
    let mut problems = Vec::new();
    for (name, value) in &scripts {
        match rust.get(name) {
            None => problems.push(format!(
                "{name} is in scripts/contract.mjs but not in src/page_contract.rs"
            )),
            Some(v) if v != value => {
                problems.push(format!("{name}: scripts say {value:?}, Rust says {v:?}"))
            }
            Some(_) => {}
        }
    }
    for name in rust.keys().filter(|n| !scripts.contains_key(*n)) {
        problems.push(format!(
            "{name} is in src/page_contract.rs but not in scripts/contract.mjs"
        ));
    }
    assert!(
        problems.is_empty(),
        "the page contract disagrees:\n  {}",
        problems.join("\n  ")
    );
}

/// Every `const X: &str` of page_contract.rs is in NAMED (so in the comparison),
/// or a selector checked against the names it is made of.
#[test]
fn every_rust_constant_is_compared() {
    let mut named: Vec<&str> = NAMED.iter().map(|(n, _)| *n).collect();
    for (name, value, built) in page_contract::derived() {
        assert_eq!(value, built, "page_contract::{name}");
        named.push(name);
    }
    for line in RUST.lines() {
        if let Some(rest) = line.trim().strip_prefix("pub const ") {
            let name = rest.split(':').next().unwrap_or_default().trim();
            if rest.contains(": &str") {
                assert!(
                    named.contains(&name),
                    "page_contract::{name} is missing from NAMED"
                );
            }
        }
    }
}

/// The typed declarations name the globals by literal (wasm-bindgen needs
/// one): each must be one of the contract's globals.
#[test]
fn the_typed_declarations_use_the_contract_globals() {
    let globals: Vec<&str> = NAMED
        .iter()
        .filter(|(n, _)| n.starts_with("GLOBAL_"))
        .map(|(_, v)| *v)
        .collect();
    let mut used = Vec::new();
    for line in RUST
        .lines()
        .filter(|l| l.trim_start().starts_with("#[wasm_bindgen("))
    {
        for key in ["js_name = ", "getter = ", "setter = "] {
            if let Some(at) = line.find(key) {
                let name: String = line[at + key.len()..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                assert!(
                    globals.contains(&name.as_str()),
                    "src/page_contract.rs declares `{name}`, which is not a GLOBAL_* of the contract"
                );
                used.push(name);
            }
        }
    }
    for g in [
        page_contract::GLOBAL_CYCLE_FETCH,
        page_contract::GLOBAL_TAKE_OVER,
    ] {
        assert!(
            used.iter().any(|u| u == g),
            "no typed declaration reads {g}"
        );
    }
}

#[test]
fn the_text_keys_are_in_the_texts_table() {
    for (name, key) in START_FAILED_TEXTS {
        assert!(TextKey::NAMES.contains(&key.name()), "{name}");
        assert!(!key.default_text().is_empty(), "{name} has no default text");
    }
}

/// index.html's mount element names the default cycle (the one place the
/// page names it; the scripts and the wasm read it there).
#[test]
fn index_html_loads_the_default_cycle() {
    let want = format!(
        "{}=\"{}\"",
        page_contract::ATTR_CYCLE,
        page_contract::DEFAULT_CYCLE_PATH
    );
    assert!(INDEX_HTML.contains(&want), "index.html has no {want}");
    assert_eq!(
        INDEX_HTML
            .matches(page_contract::DEFAULT_CYCLE_PATH)
            .count(),
        1,
        "index.html names the cycle file more than once"
    );
}
