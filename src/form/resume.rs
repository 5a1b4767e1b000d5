//! "Save and continue later" and "Continue an application", as data: the
//! resume code, what is sealed into a draft saved online, how the drafts
//! endpoint's replies are read, and how saved answers are taken into a device
//! that may already hold some. Pure, so every rule has a native test
//! (`tests/resume.rs`); the browser side (Web Crypto, HTTP, the page) is
//! `state::resume` and `crypto`. The design of record is docs/resume.md.
//!
//! The code is 20 characters of Crockford's base32 (100 random bits), shown
//! as `XXXX-XXXX-XXXX-XXXX-XXXX`. The browser derives from it, with
//! HKDF-SHA-256, the draft's id on the server and its AES-256-GCM key; the
//! server sees the id and the ciphertext, never the code or the key.

use super::draft::{
    merge_newest, newer_application, read_draft, KeptAside, Loaded, LoadedDraft, Stamped,
};
use super::json::{object_of, string_at};
use super::version::{Application, Stage};
use cycle::{Cycle, SectionId};
use serde_json::{Map, Value as Json};
use std::collections::BTreeMap;

/// Crockford's base32 alphabet: no I, L, O or U, which are read as 1, 1, 0
/// and V when typed.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Characters in a code (5 bits each: 100 bits).
pub const CODE_CHARS: usize = 20;

/// Random bytes a new code is made from (the first 100 of their 104 bits).
pub const CODE_RANDOM_BYTES: usize = 13;

/// The format of the sealed draft and of the PUT body (`"format": 1`).
pub const FORMAT: u32 = 1;

/// HKDF `info` for the draft's id on the server (contract 2).
pub const ID_INFO: &str = "mentor-form draft id";
/// HKDF `info` for the draft's AES-256-GCM key (contract 2).
pub const KEY_INFO: &str = "mentor-form draft key";

/// A resume code: 20 characters of Crockford's base32, upper case, without
/// the dashes it is shown with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResumeCode(String);

/// Why what was typed is not a resume code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeProblem {
    /// Nothing was typed (or only spaces and dashes).
    Empty,
    /// Not 20 characters of the code's alphabet.
    Malformed,
}

impl ResumeCode {
    /// A new code from 13 random bytes (the browser's CSPRNG): their first
    /// 100 bits, 5 to a character.
    pub fn from_random(bytes: [u8; CODE_RANDOM_BYTES]) -> ResumeCode {
        let mut code = String::with_capacity(CODE_CHARS);
        for i in 0..CODE_CHARS {
            let bit = i * 5;
            let (byte, shift) = (bit / 8, bit % 8);
            let pair = u16::from(bytes.get(byte).copied().unwrap_or(0)) << 8
                | u16::from(bytes.get(byte + 1).copied().unwrap_or(0));
            let index = (pair >> (11 - shift)) & 0x1f;
            code.push(char::from(ALPHABET[usize::from(index)]));
        }
        ResumeCode(code)
    }

    /// Reads a code as an applicant types or pastes it: any case, with or
    /// without spaces and dashes, with the look-alikes I, L, O and U read as
    /// 1, 1, 0 and V; a whole resume link is read for the code it carries.
    pub fn parse(typed: &str) -> Result<ResumeCode, CodeProblem> {
        let typed = code_in_fragment(typed).unwrap_or(typed);
        let mut code = String::with_capacity(CODE_CHARS);
        for c in typed.chars() {
            if c.is_whitespace() || is_dash(c) {
                continue;
            }
            let c = match c.to_ascii_uppercase() {
                'I' | 'L' => '1',
                'O' => '0',
                'U' => 'V',
                c => c,
            };
            if !c.is_ascii() || !ALPHABET.contains(&(c as u8)) {
                return Err(CodeProblem::Malformed);
            }
            code.push(c);
        }
        match code.len() {
            0 => Err(CodeProblem::Empty),
            CODE_CHARS => Ok(ResumeCode(code)),
            _ => Err(CodeProblem::Malformed),
        }
    }

    /// The 20 characters: what the keys are derived from.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// As shown and written down: `XXXX-XXXX-XXXX-XXXX-XXXX`.
    pub fn grouped(&self) -> String {
        let mut out = String::with_capacity(CODE_CHARS + 4);
        for (i, c) in self.0.chars().enumerate() {
            if i > 0 && i % 4 == 0 {
                out.push('-');
            }
            out.push(c);
        }
        out
    }
}

