//! Demo data of the follow-up around NÖK: where the region stands on the requirement areas of the
//! 2024–2026 agreement and the healthcare grants, who owns the reporting deadlines, earlier
//! reports, and Halland's guideline indicators (seeds: "Säkerhet – Riktlinjer Allmän säkerhet")
//! with plausible values. Through the same storage functions and audit rows as every change.

use super::ServiceError;
use super::audit::Change;
use super::error::ServiceResult;
use super::storage;
use super::work::Work;
use crate::domain::calendar::{DeadlineKind, DeadlineStatus, ValidDeadline};
use crate::domain::event::entity;
use crate::domain::indicator::{Direction, Measure, ValidIndicator};
use crate::domain::nok::FulfilmentStatus;

use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;

/// One fulfilment: agreement, area code, förvaltning (for areas followed per förvaltning), the
/// criteria met by position, the responsible, the due date, the note of progress, a manual status
/// with its reason, and document references.
struct DemoFulfilment {
    agreement: i64,
    code: &'static str,
    forvaltning: Option<&'static str>,
    met: &'static [i64],
    responsible: &'static str,
    due: Option<&'static str>,
    progress: &'static str,
    manual: Option<(FulfilmentStatus, &'static str)>,
    documents: &'static [&'static str],
}

const fn f(agreement: i64, code: &'static str, met: &'static [i64]) -> DemoFulfilment {
    DemoFulfilment {
        agreement,
        code,
        forvaltning: None,
        met,
        responsible: "",
        due: None,
        progress: "",
        manual: None,
        documents: &[],
    }
}

const REGION_PLANNER: &str = "Per Beredskapssamordnare";
const SECURITY_CHIEF: &str = "Sara Säkerhetschef";

const FULFILMENTS: &[DemoFulfilment] = &[
    DemoFulfilment {
        responsible: REGION_PLANNER,
        documents: &[
            "RSA 2023–2026, RS 2023-10-17 § 212",
            "Inrapportering till MSB 2023-10-30, dnr RS 2023-0456",
        ],
        ..f(1, "K1", &[1, 2, 3])
    },
    DemoFulfilment {
        responsible: REGION_PLANNER,
        due: Some("2026-12-15"),
        progress: "Planen är antagen; den nya RSA:n för 2027–2030 ska arbetas in innan regionfullmäktige i december.",
        documents: &["Plan för extraordinära händelser, RF 2023-06-20 § 77"],
        ..f(1, "K2", &[1])
    },
    DemoFulfilment {
        responsible: REGION_PLANNER,
        due: Some("2026-11-30"),
        progress: "Ledamöterna är utbildade; övningen av nämnden sköts upp från oktober.",
        documents: &["Reglemente för krisledningsnämnden, RF 2023-02-28 § 12"],
        ..f(1, "K3", &[1, 2])
    },
    DemoFulfilment {
        responsible: REGION_PLANNER,
        documents: &["Utbildnings- och övningsplan 2024–2026, RS 2024-01-23 § 9"],
        ..f(1, "K4", &[1, 2, 4])
    },
    DemoFulfilment {
        responsible: "Regional TiB-samordnare",
        ..f(1, "K5", &[1, 2, 3])
    },
    DemoFulfilment {
        responsible: REGION_PLANNER,
        due: Some("2027-03-31"),
        progress: "Rutinen är klar; WIS används, Rakel saknas i två förvaltningars krisledning.",
        ..f(1, "K6", &[1])
    },
    DemoFulfilment {
        forvaltning: Some("HS"),
        responsible: "Hanna Säkerhetspartner (HS)",
        ..f(1, "K7", &[1, 2])
    },
    DemoFulfilment {
        forvaltning: Some("NSVH"),
        responsible: "Säkerhetssamordnare NSVH",
        due: Some("2026-12-20"),
        ..f(1, "K7", &[1])
    },
    DemoFulfilment {
        forvaltning: Some("PH"),
        responsible: "Säkerhetssamordnare PH",
        due: Some("2027-02-28"),
        progress: "Kritiska beroenden kartläggs under hösten.",
        ..f(1, "K7", &[])
    },
    DemoFulfilment {
        forvaltning: Some("ADH"),
        responsible: "Säkerhetssamordnare ADH",
        ..f(1, "K7", &[1, 2, 3])
    },
    DemoFulfilment {
        responsible: REGION_PLANNER,
        ..f(1, "C1", &[1])
    },
    DemoFulfilment {
        responsible: SECURITY_CHIEF,
        manual: Some((
            FulfilmentStatus::Met,
            "Säkerhetsskyddschef och ersättare är utsedda genom RD-beslut 2026-03-02 (dnr RS 2026-0112); listan uppdateras i januari.",
        )),
        documents: &["Säkerhetsskyddsanalys 2025, RS 2025-05-20 § 96"],
        ..f(1, "C2", &[1])
    },
    DemoFulfilment {
        forvaltning: Some("HS"),
        responsible: "Hanna Säkerhetspartner (HS)",
        due: Some("2026-12-31"),
        ..f(1, "C3", &[1])
    },
    DemoFulfilment {
        forvaltning: Some("ADH"),
        responsible: "Säkerhetssamordnare ADH",
        ..f(1, "C3", &[1, 2])
    },
    DemoFulfilment {
        responsible: REGION_PLANNER,
        due: Some("2027-01-31"),
        progress: "Utkast till plan för höjd beredskap remitteras till förvaltningarna i december.",
        ..f(1, "C4", &[])
    },
    DemoFulfilment {
        responsible: "Ekonomichef Regionkontoret",
        due: Some("2027-02-15"),
        progress: "Redovisningen av 2026 sammanställs i januari.",
        ..f(1, "F1", &[])
    },
    DemoFulfilment {
        responsible: REGION_PLANNER,
        ..f(2, "C5", &[1, 2])
    },
    DemoFulfilment {
        responsible: "Katastrofmedicinsk samordnare",
        due: Some("2027-02-28"),
        ..f(2, "C6", &[1])
    },
    DemoFulfilment {
        responsible: "Fastighetschef Regionservice",
        due: Some("2027-03-31"),
        ..f(3, "C8", &[1])
    },
];

