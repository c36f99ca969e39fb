//! Live conduct (domain.md §5.5): the exercise's staff and what each role may do, the exercise
//! clock, the inject list (händelselista / MSEL) and the live log's entries.

use super::exercise::parse_local_datetime;
use super::message::{Label, Msg};
use super::validation::{FieldErrors, checked, optional_text, required_text};
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

/// A person's role in one exercise (HSEEP: controllers, simulators, evaluators, observers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum StaffRole {
    /// Övningsledning: runs the exercise, its clock and its injects.
    Control,
    /// Motspel: the response cell that plays the outside actors and sends injects.
    Motspel,
    Evaluator,
    /// Observers may be players, so they never see an inject before it is sent.
    Observer,
}

impl StaffRole {
    pub const ALL: [StaffRole; 4] = [
        Self::Control,
        Self::Motspel,
        Self::Evaluator,
        Self::Observer,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Control => "ovningsledning",
            Self::Motspel => "motspel",
            Self::Evaluator => "utvarderare",
            Self::Observer => "observator",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Control => "Övningsledning",
            Self::Motspel => "Motspel",
            Self::Evaluator => "Utvärderare",
            Self::Observer => "Observatör",
        }
    }

    /// Sees the inject list, unsent injects included.
    pub fn sees_injects(self) -> bool {
        self != Self::Observer
    }

    /// Sends injects and ticks the player actions they expect.
    pub fn sends_injects(self) -> bool {
        matches!(self, Self::Control | Self::Motspel)
    }

    /// Starts, pauses, resumes and ends play and sets the clock.
    pub fn controls(self) -> bool {
        self == Self::Control
    }

    /// May write an entry of `kind`. Everyone on the staff observes and may raise a safety stop
    /// or a real event; decisions and player actions are logged by control, motspel and
    /// evaluators; injects only by those who send them; control entries only by the clock.
    pub fn may_log(self, kind: EntryKind) -> bool {
        match kind {
            EntryKind::Observation | EntryKind::Deviation | EntryKind::RealEvent => true,
            EntryKind::PlayerAction | EntryKind::Decision => self != Self::Observer,
            EntryKind::Inject => self.sends_injects(),
            EntryKind::Control => false,
        }
    }
}

/// How an inject reaches the players.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Channel {
    Phone,
    Rakel,
    Email,
    Wis,
    Spoken,
    Other,
}

impl Channel {
    pub const ALL: [Channel; 6] = [
        Self::Phone,
        Self::Rakel,
        Self::Email,
        Self::Wis,
        Self::Spoken,
        Self::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Phone => "telefon",
            Self::Rakel => "rakel",
            Self::Email => "epost",
            Self::Wis => "wis",
            Self::Spoken => "muntligt",
            Self::Other => "annat",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Phone => "Telefon",
            Self::Rakel => "Rakel",
            Self::Email => "E-post",
            Self::Wis => "WIS",
            Self::Spoken => "Muntligt",
            Self::Other => "Annat",
        }
    }

    /// A channel as a sheet names it: its label or code, in any case ("e-post", "Epost", "WIS").
    pub fn from_text(text: &str) -> Option<Self> {
        let t = text.trim().to_lowercase().replace('-', "");
        Self::ALL
            .into_iter()
            .find(|c| c.code() == t || c.label().to_lowercase().replace('-', "") == t)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum InjectStatus {
    Planned,
    Sent,
    Skipped,
}

impl InjectStatus {
    pub const ALL: [InjectStatus; 3] = [Self::Planned, Self::Sent, Self::Skipped];

    pub fn code(self) -> &'static str {
        match self {
            Self::Planned => "planerad",
            Self::Sent => "skickad",
            Self::Skipped => "overhoppad",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Planned => "Planerad",
            Self::Sent => "Skickad",
            Self::Skipped => "Överhoppad",
        }
    }
}