/// Hyphens and dashes people (and word processors) put between groups.
fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '_' | '.')
}

/// The code a resume link carries in its fragment (`…#resume=CODE`, also
/// among other `&`-separated parameters), as written there.
pub fn code_in_fragment(text: &str) -> Option<&str> {
    let (_, fragment) = text.split_once('#')?;
    fragment
        .split('&')
        .find_map(|part| part.strip_prefix("resume="))
}

/// The link that opens the form and resumes with `code`: the start page's
/// address with the code in the fragment, which browsers never send to a
/// server.
pub fn resume_link(start_url: &str, code: &ResumeCode) -> String {
    let base = start_url.split('#').next().unwrap_or(start_url);
    format!("{base}#resume={}", code.grouped())
}

/// A `mailto:` link with nobody filled in, the subject and the body given
/// (the applicant's own mail program sends it, or not; the form sends no
/// email).
pub fn mailto(subject: &str, body: &str) -> String {
    format!(
        "mailto:?subject={}&body={}",
        percent_encode(subject),
        percent_encode(body)
    )
}

/// `encodeURIComponent`: everything but `A–Z a–z 0–9 - _ . ! ~ * ' ( )` as
/// UTF-8 `%XX`.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        }
    }
    out
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// base64url without padding, read back (padding tolerated); None for any
/// other character.
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for b in text.bytes() {
        let v = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// Where the applicant was when they saved, so resuming goes back there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeftAt {
    Section(SectionId),
    Review,
}

impl LeftAt {
    /// As sealed: `"section/<id>"` or `"review"`.
    pub fn to_path(&self) -> String {
        match self {
            LeftAt::Section(id) => format!("section/{id}"),
            LeftAt::Review => "review".into(),
        }
    }

    /// A sealed place read against the cycle: a section it no longer has is
    /// no place (the first section is then the way in).
    pub fn from_path(cycle: &Cycle, path: &str) -> Option<LeftAt> {
        if path == "review" {
            return Some(LeftAt::Review);
        }
        let (_, section) = cycle.section_named(path.strip_prefix("section/")?)?;
        Some(LeftAt::Section(section.id.clone()))
    }
}

// The JSON below is written through `serde_json::Value`, whose code the
// wasm carries already (the draft's answers are values), and read by hand
// (`form::json`), rather than a serde derive for each of these small shapes.

fn object_text(pairs: Vec<(&str, Json)>) -> String {
    // Inserted one by one: collecting into the map would compile a sort.
    let mut object = Map::new();
    for (key, value) in pairs {
        object.insert(key.to_string(), value);
    }
    serde_json::to_string(&Json::Object(object)).unwrap_or_default()
}

/// What is encrypted: the whole device draft as `docs/drafts.md` describes
/// it (answers, their edit times, what is kept aside, and the application
/// with its reference, version and version secret, so a device that resumes
/// can send the next version), with the cycle it belongs to and where the
/// applicant was: `{"format": 1, "cycle_id": "…", "page": "section/…",
/// "draft": "<the draft record's JSON text>"}`. The record goes as text, so
/// it is read back exactly as a stored draft is (`form::draft::read_draft`).
pub fn seal_text(cycle_id: &str, left_at: Option<&LeftAt>, draft_record: &str) -> String {
    let mut pairs = vec![
        ("format", Json::from(FORMAT)),
        ("cycle_id", Json::from(cycle_id)),
    ];
    if let Some(at) = left_at {
        pairs.push(("page", Json::from(at.to_path())));
    }
    pairs.push(("draft", Json::from(draft_record)));
    object_text(pairs)
}

/// The body of `PUT {url}/{draft_id}` (contract 2, with the cycle's id so
/// the server can end the draft at the cycle's close).
pub fn put_body(reference: &str, nonce: &str, ciphertext: &str, cycle_id: &str) -> String {
    object_text(vec![
        ("format", Json::from(FORMAT)),
        ("reference", Json::from(reference)),
        ("nonce", Json::from(nonce)),
        ("ciphertext", Json::from(ciphertext)),
        ("cycle_id", Json::from(cycle_id)),
    ])
}

/// `expires_at` of a PUT's `200` reply.
pub fn expiry_in_reply(body: &str) -> Option<String> {
    Some(string_at(&object_of(body)?, "expires_at")?.to_string())
}

/// A GET's `200` reply: the sealed draft as the server keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    pub nonce: String,
    pub ciphertext: String,
    pub expires_at: String,
}

