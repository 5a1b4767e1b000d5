//! The few Web Crypto calls "Save and continue later" needs (contract 2):
//! HKDF-SHA-256 from the resume code to the draft's id and its AES-256-GCM
//! key, and AES-GCM with a random 12-byte nonce per save. The browser does
//! the cryptography, so the wasm carries only these bindings (no crypto
//! crate); the key never enters the wasm's memory (derived as a
//! non-extractable `CryptoKey`).
//!
//! `crypto.subtle` exists only in a secure context (https, or localhost):
//! [`available`] says whether this page has it, and the feature is not
//! offered where it does not.

use crate::browser;
use crate::form::resume::{ResumeCode, ID_INFO, KEY_INFO};
use crate::form::version::base64url;
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesGcmParams, CryptoKey, HkdfParams, SubtleCrypto};

/// The browser refused an operation (never expected in a secure context).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CryptoFailed;

/// AES-GCM's nonce.
pub const NONCE_BYTES: usize = 12;

/// Whether this page can encrypt: a secure context with `crypto.subtle`.
pub fn available() -> bool {
    browser::window().is_secure_context() && subtle().is_some()
}

fn subtle() -> Option<SubtleCrypto> {
    let crypto = browser::window().crypto().ok()?;
    // `subtle` is undefined outside a secure context; reading it through
    // the typed getter would hand back `undefined` as a `SubtleCrypto`.
    let subtle = Reflect::get(&crypto, &JsValue::from_str("subtle")).ok()?;
    (!subtle.is_undefined() && !subtle.is_null()).then(|| subtle.unchecked_into())
}

/// What a resume code opens: the draft's id on the server (32 bytes,
/// base64url, 43 characters) and the key its answers are sealed with.
pub struct DraftKeys {
    pub draft_id: String,
    pub key: CryptoKey,
}

async fn resolve(promise: Result<js_sys::Promise, JsValue>) -> Result<JsValue, CryptoFailed> {
    JsFuture::from(promise.map_err(|_| CryptoFailed)?)
        .await
        .map_err(|_| CryptoFailed)
}

fn hkdf_params(info: &str) -> HkdfParams {
    // No salt (RFC 5869 then uses a block of zeros): the code is already
    // 100 uniformly random bits, and the two `info` strings keep the id and
    // the key apart.
    HkdfParams::new_with_str(
        "HKDF",
        "SHA-256",
        &Uint8Array::from(info.as_bytes()),
        &Uint8Array::new_with_length(0),
    )
}

/// Derives the draft's id and key from the code (its 20 characters as
/// ASCII are HKDF's input key material).
pub async fn derive(code: &ResumeCode) -> Result<DraftKeys, CryptoFailed> {
    let subtle = subtle().ok_or(CryptoFailed)?;
    let usages = Array::of2(&"deriveBits".into(), &"deriveKey".into());
    let material: CryptoKey = resolve(subtle.import_key_with_str(
        "raw",
        &Uint8Array::from(code.as_str().as_bytes()),
        "HKDF",
        false,
        &usages,
    ))
    .await?
    .unchecked_into();
    let id_bits =
        resolve(subtle.derive_bits_with_object(&hkdf_params(ID_INFO), &material, 256)).await?;
    let draft_id = base64url(&Uint8Array::new(&id_bits).to_vec());
    let aes = Object::new();
    Reflect::set(&aes, &"name".into(), &"AES-GCM".into()).map_err(|_| CryptoFailed)?;
    Reflect::set(&aes, &"length".into(), &JsValue::from(256)).map_err(|_| CryptoFailed)?;
    let key: CryptoKey = resolve(subtle.derive_key_with_object_and_object(
        &hkdf_params(KEY_INFO),
        &material,
        &aes,
        false,
        &Array::of2(&"encrypt".into(), &"decrypt".into()),
    ))
    .await?
    .unchecked_into();
    Ok(DraftKeys { draft_id, key })
}

/// Encrypts `plaintext` under a fresh random nonce: (nonce, ciphertext with
/// its 16-byte tag).
pub async fn seal(key: &CryptoKey, plaintext: &[u8]) -> Result<(Vec<u8>, Vec<u8>), CryptoFailed> {
    let subtle = subtle().ok_or(CryptoFailed)?;
    let nonce = browser::crypto_bytes::<NONCE_BYTES>().ok_or(CryptoFailed)?;
    let params = AesGcmParams::new("AES-GCM", &Uint8Array::from(&nonce[..]));
    let sealed = resolve(subtle.encrypt_with_object_and_buffer_source(
        &params,
        key,
        &Uint8Array::from(plaintext),
    ))
    .await?;
    Ok((nonce.to_vec(), Uint8Array::new(&sealed).to_vec()))
}

/// Decrypts and checks (AES-GCM's tag): anything altered, or sealed under
/// another key, fails.
pub async fn open(
    key: &CryptoKey,
    nonce: &[u8],
    ciphertext: &[u8],
) -> Result<Vec<u8>, CryptoFailed> {
    if nonce.len() != NONCE_BYTES {
        return Err(CryptoFailed);
    }
    let subtle = subtle().ok_or(CryptoFailed)?;
    let params = AesGcmParams::new("AES-GCM", &Uint8Array::from(nonce));
    let plain = resolve(subtle.decrypt_with_object_and_buffer_source(
        &params,
        key,
        &Uint8Array::from(ciphertext),
    ))
    .await?;
    Ok(Uint8Array::new(&plain).to_vec())
}
