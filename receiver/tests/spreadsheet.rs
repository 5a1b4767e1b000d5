//! The CSV export opened by a real spreadsheet program (issue 19 item 11):
//! LibreOffice Calc, headless, converts it to .xlsx with the CSV filter's
//! "trim spaces" and "evaluate formulas" options on. The workbook must hold
//! no formula, and every name must read as typed (with the `'` the defusing
//! adds where a spreadsheet would otherwise see a formula).
//!
//! A control CSV written without defusing proves the options are live: Calc
//! turns its hostile cells into formulas.
//!
//! Skipped (with "not required here:") only when `soffice` is not installed;
//! `scripts/setup.sh` installs it, so CI runs it.

mod common;

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
use serde_json::json;

/// (typed, what Calc must show for the text as sent, what it must show for
/// the answer as the form reads it: trimmed, as the review page shows it).
/// The raw text reaches the sheet in the "Hidden field text" column, which
/// keeps what was sent; the answer columns show what the form shows.
const NAMES: &[(&str, &str, &str)] = &[
    (
        "Zoë O'Brien-Søren",
        "Zoë O'Brien-Søren",
        "Zoë O'Brien-Søren",
    ),
    ("Ñúñez-O’Brien", "Ñúñez-O’Brien", "Ñúñez-O’Brien"),
    ("  =1+1", "'  =1+1", "'=1+1"),
    (" =2+2", "' =2+2", "'=2+2"),
    ("\u{00A0}=3+3", "'\u{00A0}=3+3", "'=3+3"),
    ("\n=4+4", "'\n=4+4", "'=4+4"),
    ("\u{3000}=5+5", "'\u{3000}=5+5", "'=5+5"),
    ("\u{200B}=6+6", "'\u{200B}=6+6", "'\u{200B}=6+6"),
    ("\u{FEFF}=7+7", "'\u{FEFF}=7+7", "'\u{FEFF}=7+7"),
    ("＝8+8", "'＝8+8", "'＝8+8"),
    (
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "'=HYPERLINK(\"http://evil.example\",\"click\")",
        "'=HYPERLINK(\"http://evil.example\",\"click\")",
    ),
    ("@SUM(1)", "'@SUM(1)", "'@SUM(1)"),
    ("-2+3", "'-2+3", "'-2+3"),
    ("+1+2", "'+1+2", "'+1+2"),
    ("\t=9+9", "'\t=9+9", "'=9+9"),
    ("+1 555 0100", "+1 555 0100", "+1 555 0100"),
];

/// The `--infilter` of TOOLCHAIN.md pitfall 15: comma, double quote, UTF-8,
/// from line 1, …, token 11 "trim spaces" = true, token 13 "evaluate
/// formulas" = true.
const CSV_FILTER: &str = "CSV:44,34,76,1,,0,false,true,false,false,true,-1,true";

fn soffice() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("soffice"))
        .find(|candidate| candidate.is_file())
}

/// Converts `csv` to .xlsx in `out_dir` with a fresh profile; returns the
/// workbook's path.
fn convert(soffice: &Path, csv: &Path, out_dir: &Path) -> PathBuf {
    let profile = out_dir.join("lo-profile");
    let mut child = Command::new(soffice)
        .arg("--headless")
        .arg("--norestore")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .arg(format!("--infilter={CSV_FILTER}"))
        .args(["--convert-to", "xlsx", "--outdir"])
        .arg(out_dir)
        .arg(csv)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("soffice starts");
    // Its first start on a busy machine takes a while; a hang is a failure.
    let deadline = Instant::now() + Duration::from_secs(180);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("soffice did not finish converting {}", csv.display());
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let mut err = String::new();
    if let Some(mut stderr) = child.stderr.take() {
        let _ = stderr.read_to_string(&mut err);
    }
    assert!(status.success(), "soffice failed: {err}");
    let xlsx = out_dir
        .join(csv.file_stem().unwrap())
        .with_extension("xlsx");
    assert!(xlsx.is_file(), "no {} ({err})", xlsx.display());
    xlsx
}

