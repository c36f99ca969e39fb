//! Live conduct: the exercise's staff, its inject list, its clock and its live log, and the
//! fan-out that brings every new entry to everyone watching ([`LiveHub`]).
//!
//! Who may do what is the staff role's (`domain::conduct::StaffRole`); those who may edit the
//! exercise (`Actor::can_edit_exercise`) also manage its staff and inject list and may watch.
//! Every change runs in one unit of work with its audit row; a log entry takes the exercise's
//! next number there (`storage::conduct::next_seq`), so numbers are gap-free and in commit order.

use super::audit::Change;
use super::error::ServiceResult;
use super::idempotency::{Begun, Idempotency, Key};
use super::storage::{self, Conn, Db, StorageError};
use super::work::{Work, Writer};
use super::{ServiceError, local_now};
use crate::domain::access::Data;
use crate::domain::conduct::{
    Clock, ClockInput, ClockState, ClockView, EntryInput, EntryKind, EntryView, INJECTS_MAX,
    Inject, InjectInput, InjectState, InjectStatus, LogEntry, StaffRole, scenario_label,
};
use crate::domain::event::{Event, entity};
use crate::domain::exercise::Exercise;
use crate::domain::lifecycle::ExerciseStatus;
use crate::domain::sheet::Sheet;
use crate::domain::{Actor, FieldErrors, Msg, Role};
use chrono::{DateTime, Utc};
use leptos::server_fn::Bytes;
use serde::Serialize;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, OnceLock, Weak};
use tokio::sync::{Notify, broadcast};

pub use storage::conduct::StaffMember;

/// The endpoint log entries' idempotency keys are scoped to.
pub const LOG_ENDPOINT: &str = "live/log";

/// Most log rows read in one step of a catch-up.
const CATCH_UP_BATCH: i64 = 500;

/// What an actor is to one exercise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// Their role on the staff, if they are on it.
    pub role: Option<StaffRole>,
    /// May edit the exercise: manages its staff and inject list.
    pub manages: bool,
    /// Reads the exercise's design (scenario, unsent injects) by their account's role.
    pub reads_design: bool,
}

impl Standing {
    fn of(actor: &Actor, exercise: &Exercise, role: Option<StaffRole>) -> Self {
        Self {
            role,
            manages: actor.can_edit_exercise(exercise.lead.id),
            reads_design: actor.may_read(Data::ExerciseDesign, &exercise.forvaltning_ids()),
        }
    }

    /// Watches the live log: the staff and those who manage the exercise.
    pub fn watches(&self) -> bool {
        self.role.is_some() || self.manages
    }

    /// Sees the inject list with its unsent injects. On the staff the role decides (an
    /// observer never does, whatever their account); otherwise reading the design does.
    pub fn sees_injects(&self) -> bool {
        match self.role {
            Some(r) => r.sees_injects(),
            None => self.manages && self.reads_design,
        }
    }

    /// Edits the inject list: the exercise's editors, control and motspel.
    pub fn edits_injects(&self) -> bool {
        self.manages && self.role.is_none_or(StaffRole::sees_injects)
            || self.role.is_some_and(StaffRole::sends_injects)
    }

    pub fn sends_injects(&self) -> bool {
        self.role.is_some_and(StaffRole::sends_injects)
    }

    /// Ticks the player actions injects expect: control, motspel and evaluators.
    pub fn ticks_actions(&self) -> bool {
        self.role.is_some_and(StaffRole::sees_injects)
    }

    /// Runs the clock: control, and the exercise's editors.
    pub fn controls(&self) -> bool {
        self.role.is_some_and(StaffRole::controls) || self.manages && self.role.is_none()
    }
}

/// Everything the live view shows one actor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Live {
    pub exercise: Exercise,
    pub role: Option<StaffRole>,
    pub sees_injects: bool,
    pub edits_injects: bool,
    pub sends_injects: bool,
    pub ticks_actions: bool,
    pub controls: bool,
    pub manages: bool,
    pub clock: Clock,
    pub clock_view: ClockView,
    /// The inject list; only the sent injects for those who may not see unsent ones.
    pub injects: Vec<Inject>,
    /// Every row of the log, oldest first.
    pub entries: Vec<EntryView>,
    pub last_seq: i64,
    pub staff: Vec<StaffMember>,
}

/// An exercise's inject list as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InjectList {
    pub exercise: Exercise,
    pub injects: Vec<Inject>,
    pub can_edit: bool,
    pub scenario_start: chrono::NaiveDateTime,
}

/// A new entry stored, and whether this answer replays an earlier request with its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logged {
    pub seq: i64,
    pub id: i64,
    pub replayed: bool,
}

/// A log row on its way to the viewers, with its SSE frame written once for all of them.
#[derive(Debug)]
pub struct LiveMessage {
    pub seq: i64,
    pub exercise_id: i64,
    pub view: EntryView,
    /// The earlier versions of a corrected entry, oldest first (empty for a first version).
    pub history: Vec<EntryView>,
    frame: OnceLock<Bytes>,
}

/// The page's own rendering of a row: the entry's list item, and for a safety stop or a real
/// event the alert banner's content.
pub struct Rendered {
    pub html: String,
    pub banner: Option<String>,
}

impl LiveMessage {
    fn new(exercise_id: i64, view: EntryView, history: Vec<EntryView>) -> Self {
        Self {
            seq: view.seq,
            exercise_id,
            view,
            history,
            frame: OnceLock::new(),
        }
    }

    /// `id: …`, `event: entry`, `data: …` and the blank line, written by the first viewer to ask
    /// and shared by all: the data is the row (`EntryView`) with its rendering beside it, so the
    /// page places the server's HTML instead of carrying its own copy of the templates.
    pub fn frame(&self, render: impl FnOnce(&LiveMessage) -> Rendered) -> Bytes {
        self.frame
            .get_or_init(|| {
                #[derive(Serialize)]
                struct Data<'a> {
                    #[serde(flatten)]
                    view: &'a EntryView,
                    html: String,
                    #[serde(skip_serializing_if = "Option::is_none")]
                    banner: Option<String>,
                }
                let Rendered { html, banner } = render(self);
                let data = Data {
                    view: &self.view,
                    html,
                    banner,
                };
                let json = serde_json::to_string(&data).unwrap_or_else(|_| "{}".into());
                Bytes::from(format!("id: {}\nevent: entry\ndata: {json}\n\n", self.seq))
            })
            .clone()
    }
}

/// One exercise's viewers: a channel every new row is sent on once, and a wake-up the bus
/// listener rings when a row was committed.
struct Feed {
    sender: broadcast::Sender<Arc<LiveMessage>>,
    wake: Arc<Notify>,
}

