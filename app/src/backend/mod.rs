//! Server-only code: services (authorization and use cases) over storage (sqlx).
//!
//! Compiled only with the `ssr` feature. Services take the acting user first, check permission,
//! parse input into domain types, and change data only through the unit of work (`work`), which
//! writes the audit row and the event in the change's transaction and publishes after commit.

pub mod audit;
pub mod auth;
pub mod cache;
pub mod catalogue;
pub mod conduct;
pub mod device;
pub mod error;
pub mod evaluation;
pub mod exercises;
pub mod followup;
pub mod idempotency;
pub mod improvement;
pub mod nok;
pub mod password;
pub mod plan;
pub mod readiness;
pub mod seed;
mod seed_conduct;
mod seed_evaluation;
mod seed_followup;
pub mod site;
pub mod storage;
pub mod throttle;
pub mod users;
pub mod work;
pub mod xlsx;

pub use error::ServiceError;

use chrono::{DateTime, Utc};
use error::ServiceResult;
use std::sync::Arc;
use storage::Db;

/// Where services get the current time; tests replace it.
pub type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// Session lifetimes (idle and absolute expiry), the server secret that session tokens are
/// hashed with (so a copy of the database alone holds no usable session) and device cookies are
/// signed with, and the public site that decides the cookies' names and flags.
#[derive(Debug, Clone)]
pub struct SessionPolicy {
    pub idle: chrono::Duration,
    pub absolute: chrono::Duration,
    pub secret: Arc<Vec<u8>>,
    pub site: site::Site,
}

impl SessionPolicy {
    /// The default lifetimes, served on `http://127.0.0.1:3000` until [`Self::on_site`] says
    /// otherwise.
    pub fn with_secret(secret: Vec<u8>) -> Self {
        Self {
            idle: chrono::Duration::hours(2),
            absolute: chrono::Duration::hours(12),
            secret: Arc::new(secret),
            site: site::Site::from_listen(std::net::SocketAddr::from(([127, 0, 0, 1], 3000))),
        }
    }

    pub fn on_site(self, site: site::Site) -> Self {
        Self { site, ..self }
    }
}

/// Every service, sharing one database.
pub struct ServiceSet {
    pub db: Db,
    pub clock: Clock,
    pub bus: work::Bus,
    pub writer: work::Writer,
    pub auth: auth::AuthService,
    pub exercises: exercises::ExerciseService,
    pub catalogue: catalogue::CatalogueService,
    pub plan: plan::PlanService,
    pub users: users::UserService,
    pub audit: audit::AuditService,
    pub idempotency: idempotency::Idempotency,
    pub readiness: readiness::ReadinessService,
    pub nok: nok::NokService,
    pub followup: followup::FollowUpService,
    pub evaluation: evaluation::EvaluationService,
    pub improvement: improvement::ImprovementService,
    pub conduct: conduct::ConductService,
}

/// The services as handed to every request: one pointer to clone, not one per service.
#[derive(Clone)]
pub struct Services(Arc<ServiceSet>);

impl std::ops::Deref for Services {
    type Target = ServiceSet;

    fn deref(&self) -> &ServiceSet {
        &self.0
    }
}

impl Services {
    pub async fn new(db: Db, policy: SessionPolicy) -> ServiceResult<Self> {
        Self::with_clock(db, policy, Arc::new(Utc::now)).await
    }

    /// The services over `db`, with a bus that publishes what is committed from now on. Caches
    /// and read models listen to it.
    pub async fn with_clock(db: Db, policy: SessionPolicy, clock: Clock) -> ServiceResult<Self> {
        let bus = work::Bus::start(db.clone()).await?;
        let writer = work::Writer::new(db.clone(), clock.clone(), bus.clone());
        let sessions = auth::SessionCache::default();
        let idempotency = idempotency::Idempotency::new(writer.clone(), clock.clone());
        let exercises =
            exercises::ExerciseService::new(db.clone(), writer.clone(), idempotency.clone());
        let catalogue = catalogue::CatalogueService::new(db.clone(), writer.clone());
        let services = Self(Arc::new(ServiceSet {
            auth: auth::AuthService::new(
                db.clone(),
                writer.clone(),
                clock.clone(),
                policy,
                sessions.clone(),
            ),
            plan: plan::PlanService::new(exercises.clone(), catalogue.clone()),
            exercises,
            catalogue,
            users: users::UserService::new(db.clone(), writer.clone()),
            audit: audit::AuditService::new(db.clone()),
            idempotency: idempotency.clone(),
            readiness: readiness::ReadinessService::new(db.clone(), writer.clone()),
            nok: nok::NokService::new(db.clone(), writer.clone()),
            followup: followup::FollowUpService::new(db.clone(), writer.clone()),
            evaluation: evaluation::EvaluationService::new(db.clone(), writer.clone()),
            improvement: improvement::ImprovementService::new(db.clone(), writer.clone()),
            conduct: conduct::ConductService::new(
                db.clone(),
                writer.clone(),
                idempotency.clone(),
                clock.clone(),
            ),
            db,
            clock,
            bus: bus.clone(),
            writer,
        }));
        let s = services.clone();
        // Listeners hold the parts they clear, not the services (no cycle through the bus).
        let (sessions, catalogue, users, exercises, readiness, live) = (
            sessions,
            s.catalogue.clone(),
            s.users.clone(),
            s.exercises.clone(),
            s.readiness.clone(),
            s.conduct.hub().clone(),
        );
        bus.listen(move |event| {
            sessions.on_event(event);
            catalogue.on_event(event);
            users.on_event(event);
            exercises.on_event(event);
            readiness.on_event(event);
            live.on_event(event);
        });
        Ok(services)
    }
}

/// Asks the read policy (`Actor::may_read`) and refuses with 403 when it says no. Every service
/// read goes through this or through `may_read` itself (for partial reads).
pub fn allow_read(
    actor: &crate::domain::Actor,
    data: crate::domain::access::Data,
    concerns: &[i64],
) -> error::ServiceResult<()> {
    if actor.may_read(data, concerns) {
        Ok(())
    } else {
        Err(ServiceError::Forbidden)
    }
}

/// The wall-clock time in Sweden, which exercise times are written in.
pub fn local_now(now: DateTime<Utc>) -> chrono::NaiveDateTime {
    now.with_timezone(&chrono_tz::Europe::Stockholm)
        .naive_local()
}
