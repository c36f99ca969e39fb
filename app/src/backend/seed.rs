//! Demo data: a fictional region modelled on domain.md §6.1 and §8 — its förvaltningar, the
//! 2025–2026 exercise plan of §8.4 with objectives, a plausible 2027–2028, and one account per role.
//! Seeding goes through the same storage functions and audit rows as every other change.

use super::audit::{Change, system_actor};
use super::error::ServiceResult;
use super::storage;
use super::work::{Work, Writer};
use super::{ServiceError, password};
use crate::domain::Role;
use crate::domain::event::entity;
use crate::domain::exercise::{
    ExerciseFormat, ValidExercise, ValidObjective, parse_local_datetime,
};
use crate::domain::forvaltning::{ForvaltningKind, ValidForvaltning};
use crate::domain::lifecycle::ExerciseStatus;
use crate::domain::readiness::{
    AssessmentContent, AssessmentStatus, EvidenceRef, ExerciseEvidence, Level, Period, Rule,
    Scores, Step, verifying,
};
use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;

const FORVALTNINGAR: &[(&str, &str, ForvaltningKind)] = &[
    ("HS", "Hallands sjukhus", ForvaltningKind::Care),
    ("NSVH", "Närsjukvården Halland", ForvaltningKind::Care),
    ("PH", "Psykiatrin Halland", ForvaltningKind::Care),
    (
        "ADH",
        "Ambulans, diagnostik och hälsa",
        ForvaltningKind::Care,
    ),
    ("RGS", "Regionservice", ForvaltningKind::Support),
    ("RK", "Regionkontoret", ForvaltningKind::Support),
    ("KoS", "Kultur och skola", ForvaltningKind::Other),
    ("HTR", "Hallandstrafiken AB", ForvaltningKind::Company),
];

/// (username, display name, role, förvaltning scope by code)
pub const DEMO_USERS: &[(&str, &str, Role, &[&str])] = &[
    ("admin", "Alva Systemförvaltare", Role::Admin, &[]),
    ("planerare", "Per Beredskapssamordnare", Role::Planner, &[]),
    (
        "planerare.hs",
        "Hanna Säkerhetspartner (HS)",
        Role::Planner,
        &["HS"],
    ),
    (
        "ovningsledare",
        "Olle Övningsledare (ADH)",
        Role::ExerciseLead,
        &["ADH"],
    ),
    ("utvarderare", "Ulla Utvärderare", Role::Evaluator, &[]),
    (
        "motspel",
        "Maja Motspel (ADH)",
        Role::ExerciseLead,
        &["ADH"],
    ),
    ("observator", "Oskar Observatör", Role::Observer, &[]),
    ("styrelse", "Stina Styrelseledamot", Role::BoardViewer, &[]),
    ("sakerhetschef", "Sara Säkerhetschef", Role::Planner, &[]),
    ("utvarderare2", "Elin Utvärderare", Role::Evaluator, &[]),
];

struct DemoExercise {
    name: &'static str,
    format: ExerciseFormat,
    joint: bool,
    start: &'static str,
    end: &'static str,
    location: &'static str,
    lead: &'static str,
    participants: &'static [&'static str],
    external: &'static [&'static str],
    purpose: &'static str,
    scenario: &'static str,
    funding: &'static str,
    objectives: &'static [(&'static str, &'static str, &'static [&'static str])],
    cancelled: Option<&'static str>,
}

use ExerciseFormat::*;

