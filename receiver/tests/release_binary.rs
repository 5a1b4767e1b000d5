//! The release binary, built without the `test-switches` feature, has no
//! test routes and refuses `--test-switches` with a clear message.
//!
//! It builds `target/release/receiver` once (cargo reuses it afterwards; the
//! load benchmark runs the same binary).

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::*;

fn release_binary() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let workspace = manifest.parent().expect("receiver/ sits in the workspace");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "build",
            "--release",
            "-p",
            "receiver",
            "--message-format",
            "short",
        ])
        .current_dir(workspace)
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "release build failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace.join("target"));
    target.join("release").join("receiver")
}

#[tokio::test]
async fn release_binary_has_no_test_routes_and_refuses_the_flag() {
    let exe = release_binary();
    let exe = exe.to_str().unwrap();

    let out = Command::new(exe)
        .args(["--port", "0", "--test-switches"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--test-switches is not available: this receiver was built without the `test-switches` feature"), "{err}");

    let data = temp_data_path("release");
    let bin = spawn_binary(exe, &["--port", "0", "--data", data.to_str().unwrap()]);
    for (method, path) in [
        ("GET", "/__stats"),
        ("GET", "/__submissions"),
        ("POST", "/__reset"),
        ("POST", "/__faults"),
        ("GET", "/__drafts"),
        ("POST", "/__clock"),
        ("POST", "/__sweep"),
    ] {
        let r = request(
            bin.addr,
            method,
            path,
            &[("Content-Type", "application/json")],
            b"{}",
        )
        .await
        .unwrap();
        assert_eq!(
            r.status, 404,
            "{method} {path} exists in the release binary"
        );
    }
    // Same result even for the paths' neighbours: nothing under /__ at all.
    assert_eq!(
        request(bin.addr, "GET", "/__faults", &[], b"")
            .await
            .unwrap()
            .status,
        404
    );
    // …while it does take submissions.
    assert_eq!(
        submit_to(bin.addr, &envelope("release-ref"))
            .await
            .unwrap()
            .status,
        201
    );
    assert_eq!(read_rows(&data).len(), 1);
    // …and keeps drafts (they are no test switch).
    let id = "A".repeat(42) + "A";
    let draft = serde_json::json!({"format": 1, "reference": "release-ref",
        "nonce": "AAAAAAAAAAAAAAAA", "ciphertext": "AAAAAAAAAAAAAAAAAAAAAA"});
    let path = format!("/api/drafts/{id}");
    let put = request(
        bin.addr,
        "PUT",
        &path,
        &[("Content-Type", "application/json")],
        draft.to_string().as_bytes(),
    )
    .await
    .unwrap();
    assert_eq!(put.status, 200, "{}", put.text());
    let got = request(bin.addr, "GET", &path, &[], b"").await.unwrap();
    assert_eq!(got.status, 200);
    assert_eq!(got.json()["ciphertext"], "AAAAAAAAAAAAAAAAAAAAAA");
}
