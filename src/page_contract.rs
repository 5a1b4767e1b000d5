//! The names the wasm shares with the page scripts (`scripts/early-paint.js`
//! with `scripts/lib/start-wasm.js`, and the `mount.js` the build writes):
//! window globals, attributes, storage keys, the default cycle path, text
//! keys and messages.
//!
//! `scripts/contract.mjs` holds the same list for the scripts; every name
//! here has a twin of the same name and value there, and
//! `tests/page_contract.rs` fails when they differ, so a rename on one side
//! fails `cargo test` instead of a browser test. The globals are read and
//! called only through the typed declarations at the end of this module.

use cycle::TextKey;

/// `take(url)`: the cycle fetch early-paint.js started, given once.
pub const GLOBAL_CYCLE_FETCH: &str = "__mentorFormCycle";
/// `takeOver(host, appRoot) -> boolean`, early-paint.js's hand-over.
pub const GLOBAL_TAKE_OVER: &str = "__mentorFormTakeOver";
/// A promise start-wasm.js awaits before it starts the wasm.
pub const GLOBAL_PAINTED: &str = "__mentorFormPainted";
/// Why the start failed, set by start-wasm.js.
pub const GLOBAL_START_FAILURE: &str = "__mentorFormStartFailure";
/// Dispatched on window when the wasm's download, compile or start failed.
pub const EVENT_START_FAILED: &str = "mentor-form:start-failed";

/// The element the form mounts into.
pub const ATTR_HOST: &str = "data-mentor-form";
/// On the host element: the cycle file's URL.
pub const ATTR_CYCLE: &str = "data-cycle";
/// On the host element: the id of the painted cycle.
pub const ATTR_CYCLE_ID: &str = "data-mf-cycle-id";
/// On the host element: FNV-1a of the painted cycle file.
pub const ATTR_CYCLE_HASH: &str = "data-mf-cycle-hash";
/// On a painted page's root.
pub const ATTR_PRERENDERED: &str = "data-mf-prerendered";
/// On the host element once the wasm has mounted there.
pub const ATTR_LIVE: &str = "data-mf-live";
/// On a painted page's template: its route.
pub const ATTR_ROUTE: &str = "data-mf-route";
/// On a painted page's template: its document title.
pub const ATTR_TITLE: &str = "data-mf-title";
/// On a painted control that got an input or change event.
pub const ATTR_TOUCHED: &str = "data-mf-touched";
/// The mount point inside a host's shadow root (mount mode).
pub const ATTR_MOUNT: &str = "data-mf-mount";
/// On early-paint.js's script element.
pub const ATTR_EARLY_PAINT: &str = "data-mf-early-paint";
/// On the wasm's link when painting early: a preload once the page has painted.
pub const ATTR_PRELOAD_AFTER_PAINT: &str = "data-mf-preload-after-paint";
/// On the host element: the texts the page scripts show, resolved at build time.
pub const ATTR_TEXTS: &str = "data-mf-texts";
/// On a painted slider: its words for each value.
pub const ATTR_VALUE_TEXTS: &str = "data-mf-valuetexts";
/// On index.html's inline stylesheet.
pub const ATTR_CRITICAL_CSS: &str = "data-mf-critical";
/// The start-failure notice.
pub const CLASS_START_FAILED: &str = "mf-start-failed";

/// Every page of the app sits in one element with this class.
pub const CLASS_ROOT: &str = "mf-root";
/// The "Loading…" line.
pub const CLASS_LOADING: &str = "mf-loading";
/// A page is ready when it has this and no [`CLASS_LOADING`].
pub const READY_HEADING: &str = "h1";
/// A rating question's wrapper (the rating control's markup).
pub const CLASS_RATING: &str = "mf-rating";
/// … while nothing is chosen.
pub const CLASS_RATING_UNRATED: &str = "mf-rating--unrated";
/// … its words on screen.
pub const CLASS_RATING_VALUE: &str = "mf-rating__value";
/// … the mark of the chosen value.
pub const CLASS_RATING_MARK_ON: &str = "mf-rating__mark--on";

/// The app's draft in localStorage: this prefix and the cycle id.
pub const DRAFT_KEY_PREFIX: &str = "mentor-form:draft:";
/// What was typed in the painted page before the app took over (or while it
/// could not start): this prefix and the cycle id (`state::painted`).
pub const TYPED_EARLY_KEY_PREFIX: &str = "mentor-form:typed-early:";

/// The cycle file index.html loads and mount mode defaults to.
pub const DEFAULT_CYCLE_PATH: &str = "cycles/fall-2020-mentor.json";

/// What the console says when the host page has no place for the form.
pub const MESSAGE_NO_MOUNT_ELEMENT: &str = "mentor form: this page has no element with the data-mentor-form attribute, so the form was not shown. Add <div data-mentor-form></div> where the form should appear.";

/// The texts the page scripts show (their keys, as the contract names them).
pub const START_FAILED_TEXTS: &[(&str, TextKey)] = &[
    ("TEXT_START_FAILED_TITLE", TextKey::start_failed_title),
    ("TEXT_START_FAILED_BODY", TextKey::start_failed_body),
    ("TEXT_START_FAILED_RELOAD", TextKey::start_failed_reload),
];