const EXERCISES: &[DemoExercise] = &[
    DemoExercise {
        name: "KLN-utbildning 2025",
        format: Seminar,
        joint: false,
        start: "2025-02-12T13:00",
        end: "2025-02-12T16:00",
        location: "Regionens hus, Halmstad",
        lead: "RK",
        participants: &[],
        external: &[],
        purpose: "Ge krisledningsnämndens ledamöter en gemensam bild av nämndens mandat och beslutsvägar.",
        scenario: "Genomgång av reglementet med korta fall: extraordinär händelse i fred och övergång till höjd beredskap.",
        funding: "MSB del 1",
        objectives: &[
            (
                "Ledamöterna kan beskriva när krisledningsnämnden träder i funktion och vilka beslut den får fatta.",
                "CA02",
                &["K3"],
            ),
            (
                "Beslutsgången vid överlämning till regionstyrelsen under höjd beredskap är känd.",
                "CA06",
                &["K3", "C4"],
            ),
        ],
        cancelled: None,
    },
    DemoExercise {
        name: "Larmövning TiB Q1",
        format: Drill,
        joint: false,
        start: "2025-03-05T07:00",
        end: "2025-03-05T08:00",
        location: "TiB-funktionen",
        lead: "RK",
        participants: &[],
        external: &[],
        purpose: "Pröva larmkedjan från TiB till regional krisledning.",
        scenario: "Oannonserat larm via SMS-gruppalarm och telefon.",
        funding: "MSB del 1",
        objectives: &[(
            "100 % av RKL:s larmlista nås inom 30 minuter.",
            "CA01",
            &["K5"],
        )],
        cancelled: None,
    },
    DemoExercise {
        name: "Övning Mörker",
        format: Functional,
        joint: false,
        start: "2025-04-23T08:00",
        end: "2025-04-24T16:00",
        location: "Hallands sjukhus Varberg och Halmstad",
        lead: "RGS",
        participants: &["HS", "ADH", "RK"],
        external: &["Elnätsbolaget"],
        purpose: "Pröva förmågan att hålla kritisk vård igång vid ett långvarigt elavbrott.",
        scenario: "Vinterstorm ger 72 timmars regionalt elavbrott. Reservkraften i Varberg fallerar efter 30 timmar och drivmedelsleveransen försenas.",
        funding: "Socialstyrelsen beredskapsplanering / förordning 2023:30",
        objectives: &[
            (
                "Kritisk vård hålls igång i 72 timmar utan ordinarie elförsörjning.",
                "CA09",
                &["C8"],
            ),
            (
                "Drivmedelslogistiken till reservkraften fungerar även när ordinarie leverantör uteblir.",
                "CA08",
                &["C7"],
            ),
            (
                "Lägesbild delas med regional krisledning var fjärde timme.",
                "CA04",
                &["K6"],
            ),
        ],
        cancelled: None,
    },
    DemoExercise {
        name: "Övning Låst",
        format: Tabletop,
        joint: false,
        start: "2025-09-17T09:00",
        end: "2025-09-17T15:00",
        location: "Regionens hus, Halmstad",
        lead: "RK",
        participants: &["HS", "NSVH", "PH", "ADH", "RGS"],
        external: &[],
        purpose: "Öva manuella rutiner och incidentrapportering vid ett IT-angrepp.",
        scenario: "Utpressningsvirus krypterar journalsystemet och växeln slås ut.",
        funding: "MSB del 2",
        objectives: &[
            (
                "Verksamheterna kan arbeta med manuella journalrutiner i minst 48 timmar.",
                "CA03",
                &["K7"],
            ),
            (
                "IT-incidenten rapporteras till rätt myndighet inom föreskriven tid.",
                "CA10",
                &["C2"],
            ),
            (
                "Kriskommunikationen till allmänhet och medier samordnas.",
                "CA04",
                &["K6"],
            ),
        ],
        cancelled: None,
    },
    DemoExercise {
        name: "Övning Sorl",
        format: FullScale,
        joint: true,
        start: "2025-10-08T08:00",
        end: "2025-10-08T17:00",
        location: "E6 vid Falkenberg och Hallands sjukhus Varberg",
        lead: "ADH",
        participants: &["HS", "RK"],
        external: &["Räddningstjänsten", "Polisen", "SOS Alarm"],
        purpose: "Pröva flödet vid ett masskadeutfall från skadeplats till akutmottagning.",
        scenario: "Bussolycka på E6 vid Falkenberg: 45 skadade, varav 8 prioritet 1.",
        funding: "Socialstyrelsen masskadehändelser",
        objectives: &[
            (
                "Förstärkningsläge beslutas och kommuniceras inom 15 minuter efter larm.",
                "CA07",
                &["C6"],
            ),
            (
                "RSSL och LSSL har samma lägesbild inom 30 minuter.",
                "CA02",
                &["C5"],
            ),
            (
                "Sjuktransporterna fördelas mellan sjukhusen enligt plan.",
                "CA14",
                &["C10"],
            ),
        ],
        cancelled: None,
    },
    DemoExercise {
        name: "Övning Torka",
        format: Seminar,
        joint: true,
        start: "2026-02-04T09:00",
        end: "2026-02-04T12:00",
        location: "Hallands sjukhus Halmstad",
        lead: "HS",
        participants: &["NSVH", "RGS"],
        external: &["Halmstads kommun"],
        purpose: "Klargöra beroendet av kommunens dricksvatten för dialys och sterilteknik.",
        scenario: "Halmstads vattenverk är förorenat; kokningsrekommendation i hela kommunen.",
        funding: "MSB del 1",
        objectives: &[
            (
                "Nödvattenbehovet för dialys och sterilteknik är känt och dokumenterat.",
                "CA09",
                &["C8"],
            ),
            (
                "Ansvarsfördelningen mot kommunen vid nödvattenförsörjning är överenskommen.",
                "CA03",
                &["K7"],
            ),
        ],
        cancelled: None,
    },
    DemoExercise {
        name: "Övning Järnvilja",
        format: Functional,
        joint: true,
        start: "2026-05-20T08:00",
        end: "2026-05-21T17:00",
        location: "Skyddad ledningsplats",
        lead: "RK",
        participants: &["HS", "NSVH", "PH", "ADH", "RGS", "KoS"],
        external: &["Länsstyrelsen i Hallands län", "Försvarsmakten (motspel)"],
        purpose: "Pröva aktivering av krigsorganisationen vid höjd beredskap (kopplad till ÖTF 2025–2027).",
        scenario: "Regeringen beslutar om skärpt och därefter högsta beredskap.",
        funding: "MSB del 2",
        objectives: &[
            (
                "Krigsorganisationen aktiveras och krigsplacerad personal kallas in enligt plan.",
                "CA05",
                &["C3"],
            ),
            (
                "Regional krisledning flyttar till skyddad ledningsplats inom sex timmar.",
                "CA11",
                &["C9"],
            ),
            (
                "Prioriteringsbeslut fattas och dokumenteras i samverkan med Försvarsmakten.",
                "CA06",
                &["C4"],
            ),
        ],
        cancelled: None,
    },
    DemoExercise {
        name: "Larmövning TiB Q3",
        format: Drill,
        joint: false,
        start: "2026-08-19T07:00",
        end: "2026-08-19T08:00",
        location: "TiB-funktionen",
        lead: "RK",
        participants: &[],
        external: &[],
        purpose: "Pröva de uppdaterade larmlistorna.",
        scenario: "Oannonserat larm.",
        funding: "MSB del 1",
        objectives: &[(
            "Minst 90 % av larmlistan nås inom 30 minuter.",
            "CA01",
            &["K5"],
        )],
        cancelled: Some("Flyttad: verkligt larm vid skogsbranden samma vecka prövade larmkedjan."),
    },
    DemoExercise {
        name: "Övning Våg",
        format: Seminar,
        joint: false,
        start: "2026-09-09T09:00",
        end: "2026-09-09T15:00",
        location: "Närsjukvården Halland, Varberg",
        lead: "NSVH",
        participants: &["HS", "PH", "ADH"],
        external: &["Smittskydd Halland"],
        purpose: "Pröva bemanning och lagernivåer vid en pandemivåg.",
        scenario: "Nytt luftvägsvirus med 20 % sjukfrånvaro bland personalen.",
        funding: "Socialstyrelsen personalförsörjning",
        objectives: &[
            (
                "Bemanningsplanen klarar 20 % frånvaro i fyra veckor.",
                "CA05",
                &["C3"],
            ),
            (
                "Lagren av skyddsutrustning räcker i minst tre månader.",
                "CA13",
                &["C10"],
            ),
        ],
        cancelled: None,
    },
    DemoExercise {
        name: "Larmövning TiB Q1 2027",
        format: Drill,
        joint: false,
        start: "2027-03-03T07:00",
        end: "2027-03-03T08:00",
        location: "TiB-funktionen",
        lead: "RK",
        participants: &[],
        external: &[],
        purpose: "Följa upp åtgärden med kvartalsvis uppdaterade larmlistor.",
        scenario: "Oannonserat larm.",
        funding: "MSB del 1",
        objectives: &[(
            "100 % av RKL:s larmlista nås inom 30 minuter.",
            "CA01",
            &["K5"],
        )],
        cancelled: None,
    },
    DemoExercise {
        name: "KLN-övning 2027",
        format: Tabletop,
        joint: false,
        start: "2027-04-14T13:00",
        end: "2027-04-14T17:00",
        location: "Regionens hus, Halmstad",
        lead: "RK",
        participants: &[],
        external: &[],
        purpose: "Öva den nya krisledningsnämnden efter valet 2026.",
        scenario: "Långvarigt el- och teleavbrott under höjd beredskap.",
        funding: "MSB del 1",
        objectives: &[(
            "Nämnden fattar beslut om prioriteringar utifrån en samlad lägesbild.",
            "CA02",
            &["K3"],
        )],
        cancelled: None,
    },
    DemoExercise {
        name: "Övning Brand",
        format: Drill,
        joint: false,
        start: "2027-06-02T10:00",
        end: "2027-06-02T12:00",
        location: "Psykiatrin Halland, Halmstad",
        lead: "PH",
        participants: &["RGS"],
        external: &["Räddningstjänsten Halmstad"],
        purpose: "Öva utrymning av en låst psykiatrisk vårdavdelning.",
        scenario: "Brand i en vårdavdelning nattetid.",
        funding: "Egen budget",
        objectives: &[(
            "Avdelningen utryms inom 8 minuter utan att patientsäkerheten äventyras.",
            "CA03",
            &["K7"],
        )],
        cancelled: None,
    },
    DemoExercise {
        name: "Övning Förråd",
        format: Seminar,
        joint: false,
        start: "2027-09-22T09:00",
        end: "2027-09-22T15:00",
        location: "Regionservice, Halmstad",
        lead: "RGS",
        participants: &["HS", "NSVH"],
        external: &[],
        purpose: "Pröva lagringsskyldigheten för sjukvårdsprodukter som gäller från 2027.",
        scenario: "Globala leveransstörningar av förbrukningsmaterial i tre månader.",
        funding: "Socialstyrelsen försörjningsberedskap",
        objectives: &[(
            "Lagernivåerna för de 50 mest kritiska produkterna är kända och räcker i tre månader.",
            "CA08",
            &["C7"],
        )],
        cancelled: None,
    },
    DemoExercise {
        name: "Övning Sorl 2",
        format: FullScale,
        joint: true,
        start: "2028-04-12T08:00",
        end: "2028-04-12T17:00",
        location: "Halmstad",
        lead: "ADH",
        participants: &["HS", "RK"],
        external: &["Räddningstjänsten", "Polisen", "Region Skåne"],
        purpose: "Verifiera åtgärderna efter Övning Sorl 2025.",
        scenario: "Tågolycka norr om Halmstad med 60 skadade.",
        funding: "Socialstyrelsen masskadehändelser",
        objectives: &[
            (
                "Lägesrapport RSSL→LSSL lämnas inom 15 minuter med den nya mallen.",
                "CA04",
                &["K6"],
            ),
            (
                "Förstärkningsläge och regionövergripande hjälp begärs enligt plan.",
                "CA07",
                &["C6"],
            ),
        ],
        cancelled: None,
    },
    DemoExercise {
        name: "Övning Stormvarning",
        format: Functional,
        joint: true,
        start: "2028-10-18T08:00",
        end: "2028-10-19T16:00",
        location: "Regional krisledning",
        lead: "RK",
        participants: &["HS", "NSVH", "ADH", "RGS", "HTR"],
        external: &["Länsstyrelsen i Hallands län", "Kommunerna i Halland"],
        purpose: "Pröva samverkan i ISF vid en regional samhällsstörning.",
        scenario: "Stormen Gudrun-liknande oväder: el, tele och kollektivtrafik slås ut i södra Halland.",
        funding: "MSB (MCF) ny överenskommelse",
        objectives: &[
            (
                "ISF-stöd etableras med länsstyrelsen inom fyra timmar.",
                "CA02",
                &["C5"],
            ),
            (
                "Kollektivtrafikens ersättningstrafik samordnas med vården.",
                "CA14",
                &["C10"],
            ),
            (
                "Reservkraft och telefoni fungerar på samtliga sjukhus.",
                "CA09",
                &["C8"],
            ),
        ],
        cancelled: None,
    },
];

