//! SQL for live conduct: the exercise's staff, its clock and log sequence, its inject list and
//! its live log.

use super::{Conn, StoreResult, decode_error, query};
use crate::domain::Role;
use crate::domain::conduct::{
    Channel, Clock, EntryKind, Inject, InjectAction, InjectStatus, LogEntry, StaffRole, ValidInject,
};
use chrono::{DateTime, NaiveDateTime, Utc};

/// A person on an exercise's staff.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StaffMember {
    pub user_id: i64,
    pub username: String,
    pub display_name: String,
    pub system_role: Role,
    pub role: StaffRole,
}

#[derive(sqlx::FromRow)]
struct StaffRow {
    user_id: i64,
    username: String,
    display_name: String,
    system_role: String,
    role: String,
}

pub async fn staff(c: &mut Conn, exercise_id: i64) -> StoreResult<Vec<StaffMember>> {
    let rows: Vec<StaffRow> = query(
        "SELECT s.user_id, u.username, u.display_name, u.role AS system_role, s.role
         FROM exercise_staff s JOIN users u ON u.id = s.user_id
         WHERE s.exercise_id = $1 ORDER BY s.role, u.display_name",
    )
    .bind(exercise_id)
    .fetch_all(c)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(StaffMember {
                system_role: Role::from_code(&r.system_role)
                    .ok_or_else(|| decode_error("role", &r.system_role))?,
                role: StaffRole::from_code(&r.role)
                    .ok_or_else(|| decode_error("staff role", &r.role))?,
                user_id: r.user_id,
                username: r.username,
                display_name: r.display_name,
            })
        })
        .collect()
}

/// The role of `user_id` in the exercise, if they are on its staff.
pub async fn staff_role(
    c: &mut Conn,
    exercise_id: i64,
    user_id: i64,
) -> StoreResult<Option<StaffRole>> {
    let row: Option<(String,)> =
        query("SELECT role FROM exercise_staff WHERE exercise_id = $1 AND user_id = $2")
            .bind(exercise_id)
            .bind(user_id)
            .fetch_optional(c)
            .await?;
    row.map(|(r,)| StaffRole::from_code(&r).ok_or_else(|| decode_error("staff role", &r)))
        .transpose()
}

/// Puts a person on the staff in `role`, or changes their role.
pub async fn set_staff(
    c: &mut Conn,
    exercise_id: i64,
    user_id: i64,
    role: StaffRole,
) -> StoreResult<()> {
    query(
        "INSERT INTO exercise_staff (exercise_id, user_id, role) VALUES ($1, $2, $3)
         ON CONFLICT (exercise_id, user_id) DO UPDATE SET role = excluded.role",
    )
    .bind(exercise_id)
    .bind(user_id)
    .bind(role.code())
    .execute(c)
    .await?;
    Ok(())
}

pub async fn remove_staff(c: &mut Conn, exercise_id: i64, user_id: i64) -> StoreResult<bool> {
    Ok(
        query("DELETE FROM exercise_staff WHERE exercise_id = $1 AND user_id = $2")
            .bind(exercise_id)
            .bind(user_id)
            .execute(c)
            .await?
            .rows_affected()
            > 0,
    )
}

#[derive(sqlx::FromRow)]
struct ClockRow {
    scenario_start: NaiveDateTime,
    offset_seconds: i64,
    started_at: Option<DateTime<Utc>>,
    paused_at: Option<DateTime<Utc>>,
    paused_seconds: i64,
    ended_at: Option<DateTime<Utc>>,
    version: i64,
}

pub async fn clock(c: &mut Conn, exercise_id: i64) -> StoreResult<Option<Clock>> {
    let row: Option<ClockRow> = query(
        "SELECT scenario_start, offset_seconds, started_at, paused_at, paused_seconds, ended_at, version
         FROM exercise_conduct WHERE exercise_id = $1",
    )
    .bind(exercise_id)
    .fetch_optional(c)
    .await?;
    Ok(row.map(|r| Clock {
        scenario_start: r.scenario_start,
        offset_seconds: r.offset_seconds,
        started_at: r.started_at,
        paused_at: r.paused_at,
        paused_seconds: r.paused_seconds,
        ended_at: r.ended_at,
        version: r.version,
    }))
}