/// Every string constant above by its name, for the contract test.
pub const NAMED: &[(&str, &str)] = &[
    ("GLOBAL_CYCLE_FETCH", GLOBAL_CYCLE_FETCH),
    ("GLOBAL_TAKE_OVER", GLOBAL_TAKE_OVER),
    ("GLOBAL_PAINTED", GLOBAL_PAINTED),
    ("GLOBAL_START_FAILURE", GLOBAL_START_FAILURE),
    ("EVENT_START_FAILED", EVENT_START_FAILED),
    ("ATTR_HOST", ATTR_HOST),
    ("ATTR_CYCLE", ATTR_CYCLE),
    ("ATTR_CYCLE_ID", ATTR_CYCLE_ID),
    ("ATTR_CYCLE_HASH", ATTR_CYCLE_HASH),
    ("ATTR_PRERENDERED", ATTR_PRERENDERED),
    ("ATTR_LIVE", ATTR_LIVE),
    ("ATTR_ROUTE", ATTR_ROUTE),
    ("ATTR_TITLE", ATTR_TITLE),
    ("ATTR_TOUCHED", ATTR_TOUCHED),
    ("ATTR_MOUNT", ATTR_MOUNT),
    ("ATTR_EARLY_PAINT", ATTR_EARLY_PAINT),
    ("ATTR_PRELOAD_AFTER_PAINT", ATTR_PRELOAD_AFTER_PAINT),
    ("ATTR_TEXTS", ATTR_TEXTS),
    ("ATTR_VALUE_TEXTS", ATTR_VALUE_TEXTS),
    ("ATTR_CRITICAL_CSS", ATTR_CRITICAL_CSS),
    ("CLASS_START_FAILED", CLASS_START_FAILED),
    ("CLASS_ROOT", CLASS_ROOT),
    ("CLASS_LOADING", CLASS_LOADING),
    ("READY_HEADING", READY_HEADING),
    ("CLASS_RATING", CLASS_RATING),
    ("CLASS_RATING_UNRATED", CLASS_RATING_UNRATED),
    ("CLASS_RATING_VALUE", CLASS_RATING_VALUE),
    ("CLASS_RATING_MARK_ON", CLASS_RATING_MARK_ON),
    ("DRAFT_KEY_PREFIX", DRAFT_KEY_PREFIX),
    ("TYPED_EARLY_KEY_PREFIX", TYPED_EARLY_KEY_PREFIX),
    ("DEFAULT_CYCLE_PATH", DEFAULT_CYCLE_PATH),
    ("MESSAGE_NO_MOUNT_ELEMENT", MESSAGE_NO_MOUNT_ELEMENT),
];

/// Selectors made of the names above, written out (a `format!` at run time
/// costs the applicant's wasm more); `tests/page_contract.rs` checks each is
/// its name's.
pub const SELECTOR_HOST: &str = "[data-mentor-form]";
/// The mount point in a shadow root.
pub const SELECTOR_MOUNT: &str = "[data-mf-mount]";
/// The painted page directly in a host.
pub const SELECTOR_PAINTED_PAGE: &str = ":scope > [data-mf-prerendered]";
/// The "Loading…" line.
pub const SELECTOR_LOADING: &str = ".mf-loading";

/// Each selector with the one it must equal, built from the names.
pub fn derived() -> [(&'static str, &'static str, String); 4] {
    [
        ("SELECTOR_HOST", SELECTOR_HOST, format!("[{ATTR_HOST}]")),
        ("SELECTOR_MOUNT", SELECTOR_MOUNT, format!("[{ATTR_MOUNT}]")),
        (
            "SELECTOR_PAINTED_PAGE",
            SELECTOR_PAINTED_PAGE,
            format!(":scope > [{ATTR_PRERENDERED}]"),
        ),
        (
            "SELECTOR_LOADING",
            SELECTOR_LOADING,
            format!(".{CLASS_LOADING}"),
        ),
    ]
}

/// The page scripts' globals as typed calls. The `js_name`s, getters and
/// setters below are the `GLOBAL_*` values above (the contract test checks
/// every one of them).
#[cfg(target_arch = "wasm32")]
pub mod js {
    use wasm_bindgen::prelude::*;
    use web_sys::{Element, HtmlElement};

    #[wasm_bindgen]
    extern "C" {
        /// `globalThis`, as far as the page scripts extend it.
        pub type PageGlobals;

        /// The cycle fetch early-paint.js started (`GLOBAL_CYCLE_FETCH`), if
        /// it fetched this absolute URL: a promise of the `Response`, given
        /// once (null after, or for another URL). Throws when absent.
        #[wasm_bindgen(method, catch, js_name = __mentorFormCycle)]
        pub fn take_early_cycle(this: &PageGlobals, url: &str) -> Result<JsValue, JsValue>;

        /// early-paint.js's hand-over (`GLOBAL_TAKE_OVER`): false while a key
        /// or pointer is down in the painted page. Throws when absent.
        #[wasm_bindgen(method, catch, js_name = __mentorFormTakeOver)]
        pub fn take_over(
            this: &PageGlobals,
            host: &HtmlElement,
            app_root: &Element,
        ) -> Result<JsValue, JsValue>;

    }

    /// The page's global object with the page scripts' names.
    pub fn page_globals() -> PageGlobals {
        js_sys::global().unchecked_into()
    }
}
