//! One application, many versions. The reference names the application; the
//! version names one set of its answers. Retrying the same version carries the
//! same idempotency key, so it is never stored twice; an answer corrected after
//! an unconfirmed send is a new version, so the correction is stored too.

use cycle::payload::Meta;
use cycle::Answers;
use serde::{Deserialize, Serialize};

/// What makes an application its applicant's: both random, made on the device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// UUID v4, shown to the applicant as their reference.
    pub reference: String,
    /// 16 random bytes, base64url: never shown, never told to a host page.
    pub version_secret: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    /// UUID v4 made on the device; the same for every version.
    pub reference: String,
    /// 1 for the first answers sent, then one more per corrected resend.
    pub version: u32,
    /// When this version was first sent (ISO 8601 UTC). Kept, so a retry sends
    /// the very same body as the first attempt.
    pub submitted_at: String,
    /// Fingerprint of the answers this version carries.
    pub fingerprint: String,
    /// Sent with every version; the receiver takes later versions of the
    /// reference only with the secret of the first (payload v2).
    #[serde(default)]
    pub version_secret: String,
}

impl Application {
    /// The payload's metadata for this version.
    pub fn meta(&self, honeypot: Option<String>) -> Meta {
        Meta {
            reference: self.reference.clone(),
            version: self.version,
            submitted_at: self.submitted_at.clone(),
            version_secret: self.version_secret.clone(),
            honeypot,
        }
    }
}

/// What the next send is: the first version, the same version again (a
/// retry, also after a reload), or the next version (the answers changed).
pub fn next_send(
    current: Option<&Application>,
    answers: &Answers,
    new_identity: impl FnOnce() -> Identity,
    now_iso: impl FnOnce() -> String,
) -> Application {
    let fingerprint = fingerprint(answers);
    match current {
        Some(app) if app.fingerprint == fingerprint => app.clone(),
        Some(app) => Application {
            version: app.version.saturating_add(1),
            submitted_at: now_iso(),
            fingerprint,
            ..app.clone()
        },
        None => {
            let Identity {
                reference,
                version_secret,
            } = new_identity();
            Application {
                reference,
                version: 1,
                submitted_at: now_iso(),
                fingerprint,
                version_secret,
            }
        }
    }
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

/// 16 random bytes as base64url without padding (22 characters): a version secret.
pub fn secret_from_bytes(bytes: [u8; 16]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(22);
    let mut bits: u32 = 0;
    let mut held = 0;
    for b in bytes {
        bits = (bits << 8) | u32::from(b);
        held += 8;
        while held >= 6 {
            held -= 6;
            out.push(ALPHABET[((bits >> held) & 63) as usize] as char);
        }
    }
    if held > 0 {
        out.push(ALPHABET[((bits << (6 - held)) & 63) as usize] as char);
    }
    out
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