/// Brings new log rows to everyone watching. The bus listener only rings the exercise's feed;
/// the feed's task reads the new rows once and sends them to every viewer, so a thousand viewers
/// cost one read per commit. A viewer that falls behind (or joins late) catches up from the table
/// by number, so nothing is lost or repeated.
#[derive(Clone)]
pub struct LiveHub {
    db: Db,
    clock: super::Clock,
    feeds: Arc<Mutex<HashMap<i64, Weak<Feed>>>>,
}

/// How many rows one feed keeps for viewers that are slow to read them.
const FEED_CAPACITY: usize = 1024;

impl LiveHub {
    fn new(db: Db, clock: super::Clock) -> Self {
        Self {
            db,
            clock,
            feeds: Arc::default(),
        }
    }

    fn feeds(&self) -> std::sync::MutexGuard<'_, HashMap<i64, Weak<Feed>>> {
        self.feeds.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Rings the feed of the exercise a committed log row belongs to.
    pub fn on_event(&self, event: &Event) {
        if !event.is(entity::LOG_ENTRY) {
            return;
        }
        let Some(exercise_id) = event
            .entity_id
            .split('/')
            .next()
            .and_then(|id| id.parse::<i64>().ok())
        else {
            return;
        };
        if let Some(feed) = self.feeds().get(&exercise_id).and_then(Weak::upgrade) {
            feed.wake.notify_one();
        }
    }

    /// The exercise's feed, started when it is the first viewer's.
    fn feed(&self, exercise_id: i64, last_seq: i64) -> Arc<Feed> {
        let mut feeds = self.feeds();
        if let Some(feed) = feeds.get(&exercise_id).and_then(Weak::upgrade) {
            return feed;
        }
        feeds.retain(|_, f| f.strong_count() > 0);
        let (sender, _) = broadcast::channel(FEED_CAPACITY);
        let feed = Arc::new(Feed {
            sender,
            wake: Arc::new(Notify::new()),
        });
        feeds.insert(exercise_id, Arc::downgrade(&feed));
        let (weak, wake, hub) = (Arc::downgrade(&feed), feed.wake.clone(), self.clone());
        tokio::spawn(async move {
            let mut last = last_seq;
            loop {
                // Rung by the bus; the timeout only ends the task soon after its last viewer left
                // and catches a ring that came before the task waited.
                let _ =
                    tokio::time::timeout(std::time::Duration::from_secs(5), wake.notified()).await;
                let Some(feed) = weak.upgrade() else { break };
                loop {
                    match hub.messages_after(exercise_id, last).await {
                        Ok(batch) if batch.is_empty() => break,
                        Ok(batch) => {
                            for m in batch {
                                last = m.seq;
                                // No receivers: the viewers all left meanwhile.
                                let _ = feed.sender.send(m);
                            }
                        }
                        Err(e) => {
                            tracing::warn!(error = %e, exercise_id, "could not read new log rows");
                            break;
                        }
                    }
                }
            }
        });
        feed
    }

    /// Log rows after number `after` as the viewers get them (at most a batch).
    pub async fn messages_after(
        &self,
        exercise_id: i64,
        after: i64,
    ) -> ServiceResult<Vec<Arc<LiveMessage>>> {
        let mut c = self.db.read().await?;
        let rows =
            storage::conduct::entries_after(&mut c, exercise_id, after, CATCH_UP_BATCH).await?;
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let context = Context::load(&mut c, exercise_id, (self.clock)()).await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let history = if r.entry_id == r.id {
                Vec::new()
            } else {
                storage::conduct::versions_before(&mut c, exercise_id, r.entry_id, r.seq)
                    .await?
                    .iter()
                    .map(|v| context.view(v))
                    .collect()
            };
            out.push(Arc::new(LiveMessage::new(
                exercise_id,
                context.view(r),
                history,
            )));
        }
        Ok(out)
    }
}

/// A viewer's place in an exercise's log: the rows after the last one it has seen, each once,
/// in order.
pub struct Subscription {
    hub: LiveHub,
    exercise_id: i64,
    _feed: Arc<Feed>,
    rx: broadcast::Receiver<Arc<LiveMessage>>,
    last: i64,
    backlog: VecDeque<Arc<LiveMessage>>,
}

impl Subscription {
    /// The number of the last row this viewer has been given.
    pub fn last(&self) -> i64 {
        self.last
    }

    /// The next row, waiting for it to be committed.
    pub async fn next(&mut self) -> ServiceResult<Arc<LiveMessage>> {
        loop {
            if let Some(m) = self.backlog.pop_front() {
                if m.seq > self.last {
                    self.last = m.seq;
                    return Ok(m);
                }
                continue;
            }
            match self.rx.recv().await {
                Ok(m) if m.seq <= self.last => continue,
                Ok(m) if m.seq == self.last + 1 => {
                    self.last = m.seq;
                    return Ok(m);
                }
                // A row missed (the viewer lagged, or joined between the read and the feed):
                // read what is missing from the table.
                Ok(_) | Err(broadcast::error::RecvError::Lagged(_)) => {
                    let batch = self.hub.messages_after(self.exercise_id, self.last).await?;
                    if batch.is_empty() {
                        // The row is not visible on this reader yet; wait for the next ring.
                        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                    }
                    self.backlog.extend(batch);
                }
                Err(broadcast::error::RecvError::Closed) => {
                    return Err(ServiceError::Internal("the live feed closed".into()));
                }
            }
        }
    }
}

/// What the rows of one exercise's log need to be shown: its objectives, förvaltningar, injects
/// and clock.
struct Context {
    objectives: Vec<(i64, String)>,
    forvaltningar: HashMap<i64, String>,
    injects: HashMap<i64, InjectState>,
    clock: Option<ClockView>,
    scenario_start: Option<chrono::NaiveDateTime>,
}

impl Context {
    async fn load(c: &mut Conn, exercise_id: i64, now: DateTime<Utc>) -> ServiceResult<Self> {
        let exercise = storage::exercises::find(c, exercise_id).await?;
        let forvaltningar = storage::forvaltningar::list_all(c)
            .await?
            .into_iter()
            .map(|f| (f.id, f.code))
            .collect();
        let injects = storage::conduct::injects(c, exercise_id)
            .await?
            .iter()
            .map(|i| (i.id, state_of(i)))
            .collect();
        let clock = storage::conduct::clock(c, exercise_id).await?;
        Ok(Self {
            objectives: exercise
                .map(|e| e.objectives.into_iter().map(|o| (o.id, o.text)).collect())
                .unwrap_or_default(),
            forvaltningar,
            injects,
            scenario_start: clock.as_ref().map(|c| c.scenario_start),
            clock: clock.as_ref().map(|c| ClockView::of(c, now)),
        })
    }

