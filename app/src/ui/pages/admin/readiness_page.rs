//! The region's assessment settings (period kind, the rule deriving the overall level, the
//! evidence window, the default target) and the level scale's labels and anchor texts
//! (administrators only; the service refuses others).

use crate::api::readiness::{
    SaveLevelText, SaveReadinessSettings, SettingsView, get_readiness_settings,
};
use crate::domain::readiness::{LevelText, PeriodKind, ReadinessSettings, Rule};
use crate::ui::components::{
    ErrorView, FieldMessage, FormAlert, PostForm, form_error, posted_checked, posted_or,
};
use crate::ui::texts::sv as t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
fn SettingsForm(settings: ReadinessSettings) -> impl IntoView {
    let error = form_error(SaveReadinessSettings::PATH, None);
    let kind_name = "input[period_kind]";
    let rule_name = "input[rule]";
    view! {
        <PostForm action=SaveReadinessSettings::PATH class="settings-form">
            <FormAlert error />
            <input type="hidden" name="version" value=settings.version />
            <fieldset aria-describedby="installning-period_kind-fel">
                <legend>{t::PERIOD_KIND}</legend>
                {PeriodKind::ALL.into_iter().map(|k| {
                    let id = format!("installning-period-{}", k.code());
                    let for_id = id.clone();
                    view! {
                        <label class="check" for=for_id>
                            <input id=id type="radio" name=kind_name value=k.code() checked=posted_checked(kind_name, k.code(), k == settings.period_kind) />
                            {t::period_kind(k)}
                        </label>
                    }
                }).collect_view()}
                <p class="hint">{t::PERIOD_KIND_HINT}</p>
                <FieldMessage field="period_kind" error id="installning-period_kind-fel" />
            </fieldset>
            <fieldset aria-describedby="installning-rule-fel">
                <legend>{t::RULE}</legend>
                {Rule::ALL.into_iter().map(|r| {
                    let id = format!("installning-rule-{}", r.code());
                    let for_id = id.clone();
                    view! {
                        <label class="check" for=for_id>
                            <input id=id type="radio" name=rule_name value=r.code() checked=posted_checked(rule_name, r.code(), r == settings.rule) />
                            {t::rule_hint(r)}
                        </label>
                    }
                }).collect_view()}
                <FieldMessage field="rule" error id="installning-rule-fel" />
            </fieldset>
            <div class="field">
                <label for="installning-evidence_months">{t::EVIDENCE_MONTHS}</label>
                <p class="hint" id="installning-evidence_months-tips">{t::EVIDENCE_MONTHS_HINT}</p>
                <input id="installning-evidence_months" name="input[evidence_months]" inputmode="numeric" size="4"
                    value=posted_or("input[evidence_months]", settings.evidence_months.to_string())
                    aria-describedby="installning-evidence_months-tips installning-evidence_months-fel" />
                <FieldMessage field="evidence_months" error id="installning-evidence_months-fel" />
            </div>
            <div class="field">
                <label for="installning-default_target">{t::DEFAULT_TARGET}</label>
                <select id="installning-default_target" name="input[default_target]" aria-describedby="installning-default_target-fel">
                    {(1..=5u8).map(|n| {
                        let v = n.to_string();
                        let selected = posted_checked("input[default_target]", &v, n == settings.default_target.get());
                        view! { <option value=v selected=selected>{n}</option> }
                    }).collect_view()}
                </select>
                <FieldMessage field="default_target" error id="installning-default_target-fel" />
            </div>
            <button type="submit" class="button primary">{t::SAVE_SETTINGS}</button>
        </PostForm>
    }
}

#[component]
fn LevelForm(level: LevelText) -> impl IntoView {
    let n = level.level.get();
    let name = format!("niva-{n}");
    let error = form_error(SaveLevelText::PATH, Some(&name));
    let id = move |f: &str| format!("niva-{n}-{f}");
    view! {
        <section class="panel level-text" id=name.clone() aria-labelledby=id("rubrik")>
            <h3 id=id("rubrik")>{t::LEVEL} " " {n}</h3>
            <PostForm action=SaveLevelText::PATH name=name.clone()>
                <FormAlert error />
                <input type="hidden" name="level" value=n />
                <div class="field">
                    <label for=id("label")>{t::LEVEL_LABEL} " " {n}</label>
                    <input id=id("label") name="input[label]" maxlength="60" value=posted_or("input[label]", level.label.clone()) aria-describedby=id("label-fel") />
                    <FieldMessage field="label" error id=id("label-fel") />
                </div>
                <div class="field">
                    <label for=id("anchor")>{t::ANCHOR_TEXT} " " {n}</label>
                    <textarea id=id("anchor") name="input[anchor]" rows="3" aria-describedby=id("anchor-fel")>{posted_or("input[anchor]", level.anchor.clone())}</textarea>
                    <FieldMessage field="anchor" error id=id("anchor-fel") />
                </div>
                <button type="submit" class="button">{t::SAVE_LEVEL} " " {n}</button>
            </PostForm>
        </section>
    }
}

#[component]
fn Loaded(view_model: SettingsView, saved: Option<String>) -> impl IntoView {
    view! {
        {saved.map(|s| view! { <p class="saved-notice" role="status">{if s == "installningar" { t::SETTINGS_SAVED } else { t::LEVEL_SAVED }}</p> })}
        <section aria-labelledby="installningar">
            <h2 id="installningar">{t::ASSESSMENT_SETTINGS}</h2>
            <SettingsForm settings=view_model.settings />
        </section>
        <section aria-labelledby="skalan">
            <h2 id="skalan">{t::LEVEL_SCALE}</h2>
            <p class="hint">{t::LEVEL_SCALE_HINT}</p>
            {view_model.levels.into_iter().map(|l| view! { <LevelForm level=l /> }).collect_view()}
        </section>
    }
}

#[component]
pub fn ReadinessSettingsPage() -> impl IntoView {
    let query = use_query_map();
    let saved = query.read_untracked().get("sparat");
    let data = Resource::new(|| (), |_| get_readiness_settings());
    view! {
        <Title text=format!("{} – Redo", t::READINESS_SETTINGS_TITLE) />
        <h1>{t::READINESS_SETTINGS_TITLE}</h1>
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {move || {
                let saved = saved.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(v) => view! { <Loaded view_model=v saved /> }.into_any(),
                        Err(e) => view! { <ErrorView error=e /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
