//! Service and storage tests on a real SQLite file: authorization, validation, audit rows in
//! the same transaction, optimistic concurrency, login and sessions.
#![expect(
    clippy::unwrap_used,
    reason = "a failed unwrap in a test helper is a failed test"
)]

use app::backend::auth::{Caller, Credentials, NewSession, UNKNOWN_USERNAME};
use app::backend::throttle::Source;
use app::backend::users::AccountChange;
use app::backend::{ServiceError, Services, SessionPolicy, seed};
use app::domain::exercise::{ExerciseFilter, ExerciseInput, ObjectiveInput};
use app::domain::{Actor, ExerciseStatus, MandatePeriod, Role};
use chrono::{DateTime, Utc};
use std::sync::{Arc, Mutex};

mod common;
use common::PASSWORD;

struct World {
    svc: Services,
    now: Arc<Mutex<DateTime<Utc>>>,
    _dir: tempfile::TempDir,
}

async fn world() -> World {
    let dir = tempfile::tempdir().unwrap();
    let db = common::seeded_db(dir.path()).await;
    world_on(db, dir).await
}

/// The services on `db`, whose files (or URL) are in `dir`.
async fn world_on(db: app::backend::storage::Db, dir: tempfile::TempDir) -> World {
    let now = Arc::new(Mutex::new(common::seeded_at()));
    let clock_now = now.clone();
    let clock = Arc::new(move || *clock_now.lock().unwrap());
    let secret = b"0123456789abcdef0123456789abcdef".to_vec();
    let svc = Services::with_clock(db, SessionPolicy::with_secret(secret), clock)
        .await
        .unwrap();
    World {
        svc,
        now,
        _dir: dir,
    }
}

/// Signs `username` in with `password` from address `ip`, with an optional device cookie and
/// old session token.
async fn try_login(
    w: &World,
    username: &str,
    password: &str,
    ip: &str,
    device: Option<&str>,
    old: Option<&str>,
) -> Result<NewSession, ServiceError> {
    let credentials = Credentials { username, password };
    let caller = Caller {
        source: Source::of(ip.parse().unwrap()),
        device_cookie: device,
        old_token: old,
    };
    w.svc.auth.login(credentials, caller).await
}

/// Signs `username` in with the demo password.
async fn session(w: &World, username: &str) -> NewSession {
    try_login(w, username, PASSWORD, "127.0.0.1", None, None)
        .await
        .unwrap()
}

async fn actor(w: &World, username: &str) -> Actor {
    session(w, username).await.actor
}

/// The audit log's failed sign-ins, newest first.
async fn failed_logins(w: &World, admin: &Actor) -> Vec<app::domain::audit::AuditEntry> {
    let filter = app::domain::audit::AuditFilter {
        action: Some("login_failed".into()),
        ..Default::default()
    };
    w.svc.audit.list(admin, &filter).await.unwrap()
}

async fn forvaltning_id(w: &World, code: &str) -> i64 {
    let admin = actor(w, "admin").await;
    w.svc
        .catalogue
        .forvaltningar(&admin)
        .await
        .unwrap()
        .into_iter()
        .find(|f| f.code == code)
        .unwrap()
        .id
}

/// Every audit row, counted in the database (the audit page shows only the newest
/// `PAGE_SIZE`, so counting its rows would stop working once the seed grows past it).
async fn audit_count(w: &World) -> i64 {
    app::backend::storage::audit::count(&mut w.svc.db.read().await.unwrap())
        .await
        .unwrap()
}

async fn exercise_count(w: &World, a: &Actor) -> usize {
    w.svc
        .exercises
        .list(a, &ExerciseFilter::default())
        .await
        .unwrap()
        .len()
}

fn input(lead: i64) -> ExerciseInput {
    ExerciseInput {
        name: "Övning Test".into(),
        format: "seminar".into(),
        starts_at: "2026-12-09T09:00".into(),
        ends_at: "2026-12-09T12:00".into(),
        lead: lead.to_string(),
        objectives: vec![
            ObjectiveInput {
                text: "Utbilda nya TiB".into(),
                capability: "CA12".into(),
                requirements: vec![],
                ..Default::default()
            },
            ObjectiveInput {
                text: "Larma RKL".into(),
                capability: "CA01".into(),
                requirements: vec![],
                ..Default::default()
            },
        ],
        ..Default::default()
    }
}

