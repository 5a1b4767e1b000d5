//! Format checks for typed text. No regex: each check is a
//! few lines, and the `regex` crate would cost hundreds of KB of wasm.

/// Email shape as GOV.UK checks it: one `@`, a mailbox of at most 64
/// characters without spaces, a domain of dot-separated labels (letters of any
/// script, digits, hyphens) ending in a top-level domain of 2+ characters.
pub fn is_email(s: &str) -> bool {
    let s = s.trim();
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    if local.is_empty()
        || local.chars().count() > 64
        || domain.contains('@')
        || s.chars().count() > 320
        || local.starts_with('.')
        || local.ends_with('.')
        || local.contains("..")
        || local
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>()[]\\,;:\"".contains(c))
    {
        return false;
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return false;
    }
    let label_ok = |l: &&str| {
        !l.is_empty()
            && l.chars().count() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && letters_digits_or_hyphens(l)
    };
    let tld = labels[labels.len() - 1];
    labels.iter().all(label_ok)
        && tld.chars().count() >= 2
        && !tld.chars().all(|c| c.is_ascii_digit())
}

/// Phone numbers as people write them: digits with spaces, dashes, dots and
/// brackets, an optional leading `+`, and 7 to 15 digits in all (E.164 max).
pub fn is_phone(s: &str) -> bool {
    let s = s.trim();
    let body = s.strip_prefix('+').unwrap_or(s);
    let mut digits = 0;
    let mut depth = 0i32;
    for c in body.chars() {
        match c {
            '0'..='9' => digits += 1,
            ' ' | '-' | '.' => {}
            '(' => {
                depth += 1;
                if depth > 1 {
                    return false;
                }
            }
            ')' => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            _ => return false,
        }
    }
    depth == 0 && (7..=15).contains(&digits)
}

/// A web address: `http://` or `https://`, a host of dot-separated labels
/// (letters of any script, digits, hyphens; or `localhost`), an optional
/// port, then anything without spaces.
pub fn is_web_address(s: &str) -> bool {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &s[8..]
    } else if lower.starts_with("http://") {
        &s[7..]
    } else {
        return false;
    };
    if s.chars().any(|c| c.is_whitespace() || c.is_control()) || s.chars().count() > 2000 {
        return false;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => host,
        Some(_) => return false,
        None => authority,
    };
    if host.contains('@') {
        return false; // credentials in a link are a phishing pattern
    }
    let labels: Vec<&str> = host.split('.').collect();
    let label_ok = |l: &&str| {
        !l.is_empty() && !l.starts_with('-') && !l.ends_with('-') && letters_digits_or_hyphens(l)
    };
    host == "localhost" || (labels.len() >= 2 && labels.iter().all(label_ok))
}

/// A whole number written plainly (`12`, ` 7 `), no signs, decimals or words.
pub fn parse_whole_number(s: &str) -> Option<i64> {
    let t = s.trim();
    if t.is_empty() || t.len() > 12 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

/// Characters as people count them: one per Unicode scalar value.
pub fn char_count(s: &str) -> usize {
    s.chars().count()
}

/// "First name" → "first name", for messages built from a label. Keeps
/// acronyms ("ALSC membership") and the pronoun "I" as written.
pub fn lower_first(s: &str) -> String {
    let first_word = s.split_whitespace().next().unwrap_or("");
    let keep = first_word == "I"
        || first_word.starts_with("I’")
        || first_word.starts_with("I'")
        || first_word.chars().nth(1).is_some_and(is_uppercase);
    if keep {
        return s.to_string();
    }
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => {
            let mut out = to_lowercase(first.encode_utf8(&mut [0; 4]));
            out.push_str(chars.as_str());
            out
        }
        None => String::new(),
    }
}

/// Unicode lower-casing (the default case mapping, as `str::to_lowercase`).
/// In the browser it is the JS engine's `toLowerCase`, which applies the same
/// Unicode mapping: core's own case table is ~12 KB of the wasm.
#[cfg(target_arch = "wasm32")]
pub fn to_lowercase(s: &str) -> String {
    js_sys::JsString::from(s).to_lower_case().into()
}

/// Unicode lower-casing (the default case mapping, as `str::to_lowercase`).
#[cfg(not(target_arch = "wasm32"))]
pub fn to_lowercase(s: &str) -> String {
    s.to_lowercase()
}

/// Every character a letter of any script, a digit (`char::is_alphanumeric`:
/// Unicode Alphabetic or Numeric) or `-`. In the browser it is a Unicode
/// property escape of the JS engine's RegExp instead of core's tables.
#[cfg(target_arch = "wasm32")]
fn letters_digits_or_hyphens(s: &str) -> bool {
    js_sys::RegExp::new(r"^[\p{Alphabetic}\p{N}-]*$", "u").test(s)
}

/// Every character a letter of any script, a digit (`char::is_alphanumeric`:
/// Unicode Alphabetic or Numeric) or `-`.
#[cfg(not(target_arch = "wasm32"))]
fn letters_digits_or_hyphens(s: &str) -> bool {
    s.chars().all(|c| c.is_alphanumeric() || c == '-')
}

/// `char::is_uppercase` (the Unicode Uppercase property); in the browser
/// through the JS engine's RegExp, as above.
#[cfg(target_arch = "wasm32")]
fn is_uppercase(c: char) -> bool {
    js_sys::RegExp::new(r"^\p{Uppercase}$", "u").test(c.encode_utf8(&mut [0; 4]))
}

/// `char::is_uppercase` (the Unicode Uppercase property).
#[cfg(not(target_arch = "wasm32"))]
fn is_uppercase(c: char) -> bool {
    c.is_uppercase()
}
