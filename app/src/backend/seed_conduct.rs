//! The demo region's exercise to run live: "Övning Isvind", a week after the region was seeded
//! (so there is always one ready to start), with its staff and inject list.

use super::audit::Change;
use super::error::ServiceResult;
use super::storage;
use super::work::Work;
use super::{ServiceError, local_now};
use crate::domain::conduct::{Channel, StaffRole, ValidInject};
use crate::domain::event::entity;
use crate::domain::exercise::{ExerciseFormat, ValidExercise, ValidObjective};
use crate::domain::lifecycle::ExerciseStatus;
use chrono::{DateTime, Duration, NaiveTime, Utc};
use std::collections::HashMap;

pub const LIVE_EXERCISE: &str = "Övning Isvind";

/// (minutes after the scenario's start, sender, recipient, channel, content, expected actions,
/// objective number, reserve)
type DemoInject = (
    i64,
    &'static str,
    &'static str,
    Channel,
    &'static str,
    &'static [&'static str],
    Option<usize>,
    bool,
);

const INJECTS: &[DemoInject] = &[
    (
        5,
        "SMHI",
        "TiB",
        Channel::Email,
        "SMHI utfärdar röd varning för isstorm i Halland från kl. 08 i dag.",
        &[
            "TiB bedömer behovet av förhöjd beredskap",
            "Regional krisledning informeras",
        ],
        Some(1),
        false,
    ),
    (
        20,
        "SOS Alarm",
        "Ambulansens sjukvårdsledare",
        Channel::Rakel,
        "Flera trafikolyckor på E6 vid Varberg, fyra skadade, två allvarligt.",
        &[
            "Ambulanser dirigeras",
            "Akutmottagningen i Varberg förvarnas",
        ],
        Some(1),
        false,
    ),
    (
        40,
        "Ellevio",
        "Regional krisledning",
        Channel::Phone,
        "Strömavbrott i södra Halland. Beräknad åtgärdstid minst tolv timmar.",
        &[
            "Reservkraften på sjukhusen kontrolleras",
            "Lägesbild skickas till regional särskild sjukvårdsledning",
        ],
        Some(2),
        false,
    ),
    (
        60,
        "Länsstyrelsen i Hallands län",
        "Regional krisledning",
        Channel::Wis,
        "Länsstyrelsen begär regionens lägesbild inom 30 minuter.",
        &["Lägesrapport lämnas i WIS inom 30 minuter"],
        Some(1),
        false,
    ),
    (
        90,
        "Trafikverket",
        "Ambulansens sjukvårdsledare",
        Channel::Phone,
        "E6 stängs norr om Falkenberg på grund av nedfallna träd.",
        &["Alternativa vägar för ambulanserna beslutas"],
        None,
        false,
    ),
    (
        110,
        "Hallands Nyheter (motspel)",
        "Regionens kommunikatör",
        Channel::Phone,
        "Journalist frågar om sjukhusen klarar strömavbrottet och om planerade operationer ställs in.",
        &[
            "Samordnat budskap tas fram",
            "Information publiceras på regionens webb",
        ],
        Some(1),
        false,
    ),
    (
        130,
        "Fastighetsjour, Varbergs sjukhus",
        "Regional krisledning",
        Channel::Spoken,
        "Reservkraftaggregat 2 i Varberg startar inte vid provstart.",
        &["Bränsle och service till reservkraften prioriteras"],
        Some(2),
        true,
    ),
];