/// The status an exercise would have today: finished ones are evaluated or closed, near ones ready.
fn status_for(ends: DateTime<Utc>, starts: DateTime<Utc>, now: DateTime<Utc>) -> ExerciseStatus {
    if ends < now - Duration::days(90) {
        ExerciseStatus::Closed
    } else if ends < now {
        ExerciseStatus::Evaluating
    } else if starts < now + Duration::days(45) {
        ExerciseStatus::Ready
    } else if starts < now + Duration::days(365) {
        ExerciseStatus::InPreparation
    } else {
        ExerciseStatus::Planned
    }
}

/// Creates a förvaltning with its audit row; returns its id.
async fn insert_forvaltning(w: &mut Work, f: &ValidForvaltning) -> ServiceResult<i64> {
    let id = storage::forvaltningar::insert(w.conn(), f).await?;
    let change = Change::<(), _> {
        action: "create",
        entity_type: entity::FORVALTNING,
        entity_id: id.to_string(),
        before: None,
        after: Some(&f.name),
    };
    w.record(change, &[id]).await?;
    Ok(id)
}

/// Seeds the demo region unless it already has förvaltningar. Returns whether it seeded.
pub async fn seed_demo(
    writer: &Writer,
    demo_password: &str,
    now: DateTime<Utc>,
) -> ServiceResult<bool> {
    let actor = system_actor();
    let mut w = writer.begin(&actor).await?;
    if !storage::forvaltningar::list_all(w.conn()).await?.is_empty() {
        return Ok(false);
    }
    let mut ids = HashMap::new();
    for (code, name, kind) in FORVALTNINGAR {
        let f = ValidForvaltning {
            code: code.to_string(),
            name: name.to_string(),
            kind: *kind,
            active: true,
        };
        ids.insert(*code, insert_forvaltning(&mut w, &f).await?);
    }
    let agreements = storage::catalogue::list_agreements(w.conn()).await?;
    // A requirement code means the requirement of the agreement in force on the exercise's day
    // (the oldest such agreement when several are); codes repeat across agreements.
    let requirement_id = |code: &str, day: chrono::NaiveDate| {
        let mut by_age: Vec<_> = agreements.iter().collect();
        by_age.sort_by_key(|a| (!a.is_valid_on(day), a.id));
        by_age
            .iter()
            .find_map(|a| a.requirements.iter().find(|r| r.code == code))
            .map(|r| r.id)
    };
    let mut evidence = Vec::new();
    for d in EXERCISES {
        let lookup = |c: &str| {
            ids.get(c)
                .copied()
                .ok_or_else(|| ServiceError::Internal(format!("unknown demo code {c}")))
        };
        let starts_at =
            parse_local_datetime(d.start).ok_or_else(|| ServiceError::Internal(d.start.into()))?;
        let ends_at =
            parse_local_datetime(d.end).ok_or_else(|| ServiceError::Internal(d.end.into()))?;
        let v = ValidExercise {
            name: d.name.into(),
            format: d.format,
            joint: d.joint,
            starts_at,
            ends_at,
            location: d.location.into(),
            lead_id: lookup(d.lead)?,
            participant_ids: d
                .participants
                .iter()
                .map(|c| lookup(c))
                .collect::<ServiceResult<_>>()?,
            external_participants: d.external.iter().map(|s| s.to_string()).collect(),
            purpose: d.purpose.into(),
            scenario: d.scenario.into(),
            funding: d.funding.into(),
            objectives: d
                .objectives
                .iter()
                .enumerate()
                .map(|(row, (text, cap, reqs))| ValidObjective {
                    row,
                    id: None,
                    text: text.to_string(),
                    capability_code: cap.to_string(),
                    requirement_ids: reqs
                        .iter()
                        .filter_map(|r| requirement_id(r, starts_at.date()))
                        .collect(),
                })
                .collect(),
        };
        let status = match d.cancelled {
            Some(_) => ExerciseStatus::Cancelled,
            None => status_for(ends_at.and_utc(), starts_at.and_utc(), now),
        };
        let id = storage::exercises::insert(w.conn(), &v, status, now).await?;
        if status.is_conducted() {
            evidence.push(ExerciseEvidence {
                exercise_id: id,
                ended_on: ends_at.date(),
                forvaltningar: v
                    .participant_ids
                    .iter()
                    .copied()
                    .chain([v.lead_id])
                    .collect(),
                capability_codes: v
                    .objectives
                    .iter()
                    .map(|o| o.capability_code.clone())
                    .collect(),
            });
        }
        if let Some(reason) = d.cancelled {
            storage::exercises::set_status(w.conn(), id, 1, status, Some(reason), now).await?;
        }
        let mut concerns = v.participant_ids.clone();
        concerns.push(v.lead_id);
        let change = Change::<(), _> {
            action: "create",
            entity_type: entity::EXERCISE,
            entity_id: id.to_string(),
            before: None,
            after: Some(&v),
        };
        w.record(change, &concerns).await?;
    }
    let users = seed_users(&mut w, &ids, demo_password, now).await?;
    seed_assessments(&mut w, &ids, &users, &evidence).await?;
    let planner = users
        .get("planerare")
        .copied()
        .ok_or_else(|| ServiceError::Internal("no demo planner".into()))?;
    super::seed_followup::seed_followup(&mut w, &ids, planner, now).await?;
    super::seed_conduct::seed_conduct(&mut w, &ids, &users, now).await?;
    super::seed_evaluation::seed_evaluation(&mut w, &ids, &users, now).await?;
    w.commit().await?;
    writer.refresh_statistics().await?;
    Ok(true)
}