/// Owners and statuses of the shipped deadlines, by title.
const DEADLINE_OWNERS: &[(&str, &str, DeadlineStatus)] = &[
    (
        "Risk- och sårbarhetsanalys 2027–2030 (MSBFS 2015:4)",
        REGION_PLANNER,
        DeadlineStatus::InProgress,
    ),
    (
        "Plan för extraordinära händelser 2027–2030",
        REGION_PLANNER,
        DeadlineStatus::NotStarted,
    ),
    (
        "Utbildnings- och övningsplan 2027–2030",
        REGION_PLANNER,
        DeadlineStatus::InProgress,
    ),
    (
        "Reglemente för krisledningsnämnden 2027–2030",
        "Regionjurist",
        DeadlineStatus::NotStarted,
    ),
    (
        "Årlig uppföljning av överenskommelsen 2026",
        REGION_PLANNER,
        DeadlineStatus::InProgress,
    ),
    (
        "Återrapport statsbidrag hälso- och sjukvårdens beredskap 2026 (förordning 2023:489)",
        "Katastrofmedicinsk samordnare",
        DeadlineStatus::NotStarted,
    ),
    (
        "Ansökan statsbidrag hälso- och sjukvårdens beredskap 2027 (förordning 2023:489)",
        "Katastrofmedicinsk samordnare",
        DeadlineStatus::NotStarted,
    ),
    (
        "Återrapport statsbidrag driftsäkerhet 2026 (förordning 2023:30)",
        "Fastighetschef Regionservice",
        DeadlineStatus::NotStarted,
    ),
];

