//! The exercise form, shared by "Ny övning" and "Redigera övning". Plain form fields named the way
//! the server function expects (`input[name]`, `input[objectives][0][text]`), posted by a
//! `PostForm`; a refused post shows the form again with what was typed (`refused_args`).

use super::detail_page::id_from_url;
use crate::api::AppError;
use crate::api::exercises::{
    CreateExercise, FormOptions, UpdateExercise, exercise_form_options, get_exercise,
};
use crate::domain::ExerciseFormat;
use crate::domain::exercise::{ExerciseInput, ObjectiveInput};
use crate::ui::components::{
    ErrorView, FieldMessage, FormAlert, NotFound, PostForm, field_error_id, form_error,
    refused_args,
};
use crate::ui::texts::sv as t;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

/// Blank objective rows offered beyond the existing ones.
const SPARE_ROWS: usize = 2;

#[component]
fn TextField(
    id: &'static str,
    field: &'static str,
    label: &'static str,
    value: String,
    error: Signal<Option<AppError>>,
    #[prop(optional)] kind: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let describedby = match hint {
        Some(_) => format!("{} {id}-hint", field_error_id(field)),
        None => field_error_id(field),
    };
    let invalid = move || {
        error
            .with(|e| e.as_ref().is_some_and(|e| e.field(field).is_some()))
            .then_some("true")
    };
    view! {
        <div class="field">
            <label for=id>{label} {required.then_some(" *")}</label>
            {hint.map(|h| view! { <p class="hint" id=format!("{id}-hint")>{h}</p> })}
            <input
                id=id
                name=format!("input[{field}]")
                type=kind.unwrap_or("text")
                value=value
                required=required
                aria-describedby=describedby
                aria-invalid=invalid
            />
            <FieldMessage field=field error />
        </div>
    }
}

#[component]
fn TextArea(
    id: &'static str,
    field: &'static str,
    label: &'static str,
    value: String,
    error: Signal<Option<AppError>>,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let describedby = match hint {
        Some(_) => format!("{} {id}-hint", field_error_id(field)),
        None => field_error_id(field),
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=format!("{id}-hint")>{h}</p> })}
            <textarea id=id name=format!("input[{field}]") rows="4" aria-describedby=describedby>
                {value}
            </textarea>
            <FieldMessage field=field error />
        </div>
    }
}