async fn seed_users(
    w: &mut Work,
    ids: &HashMap<&str, i64>,
    demo_password: &str,
    now: DateTime<Utc>,
) -> ServiceResult<HashMap<&'static str, i64>> {
    let mut users = HashMap::new();
    let hash = password::hash(demo_password).await?;
    for (username, display_name, role, scope) in DEMO_USERS {
        let scope: Vec<i64> = scope.iter().filter_map(|c| ids.get(c).copied()).collect();
        let new = storage::users::NewUser {
            username,
            display_name,
            password_hash: &hash,
            role: *role,
            forvaltningar: &scope,
        };
        let id = storage::users::insert(w.conn(), &new, now).await?;
        users.insert(*username, id);
        let after = serde_json::json!({ "username": username, "role": role.code(), "forvaltningar": scope });
        let change = Change::<(), _> {
            action: "create",
            entity_type: entity::USER,
            entity_id: id.to_string(),
            before: None,
            after: Some(&after),
        };
        w.record(change, &scope).await?;
    }
    Ok(users)
}

/// The demo's capability areas in the assessment tables (domain.md §8.6), with the shortcoming
/// and measure an assessment below target names.
const ASSESSED_AREAS: [(&str, &str, &str); 6] = [
    (
        "CA01",
        "TiB-rutinen är inte uppdaterad efter omorganisationen",
        "Uppdatera TiB-rutinen och öva larmkedjan",
    ),
    (
        "CA02",
        "Krisledningsnämnden har inte övats under mandatperioden",
        "Genomför en seminarieövning med krisledningsnämnden",
    ),
    (
        "CA05",
        "Krigsplaceringen av personal är inte klar",
        "Slutför krigsplaceringen och informera de berörda",
    ),
    (
        "CA07",
        "Planen för masskadeutfall saknar samverkan med kommunerna",
        "Uppdatera planen och öva den med kommunerna",
    ),
    (
        "CA09",
        "Reservkraften är inte provkörd under last",
        "Provkör reservkraften med full last två gånger per år",
    ),
    (
        "CA10",
        "Säkerhetsskyddsanalysen är inte uppdaterad",
        "Uppdatera säkerhetsskyddsanalysen",
    ),
];