/// Reports already made, with the recipients as they were named then.
const PAST_DEADLINES: &[(&str, DeadlineKind, &str, &str, &[&str])] = &[
    (
        "Risk- och sårbarhetsanalys 2023–2026 (MSBFS 2015:4)",
        DeadlineKind::Rsa,
        "Socialstyrelsen, MSB och länsstyrelsen",
        "2023-10-31",
        &["K1"],
    ),
    (
        "Årlig uppföljning av överenskommelsen 2024",
        DeadlineKind::FollowUp,
        "MSB",
        "2025-02-15",
        &["F1"],
    ),
    (
        "Årlig uppföljning av överenskommelsen 2025",
        DeadlineKind::FollowUp,
        "Myndigheten för civilt försvar (MCF)",
        "2026-02-15",
        &["F1"],
    ),
];

/// Halland's guideline indicators: name, unit, direction, baseline year and value, target value
/// and year, per förvaltning, source, the region's values from the baseline year on.
type DemoIndicator = (
    &'static str,
    &'static str,
    Direction,
    i32,
    i64,
    i64,
    i32,
    bool,
    &'static [i64],
);

const SOURCE: &str = "Säkerhet – Riktlinjer Allmän säkerhet, Region Halland";

const INDICATORS: &[DemoIndicator] = &[
    (
        "Bränder i regionens lokaler och verksamheter",
        "st",
        Direction::Lower,
        2019,
        46,
        23,
        2022,
        false,
        &[46, 43, 38, 31, 28, 26, 24],
    ),
    (
        "Inbrott, skadegörelse, angrepp mot skalskydd och stölder",
        "st",
        Direction::Lower,
        2019,
        212,
        106,
        2022,
        false,
        &[212, 196, 174, 149, 137, 121, 112],
    ),
    (
        "Genomförda egenkontroller enligt SBA",
        "%",
        Direction::Higher,
        2019,
        62,
        95,
        2024,
        true,
        &[62, 70, 74, 81, 86, 90, 93],
    ),
    (
        "Anmärkningar vid räddningstjänstens tillsyn",
        "st",
        Direction::Lower,
        2019,
        34,
        17,
        2024,
        false,
        &[34, 31, 27, 25, 22, 19, 18],
    ),
];

/// The SBA self-checks per förvaltning, 2023–2025.
const SBA_BY_FORVALTNING: &[(&str, [i64; 3])] = &[
    ("HS", [84, 89, 92]),
    ("NSVH", [88, 93, 96]),
    ("PH", [80, 86, 91]),
    ("ADH", [90, 94, 97]),
];

fn day(s: &str) -> ServiceResult<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| ServiceError::Internal(s.into()))
}

