//! The unit of work: the one write path of Redo.
//!
//! Every change runs in a [`Work`]: it owns the write transaction, writes the audit row of each
//! change in it ([`Work::record`]) together with a domain event (the `events` table), and, only
//! after the commit succeeded, publishes the events on the in-process [`Bus`]. A work that is
//! dropped or fails rolls back and publishes nothing. Housekeeping writes (a session's
//! last-seen time, purging expired rows, idempotency claims) are not changes to anyone's data and
//! run unaudited through [`Writer::housekeeping`].
//!
//! The bus publishes from the table, in id order: after a local commit the writer asks it to
//! publish through the commit's last event id before the request answers (so the next page view
//! already sees caches cleared), and a poller asks it every second to publish whatever another
//! process (the command line) committed. Listeners run inline and in order; subscribers get a
//! broadcast channel and replay from the table after the last id they saw when they lag.

use super::audit::Change;
use super::error::ServiceResult;
use super::storage::{self, Conn, Db, Tx};
use super::{Clock, ServiceError};
use crate::domain::Actor;
use crate::domain::event::Event;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::sync::{Arc, RwLock};
use tokio::sync::{Mutex, broadcast};

type Listener = Arc<dyn Fn(&Event) + Send + Sync>;

/// The in-process event bus. Cheap to clone.
#[derive(Clone)]
pub struct Bus(Arc<BusInner>);

struct BusInner {
    db: Db,
    /// The id of the last event published; the lock serialises publishing.
    published: Mutex<i64>,
    listeners: RwLock<Vec<Listener>>,
    sender: broadcast::Sender<Arc<Event>>,
}

/// Most events read and published in one step.
const PUBLISH_BATCH: i64 = 500;

impl Bus {
    /// A bus that publishes events committed from now on (older ones are history).
    pub async fn start(db: Db) -> ServiceResult<Self> {
        let last = storage::events::last_id(&mut *db.read().await?).await?;
        let (sender, _) = broadcast::channel(1024);
        Ok(Self(Arc::new(BusInner {
            db,
            published: Mutex::new(last),
            listeners: RwLock::new(Vec::new()),
            sender,
        })))
    }

    /// Runs `f` for every published event, inline and in order. For caches and read models:
    /// keep it quick and never block.
    pub fn listen(&self, f: impl Fn(&Event) + Send + Sync + 'static) {
        self.0
            .listeners
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .push(Arc::new(f));
    }

    /// A channel of events published from now on, and the id of the last event before it.
    /// A receiver that lags (`RecvError::Lagged`) calls [`Self::replay`] from the last id it saw.
    pub async fn subscribe(&self) -> (i64, broadcast::Receiver<Arc<Event>>) {
        let published = self.0.published.lock().await;
        (*published, self.0.sender.subscribe())
    }

    /// Committed events after `after`, oldest first (at most a batch; call again from the last).
    pub async fn replay(&self, after: i64) -> ServiceResult<Vec<Event>> {
        Ok(storage::events::after(&mut *self.0.db.read().await?, after, PUBLISH_BATCH).await?)
    }

    /// Publishes every committed event up to `upto` that is not yet published.
    pub async fn publish_through(&self, upto: i64) -> ServiceResult<()> {
        let mut published = self.0.published.lock().await;
        while *published < upto {
            let events = self.replay(*published).await?;
            let Some(last) = events.last().map(|e| e.id) else {
                break;
            };
            let listeners = self
                .0
                .listeners
                .read()
                .unwrap_or_else(|p| p.into_inner())
                .clone();
            for event in events {
                for listener in &listeners {
                    listener(&event);
                }
                // No receivers is fine: nobody is watching.
                let _ = self.0.sender.send(Arc::new(event));
            }
            *published = last;
        }
        Ok(())
    }

    /// On PostgreSQL: publishes the events other instances commit as soon as PostgreSQL announces
    /// them (`NOTIFY redo_events`, sent by the writer at commit). After a lost connection it
    /// reconnects and catches up from the table, so a missed announcement costs only time.
    /// Returns at once on SQLite, where [`Self::poll`] every second hears other processes.
    pub async fn follow_announcements(&self) {
        let Some(pool) = self.0.db.postgres().cloned() else {
            return;
        };
        async fn listen(pool: &sqlx::PgPool) -> sqlx::Result<sqlx::postgres::PgListener> {
            let mut listener = sqlx::postgres::PgListener::connect_with(pool).await?;
            listener.listen(storage::events::CHANNEL).await?;
            Ok(listener)
        }
        loop {
            let mut listener = match listen(&pool).await {
                Ok(l) => l,
                Err(e) => {
                    tracing::warn!(error = %e, "cannot listen for events; retrying");
                    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                    continue;
                }
            };
            // Whatever was committed while nobody listened.
            self.poll_logged().await;
            loop {
                match listener.try_recv().await {
                    // An announcement, or (None) a lost connection that the next call
                    // re-establishes: either way, publish what the table has.
                    Ok(_) => self.poll_logged().await,
                    Err(e) => {
                        tracing::warn!(error = %e, "event listener failed; reconnecting");
                        break;
                    }
                }
            }
        }
    }

    async fn poll_logged(&self) {
        if let Err(e) = self.poll().await {
            tracing::warn!(error = %e, "could not read new events");
        }
    }

    /// Publishes what other processes committed since the last publish; the server calls this
    /// every second.
    pub async fn poll(&self) -> ServiceResult<()> {
        let last = storage::events::last_id(&mut *self.0.db.read().await?).await?;
        self.publish_through(last).await
    }
}