/// The first sheet: every cell's text as Calc shows it, by reference
/// ("B7"), and how many formula (`<f>`) elements it has.
fn read_sheet(xlsx: &Path) -> (HashMap<String, String>, usize) {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(xlsx).unwrap()).unwrap();
    let mut part = |name: &str| {
        let mut text = String::new();
        if let Ok(mut entry) = zip.by_name(name) {
            entry.read_to_string(&mut text).unwrap();
        }
        text
    };
    let sheet_xml = part("xl/worksheets/sheet1.xml");
    let strings_xml = part("xl/sharedStrings.xml");
    let text_of = |node: roxmltree::Node| -> String {
        node.descendants()
            .filter(|n| n.has_tag_name("t"))
            .filter_map(|n| n.text())
            .collect()
    };
    let shared: Vec<String> = if strings_xml.is_empty() {
        Vec::new()
    } else {
        let doc = roxmltree::Document::parse(&strings_xml).unwrap();
        doc.root_element()
            .children()
            .filter(|n| n.has_tag_name("si"))
            .map(text_of)
            .collect()
    };
    let doc = roxmltree::Document::parse(&sheet_xml).unwrap();
    let formulas = doc.descendants().filter(|n| n.has_tag_name("f")).count();
    let mut cells = HashMap::new();
    for c in doc.descendants().filter(|n| n.has_tag_name("c")) {
        let value = c
            .children()
            .find(|n| n.has_tag_name("v"))
            .and_then(|v| v.text())
            .unwrap_or_default()
            .to_string();
        let shown = match c.attribute("t") {
            Some("s") => shared[value.parse::<usize>().unwrap()].clone(),
            Some("inlineStr") => text_of(c),
            _ => value,
        };
        cells.insert(c.attribute("r").unwrap().to_string(), shown);
    }
    (cells, formulas)
}

#[tokio::test]
async fn an_export_opened_by_libreoffice_calc_holds_no_formula_and_names_read_as_typed() {
    let Some(soffice) = soffice() else {
        eprintln!(
            "not required here: LibreOffice Calc (soffice) is not installed; \
             scripts/setup.sh installs libreoffice-calc-nogui"
        );
        return;
    };
    let s = start("spreadsheet").await;
    let dir = s.data.parent().unwrap().to_path_buf();
    for (i, (typed, _, _)) in NAMES.iter().enumerate() {
        let reference = format!("ref-{i:02}");
        let mut body = envelope(&reference);
        body["cycle_id"] = json!("sheet-cycle");
        // Also as the hidden field's text, which the export keeps as sent.
        body["honeypot"] = json!(typed);
        body["answers"] = json!({"name": typed, "phone": "+1 555 0100", "years": -3 + i as i64});
        let r = s.submit(&body).await;
        assert_eq!(r.status, 201, "{typed:?}: {}", r.text());
    }
    let data = s.stop().await;
    let cycle = dir.join("cycle.json");
    std::fs::write(
        &cycle,
        full_cycle(
            "sheet-cycle",
            json!({}),
            json!([{"id": "a", "title": "A", "fields": [
                {"id": "name", "kind": "text", "label": "=Name"},
                {"id": "phone", "kind": "phone", "label": "Phone"},
                {"id": "years", "kind": "integer", "label": "Years"}]}]),
        )
        .to_string(),
    )
    .unwrap();
    let csv = dir.join("export.csv");
    let out = Command::new(env!("CARGO_BIN_EXE_receiver"))
        .args(["export", "--format", "csv", "--cycle"])
        .arg(&cycle)
        .arg("--data")
        .arg(&data)
        .arg("--out")
        .arg(&csv)
        .output()
        .unwrap();
    stdout_ok(&out);

    let (cells, formulas) = read_sheet(&convert(&soffice, &csv, &dir));
    assert_eq!(formulas, 0, "Calc found a formula in the export: {cells:?}");
    // Columns: A reference, B version, C versions, D received, E suspected,
    // F hidden text, then the cycle's: G name, H phone, I years.
    assert_eq!(cells["G1"], "'=Name", "a label is defused too");
    for (i, (typed, as_sent, as_read)) in NAMES.iter().enumerate() {
        let row = i + 2;
        assert_eq!(cells[&format!("A{row}")], format!("ref-{i:02}"));
        assert_eq!(&cells[&format!("F{row}")], as_sent, "sent {typed:?}");
        assert_eq!(&cells[&format!("G{row}")], as_read, "typed {typed:?}");
        assert_eq!(
            cells[&format!("H{row}")],
            "+1 555 0100",
            "a phone number reads as typed"
        );
        assert_eq!(
            cells[&format!("I{row}")],
            (-3 + i as i64).to_string(),
            "whole numbers stay numbers"
        );
    }

    // The control: the same cells without defusing do become formulas with
    // these options, so the assertions above can fail.
    let raw = dir.join("raw.csv");
    let mut w = csv::Writer::from_path(&raw).unwrap();
    w.write_record(["name"]).unwrap();
    for (typed, _, _) in NAMES {
        w.write_record([typed]).unwrap();
    }
    w.flush().unwrap();
    drop(w);
    let (_, raw_formulas) = read_sheet(&convert(&soffice, &raw, &dir));
    assert!(
        raw_formulas >= 3,
        "Calc should evaluate `=…` cells, trimmed ones included: {raw_formulas}"
    );
}
