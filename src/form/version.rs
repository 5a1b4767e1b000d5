//! One application, many versions. The reference names the application; the
//! version names one set of its answers. Retrying the same version carries the
//! same idempotency key, so it is never stored twice; an answer changed after
//! a send (confirmed or not) is a new version, so the change is stored too.
//!
//! Each application also carries a *version secret*, made on the device with
//! its reference and sent with every version: an endpoint that binds the
//! secret's hash to the reference at the first version refuses a later
//! version from anyone else, although the reference itself is shown to the
//! applicant and told to an embedding page. The secret is kept with the
//! draft, never shown, never posted to a host page.

use super::json::{as_u32, into_map, into_object, into_string};
use cycle::payload::Meta;
use cycle::Answers;
use serde::Serialize;
use serde_json::Value as Json;
use std::collections::BTreeMap;

/// Written with serde, read by hand ([`Application::read`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Application {
    /// UUID v4 made on the device; the same for every version.
    pub reference: String,
    /// 16 random bytes, base64url without padding (22 characters), made with
    /// the reference. Empty in a draft saved before secrets existed: the next
    /// send makes one.
    pub version_secret: String,
    /// 1 for the first answers sent, then one more per changed resend.
    pub version: u32,
    /// When this version was first sent (ISO 8601 UTC). Kept, so a retry sends
    /// the very same body as the first attempt.
    pub submitted_at: String,
    /// Fingerprint of the answers this version carries.
    pub fingerprint: String,
    /// `Date.now()` when the applicant last pressed Send for this version: an
    /// answer edited after it is newer than what this version carries.
    pub taken_at: f64,
    pub stage: Stage,
    /// `Date.now()` of the last change to this record (a send, a wait, a
    /// confirmation): of two tabs' records of the application, the later one
    /// holds.
    pub noted_at: f64,
    /// While waiting for a connection: the answers of this version, exactly
    /// as they were sent, so the send made on the next visit (or when the
    /// connection returns) is this version even if answers changed since.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub waiting_answers: BTreeMap<String, Json>,
}

impl Application {
    /// Reads the record kept with the draft (`form::json`: by hand, as
    /// serde's derive did): `reference`, `version`, `submitted_at` and
    /// `fingerprint` are required, the rest default; a member of another
    /// type makes it unreadable.
    pub fn read(value: Json) -> Option<Application> {
        let (mut reference, mut version, mut submitted_at, mut fingerprint) =
            (None, None, None, None);
        let mut app = Application {
            reference: String::new(),
            version_secret: String::new(),
            version: 0,
            submitted_at: String::new(),
            fingerprint: String::new(),
            taken_at: 0.0,
            stage: Stage::Sending,
            noted_at: 0.0,
            waiting_answers: BTreeMap::new(),
        };
        for (key, value) in into_object(value)? {
            match key.as_str() {
                "reference" => reference = Some(into_string(value)?),
                "version_secret" => app.version_secret = into_string(value)?,
                "version" => version = Some(as_u32(&value)?),
                "submitted_at" => submitted_at = Some(into_string(value)?),
                "fingerprint" => fingerprint = Some(into_string(value)?),
                "taken_at" => app.taken_at = value.as_f64()?,
                "stage" => {
                    app.stage = match value.as_str()? {
                        "sending" => Stage::Sending,
                        "waiting" => Stage::Waiting,
                        "confirmed" => Stage::Confirmed,
                        _ => return None,
                    }
                }
                "noted_at" => app.noted_at = value.as_f64()?,
                "waiting_answers" => app.waiting_answers = into_map(value)?,
                _ => {}
            }
        }
        app.reference = reference?;
        app.version = version?;
        app.submitted_at = submitted_at?;
        app.fingerprint = fingerprint?;
        Some(app)
    }

    /// The payload's metadata for this version (the honeypot's text is
    /// added by the sender, `Meta::with_honeypot`).
    pub fn meta(&self) -> Meta {
        Meta {
            reference: self.reference.clone(),
            version: self.version,
            submitted_at: self.submitted_at.clone(),
            version_secret: self.version_secret.clone(),
            honeypot: None,
        }
    }
}