/// Reads a GET's `200` reply (None: not the contract's shape).
pub fn fetched_in_reply(body: &str) -> Option<Fetched> {
    let object = object_of(body)?;
    if object.get("format")?.as_u64()? != u64::from(FORMAT) {
        return None;
    }
    Some(Fetched {
        nonce: string_at(&object, "nonce")?.to_string(),
        ciphertext: string_at(&object, "ciphertext")?.to_string(),
        expires_at: string_at(&object, "expires_at")
            .unwrap_or_default()
            .to_string(),
    })
}

/// What this device knows of the draft saved online for its application:
/// kept with the draft (in `localStorage`, unless the applicant is on a
/// shared computer), so saving again updates the same copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnlineCopy {
    pub code: ResumeCode,
    /// The application the copy belongs to.
    pub reference: String,
    /// When the server deletes it (RFC 3339, UTC).
    pub expires_at: String,
}

impl OnlineCopy {
    /// As the device keeps it: `{"code", "reference", "expires_at"}`.
    pub fn to_stored(&self) -> String {
        object_text(vec![
            ("code", Json::from(self.code.as_str())),
            ("reference", Json::from(self.reference.as_str())),
            ("expires_at", Json::from(self.expires_at.as_str())),
        ])
    }

    /// Read back; the code is checked like a typed one.
    pub fn from_stored(text: &str) -> Option<OnlineCopy> {
        let object = object_of(text)?;
        Some(OnlineCopy {
            code: ResumeCode::parse(string_at(&object, "code")?).ok()?,
            reference: string_at(&object, "reference")?.to_string(),
            expires_at: string_at(&object, "expires_at")?.to_string(),
        })
    }
}

/// The online copy as the page tells of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Online {
    /// Nothing saved online from here (or nothing this device knows of).
    Nothing,
    Saved(OnlineCopy),
    /// A confirmed send deleted it (the server said so).
    Deleted,
}

/// Why a save did not reach the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveFailure {
    /// No reply (offline, a dropped connection, a timeout).
    Network,
    /// `413`.
    TooLarge,
    /// `429`: wait this many seconds.
    RateLimited { wait_secs: u64 },
    /// `410`: the cycle has closed.
    Closed,
    /// Anything else: the status.
    Server { status: u16 },
    /// The browser's Web Crypto refused (never expected in a secure context).
    Crypto,
}

/// Why saved answers could not be brought back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LookupFailure {
    Network,
    /// `404`: no draft for this code (never saved, deleted, or a typo).
    NotFound,
    /// `410`: it expired and was deleted.
    Expired,
    /// `429`: wait this many seconds.
    RateLimited {
        wait_secs: u64,
    },
    Server {
        status: u16,
    },
    /// The reply could not be decrypted or read.
    Unreadable,
    /// The answers belong to another application form.
    OtherForm,
}

/// Seconds to wait after a `429`: its `Retry-After` in seconds, or a minute.
pub fn wait_secs(retry_after: Option<&str>) -> u64 {
    retry_after
        .and_then(|h| h.trim().parse::<u64>().ok())
        .unwrap_or(60)
        .max(1)
}

/// Whole minutes to tell the applicant to wait (at least one).
pub fn wait_minutes(wait_secs: u64) -> u64 {
    wait_secs.div_ceil(60).max(1)
}

/// Reads the status of a PUT's reply.
pub fn judge_save(status: u16, retry_after: Option<&str>) -> Result<(), SaveFailure> {
    match status {
        200..=299 => Ok(()),
        413 => Err(SaveFailure::TooLarge),
        429 => Err(SaveFailure::RateLimited {
            wait_secs: wait_secs(retry_after),
        }),
        410 => Err(SaveFailure::Closed),
        status => Err(SaveFailure::Server { status }),
    }
}

/// Reads the status of a GET's reply.
pub fn judge_lookup(status: u16, retry_after: Option<&str>) -> Result<(), LookupFailure> {
    match status {
        200..=299 => Ok(()),
        404 => Err(LookupFailure::NotFound),
        410 => Err(LookupFailure::Expired),
        429 => Err(LookupFailure::RateLimited {
            wait_secs: wait_secs(retry_after),
        }),
        status => Err(LookupFailure::Server { status }),
    }
}