/// Gives an exercise its clock (scenario time from `scenario_start`) unless it has one.
pub async fn ensure_clock(
    c: &mut Conn,
    exercise_id: i64,
    scenario_start: NaiveDateTime,
) -> StoreResult<()> {
    query(
        "INSERT INTO exercise_conduct (exercise_id, scenario_start) VALUES ($1, $2)
         ON CONFLICT (exercise_id) DO NOTHING",
    )
    .bind(exercise_id)
    .bind(scenario_start)
    .execute(c)
    .await?;
    Ok(())
}

/// Saves the clock over the one at `clock.version`; false when it has changed since.
pub async fn save_clock(c: &mut Conn, exercise_id: i64, clock: &Clock) -> StoreResult<bool> {
    Ok(query(
        "UPDATE exercise_conduct SET scenario_start = $1, offset_seconds = $2, started_at = $3,
           paused_at = $4, paused_seconds = $5, ended_at = $6, version = version + 1
         WHERE exercise_id = $7 AND version = $8",
    )
    .bind(clock.scenario_start)
    .bind(clock.offset_seconds)
    .bind(clock.started_at)
    .bind(clock.paused_at)
    .bind(clock.paused_seconds)
    .bind(clock.ended_at)
    .bind(exercise_id)
    .bind(clock.version)
    .execute(c)
    .await?
    .rows_affected()
        == 1)
}

/// Takes the exercise's next log number. The update holds the exercise's row until the
/// transaction ends, so a concurrent writer (another instance on PostgreSQL) waits and takes
/// the number after: numbers are gap-free and commit in order.
pub async fn next_seq(c: &mut Conn, exercise_id: i64) -> StoreResult<Option<i64>> {
    let row: Option<(i64,)> = query(
        "UPDATE exercise_conduct SET last_seq = last_seq + 1 WHERE exercise_id = $1 RETURNING last_seq",
    )
    .bind(exercise_id)
    .fetch_optional(c)
    .await?;
    Ok(row.map(|(s,)| s))
}

/// The number of the last entry of the exercise's log, 0 when it has none.
pub async fn last_seq(c: &mut Conn, exercise_id: i64) -> StoreResult<i64> {
    let row: Option<(i64,)> = query("SELECT last_seq FROM exercise_conduct WHERE exercise_id = $1")
        .bind(exercise_id)
        .fetch_optional(c)
        .await?;
    Ok(row.map_or(0, |(s,)| s))
}

#[derive(sqlx::FromRow)]
struct InjectRow {
    id: i64,
    exercise_id: i64,
    number: i64,
    position: i64,
    planned_at: Option<NaiveDateTime>,
    sender: String,
    recipient: String,
    channel: String,
    content: String,
    objective_id: Option<i64>,
    reserve: bool,
    adhoc: bool,
    status: String,
    sent_at: Option<DateTime<Utc>>,
    sent_scenario: Option<NaiveDateTime>,
    sent_by: Option<String>,
    version: i64,
}

#[derive(sqlx::FromRow)]
struct ActionRow {
    id: i64,
    inject_id: i64,
    text: String,
    done_at: Option<DateTime<Utc>>,
    done_by: Option<String>,
}

fn inject_of(r: InjectRow, actions: &mut Vec<ActionRow>) -> StoreResult<Inject> {
    let mine: Vec<InjectAction> = actions
        .extract_if(.., |a| a.inject_id == r.id)
        .map(|a| InjectAction {
            id: a.id,
            text: a.text,
            done_at: a.done_at,
            done_by: a.done_by,
        })
        .collect();
    Ok(Inject {
        channel: Channel::from_code(&r.channel)
            .ok_or_else(|| decode_error("channel", &r.channel))?,
        status: InjectStatus::from_code(&r.status)
            .ok_or_else(|| decode_error("inject status", &r.status))?,
        id: r.id,
        exercise_id: r.exercise_id,
        number: r.number,
        position: r.position,
        planned_at: r.planned_at,
        sender: r.sender,
        recipient: r.recipient,
        content: r.content,
        objective_id: r.objective_id,
        reserve: r.reserve,
        adhoc: r.adhoc,
        sent_at: r.sent_at,
        sent_scenario: r.sent_scenario,
        sent_by: r.sent_by,
        actions: mine,
        version: r.version,
    })
}

const INJECT_COLUMNS: &str =
    "i.id, i.exercise_id, i.number, i.position, i.planned_at, i.sender, i.recipient, i.channel,
    i.content, i.objective_id, i.reserve, i.adhoc, i.status, i.sent_at, i.sent_scenario,
    u.display_name AS sent_by, i.version";