/// Where a version of the application stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Being sent, or sent without a confirmation (failed, timed out): the
    /// next send of the same answers repeats this version.
    #[default]
    Sending,
    /// The device was offline: sent as soon as the connection returns (or on
    /// the next visit), with the same idempotency key.
    Waiting,
    /// The endpoint confirmed this version, but answers changed after it was
    /// sent: they are kept as a draft for the next version.
    Confirmed,
}

/// What the next send is: the first version, the same version again (a
/// retry, also after a reload), or the next version (the answers changed,
/// also after a confirmed version). `taken_at` is now; the caller sets the
/// stage.
pub fn next_send(
    current: Option<&Application>,
    answers: &Answers,
    fresh: Fresh<'_>,
    taken_at: f64,
) -> Application {
    let fingerprint = fingerprint(answers);
    let mut app = match current {
        Some(app) if app.fingerprint == fingerprint => app.clone(),
        Some(app) => Application {
            version: app.version.saturating_add(1),
            submitted_at: (fresh.now_iso)(),
            fingerprint,
            ..app.clone()
        },
        None => Application {
            reference: (fresh.reference)(),
            version_secret: String::new(),
            version: 1,
            submitted_at: (fresh.now_iso)(),
            fingerprint,
            taken_at,
            stage: Stage::Sending,
            noted_at: taken_at,
            waiting_answers: BTreeMap::new(),
        },
    };
    if app.version_secret.is_empty() {
        app.version_secret = (fresh.secret)();
    }
    app.taken_at = taken_at;
    app.noted_at = taken_at;
    app.stage = Stage::Sending;
    app.waiting_answers.clear();
    app
}

/// Where new references, secrets and times come from (the browser's CSPRNG
/// and clock in the app; fixed values in tests).
pub struct Fresh<'a> {
    pub reference: &'a dyn Fn() -> String,
    pub secret: &'a dyn Fn() -> String,
    pub now_iso: &'a dyn Fn() -> String,
}

/// After the endpoint said this key was already used for other answers (409):
/// the same application, one version on.
pub fn bumped(app: &Application, now_iso: String) -> Application {
    Application {
        version: app.version.saturating_add(1),
        submitted_at: now_iso,
        ..app.clone()
    }
}

/// What a confirmed version leaves on the device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterConfirm {
    /// The answers are the ones that were confirmed: the draft ends.
    End,
    /// Answers changed after this version was sent (in this tab or another):
    /// they stay as a draft, the next version of the same application.
    KeepNewer,
}

/// Whether the answers as they stand now (this tab's merged with the stored
/// draft) are the ones the confirmed version carried.
pub fn after_confirmation(confirmed: &Application, latest: &Answers) -> AfterConfirm {
    if fingerprint(latest) == confirmed.fingerprint {
        AfterConfirm::End
    } else {
        AfterConfirm::KeepNewer
    }
}

/// FNV-1a 64 of the answers' JSON (a `BTreeMap`, so the order is fixed). Only
/// tells "same answers" from "changed"; not a security measure.
pub fn fingerprint(answers: &Answers) -> String {
    let text = serde_json::to_string(answers).unwrap_or_default();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// Formats 16 random bytes as a version-4 UUID (RFC 9562: version nibble 4,
/// variant bits 10).
pub fn uuid_from_bytes(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// 16 random bytes as the version secret: base64url without padding (RFC
/// 4648 §5), 22 characters. By hand: a base64 crate is more wasm than these
/// few lines.
pub fn secret_from_bytes(bytes: [u8; 16]) -> String {
    base64url(&bytes)
}

/// base64url without padding.
pub fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        // A chunk of k bytes gives k + 1 characters (no padding).
        for i in 0..=chunk.len() {
            let index = (n >> (18 - 6 * i)) & 0x3f;
            out.push(char::from(ALPHABET[index as usize]));
        }
    }
    out
}