/// What a log entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EntryKind {
    /// Inspel skickat.
    Inject,
    /// Spelaråtgärd.
    PlayerAction,
    /// Beslut.
    Decision,
    Observation,
    /// Avvikelse or säkerhetsstopp.
    Deviation,
    /// "Verklig händelse — inte övning" (Ex-Ex / No Duff): a real emergency interrupts play.
    RealEvent,
    /// Övningsstyrning: play started, paused, resumed or ended, written by the clock.
    Control,
}

impl EntryKind {
    pub const ALL: [EntryKind; 7] = [
        Self::Inject,
        Self::PlayerAction,
        Self::Decision,
        Self::Observation,
        Self::Deviation,
        Self::RealEvent,
        Self::Control,
    ];

    /// The kinds a person writes, in the order of their Alt+digit shortcuts (Alt+1 … Alt+6).
    pub const WRITTEN: [EntryKind; 6] = [
        Self::Observation,
        Self::PlayerAction,
        Self::Decision,
        Self::Inject,
        Self::Deviation,
        Self::RealEvent,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Inject => "inspel",
            Self::PlayerAction => "spelaratgard",
            Self::Decision => "beslut",
            Self::Observation => "observation",
            Self::Deviation => "avvikelse",
            Self::RealEvent => "verklig",
            Self::Control => "styrning",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Inject => "Inspel skickat",
            Self::PlayerAction => "Spelaråtgärd",
            Self::Decision => "Beslut",
            Self::Observation => "Observation",
            Self::Deviation => "Avvikelse/säkerhetsstopp",
            Self::RealEvent => "Verklig händelse — inte övning",
            Self::Control => "Övningsstyrning",
        }
    }

    /// Belongs in the evaluation report's timeline: what was sent, decided, deviated or real.
    pub fn is_key(self) -> bool {
        matches!(
            self,
            Self::Inject | Self::Decision | Self::Deviation | Self::RealEvent
        )
    }

    /// Reaches everyone at once and stands out: a safety stop or a real emergency.
    pub fn is_urgent(self) -> bool {
        matches!(self, Self::Deviation | Self::RealEvent)
    }

    /// The Alt+digit that picks this kind in the entry form, if it has one.
    pub fn shortcut(self) -> Option<usize> {
        Self::WRITTEN.iter().position(|k| *k == self).map(|i| i + 1)
    }
}

/// Where play stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClockState {
    NotStarted,
    Running,
    Paused,
    Ended,
}

impl ClockState {
    pub fn label(self) -> &'static str {
        match self {
            Self::NotStarted => "Inte startad",
            Self::Running => "Spelet pågår",
            Self::Paused => "Pausad",
            Self::Ended => "Avslutad",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::NotStarted => "ej_startad",
            Self::Running => "pagar",
            Self::Paused => "pausad",
            Self::Ended => "avslutad",
        }
    }
}

/// The exercise clock: scenario time runs with wall time while play runs, and stops while
/// paused. `offset_seconds` moves scenario time on (or back) by hand, e.g. a jump of two hours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    pub scenario_start: NaiveDateTime,
    pub offset_seconds: i64,
    pub started_at: Option<DateTime<Utc>>,
    pub paused_at: Option<DateTime<Utc>>,
    pub paused_seconds: i64,
    pub ended_at: Option<DateTime<Utc>>,
    pub version: i64,
}

impl Clock {
    pub fn new(scenario_start: NaiveDateTime) -> Self {
        Self {
            scenario_start,
            offset_seconds: 0,
            started_at: None,
            paused_at: None,
            paused_seconds: 0,
            ended_at: None,
            version: 1,
        }
    }

    pub fn state(&self) -> ClockState {
        match (self.started_at, self.paused_at, self.ended_at) {
            (None, ..) => ClockState::NotStarted,
            (_, _, Some(_)) => ClockState::Ended,
            (_, Some(_), None) => ClockState::Paused,
            (Some(_), None, None) => ClockState::Running,
        }
    }