/// The exercise's inject list in its order, each with its expected actions.
pub async fn injects(c: &mut Conn, exercise_id: i64) -> StoreResult<Vec<Inject>> {
    let rows: Vec<InjectRow> = super::sql::query_built(format!(
        "SELECT {INJECT_COLUMNS} FROM injects i LEFT JOIN users u ON u.id = i.sent_by
         WHERE i.exercise_id = $1 ORDER BY i.position, i.id"
    ))
    .bind(exercise_id)
    .fetch_all(&mut *c)
    .await?;
    let mut actions: Vec<ActionRow> = query(
        "SELECT a.id, a.inject_id, a.text, a.done_at, u.display_name AS done_by
         FROM inject_actions a JOIN injects i ON i.id = a.inject_id
         LEFT JOIN users u ON u.id = a.done_by
         WHERE i.exercise_id = $1 ORDER BY a.inject_id, a.position",
    )
    .bind(exercise_id)
    .fetch_all(c)
    .await?;
    rows.into_iter()
        .map(|r| inject_of(r, &mut actions))
        .collect()
}

/// One inject, with its actions.
pub async fn inject(c: &mut Conn, id: i64) -> StoreResult<Option<Inject>> {
    let row: Option<InjectRow> = super::sql::query_built(format!(
        "SELECT {INJECT_COLUMNS} FROM injects i LEFT JOIN users u ON u.id = i.sent_by WHERE i.id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *c)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let mut actions: Vec<ActionRow> = query(
        "SELECT a.id, a.inject_id, a.text, a.done_at, u.display_name AS done_by
         FROM inject_actions a LEFT JOIN users u ON u.id = a.done_by
         WHERE a.inject_id = $1 ORDER BY a.position",
    )
    .bind(id)
    .fetch_all(c)
    .await?;
    inject_of(row, &mut actions).map(Some)
}

/// Where a new inject goes: its fields, its number and place, its objective's id.
pub struct NewInject<'a> {
    pub exercise_id: i64,
    pub number: i64,
    pub position: i64,
    pub inject: &'a ValidInject,
    pub objective_id: Option<i64>,
    pub adhoc: bool,
}

async fn insert_actions(c: &mut Conn, inject_id: i64, actions: &[String]) -> StoreResult<()> {
    for (i, text) in actions.iter().enumerate() {
        query("INSERT INTO inject_actions (inject_id, position, text) VALUES ($1, $2, $3)")
            .bind(inject_id)
            .bind(i as i64)
            .bind(text)
            .execute(&mut *c)
            .await?;
    }
    Ok(())
}

pub async fn insert_inject(c: &mut Conn, n: &NewInject<'_>) -> StoreResult<i64> {
    let v = n.inject;
    let (id,): (i64,) = query(
        "INSERT INTO injects (exercise_id, number, position, planned_at, sender, recipient, channel,
           content, objective_id, reserve, adhoc)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(n.exercise_id)
    .bind(n.number)
    .bind(n.position)
    .bind(v.planned_at)
    .bind(&v.sender)
    .bind(&v.recipient)
    .bind(v.channel.code())
    .bind(&v.content)
    .bind(n.objective_id)
    .bind(v.reserve)
    .bind(n.adhoc)
    .fetch_one(&mut *c)
    .await?;
    insert_actions(c, id, &v.actions).await?;
    Ok(id)
}

