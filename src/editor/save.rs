//! "Save": what changed since the file was opened, in words, and how the
//! file reaches the web team.

use super::state::Editor;
use cycle::diff::changes;
use cycle::edit::quoted;
use leptos::prelude::*;

#[component]
pub fn SavePanel() -> impl IntoView {
    let ed = expect_context::<Editor>();
    let list = Memo::new(move |_| {
        let (old, new) = (ed.opened.get(), ed.cycle.get());
        changes(&old, &new)
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
    });
    view! {
        <h3 class="ed-heading">"Save"</h3>
        <section class="ed-card" aria-labelledby="ed-h-changed">
            <h4 class="ed-card__title" id="ed-h-changed">"What changed"</h4>
            <p class="mf-body">{move || format!("Compared with {} as it was opened:", quoted(&ed.opened_name.get()))}</p>
            {move || {
                let items = list.get();
                if items.is_empty() {
                    view! { <p class="mf-body" id="ed-changes-none">"Nothing has changed."</p> }.into_any()
                } else {
                    view! {
                        <ul class="mf-list ed-changes" id="ed-changes">
                            {items.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
        </section>
        <section class="ed-card" aria-labelledby="ed-h-hand">
            <h4 class="ed-card__title" id="ed-h-hand">"Hand the file to the web team"</h4>
            <ol class="mf-list mf-list--number">
                <li>"Fix any problem listed at the top: a file with problems does not load."</li>
                <li>"Press “Download cycle file” above. The file is named after the cycle's id, such as fall-2021-mentor.json."</li>
                <li>"Send it to the web team with the list above. They put it in public/cycles/ and publish the form; a file opened here and downloaded unchanged is byte for byte the same, so their review shows only your changes."</li>
            </ol>
        </section>
    }
}