    /// Wall time played up to `now`: since the start, less the pauses, up to the end.
    pub fn played(&self, now: DateTime<Utc>) -> Duration {
        let Some(started) = self.started_at else {
            return Duration::zero();
        };
        // A running pause counts from its start; ending folds it into `paused_seconds`.
        let until = self.ended_at.or(self.paused_at).unwrap_or(now).max(started);
        ((until - started) - Duration::seconds(self.paused_seconds)).max(Duration::zero())
    }

    /// Scenario time at wall time `now`.
    pub fn scenario_at(&self, now: DateTime<Utc>) -> NaiveDateTime {
        self.scenario_start + Duration::seconds(self.offset_seconds) + self.played(now)
    }
}

/// The clock's setting, as the form posts it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockInput {
    pub scenario_start: String,
    /// Minutes to move scenario time on (negative: back).
    pub offset_minutes: String,
}

pub const OFFSET_MAX_MINUTES: i64 = 60 * 24 * 30;

impl ClockInput {
    pub fn parse(&self) -> Result<(NaiveDateTime, i64), FieldErrors> {
        let mut e = FieldErrors::new();
        let start = parse_local_datetime(&self.scenario_start);
        if start.is_none() {
            e.add(
                "scenario_start",
                Msg::DateTimeFormat {
                    label: Label::ScenarioStart,
                },
            );
        }
        let raw = self.offset_minutes.trim();
        let offset = if raw.is_empty() {
            Some(0)
        } else {
            raw.parse::<i64>()
                .ok()
                .filter(|m| m.abs() <= OFFSET_MAX_MINUTES)
        };
        if offset.is_none() {
            e.add(
                "offset_minutes",
                Msg::OffsetRange {
                    max: OFFSET_MAX_MINUTES,
                },
            );
        }
        match (start, offset) {
            (Some(s), Some(o)) if e.is_empty() => Ok((s, o * 60)),
            _ => Err(e),
        }
    }
}

/// One expected player action of an inject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InjectAction {
    pub id: i64,
    pub text: String,
    pub done_at: Option<DateTime<Utc>>,
    pub done_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inject {
    pub id: i64,
    pub exercise_id: i64,
    pub number: i64,
    pub position: i64,
    pub planned_at: Option<NaiveDateTime>,
    pub sender: String,
    pub recipient: String,
    pub channel: Channel,
    pub content: String,
    pub objective_id: Option<i64>,
    pub reserve: bool,
    pub adhoc: bool,
    pub status: InjectStatus,
    pub sent_at: Option<DateTime<Utc>>,
    pub sent_scenario: Option<NaiveDateTime>,
    pub sent_by: Option<String>,
    pub actions: Vec<InjectAction>,
    pub version: i64,
}

impl Inject {
    /// "x av y åtgärder": the expected actions ticked, of all.
    pub fn actions_done(&self) -> (usize, usize) {
        (
            self.actions.iter().filter(|a| a.done_at.is_some()).count(),
            self.actions.len(),
        )
    }