/// A förvaltning's code and its levels in [`ASSESSED_AREAS`] order; 0 is not assessed.
type DemoLevels = (&'static str, [u8; 6]);

/// Approved levels per period and förvaltning.
/// H1 2025 is domain.md §8.6; the later periods move as the exercises of 2025–2026 would.
const ASSESSMENTS: &[(&str, &[DemoLevels])] = &[
    (
        "2025H1",
        &[
            ("HS", [4, 3, 2, 3, 2, 3]),
            ("NSVH", [3, 2, 2, 2, 2, 2]),
            ("PH", [3, 2, 1, 1, 2, 2]),
            ("ADH", [4, 4, 3, 4, 3, 3]),
            ("RGS", [3, 2, 2, 0, 3, 3]),
            ("RK", [4, 3, 2, 0, 2, 4]),
            ("KoS", [2, 1, 1, 0, 1, 2]),
        ],
    ),
    (
        "2025H2",
        &[
            ("HS", [4, 3, 2, 3, 3, 3]),
            ("NSVH", [3, 3, 2, 2, 2, 2]),
            ("PH", [3, 2, 2, 2, 2, 2]),
            ("ADH", [4, 4, 3, 4, 3, 3]),
            ("RGS", [3, 3, 2, 0, 3, 3]),
            ("RK", [4, 3, 2, 0, 3, 4]),
            ("KoS", [2, 2, 1, 0, 1, 2]),
        ],
    ),
    (
        "2026H1",
        &[
            ("HS", [4, 4, 3, 3, 3, 3]),
            ("NSVH", [3, 3, 2, 3, 2, 3]),
            ("PH", [3, 3, 2, 2, 2, 2]),
            ("ADH", [5, 4, 3, 4, 3, 4]),
            ("RGS", [3, 3, 2, 0, 4, 3]),
            ("RK", [4, 4, 3, 0, 3, 4]),
            ("KoS", [3, 2, 2, 0, 2, 2]),
        ],
    ),
];

/// Scores whose minimum is `level`: the weakest dimensions at the level, the others one above.
fn demo_scores(level: u8) -> Scores {
    let l = |n: u8| Level::new(i64::from(n.min(Level::MAX))).unwrap_or_default();
    Scores([l(level), l(level + 1), l(level), l(level + 1), l(level)])
}

/// One demo assessment of the cell (förvaltning, area, period) by `assessor`, submitted on its
/// day and, with an approval, approved then by that user: the rows, versions and audit row the
/// workflow would have written.
async fn seed_assessment(
    w: &mut Work,
    (forvaltning_id, capability_code, period): (i64, &str, Period),
    content: &AssessmentContent,
    assessor: i64,
    approval: Option<(i64, DateTime<Utc>)>,
) -> ServiceResult<()> {
    let level = Rule::Minimum.derive(&content.scores);
    let at = content
        .assessed_on
        .and_hms_opt(9, 0, 0)
        .unwrap_or_default()
        .and_utc();
    let new = storage::readiness::NewAssessment {
        forvaltning_id,
        capability_code,
        period,
        level,
        content,
        assessor_id: assessor,
    };
    let id = storage::readiness::insert(w.conn(), &new, at).await?;
    storage::readiness::set_status(w.conn(), id, 1, AssessmentStatus::Submitted, at).await?;
    let mut steps = vec![
        (Step::Create, AssessmentStatus::Draft, assessor, at),
        (Step::Submit, AssessmentStatus::Submitted, assessor, at),
    ];
    if let Some((approver, approved_at)) = approval {
        storage::readiness::approve(w.conn(), id, 2, approver, approved_at).await?;
        steps.push((
            Step::Approve,
            AssessmentStatus::Approved,
            approver,
            approved_at,
        ));
    }
    for (version, (step, status, by, at)) in (1..).zip(steps) {
        let v = storage::readiness::NewVersion {
            assessment_id: id,
            version,
            step,
            status,
            level,
            content,
            comment: "",
            by,
        };
        storage::readiness::insert_version(w.conn(), &v, at).await?;
    }
    let change = Change::<(), _> {
        action: "create",
        entity_type: entity::ASSESSMENT,
        entity_id: id.to_string(),
        before: None,
        after: Some(content),
    };
    w.record(change, &[forvaltning_id]).await
}

/// Approved assessments of the periods in [`ASSESSMENTS`]: HS entered by its own planner and
/// approved by the region's, the others entered by the region's planner and approved by the
/// security chief. Each cites the exercise that verifies it, when one does.
async fn seed_assessments(
    w: &mut Work,
    forvaltningar: &HashMap<&str, i64>,
    users: &HashMap<&str, i64>,
    evidence: &[ExerciseEvidence],
) -> ServiceResult<()> {
    let user = |name: &str| {
        users
            .get(name)
            .copied()
            .ok_or_else(|| ServiceError::Internal(format!("no demo user {name}")))
    };
    // First (id 1): one the HS planner has just submitted, waiting for the region's planner.
    if let Some(hs) = forvaltningar.get("HS").copied() {
        let content = AssessmentContent {
            scores: demo_scores(4),
            target: Level::BASIC,
            justification: String::new(),
            shortcomings: Vec::new(),
            measures: Vec::new(),
            evidence: Vec::new(),
            assessed_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 16).unwrap_or_default(),
        };
        let cell = (hs, "CA01", Period::half_year(2026, 2));
        seed_assessment(w, cell, &content, user("planerare.hs")?, None).await?;
    }
    for (period, rows) in ASSESSMENTS {
        let period =
            Period::parse(period).ok_or_else(|| ServiceError::Internal((*period).into()))?;
        let assessed_on = period.last_day() - Duration::days(10);
        let approved_at = (period.last_day() + Duration::days(14))
            .and_hms_opt(10, 0, 0)
            .unwrap_or_default()
            .and_utc();
        for (code, levels) in *rows {
            let f = forvaltningar
                .get(code)
                .copied()
                .ok_or_else(|| ServiceError::Internal(format!("unknown demo code {code}")))?;
            let (assessor, approver) = if *code == "HS" {
                (user("planerare.hs")?, user("planerare")?)
            } else {
                (user("planerare")?, user("sakerhetschef")?)
            };
            for ((area, shortcoming, measure), level) in ASSESSED_AREAS.iter().zip(levels) {
                if *level == 0 {
                    continue;
                }
                let scores = demo_scores(*level);
                let below = Rule::Minimum.derive(&scores) < Level::BASIC;
                let lines = |text: &str| {
                    if below {
                        vec![text.to_string()]
                    } else {
                        Vec::new()
                    }
                };
                let content = AssessmentContent {
                    scores,
                    target: Level::BASIC,
                    justification: if below {
                        format!("{shortcoming}; målnivån nås inte förrän det är åtgärdat.")
                    } else {
                        String::new()
                    },
                    shortcomings: lines(shortcoming),
                    measures: lines(measure),
                    evidence: verifying(evidence, f, area, period, 24)
                        .map(|x| EvidenceRef {
                            exercise_id: x.exercise_id,
                            objective_id: None,
                        })
                        .into_iter()
                        .collect(),
                    assessed_on,
                };
                let approval = Some((approver, approved_at));
                seed_assessment(w, (f, area, period), &content, assessor, approval).await?;
            }
        }
    }
    Ok(())
}

