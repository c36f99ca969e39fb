//! Catalogue pages: förvaltningar, capability areas, agreements with requirement areas.
//! Everyone reads; administrators get edit forms (plain `<details>`, so no JavaScript is needed).

mod agreements_page;
mod capabilities_page;
mod forvaltningar_page;

pub use agreements_page::AgreementsPage;
pub use capabilities_page::CapabilitiesPage;
pub use forvaltningar_page::ForvaltningarPage;

use crate::ui::texts::sv as t;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn CatalogueIndexPage() -> impl IntoView {
    view! {
        <Title text=format!("{} – Redo", t::CATALOGUE_TITLE) />
        <h1>{t::CATALOGUE_TITLE}</h1>
        <ul class="card-list">
            <li class="card">
                <a href="/katalog/forvaltningar">{t::FORVALTNINGAR_TITLE}</a>
                <span class="muted">"Regionens förvaltningar och ägda bolag."</span>
            </li>
            <li class="card">
                <a href="/katalog/formagor">{t::CAPABILITIES_TITLE}</a>
                <span class="muted">"Förmågeområden CA01–CA14 som övningsmål och bedömningar knyts till."</span>
            </li>
            <li class="card">
                <a href="/katalog/overenskommelser">{t::AGREEMENTS_TITLE}</a>
                <span class="muted">"NÖK och statsbidrag med de kravområden regionen följs upp mot."</span>
            </li>
        </ul>
        <p class="muted">{t::READ_ONLY_NOTE}</p>
    }
}

/// A labelled text input for catalogue forms; `prefix` makes ids unique per row. Inside a refused
/// form it shows what the user posted.
#[component]
fn Input(
    prefix: String,
    field: &'static str,
    label: &'static str,
    value: String,
    error: Signal<Option<crate::api::AppError>>,
    #[prop(optional)] kind: Option<&'static str>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    use crate::ui::components::{FieldMessage, posted_or};
    let id = format!("{prefix}-{field}");
    let name = format!("input[{field}]");
    let value = posted_or(&name, value);
    let message_id = format!("{id}-fel");
    let (for_id, describedby) = (id.clone(), message_id.clone());
    view! {
        <div class="field">
            <label for=for_id>{label}</label>
            <input
                id=id
                name=name
                type=kind.unwrap_or("text")
                value=value
                required=required
                aria-describedby=describedby
            />
            <FieldMessage field=field error id=message_id />
        </div>
    }
}