    /// What an inject's sheet row holds, for the round trip through a file.
    pub fn to_input(&self, objective_number: Option<usize>) -> InjectInput {
        InjectInput {
            number: self.number.to_string(),
            planned_at: self
                .planned_at
                .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default(),
            sender: self.sender.clone(),
            recipient: self.recipient.clone(),
            channel: self.channel.code().to_string(),
            content: self.content.clone(),
            actions: self
                .actions
                .iter()
                .map(|a| a.text.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
            objective: objective_number.map(|n| n.to_string()).unwrap_or_default(),
            reserve: self.reserve.then(|| "on".to_string()),
        }
    }
}

/// An inject as the form (or a sheet row) gives it. `objective` is the objective's number in
/// the exercise (1, 2 …), `actions` one expected action per line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InjectInput {
    #[serde(default)]
    pub number: String,
    #[serde(default)]
    pub planned_at: String,
    #[serde(default)]
    pub sender: String,
    #[serde(default)]
    pub recipient: String,
    #[serde(default)]
    pub channel: String,
    #[serde(default)]
    pub content: String,
    #[serde(default)]
    pub actions: String,
    #[serde(default)]
    pub objective: String,
    #[serde(default)]
    pub reserve: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValidInject {
    pub number: Option<i64>,
    pub planned_at: Option<NaiveDateTime>,
    pub sender: String,
    pub recipient: String,
    pub channel: Channel,
    pub content: String,
    pub actions: Vec<String>,
    /// The objective's number in the exercise (1-based).
    pub objective: Option<usize>,
    pub reserve: bool,
}

pub const INJECT_CONTENT_MAX: usize = 4000;
pub const INJECT_PARTY_MAX: usize = 200;
pub const INJECT_ACTIONS_MAX: usize = 20;
pub const INJECT_ACTION_MAX: usize = 300;
pub const INJECT_NUMBER_MAX: i64 = 99_999;
/// Most injects in one exercise's list.
pub const INJECTS_MAX: usize = 2000;

/// A planned time as a form or sheet gives it: a date and time ("2026-12-09 08:30"), or a time
/// alone ("08:30"), which is on the scenario's first day.
pub fn parse_planned(raw: &str, scenario_start: NaiveDateTime) -> Option<NaiveDateTime> {
    let raw = raw.trim();
    parse_local_datetime(raw).or_else(|| {
        ["%H:%M", "%H:%M:%S", "%H.%M"]
            .iter()
            .find_map(|f| chrono::NaiveTime::parse_from_str(raw, f).ok())
            .map(|t| scenario_start.date().and_time(t))
    })
}

impl InjectInput {
    /// Validates one inject; field names are the form's (`number`, `channel` …).
    pub fn parse(
        &self,
        scenario_start: NaiveDateTime,
        objectives: usize,
    ) -> Result<ValidInject, FieldErrors> {
        let mut e = FieldErrors::new();
        let raw_number = self.number.trim();
        let number = if raw_number.is_empty() {
            None
        } else {
            match raw_number.parse::<i64>() {
                Ok(n) if (1..=INJECT_NUMBER_MAX).contains(&n) => Some(n),
                _ => {
                    e.add(
                        "number",
                        Msg::InjectNumberRange {
                            max: INJECT_NUMBER_MAX,
                        },
                    );
                    None
                }
            }
        };
        let planned_at = if self.planned_at.trim().is_empty() {
            None
        } else {
            let p = parse_planned(&self.planned_at, scenario_start);
            if p.is_none() {
                e.add(
                    "planned_at",
                    Msg::DateTimeFormat {
                        label: Label::PlannedAt,
                    },
                );
            }
            p
        };
        let sender = optional_text(
            &mut e,
            "sender",
            Label::Sender,
            &self.sender,
            INJECT_PARTY_MAX,
        );
        let recipient = optional_text(
            &mut e,
            "recipient",
            Label::Recipient,
            &self.recipient,
            INJECT_PARTY_MAX,
        );
        let channel = Channel::from_text(&self.channel);
        if channel.is_none() {
            e.add("channel", Msg::ChannelUnknown);
        }
        let content = required_text(
            &mut e,
            "content",
            Label::Content,
            &self.content,
            INJECT_CONTENT_MAX,
        );
        let actions: Vec<String> = self
            .actions
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
        if actions.len() > INJECT_ACTIONS_MAX {
            e.add(
                "actions",
                Msg::TooManyLines {
                    label: Label::ExpectedActions,
                    max: INJECT_ACTIONS_MAX,
                },
            );
        } else if actions
            .iter()
            .any(|a| a.chars().count() > INJECT_ACTION_MAX)
        {
            e.add(
                "actions",
                Msg::LineTooLong {
                    label: Label::ExpectedActions,
                    max: INJECT_ACTION_MAX,
                },
            );
        }
        let raw_objective = self.objective.trim();
        let objective = if raw_objective.is_empty() {
            None
        } else {
            match raw_objective.parse::<usize>() {
                Ok(n) if (1..=objectives).contains(&n) => Some(n),
                _ => {
                    e.add("objective", Msg::UnknownObjective);
                    None
                }
            }
        };
        match channel {
            Some(channel) if e.is_empty() => Ok(ValidInject {
                number,
                planned_at,
                sender,
                recipient,
                channel,
                content,
                actions,
                objective,
                reserve: checked(self.reserve.as_deref())
                    || matches!(
                        self.reserve.as_deref().map(str::to_lowercase).as_deref(),
                        Some("ja" | "x")
                    ),
            }),
            _ => Err(e),
        }
    }
}

/// One row of the live log (one version of an entry).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    pub id: i64,
    pub seq: i64,
    /// The first version's id; equal to `id` for a first version.
    pub entry_id: i64,
    pub kind: EntryKind,
    pub text: String,
    pub observed_at: DateTime<Utc>,
    pub received_at: DateTime<Utc>,
    pub scenario_at: Option<NaiveDateTime>,
    pub author_id: i64,
    pub author_name: String,
    pub author_role: StaffRole,
    pub inject: Option<(i64, i64)>,
    pub objective_id: Option<i64>,
    pub forvaltning_id: Option<i64>,
}