fn field(e: ServiceError, name: &str) -> String {
    match e {
        ServiceError::Invalid(f) => app::ui::texts::sv::message(
            f.get(name)
                .unwrap_or_else(|| panic!("no message for {name}: {f:?}")),
        ),
        other => panic!("expected a field error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_planner_creates_an_exercise_and_one_audit_row_is_written() {
    let w = world().await;
    let planner = actor(&w, "planerare").await;
    let lead = forvaltning_id(&w, "RK").await;
    let before = audit_count(&w).await;
    let id = w
        .svc
        .exercises
        .create(&planner, &input(lead))
        .await
        .unwrap();
    assert_eq!(audit_count(&w).await, before + 1);
    let e = w.svc.exercises.get(&planner, id).await.unwrap();
    assert_eq!(e.status, ExerciseStatus::Planned);
    assert_eq!(e.objectives.len(), 2);
    assert_eq!(e.objectives[0].capability_code, "CA12");
}

#[tokio::test]
async fn a_board_viewer_cannot_create_or_edit() {
    let w = world().await;
    let board = actor(&w, "styrelse").await;
    let lead = forvaltning_id(&w, "RK").await;
    assert!(matches!(
        w.svc.exercises.create(&board, &input(lead)).await,
        Err(ServiceError::Forbidden)
    ));
    assert!(matches!(
        w.svc.exercises.update(&board, 1, 1, &input(lead)).await,
        Err(ServiceError::Forbidden)
    ));
    assert!(matches!(
        w.svc
            .exercises
            .transition(&board, 1, 1, ExerciseStatus::Cancelled, "x")
            .await,
        Err(ServiceError::Forbidden)
    ));
}

#[tokio::test]
async fn a_scoped_planner_may_only_plan_for_their_forvaltning() {
    let w = world().await;
    let hs_planner = actor(&w, "planerare.hs").await;
    let err = w
        .svc
        .exercises
        .create(&hs_planner, &input(forvaltning_id(&w, "RK").await))
        .await
        .unwrap_err();
    assert!(field(err, "lead").contains("dina förvaltningar"));
    assert!(
        w.svc
            .exercises
            .create(&hs_planner, &input(forvaltning_id(&w, "HS").await))
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn unknown_references_are_field_errors_and_nothing_is_written() {
    let w = world().await;
    let planner = actor(&w, "planerare").await;
    let mut bad_cap = input(forvaltning_id(&w, "RK").await);
    let (exercises, audits) = (exercise_count(&w, &planner).await, audit_count(&w).await);
    let err = w
        .svc
        .exercises
        .create(&planner, &input(999_999))
        .await
        .unwrap_err();
    assert_eq!(field(err, "lead"), "Okänd förvaltning.");
    bad_cap.objectives[1].capability = "CA99".into();
    bad_cap.participants = vec![424_242];
    let err = w
        .svc
        .exercises
        .create(&planner, &bad_cap)
        .await
        .unwrap_err();
    assert_eq!(
        field(err, "objectives.1.capability"),
        "Okänt förmågeområde."
    );
    assert_eq!(exercise_count(&w, &planner).await, exercises);
    assert_eq!(audit_count(&w).await, audits);
}

#[tokio::test]
async fn a_stale_edit_is_refused_and_leaves_the_exercise_as_it_was() {
    let w = world().await;
    let planner = actor(&w, "planerare").await;
    let lead = forvaltning_id(&w, "RK").await;
    let id = w
        .svc
        .exercises
        .create(&planner, &input(lead))
        .await
        .unwrap();
    let mut first = input(lead);
    first.name = "Första ändringen".into();
    w.svc
        .exercises
        .update(&planner, id, 1, &first)
        .await
        .unwrap();
    let mut second = input(lead);
    second.name = "Andra ändringen".into();
    assert!(matches!(
        w.svc.exercises.update(&planner, id, 1, &second).await,
        Err(ServiceError::Conflict(_))
    ));
    assert_eq!(
        w.svc.exercises.get(&planner, id).await.unwrap().name,
        "Första ändringen"
    );
}

#[tokio::test]
async fn the_lifecycle_is_enforced_and_each_transition_audited() {
    let w = world().await;
    let planner = actor(&w, "planerare").await;
    let lead = forvaltning_id(&w, "RK").await;
    let mut no_objectives = input(lead);
    no_objectives.objectives.clear();
    let id = w
        .svc
        .exercises
        .create(&planner, &no_objectives)
        .await
        .unwrap();
    w.svc
        .exercises
        .transition(&planner, id, 1, ExerciseStatus::InPreparation, "")
        .await
        .unwrap();
    let err = w
        .svc
        .exercises
        .transition(&planner, id, 2, ExerciseStatus::Ready, "")
        .await
        .unwrap_err();
    assert!(field(err, "reason").contains("minst ett mål"));
    let err = w
        .svc
        .exercises
        .transition(&planner, id, 2, ExerciseStatus::Cancelled, " ")
        .await
        .unwrap_err();
    assert_eq!(field(err, "reason"), "Ange varför övningen ställs in.");
    let before = audit_count(&w).await;
    w.svc
        .exercises
        .transition(
            &planner,
            id,
            2,
            ExerciseStatus::Cancelled,
            "Krock med verklig händelse",
        )
        .await
        .unwrap();
    assert_eq!(audit_count(&w).await, before + 1);
    let e = w.svc.exercises.get(&planner, id).await.unwrap();
    assert_eq!(
        (e.status, e.cancel_reason.as_deref()),
        (
            ExerciseStatus::Cancelled,
            Some("Krock med verklig händelse")
        )
    );
    assert!(matches!(
        w.svc.exercises.update(&planner, id, 3, &input(lead)).await,
        Err(ServiceError::Conflict(_))
    ));
}

#[tokio::test]
async fn conducted_exercises_cannot_be_deleted_but_planned_ones_can() {
    let w = world().await;
    let planner = actor(&w, "planerare").await;
    let closed = w
        .svc
        .exercises
        .list(
            &planner,
            &ExerciseFilter {
                year: Some(2025),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let mörker = closed.iter().find(|e| e.name == "Övning Mörker").unwrap();
    assert_eq!(
        mörker.status,
        ExerciseStatus::Closed,
        "seeded relative to 2026-11-23"
    );
    assert!(matches!(
        w.svc.exercises.delete(&planner, mörker.id, true).await,
        Err(ServiceError::Conflict(_))
    ));
    let id = w
        .svc
        .exercises
        .create(&planner, &input(forvaltning_id(&w, "RK").await))
        .await
        .unwrap();
    let unconfirmed = w.svc.exercises.delete(&planner, id, false).await;
    assert!(
        matches!(&unconfirmed, Err(ServiceError::Invalid(f)) if f.get("confirm").is_some()),
        "{unconfirmed:?}"
    );
    assert!(
        w.svc.exercises.get(&planner, id).await.is_ok(),
        "unconfirmed delete keeps it"
    );
    w.svc.exercises.delete(&planner, id, true).await.unwrap();
    assert!(matches!(
        w.svc.exercises.get(&planner, id).await,
        Err(ServiceError::NotFound)
    ));
}

#[tokio::test]
async fn wrong_passwords_are_audited_and_rate_limited() {
    let w = world().await;
    for _ in 0..5 {
        let err = try_login(&w, "planerare", "fel lösenord", "10.0.0.9", None, None)
            .await
            .err()
            .unwrap();
        assert_eq!(field(err, "username"), "Fel användarnamn eller lösenord.");
    }
    let blocked = try_login(&w, "planerare", PASSWORD, "10.0.0.9", None, None)
        .await
        .err()
        .unwrap();
    assert!(
        matches!(blocked, ServiceError::TooManyAttempts { .. }),
        "even the right password waits"
    );
    let admin = actor(&w, "admin").await;
    let failed = failed_logins(&w, &admin).await;
    assert_eq!(failed.len(), 5);
}

#[tokio::test]
async fn sessions_expire_when_idle_and_rotate_at_login() {
    let w = world().await;
    let first = session(&w, "utvarderare").await;
    assert_eq!(
        w.svc
            .auth
            .resolve(&first.token)
            .await
            .unwrap()
            .unwrap()
            .role,
        Role::Evaluator
    );
    let second = try_login(
        &w,
        "utvarderare",
        PASSWORD,
        "127.0.0.1",
        None,
        Some(&first.token),
    )
    .await
    .unwrap();
    assert!(
        w.svc.auth.resolve(&first.token).await.unwrap().is_none(),
        "the old token is gone"
    );
    *w.now.lock().unwrap() += chrono::Duration::hours(3);
    assert!(
        w.svc.auth.resolve(&second.token).await.unwrap().is_none(),
        "idle for longer than two hours"
    );
    assert!(w.svc.auth.resolve("not-a-token").await.unwrap().is_none());
}

#[tokio::test]
async fn coverage_shows_the_seeded_gap_until_it_is_planned() {
    let w = world().await;
    let planner = actor(&w, "planerare").await;
    let period = MandatePeriod::containing(2026);
    let before = w
        .svc
        .plan
        .coverage_by_year(&planner, period, None)
        .await
        .unwrap();
    assert!(
        before.gaps().iter().any(|r| r.code == "CA12"),
        "nothing exercises CA12 in the demo period"
    );
    w.svc
        .exercises
        .create(&planner, &input(forvaltning_id(&w, "RK").await))
        .await
        .unwrap();
    let after = w
        .svc
        .plan
        .coverage_by_year(&planner, period, None)
        .await
        .unwrap();
    assert!(!after.gaps().iter().any(|r| r.code == "CA12"));
    let (rows, exercises) = w.svc.plan.timeline(&planner, period).await.unwrap();
    assert!(exercises.iter().any(|e| e.name == "Övning Test"));
    assert!(rows.iter().any(|r| {
        r.forvaltning.code == "RK"
            && r.lanes
                .iter()
                .flatten()
                .any(|i| i.exercise.name == "Övning Test")
    }));
}

#[tokio::test]
async fn catalogue_changes_are_admin_only_and_duplicate_codes_get_a_message() {
    let w = world().await;
    let planner = actor(&w, "planerare").await;
    let admin = actor(&w, "admin").await;
    let input = app::domain::forvaltning::ForvaltningInput {
        code: "HS".into(),
        name: "Dubblett".into(),
        kind: "vard".into(),
        active: Some("on".into()),
    };
    assert!(matches!(
        w.svc
            .catalogue
            .save_forvaltning(&planner, None, &input)
            .await,
        Err(ServiceError::Forbidden)
    ));
    let err = w
        .svc
        .catalogue
        .save_forvaltning(&admin, None, &input)
        .await
        .unwrap_err();
    assert_eq!(
        field(err, "code"),
        "Koden används redan av en annan förvaltning."
    );
}

#[tokio::test]
async fn seeding_twice_adds_nothing() {
    let w = world().await;
    assert!(
        !seed::seed_demo(&w.svc.writer, PASSWORD, Utc::now())
            .await
            .unwrap()
    );
}

#[tokio::test]
async fn deactivating_a_user_ends_their_cached_session_at_once() {
    let w = world().await;
    let s = session(&w, "observator").await;
    assert!(
        w.svc.auth.resolve(&s.token).await.unwrap().is_some(),
        "now cached"
    );
    let admin = actor(&w, "admin").await;
    w.svc
        .users
        .update(
            &admin,
            s.actor.user_id,
            &AccountChange {
                role: "observer",
                active: false,
                region_wide: false,
                scope: &[],
            },
        )
        .await
        .unwrap();
    assert!(w.svc.auth.resolve(&s.token).await.unwrap().is_none());
}

#[tokio::test]
async fn a_logged_out_session_is_gone_even_from_the_cache() {
    let w = world().await;
    let s = session(&w, "observator").await;
    assert!(w.svc.auth.resolve(&s.token).await.unwrap().is_some());
    w.svc.auth.logout(&s.actor, &s.token).await.unwrap();
    assert!(w.svc.auth.resolve(&s.token).await.unwrap().is_none());
}

#[tokio::test]
async fn an_agreement_update_is_audited_with_before_and_after_at_the_service_clock() {
    let w = world().await;
    let admin = actor(&w, "admin").await;
    let agreement = w.svc.catalogue.agreements(&admin).await.unwrap().remove(0);
    let input = app::domain::catalogue::AgreementInput {
        counterparty: agreement.counterparty.clone(),
        name: "Ändrat namn på överenskommelsen".into(),
        valid_from: agreement.valid_from.to_string(),
        valid_to: String::new(),
    };
    w.svc
        .catalogue
        .save_agreement(&admin, Some(agreement.id), &input)
        .await
        .unwrap();
    let entry = w
        .svc
        .audit
        .list(&admin, &Default::default())
        .await
        .unwrap()
        .into_iter()
        .find(|e| e.entity_type == "agreement")
        .unwrap();
    assert_eq!(
        (entry.action.as_str(), entry.entity_id.clone()),
        ("update", agreement.id.to_string())
    );
    assert!(entry.before.unwrap().contains(&agreement.name));
    assert!(entry.after.unwrap().contains("Ändrat namn"));
    assert_eq!(
        entry.at,
        common::seeded_at(),
        "the service clock, not the wall clock"
    );
    assert!(matches!(
        w.svc
            .catalogue
            .save_agreement(&admin, Some(99_999), &input)
            .await,
        Err(ServiceError::NotFound)
    ));
}

/// The catalogues are kept in memory between reads; a change must show at once.
#[tokio::test]
async fn catalogue_changes_show_at_once_despite_the_cache() {
    let w = world().await;
    let admin = actor(&w, "admin").await;
    let before = w.svc.catalogue.forvaltningar(&admin).await.unwrap();
    let input = app::domain::forvaltning::ForvaltningInput {
        code: "TV".into(),
        name: "Tandvården".into(),
        kind: "vard".into(),
        active: Some("on".into()),
    };
    let id = w
        .svc
        .catalogue
        .save_forvaltning(&admin, None, &input)
        .await
        .unwrap();
    let after = w.svc.catalogue.forvaltningar(&admin).await.unwrap();
    assert_eq!(after.len(), before.len() + 1);
    assert!(after.iter().any(|f| f.id == id && f.name == "Tandvården"));

    let mut areas = w.svc.catalogue.capability_areas(&admin).await.unwrap();
    let mut area = areas.remove(0);
    area.title = "Nytt namn på området".into();
    let input = app::domain::catalogue::CapabilityAreaInput {
        code: area.code.clone(),
        title: area.title.clone(),
        ..Default::default()
    };
    w.svc
        .catalogue
        .save_capability_area(&admin, Some(&area.code), &input)
        .await
        .unwrap();
    let areas = w.svc.catalogue.capability_areas(&admin).await.unwrap();
    assert!(areas.iter().any(|a| a.title == "Nytt namn på området"));

    let agreement = w.svc.catalogue.agreements(&admin).await.unwrap().remove(0);
    let input = app::domain::catalogue::RequirementAreaInput {
        code: "K99".into(),
        title: "Nytt kravområde".into(),
        ..Default::default()
    };
    w.svc
        .catalogue
        .save_requirement_area(&admin, agreement.id, None, &input)
        .await
        .unwrap();
    let agreements = w.svc.catalogue.agreements(&admin).await.unwrap();
    let changed = agreements.iter().find(|a| a.id == agreement.id).unwrap();
    assert!(changed.requirements.iter().any(|r| r.code == "K99"));
}

#[tokio::test]
async fn an_outsider_cannot_lock_a_user_out_from_another_source() {
    let w = world().await;
    for _ in 0..5 {
        let _ = try_login(&w, "styrelse", "fel lösenord", "203.0.113.66", None, None).await;
    }
    assert!(matches!(
        try_login(&w, "styrelse", PASSWORD, "203.0.113.66", None, None).await,
        Err(ServiceError::TooManyAttempts { .. })
    ));
    assert!(
        try_login(&w, "styrelse", PASSWORD, "198.51.100.4", None, None)
            .await
            .is_ok(),
        "the user's own address still gets in"
    );
}

#[tokio::test]
async fn typos_for_other_accounts_do_not_lock_out_a_shared_address() {
    let w = world().await;
    for name in [
        "planerare",
        "observator",
        "utvarderare",
        "styrelse",
        "nobody",
        "x",
    ] {
        let _ = try_login(&w, name, "fel lösenord", "10.0.0.1", None, None).await;
    }
    assert!(
        try_login(&w, "admin", PASSWORD, "10.0.0.1", None, None)
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn an_attacked_account_is_locked_for_strangers_but_its_own_browser_gets_in() {
    let w = world().await;
    let own = try_login(&w, "ovningsledare", PASSWORD, "192.0.2.10", None, None)
        .await
        .unwrap();
    for i in 0..10 {
        let ip = format!("203.0.113.{i}");
        let _ = try_login(&w, "ovningsledare", "fel", &ip, None, None).await;
    }
    assert!(matches!(
        try_login(&w, "ovningsledare", PASSWORD, "192.0.2.99", None, None).await,
        Err(ServiceError::AccountLocked { minutes: 15 })
    ));
    assert!(
        try_login(
            &w,
            "ovningsledare",
            PASSWORD,
            "192.0.2.99",
            Some(&own.device_cookie),
            None
        )
        .await
        .is_ok(),
        "a browser that signed in before is trusted"
    );
    let other = session(&w, "observator").await;
    assert!(
        matches!(
            try_login(
                &w,
                "ovningsledare",
                PASSWORD,
                "192.0.2.99",
                Some(&other.device_cookie),
                None
            )
            .await,
            Err(ServiceError::AccountLocked { .. })
        ),
        "another account's device cookie does not count"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forty_parallel_attempts_from_one_source_check_exactly_five() {
    let w = Arc::new(world().await);
    let tasks: Vec<_> = (0..40)
        .map(|_| {
            let w = w.clone();
            tokio::spawn(async move {
                try_login(&w, "admin", "fel lösenord", "10.9.9.9", None, None).await
            })
        })
        .collect();
    let mut checked = 0;
    for t in tasks {
        match t.await.unwrap() {
            Err(ServiceError::Invalid(_)) => checked += 1,
            Err(ServiceError::TooManyAttempts { .. }) => {}
            other => panic!("unexpected {:?}", other.map(|s| s.actor.username)),
        }
    }
    assert_eq!(checked, 5);
}

#[tokio::test]
async fn a_failed_login_for_an_unknown_name_is_audited_without_the_typed_text() {
    let w = world().await;
    let typed = "hemligt-lösenord-i-fel-fält";
    let _ = try_login(&w, typed, "x", "10.0.0.2", None, None).await;
    let _ = try_login(&w, "planerare", "fel", "10.0.0.2", None, None).await;
    let admin = actor(&w, "admin").await;
    let failed = failed_logins(&w, &admin).await;
    let unknown = failed
        .iter()
        .find(|e| e.actor_name == UNKNOWN_USERNAME)
        .unwrap();
    assert!(unknown.entity_id.is_empty());
    assert!(
        failed
            .iter()
            .all(|e| !e.entity_id.contains("hemligt") && !e.actor_name.contains("hemligt"))
    );
    let names = w.svc.audit.actor_names(&admin).await.unwrap();
    assert!(names.contains(&"planerare".to_string()));
    assert!(
        !names
            .iter()
            .any(|n| n == UNKNOWN_USERNAME || n.contains("hemligt"))
    );
}

#[tokio::test]
async fn a_password_changed_by_another_process_ends_cached_sessions() {
    let w = world().await;
    let s = session(&w, "planerare").await;
    assert!(
        w.svc.auth.resolve(&s.token).await.unwrap().is_some(),
        "cached"
    );
    // The CLI: another set of services on the same database file.
    let cli = Services::new(w.svc.db.clone(), SessionPolicy::with_secret(vec![1; 32]))
        .await
        .unwrap();
    cli.users
        .set_password(
            &app::backend::audit::system_actor(),
            "planerare",
            "ett nytt lösenord",
        )
        .await
        .unwrap();
    assert!(
        w.svc.auth.resolve(&s.token).await.unwrap().is_some(),
        "still in this process's cache until it looks"
    );
    // The server polls for events every second; here the test polls.
    w.svc.bus.poll().await.unwrap();
    assert!(w.svc.auth.resolve(&s.token).await.unwrap().is_none());
}

#[tokio::test]
async fn the_audit_count_is_exact_beyond_one_page_of_the_log() {
    let w = world().await;
    let start = audit_count(&w).await;
    for _ in 0..(app::backend::audit::PAGE_SIZE + 5) {
        session(&w, "observator").await;
    }
    assert_eq!(
        audit_count(&w).await,
        start + app::backend::audit::PAGE_SIZE + 5
    );
}

#[tokio::test]
async fn duplicate_forvaltningar_in_a_scope_are_one_and_an_empty_scope_is_not_the_region() {
    let w = world().await;
    let admin = actor(&w, "admin").await;
    let hs = forvaltning_id(&w, "HS").await;
    let input = app::domain::user::UserInput {
        username: "dubbel".into(),
        role: "planner".into(),
        forvaltningar: vec![hs, hs],
        password: "ett långt lösenord".into(),
        ..Default::default()
    };
    let id = w.svc.users.create(&admin, &input).await.unwrap();
    fn change(scope: &[i64], region_wide: bool) -> AccountChange<'_> {
        AccountChange {
            role: "planner",
            active: true,
            region_wide,
            scope,
        }
    }
    w.svc
        .users
        .update(&admin, id, &change(&[hs, hs], false))
        .await
        .unwrap();
    let user = w
        .svc
        .users
        .list(&admin)
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.id == id)
        .unwrap();
    assert_eq!(user.forvaltningar, vec![hs]);
    let err = w
        .svc
        .users
        .update(&admin, id, &change(&[], false))
        .await
        .err()
        .unwrap();
    assert!(field(err, "forvaltningar").contains("Hela regionen"));
    w.svc
        .users
        .update(&admin, id, &change(&[], true))
        .await
        .unwrap();
}

#[tokio::test]
async fn a_requirement_area_cannot_be_saved_under_another_agreement() {
    let w = world().await;
    let admin = actor(&w, "admin").await;
    let areas = w.svc.catalogue.requirement_areas(&admin).await.unwrap();
    let area = &areas[0];
    let input = app::domain::catalogue::RequirementAreaInput {
        code: area.code.clone(),
        title: "Flyttad".into(),
        ..Default::default()
    };
    let other = area.agreement_id + 1000;
    assert!(matches!(
        w.svc
            .catalogue
            .save_requirement_area(&admin, other, Some(area.id), &input)
            .await,
        Err(ServiceError::NotFound)
    ));
}

#[tokio::test]
async fn editing_keeps_a_participant_whose_forvaltning_was_deactivated() {
    let w = world().await;
    let admin = actor(&w, "admin").await;
    let planner = actor(&w, "planerare").await;
    let exercise = w.svc.exercises.get(&planner, 14).await.unwrap();
    let participant = exercise.participants[0].clone();
    let f = w
        .svc
        .catalogue
        .forvaltningar(&admin)
        .await
        .unwrap()
        .into_iter()
        .find(|f| f.id == participant.id)
        .unwrap();
    let deactivate = app::domain::forvaltning::ForvaltningInput {
        code: f.code.clone(),
        name: f.name.clone(),
        kind: f.kind.code().into(),
        active: None,
    };
    w.svc
        .catalogue
        .save_forvaltning(&admin, Some(f.id), &deactivate)
        .await
        .unwrap();
    let mut input = exercise.to_input();
    input.name = "Övning Sorl 2 (ändrad)".into();
    w.svc
        .exercises
        .update(&planner, 14, exercise.version, &input)
        .await
        .unwrap();
    let after = w.svc.exercises.get(&planner, 14).await.unwrap();
    assert!(after.participants.iter().any(|p| p.id == participant.id));
}

#[tokio::test]
async fn an_unknown_status_in_the_database_is_an_error_not_planerad() {
    let w = world().await;
    let planner = actor(&w, "planerare").await;
    {
        // Corrupt one row as a bad import or a newer version's value would.
        common::raw_sql(
            w._dir.path(),
            "UPDATE exercises SET status = 'okand' WHERE id = 3",
        )
        .await;
    }
    assert!(matches!(
        w.svc.exercises.get(&planner, 3).await,
        Err(ServiceError::Storage(_))
    ));
    assert!(matches!(
        w.svc
            .exercises
            .list(&planner, &ExerciseFilter::default())
            .await,
        Err(ServiceError::Storage(_))
    ));
}

#[tokio::test]
async fn a_new_password_revokes_the_trust_of_the_accounts_old_browsers() {
    let w = world().await;
    let own = try_login(&w, "utvarderare", PASSWORD, "192.0.2.10", None, None)
        .await
        .unwrap();
    w.svc
        .users
        .set_password(
            &app::backend::audit::system_actor(),
            "utvarderare",
            "ett nytt lösenord",
        )
        .await
        .unwrap();
    for i in 0..10 {
        let ip = format!("203.0.113.{i}");
        let _ = try_login(&w, "utvarderare", "fel", &ip, None, None).await;
    }
    assert!(matches!(
        try_login(
            &w,
            "utvarderare",
            "ett nytt lösenord",
            "192.0.2.10",
            Some(&own.device_cookie),
            None
        )
        .await,
        Err(ServiceError::AccountLocked { .. })
    ));
}

async fn count_rows(w: &World, table: &str) -> i64 {
    common::count(w._dir.path(), table).await
}

/// What the bus delivered to `rx` so far.
fn received(
    rx: &mut tokio::sync::broadcast::Receiver<Arc<app::domain::event::Event>>,
) -> Vec<app::domain::event::Event> {
    let mut got = Vec::new();
    while let Ok(e) = rx.try_recv() {
        got.push((*e).clone());
    }
    got
}

#[tokio::test]
async fn a_write_whose_audit_row_fails_leaves_no_trace_and_publishes_nothing() {
    let w = world().await;
    let planner = actor(&w, "planerare").await;
    let lead = forvaltning_id(&w, "RK").await;
    let (_, mut rx) = w.svc.bus.subscribe().await;
    let before = (
        count_rows(&w, "exercises").await,
        count_rows(&w, "objectives").await,
        count_rows(&w, "audit_log").await,
        count_rows(&w, "events").await,
    );
    common::raw_sql(w._dir.path(), common::refuse_audit_sql()).await;
    let r = w.svc.exercises.create(&planner, &input(lead)).await;
    assert!(matches!(r, Err(ServiceError::Storage(_))), "{r:?}");
    common::raw_sql(w._dir.path(), common::allow_audit_sql()).await;
    let after = (
        count_rows(&w, "exercises").await,
        count_rows(&w, "objectives").await,
        count_rows(&w, "audit_log").await,
        count_rows(&w, "events").await,
    );
    assert_eq!(
        after, before,
        "the exercise, its objectives and its event are gone with it"
    );
    w.svc.bus.poll().await.unwrap();
    assert!(received(&mut rx).is_empty(), "nothing was published");
    // The same write without the trigger goes through, with one event.
    w.svc
        .exercises
        .create(&planner, &input(lead))
        .await
        .unwrap();
    assert_eq!(received(&mut rx).len(), 1);
}

#[tokio::test]
async fn a_subscriber_sees_exactly_one_event_per_committed_change_and_none_for_a_refused_one() {
    let w = world().await;
    let planner = actor(&w, "planerare").await;
    let lead = forvaltning_id(&w, "RK").await;
    let (last, mut rx) = w.svc.bus.subscribe().await;
    let id = w
        .svc
        .exercises
        .create(&planner, &input(lead))
        .await
        .unwrap();
    let mut edited = input(lead);
    edited.name = "Övning Test (ändrad)".into();
    w.svc
        .exercises
        .update(&planner, id, 1, &edited)
        .await
        .unwrap();
    // Refused: a stale version (inside the transaction), invalid input, an unconfirmed delete.
    assert!(
        w.svc
            .exercises
            .update(&planner, id, 1, &edited)
            .await
            .is_err()
    );
    assert!(
        w.svc
            .exercises
            .update(&planner, id, 2, &ExerciseInput::default())
            .await
            .is_err()
    );
    assert!(w.svc.exercises.delete(&planner, id, false).await.is_err());
    w.svc
        .exercises
        .transition(&planner, id, 2, ExerciseStatus::InPreparation, "")
        .await
        .unwrap();
    let got = received(&mut rx);
    let kinds: Vec<(&str, &str, &str)> = got
        .iter()
        .map(|e| {
            (
                e.entity_type.as_str(),
                e.entity_id.as_str(),
                e.kind.as_str(),
            )
        })
        .collect();
    let id_text = id.to_string();
    assert_eq!(
        kinds,
        vec![
            ("exercise", id_text.as_str(), "create"),
            ("exercise", id_text.as_str(), "update"),
            ("exercise", id_text.as_str(), "transition"),
        ]
    );
    assert!(got.iter().all(|e| e.forvaltningar == vec![lead]), "{got:?}");
    assert!(got.windows(2).all(|p| p[0].id < p[1].id));
    // A subscriber that missed them replays the same from the table.
    assert_eq!(w.svc.bus.replay(last).await.unwrap(), got);
    // Polling publishes nothing twice.
    w.svc.bus.poll().await.unwrap();
    assert!(received(&mut rx).is_empty());
}

#[tokio::test]
async fn the_exercise_list_is_held_in_memory_and_follows_every_change() {
    let w = world().await;
    let planner = actor(&w, "planerare").await;
    let lead = forvaltning_id(&w, "RK").await;
    let all = ExerciseFilter::default();
    let before = w.svc.exercises.list(&planner, &all).await.unwrap().len();
    // A write behind the services' back (no event) is not seen: the list is held.
    common::raw_sql(
        w._dir.path(),
        "UPDATE exercises SET name = 'Bakvägen' WHERE id = 3",
    )
    .await;
    let held = w.svc.exercises.list(&planner, &all).await.unwrap();
    assert!(
        held.iter().all(|e| e.name != "Bakvägen"),
        "served from memory"
    );
    // A change through the unit of work refreshes it at once.
    let id = w
        .svc
        .exercises
        .create(&planner, &input(lead))
        .await
        .unwrap();
    let fresh = w.svc.exercises.list(&planner, &all).await.unwrap();
    assert_eq!(fresh.len(), before + 1);
    assert!(fresh.iter().any(|e| e.id == id));
    assert!(fresh.iter().any(|e| e.name == "Bakvägen"));
    // So does a change to a förvaltning it shows.
    let admin = actor(&w, "admin").await;
    let f = app::domain::forvaltning::ForvaltningInput {
        code: "RK".into(),
        name: "Regionkansliet (nytt namn)".into(),
        kind: "stod".into(),
        active: Some("on".into()),
    };
    w.svc
        .catalogue
        .save_forvaltning(&admin, Some(lead), &f)
        .await
        .unwrap();
    let renamed = w.svc.exercises.list(&planner, &all).await.unwrap();
    assert!(
        renamed
            .iter()
            .any(|e| e.lead.name == "Regionkansliet (nytt namn)")
    );
}

#[tokio::test]
async fn an_idempotency_key_makes_a_retried_create_one_exercise() {
    use app::backend::exercises::CREATE_ENDPOINT;
    use app::backend::idempotency::{Begun, Key};
    let w = world().await;
    let planner = actor(&w, "planerare").await;
    let lead = forvaltning_id(&w, "RK").await;
    let before = count_rows(&w, "exercises").await;
    let sent = input(lead);
    let key = Key::new(&planner, CREATE_ENDPOINT, "nyckel-1", &sent).unwrap();
    let mut answers = Vec::new();
    for _ in 0..3 {
        answers.push(
            w.svc
                .exercises
                .create_idempotent(&planner, &sent, Some(&key))
                .await
                .unwrap(),
        );
    }
    assert_eq!(count_rows(&w, "exercises").await, before + 1);
    assert!(answers.iter().all(|a| a.id == answers[0].id));
    assert_eq!(
        answers.iter().map(|a| a.replayed).collect::<Vec<_>>(),
        vec![false, true, true]
    );
    // The same key with other content.
    let mut other = input(lead);
    other.name = "En annan övning".into();
    let clash = Key::new(&planner, CREATE_ENDPOINT, "nyckel-1", &other).unwrap();
    let e = w
        .svc
        .exercises
        .create_idempotent(&planner, &other, Some(&clash))
        .await
        .unwrap_err();
    assert!(field(e, "idempotency_key").contains("annan begäran"));
    // Another user's identical key is theirs alone.
    let hs = actor(&w, "planerare.hs").await;
    let hs_input = input(forvaltning_id(&w, "HS").await);
    let theirs = Key::new(&hs, CREATE_ENDPOINT, "nyckel-1", &hs_input).unwrap();
    let created = w
        .svc
        .exercises
        .create_idempotent(&hs, &hs_input, Some(&theirs))
        .await
        .unwrap();
    assert!(!created.replayed);
    // While the first request with a key is in flight, a second gets a conflict …
    let in_flight = Key::new(&planner, CREATE_ENDPOINT, "nyckel-2", &sent).unwrap();
    assert_eq!(
        w.svc.idempotency.begin(&in_flight).await.unwrap(),
        Begun::Fresh
    );
    assert!(matches!(
        w.svc
            .exercises
            .create_idempotent(&planner, &sent, Some(&in_flight))
            .await,
        Err(ServiceError::Conflict(_))
    ));
    // … and once that request is long dead, a retry takes the key over.
    *w.now.lock().unwrap() += chrono::Duration::minutes(3);
    assert!(
        !w.svc
            .exercises
            .create_idempotent(&planner, &sent, Some(&in_flight))
            .await
            .unwrap()
            .replayed
    );
    // A refused write gives its key back, so the corrected form can be sent with it.
    let bad = ExerciseInput {
        lead: lead.to_string(),
        ..Default::default()
    };
    let retry = Key::new(&planner, CREATE_ENDPOINT, "nyckel-3", &bad).unwrap();
    assert!(
        w.svc
            .exercises
            .create_idempotent(&planner, &bad, Some(&retry))
            .await
            .is_err()
    );
    let fixed = Key::new(&planner, CREATE_ENDPOINT, "nyckel-3", &sent).unwrap();
    assert!(
        !w.svc
            .exercises
            .create_idempotent(&planner, &sent, Some(&fixed))
            .await
            .unwrap()
            .replayed
    );
    // Keys are kept 30 days.
    *w.now.lock().unwrap() += chrono::Duration::days(31);
    assert!(w.svc.idempotency.purge().await.unwrap() >= 4);
    assert_eq!(count_rows(&w, "idempotency_keys").await, 0);
}

#[tokio::test]
async fn objectives_keep_their_ids_when_the_exercise_is_edited() {
    let w = world().await;
    let planner = actor(&w, "planerare").await;
    let mut with_two = None;
    for e in w
        .svc
        .exercises
        .list(&planner, &ExerciseFilter::default())
        .await
        .unwrap()
    {
        let full = w.svc.exercises.get(&planner, e.id).await.unwrap();
        // Not yet conducted: a conducted one's objectives carry its evaluation.
        if full.objectives.len() >= 2
            && !full.status.is_conducted()
            && !full.status.is_final()
            && planner.can_edit_exercise(full.lead.id)
        {
            with_two = Some(full);
            break;
        }
    }
    let before = with_two.expect("a demo exercise with two objectives");
    let eid = before.id;
    let mut form = before.to_input();
    form.objectives[0].text = "Ett omskrivet mål".into();
    form.objectives.remove(1);
    form.objectives.push(ObjectiveInput {
        text: "Ett nytt mål".into(),
        capability: "CA01".into(),
        ..Default::default()
    });
    w.svc
        .exercises
        .update(&planner, eid, before.version, &form)
        .await
        .unwrap();
    let after = w.svc.exercises.get(&planner, eid).await.unwrap();
    assert_eq!(
        after.objectives[0].id, before.objectives[0].id,
        "edited in place"
    );
    assert_eq!(after.objectives[0].text, "Ett omskrivet mål");
    assert!(
        after
            .objectives
            .iter()
            .all(|o| o.id != before.objectives[1].id),
        "removed"
    );
    let new = after.objectives.last().unwrap();
    assert!(
        before.objectives.iter().all(|o| o.id != new.id),
        "a new one gets a new id"
    );
    // An id from another exercise is refused, not moved.
    let other = w
        .svc
        .exercises
        .get(&planner, if eid == 14 { 13 } else { 14 })
        .await
        .unwrap();
    let mut foreign = after.to_input();
    foreign.objectives[0].id = other.objectives[0].id.to_string();
    let e = w
        .svc
        .exercises
        .update(&planner, eid, after.version, &foreign)
        .await
        .unwrap_err();
    assert!(field(e, "objectives.0.text").contains("finns inte längre"));
}

#[tokio::test]
async fn capability_areas_link_to_requirement_areas_by_id() {
    let w = world().await;
    let admin = actor(&w, "admin").await;
    let areas = w.svc.catalogue.capability_areas(&admin).await.unwrap();
    let agreements = w.svc.catalogue.agreements(&admin).await.unwrap();
    let ca05 = areas.iter().find(|a| a.code == "CA05").unwrap();
    // C3 is in the national agreement and in Socialstyrelsen's grant: the link names one.
    assert_eq!(ca05.requirements.len(), 1, "{:?}", ca05.requirements);
    let c3 = &ca05.requirements[0];
    let owner = agreements
        .iter()
        .find(|a| a.requirements.iter().any(|r| r.id == c3.id))
        .unwrap();
    assert_eq!(c3.code, "C3");
    assert_eq!(
        owner.id, 1,
        "the agreement in force when the link was made, the oldest first"
    );
    assert_eq!(ca05.nato_blr, vec![1, 5]);
    // Each ambiguous code the migration resolved is in the audit log.
    let filter = app::domain::audit::AuditFilter {
        action: Some("migrate_link".into()),
        ..Default::default()
    };
    let logged = w.svc.audit.list(&admin, &filter).await.unwrap();
    assert!(
        logged
            .iter()
            .any(|e| e.entity_id == "CA05" && e.before.as_deref().unwrap_or("").contains("\"C3\""))
    );
    // The form links by id.
    let grant_c3 = agreements[..]
        .iter()
        .flat_map(|a| a.requirements.iter())
        .find(|r| r.code == "C3" && r.agreement_id == 2)
        .unwrap();
    let form = app::domain::catalogue::CapabilityAreaInput {
        code: "CA05".into(),
        title: ca05.title.clone(),
        description: ca05.description.clone(),
        nato_blr: "5".into(),
        requirements: vec![grant_c3.id],
    };
    w.svc
        .catalogue
        .save_capability_area(&admin, Some("CA05"), &form)
        .await
        .unwrap();
    let saved = w.svc.catalogue.capability_areas(&admin).await.unwrap();
    let ca05 = saved.iter().find(|a| a.code == "CA05").unwrap();
    assert_eq!(
        ca05.requirements.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![grant_c3.id]
    );
    let unknown = app::domain::catalogue::CapabilityAreaInput {
        requirements: vec![99_999],
        ..form
    };
    let e = w
        .svc
        .catalogue
        .save_capability_area(&admin, Some("CA05"), &unknown)
        .await
        .unwrap_err();
    assert!(field(e, "requirements").contains("finns inte"));
}

/// A database made by the foundation release (`seed-demo` and `user add` of commit 89ff709,
/// before events, idempotency keys and the capability link tables) migrates forward with its data.
#[tokio::test]
async fn a_foundation_database_with_demo_data_migrates_forward() {
    if common::on_postgres() {
        return; // a SQLite file's history; PostgreSQL starts from its own first migration
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("redo.db");
    std::fs::copy("tests/fixtures/foundation-demo.db", &path).unwrap();
    let db = app::backend::storage::Db::open(path.to_str().unwrap())
        .await
        .unwrap();
    db.migrate().await.unwrap();
    let svc = Services::new(db, SessionPolicy::with_secret(vec![3; 32]))
        .await
        .unwrap();
    let caller = Caller {
        source: Source::of("127.0.0.1".parse().unwrap()),
        device_cookie: None,
        old_token: None,
    };
    let admin = svc
        .auth
        .login(
            Credentials {
                username: "admin",
                password: server::config::DEFAULT_DEMO_PASSWORD,
            },
            caller,
        )
        .await
        .unwrap()
        .actor;
    let all = svc
        .exercises
        .list(&admin, &ExerciseFilter::default())
        .await
        .unwrap();
    assert_eq!(all.len(), 15, "every exercise is still there");
    let objectives: usize = {
        let mut n = 0;
        for e in &all {
            n += svc
                .exercises
                .get(&admin, e.id)
                .await
                .unwrap()
                .objectives
                .len();
        }
        n
    };
    assert_eq!(objectives, 29);
    let users = svc.users.list(&admin).await.unwrap();
    assert!(
        users
            .iter()
            .any(|u| u.username == "extra" && u.role == Role::Planner)
    );
    // The comma lists became links: CA02 supports K3 and C5, CA05 C3 of the national agreement.
    let areas = svc.catalogue.capability_areas(&admin).await.unwrap();
    let codes = |code: &str| {
        areas
            .iter()
            .find(|a| a.code == code)
            .unwrap()
            .requirements
            .iter()
            .map(|r| r.code.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(codes("CA02"), vec!["K3", "C5"]);
    assert_eq!(codes("CA05"), vec!["C3"]);
    assert_eq!(
        areas.iter().find(|a| a.code == "CA09").unwrap().nato_blr,
        vec![2, 4, 6]
    );
    // New records can be made, and they produce events.
    let (_, mut rx) = svc.bus.subscribe().await;
    let rk = svc
        .catalogue
        .forvaltningar(&admin)
        .await
        .unwrap()
        .into_iter()
        .find(|f| f.code == "RK")
        .unwrap()
        .id;
    let id = svc.exercises.create(&admin, &input(rk)).await.unwrap();
    assert!(id > 15);
    assert_eq!(received(&mut rx).len(), 1);
}

/// The copy between engines knows every table and column the migrations make (on the engine of
/// the run), so nothing a migration adds is left behind by `server copy`.
#[tokio::test]
async fn the_copy_covers_every_table_and_column_of_the_schema() {
    let w = world().await;
    let mut known: Vec<(String, String)> = app::backend::storage::copy::TABLES
        .iter()
        .flat_map(|t| {
            t.columns
                .iter()
                .map(|(c, _)| (t.name.to_string(), c.to_string()))
        })
        .collect();
    known.sort();
    assert_eq!(known, common::schema_columns(w._dir.path()).await);
}

/// `server copy`: the demo region in SQLite copied into a new database (PostgreSQL in
/// `make test-pg`) has the same canonical dump, the same exercise list, and takes new records
/// with fresh ids.
#[tokio::test]
async fn a_region_copied_to_a_new_database_is_the_same_and_takes_new_records() {
    use app::backend::storage::{Db, copy};
    let source_dir = tempfile::tempdir().unwrap();
    let source = common::seeded_sqlite(source_dir.path()).await;
    let target_dir = tempfile::tempdir().unwrap();
    let target = Db::open(&common::fresh_url(target_dir.path()).await)
        .await
        .unwrap();
    target.migrate().await.unwrap();
    assert_ne!(
        copy::dump(&source).await.unwrap(),
        copy::dump(&target).await.unwrap(),
        "a fresh database differs"
    );
    let copied = copy::copy(&source, &target).await.unwrap();
    assert!(
        copied
            .tables
            .iter()
            .any(|(t, n)| *t == "exercises" && *n > 10)
    );
    assert_eq!(
        copy::dump(&source).await.unwrap(),
        copy::dump(&target).await.unwrap()
    );
    // A second copy into the same database is refused: it now holds a region.
    assert!(copy::copy(&source, &target).await.is_err());

    let from = world_on(source, source_dir).await;
    let to = world_on(target, target_dir).await;
    let all = ExerciseFilter::default();
    assert_eq!(
        from.svc
            .exercises
            .list(&actor(&from, "planerare").await, &all)
            .await
            .unwrap(),
        to.svc
            .exercises
            .list(&actor(&to, "planerare").await, &all)
            .await
            .unwrap()
    );
    let p = actor(&to, "planerare").await;
    let lead = forvaltning_id(&to, "RK").await;
    let before = to.svc.exercises.list(&p, &all).await.unwrap();
    let id = to.svc.exercises.create(&p, &input(lead)).await.unwrap();
    assert!(
        before.iter().all(|e| e.id < id),
        "a fresh id after the copied ones"
    );
    assert_eq!(
        to.svc.exercises.get(&p, id).await.unwrap().name,
        input(lead).name
    );
}

// Capability assessments.

mod assessments {
    use super::*;
    use app::backend::readiness::SaveTo;
    use app::domain::Msg;
    use app::domain::readiness::{AssessmentInput, AssessmentStatus, Level, Period, Step};

    fn form(levels: [&str; 5], target: &str, justification: &str) -> AssessmentInput {
        AssessmentInput {
            plans: levels[0].into(),
            organisation: levels[1].into(),
            equipment: levels[2].into(),
            training: levels[3].into(),
            exercises: levels[4].into(),
            target: target.into(),
            justification: justification.into(),
            shortcomings: "Reservkraften är inte provkörd under last".into(),
            measures: "Provkör reservkraften med full last".into(),
            assessed_on: "2026-11-20".into(),
            ..Default::default()
        }
    }

    fn new_cell(f: i64, code: &str) -> SaveTo {
        SaveTo::New {
            forvaltning_id: f,
            capability_code: code.into(),
            period: Period::parse("2026H2").unwrap(),
        }
    }

    fn conflict(r: Result<impl std::fmt::Debug, ServiceError>) -> Msg {
        match r {
            Err(ServiceError::Conflict(m)) => m,
            other => panic!("expected a conflict, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn an_assessment_is_entered_submitted_and_approved_and_every_version_is_kept() {
        let w = world().await;
        let hs = forvaltning_id(&w, "HS").await;
        let assessor = actor(&w, "planerare.hs").await;
        let approver = actor(&w, "planerare").await;
        let svc = &w.svc.readiness;
        let id = svc
            .save(
                &assessor,
                &new_cell(hs, "CA09"),
                &form(["3", "2", "3", "3", "0"], "3", "Reservkraft saknas."),
            )
            .await
            .unwrap();
        let a = svc.get(&assessor, id).await.unwrap().assessment;
        assert_eq!(
            (a.version, a.status, a.level.get()),
            (1, AssessmentStatus::Draft, 2),
            "minimum of 3, 2, 3, 3"
        );
        assert_eq!(a.assessor.id, assessor.user_id);

        svc.save(
            &assessor,
            &SaveTo::Existing { id, version: 1 },
            &form(["3", "3", "3", "3", "0"], "3", ""),
        )
        .await
        .unwrap();
        let stale = svc
            .save(
                &assessor,
                &SaveTo::Existing { id, version: 1 },
                &form(["4", "4", "4", "4", "4"], "3", ""),
            )
            .await;
        assert_eq!(conflict(stale), Msg::AssessmentChangedKeepInput);

        svc.step(&assessor, id, 2, Step::Submit, "").await.unwrap();
        assert_eq!(
            conflict(svc.step(&assessor, id, 3, Step::Approve, "").await),
            Msg::ApproverNotRegionWide,
            "a scoped planner does not approve"
        );
        assert_eq!(
            conflict(svc.step(&approver, id, 2, Step::Approve, "").await),
            Msg::AssessmentChangedReload
        );
        svc.step(&approver, id, 3, Step::Approve, "").await.unwrap();

        let model = svc.model(&approver).await.unwrap();
        let cell = model.cells.iter().find(|c| c.id == id).unwrap();
        assert_eq!(
            cell.approved,
            Some((Level::new(3).unwrap(), Level::new(3).unwrap()))
        );

        // A change after approval is a new draft; the approved level stays until the next approval.
        svc.save(
            &assessor,
            &SaveTo::Existing { id, version: 4 },
            &form(["2", "3", "3", "3", "0"], "3", "Planen är inaktuell."),
        )
        .await
        .unwrap();
        let page = svc.get(&approver, id).await.unwrap();
        assert_eq!(
            (page.assessment.status, page.assessment.level.get()),
            (AssessmentStatus::Draft, 2)
        );
        assert_eq!(
            page.assessment
                .approval
                .as_ref()
                .map(|a| (a.version, a.level.get())),
            Some((4, 3))
        );
        let model = svc.model(&approver).await.unwrap();
        let cell = model.cells.iter().find(|c| c.id == id).unwrap();
        assert_eq!(
            (cell.level.get(), cell.approved.map(|(l, _)| l.get())),
            (2, Some(3))
        );

        let steps: Vec<(i64, Step, String)> = page
            .versions
            .iter()
            .map(|v| (v.version, v.step, v.by.name.clone()))
            .collect();
        let hanna = "Hanna Säkerhetspartner (HS)".to_string();
        let per = "Per Beredskapssamordnare".to_string();
        assert_eq!(
            steps,
            [
                (5, Step::Update, hanna.clone()),
                (4, Step::Approve, per),
                (3, Step::Submit, hanna.clone()),
                (2, Step::Update, hanna.clone()),
                (1, Step::Create, hanna),
            ]
        );
        assert_eq!(
            page.versions[4].content.scores.0[1].get(),
            2,
            "version 1 reads as it was saved"
        );
        assert_eq!(
            page.versions[4].content.justification,
            "Reservkraft saknas."
        );
    }

    #[tokio::test]
    async fn nobody_approves_their_own_assessment_and_other_roles_neither_enter_nor_approve() {
        let w = world().await;
        let hs = forvaltning_id(&w, "HS").await;
        let nsvh = forvaltning_id(&w, "NSVH").await;
        let planner = actor(&w, "planerare").await;
        let scoped = actor(&w, "planerare.hs").await;
        let svc = &w.svc.readiness;
        let id = svc
            .save(&planner, &new_cell(hs, "CA11"), &form(["4"; 5], "3", ""))
            .await
            .unwrap();
        svc.step(&planner, id, 1, Step::Submit, "").await.unwrap();
        assert_eq!(
            conflict(svc.step(&planner, id, 2, Step::Approve, "").await),
            Msg::ApproveOwnAssessment
        );

        assert!(
            matches!(
                svc.save(&scoped, &new_cell(nsvh, "CA01"), &form(["3"; 5], "3", ""))
                    .await,
                Err(ServiceError::Forbidden)
            ),
            "another förvaltning's assessment"
        );
        assert!(matches!(
            svc.step(&scoped, id, 2, Step::Return, "Motivera").await,
            Err(ServiceError::Conflict(_))
        ));
        for name in [
            "admin",
            "ovningsledare",
            "utvarderare",
            "styrelse",
            "observator",
        ] {
            let a = actor(&w, name).await;
            assert!(
                matches!(
                    svc.save(&a, &new_cell(hs, "CA02"), &form(["3"; 5], "3", ""))
                        .await,
                    Err(ServiceError::Forbidden)
                ),
                "{name}"
            );
            assert!(
                matches!(
                    svc.step(&a, id, 2, Step::Approve, "").await,
                    Err(ServiceError::Forbidden)
                ),
                "{name}"
            );
        }
        assert!(matches!(
            svc.model(&actor(&w, "observator").await).await,
            Err(ServiceError::Forbidden)
        ));
        assert!(svc.model(&actor(&w, "styrelse").await).await.is_ok());
        assert!(matches!(
            svc.get(&planner, 999_999).await,
            Err(ServiceError::NotFound)
        ));

        // A return needs a comment, and sends the assessment back to the assessor as a draft.
        assert!(matches!(
            svc.step(&planner, id, 2, Step::Return, " ").await,
            Err(ServiceError::Invalid(_))
        ));
        let other = actor(&w, "planerare").await;
        svc.step(&other, id, 2, Step::Return, "Motivera nivån på övning.")
            .await
            .unwrap();
        let page = svc.get(&planner, id).await.unwrap();
        assert_eq!(page.assessment.status, AssessmentStatus::Draft);
        assert_eq!(page.versions[0].comment, "Motivera nivån på övning.");
    }

    #[tokio::test]
    async fn bad_levels_a_missing_justification_and_evidence_that_proves_nothing_are_field_messages()
     {
        let w = world().await;
        let hs = forvaltning_id(&w, "HS").await;
        let p = actor(&w, "planerare").await;
        let svc = &w.svc.readiness;
        let versions_before = common::count(w._dir.path(), "assessment_versions").await;
        let invalid = |r: Result<i64, ServiceError>| match r {
            Err(ServiceError::Invalid(e)) => e,
            other => panic!("expected invalid input, got {other:?}"),
        };
        let e = invalid(
            svc.save(
                &p,
                &new_cell(hs, "CA02"),
                &form(["7", "3", "3", "3", "3"], "3", ""),
            )
            .await,
        );
        assert_eq!(e.get("plans"), Some(&Msg::LevelRange));
        let e = invalid(
            svc.save(
                &p,
                &new_cell(hs, "CA02"),
                &form(["2", "3", "3", "3", "3"], "3", " "),
            )
            .await,
        );
        assert_eq!(e.get("justification"), Some(&Msg::JustificationBelowTarget));

        let all = ExerciseFilter::default();
        let exercises = w.svc.exercises.list(&p, &all).await.unwrap();
        let planned = exercises.iter().find(|x| !x.status.is_conducted()).unwrap();
        let mut f = form(["3"; 5], "3", "");
        f.evidence = vec![planned.id.to_string()];
        let e = invalid(svc.save(&p, &new_cell(hs, "CA02"), &f).await);
        assert_eq!(e.get("evidence"), Some(&Msg::EvidenceNotConducted));
        f.evidence = vec!["999999".into()];
        let e = invalid(svc.save(&p, &new_cell(hs, "CA02"), &f).await);
        assert_eq!(e.get("evidence"), Some(&Msg::UnknownEvidence));
        assert!(matches!(
            svc.save(&p, &new_cell(999_999, "CA02"), &form(["3"; 5], "3", ""))
                .await,
            Err(ServiceError::NotFound)
        ));
        assert!(matches!(
            svc.save(&p, &new_cell(hs, "CA99"), &form(["3"; 5], "3", ""))
                .await,
            Err(ServiceError::NotFound)
        ));
        assert_eq!(
            common::count(w._dir.path(), "assessment_versions").await,
            versions_before,
            "nothing was saved"
        );
    }

    #[tokio::test]
    async fn two_saves_of_the_same_version_at_once_keep_one_and_refuse_the_other() {
        let w = world().await;
        let hs = forvaltning_id(&w, "HS").await;
        let p = actor(&w, "planerare").await;
        let svc = &w.svc.readiness;
        let id = svc
            .save(&p, &new_cell(hs, "CA05"), &form(["3"; 5], "3", ""))
            .await
            .unwrap();
        let to = SaveTo::Existing { id, version: 1 };
        let (four, five) = (form(["4"; 5], "3", ""), form(["5"; 5], "3", ""));
        let (a, b) = tokio::join!(svc.save(&p, &to, &four), svc.save(&p, &to, &five));
        assert_eq!(
            [a.is_ok(), b.is_ok()].iter().filter(|ok| **ok).count(),
            1,
            "{a:?} {b:?}"
        );
        let page = svc.get(&p, id).await.unwrap();
        assert_eq!(page.assessment.version, 2);
        assert_eq!(page.versions.len(), 2);
        let cell = new_cell(hs, "CA06");
        let (three, two) = (form(["3"; 5], "3", ""), form(["2"; 5], "2", "Ny bedömare."));
        let (first, second) = tokio::join!(svc.save(&p, &cell, &three), svc.save(&p, &cell, &two));
        let refused: Vec<Msg> = [first, second]
            .into_iter()
            .filter_map(|r| r.err())
            .map(|e| conflict(Err::<(), _>(e)))
            .collect();
        assert_eq!(
            refused,
            [Msg::AssessmentExists],
            "one new assessment per cell"
        );
    }

    #[tokio::test]
    async fn a_level_is_verified_by_a_conducted_exercise_the_forvaltning_took_part_in() {
        let w = world().await;
        let p = actor(&w, "planerare").await;
        let all = ExerciseFilter::default();
        let exercises = w.svc.exercises.list(&p, &all).await.unwrap();
        let x = exercises
            .iter()
            .find(|x| x.status.is_conducted() && !x.capability_codes.is_empty())
            .unwrap();
        let model = w.svc.readiness.model(&p).await.unwrap();
        let period = Period::containing(model.settings.period_kind, x.ends_at.date());
        let code = &x.capability_codes[0];
        // The exercise itself verifies, unless a later one of the same förvaltning and area does.
        let by = model.verified_by(x.lead.id, code, period).unwrap();
        assert!(by >= x.ends_at.date() && by <= period.last_day(), "{by}");
        assert_eq!(
            model.verified_by(x.lead.id, code, Period::parse("2000H1").unwrap()),
            None
        );
        assert_eq!(model.verified_by(x.lead.id, "CA-none", period), None);
    }

    #[tokio::test]
    async fn the_demo_region_has_approved_assessments_of_several_periods_some_verified_some_short()
    {
        let w = world().await;
        let p = actor(&w, "styrelse").await;
        let model = w.svc.readiness.model(&p).await.unwrap();
        for code in ["HS", "NSVH", "PH", "ADH", "RGS", "RK", "KoS"] {
            let f = forvaltning_id(&w, code).await;
            let mut periods: Vec<Period> = model
                .cells
                .iter()
                .filter(|c| c.forvaltning_id == f && c.approved.is_some())
                .map(|c| c.period)
                .collect();
            periods.dedup();
            assert!(periods.len() >= 2, "{code}: {periods:?}");
        }
        let verified = model
            .cells
            .iter()
            .filter(|c| {
                model
                    .verified_by(c.forvaltning_id, &c.capability_code, c.period)
                    .is_some()
            })
            .count();
        assert!(
            verified > 0 && verified < model.cells.len(),
            "{verified} of {}",
            model.cells.len()
        );
        let short = model
            .cells
            .iter()
            .find(|c| c.approved.is_some_and(|(l, t)| l < t))
            .unwrap();
        let page = w.svc.readiness.get(&p, short.id).await.unwrap();
        assert!(
            !page.assessment.content.shortcomings.is_empty()
                && !page.assessment.content.justification.is_empty()
        );
        assert_ne!(
            page.assessment.assessor.id,
            page.assessment.approval.unwrap().by.id
        );
    }

    #[tokio::test]
    async fn the_administrator_sets_the_rule_which_applies_from_the_next_save_and_edits_the_scale()
    {
        use app::domain::readiness::{LevelTextInput, Rule, SettingsInput};
        let w = world().await;
        let admin = actor(&w, "admin").await;
        let p = actor(&w, "planerare").await;
        let hs = forvaltning_id(&w, "HS").await;
        let svc = &w.svc.readiness;
        let id = svc
            .save(
                &p,
                &new_cell(hs, "CA02"),
                &form(["2", "4", "4", "4", "0"], "3", "Planen är gammal."),
            )
            .await
            .unwrap();
        let median = SettingsInput {
            period_kind: "half_year".into(),
            rule: "median".into(),
            evidence_months: "24".into(),
            default_target: "3".into(),
        };
        assert!(matches!(
            svc.update_settings(&p, 1, &median).await,
            Err(ServiceError::Forbidden)
        ));
        svc.update_settings(&admin, 1, &median).await.unwrap();
        assert_eq!(
            conflict(svc.update_settings(&admin, 1, &median).await),
            Msg::SettingsChanged
        );
        let model = svc.model(&p).await.unwrap();
        assert_eq!(
            (model.settings.rule, model.settings.version),
            (Rule::Median, 2)
        );
        assert_eq!(
            svc.get(&p, id).await.unwrap().assessment.level.get(),
            2,
            "saved under the minimum rule"
        );
        svc.save(
            &p,
            &SaveTo::Existing { id, version: 1 },
            &form(["2", "4", "4", "4", "0"], "3", ""),
        )
        .await
        .unwrap();
        assert_eq!(
            svc.get(&p, id).await.unwrap().assessment.level.get(),
            4,
            "the median of 2, 4, 4, 4"
        );

        let text = LevelTextInput {
            label: "Grundläggande förmåga".into(),
            anchor: "Plan och organisation finns och är övade.".into(),
        };
        assert!(matches!(
            svc.update_level(&p, 3, &text).await,
            Err(ServiceError::Forbidden)
        ));
        assert!(matches!(
            svc.update_level(&admin, 9, &text).await,
            Err(ServiceError::NotFound)
        ));
        svc.update_level(&admin, 3, &text).await.unwrap();
        let model = svc.model(&p).await.unwrap();
        assert_eq!(model.levels[3].label, "Grundläggande förmåga");
        assert_eq!(model.levels.len(), 6);
    }
}

// NÖK fulfilment, rollover, the calendar, indicators and briefs.

mod nok {
    use super::*;
    use app::backend::nok::FulfilmentChange;
    use app::domain::Msg;
    use app::domain::nok::{
        DetailsInput, EvidenceKind, FulfilmentStatus, MappingKind, RolloverInput, StatusInput,
        mapping_kinds,
    };

    fn conflict(r: Result<impl std::fmt::Debug, ServiceError>) -> Msg {
        match r {
            Err(ServiceError::Conflict(m)) => m,
            other => panic!("expected a conflict, got {other:?}"),
        }
    }

    /// The 2024–2026 agreement and its area `code`.
    async fn area(w: &World, reader: &Actor, code: &str) -> app::domain::nok::AreaStatus {
        let status = w.svc.nok.agreement(reader, 1).await.unwrap();
        status
            .areas
            .into_iter()
            .find(|x| x.requirement.code == code)
            .unwrap()
    }

    #[tokio::test]
    async fn ticking_the_last_basic_criterion_suggests_met_and_writes_a_version_and_an_audit_row() {
        let w = world().await;
        let planner = actor(&w, "planerare").await;
        let k3 = area(&w, &planner, "K3").await;
        let f = &k3.fulfilments[0];
        assert_eq!(
            f.status(&k3.criteria),
            FulfilmentStatus::Partly,
            "demo: 2 of 3"
        );
        assert!(
            f.evidence
                .iter()
                .any(|e| e.id.is_none() && matches!(e.kind, EvidenceKind::Exercise { .. })),
            "an exercise whose objective names K3 counts by itself"
        );
        let all: std::collections::BTreeSet<i64> = k3
            .criteria
            .iter()
            .filter(|c| c.active)
            .map(|c| c.id)
            .collect();
        let before = audit_count(&w).await;
        w.svc
            .nok
            .change(
                &planner,
                k3.requirement.id,
                None,
                f.version,
                &FulfilmentChange::Criteria(all),
            )
            .await
            .unwrap();
        let after = area(&w, &planner, "K3").await;
        let g = &after.fulfilments[0];
        assert_eq!(g.status(&after.criteria), FulfilmentStatus::Met);
        assert_eq!(g.version, f.version + 1);
        assert_eq!(audit_count(&w).await, before + 1);
        let history = w.svc.nok.history(&planner, g.id).await.unwrap();
        assert_eq!(history[0].action, "criteria");
        assert_eq!(history[0].state["status"], "uppfylld");
        // The same form again, at the old version: a conflict, nothing written.
        assert_eq!(
            conflict(
                w.svc
                    .nok
                    .change(
                        &planner,
                        k3.requirement.id,
                        None,
                        f.version,
                        &FulfilmentChange::Criteria(Default::default())
                    )
                    .await
            ),
            Msg::FulfilmentChanged
        );
        assert_eq!(audit_count(&w).await, before + 1);
    }

    #[tokio::test]
    async fn a_manual_status_needs_a_reason_and_bad_input_is_refused_without_writing() {
        let w = world().await;
        let planner = actor(&w, "planerare").await;
        let k6 = area(&w, &planner, "K6").await;
        let (id, version) = (k6.requirement.id, k6.fulfilments[0].version);
        let status = |s: &str, r: &str| {
            FulfilmentChange::Status(StatusInput {
                status: s.into(),
                reason: r.into(),
            })
        };
        let hs = forvaltning_id(&w, "HS").await;
        let before = audit_count(&w).await;
        let e = w
            .svc
            .nok
            .change(&planner, id, None, version, &status("uppfylld", ""))
            .await
            .unwrap_err();
        assert_eq!(
            field(e, "reason"),
            "Skriv varför statusen skiljer sig från den som kriterierna föreslår."
        );
        let e = w
            .svc
            .nok
            .change(
                &planner,
                id,
                None,
                version,
                &FulfilmentChange::Criteria([999_999].into()),
            )
            .await
            .unwrap_err();
        assert!(field(e, "criteria").contains("hör inte till kravområdet"));
        let e = w
            .svc
            .nok
            .change(
                &planner,
                id,
                None,
                version,
                &FulfilmentChange::Details(DetailsInput {
                    due_on: "31/12".into(),
                    ..Default::default()
                }),
            )
            .await
            .unwrap_err();
        assert_eq!(field(e, "due_on"), "Ange datumet som ÅÅÅÅ-MM-DD.");
        // K6 is followed for the region: a förvaltning's follow-up of it is refused.
        let e = w
            .svc
            .nok
            .change(&planner, id, Some(hs), version, &status("", ""))
            .await
            .unwrap_err();
        assert!(field(e, "forvaltning").contains("hela regionen"));
        assert!(matches!(
            w.svc
                .nok
                .change(&planner, 999_999, None, 0, &status("", ""))
                .await,
            Err(ServiceError::NotFound)
        ));
        assert_eq!(audit_count(&w).await, before, "nothing written");
        w.svc
            .nok
            .change(
                &planner,
                id,
                None,
                version,
                &status("uppfylld", "Beslut RS 2026-11-20 § 201"),
            )
            .await
            .unwrap();
        let k6 = area(&w, &planner, "K6").await;
        assert_eq!(k6.status(), FulfilmentStatus::Met);
        assert_eq!(
            k6.fulfilments[0].suggestion(&k6.criteria).status,
            FulfilmentStatus::Partly
        );
    }

    #[tokio::test]
    async fn only_planners_in_scope_follow_up_and_the_regions_own_needs_a_region_wide_one() {
        let w = world().await;
        let planner = actor(&w, "planerare").await;
        let k7 = area(&w, &planner, "K7").await;
        let hs = forvaltning_id(&w, "HS").await;
        let ph = forvaltning_id(&w, "PH").await;
        let version = |f: i64| {
            k7.fulfilments
                .iter()
                .find(|x| x.forvaltning.as_ref().map(|v| v.id) == Some(f))
                .unwrap()
                .version
        };
        let note = FulfilmentChange::Details(DetailsInput {
            progress: "Kontinuitetsplanen remitteras".into(),
            ..Default::default()
        });
        let hs_planner = actor(&w, "planerare.hs").await;
        w.svc
            .nok
            .change(&hs_planner, k7.requirement.id, Some(hs), version(hs), &note)
            .await
            .unwrap();
        assert!(matches!(
            w.svc
                .nok
                .change(&hs_planner, k7.requirement.id, Some(ph), version(ph), &note)
                .await,
            Err(ServiceError::Forbidden)
        ));
        let k1 = area(&w, &planner, "K1").await;
        for name in [
            "planerare.hs",
            "admin",
            "ovningsledare",
            "utvarderare",
            "styrelse",
        ] {
            let a = actor(&w, name).await;
            assert!(
                matches!(
                    w.svc
                        .nok
                        .change(
                            &a,
                            k1.requirement.id,
                            None,
                            k1.fulfilments[0].version,
                            &note
                        )
                        .await,
                    Err(ServiceError::Forbidden)
                ),
                "{name}"
            );
        }
        let observer = actor(&w, "observator").await;
        assert!(matches!(
            w.svc.nok.agreement(&observer, 1).await,
            Err(ServiceError::Forbidden)
        ));
    }

    fn rollover_form(old: &app::domain::Agreement) -> RolloverInput {
        let mut targets: std::collections::BTreeMap<String, String> = old
            .requirements
            .iter()
            .map(|r| (r.id.to_string(), r.code.clone()))
            .collect();
        let id = |code: &str| {
            old.requirements
                .iter()
                .find(|r| r.code == code)
                .unwrap()
                .id
                .to_string()
        };
        // K2 and K3 merge into K2; K7 splits into K7A and K7B; C9 is dropped.
        targets.insert(id("K3"), "K2".into());
        targets.insert(id("K7"), "K7A, K7B".into());
        targets.insert(id("C9"), String::new());
        RolloverInput {
            agreement: app::domain::catalogue::AgreementInput {
                counterparty: "Myndigheten för civilt försvar (MCF) och SKR".into(),
                name: "Överenskommelse om regionernas arbete med krisberedskap och civilt försvar 2027–2030".into(),
                valid_from: "2027-01-01".into(),
                valid_to: "2030-12-31".into(),
            },
            targets,
            new_areas: "K2 Plan för extraordinära händelser och krisledningsnämnd\nC11 Lagringsskyldighet för sjukvårdsprodukter".into(),
        }
    }

    #[tokio::test]
    async fn a_rollover_carries_evidence_along_the_mapping_and_leaves_the_old_version_as_it_was() {
        let w = world().await;
        let admin = actor(&w, "admin").await;
        let board = actor(&w, "styrelse").await;
        let old = w.svc.nok.agreement(&board, 1).await.unwrap();
        let old_dump = format!("{:?}", old.areas);
        let before_fulfilments = common::count(w._dir.path(), "fulfilments").await;
        let new_id = w
            .svc
            .nok
            .rollover(&admin, 1, &rollover_form(&old.agreement))
            .await
            .unwrap();
        let new = w.svc.nok.agreement(&board, new_id).await.unwrap();
        assert_eq!(new.agreement.previous_id, Some(1));
        let codes: Vec<&str> = new
            .areas
            .iter()
            .map(|a| a.requirement.code.as_str())
            .collect();
        assert!(codes.contains(&"K7A") && codes.contains(&"K7B") && codes.contains(&"C11"));
        assert!(!codes.contains(&"K3") && !codes.contains(&"C9"));
        let by_code = |c: &str| new.areas.iter().find(|a| a.requirement.code == c).unwrap();
        // The merged K2 carries both old areas' documents, marked, and K3's exercise.
        let k2 = by_code("K2");
        assert_eq!(
            k2.requirement.title,
            "Plan för extraordinära händelser och krisledningsnämnd"
        );
        let carried: Vec<&str> = k2.fulfilments[0]
            .evidence
            .iter()
            .map(|e| e.carried_from.as_str())
            .collect();
        assert!(
            carried.iter().any(|c| c.starts_with("K2 · ")),
            "{carried:?}"
        );
        assert!(
            carried.iter().any(|c| c.starts_with("K3 · ")),
            "{carried:?}"
        );
        assert!(
            k2.fulfilments[0]
                .evidence
                .iter()
                .all(|e| !e.carried_from.is_empty())
        );
        assert!(
            k2.fulfilments[0].met.is_empty(),
            "ticks are not carried: the new version is judged anew"
        );
        assert_eq!(
            k2.fulfilments[0].status(&k2.criteria),
            FulfilmentStatus::Started,
            "carried work"
        );
        assert!(k2.criteria.len() >= 6, "the criteria of both");
        // The split K7 is followed per förvaltning in both halves, HS's evidence in each.
        for code in ["K7A", "K7B"] {
            assert!(by_code(code).requirement.per_forvaltning);
        }
        let (old_kinds, new_kinds) = mapping_kinds(
            &new.mapping,
            &old.areas
                .iter()
                .map(|a| a.requirement.id)
                .collect::<Vec<_>>(),
            &new.areas
                .iter()
                .map(|a| a.requirement.id)
                .collect::<Vec<_>>(),
        );
        let old_id = |c: &str| {
            old.areas
                .iter()
                .find(|a| a.requirement.code == c)
                .unwrap()
                .requirement
                .id
        };
        assert_eq!(old_kinds[&old_id("K3")], MappingKind::Merged);
        assert_eq!(old_kinds[&old_id("K7")], MappingKind::Split);
        assert_eq!(old_kinds[&old_id("C9")], MappingKind::Dropped);
        assert_eq!(old_kinds[&old_id("K1")], MappingKind::Kept);
        assert_eq!(new_kinds[&by_code("C11").requirement.id], MappingKind::New);
        // The old version reads as it did.
        let again = w.svc.nok.agreement(&board, 1).await.unwrap();
        assert_eq!(format!("{:?}", again.areas), old_dump);
        assert_eq!(again.successor, Some(new_id));
        assert!(common::count(w._dir.path(), "fulfilments").await > before_fulfilments);
        // A second rollover of the same version is refused.
        assert_eq!(
            conflict(
                w.svc
                    .nok
                    .rollover(&admin, 1, &rollover_form(&old.agreement))
                    .await
            ),
            Msg::AlreadyRolledOver
        );
    }

    #[tokio::test]
    async fn a_rollover_refuses_a_mapping_from_another_agreement_and_non_admins() {
        let w = world().await;
        let admin = actor(&w, "admin").await;
        let board = actor(&w, "styrelse").await;
        let old = w.svc.nok.agreement(&board, 1).await.unwrap().agreement;
        let grants = w.svc.nok.agreement(&board, 2).await.unwrap().agreement;
        let mut form = rollover_form(&old);
        form.targets
            .insert(grants.requirements[0].id.to_string(), "C3".into());
        let planner = actor(&w, "planerare").await;
        let before = audit_count(&w).await;
        let e = w.svc.nok.rollover(&admin, 1, &form).await.unwrap_err();
        assert!(field(e, "targets").contains("inte hör till den föregående versionen"));
        assert!(matches!(
            w.svc.nok.rollover(&planner, 1, &rollover_form(&old)).await,
            Err(ServiceError::Forbidden)
        ));
        assert!(matches!(
            w.svc.nok.rollover(&admin, 999, &rollover_form(&old)).await,
            Err(ServiceError::NotFound)
        ));
        assert_eq!(audit_count(&w).await, before);
    }

    #[tokio::test]
    async fn deadlines_and_indicator_values_are_saved_once_per_version() {
        use app::domain::calendar::DeadlineInput;
        use app::domain::indicator::{Measure, ValueInput};
        let w = world().await;
        let planner = actor(&w, "planerare").await;
        let d = w.svc.followup.deadlines(&planner).await.unwrap();
        let rsa = d
            .iter()
            .find(|d| d.title.starts_with("Risk- och sårbarhetsanalys 2027"))
            .unwrap();
        assert_eq!(rsa.due_on.to_string(), "2027-10-31");
        let old = d
            .iter()
            .find(|d| d.title.starts_with("Risk- och sårbarhetsanalys 2023"))
            .unwrap();
        assert_eq!(
            old.recipient_name(),
            "Socialstyrelsen, MSB (nu MCF) och länsstyrelsen"
        );
        let input = DeadlineInput {
            title: rsa.title.clone(),
            kind: "rsa".into(),
            recipient: rsa.recipient.clone(),
            due_on: "2027-10-31".into(),
            owner: "Anna Berg".into(),
            status: "pagar".into(),
            note: String::new(),
            feeds: rsa.feeds.iter().map(|r| r.id).collect(),
        };
        w.svc
            .followup
            .save_deadline(&planner, Some((rsa.id, rsa.version)), &input)
            .await
            .unwrap();
        assert_eq!(
            conflict(
                w.svc
                    .followup
                    .save_deadline(&planner, Some((rsa.id, rsa.version)), &input)
                    .await
            ),
            Msg::DeadlineChanged
        );
        let bad = DeadlineInput {
            feeds: vec![999_999],
            ..input.clone()
        };
        let e = w
            .svc
            .followup
            .save_deadline(&planner, None, &bad)
            .await
            .unwrap_err();
        assert!(field(e, "feeds").contains("finns inte"));
        let hs_planner = actor(&w, "planerare.hs").await;
        assert!(matches!(
            w.svc
                .followup
                .save_deadline(&hs_planner, None, &input)
                .await,
            Err(ServiceError::Forbidden)
        ));

        let fires = w.svc.followup.indicators(&planner).await.unwrap().remove(0);
        assert_eq!(fires.latest(), Some((2025, Measure(2400))));
        let value = ValueInput {
            year: "2026".into(),
            value: "21,5".into(),
        };
        w.svc
            .followup
            .set_value(&planner, fires.id, fires.version, None, &value)
            .await
            .unwrap();
        assert_eq!(
            conflict(
                w.svc
                    .followup
                    .set_value(&planner, fires.id, fires.version, None, &value)
                    .await
            ),
            Msg::IndicatorChanged
        );
        let fires = w.svc.followup.indicator(&planner, fires.id).await.unwrap();
        assert_eq!(fires.latest(), Some((2026, Measure(2150))));
        assert!(fires.reaches_target(Measure(2150)));
        let hs = forvaltning_id(&w, "HS").await;
        let e = w
            .svc
            .followup
            .set_value(&planner, fires.id, fires.version, Some(hs), &value)
            .await
            .unwrap_err();
        assert!(field(e, "forvaltning").contains("hela regionen"));
        let e = w
            .svc
            .followup
            .set_value(
                &planner,
                fires.id,
                fires.version,
                None,
                &ValueInput {
                    year: "2026".into(),
                    value: "tjugo".into(),
                },
            )
            .await
            .unwrap_err();
        assert!(field(e, "value").contains("Ange ett tal"));
    }

    #[tokio::test]
    async fn a_frozen_brief_does_not_change_when_the_data_does() {
        use app::backend::followup::NewBrief;
        use app::domain::brief::{Fact, compare};
        let w = world().await;
        let planner = actor(&w, "planerare").await;
        let fact = |v: &str| Fact {
            key: "nok/1/K6".into(),
            section: "NÖK".into(),
            label: "K6".into(),
            value: v.into(),
        };
        let brief = |title: &str, v: &str, day: &str| NewBrief {
            title: title.into(),
            reporting_date: chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap(),
            period: "2026H2".into(),
            facts: vec![fact(v)],
            body: format!("<p>{v}</p>"),
            charts: vec![("nok".into(), "<svg></svg>".into(), vec![137, 80, 78, 71])],
        };
        let first = w
            .svc
            .followup
            .freeze(&planner, &brief("Juni", "Delvis uppfylld", "2026-06-15"))
            .await
            .unwrap();
        let k6 = area(&w, &planner, "K6").await;
        w.svc
            .nok
            .change(
                &planner,
                k6.requirement.id,
                None,
                k6.fulfilments[0].version,
                &FulfilmentChange::Criteria(k6.criteria.iter().map(|c| c.id).collect()),
            )
            .await
            .unwrap();
        let stored = w.svc.followup.brief(&planner, first).await.unwrap();
        assert_eq!(stored.body, "<p>Delvis uppfylld</p>");
        assert_eq!(stored.facts, vec![fact("Delvis uppfylld")]);
        assert_eq!(
            w.svc
                .followup
                .brief_chart(&planner, first, "nok", true)
                .await
                .unwrap(),
            vec![137, 80, 78, 71]
        );
        let second = w
            .svc
            .followup
            .freeze(&planner, &brief("December", "Uppfylld", "2026-12-01"))
            .await
            .unwrap();
        let newer = w.svc.followup.brief(&planner, second).await.unwrap();
        let changes = compare(&stored.facts, &newer.facts);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].before.as_deref(), Some("Delvis uppfylld"));
        assert_eq!(changes[0].after.as_deref(), Some("Uppfylld"));
        let e = w
            .svc
            .followup
            .freeze(&planner, &brief(" ", "x", "2026-12-01"))
            .await
            .unwrap_err();
        assert_eq!(field(e, "title"), "Ge rapporten en rubrik.");
        let hs_planner = actor(&w, "planerare.hs").await;
        assert!(matches!(
            w.svc
                .followup
                .freeze(&hs_planner, &brief("x", "x", "2026-12-01"))
                .await,
            Err(ServiceError::Forbidden)
        ));
        assert!(matches!(
            w.svc.followup.brief(&planner, 999).await,
            Err(ServiceError::NotFound)
        ));
    }
}

mod conduct {
    use super::*;
    use app::domain::Msg;
    use app::domain::conduct::{EntryInput, EntryKind, InjectInput, InjectStatus};
    use app::domain::sheet::{Cell, Sheet, from_csv, to_csv};

    /// The demo's live exercise, "Övning Isvind".
    async fn isvind(w: &World, a: &Actor) -> app::domain::Exercise {
        let filter = ExerciseFilter {
            search: Some("Isvind".into()),
            ..Default::default()
        };
        let id = w.svc.exercises.list(a, &filter).await.unwrap()[0].id;
        w.svc.exercises.get(a, id).await.unwrap()
    }

    async fn start(w: &World, lead: &Actor) -> i64 {
        let e = isvind(w, lead).await;
        w.svc
            .exercises
            .transition(lead, e.id, e.version, ExerciseStatus::Running, "")
            .await
            .unwrap();
        e.id
    }

    fn entry(kind: &str, text: &str) -> EntryInput {
        EntryInput {
            kind: kind.into(),
            text: text.into(),
            ..Default::default()
        }
    }

    fn invalid(r: Result<impl std::fmt::Debug, ServiceError>, name: &str) -> Msg {
        match r {
            Err(ServiceError::Invalid(f)) => {
                f.get(name).cloned().unwrap_or_else(|| panic!("{f:?}"))
            }
            other => panic!("expected a field error on {name}, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn the_leader_starts_play_sends_an_inject_and_logs_and_an_observer_gets_each_row_once() {
        let w = world().await;
        let lead = actor(&w, "ovningsledare").await;
        let observer = actor(&w, "observator").await;
        let before = isvind(&w, &lead).await;
        let id = before.id;
        assert_eq!(before.status, ExerciseStatus::Ready);
        // The observer watches from the start, before play.
        let mut sub = w.svc.conduct.subscribe(&observer, id, 0).await.unwrap();
        start(&w, &lead).await;
        let first = sub.next().await.unwrap();
        assert_eq!((first.seq, first.view.kind), (1, EntryKind::Control));
        assert!(first.view.clock.as_ref().is_some_and(|c| c.running));

        let live = w.svc.conduct.live(&lead, id).await.unwrap();
        assert_eq!(live.injects.len(), 7);
        let inject = &live.injects[0];
        let sent = w
            .svc
            .conduct
            .send_inject(&lead, id, inject.id, inject.version, false)
            .await
            .unwrap();
        assert_eq!(sent.seq, 2);
        let m = sub.next().await.unwrap();
        assert_eq!(m.view.kind, EntryKind::Inject);
        assert!(
            m.view
                .text
                .starts_with("Inspel 1 skickat från SMHI till TiB via e-post")
        );
        assert_eq!(
            m.view.inject.as_ref().map(|i| i.status),
            Some(InjectStatus::Sent)
        );
        // Ticking an expected action logs it with the count.
        let action = inject.actions[0].id;
        w.svc
            .conduct
            .tick_action(&lead, id, inject.id, action, true)
            .await
            .unwrap();
        let m = sub.next().await.unwrap();
        assert!(m.view.text.contains("1 av 2"), "{}", m.view.text);
        assert_eq!(
            m.view.inject.as_ref().map(|i| (i.done, i.total)),
            Some((1, 2))
        );

        // An entry with a device key is stored once, however often it is sent.
        let input = EntryInput {
            observed_at: "2026-11-23T08:59:30Z".into(),
            ..entry("beslut", "Stab upprättas i Halmstad")
        };
        let a = w
            .svc
            .conduct
            .log(&lead, id, &input, Some("k-1"))
            .await
            .unwrap();
        let b = w
            .svc
            .conduct
            .log(&lead, id, &input, Some("k-1"))
            .await
            .unwrap();
        assert_eq!((a.seq, a.replayed), (4, false));
        assert_eq!((b.seq, b.id, b.replayed), (a.seq, a.id, true));
        let m = sub.next().await.unwrap();
        assert_eq!(
            (m.seq, m.view.text.as_str()),
            (4, "Stab upprättas i Halmstad")
        );
        assert_eq!(
            m.view.observed, "09:59:30",
            "the device's time, in Swedish time"
        );
        let this_log = w.svc.conduct.live(&lead, id).await.unwrap().entries;
        assert_eq!(
            this_log.len(),
            4,
            "the exercise's log: start, inject, tick, decision"
        );

        // The observer sees only what was sent, and logs observations but not decisions.
        let seen = w.svc.conduct.live(&observer, id).await.unwrap();
        assert!(!seen.sees_injects);
        assert_eq!(seen.injects.len(), 1);
        assert!(seen.injects.iter().all(|i| i.status == InjectStatus::Sent));
        assert!(seen.exercise.design_withheld);
        assert_eq!(
            invalid(
                w.svc
                    .conduct
                    .log(&observer, id, &entry("beslut", "x"), None)
                    .await,
                "kind"
            ),
            Msg::EntryKindNotForRole
        );
        w.svc
            .conduct
            .log(
                &observer,
                id,
                &entry("verklig", "Verklig brand i kulvert — inte övning"),
                None,
            )
            .await
            .unwrap();
        let m = sub.next().await.unwrap();
        assert!(m.view.kind.is_urgent());
        // A late viewer catches up from where it left off, without repeats.
        let mut late = w.svc.conduct.subscribe(&observer, id, 3).await.unwrap();
        assert_eq!(late.next().await.unwrap().seq, 4);
        assert_eq!(late.next().await.unwrap().seq, 5);
    }

    #[tokio::test]
    async fn bad_entries_are_field_messages_and_write_nothing() {
        let w = world().await;
        let lead = actor(&w, "ovningsledare").await;
        let id = start(&w, &lead).await;
        let planner = actor(&w, "planerare").await;
        // An inject of another exercise, and an objective of another exercise.
        let other = w
            .svc
            .exercises
            .list(&planner, &ExerciseFilter::default())
            .await
            .unwrap()
            .into_iter()
            .find(|e| e.id != id && e.status == ExerciseStatus::InPreparation)
            .unwrap();
        let other_inject = w
            .svc
            .conduct
            .add_inject(
                &planner,
                other.id,
                &InjectInput {
                    channel: "telefon".into(),
                    content: "Annat inspel".into(),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        let other_objective = w
            .svc
            .exercises
            .get(&planner, other.id)
            .await
            .unwrap()
            .objectives[0]
            .id;
        let audit = audit_count(&w).await;
        let rows = count_rows(&w, "log_entries").await;
        let cases: Vec<(EntryInput, &str, Msg)> = vec![
            (
                entry("observation", "   "),
                "text",
                Msg::Required {
                    label: app::domain::Label::EntryText,
                },
            ),
            (
                entry("observation", &"x".repeat(100_000)),
                "text",
                Msg::TooLong {
                    label: app::domain::Label::EntryText,
                    max: 4000,
                },
            ),
            (
                EntryInput {
                    inject: "999999".into(),
                    ..entry("observation", "x")
                },
                "inject",
                Msg::UnknownInject,
            ),
            (
                EntryInput {
                    inject: other_inject.to_string(),
                    ..entry("observation", "x")
                },
                "inject",
                Msg::UnknownInject,
            ),
            (
                EntryInput {
                    objective: other_objective.to_string(),
                    ..entry("observation", "x")
                },
                "objective",
                Msg::UnknownObjective,
            ),
            (entry("styrning", "x"), "kind", Msg::EntryKindRequired),
        ];
        for (input, name, msg) in cases {
            assert_eq!(
                invalid(w.svc.conduct.log(&lead, id, &input, None).await, name),
                msg
            );
        }
        // Someone not on the staff may not log, even a region-wide planner.
        assert_eq!(
            invalid(
                w.svc
                    .conduct
                    .log(&planner, id, &entry("observation", "x"), None)
                    .await,
                "text"
            ),
            Msg::NotOnStaff
        );
        // A key sent again with other content is refused, and the first entry stays.
        w.svc
            .conduct
            .log(&lead, id, &entry("observation", "Första"), Some("dup"))
            .await
            .unwrap();
        let audit = audit + 1;
        assert_eq!(
            invalid(
                w.svc
                    .conduct
                    .log(&lead, id, &entry("observation", "Annan text"), Some("dup"))
                    .await,
                "idempotency_key"
            ),
            Msg::IdempotencyKeyReused
        );
        assert_eq!(audit_count(&w).await, audit);
        assert_eq!(count_rows(&w, "log_entries").await, rows + 1);
        // An unknown exercise is 404; an outsider's view is 403.
        assert!(matches!(
            w.svc.conduct.live(&lead, 999_999).await,
            Err(ServiceError::NotFound)
        ));
        let board = actor(&w, "styrelse").await;
        assert!(matches!(
            w.svc.conduct.live(&board, id).await,
            Err(ServiceError::Forbidden)
        ));
    }

    #[tokio::test]
    async fn log_numbers_are_gap_free_when_authors_write_at_once() {
        let w = world().await;
        let lead = actor(&w, "ovningsledare").await;
        let evaluator = actor(&w, "utvarderare").await;
        let id = start(&w, &lead).await;
        let mut tasks = Vec::new();
        for i in 0..24 {
            let svc = w.svc.clone();
            let who = if i % 2 == 0 {
                lead.clone()
            } else {
                evaluator.clone()
            };
            tasks.push(tokio::spawn(async move {
                svc.conduct
                    .log(
                        &who,
                        id,
                        &entry("observation", &format!("Post {i}")),
                        Some(&format!("race-{i}")),
                    )
                    .await
                    .unwrap()
                    .seq
            }));
        }
        let mut seqs = Vec::new();
        for t in tasks {
            seqs.push(t.await.unwrap());
        }
        seqs.sort_unstable();
        assert_eq!(seqs, (2..26).collect::<Vec<_>>(), "the start is number 1");
    }

    #[tokio::test]
    async fn pausing_stops_scenario_time_and_a_correction_keeps_the_history() {
        let w = world().await;
        let lead = actor(&w, "ovningsledare").await;
        let id = start(&w, &lead).await;
        let clock = w.svc.conduct.live(&lead, id).await.unwrap().clock;
        *w.now.lock().unwrap() += chrono::Duration::minutes(30);
        w.svc
            .conduct
            .clock_action(
                &lead,
                id,
                clock.version,
                app::backend::conduct::ClockAction::Pause,
            )
            .await
            .unwrap();
        *w.now.lock().unwrap() += chrono::Duration::minutes(10);
        let live = w.svc.conduct.live(&lead, id).await.unwrap();
        assert_eq!(
            live.clock.scenario_at(*w.now.lock().unwrap()),
            live.clock.scenario_start + chrono::Duration::minutes(30)
        );
        // A stale clock version is refused.
        assert!(matches!(
            w.svc
                .conduct
                .clock_action(
                    &lead,
                    id,
                    clock.version,
                    app::backend::conduct::ClockAction::Resume
                )
                .await,
            Err(ServiceError::Conflict(Msg::ClockChanged))
        ));
        let logged = w
            .svc
            .conduct
            .log(&lead, id, &entry("observation", "Fel text"), None)
            .await
            .unwrap();
        w.svc
            .conduct
            .correct(&lead, id, logged.id, &entry("observation", "Rätt text"))
            .await
            .unwrap();
        let live = w.svc.conduct.live(&lead, id).await.unwrap();
        let now = *w.now.lock().unwrap();
        let versions = app::domain::conduct::current_versions(
            &live
                .entries
                .iter()
                .map(|v| app::domain::conduct::LogEntry {
                    id: v.id,
                    seq: v.seq,
                    entry_id: v.entry_id,
                    kind: v.kind,
                    text: v.text.clone(),
                    observed_at: now,
                    received_at: now,
                    scenario_at: None,
                    author_id: v.author_id,
                    author_name: v.author.clone(),
                    author_role: v.role,
                    inject: None,
                    objective_id: None,
                    forvaltning_id: None,
                })
                .collect::<Vec<_>>(),
        );
        let corrected = versions
            .iter()
            .find(|(c, _)| c.text == "Rätt text")
            .unwrap();
        assert_eq!(corrected.1.len(), 1);
        assert_eq!(corrected.1[0].text, "Fel text");
        // The evaluator may not correct the leader's entry.
        let evaluator = actor(&w, "utvarderare").await;
        assert!(matches!(
            w.svc
                .conduct
                .correct(&evaluator, id, logged.id, &entry("observation", "x"))
                .await,
            Err(ServiceError::Forbidden)
        ));
    }

    fn rows_of(sheet: &Sheet) -> Vec<Vec<String>> {
        sheet
            .rows
            .iter()
            .map(|(_, r)| r.iter().map(Cell::text).collect())
            .collect()
    }

    #[tokio::test]
    async fn an_inject_list_of_200_rows_round_trips_through_xlsx_and_csv_and_a_bad_row_refuses_the_file()
     {
        let w = world().await;
        let lead = actor(&w, "ovningsledare").await;
        let id = isvind(&w, &lead).await.id;
        let mut rows = vec![
            app::domain::msel::COLUMNS
                .iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>(),
        ];
        for n in 1..=200 {
            rows.push(vec![
                n.to_string(),
                format!("2026-11-30 {:02}:{:02}", 6 + n / 60, n % 60),
                "SOS Alarm".into(),
                "TiB; RKL".into(),
                ["Telefon", "Rakel", "E-post", "WIS", "Muntligt", "Annat"][n % 6].into(),
                format!("=Inspel {n} med \"citat\"\noch en andra rad"),
                if n % 3 == 0 {
                    "- Larma RKL\nKontakta länsstyrelsen".into()
                } else {
                    String::new()
                },
                if n % 4 == 0 {
                    "2".into()
                } else {
                    String::new()
                },
                if n % 10 == 0 {
                    "ja".into()
                } else {
                    String::new()
                },
                "Planerad".into(),
                String::new(),
            ]);
        }
        let csv = to_csv(&rows);
        assert_eq!(
            w.svc
                .conduct
                .import(&lead, id, &from_csv(&csv).unwrap())
                .await
                .unwrap(),
            200
        );
        let (_, exported) = w.svc.conduct.inject_sheet(&lead, id).await.unwrap();
        assert_eq!(exported, rows, "csv in, rows out unchanged");
        let xlsx = app::backend::xlsx::write("Händelselista", &exported);
        w.svc
            .conduct
            .import(&lead, id, &app::backend::xlsx::read(&xlsx).unwrap())
            .await
            .unwrap();
        let (_, again) = w.svc.conduct.inject_sheet(&lead, id).await.unwrap();
        assert_eq!(again, rows, "xlsx round trip unchanged");
        assert_eq!(rows_of(&from_csv(&to_csv(&again)).unwrap()), rows);

        // One bad row refuses the whole file and names the row and the column.
        let mut bad = rows.clone();
        bad[57][4] = "Brevduva".into();
        let audit = audit_count(&w).await;
        let e = w
            .svc
            .conduct
            .import(&lead, id, &from_csv(&to_csv(&bad)).unwrap())
            .await
            .unwrap_err();
        let ServiceError::Invalid(fields) = e else {
            panic!("{e:?}")
        };
        assert_eq!(
            app::ui::texts::sv::message(&fields.0[0].message),
            "Rad 58, kolumn Kanal: Välj en kanal: telefon, Rakel, e-post, WIS, muntligt eller annat."
        );
        assert_eq!(audit_count(&w).await, audit);
        let (_, still) = w.svc.conduct.inject_sheet(&lead, id).await.unwrap();
        assert_eq!(still, rows);
        // The observer may not read the list at all.
        let observer = actor(&w, "observator").await;
        assert!(matches!(
            w.svc.conduct.inject_sheet(&observer, id).await,
            Err(ServiceError::Forbidden)
        ));
    }
}

mod evaluation {
    use super::*;
    use app::domain::Msg;
    use app::domain::conduct::EntryInput;
    use app::domain::evaluation::{FinalInput, Outcome, Rating, RatingInput};
    use app::domain::improvement::{
        ActionFilter, ActionInput, ActionStatus, DecideInput, FindingInput, Source, VerifyInput,
    };

    /// An objective that carries a finding (or ratings, or an action's re-test) cannot be
    /// removed by editing the exercise; one that carries nothing can.
    #[tokio::test]
    async fn an_objective_in_use_cannot_be_removed_from_its_exercise() {
        let w = world().await;
        let planner = actor(&w, "planerare").await;
        let filter = ExerciseFilter {
            search: Some("Våg".into()),
            ..Default::default()
        };
        let vag = w.svc.exercises.list(&planner, &filter).await.unwrap()[0].id;
        let e = w.svc.exercises.get(&planner, vag).await.unwrap();
        assert_eq!(e.objectives.len(), 2);
        let keeping = |e: &app::domain::Exercise, n: usize| {
            let mut form = e.to_input();
            form.objectives = vec![form.objectives[n].clone()];
            form
        };
        let before = audit_count(&w).await;
        // Objective 2 carries the evaluator's strength.
        let refused = w
            .svc
            .exercises
            .update(&planner, vag, e.version, &keeping(&e, 0))
            .await
            .unwrap_err();
        assert_eq!(
            field(refused, "objectives"),
            "Ett mål som har bedömningar eller iakttagelser, eller som återprövar eller verifierar en åtgärd, kan inte tas bort. Ändra texten i stället."
        );
        assert_eq!(audit_count(&w).await, before, "nothing written");
        w.svc
            .exercises
            .update(&planner, vag, e.version, &keeping(&e, 1))
            .await
            .unwrap();
        let after = w.svc.exercises.get(&planner, vag).await.unwrap();
        assert_eq!(after.objectives.len(), 1);
        assert_eq!(
            after.objectives[0].id, e.objectives[1].id,
            "the kept one keeps its id"
        );
    }

    fn conflict(r: Result<impl std::fmt::Debug, ServiceError>) -> Msg {
        match r {
            Err(ServiceError::Conflict(m)) => m,
            other => panic!("expected a conflict, got {other:?}"),
        }
    }

    fn invalid(r: Result<impl std::fmt::Debug, ServiceError>, name: &str) -> Msg {
        match r {
            Err(ServiceError::Invalid(f)) => {
                f.get(name).cloned().unwrap_or_else(|| panic!("{f:?}"))
            }
            other => panic!("expected a field error on {name}, got {other:?}"),
        }
    }

    fn rating(code: &str, why: &str, entries: Vec<i64>) -> RatingInput {
        RatingInput {
            rating: code.into(),
            justification: why.into(),
            entries,
            ..Default::default()
        }
    }

    /// The loop on the demo's "Övning Isvind": the evaluator rates, the leader sets the other
    /// final ratings, an area for improvement gets an action that is decided (with a verifier
    /// other than the responsible person), worked and verified; the report is approved before
    /// the exercise closes. Every refusal writes nothing.
    #[tokio::test]
    async fn an_objective_is_rated_an_action_is_decided_and_verified_and_the_report_approved() {
        let w = world().await;
        let lead = actor(&w, "ovningsledare").await;
        let evaluator = actor(&w, "utvarderare").await;
        let observer = actor(&w, "observator").await;
        let planner = actor(&w, "planerare").await;
        let filter = ExerciseFilter {
            search: Some("Isvind".into()),
            ..Default::default()
        };
        let id = w.svc.exercises.list(&lead, &filter).await.unwrap()[0].id;
        let e = w.svc.exercises.get(&lead, id).await.unwrap();
        let (first, rest): (i64, Vec<i64>) = (
            e.objectives[0].id,
            e.objectives[1..].iter().map(|o| o.id).collect(),
        );
        let capability = e.objectives[0].capability_code.clone();
        let ev = &w.svc.evaluation;

        // Before play nothing is rated.
        assert_eq!(
            conflict(ev.set_tasks(&lead, id, first, "Larma TiB").await),
            Msg::EvaluationNotOpen
        );
        w.svc
            .exercises
            .transition(&lead, id, e.version, ExerciseStatus::Running, "")
            .await
            .unwrap();
        let logged = w
            .svc
            .conduct
            .log(
                &lead,
                id,
                &EntryInput {
                    kind: "beslut".into(),
                    text: "Stab upprättas".into(),
                    ..Default::default()
                },
                None,
            )
            .await
            .unwrap();

        // Running the evaluation is the leader's; an observer may not.
        assert!(matches!(
            ev.set_tasks(&observer, id, first, "x").await,
            Err(ServiceError::Forbidden)
        ));
        ev.set_tasks(&lead, id, first, "Larma TiB\nUpprätta stab inom 30 min")
            .await
            .unwrap();
        assert_eq!(
            invalid(
                ev.set_evaluators(&lead, id, first, &[observer.user_id])
                    .await,
                "evaluators"
            ),
            Msg::NotAnEvaluator
        );
        ev.set_evaluators(&lead, id, first, &[evaluator.user_id])
            .await
            .unwrap();

        // The evaluator rates the objective assigned, citing the log; not another one.
        if let Some(other) = rest.first() {
            assert_eq!(
                conflict(
                    ev.rate(&evaluator, id, *other, &rating("S", "Bra", vec![]), None)
                        .await
                ),
                Msg::NotAssignedEvaluator
            );
        }
        assert_eq!(
            invalid(
                ev.rate(
                    &evaluator,
                    id,
                    first,
                    &rating("S", "Bra", vec![999_999]),
                    None
                )
                .await,
                "entries"
            ),
            Msg::UnknownEntry
        );
        assert_eq!(
            invalid(
                ev.rate(&evaluator, id, first, &rating("S", " ", vec![]), None)
                    .await,
                "justification"
            ),
            Msg::Required {
                label: app::domain::Label::Justification
            }
        );
        ev.rate(
            &evaluator,
            id,
            first,
            &RatingInput {
                notes: "Intern".into(),
                ..rating("S", "Staben kom upp på 25 min", vec![logged.id])
            },
            None,
        )
        .await
        .unwrap();
        // A second first rating (a stale form) is refused.
        assert_eq!(
            conflict(
                ev.rate(&evaluator, id, first, &rating("P", "Bra", vec![]), None)
                    .await
            ),
            Msg::ExerciseChangedReload
        );
        let view = ev.evaluation(&lead, id, false).await.unwrap();
        let o = &view.objectives[0];
        assert_eq!(o.outcome, Outcome::Agreed(Rating::S));
        assert_eq!(o.tasks.len(), 2);
        assert_eq!(o.ratings[0].entries, vec![logged.id]);
        // The participants' version keeps each evaluator's rating and justification and leaves
        // out their internal notes.
        assert_eq!(o.ratings[0].notes, "Intern");
        let participants = ev.evaluation(&observer, id, false).await.unwrap();
        let shown = &participants.objectives[0].ratings[0];
        assert_eq!(
            (shown.justification.as_str(), shown.notes.as_str()),
            ("Staben kom upp på 25 min", "")
        );
        assert_eq!(
            participants.objectives[0].outcome,
            Outcome::Agreed(Rating::S)
        );

        // The report waits for every objective's final rating.
        let e = w.svc.exercises.get(&lead, id).await.unwrap();
        w.svc
            .exercises
            .transition(&lead, id, e.version, ExerciseStatus::Conducted, "")
            .await
            .unwrap();
        if !rest.is_empty() {
            assert!(matches!(
                conflict(ev.approve(&lead, id, 0).await),
                Msg::ReportHasUnrated { .. }
            ));
        }
        for o in &rest {
            let input = FinalInput {
                rating: "M".into(),
                reason: "Lägesbilden dröjde".into(),
            };
            ev.set_final(&lead, id, *o, &input, None).await.unwrap();
        }

        // An area for improvement; the planner proposes an action on it.
        let finding = ev
            .add_finding(
                &evaluator,
                id,
                &FindingInput {
                    kind: "forbattring".into(),
                    title: "Lägesbilden till länsstyrelsen dröjde".into(),
                    capability: capability.clone(),
                    objective: rest.first().map(|o| o.to_string()).unwrap_or_default(),
                    entry: logged.id.to_string(),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        let owner = e.lead.id;
        let action = ActionInput {
            text: "Mall för lägesrapport; öva WIS".into(),
            forvaltning: owner.to_string(),
            responsible: lead.user_id.to_string(),
            due_on: "2027-03-01".into(),
            poete: "planering".into(),
            capability: capability.clone(),
        };
        assert!(matches!(
            w.svc.improvement.add(&observer, finding, &action).await,
            Err(ServiceError::Forbidden)
        ));
        let a = w
            .svc
            .improvement
            .add(&planner, finding, &action)
            .await
            .unwrap();
        let view = w.svc.improvement.action(&planner, a).await.unwrap();
        assert_eq!(view.action.status, ActionStatus::Proposed);
        assert!(view.may_decide && !view.may_verify);

        // Deciding names a verifier other than the responsible person.
        let same = DecideInput {
            criterion: "Lägesrapport inom 30 min i nästa övning".into(),
            verifier: lead.user_id.to_string(),
        };
        assert_eq!(
            invalid(
                w.svc.improvement.decide(&planner, a, &same, 1).await,
                "verifier"
            ),
            Msg::VerifierIsResponsible
        );
        let decide = DecideInput {
            verifier: planner.user_id.to_string(),
            ..same
        };
        assert_eq!(
            conflict(w.svc.improvement.decide(&planner, a, &decide, 99).await),
            Msg::ActionChangedReload
        );
        w.svc
            .improvement
            .decide(&planner, a, &decide, 1)
            .await
            .unwrap();
        let chain = w.svc.improvement.chain(&planner, finding).await.unwrap();
        assert!(
            chain.finding.decided.is_some(),
            "the decision is on the chain"
        );

        // The responsible person works it; only the verifier verifies, not with this exercise
        // (played before the decision), and with a reason instead.
        assert_eq!(
            conflict(
                w.svc
                    .improvement
                    .verify(&planner, a, &VerifyInput::default(), 2)
                    .await
            ),
            Msg::ActionNotInStatus
        );
        w.svc.improvement.step(&lead, a, 2).await.unwrap();
        w.svc.improvement.step(&lead, a, 3).await.unwrap();
        assert!(matches!(
            w.svc
                .improvement
                .verify(
                    &lead,
                    a,
                    &VerifyInput {
                        reason: "x".into(),
                        ..Default::default()
                    },
                    4
                )
                .await,
            Err(ServiceError::Forbidden)
        ));
        let cite_this = VerifyInput {
            objective: first.to_string(),
            ..Default::default()
        };
        assert_eq!(
            invalid(
                w.svc.improvement.verify(&planner, a, &cite_this, 4).await,
                "objective"
            ),
            Msg::VerificationNeedsLaterExercise
        );
        assert_eq!(
            invalid(
                w.svc
                    .improvement
                    .verify(&planner, a, &VerifyInput::default(), 4)
                    .await,
                "objective"
            ),
            Msg::VerificationNeedsExercise
        );
        let by_reason = VerifyInput {
            reason: "Mallen används sedan januari".into(),
            lesson: "En mall gör lägesbilden snabb".into(),
            ..Default::default()
        };
        w.svc
            .improvement
            .verify(&planner, a, &by_reason, 4)
            .await
            .unwrap();
        let done = w.svc.improvement.action(&planner, a).await.unwrap();
        assert_eq!(done.action.status, ActionStatus::Verified);
        assert!(
            done.action
                .verification
                .as_ref()
                .is_some_and(|v| v.objective.is_none())
        );
        let lessons = w
            .svc
            .improvement
            .lessons(&planner, "mall snabb", None, Some(owner))
            .await
            .unwrap();
        assert_eq!(lessons.len(), 1);

        // Avslutad needs the approved report; then the evaluation no longer changes.
        let e = w.svc.exercises.get(&lead, id).await.unwrap();
        w.svc
            .exercises
            .transition(&lead, id, e.version, ExerciseStatus::Evaluating, "")
            .await
            .unwrap();
        let e = w.svc.exercises.get(&lead, id).await.unwrap();
        assert_eq!(
            conflict(
                w.svc
                    .exercises
                    .transition(&lead, id, e.version, ExerciseStatus::Closed, "")
                    .await
            ),
            Msg::ReportNotApproved
        );
        assert!(matches!(
            ev.approve(&evaluator, id, 0).await,
            Err(ServiceError::Forbidden)
        ));
        ev.approve(&lead, id, 0).await.unwrap();
        assert_eq!(
            conflict(ev.set_tasks(&lead, id, first, "x").await),
            Msg::EvaluationClosed
        );
        w.svc
            .exercises
            .transition(&lead, id, e.version, ExerciseStatus::Closed, "")
            .await
            .unwrap();
    }

    /// A shortcoming from a real event gets its action in the same list; observers read none of
    /// it, and a strength takes no action.
    #[tokio::test]
    async fn a_shortcoming_from_a_real_event_produces_an_action_in_the_same_list() {
        let w = world().await;
        let planner = actor(&w, "planerare").await;
        let observer = actor(&w, "observator").await;
        let lead = actor(&w, "ovningsledare").await;
        let forvaltning = lead.forvaltningar[0];
        let input = FindingInput {
            source: "verklig_handelse".into(),
            source_ref: "Strömavbrott Varberg 2026-02-11".into(),
            title: "Reservkraften startade inte automatiskt".into(),
            capability: "CA05".into(),
            forvaltning: forvaltning.to_string(),
            observed_on: "2026-02-11".into(),
            ..Default::default()
        };
        assert!(matches!(
            w.svc.improvement.record(&observer, &input).await,
            Err(ServiceError::Forbidden)
        ));
        let bad = FindingInput {
            capability: "CA99".into(),
            ..input.clone()
        };
        assert_eq!(
            invalid(w.svc.improvement.record(&planner, &bad).await, "capability"),
            Msg::UnknownCapability
        );
        let finding = w.svc.improvement.record(&planner, &input).await.unwrap();
        let a = w
            .svc
            .improvement
            .add(
                &planner,
                finding,
                &ActionInput {
                    text: "Prov av automatisk start varje månad".into(),
                    forvaltning: forvaltning.to_string(),
                    responsible: lead.user_id.to_string(),
                    due_on: "2026-06-30".into(),
                    poete: "utrustning".into(),
                    capability: "CA05".into(),
                },
            )
            .await
            .unwrap();
        let all = w
            .svc
            .improvement
            .actions(&planner, &ActionFilter::default())
            .await
            .unwrap();
        let listed = all.iter().find(|x| x.id == a).expect("in the list");
        assert_eq!(listed.source, Source::RealEvent);
        let from_events = w
            .svc
            .improvement
            .actions(
                &planner,
                &ActionFilter {
                    source: Some(Source::RealEvent),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert!(from_events.iter().all(|x| x.source == Source::RealEvent));
        let counts = w.svc.improvement.open_counts(&planner).await.unwrap();
        assert!(
            counts
                .get(&(forvaltning, "CA05".to_string()))
                .is_some_and(|c| c.open >= 1)
        );
        assert!(matches!(
            w.svc
                .improvement
                .actions(&observer, &ActionFilter::default())
                .await,
            Err(ServiceError::Forbidden)
        ));
        assert!(matches!(
            w.svc.improvement.action(&planner, 999_999).await,
            Err(ServiceError::NotFound)
        ));
    }
}