/// Reads a decrypted draft: it must be this cycle's. Nothing in it is
/// dropped: answers that no longer fit the cycle are kept aside.
pub fn unseal(
    cycle: &Cycle,
    plaintext: &str,
) -> Result<(LoadedDraft, Option<LeftAt>), LookupFailure> {
    let sealed = object_of(plaintext).ok_or(LookupFailure::Unreadable)?;
    if sealed.get("format").and_then(Json::as_u64) != Some(u64::from(FORMAT)) {
        return Err(LookupFailure::Unreadable);
    }
    if string_at(&sealed, "cycle_id") != Some(cycle.id.as_str()) {
        return Err(LookupFailure::OtherForm);
    }
    let record = string_at(&sealed, "draft").ok_or(LookupFailure::Unreadable)?;
    let Loaded::Draft(draft) = read_draft(cycle, Some(record), None) else {
        return Err(LookupFailure::Unreadable);
    };
    let left_at = string_at(&sealed, "page").and_then(|p| LeftAt::from_path(cycle, p));
    Ok((draft, left_at))
}

/// A reference and version secret made for a draft saved online before any
/// version was sent: version 0, which the first send turns into version 1 of
/// the same reference with the same secret (`version::next_send`). The
/// server copy names the reference so a confirmed send deletes it.
pub fn reserved_application(reference: String, version_secret: String, now: f64) -> Application {
    Application {
        reference,
        version_secret,
        version: 0,
        submitted_at: String::new(),
        fingerprint: String::new(),
        taken_at: 0.0,
        stage: Stage::Sending,
        noted_at: now,
        waiting_answers: BTreeMap::new(),
    }
}

/// What the device holds when saved answers arrive: its answers with their
/// edit times, the application it is part of, and what it keeps aside.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Held {
    pub stamped: Stamped,
    pub application: Option<Application>,
    pub kept_aside: KeptAside,
}

/// How saved answers fit the device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fit {
    /// The device holds no answers: the saved ones are taken as they are.
    Restore,
    /// The same application (or answers that agree): combined question by
    /// question, the later edit winning, as tabs are (docs/drafts.md).
    Combine,
    /// The device holds other answers of another (or no) application that
    /// differ from the saved ones: the applicant decides. The questions
    /// whose answers differ.
    Ask { differing: Vec<cycle::FieldId> },
}

/// The applicant's answer to [`Fit::Ask`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// For each question the later edit (the saved one on a tie).
    Combine,
    /// Only the saved answers; the device's are replaced.
    SavedOnly,
}

/// Whether saved answers can be taken without asking.
pub fn fit(held: &Held, saved: &LoadedDraft) -> Fit {
    if held.stamped.answers.is_empty() {
        return Fit::Restore;
    }
    let same_application = match (&held.application, &saved.application) {
        (Some(mine), Some(theirs)) => mine.reference == theirs.reference,
        _ => false,
    };
    if same_application {
        return Fit::Combine;
    }
    let differing: Vec<_> = held
        .stamped
        .answers
        .iter()
        .filter(|(k, v)| saved.answers.get(*k).is_some_and(|s| s != *v))
        .map(|(k, _)| k.clone())
        .collect();
    // Answers of another application are never mixed in silently; answers of
    // none (typed here, never sent or saved) are when they agree.
    if differing.is_empty() && held.application.is_none() {
        Fit::Combine
    } else {
        Fit::Ask { differing }
    }
}

/// The device's draft after taking saved answers in. Nothing is dropped:
/// answers kept aside on either side stay kept aside. `now` stamps the
/// answers a "saved only" choice sets or removes, so that no other tab of
/// this browser brings the replaced answers back in its next merge.
pub fn take(held: &Held, saved: &LoadedDraft, choice: Choice, now: f64) -> Held {
    let saved_stamped = saved.stamped();
    let stamped = match choice {
        Choice::Combine => merge_newest(&saved_stamped, &held.stamped),
        Choice::SavedOnly => {
            let mut replaced = saved_stamped.clone();
            let keys = held
                .stamped
                .answers
                .keys()
                .chain(saved_stamped.answers.keys())
                .cloned()
                .collect::<Vec<_>>();
            for key in keys {
                replaced.edited_at.set(&key, now);
            }
            replaced
        }
    };
    let same_application = match (&held.application, &saved.application) {
        (Some(mine), Some(theirs)) => mine.reference == theirs.reference,
        _ => false,
    };
    let application = if same_application {
        newer_application(saved.application.as_ref(), held.application.as_ref())
    } else {
        saved
            .application
            .clone()
            .or_else(|| held.application.clone())
    };
    let mut kept_aside = held.kept_aside.clone();
    kept_aside.extend(saved.kept_aside.clone());
    Held {
        stamped,
        application,
        kept_aside,
    }
}
