//! "Keep this session on this computer" (off by default) and "Forget this
//! session". The kept session (`crate::saved`: the files as opened, the sides,
//! the matching settings, the hidden columns) is one record in IndexedDB,
//! which holds exports of thousands of applications where localStorage's few
//! megabytes would not. Nothing is written, and no database is made, until
//! staff tick the box; unticking it or "Forget this session" deletes the
//! database.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::dom::{self, describe};
use super::state::{Keep, View, Wb};
use crate::saved::SavedSession;

const DB: &str = "mentor-workbench";
const STORE: &str = "session";
const KEY: &str = "current";

fn factory() -> Result<web_sys::IdbFactory, String> {
    dom::window()
        .ok_or("no window")?
        .indexed_db()
        .map_err(|e| describe(&e))?
        .ok_or_else(|| "this browser offers no storage here".to_string())
}

/// A request's outcome, as a future.
async fn settled(request: &web_sys::IdbRequest) -> Result<JsValue, String> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    match JsFuture::from(promise).await {
        Ok(_) => request.result().map_err(|e| describe(&e)),
        Err(_) => Err(request
            .error()
            .ok()
            .flatten()
            .map_or_else(|| "the browser refused".to_string(), |e| e.message())),
    }
}

/// Whether a kept session exists, without making a database when none does.
async fn exists() -> Result<bool, String> {
    let f = factory()?;
    let databases = js_sys::Reflect::get(&f, &JsValue::from_str("databases"))
        .ok()
        .and_then(|d| d.dyn_into::<js_sys::Function>().ok());
    let Some(databases) = databases else {
        // Without indexedDB.databases() the page cannot look without making
        // one: it then does not look (a kept session is not restored).
        return Ok(false);
    };
    let list = JsFuture::from(
        databases
            .call0(&f)
            .map_err(|e| describe(&e))?
            .dyn_into::<js_sys::Promise>()
            .map_err(|_| "indexedDB.databases() gave no promise".to_string())?,
    )
    .await
    .map_err(|e| describe(&e))?;
    Ok(js_sys::Array::from(&list).iter().any(|d| {
        js_sys::Reflect::get(&d, &JsValue::from_str("name"))
            .ok()
            .and_then(|n| n.as_string())
            .is_some_and(|n| n == DB)
    }))
}

async fn open() -> Result<web_sys::IdbDatabase, String> {
    let request = factory()?.open_with_u32(DB, 1).map_err(|e| describe(&e))?;
    let upgrade_target = request.clone();
    let on_upgrade = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        if let Ok(db) = upgrade_target
            .result()
            .and_then(|r| r.dyn_into::<web_sys::IdbDatabase>())
        {
            if !db.object_store_names().contains(STORE) {
                let _ = db.create_object_store(STORE);
            }
        }
    });
    request.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
    let result = settled(&request).await;
    drop(on_upgrade);
    result?
        .dyn_into::<web_sys::IdbDatabase>()
        .map_err(|_| "the browser gave no database".to_string())
}

async fn write(text: &str) -> Result<(), String> {
    let db = open().await?;
    let outcome = async {
        let tx = db
            .transaction_with_str_and_mode(STORE, web_sys::IdbTransactionMode::Readwrite)
            .map_err(|e| describe(&e))?;
        let store = tx.object_store(STORE).map_err(|e| describe(&e))?;
        store
            .put_with_key(&JsValue::from_str(text), &JsValue::from_str(KEY))
            .map_err(|e| describe(&e))?;
        let done = js_sys::Promise::new(&mut |resolve, reject| {
            tx.set_oncomplete(Some(&resolve));
            tx.set_onerror(Some(&reject));
            tx.set_onabort(Some(&reject));
        });
        JsFuture::from(done).await.map(|_| ()).map_err(|_| {
            tx.error().map_or_else(
                || "the browser refused to store it".to_string(),
                |e| e.message(),
            )
        })
    }
    .await;
    db.close();
    outcome
}

async fn read() -> Result<Option<String>, String> {
    let db = open().await?;
    let outcome = async {
        let tx = db.transaction_with_str(STORE).map_err(|e| describe(&e))?;
        let store = tx.object_store(STORE).map_err(|e| describe(&e))?;
        let request = store
            .get(&JsValue::from_str(KEY))
            .map_err(|e| describe(&e))?;
        Ok(settled(&request).await?.as_string())
    }
    .await;
    db.close();
    outcome
}

async fn delete() -> Result<(), String> {
    let request = factory()?.delete_database(DB).map_err(|e| describe(&e))?;
    settled(&request).await.map(|_| ())
}