/// Seeds the live exercise, its staff (the demo's exercise lead as control, and the motspel,
/// evaluator and observer accounts) and its inject list.
pub(super) async fn seed_conduct(
    w: &mut Work,
    ids: &HashMap<&str, i64>,
    users: &HashMap<&'static str, i64>,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let code = |c: &str| {
        ids.get(c)
            .copied()
            .ok_or_else(|| ServiceError::Internal(format!("unknown demo code {c}")))
    };
    let day = local_now(now).date() + Duration::days(7);
    let starts_at = day.and_time(NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default());
    let v = ValidExercise {
        name: LIVE_EXERCISE.into(),
        format: ExerciseFormat::Functional,
        joint: false,
        starts_at,
        ends_at: starts_at + Duration::hours(5),
        location: "Ambulanscentralen, Halmstad".into(),
        lead_id: code("ADH")?,
        participant_ids: vec![code("HS")?, code("RK")?],
        external_participants: vec!["SOS Alarm".into()],
        purpose: "Pröva ledning och lägesbild när en isstorm slår ut el och vägar i Halland."
            .into(),
        scenario: "Isstorm: strömavbrott i södra Halland, E6 stängd, trafikolyckor och \
                   reservkraft som sviktar på Varbergs sjukhus."
            .into(),
        funding: "MSB (MCF) ny överenskommelse".into(),
        objectives: vec![
            ValidObjective {
                row: 0,
                id: None,
                text: "Regionens lägesbild lämnas till länsstyrelsen inom 30 minuter.".into(),
                capability_code: "CA04".into(),
                requirement_ids: vec![],
            },
            ValidObjective {
                row: 1,
                id: None,
                text: "Reservkraften på sjukhusen säkras och prioriteras.".into(),
                capability_code: "CA09".into(),
                requirement_ids: vec![],
            },
        ],
    };
    let id = storage::exercises::insert(w.conn(), &v, ExerciseStatus::Planned, now).await?;
    storage::exercises::set_status(w.conn(), id, 1, ExerciseStatus::Ready, None, now).await?;
    let mut concerns = v.participant_ids.clone();
    concerns.push(v.lead_id);
    w.record(
        Change::<(), _> {
            action: "create",
            entity_type: entity::EXERCISE,
            entity_id: id.to_string(),
            before: None,
            after: Some(&v),
        },
        &concerns,
    )
    .await?;
    let scenario_start = day.and_time(NaiveTime::from_hms_opt(6, 0, 0).unwrap_or_default());
    storage::conduct::ensure_clock(w.conn(), id, scenario_start).await?;
    let exercise = storage::exercises::find(w.conn(), id)
        .await?
        .ok_or_else(|| ServiceError::Internal("the live exercise vanished".into()))?;
    for (username, role) in [
        ("ovningsledare", StaffRole::Control),
        ("motspel", StaffRole::Motspel),
        ("utvarderare", StaffRole::Evaluator),
        ("utvarderare2", StaffRole::Evaluator),
        ("observator", StaffRole::Observer),
    ] {
        let user = users
            .get(username)
            .copied()
            .ok_or_else(|| ServiceError::Internal(format!("no demo user {username}")))?;
        storage::conduct::set_staff(w.conn(), id, user, role).await?;
        w.record(
            Change::<(), _> {
                action: "create",
                entity_type: entity::EXERCISE_STAFF,
                entity_id: format!("{id}/{user}"),
                before: None,
                after: Some(&role.code()),
            },
            &concerns,
        )
        .await?;
    }
    for (n, (minutes, sender, recipient, channel, content, actions, objective, reserve)) in
        INJECTS.iter().enumerate()
    {
        let inject = ValidInject {
            number: Some(n as i64 + 1),
            planned_at: Some(scenario_start + Duration::minutes(*minutes)),
            sender: sender.to_string(),
            recipient: recipient.to_string(),
            channel: *channel,
            content: content.to_string(),
            actions: actions.iter().map(|a| a.to_string()).collect(),
            objective: *objective,
            reserve: *reserve,
        };
        storage::conduct::insert_inject(
            w.conn(),
            &storage::conduct::NewInject {
                exercise_id: id,
                number: n as i64 + 1,
                position: n as i64,
                inject: &inject,
                objective_id: objective
                    .and_then(|o| exercise.objectives.get(o - 1))
                    .map(|o| o.id),
                adhoc: false,
            },
        )
        .await?;
    }
    w.record(
        Change::<(), _> {
            action: "import",
            entity_type: entity::INJECT,
            entity_id: format!("{id}/*"),
            before: None,
            after: Some(&INJECTS.len()),
        },
        &concerns,
    )
    .await?;
    Ok(())
}