/// Saves an unsent inject's fields over version `version`. Actions whose text stays keep
/// whether they were ticked. False when the inject changed since.
pub async fn update_inject(
    c: &mut Conn,
    id: i64,
    version: i64,
    number: i64,
    v: &ValidInject,
    objective_id: Option<i64>,
) -> StoreResult<bool> {
    let done = query(
        "UPDATE injects SET number = $1, planned_at = $2, sender = $3, recipient = $4, channel = $5,
           content = $6, objective_id = $7, reserve = $8, version = version + 1
         WHERE id = $9 AND version = $10",
    )
    .bind(number)
    .bind(v.planned_at)
    .bind(&v.sender)
    .bind(&v.recipient)
    .bind(v.channel.code())
    .bind(&v.content)
    .bind(objective_id)
    .bind(v.reserve)
    .bind(id)
    .bind(version)
    .execute(&mut *c)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    let old: Vec<(i64, String)> =
        query("SELECT id, text FROM inject_actions WHERE inject_id = $1 ORDER BY position")
            .bind(id)
            .fetch_all(&mut *c)
            .await?;
    for (action_id, text) in &old {
        if !v.actions.contains(text) {
            query("DELETE FROM inject_actions WHERE id = $1")
                .bind(*action_id)
                .execute(&mut *c)
                .await?;
        }
    }
    for (i, text) in v.actions.iter().enumerate() {
        match old.iter().find(|(_, t)| t == text) {
            Some((action_id, _)) => {
                query("UPDATE inject_actions SET position = $1 WHERE id = $2")
                    .bind(i as i64)
                    .bind(*action_id)
                    .execute(&mut *c)
                    .await?;
            }
            None => {
                query("INSERT INTO inject_actions (inject_id, position, text) VALUES ($1, $2, $3)")
                    .bind(id)
                    .bind(i as i64)
                    .bind(text)
                    .execute(&mut *c)
                    .await?;
            }
        }
    }
    Ok(true)
}

pub async fn delete_inject(c: &mut Conn, id: i64) -> StoreResult<()> {
    query("DELETE FROM injects WHERE id = $1")
        .bind(id)
        .execute(c)
        .await?;
    Ok(())
}

/// Removes every inject of the exercise (before an import replaces the list).
pub async fn delete_injects(c: &mut Conn, exercise_id: i64) -> StoreResult<()> {
    query("DELETE FROM injects WHERE exercise_id = $1")
        .bind(exercise_id)
        .execute(c)
        .await?;
    Ok(())
}

/// Sets an inject's status, with when, at what scenario time and by whom it was sent, over
/// version `version`; false when it changed since.
pub async fn set_inject_status(
    c: &mut Conn,
    id: i64,
    version: i64,
    status: InjectStatus,
    sent: Option<(DateTime<Utc>, NaiveDateTime, i64)>,
) -> StoreResult<bool> {
    Ok(query(
        "UPDATE injects SET status = $1, sent_at = $2, sent_scenario = $3, sent_by = $4,
           version = version + 1 WHERE id = $5 AND version = $6",
    )
    .bind(status.code())
    .bind(sent.map(|s| s.0))
    .bind(sent.map(|s| s.1))
    .bind(sent.map(|s| s.2))
    .bind(id)
    .bind(version)
    .execute(c)
    .await?
    .rows_affected()
        == 1)
}

/// Gives the exercise's injects the positions of `order` (inject ids, first to last).
pub async fn reorder(c: &mut Conn, exercise_id: i64, order: &[i64]) -> StoreResult<()> {
    for (i, id) in order.iter().enumerate() {
        query("UPDATE injects SET position = $1 WHERE id = $2 AND exercise_id = $3")
            .bind(i as i64)
            .bind(*id)
            .bind(exercise_id)
            .execute(&mut *c)
            .await?;
    }
    Ok(())
}

/// Ticks (or unticks) an expected action; false when it was already so.
pub async fn set_action_done(
    c: &mut Conn,
    action_id: i64,
    done: Option<(DateTime<Utc>, i64)>,
) -> StoreResult<bool> {
    let sql = if done.is_some() {
        "UPDATE inject_actions SET done_at = $1, done_by = $2 WHERE id = $3 AND done_at IS NULL"
    } else {
        "UPDATE inject_actions SET done_at = $1, done_by = $2 WHERE id = $3 AND done_at IS NOT NULL"
    };
    Ok(query(sql)
        .bind(done.map(|d| d.0))
        .bind(done.map(|d| d.1))
        .bind(action_id)
        .execute(c)
        .await?
        .rows_affected()
        == 1)
}

/// A log entry to append.
pub struct NewEntry<'a> {
    pub exercise_id: i64,
    pub seq: i64,
    /// The entry a correction corrects (its first version); `None` for a new entry.
    pub corrects: Option<i64>,
    pub kind: EntryKind,
    pub text: &'a str,
    pub observed_at: DateTime<Utc>,
    pub received_at: DateTime<Utc>,
    pub scenario_at: Option<NaiveDateTime>,
    pub author_id: i64,
    pub author_name: &'a str,
    pub author_role: StaffRole,
    pub inject_id: Option<i64>,
    pub objective_id: Option<i64>,
    pub forvaltning_id: Option<i64>,
    pub client_key: Option<&'a str>,
}