    fn view(&self, e: &LogEntry) -> EntryView {
        let time = |t: DateTime<Utc>| local_now(t).format("%H:%M:%S").to_string();
        let objective = e.objective_id.and_then(|id| {
            self.objectives
                .iter()
                .position(|(o, _)| *o == id)
                .map(|n| (n, &self.objectives[n].1))
        });
        EntryView {
            seq: e.seq,
            id: e.id,
            entry_id: e.entry_id,
            kind: e.kind,
            text: e.text.clone(),
            observed: time(e.observed_at),
            received: time(e.received_at),
            scenario: match (e.scenario_at, self.scenario_start) {
                (Some(at), Some(start)) => scenario_label(at, start),
                _ => String::new(),
            },
            author: e.author_name.clone(),
            author_id: e.author_id,
            role: e.author_role,
            inject: e.inject.and_then(|(id, _)| self.injects.get(&id).cloned()),
            objective: objective.map(|(n, text)| {
                let short: String = text.chars().take(60).collect();
                let more = if text.chars().count() > 60 { "…" } else { "" };
                format!("Mål {}: {short}{more}", n + 1)
            }),
            objective_id: e.objective_id,
            forvaltning: e
                .forvaltning_id
                .and_then(|id| self.forvaltningar.get(&id).cloned()),
            clock: (e.kind == EntryKind::Control)
                .then(|| self.clock.clone())
                .flatten(),
        }
    }
}

fn state_of(i: &Inject) -> InjectState {
    let (done, total) = i.actions_done();
    InjectState {
        id: i.id,
        number: i.number,
        status: i.status,
        done,
        total,
    }
}

/// Whether the log takes entries in this status: from Redo (before play) to Genomförd (late
/// entries from devices that were offline).
fn log_open(status: ExerciseStatus) -> bool {
    matches!(
        status,
        ExerciseStatus::Ready | ExerciseStatus::Running | ExerciseStatus::Conducted
    )
}

/// The clock of an exercise, or the one it would get (scenario time from its start).
async fn clock_of(c: &mut Conn, e: &Exercise) -> ServiceResult<Clock> {
    Ok(storage::conduct::clock(c, e.id)
        .await?
        .unwrap_or_else(|| Clock::new(e.starts_at)))
}

/// What a log row to append says.
struct Append<'a> {
    kind: EntryKind,
    text: &'a str,
    observed_at: DateTime<Utc>,
    role: StaffRole,
    corrects: Option<i64>,
    inject_id: Option<i64>,
    objective_id: Option<i64>,
    forvaltning_id: Option<i64>,
    client_key: Option<&'a str>,
}

impl<'a> Append<'a> {
    /// A control entry (play started, paused …) by `role`, at `at`.
    fn control(text: &'a str, at: DateTime<Utc>, role: StaffRole) -> Self {
        Self {
            kind: EntryKind::Control,
            text,
            observed_at: at,
            role,
            corrects: None,
            inject_id: None,
            objective_id: None,
            forvaltning_id: None,
            client_key: None,
        }
    }
}

/// Appends a row to the exercise's log in `w`, with its audit row; returns (number, id).
async fn append(
    w: &mut Work,
    actor: &Actor,
    exercise: &Exercise,
    a: &Append<'_>,
) -> ServiceResult<(i64, i64)> {
    let now = w.now();
    storage::conduct::ensure_clock(w.conn(), exercise.id, exercise.starts_at).await?;
    let clock = clock_of(w.conn(), exercise).await?;
    let seq = storage::conduct::next_seq(w.conn(), exercise.id)
        .await?
        .ok_or_else(|| ServiceError::Internal("exercise clock vanished".into()))?;
    let scenario_at = (clock.state() != ClockState::NotStarted)
        .then(|| clock.scenario_at(a.observed_at.min(now)));
    let id = storage::conduct::insert_entry(
        w.conn(),
        &storage::conduct::NewEntry {
            exercise_id: exercise.id,
            seq,
            corrects: a.corrects,
            kind: a.kind,
            text: a.text,
            observed_at: a.observed_at,
            received_at: now,
            scenario_at,
            author_id: actor.user_id,
            author_name: &actor.display_name,
            author_role: a.role,
            inject_id: a.inject_id,
            objective_id: a.objective_id,
            forvaltning_id: a.forvaltning_id,
            client_key: a.client_key,
        },
    )
    .await
    .map_err(|e| match e {
        StorageError::Unique(_) => ServiceError::Conflict(Msg::RequestInProgress),
        e => e.into(),
    })?;
    let after = serde_json::json!({
        "seq": seq,
        "kind": a.kind.code(),
        "text": a.text,
        "corrects": a.corrects,
        "inject_id": a.inject_id,
        "objective_id": a.objective_id,
        "forvaltning_id": a.forvaltning_id,
    });
    w.record(
        Change::<(), _> {
            action: if a.corrects.is_some() {
                "correct"
            } else {
                "create"
            },
            entity_type: entity::LOG_ENTRY,
            entity_id: format!("{}/{id}", exercise.id),
            before: None,
            after: Some(&after),
        },
        &exercise.forvaltning_ids(),
    )
    .await?;
    Ok((seq, id))
}

/// Starts the clock when play starts and stops it when play ends, with the control entry that
/// says so: part of every status change of an exercise, in that change's work.
pub(super) async fn on_status_change(
    w: &mut Work,
    actor: &Actor,
    exercise: &Exercise,
    to: ExerciseStatus,
) -> ServiceResult<()> {
    let from = exercise.status;
    let starts = to == ExerciseStatus::Running;
    let ends = from == ExerciseStatus::Running && to != ExerciseStatus::Running;
    if !starts && !ends {
        return Ok(());
    }
    let now = w.now();
    storage::conduct::ensure_clock(w.conn(), exercise.id, exercise.starts_at).await?;
    let mut clock = clock_of(w.conn(), exercise).await?;
    let text = if starts {
        if clock.started_at.is_none() {
            clock.started_at = Some(now);
        }
        "Övningen startad."
    } else {
        if let Some(paused) = clock.paused_at.take() {
            clock.paused_seconds += (now - paused).num_seconds();
        }
        clock.ended_at = Some(now);
        if to == ExerciseStatus::Cancelled {
            "Övningen avbruten och inställd."
        } else {
            "Övningen avslutad."
        }
    };
    if !storage::conduct::save_clock(w.conn(), exercise.id, &clock).await? {
        return Err(ServiceError::Conflict(Msg::ClockChanged));
    }
    let role = storage::conduct::staff_role(w.conn(), exercise.id, actor.user_id)
        .await?
        .unwrap_or(StaffRole::Control);
    append(w, actor, exercise, &Append::control(text, now, role)).await?;
    Ok(())
}

#[derive(Clone)]
pub struct ConductService {
    db: Db,
    writer: Writer,
    idempotency: Idempotency,
    hub: LiveHub,
}

/// What the clock is asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockAction {
    Pause,
    Resume,
}

