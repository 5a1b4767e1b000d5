//! Unicode cases that the native build (Rust's `str::to_lowercase`,
//! `char::is_alphanumeric`, `char::is_uppercase`) and the browser build (the JS
//! engine's, `form::text`) must answer alike: `rules_table.rs` runs them
//! natively, `components.rs` in Chromium. One list, so the two cannot drift.

/// Text and its lower case: Latin with accents, Greek with a final sigma and
/// with one that is not final (a letter follows the dot), dotted capital I (one
/// letter becomes two), Cyrillic, ASCII.
pub const LOWER_CASES: &[(&str, &str)] = &[
    ("BÜCHER.DE", "bücher.de"),
    ("ΟΔΟΣ", "οδος"),
    ("ΟΔΟΣ.GR", "οδοσ.gr"),
    ("İSTANBUL", "i\u{307}stanbul"),
    ("ПРИМЕР.РФ", "пример.рф"),
    ("Example.ORG", "example.org"),
];

/// A label and how `lower_first` writes it: a second capital keeps it as written.
pub const LOWER_FIRST_CASES: &[(&str, &str)] = &[
    ("Élan vital", "élan vital"),
    ("ALSC membership", "ALSC membership"),
    ("Ωmega", "ωmega"),
    ("ÉCOLE notes", "ÉCOLE notes"),
    ("ΩΜΕΓΑ team", "ΩΜΕΓΑ team"),
    ("Straße", "straße"),
];

/// Addresses and whether their domain labels are letters or digits of any
/// script and hyphens.
pub const EMAIL_DOMAIN_CASES: &[(&str, bool)] = &[
    ("ann@bücher.de", true),
    ("ann@пример.рф", true),
    ("ann@مثال١٢٣.إختبار", true),
    ("ann@ex-ample.org", true),
    ("ann@exa_mple.org", false),
    ("ann@ex!ample.org", false),
    ("ann@ex★ample.org", false),
];

/// Runs every case through the build's own functions.
pub fn check_all() {
    use cycle::text::{is_email, lower_first, to_lowercase};
    for (given, want) in LOWER_CASES {
        assert_eq!(to_lowercase(given), *want, "{given}");
    }
    for (label, want) in LOWER_FIRST_CASES {
        assert_eq!(lower_first(label), *want, "{label}");
    }
    for (address, ok) in EMAIL_DOMAIN_CASES {
        assert_eq!(is_email(address), *ok, "{address}");
    }
}
