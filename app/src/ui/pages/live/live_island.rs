//! The live log: the entry form and the entries. Rendered on the server it is a plain form
//! that posts to the page (the form mechanism) and the list as it stood.

use super::log::{EntryFields, EntryList, LogProps};
use crate::ui::components::{ACTION_FIELD, KEY_FIELD};
use crate::ui::texts::sv as t;
use leptos::prelude::*;

/// The server function the entry form posts to.
const LOG_PATH: &str = "/api/live/log";

#[component]
pub fn LiveLog(props: LogProps) -> impl IntoView {
    let values = props.refused.clone().unwrap_or_default();
    let alert = values.alert.clone();
    let entries = props.entries.clone();
    view! {
        <section class="panel live-entry" aria-labelledby="post-rubrik">
            <h2 id="post-rubrik">{t::LIVE_ENTRY_HEADING}</h2>
            {if props.role.is_none() {
                view! { <p class="hint">{t::LIVE_NOT_ON_STAFF}</p> }.into_any()
            } else {
                view! {
                    {alert.map(|a| view! { <div class="form-alert" role="alert">{a}</div> })}
                    <form method="post" action=props.page.clone() class="entry-form">
                        <input type="hidden" name=ACTION_FIELD value=LOG_PATH />
                        <input type="hidden" name=KEY_FIELD value=props.form_key.clone() />
                        <input type="hidden" name="id" value=props.exercise_id />
                        <EntryFields props=props.clone() values=values.clone() prefix="" />
                        <button type="submit" class="button primary">{t::LIVE_SAVE}</button>
                    </form>
                }
                    .into_any()
            }}
        </section>
        <section class="panel live-log" aria-labelledby="logg-rubrik">
            <h2 id="logg-rubrik">{t::LIVE_LOG_HEADING}</h2>
            <EntryList props=props.clone() entries />
        </section>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_form_posts_to_the_log_function() {
        use leptos::server_fn::ServerFn;
        assert_eq!(super::LOG_PATH, crate::api::conduct::LogEntry::PATH);
        let _ = super::Refused::default();
    }
}