pub async fn insert_entry(c: &mut Conn, e: &NewEntry<'_>) -> StoreResult<i64> {
    let (id,): (i64,) = query(
        "INSERT INTO log_entries (exercise_id, seq, entry_id, kind, text, observed_at, received_at,
           scenario_at, author_id, author_name, author_role, inject_id, objective_id, forvaltning_id,
           client_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
    )
    .bind(e.exercise_id)
    .bind(e.seq)
    .bind(e.corrects)
    .bind(e.kind.code())
    .bind(e.text)
    .bind(e.observed_at)
    .bind(e.received_at)
    .bind(e.scenario_at)
    .bind(e.author_id)
    .bind(e.author_name)
    .bind(e.author_role.code())
    .bind(e.inject_id)
    .bind(e.objective_id)
    .bind(e.forvaltning_id)
    .bind(e.client_key)
    .fetch_one(c)
    .await?;
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct EntryRow {
    id: i64,
    seq: i64,
    entry_id: Option<i64>,
    kind: String,
    text: String,
    observed_at: DateTime<Utc>,
    received_at: DateTime<Utc>,
    scenario_at: Option<NaiveDateTime>,
    author_id: i64,
    author_name: String,
    author_role: String,
    inject_id: Option<i64>,
    inject_number: Option<i64>,
    objective_id: Option<i64>,
    forvaltning_id: Option<i64>,
}

fn entry_of(r: EntryRow) -> StoreResult<LogEntry> {
    Ok(LogEntry {
        kind: EntryKind::from_code(&r.kind).ok_or_else(|| decode_error("entry kind", &r.kind))?,
        author_role: StaffRole::from_code(&r.author_role)
            .ok_or_else(|| decode_error("staff role", &r.author_role))?,
        entry_id: r.entry_id.unwrap_or(r.id),
        id: r.id,
        seq: r.seq,
        text: r.text,
        observed_at: r.observed_at,
        received_at: r.received_at,
        scenario_at: r.scenario_at,
        author_id: r.author_id,
        author_name: r.author_name,
        inject: r.inject_id.zip(r.inject_number),
        objective_id: r.objective_id,
        forvaltning_id: r.forvaltning_id,
    })
}

const ENTRY_SELECT: &str = "SELECT e.id, e.seq, e.entry_id, e.kind, e.text, e.observed_at, e.received_at,
    e.scenario_at, e.author_id, e.author_name, e.author_role, e.inject_id, i.number AS inject_number,
    e.objective_id, e.forvaltning_id FROM log_entries e LEFT JOIN injects i ON i.id = e.inject_id";

/// The exercise's log rows after number `after`, oldest first, at most `limit`.
pub async fn entries_after(
    c: &mut Conn,
    exercise_id: i64,
    after: i64,
    limit: i64,
) -> StoreResult<Vec<LogEntry>> {
    let rows: Vec<EntryRow> = super::sql::query_built(format!(
        "{ENTRY_SELECT} WHERE e.exercise_id = $1 AND e.seq > $2 ORDER BY e.seq LIMIT $3"
    ))
    .bind(exercise_id)
    .bind(after)
    .bind(limit)
    .fetch_all(c)
    .await?;
    rows.into_iter().map(entry_of).collect()
}

/// The versions of entry `entry_id` (by its first version) numbered before `seq`, oldest first.
pub async fn versions_before(
    c: &mut Conn,
    exercise_id: i64,
    entry_id: i64,
    seq: i64,
) -> StoreResult<Vec<LogEntry>> {
    let rows: Vec<EntryRow> = super::sql::query_built(format!(
        "{ENTRY_SELECT} WHERE e.exercise_id = $1 AND (e.id = $2 OR e.entry_id = $2) AND e.seq < $3
         ORDER BY e.seq"
    ))
    .bind(exercise_id)
    .bind(entry_id)
    .bind(seq)
    .fetch_all(c)
    .await?;
    rows.into_iter().map(entry_of).collect()
}

/// One row of the exercise's log.
pub async fn entry(c: &mut Conn, exercise_id: i64, id: i64) -> StoreResult<Option<LogEntry>> {
    let row: Option<EntryRow> = super::sql::query_built(format!(
        "{ENTRY_SELECT} WHERE e.exercise_id = $1 AND e.id = $2"
    ))
    .bind(exercise_id)
    .bind(id)
    .fetch_optional(c)
    .await?;
    row.map(entry_of).transpose()
}