impl LogEntry {
    pub fn is_correction(&self) -> bool {
        self.entry_id != self.id
    }
}

/// A log entry as an author sends it. `observed_at` is the author's device's time
/// (RFC 3339); without it the entry was observed when it was received.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryInput {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub observed_at: String,
    #[serde(default)]
    pub inject: String,
    #[serde(default)]
    pub objective: String,
    #[serde(default)]
    pub forvaltning: String,
}

pub const ENTRY_TEXT_MAX: usize = 4000;
/// How long an entry may have waited on its device before it reached the server.
pub const OBSERVED_MAX_AGE_HOURS: i64 = 24 * 7;
/// How far ahead of the server a device's clock may be.
pub const OBSERVED_MAX_AHEAD_MINUTES: i64 = 10;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidEntry {
    pub kind: EntryKind,
    pub text: String,
    pub observed_at: DateTime<Utc>,
    pub inject_id: Option<i64>,
    pub objective_id: Option<i64>,
    pub forvaltning_id: Option<i64>,
}

fn optional_id(e: &mut FieldErrors, field: &str, raw: &str, msg: Msg) -> Option<i64> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    match raw.parse::<i64>() {
        Ok(id) if id > 0 => Some(id),
        _ => {
            e.add(field, msg);
            None
        }
    }
}

impl EntryInput {
    /// Validates an entry received at `now`; whether its links belong to the exercise is the
    /// service's to check.
    pub fn parse(&self, now: DateTime<Utc>) -> Result<ValidEntry, FieldErrors> {
        let mut e = FieldErrors::new();
        let kind = EntryKind::from_code(self.kind.trim()).filter(|k| *k != EntryKind::Control);
        if kind.is_none() {
            e.add("kind", Msg::EntryKindRequired);
        }
        let text = required_text(&mut e, "text", Label::EntryText, &self.text, ENTRY_TEXT_MAX);
        let raw_time = self.observed_at.trim();
        let observed_at = if raw_time.is_empty() {
            Some(now)
        } else {
            DateTime::parse_from_rfc3339(raw_time)
                .ok()
                .map(|t| t.with_timezone(&Utc))
                .filter(|t| {
                    *t >= now - Duration::hours(OBSERVED_MAX_AGE_HOURS)
                        && *t <= now + Duration::minutes(OBSERVED_MAX_AHEAD_MINUTES)
                })
        };
        if observed_at.is_none() {
            e.add("observed_at", Msg::ObservedAtImplausible);
        }
        let inject_id = optional_id(&mut e, "inject", &self.inject, Msg::UnknownInject);
        let objective_id = optional_id(&mut e, "objective", &self.objective, Msg::UnknownObjective);
        let forvaltning_id = optional_id(
            &mut e,
            "forvaltning",
            &self.forvaltning,
            Msg::UnknownForvaltning,
        );
        match (kind, observed_at) {
            (Some(kind), Some(observed_at)) if e.is_empty() => Ok(ValidEntry {
                kind,
                text,
                observed_at,
                inject_id,
                objective_id,
                forvaltning_id,
            }),
            _ => Err(e),
        }
    }
}