#[component]
fn ObjectiveRow(
    index: usize,
    options: FormOptions,
    initial: ObjectiveInput,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let name = |part: &str| format!("input[objectives][{index}][{part}]");
    let ObjectiveInput {
        id,
        text,
        capability,
        requirements,
    } = initial;
    let text_field = format!("objectives.{index}.text");
    let cap_field = format!("objectives.{index}.capability");
    let req_field = format!("objectives.{index}.requirements");
    view! {
        <fieldset class="objective">
            <legend>{t::OBJECTIVE} " " {index + 1}</legend>
            <input type="hidden" name=name("id") value=id />
            <div class="field">
                <label for=format!("mal-{index}-text")>{t::OBJECTIVE_TEXT}</label>
                <textarea
                    id=format!("mal-{index}-text")
                    name=name("text")
                    rows="2"
                    aria-describedby=field_error_id(&text_field)
                >
                    {text}
                </textarea>
                <FieldMessage field=text_field error />
            </div>
            <div class="field-row">
                <div class="field">
                    <label for=format!("mal-{index}-cap")>{t::OBJECTIVE_CAPABILITY}</label>
                    <select id=format!("mal-{index}-cap") name=name("capability") aria-describedby=field_error_id(&cap_field)>
                        <option value="">{t::CHOOSE}</option>
                        {options
                            .capability_areas
                            .iter()
                            .map(|c| {
                                view! {
                                    <option value=c.code.clone() selected=c.code == capability>
                                        {format!("{} {}", c.code, c.title)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <FieldMessage field=cap_field error />
                </div>
                <div class="field">
                    <label for=format!("mal-{index}-req")>{t::OBJECTIVE_REQUIREMENTS}</label>
                    <select
                        id=format!("mal-{index}-req")
                        name=format!("input[objectives][{index}][requirements][]")
                        multiple
                        size="4"
                        aria-describedby=field_error_id(&req_field)
                    >
                        {options
                            .agreements
                            .iter()
                            .map(|a| {
                                view! {
                                    <optgroup label=a.name.clone()>
                                        {a
                                            .requirements
                                            .iter()
                                            .map(|r| {
                                                view! {
                                                    <option value=r.id selected=requirements.contains(&r.id)>
                                                        {format!("{} {}", r.code, r.title)}
                                                    </option>
                                                }
                                            })
                                            .collect_view()}
                                    </optgroup>
                                }
                            })
                            .collect_view()}
                    </select>
                    <FieldMessage field=req_field error />
                </div>
            </div>
        </fieldset>
    }
}

#[component]
fn Participants(
    options: FormOptions,
    selected: Vec<i64>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    view! {
        <fieldset class="checks" aria-describedby=field_error_id("participants")>
            <legend>{t::PARTICIPANTS}</legend>
            {options
                .forvaltningar
                .iter()
                // An inactive förvaltning stays offered while it takes part, so saving the form
                // never drops it silently.
                .filter(|f| f.active || selected.contains(&f.id))
                .map(|f| {
                    let id = format!("deltar-{}", f.id);
                    let for_id = id.clone();
                    let label = if f.active {
                        format!("{} – {}", f.code, f.name)
                    } else {
                        format!("{} – {} ({})", f.code, f.name, t::INACTIVE_LOWER)
                    };
                    view! {
                        <label for=for_id class="check">
                            <input id=id type="checkbox" name="input[participants][]" value=f.id checked=selected.contains(&f.id) />
                            {label}
                        </label>
                    }
                })
                .collect_view()}
            <FieldMessage field="participants" error />
        </fieldset>
    }
}

/// "Lägg till mål": more blank objective rows, added in the browser (an island, the only part of
/// the form that needs WebAssembly). Without JavaScript the button stays hidden and the form's
/// spare rows are what there is; a saved exercise gets new spare rows on its next edit.
#[island]
fn MoreObjectiveRows(first: usize, options: FormOptions) -> impl IntoView {
    let added = RwSignal::new(0usize);
    let interactive = RwSignal::new(false);
    Effect::new(move |_| interactive.set(true));
    let no_errors = Signal::derive(|| None::<AppError>);
    view! {
        {move || {
            (first..first + added.get())
                .map(|i| {
                    view! { <ObjectiveRow index=i options=options.clone() initial=ObjectiveInput::default() error=no_errors /> }
                })
                .collect_view()
        }}
        <button
            type="button"
            class="button"
            hidden=move || !interactive.get()
            on:click=move |_| added.update(|n| *n += 1)
        >
            {t::ADD_OBJECTIVE}
        </button>
    }
}

/// All fields of the exercise form, filled from `values`: the stored exercise when editing, or
/// what the user typed when the form comes back after a refused post.
#[component]
fn ExerciseFields(
    options: FormOptions,
    values: ExerciseInput,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let ExerciseInput {
        name,
        format,
        joint,
        starts_at,
        ends_at,
        location,
        lead,
        participants,
        external_participants,
        purpose,
        scenario,
        funding,
        mut objectives,
    } = values;
    let lead = lead.trim().parse::<i64>().ok();
    let joint = joint.is_some();
    while objectives.last().is_some_and(ObjectiveInput::is_blank) {
        objectives.pop();
    }
    let row_count = objectives.len() + SPARE_ROWS;
    let leads: Vec<_> = options
        .forvaltningar
        .iter()
        .filter(|f| (f.active && options.lead_choices.contains(&f.id)) || Some(f.id) == lead)
        .cloned()
        .collect();
    view! {
        <FormAlert error />
        <TextField id="f-name" field="name" label=t::NAME value=name error required=true />
        <div class="field-row">
            <div class="field">
                <label for="f-format">{t::FORMAT} " *"</label>
                <select id="f-format" name="input[format]" required aria-describedby=field_error_id("format")>
                    <option value="">{t::CHOOSE}</option>
                    {ExerciseFormat::ALL
                        .iter()
                        .map(|f| view! { <option value=f.code() selected=f.code() == format>{f.label()}</option> })
                        .collect_view()}
                </select>
                <FieldMessage field="format" error />
            </div>
            <div class="field">
                <label for="f-lead">{t::LEAD} " *"</label>
                <select id="f-lead" name="input[lead]" required aria-describedby=field_error_id("lead")>
                    <option value="">{t::CHOOSE}</option>
                    {leads
                        .into_iter()
                        .map(|f| view! { <option value=f.id selected=Some(f.id) == lead>{format!("{} – {}", f.code, f.name)}</option> })
                        .collect_view()}
                </select>
                <FieldMessage field="lead" error />
            </div>
        </div>
        <div class="field-row">
            <TextField id="f-start" field="starts_at" label=t::STARTS_AT kind="datetime-local" value=starts_at error required=true />
            <TextField id="f-end" field="ends_at" label=t::ENDS_AT kind="datetime-local" value=ends_at error required=true />
        </div>
        <TextField id="f-location" field="location" label=t::LOCATION value=location error />
        <div class="field check-field">
            <label for="f-joint" class="check">
                <input id="f-joint" type="checkbox" name="input[joint]" value="on" checked=joint />
                {t::JOINT}
            </label>
        </div>
        <Participants options=options.clone() selected=participants error />
        <TextArea id="f-external" field="external_participants" label=t::EXTERNAL value=external_participants error hint=t::EXTERNAL_HINT />
        <TextArea id="f-purpose" field="purpose" label=t::PURPOSE value=purpose error />
        <TextArea id="f-scenario" field="scenario" label=t::SCENARIO value=scenario error />
        <TextField id="f-funding" field="funding" label=t::FUNDING value=funding error hint=t::FUNDING_HINT />
        <section class="objectives-edit" aria-labelledby="mal-rubrik">
            <h2 id="mal-rubrik">{t::OBJECTIVES}</h2>
            <p class="hint">{t::OBJECTIVES_HINT}</p>
            <FieldMessage field="objectives" error />
            {(0..row_count)
                .map(|i| {
                    view! { <ObjectiveRow index=i options=options.clone() initial=objectives.get(i).cloned().unwrap_or_default() error /> }
                })
                .collect_view()}
            <MoreObjectiveRows first=row_count options=options.clone() />
        </section>
    }
}

#[component]
pub fn NewExercisePage() -> impl IntoView {
    let options = Resource::new(|| (), |_| exercise_form_options());
    let error = form_error(CreateExercise::PATH, None);
    let typed = refused_args::<CreateExercise>(CreateExercise::PATH, None).map(|a| a.input);
    view! {
        <Title text=format!("{} – Redo", t::NEW_EXERCISE) />
        <h1>{t::NEW_EXERCISE}</h1>
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {move || {
                let typed = typed.clone();
                Suspend::new(async move {
                    match options.await {
                        Ok(options) if !options.can_create => view! { <ErrorView error=AppError::Forbidden /> }.into_any(),
                        Ok(options) => view! {
                            <PostForm action=CreateExercise::PATH class="exercise-form" idempotent=true>
                                <ExerciseFields values=typed.unwrap_or_default() options error />
                                <div class="form-actions">
                                    <button type="submit" class="button primary">{t::SAVE}</button>
                                    <a href="/ovningar">{t::CANCEL}</a>
                                </div>
                            </PostForm>
                        }
                        .into_any(),
                        Err(e) => view! { <ErrorView error=e /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
pub fn EditExercisePage() -> impl IntoView {
    let id = id_from_url();
    let error = form_error(UpdateExercise::PATH, None);
    let typed = refused_args::<UpdateExercise>(UpdateExercise::PATH, None).map(|a| a.input);
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            let id = id.ok_or(AppError::NotFound)?;
            let view_model = get_exercise(id).await?;
            if !view_model.can_edit {
                return Err(AppError::Forbidden);
            }
            Ok((view_model.exercise, exercise_form_options().await?))
        },
    );
    view! {
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {move || {
                let typed = typed.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok((exercise, options)) => {
                            let (id, version) = (exercise.id, exercise.version);
                            // After a refusal the form shows what was typed; the version is the
                            // stored one, so saving again after a conflict is a deliberate choice.
                            let values = typed.unwrap_or_else(|| exercise.to_input());
                            view! {
                                <Title text=format!("{} – Redo", t::EDIT_EXERCISE) />
                                <h1>{t::EDIT_EXERCISE}</h1>
                                <PostForm action=UpdateExercise::PATH class="exercise-form">
                                    <input type="hidden" name="id" value=id />
                                    <input type="hidden" name="version" value=version />
                                    <ExerciseFields values options error />
                                    <div class="form-actions">
                                        <button type="submit" class="button primary">{t::SAVE}</button>
                                        <a href=format!("/ovningar/{id}")>{t::CANCEL}</a>
                                    </div>
                                </PostForm>
                            }
                            .into_any()
                        }
                        Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                        Err(e) => view! { <ErrorView error=e /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