pub(super) async fn seed_followup(
    w: &mut Work,
    forvaltningar: &HashMap<&str, i64>,
    planner: i64,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let agreements = storage::catalogue::list_agreements(w.conn()).await?;
    let area = |agreement: i64, code: &str| {
        agreements
            .iter()
            .find(|a| a.id == agreement)
            .and_then(|a| a.requirements.iter().find(|r| r.code == code))
            .map(|r| r.id)
            .ok_or_else(|| {
                ServiceError::Internal(format!("no demo requirement {agreement}/{code}"))
            })
    };
    let forvaltning = |code: &str| {
        forvaltningar
            .get(code)
            .copied()
            .ok_or_else(|| ServiceError::Internal(format!("unknown demo code {code}")))
    };
    for d in FULFILMENTS {
        let requirement = area(d.agreement, d.code)?;
        let scope = d.forvaltning.map(forvaltning).transpose()?;
        let criteria = storage::nok::criteria_of(w.conn(), requirement).await?;
        let id =
            storage::nok::insert_fulfilment(w.conn(), requirement, scope, planner, now).await?;
        for p in d.met {
            let c = criteria
                .iter()
                .find(|c| c.position == *p)
                .ok_or_else(|| ServiceError::Internal(format!("{}: no criterion {p}", d.code)))?;
            storage::nok::tick(w.conn(), id, c.id, planner, now).await?;
        }
        let due_on = d.due.map(day).transpose()?;
        storage::nok::set_details(w.conn(), id, d.responsible, due_on, d.progress).await?;
        if let Some((status, reason)) = d.manual {
            storage::nok::set_status(w.conn(), id, Some(status), reason).await?;
        }
        for doc in d.documents {
            let new = storage::nok::NewEvidence::Document(doc);
            storage::nok::insert_evidence(w.conn(), id, &new, "", planner, now).await?;
        }
        let state = super::nok::state_now(w.conn(), requirement, scope).await?;
        storage::nok::insert_version(w.conn(), id, 1, "create", &state, planner, now).await?;
        let change = Change::<(), _> {
            action: "create",
            entity_type: entity::FULFILMENT,
            entity_id: id.to_string(),
            before: None,
            after: Some(&state),
        };
        w.record(change, &scope.into_iter().collect::<Vec<_>>())
            .await?;
    }
    let deadlines = storage::calendar::list(w.conn()).await?;
    for (title, owner, status) in DEADLINE_OWNERS {
        let Some(d) = deadlines.iter().find(|d| d.title == *title) else {
            continue;
        };
        let valid = ValidDeadline {
            title: d.title.clone(),
            kind: d.kind,
            recipient: d.recipient.clone(),
            due_on: d.due_on,
            owner: owner.to_string(),
            status: *status,
            note: d.note.clone(),
            feeds: d.feeds.iter().map(|r| r.id).collect(),
        };
        storage::calendar::update(w.conn(), d.id, d.version, &valid, now).await?;
        let change = Change::<(), _> {
            action: "update",
            entity_type: entity::DEADLINE,
            entity_id: d.id.to_string(),
            before: None,
            after: Some(&valid),
        };
        w.record(change, &[]).await?;
    }
    for (title, kind, recipient, due, feeds) in PAST_DEADLINES {
        let valid = ValidDeadline {
            title: title.to_string(),
            kind: *kind,
            recipient: recipient.to_string(),
            due_on: day(due)?,
            owner: REGION_PLANNER.to_string(),
            status: DeadlineStatus::Submitted,
            note: String::new(),
            feeds: feeds
                .iter()
                .map(|c| area(1, c))
                .collect::<ServiceResult<_>>()?,
        };
        let id = storage::calendar::insert(w.conn(), &valid, now).await?;
        let change = Change::<(), _> {
            action: "create",
            entity_type: entity::DEADLINE,
            entity_id: id.to_string(),
            before: None,
            after: Some(&valid),
        };
        w.record(change, &[]).await?;
    }
    for (name, unit, direction, baseline_year, baseline, target, target_year, per, values) in
        INDICATORS
    {
        let valid = ValidIndicator {
            name: name.to_string(),
            unit: unit.to_string(),
            direction: *direction,
            baseline_year: *baseline_year,
            baseline: Measure(baseline * 100),
            target: Measure(target * 100),
            target_year: *target_year,
            per_forvaltning: *per,
            source: SOURCE.to_string(),
        };
        let id = storage::indicators::insert(w.conn(), &valid).await?;
        for (i, v) in values.iter().enumerate() {
            let year = baseline_year + i32::try_from(i).unwrap_or(0);
            storage::indicators::set_value(w.conn(), id, None, year, Some(Measure(v * 100)), now)
                .await?;
        }
        if *per {
            for (code, by_year) in SBA_BY_FORVALTNING {
                let f = forvaltning(code)?;
                for (i, v) in by_year.iter().enumerate() {
                    let year = 2023 + i32::try_from(i).unwrap_or(0);
                    storage::indicators::set_value(
                        w.conn(),
                        id,
                        Some(f),
                        year,
                        Some(Measure(v * 100)),
                        now,
                    )
                    .await?;
                }
            }
        }
        let change = Change::<(), _> {
            action: "create",
            entity_type: entity::INDICATOR,
            entity_id: id.to_string(),
            before: None,
            after: Some(&valid),
        };
        w.record(change, &[]).await?;
    }
    Ok(())
}