/// Scenario time as the log shows it: the time of day, with the scenario day when play has run
/// past its first ("dag 2 06:15").
pub fn scenario_label(at: NaiveDateTime, scenario_start: NaiveDateTime) -> String {
    use chrono::Timelike;
    // By hand, not `format`: the browser's live clock runs this every second, and chrono's
    // format machinery would add to the WebAssembly.
    let time = format!("{:02}:{:02}", at.hour(), at.minute());
    let day = (at.date() - scenario_start.date()).num_days() + 1;
    if day == 1 {
        time
    } else {
        format!("dag {day} {time}")
    }
}

/// The current version of each entry, newest first, with its earlier versions (oldest first).
pub fn current_versions(rows: &[LogEntry]) -> Vec<(LogEntry, Vec<LogEntry>)> {
    let mut out: Vec<(LogEntry, Vec<LogEntry>)> = Vec::new();
    let mut index: std::collections::HashMap<i64, usize> = std::collections::HashMap::new();
    let mut sorted: Vec<&LogEntry> = rows.iter().collect();
    sorted.sort_by_key(|e| e.seq);
    for row in sorted {
        match index.get(&row.entry_id) {
            Some(&i) => {
                let (current, history) = &mut out[i];
                history.push(std::mem::replace(current, row.clone()));
            }
            None => {
                index.insert(row.entry_id, out.len());
                out.push((row.clone(), Vec::new()));
            }
        }
    }
    // Newest first by the entry's first version: a correction stays where the entry was.
    out.sort_by_key(|(current, history)| {
        std::cmp::Reverse(history.first().map_or(current.seq, |h| h.seq))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 9, h, m, 0).unwrap()
    }

    fn local(s: &str) -> NaiveDateTime {
        parse_local_datetime(s).unwrap()
    }

    #[test]
    fn the_clock_runs_with_play_and_stops_while_paused() {
        let mut c = Clock::new(local("2026-12-09T06:00"));
        assert_eq!(c.state(), ClockState::NotStarted);
        assert_eq!(c.scenario_at(at(8, 0)), local("2026-12-09T06:00"));
        c.started_at = Some(at(8, 0));
        assert_eq!(c.state(), ClockState::Running);
        assert_eq!(c.scenario_at(at(8, 30)), local("2026-12-09T06:30"));
        c.paused_at = Some(at(8, 30));
        assert_eq!(c.state(), ClockState::Paused);
        assert_eq!(c.scenario_at(at(9, 0)), local("2026-12-09T06:30"));
        // Resume at 9:00: the 30 minutes' pause is added to the paused total.
        c.paused_at = None;
        c.paused_seconds = 30 * 60;
        assert_eq!(c.scenario_at(at(9, 10)), local("2026-12-09T06:40"));
        c.offset_seconds = 2 * 3600;
        assert_eq!(c.scenario_at(at(9, 10)), local("2026-12-09T08:40"));
        c.ended_at = Some(at(9, 20));
        assert_eq!(c.state(), ClockState::Ended);
        assert_eq!(c.scenario_at(at(12, 0)), local("2026-12-09T08:50"));
    }

    #[test]
    fn roles_decide_who_logs_what_and_who_sees_injects() {
        assert!(StaffRole::Observer.may_log(EntryKind::Observation));
        assert!(StaffRole::Observer.may_log(EntryKind::RealEvent));
        assert!(!StaffRole::Observer.may_log(EntryKind::Decision));
        assert!(!StaffRole::Observer.may_log(EntryKind::Inject));
        assert!(!StaffRole::Observer.sees_injects());
        assert!(StaffRole::Evaluator.sees_injects());
        assert!(!StaffRole::Evaluator.sends_injects());
        assert!(StaffRole::Motspel.sends_injects());
        assert!(!StaffRole::Motspel.controls());
        assert!(StaffRole::Control.controls());
        assert!(
            StaffRole::ALL
                .iter()
                .all(|r| !r.may_log(EntryKind::Control))
        );
    }

    #[test]
    fn shortcuts_are_alt_one_to_six() {
        assert_eq!(EntryKind::Observation.shortcut(), Some(1));
        assert_eq!(EntryKind::RealEvent.shortcut(), Some(6));
        assert_eq!(EntryKind::Control.shortcut(), None);
    }

    #[test]
    fn an_entry_needs_a_kind_and_text_of_sensible_length() {
        let now = at(10, 0);
        let empty = EntryInput {
            kind: "observation".into(),
            ..Default::default()
        };
        assert_eq!(
            empty.parse(now).unwrap_err().get("text"),
            Some(&Msg::Required {
                label: Label::EntryText
            })
        );
        let huge = EntryInput {
            kind: "observation".into(),
            text: "x".repeat(100_000),
            ..Default::default()
        };
        assert!(matches!(
            huge.parse(now).unwrap_err().get("text"),
            Some(Msg::TooLong { .. })
        ));
        let control = EntryInput {
            kind: "styrning".into(),
            text: "x".into(),
            ..Default::default()
        };
        assert_eq!(
            control.parse(now).unwrap_err().get("kind"),
            Some(&Msg::EntryKindRequired)
        );
        let ok = EntryInput {
            kind: "beslut".into(),
            text: "  Stab upprättas  ".into(),
            observed_at: "2026-12-09T09:58:30Z".into(),
            inject: "12".into(),
            ..Default::default()
        }
        .parse(now)
        .unwrap();
        assert_eq!(ok.text, "Stab upprättas");
        assert_eq!(ok.inject_id, Some(12));
        assert_eq!(
            ok.observed_at,
            Utc.with_ymd_and_hms(2026, 12, 9, 9, 58, 30).unwrap()
        );
    }

    #[test]
    fn a_device_time_far_off_is_refused() {
        let now = at(10, 0);
        for raw in ["2026-12-09T11:00:00Z", "2026-11-01T10:00:00Z", "igår"] {
            let input = EntryInput {
                kind: "observation".into(),
                text: "x".into(),
                observed_at: raw.into(),
                ..Default::default()
            };
            assert_eq!(
                input.parse(now).unwrap_err().get("observed_at"),
                Some(&Msg::ObservedAtImplausible),
                "{raw}"
            );
        }
    }

    #[test]
    fn an_inject_is_parsed_with_its_time_channel_and_actions() {
        let start = local("2026-12-09T06:00");
        let v = InjectInput {
            number: "3".into(),
            planned_at: "06:45".into(),
            sender: "SOS Alarm".into(),
            recipient: "TiB".into(),
            channel: "Rakel".into(),
            content: "Larm om strömavbrott".into(),
            actions: "Larma RKL\n\n  Kontakta Ellevio ".into(),
            objective: "1".into(),
            reserve: Some("ja".into()),
        }
        .parse(start, 2)
        .unwrap();
        assert_eq!(v.planned_at, Some(local("2026-12-09T06:45")));
        assert_eq!(v.channel, Channel::Rakel);
        assert_eq!(v.actions, vec!["Larma RKL", "Kontakta Ellevio"]);
        assert_eq!(v.objective, Some(1));
        assert!(v.reserve);
        let bad = InjectInput {
            number: "0".into(),
            planned_at: "kvart i sju".into(),
            channel: "fax".into(),
            objective: "3".into(),
            ..Default::default()
        }
        .parse(start, 2)
        .unwrap_err();
        for f in ["number", "planned_at", "channel", "content", "objective"] {
            assert!(bad.get(f).is_some(), "{f}");
        }
    }

    #[test]
    fn channels_are_read_as_sheets_write_them() {
        assert_eq!(Channel::from_text("e-post"), Some(Channel::Email));
        assert_eq!(Channel::from_text("EPOST"), Some(Channel::Email));
        assert_eq!(Channel::from_text(" WIS "), Some(Channel::Wis));
        assert_eq!(Channel::from_text("fax"), None);
    }

    #[test]
    fn scenario_days_after_the_first_are_named() {
        let start = local("2026-12-09T06:00");
        assert_eq!(scenario_label(local("2026-12-09T07:05"), start), "07:05");
        assert_eq!(
            scenario_label(local("2026-12-10T01:30"), start),
            "dag 2 01:30"
        );
    }

    fn entry(id: i64, seq: i64, entry_id: i64, text: &str) -> LogEntry {
        LogEntry {
            id,
            seq,
            entry_id,
            kind: EntryKind::Observation,
            text: text.into(),
            observed_at: at(9, 0),
            received_at: at(9, 0),
            scenario_at: None,
            author_id: 1,
            author_name: "A".into(),
            author_role: StaffRole::Control,
            inject: None,
            objective_id: None,
            forvaltning_id: None,
        }
    }

    #[test]
    fn a_correction_replaces_the_entry_and_keeps_its_history() {
        let rows = vec![
            entry(1, 1, 1, "first"),
            entry(2, 2, 2, "second"),
            entry(3, 3, 1, "first, corrected"),
        ];
        let current = current_versions(&rows);
        assert_eq!(current.len(), 2);
        assert_eq!(current[0].0.text, "second");
        assert_eq!(current[1].0.text, "first, corrected");
        assert_eq!(current[1].1.len(), 1);
        assert_eq!(current[1].1[0].text, "first");
    }
}