/// Starts units of work. Cheap to clone; every service that writes holds one.
#[derive(Clone)]
pub struct Writer {
    db: Db,
    clock: Clock,
    bus: Bus,
}

/// Who a work is done by, for its audit rows.
#[derive(Clone)]
enum By {
    Actor(Actor),
    /// A failed sign-in: the account it named (if any) and the name to log.
    Named(Option<Actor>, String),
    /// Housekeeping: no audit rows, no events.
    Housekeeping,
}

/// A unit of work in progress: one write transaction.
pub struct Work {
    tx: Tx,
    by: By,
    now: DateTime<Utc>,
    last_event: Option<i64>,
    bus: Bus,
}

impl Writer {
    pub fn new(db: Db, clock: Clock, bus: Bus) -> Self {
        Self { db, clock, bus }
    }

    pub fn bus(&self) -> &Bus {
        &self.bus
    }

    /// The time now, by the services' clock.
    pub fn now(&self) -> DateTime<Utc> {
        (self.clock)()
    }

    /// After a bulk load: see [`Db::refresh_statistics`].
    pub async fn refresh_statistics(&self) -> ServiceResult<()> {
        Ok(self.db.refresh_statistics().await?)
    }

    async fn start(&self, by: By) -> ServiceResult<Work> {
        Ok(Work {
            tx: self.db.begin().await?,
            by,
            now: (self.clock)(),
            last_event: None,
            bus: self.bus.clone(),
        })
    }

    /// A change by `actor`; commit requires at least one [`Work::record`].
    pub async fn begin(&self, actor: &Actor) -> ServiceResult<Work> {
        self.start(By::Actor(actor.clone())).await
    }

    /// A change logged under `name`, with the account it concerns when there is one (a failed
    /// sign-in).
    pub async fn begin_named(&self, actor: Option<&Actor>, name: &str) -> ServiceResult<Work> {
        self.start(By::Named(actor.cloned(), name.to_string()))
            .await
    }

    /// A write that changes nobody's data (timestamps, purges, claims): no audit row, no event.
    pub async fn housekeeping(&self) -> ServiceResult<Work> {
        self.start(By::Housekeeping).await
    }
}

impl Work {
    /// The transaction, for storage functions.
    pub fn conn(&mut self) -> &mut Conn {
        &mut self.tx
    }

    /// The time of this work (one clock reading for all its rows).
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// Writes the audit row of `change` and its event, naming the förvaltningar it `concerns`.
    pub async fn record<B: Serialize, A: Serialize>(
        &mut self,
        change: Change<'_, B, A>,
        concerns: &[i64],
    ) -> ServiceResult<()> {
        let (actor, name) = match &self.by {
            By::Actor(a) => (Some(a), a.username.as_str()),
            By::Named(a, name) => (a.as_ref(), name.as_str()),
            By::Housekeeping => {
                return Err(ServiceError::Internal(
                    "a housekeeping work cannot record changes".into(),
                ));
            }
        };
        let json = |v: Option<serde_json::Result<serde_json::Value>>| v.and_then(Result::ok);
        storage::audit::insert(
            &mut self.tx,
            &storage::audit::NewAuditRow {
                at: self.now,
                actor_id: actor.map(|a| a.user_id).filter(|id| *id > 0),
                actor_name: name,
                action: change.action,
                entity_type: change.entity_type,
                entity_id: &change.entity_id,
                before: json(change.before.map(serde_json::to_value)),
                after: json(change.after.map(serde_json::to_value)),
            },
        )
        .await?;
        let mut concerns = concerns.to_vec();
        concerns.sort_unstable();
        concerns.dedup();
        let id = storage::events::insert(
            &mut self.tx,
            self.now,
            &storage::events::NewEventRow {
                entity_type: change.entity_type,
                entity_id: &change.entity_id,
                kind: change.action,
                forvaltningar: &concerns,
            },
        )
        .await?;
        self.last_event = Some(id);
        Ok(())
    }

    /// Commits, then publishes the events. A change that recorded nothing is refused (every
    /// change has its audit row); housekeeping commits without.
    pub async fn commit(self) -> ServiceResult<()> {
        if self.last_event.is_none() && !matches!(self.by, By::Housekeeping) {
            return Err(ServiceError::Internal(
                "a change must record its audit row before it commits".into(),
            ));
        }
        self.tx.commit().await?;
        if let Some(last) = self.last_event {
            // The change is committed whatever happens here; a failure to publish is caught up
            // by the next poll.
            if let Err(e) = self.bus.publish_through(last).await {
                tracing::warn!(error = %e, "could not publish events; the poller will");
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    /// The write path is the unit of work: no other backend code opens a transaction, except the
    /// copy between engines (`storage::copy`), which installs a region into a new database in one
    /// transaction as a migration does: no user's change, so no audit rows or events.
    #[test]
    fn only_the_unit_of_work_begins_transactions() {
        fn visit(dir: &std::path::Path, found: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    visit(&path, found);
                    continue;
                }
                let name = path.to_string_lossy().into_owned();
                if name.ends_with("backend/work.rs")
                    || name.ends_with("storage/mod.rs")
                    || name.ends_with("storage/copy.rs")
                {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                if text.contains(".begin()") || text.contains("db.begin") {
                    found.push(name);
                }
            }
        }
        let mut found = Vec::new();
        visit(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/backend"),
            &mut found,
        );
        assert!(
            found.is_empty(),
            "transactions begun outside the unit of work: {found:?}"
        );
    }
}