/// While staff keep the session, writes it again after every change of the
/// files, the sides, the settings or the hidden columns.
pub fn autosave(wb: Wb) {
    Effect::new(move |_| {
        wb.ws.track();
        wb.settings.track();
        wb.hidden_columns.track();
        if wb.keep.get() == Keep::On {
            save(wb);
        }
    });
}

fn save(wb: Wb) {
    let text = wb.ws.with_untracked(|w| {
        let hidden = wb.hidden_columns.with_untracked(|h| {
            h.iter()
                .map(|(k, v)| (k.clone(), v.iter().cloned().collect()))
                .collect()
        });
        SavedSession::new(w, &wb.settings.get_untracked(), &hidden).to_json()
    });
    spawn_local(async move {
        match write(&text).await {
            // Staff stopped keeping (or forgot) while this was being written:
            // what was just written goes too.
            Ok(()) if wb.keep.get_untracked() != Keep::On => {
                let _ = delete().await;
            }
            Ok(()) => {}
            Err(e) => {
                wb.keep.set(Keep::Failed(format!(
                    "This session could not be kept on this computer: {e}. Nothing was stored."
                )));
                let _ = delete().await;
            }
        }
    });
}

/// Opens a kept session again when the page starts.
pub fn restore_on_start(wb: Wb) {
    spawn_local(async move {
        match exists().await {
            Ok(true) => {}
            Ok(false) => return,
            Err(e) => {
                wb.keep.set(Keep::Failed(format!(
                    "The browser's storage cannot be used here ({e}): this session cannot be kept."
                )));
                return;
            }
        }
        let text = match read().await {
            Ok(Some(text)) => text,
            Ok(None) => return,
            Err(e) => {
                wb.keep.set(Keep::Failed(format!(
                    "The kept session could not be read: {e}."
                )));
                return;
            }
        };
        match SavedSession::from_json(&text) {
            Ok(saved) => {
                let mut opened = Vec::new();
                wb.ws.update(|w| opened = saved.restore_into(w));
                wb.opened.update(|o| o.extend(opened));
                wb.settings.set(saved.settings.clone());
                wb.hidden_columns.set(
                    saved
                        .hidden_columns
                        .iter()
                        .map(|(k, v)| (k.clone(), v.iter().cloned().collect()))
                        .collect(),
                );
                wb.after_files_changed();
                wb.keep.set(Keep::On);
                if wb
                    .ws
                    .with_untracked(|w| !w.applications().rows().is_empty())
                {
                    wb.view.set(View::Applications);
                }
                wb.announce("The session kept on this computer is open again.");
            }
            Err(problem) => {
                wb.keep.set(Keep::Failed(format!("{problem}.")));
            }
        }
    });
}

/// The tick box and "Forget this session".
#[component]
pub fn KeepControls() -> impl IntoView {
    let wb = expect_context::<Wb>();
    let on_change = move |ev: leptos::ev::Event| {
        if event_target_checked(&ev) {
            // `autosave` writes it now and after every change.
            wb.keep.set(Keep::On);
            wb.announce("This session is now kept on this computer.");
        } else {
            wb.keep.set(Keep::Off);
            spawn_local(async move {
                let _ = delete().await;
            });
            wb.announce("This session is no longer kept; the stored copy was deleted.");
        }
    };
    let forget = move |_| {
        wb.keep.set(Keep::Off);
        spawn_local(async move {
            let _ = delete().await;
        });
        wb.clear(&super::SHIPPED);
        wb.go(View::Files);
        wb.announce("Session forgotten: every file was closed and nothing is stored.");
    };
    view! {
        <div class="wb-toolbar">
            <div class="mf-checkbox wb-toolbar__item">
                <input
                    class="mf-checkbox__input"
                    type="checkbox"
                    id="wb-keep"
                    aria-describedby="wb-keep-hint"
                    prop:checked=move || wb.keep.get() == Keep::On
                    on:change=on_change
                />
                <label class="mf-checkbox__label" for="wb-keep">
                    "Keep this session on this computer"
                </label>
            </div>
            <button type="button" class="mf-button mf-button--secondary wb-toolbar__item" on:click=forget>
                "Forget this session"
            </button>
            <p class="mf-hint wb-toolbar__hint" id="wb-keep-hint">
                {move || match wb.keep.get() {
                    Keep::On => "Kept in this browser on this computer until you untick the box or forget the session.".to_string(),
                    Keep::Off => "Off: closing this page forgets everything you opened.".to_string(),
                    Keep::Failed(why) => why,
                }}
            </p>
        </div>
    }
}
