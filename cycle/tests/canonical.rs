//! Writing a cycle back: every valid file, parsed and written, means the same
//! as before, and writing is stable; the shipped cycles are stored in the
//! canonical form, so opening and saving them unchanged is byte-identical.

use cycle::write::to_canonical_json;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

fn valid_cycles() -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for dir in ["public/cycles", "tests/fixtures", "tests/e2e/fixtures"] {
        for path in json_files(&root().join(dir)) {
            let text = std::fs::read_to_string(&path).unwrap();
            if cycle::parse(&text).is_ok() {
                out.push((path, text));
            }
        }
    }
    assert!(out.len() >= 4, "found {} valid cycles", out.len());
    out
}

#[test]
fn writing_keeps_the_meaning_and_is_stable() {
    for (path, text) in valid_cycles() {
        let parsed = cycle::parse(&text).unwrap();
        let written = to_canonical_json(&parsed);
        let again = cycle::parse(&written).unwrap_or_else(|e| {
            panic!("{}: the written file does not parse: {e:?}", path.display())
        });
        assert_eq!(
            again,
            parsed,
            "{}: same meaning after writing",
            path.display()
        );
        assert_eq!(
            to_canonical_json(&again),
            written,
            "{}: stable",
            path.display()
        );
    }
}

#[test]
fn the_shipped_cycles_are_stored_canonical() {
    for path in json_files(&root().join("public/cycles")) {
        let text = std::fs::read_to_string(&path).unwrap();
        let parsed = cycle::parse(&text).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
        if std::env::var_os("UPDATE_CANONICAL").is_some() {
            std::fs::write(&path, to_canonical_json(&parsed)).unwrap();
            continue;
        }
        assert!(
            to_canonical_json(&parsed) == text,
            "{} is not in canonical form: run `UPDATE_CANONICAL=1 cargo test -p cycle --test canonical`",
            path.display()
        );
    }
}