impl ConductService {
    pub fn new(db: Db, writer: Writer, idempotency: Idempotency, clock: super::Clock) -> Self {
        Self {
            hub: LiveHub::new(db.clone(), clock),
            db,
            writer,
            idempotency,
        }
    }

    pub fn hub(&self) -> &LiveHub {
        &self.hub
    }

    async fn exercise(&self, c: &mut Conn, id: i64) -> ServiceResult<Exercise> {
        storage::exercises::find(c, id)
            .await?
            .ok_or(ServiceError::NotFound)
    }

    /// The exercise and the actor's standing in it; 404 for an unknown exercise, 403 for a
    /// signed-in user who has nothing to do with it.
    async fn standing(
        &self,
        c: &mut Conn,
        actor: &Actor,
        id: i64,
    ) -> ServiceResult<(Exercise, Standing)> {
        let exercise = self.exercise(c, id).await?;
        let role = storage::conduct::staff_role(c, id, actor.user_id).await?;
        let standing = Standing::of(actor, &exercise, role);
        Ok((exercise, standing))
    }

    /// Whether `actor` watches the exercise's live log, and sees its inject list.
    pub async fn access(&self, actor: &Actor, id: i64) -> ServiceResult<(bool, bool)> {
        let (_, s) = self
            .standing(&mut *self.db.read().await?, actor, id)
            .await?;
        Ok((s.watches(), s.sees_injects()))
    }

    /// What the live view shows `actor`.
    pub async fn live(&self, actor: &Actor, id: i64) -> ServiceResult<Live> {
        let mut c = self.db.read().await?;
        let (exercise, s) = self.standing(&mut c, actor, id).await?;
        if !s.watches() {
            return Err(ServiceError::Forbidden);
        }
        let now = self.writer.now();
        let clock = clock_of(&mut c, &exercise).await?;
        let mut injects = storage::conduct::injects(&mut c, id).await?;
        if !s.sees_injects() {
            injects.retain(|i| i.status == InjectStatus::Sent);
            for i in &mut injects {
                i.actions.retain(|a| a.done_at.is_some());
            }
        }
        let context = Context::load(&mut c, id, now).await?;
        let mut entries = Vec::new();
        let mut after = 0;
        loop {
            let rows = storage::conduct::entries_after(&mut c, id, after, CATCH_UP_BATCH).await?;
            let Some(last) = rows.last().map(|r| r.seq) else {
                break;
            };
            entries.extend(rows.iter().map(|r| context.view(r)));
            after = last;
        }
        let last_seq = storage::conduct::last_seq(&mut c, id).await?;
        let staff = storage::conduct::staff(&mut c, id).await?;
        let exercise = if s.reads_design && s.sees_injects() {
            exercise
        } else {
            exercise.without_design()
        };
        Ok(Live {
            role: s.role,
            sees_injects: s.sees_injects(),
            edits_injects: s.edits_injects(),
            sends_injects: s.sends_injects(),
            ticks_actions: s.ticks_actions(),
            controls: s.controls(),
            manages: s.manages,
            clock_view: ClockView::of(&clock, now),
            clock,
            injects,
            entries,
            last_seq,
            staff,
            exercise,
        })
    }

    /// A viewer's subscription to the log after number `after`.
    pub async fn subscribe(
        &self,
        actor: &Actor,
        id: i64,
        after: i64,
    ) -> ServiceResult<Subscription> {
        let mut c = self.db.read().await?;
        let (_, s) = self.standing(&mut c, actor, id).await?;
        if !s.watches() {
            return Err(ServiceError::Forbidden);
        }
        let last = storage::conduct::last_seq(&mut c, id).await?;
        drop(c);
        let feed = self.hub.feed(id, last);
        let rx = feed.sender.subscribe();
        let mut sub = Subscription {
            hub: self.hub.clone(),
            exercise_id: id,
            _feed: feed,
            rx,
            last: after.max(0),
            backlog: VecDeque::new(),
        };
        sub.backlog
            .extend(self.hub.messages_after(id, sub.last).await?);
        Ok(sub)
    }

    /// Writes an entry to the exercise's log as `actor`. With a `key` (the author's device's
    /// key for the entry) a retry answers with the entry the first request stored, and other
    /// content under the same key is refused.
    pub async fn log(
        &self,
        actor: &Actor,
        id: i64,
        input: &EntryInput,
        key: Option<&str>,
    ) -> ServiceResult<Logged> {
        let raw = key.map(str::trim);
        let key = raw
            .map(|k| Key::new(actor, LOG_ENDPOINT, k, &(id, input)))
            .transpose()?;
        if let Some(key) = &key
            && let Begun::Replay { response, .. } = self.idempotency.begin(key).await?
        {
            let (seq, entry_id) = response
                .split_once('/')
                .and_then(|(s, i)| Some((s.parse().ok()?, i.parse().ok()?)))
                .ok_or_else(|| ServiceError::Internal("stored response is not an entry".into()))?;
            return Ok(Logged {
                seq,
                id: entry_id,
                replayed: true,
            });
        }
        let logged = self.log_once(actor, id, input, key.as_ref().zip(raw)).await;
        if let (Err(_), Some(key)) = (&logged, &key) {
            self.idempotency.release(key).await;
        }
        logged
    }

    async fn check_links(
        &self,
        c: &mut Conn,
        exercise: &Exercise,
        inject_id: Option<i64>,
        objective_id: Option<i64>,
        forvaltning_id: Option<i64>,
    ) -> ServiceResult<()> {
        let mut e = FieldErrors::new();
        if let Some(i) = inject_id
            && storage::conduct::inject(c, i)
                .await?
                .is_none_or(|i| i.exercise_id != exercise.id)
        {
            e.add("inject", Msg::UnknownInject);
        }
        if let Some(o) = objective_id
            && !exercise.objectives.iter().any(|x| x.id == o)
        {
            e.add("objective", Msg::UnknownObjective);
        }
        if let Some(f) = forvaltning_id
            && storage::forvaltningar::find(c, f).await?.is_none()
        {
            e.add("forvaltning", Msg::UnknownForvaltning);
        }
        e.into_result(()).map_err(ServiceError::Invalid)
    }