/// An inject's state as the live view shows it beside its entries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InjectState {
    pub id: i64,
    pub number: i64,
    pub status: InjectStatus,
    pub done: usize,
    pub total: usize,
}

/// The clock as a browser runs it: scenario time `scenario_ms` (a wall-clock time as
/// milliseconds since 1970, read as UTC) at the server's `at_ms`, running on from there while
/// `running`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockView {
    pub state: ClockState,
    pub scenario_ms: i64,
    pub at_ms: i64,
    pub running: bool,
    /// The scenario's first day, for "dag 2" labels.
    pub start_day_ms: i64,
}

impl ClockView {
    pub fn of(clock: &Clock, now: DateTime<Utc>) -> Self {
        Self {
            state: clock.state(),
            scenario_ms: clock.scenario_at(now).and_utc().timestamp_millis(),
            at_ms: now.timestamp_millis(),
            running: clock.state() == ClockState::Running,
            start_day_ms: clock
                .scenario_start
                .date()
                .and_time(chrono::NaiveTime::MIN)
                .and_utc()
                .timestamp_millis(),
        }
    }

    /// Scenario time at wall time `now_ms` (the server's clock).
    pub fn scenario_at_ms(&self, now_ms: i64) -> i64 {
        if self.running {
            self.scenario_ms + (now_ms - self.at_ms).max(0)
        } else {
            self.scenario_ms
        }
    }
}

/// One log row as the live view shows it, with times already in Swedish wall-clock time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryView {
    pub seq: i64,
    pub id: i64,
    pub entry_id: i64,
    pub kind: EntryKind,
    pub text: String,
    /// When the author saw it ("14:02:11"), and when the server got it.
    pub observed: String,
    pub received: String,
    /// Scenario time ("06:12", "dag 2 01:30"); empty before play.
    pub scenario: String,
    pub author: String,
    pub author_id: i64,
    pub role: StaffRole,
    pub inject: Option<InjectState>,
    pub objective: Option<String>,
    pub objective_id: Option<i64>,
    pub forvaltning: Option<String>,
    /// The clock after a control entry.
    pub clock: Option<ClockView>,
}

impl EntryView {
    pub fn is_correction(&self) -> bool {
        self.entry_id != self.id
    }
}