/// A level 1–5 for a generated cell, spread the same way on every run.
fn scale_level(f: i64, area: usize, period: Period) -> u8 {
    let mut h = (f as u64)
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(area as u64 * 0xBF58_476D_1CE4_E5B9)
        .wrapping_add(period.year as u64 * 31 + u64::from(period.half.unwrap_or(0)));
    h ^= h >> 29;
    h = h.wrapping_mul(0x94D0_49BB_1331_11EB);
    h ^= h >> 32;
    1 + (h % 5) as u8
}

/// Grows the (demo) region for load tests: förvaltningar up to `forvaltningar` in all, and for
/// every active förvaltning an approved assessment of every capability area in each of the
/// `periods` half-years ending with the current one, where none exists. Entered by the region's
/// planner and approved by the security chief, in one work. Returns how many it added.
pub async fn seed_scale(
    writer: &Writer,
    forvaltningar: usize,
    periods: usize,
    now: DateTime<Utc>,
) -> ServiceResult<usize> {
    let actor = system_actor();
    let mut w = writer.begin(&actor).await?;
    let users = storage::users::list(w.conn()).await?;
    let user = |name: &str| {
        users
            .iter()
            .find(|u| u.username == name)
            .map(|u| u.id)
            .ok_or_else(|| {
                ServiceError::Internal(format!("no demo user {name}: seed the demo first"))
            })
    };
    let (assessor, approver) = (user("planerare")?, user("sakerhetschef")?);
    let mut existing = storage::forvaltningar::list_all(w.conn()).await?;
    for n in existing.len() + 1..=forvaltningar {
        let f = ValidForvaltning {
            code: format!("F{n:02}"),
            name: format!("Förvaltning {n:02}"),
            kind: ForvaltningKind::Other,
            active: true,
        };
        insert_forvaltning(&mut w, &f).await?;
    }
    if existing.len() < forvaltningar {
        existing = storage::forvaltningar::list_all(w.conn()).await?;
    }
    let areas = storage::catalogue::list_capability_areas(w.conn()).await?;
    let taken: std::collections::HashSet<(i64, String, Period)> =
        storage::readiness::all_cells(w.conn())
            .await?
            .into_iter()
            .map(|c| (c.forvaltning_id, c.capability_code, c.period))
            .collect();
    let current = Period::containing(
        crate::domain::readiness::PeriodKind::HalfYear,
        super::local_now(now).date(),
    );
    let mut added = 0;
    for period in current.last_n(periods) {
        let assessed_on = period.last_day() - Duration::days(10);
        let approved_at = (period.last_day() + Duration::days(14))
            .and_hms_opt(10, 0, 0)
            .unwrap_or_default()
            .and_utc()
            .min(now);
        for f in existing.iter().filter(|f| f.active) {
            for (i, area) in areas.iter().enumerate() {
                if taken.contains(&(f.id, area.code.clone(), period)) {
                    continue;
                }
                let scores = demo_scores(scale_level(f.id, i, period));
                let below = Rule::Minimum.derive(&scores) < Level::BASIC;
                let content = AssessmentContent {
                    scores,
                    target: Level::BASIC,
                    justification: if below {
                        "Genererad bedömning under målnivån.".into()
                    } else {
                        String::new()
                    },
                    shortcomings: Vec::new(),
                    measures: Vec::new(),
                    evidence: Vec::new(),
                    assessed_on: assessed_on.min(super::local_now(now).date()),
                };
                let cell = (f.id, area.code.as_str(), period);
                seed_assessment(
                    &mut w,
                    cell,
                    &content,
                    assessor,
                    Some((approver, approved_at)),
                )
                .await?;
                added += 1;
            }
        }
    }
    w.commit().await?;
    writer.refresh_statistics().await?;
    Ok(added)
}