    async fn log_once(
        &self,
        actor: &Actor,
        id: i64,
        input: &EntryInput,
        key: Option<(&Key, &str)>,
    ) -> ServiceResult<Logged> {
        let now = self.writer.now();
        let valid = input.parse(now)?;
        let (exercise, s) = self
            .standing(&mut *self.db.read().await?, actor, id)
            .await?;
        let Some(role) = s.role else {
            return Err(ServiceError::field("text", Msg::NotOnStaff));
        };
        if !role.may_log(valid.kind) {
            return Err(ServiceError::field("kind", Msg::EntryKindNotForRole));
        }
        if !log_open(exercise.status) {
            return Err(ServiceError::Conflict(Msg::LogClosed));
        }
        self.check_links(
            &mut *self.db.read().await?,
            &exercise,
            valid.inject_id,
            valid.objective_id,
            valid.forvaltning_id,
        )
        .await?;
        // An observer may link an inject only once it is sent: they never learn of unsent ones.
        if !role.sees_injects()
            && let Some(i) = valid.inject_id
            && storage::conduct::inject(&mut *self.db.read().await?, i)
                .await?
                .is_some_and(|i| i.status != InjectStatus::Sent)
        {
            return Err(ServiceError::field("inject", Msg::UnknownInject));
        }
        let mut w = self.writer.begin(actor).await?;
        let (seq, entry_id) = append(
            &mut w,
            actor,
            &exercise,
            &Append {
                kind: valid.kind,
                text: &valid.text,
                observed_at: valid.observed_at,
                role,
                corrects: None,
                inject_id: valid.inject_id,
                objective_id: valid.objective_id,
                forvaltning_id: valid.forvaltning_id,
                client_key: key.map(|(_, raw)| raw),
            },
        )
        .await?;
        if let Some((key, _)) = key {
            w.complete_key(key, 201, &format!("{seq}/{entry_id}"))
                .await?;
        }
        w.commit().await?;
        Ok(Logged {
            seq,
            id: entry_id,
            replayed: false,
        })
    }

    /// Corrects entry `entry_id` (any of its versions names it): a new version, the old ones
    /// kept. Authors correct their own entries; control corrects any.
    pub async fn correct(
        &self,
        actor: &Actor,
        id: i64,
        entry_id: i64,
        input: &EntryInput,
    ) -> ServiceResult<Logged> {
        let now = self.writer.now();
        let valid = input.parse(now)?;
        let mut c = self.db.read().await?;
        let (exercise, s) = self.standing(&mut c, actor, id).await?;
        let Some(role) = s.role else {
            return Err(ServiceError::field("text", Msg::NotOnStaff));
        };
        let original = storage::conduct::entry(&mut c, id, entry_id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        if original.kind == EntryKind::Control {
            return Err(ServiceError::field("text", Msg::UnknownEntry));
        }
        if original.author_id != actor.user_id && !role.controls() {
            return Err(ServiceError::Forbidden);
        }
        if !role.may_log(valid.kind) && valid.kind != original.kind {
            return Err(ServiceError::field("kind", Msg::EntryKindNotForRole));
        }
        if !log_open(exercise.status) {
            return Err(ServiceError::Conflict(Msg::LogClosed));
        }
        self.check_links(
            &mut c,
            &exercise,
            valid.inject_id,
            valid.objective_id,
            valid.forvaltning_id,
        )
        .await?;
        drop(c);
        let mut w = self.writer.begin(actor).await?;
        let (seq, new_id) = append(
            &mut w,
            actor,
            &exercise,
            &Append {
                kind: valid.kind,
                text: &valid.text,
                observed_at: original.observed_at,
                role,
                corrects: Some(original.entry_id),
                inject_id: valid.inject_id,
                objective_id: valid.objective_id,
                forvaltning_id: valid.forvaltning_id,
                client_key: None,
            },
        )
        .await?;
        w.commit().await?;
        Ok(Logged {
            seq,
            id: new_id,
            replayed: false,
        })
    }

    /// Pauses or resumes play.
    pub async fn clock_action(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
        action: ClockAction,
    ) -> ServiceResult<()> {
        let mut w = self.writer.begin(actor).await?;
        let now = w.now();
        let (exercise, s) = self.standing(w.conn(), actor, id).await?;
        if !s.controls() {
            return Err(ServiceError::Forbidden);
        }
        if exercise.status != ExerciseStatus::Running {
            return Err(ServiceError::Conflict(Msg::PlayNotRunning));
        }
        let mut clock = clock_of(w.conn(), &exercise).await?;
        if clock.version != version {
            return Err(ServiceError::Conflict(Msg::ClockChanged));
        }
        let text = match (action, clock.state()) {
            (ClockAction::Pause, ClockState::Running) => {
                clock.paused_at = Some(now);
                "Spelet pausat."
            }
            (ClockAction::Resume, ClockState::Paused) => {
                if let Some(p) = clock.paused_at.take() {
                    clock.paused_seconds += (now - p).num_seconds();
                }
                "Spelet återupptaget."
            }
            _ => return Err(ServiceError::Conflict(Msg::ClockChanged)),
        };
        if !storage::conduct::save_clock(w.conn(), id, &clock).await? {
            return Err(ServiceError::Conflict(Msg::ClockChanged));
        }
        let role = s.role.unwrap_or(StaffRole::Control);
        append(&mut w, actor, &exercise, &Append::control(text, now, role)).await?;
        w.commit().await
    }

    /// Sets the scenario's start time and the offset of scenario time.
    pub async fn set_clock(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
        input: &ClockInput,
    ) -> ServiceResult<()> {
        let (start, offset) = input.parse()?;
        let mut w = self.writer.begin(actor).await?;
        let (exercise, s) = self.standing(w.conn(), actor, id).await?;
        if !s.controls() {
            return Err(ServiceError::Forbidden);
        }
        storage::conduct::ensure_clock(w.conn(), id, exercise.starts_at).await?;
        let mut clock = clock_of(w.conn(), &exercise).await?;
        if clock.state() == ClockState::Ended {
            return Err(ServiceError::Conflict(Msg::PlayNotRunning));
        }
        if clock.version != version {
            return Err(ServiceError::Conflict(Msg::ClockChanged));
        }
        let before = clock.clone();
        clock.scenario_start = start;
        clock.offset_seconds = offset;
        if !storage::conduct::save_clock(w.conn(), id, &clock).await? {
            return Err(ServiceError::Conflict(Msg::ClockChanged));
        }
        w.record(
            Change {
                action: "update",
                entity_type: entity::EXERCISE_CLOCK,
                entity_id: id.to_string(),
                before: Some(&before),
                after: Some(&clock),
            },
            &exercise.forvaltning_ids(),
        )
        .await?;
        if clock.state() != ClockState::NotStarted {
            let text = format!(
                "Scenariotiden ställd: start {}, förskjutning {} min.",
                start.format("%Y-%m-%d %H:%M"),
                offset / 60
            );
            let now = w.now();
            append(
                &mut w,
                actor,
                &exercise,
                &Append::control(&text, now, s.role.unwrap_or(StaffRole::Control)),
            )
            .await?;
        }
        w.commit().await
    }

    /// Puts `user_id` on the staff in `role` (or changes their role).
    pub async fn set_staff(
        &self,
        actor: &Actor,
        id: i64,
        user_id: i64,
        role: Option<StaffRole>,
    ) -> ServiceResult<()> {
        let Some(role) = role else {
            return Err(ServiceError::field("role", Msg::StaffRoleRequired));
        };
        let mut w = self.writer.begin(actor).await?;
        let (exercise, s) = self.standing(w.conn(), actor, id).await?;
        if !(s.manages || s.role.is_some_and(StaffRole::controls)) {
            return Err(ServiceError::Forbidden);
        }
        let user = storage::users::find(w.conn(), user_id)
            .await?
            .filter(|u| u.active)
            .ok_or_else(|| ServiceError::field("user", Msg::UnknownUser))?;
        if matches!(user.role, Role::Observer | Role::BoardViewer) && role != StaffRole::Observer {
            return Err(ServiceError::field("role", Msg::StaffObserverOnly));
        }
        let before = storage::conduct::staff_role(w.conn(), id, user_id).await?;
        storage::conduct::set_staff(w.conn(), id, user_id, role).await?;
        w.record(
            Change {
                action: if before.is_some() { "update" } else { "create" },
                entity_type: entity::EXERCISE_STAFF,
                entity_id: format!("{id}/{user_id}"),
                before: before.map(StaffRole::code).as_ref(),
                after: Some(&role.code()),
            },
            &exercise.forvaltning_ids(),
        )
        .await?;
        w.commit().await
    }

    pub async fn remove_staff(&self, actor: &Actor, id: i64, user_id: i64) -> ServiceResult<()> {
        let mut w = self.writer.begin(actor).await?;
        let (exercise, s) = self.standing(w.conn(), actor, id).await?;
        if !(s.manages || s.role.is_some_and(StaffRole::controls)) {
            return Err(ServiceError::Forbidden);
        }
        let before = storage::conduct::staff_role(w.conn(), id, user_id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        storage::conduct::remove_staff(w.conn(), id, user_id).await?;
        w.record(
            Change::<_, ()> {
                action: "delete",
                entity_type: entity::EXERCISE_STAFF,
                entity_id: format!("{id}/{user_id}"),
                before: Some(&before.code()),
                after: None,
            },
            &exercise.forvaltning_ids(),
        )
        .await?;
        w.commit().await
    }

    /// Active accounts not on the staff, for those who manage it: (id, name, role).
    pub async fn candidates(
        &self,
        actor: &Actor,
        id: i64,
    ) -> ServiceResult<Vec<crate::domain::user::User>> {
        let mut c = self.db.read().await?;
        let (_, s) = self.standing(&mut c, actor, id).await?;
        if !(s.manages || s.role.is_some_and(StaffRole::controls)) {
            return Err(ServiceError::Forbidden);
        }
        let staff = storage::conduct::staff(&mut c, id).await?;
        Ok(storage::users::list(&mut c)
            .await?
            .into_iter()
            .filter(|u| u.active && !staff.iter().any(|s| s.user_id == u.id))
            .collect())
    }

    /// The inject list for those who may see it, with the exercise, whether the reader may edit
    /// it, and the scenario's start (which a time alone in the list is on).
    pub async fn injects(&self, actor: &Actor, id: i64) -> ServiceResult<InjectList> {
        let mut c = self.db.read().await?;
        let (exercise, s) = self.standing(&mut c, actor, id).await?;
        if !s.sees_injects() {
            return Err(ServiceError::Forbidden);
        }
        Ok(InjectList {
            injects: storage::conduct::injects(&mut c, id).await?,
            can_edit: s.edits_injects() && !exercise.status.is_final(),
            scenario_start: clock_of(&mut c, &exercise).await?.scenario_start,
            exercise,
        })
    }

    async fn editable(
        &self,
        w: &mut Work,
        actor: &Actor,
        id: i64,
    ) -> ServiceResult<(Exercise, Clock)> {
        let (exercise, s) = self.standing(w.conn(), actor, id).await?;
        if !s.edits_injects() {
            return Err(ServiceError::Forbidden);
        }
        if exercise.status.is_final() {
            return Err(ServiceError::Conflict(Msg::ExerciseFinished));
        }
        let clock = clock_of(w.conn(), &exercise).await?;
        Ok((exercise, clock))
    }

    /// Adds an inject at the end of the list; ad hoc when play has started.
    pub async fn add_inject(
        &self,
        actor: &Actor,
        id: i64,
        input: &InjectInput,
    ) -> ServiceResult<i64> {
        let mut w = self.writer.begin(actor).await?;
        let (exercise, clock) = self.editable(&mut w, actor, id).await?;
        let v = input.parse(clock.scenario_start, exercise.objectives.len())?;
        let list = storage::conduct::injects(w.conn(), id).await?;
        if list.len() >= INJECTS_MAX {
            return Err(ServiceError::field(
                "content",
                Msg::TooManyInjects { max: INJECTS_MAX },
            ));
        }
        let number = v
            .number
            .unwrap_or_else(|| list.iter().map(|i| i.number).max().unwrap_or(0) + 1);
        if list.iter().any(|i| i.number == number) {
            return Err(ServiceError::field(
                "number",
                Msg::InjectNumberTaken { number },
            ));
        }
        let new = storage::conduct::NewInject {
            exercise_id: id,
            number,
            position: list.iter().map(|i| i.position).max().unwrap_or(-1) + 1,
            inject: &v,
            objective_id: v
                .objective
                .and_then(|n| exercise.objectives.get(n - 1))
                .map(|o| o.id),
            adhoc: clock.state() != ClockState::NotStarted,
        };
        let inject_id = storage::conduct::insert_inject(w.conn(), &new).await?;
        record_inject(&mut w, &exercise, inject_id, "create", None).await?;
        w.commit().await?;
        Ok(inject_id)
    }

    /// Saves an unsent inject at `version`.
    pub async fn update_inject(
        &self,
        actor: &Actor,
        id: i64,
        inject_id: i64,
        version: i64,
        input: &InjectInput,
    ) -> ServiceResult<()> {
        let mut w = self.writer.begin(actor).await?;
        let (exercise, clock) = self.editable(&mut w, actor, id).await?;
        let before = inject_in(w.conn(), id, inject_id).await?;
        if before.status != InjectStatus::Planned {
            return Err(ServiceError::Conflict(Msg::InjectSent));
        }
        let v = input.parse(clock.scenario_start, exercise.objectives.len())?;
        let number = v.number.unwrap_or(before.number);
        let list = storage::conduct::injects(w.conn(), id).await?;
        if list.iter().any(|i| i.number == number && i.id != inject_id) {
            return Err(ServiceError::field(
                "number",
                Msg::InjectNumberTaken { number },
            ));
        }
        let objective_id = v
            .objective
            .and_then(|n| exercise.objectives.get(n - 1))
            .map(|o| o.id);
        if !storage::conduct::update_inject(w.conn(), inject_id, version, number, &v, objective_id)
            .await?
        {
            return Err(ServiceError::Conflict(Msg::InjectChanged));
        }
        record_inject(&mut w, &exercise, inject_id, "update", Some(&before)).await?;
        w.commit().await
    }

    /// Removes an unsent inject that no entry names.
    pub async fn delete_inject(&self, actor: &Actor, id: i64, inject_id: i64) -> ServiceResult<()> {
        let mut w = self.writer.begin(actor).await?;
        let (exercise, _) = self.editable(&mut w, actor, id).await?;
        let before = inject_in(w.conn(), id, inject_id).await?;
        if before.status == InjectStatus::Sent {
            return Err(ServiceError::Conflict(Msg::InjectSent));
        }
        storage::conduct::delete_inject(w.conn(), inject_id)
            .await
            .map_err(|e| match e {
                StorageError::ForeignKey => ServiceError::Conflict(Msg::InjectSent),
                e => e.into(),
            })?;
        w.record(
            Change::<_, ()> {
                action: "delete",
                entity_type: entity::INJECT,
                entity_id: format!("{id}/{inject_id}"),
                before: Some(&before),
                after: None,
            },
            &exercise.forvaltning_ids(),
        )
        .await?;
        w.commit().await
    }

    /// Moves an inject one place up (`-1`) or down (`1`) in the list.
    pub async fn move_inject(
        &self,
        actor: &Actor,
        id: i64,
        inject_id: i64,
        by: i64,
    ) -> ServiceResult<()> {
        let mut w = self.writer.begin(actor).await?;
        let (exercise, _) = self.editable(&mut w, actor, id).await?;
        let list = storage::conduct::injects(w.conn(), id).await?;
        let mut order: Vec<i64> = list.iter().map(|i| i.id).collect();
        let at = order
            .iter()
            .position(|i| *i == inject_id)
            .ok_or(ServiceError::NotFound)?;
        let to = (at as i64 + by.signum()).clamp(0, order.len() as i64 - 1) as usize;
        order.swap(at, to);
        storage::conduct::reorder(w.conn(), id, &order).await?;
        w.record(
            Change::<(), _> {
                action: "reorder",
                entity_type: entity::INJECT,
                entity_id: format!("{id}/{inject_id}"),
                before: None,
                after: Some(&order),
            },
            &exercise.forvaltning_ids(),
        )
        .await?;
        w.commit().await
    }

    /// Replaces the inject list with a file's rows; nothing is changed when any row is refused
    /// or when an inject has already been sent.
    pub async fn import(&self, actor: &Actor, id: i64, sheet: &Sheet) -> ServiceResult<usize> {
        let mut w = self.writer.begin(actor).await?;
        let (exercise, clock) = self.editable(&mut w, actor, id).await?;
        let rows =
            crate::domain::msel::parse(sheet, clock.scenario_start, exercise.objectives.len())?;
        let before = storage::conduct::injects(w.conn(), id).await?;
        if before.iter().any(|i| i.status != InjectStatus::Planned) {
            return Err(ServiceError::field("file", Msg::InjectListHasSent));
        }
        storage::conduct::delete_injects(w.conn(), id).await?;
        for (position, v) in rows.iter().enumerate() {
            storage::conduct::insert_inject(
                w.conn(),
                &storage::conduct::NewInject {
                    exercise_id: id,
                    number: v.number.unwrap_or(position as i64 + 1),
                    position: position as i64,
                    inject: v,
                    objective_id: v
                        .objective
                        .and_then(|n| exercise.objectives.get(n - 1))
                        .map(|o| o.id),
                    adhoc: false,
                },
            )
            .await?;
        }
        let summary = serde_json::json!({ "injects": rows.len(), "replaced": before.len() });
        w.record(
            Change::<(), _> {
                action: "import",
                entity_type: entity::INJECT,
                entity_id: format!("{id}/*"),
                before: None,
                after: Some(&summary),
            },
            &exercise.forvaltning_ids(),
        )
        .await?;
        w.commit().await?;
        Ok(rows.len())
    }

    /// Sends an inject (one action): it is marked sent with the time and scenario time, and
    /// the log says so.
    pub async fn send_inject(
        &self,
        actor: &Actor,
        id: i64,
        inject_id: i64,
        version: i64,
        skip: bool,
    ) -> ServiceResult<Logged> {
        let mut w = self.writer.begin(actor).await?;
        let now = w.now();
        let (exercise, s) = self.standing(w.conn(), actor, id).await?;
        let Some(role) = s.role.filter(|r| r.sends_injects()) else {
            return Err(if s.role.is_some() {
                ServiceError::Forbidden
            } else {
                ServiceError::field("inject", Msg::NotOnStaff)
            });
        };
        let inject = inject_in(w.conn(), id, inject_id).await?;
        if inject.status != InjectStatus::Planned {
            return Err(ServiceError::Conflict(Msg::InjectNotPlanned));
        }
        let clock = clock_of(w.conn(), &exercise).await?;
        if exercise.status != ExerciseStatus::Running || clock.state() != ClockState::Running {
            return Err(ServiceError::Conflict(Msg::PlayNotRunning));
        }
        let (status, sent) = if skip {
            (InjectStatus::Skipped, None)
        } else {
            (
                InjectStatus::Sent,
                Some((now, clock.scenario_at(now), actor.user_id)),
            )
        };
        if !storage::conduct::set_inject_status(w.conn(), inject_id, version, status, sent).await? {
            return Err(ServiceError::Conflict(Msg::InjectChanged));
        }
        record_inject(&mut w, &exercise, inject_id, "transition", Some(&inject)).await?;
        let text = if skip {
            format!("Inspel {} överhoppat.", inject.number)
        } else {
            let to = if inject.recipient.is_empty() {
                String::new()
            } else {
                format!(" till {}", inject.recipient)
            };
            let from = if inject.sender.is_empty() {
                String::new()
            } else {
                format!(" från {}", inject.sender)
            };
            format!(
                "Inspel {} skickat{from}{to} via {}: {}",
                inject.number,
                inject.channel.label().to_lowercase(),
                inject.content
            )
        };
        let text: String = text
            .chars()
            .take(crate::domain::conduct::ENTRY_TEXT_MAX)
            .collect();
        let (seq, entry_id) = append(
            &mut w,
            actor,
            &exercise,
            &Append {
                kind: if skip {
                    EntryKind::Control
                } else {
                    EntryKind::Inject
                },
                text: &text,
                observed_at: now,
                role,
                corrects: None,
                inject_id: Some(inject_id),
                objective_id: inject.objective_id,
                forvaltning_id: None,
                client_key: None,
            },
        )
        .await?;
        w.commit().await?;
        Ok(Logged {
            seq,
            id: entry_id,
            replayed: false,
        })
    }

    /// Ticks (or unticks) an expected player action of a sent inject, and logs it.
    pub async fn tick_action(
        &self,
        actor: &Actor,
        id: i64,
        inject_id: i64,
        action_id: i64,
        done: bool,
    ) -> ServiceResult<Logged> {
        let mut w = self.writer.begin(actor).await?;
        let now = w.now();
        let (exercise, s) = self.standing(w.conn(), actor, id).await?;
        let Some(role) = s.role.filter(|r| r.sees_injects()) else {
            return Err(if s.role.is_some() {
                ServiceError::Forbidden
            } else {
                ServiceError::field("action", Msg::NotOnStaff)
            });
        };
        if !log_open(exercise.status) {
            return Err(ServiceError::Conflict(Msg::LogClosed));
        }
        let inject = inject_in(w.conn(), id, inject_id).await?;
        let action = inject
            .actions
            .iter()
            .find(|a| a.id == action_id)
            .ok_or_else(|| ServiceError::field("action", Msg::UnknownAction))?;
        if inject.status != InjectStatus::Sent {
            return Err(ServiceError::Conflict(Msg::PlayNotRunning));
        }
        if !storage::conduct::set_action_done(
            w.conn(),
            action_id,
            done.then_some((now, actor.user_id)),
        )
        .await?
        {
            return Err(ServiceError::Conflict(Msg::InjectChanged));
        }
        record_inject(&mut w, &exercise, inject_id, "update", Some(&inject)).await?;
        let (d, total) = inject.actions_done();
        let d = if done { d + 1 } else { d.saturating_sub(1) };
        let text = if done {
            format!(
                "Åtgärd utförd (inspel {}, {d} av {total}): {}",
                inject.number, action.text
            )
        } else {
            format!(
                "Åtgärd inte utförd ändå (inspel {}, {d} av {total}): {}",
                inject.number, action.text
            )
        };
        let (seq, entry_id) = append(
            &mut w,
            actor,
            &exercise,
            &Append {
                kind: EntryKind::PlayerAction,
                text: &text,
                observed_at: now,
                role,
                corrects: None,
                inject_id: Some(inject_id),
                objective_id: inject.objective_id,
                forvaltning_id: None,
                client_key: None,
            },
        )
        .await?;
        w.commit().await?;
        Ok(Logged {
            seq,
            id: entry_id,
            replayed: false,
        })
    }

    /// The inject list as sheet rows (`domain::msel`), with the exercise's name.
    pub async fn inject_sheet(
        &self,
        actor: &Actor,
        id: i64,
    ) -> ServiceResult<(String, Vec<Vec<String>>)> {
        let InjectList {
            exercise, injects, ..
        } = self.injects(actor, id).await?;
        let rows = crate::domain::msel::rows(
            &injects,
            |o| {
                exercise
                    .objectives
                    .iter()
                    .position(|x| x.id == o)
                    .map(|n| n + 1)
            },
            local_now,
        );
        Ok((exercise.name, rows))
    }

    /// The log as sheet rows, every version, oldest first, for those who watch it.
    pub async fn log_sheet(
        &self,
        actor: &Actor,
        id: i64,
    ) -> ServiceResult<(String, Vec<Vec<String>>)> {
        let live = self.live(actor, id).await?;
        let mut c = self.db.read().await?;
        let mut rows = vec![
            [
                "Nr",
                "Observerad",
                "Mottagen",
                "Scenariotid",
                "Sort",
                "Text",
                "Författare",
                "Roll",
                "Inspel",
                "Mål",
                "Förvaltning",
                "Rättar nr",
            ]
            .iter()
            .map(|h| h.to_string())
            .collect::<Vec<_>>(),
        ];
        let mut after = 0;
        let stamp = |t: DateTime<Utc>| local_now(t).format("%Y-%m-%d %H:%M:%S").to_string();
        let mut first_seq: HashMap<i64, i64> = HashMap::new();
        loop {
            let batch = storage::conduct::entries_after(&mut c, id, after, CATCH_UP_BATCH).await?;
            let Some(last) = batch.last().map(|e| e.seq) else {
                break;
            };
            for (e, v) in batch.iter().zip(
                live.entries
                    .iter()
                    .skip_while(|v| v.seq <= after)
                    .take(batch.len()),
            ) {
                first_seq.entry(e.entry_id).or_insert(e.seq);
                rows.push(vec![
                    e.seq.to_string(),
                    stamp(e.observed_at),
                    stamp(e.received_at),
                    e.scenario_at
                        .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                        .unwrap_or_default(),
                    e.kind.label().to_string(),
                    e.text.clone(),
                    e.author_name.clone(),
                    e.author_role.label().to_string(),
                    e.inject.map(|(_, n)| n.to_string()).unwrap_or_default(),
                    v.objective.clone().unwrap_or_default(),
                    v.forvaltning.clone().unwrap_or_default(),
                    if e.is_correction() {
                        first_seq
                            .get(&e.entry_id)
                            .map(|s| s.to_string())
                            .unwrap_or_default()
                    } else {
                        String::new()
                    },
                ]);
            }
            after = last;
        }
        Ok((live.exercise.name, rows))
    }
}

async fn inject_in(c: &mut Conn, exercise_id: i64, inject_id: i64) -> ServiceResult<Inject> {
    storage::conduct::inject(c, inject_id)
        .await?
        .filter(|i| i.exercise_id == exercise_id)
        .ok_or(ServiceError::NotFound)
}

async fn record_inject(
    w: &mut Work,
    exercise: &Exercise,
    inject_id: i64,
    action: &str,
    before: Option<&Inject>,
) -> ServiceResult<()> {
    let after = storage::conduct::inject(w.conn(), inject_id).await?;
    w.record(
        Change {
            action,
            entity_type: entity::INJECT,
            entity_id: format!("{}/{inject_id}", exercise.id),
            before,
            after: after.as_ref(),
        },
        &exercise.forvaltning_ids(),
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn standing(role: Option<StaffRole>, manages: bool, reads_design: bool) -> Standing {
        Standing {
            role,
            manages,
            reads_design,
        }
    }

    #[test]
    fn an_observer_on_the_staff_never_sees_injects_whatever_their_account() {
        let planner_observing = standing(Some(StaffRole::Observer), true, true);
        assert!(planner_observing.watches());
        assert!(!planner_observing.sees_injects());
        assert!(!planner_observing.edits_injects());
        let editor = standing(None, true, true);
        assert!(editor.sees_injects() && editor.edits_injects() && editor.controls());
        assert!(
            !editor.sends_injects(),
            "sending needs a place on the staff"
        );
        let outsider = standing(None, false, true);
        assert!(!outsider.watches());
        let motspel = standing(Some(StaffRole::Motspel), false, false);
        assert!(motspel.sees_injects() && motspel.sends_injects() && !motspel.controls());
    }
}
