//! Server functions of live conduct: the live view, the log, the clock, the staff and the
//! inject list. Exports are plain downloads (`server::router`); the log's live stream is the
//! server's `/ovningar/{id}/live/strom`.

use super::AppError;
use crate::domain::conduct::{
    Clock, ClockInput, ClockView, EntryInput, EntryView, Inject, InjectInput, StaffRole,
};
use crate::domain::exercise::Exercise;
use crate::domain::forvaltning::Forvaltning;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A person on the staff, as the pages show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffView {
    pub user_id: i64,
    pub name: String,
    pub username: String,
    pub role: StaffRole,
}

/// An account that could join the staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub user_id: i64,
    pub name: String,
    /// Observers and board viewers may only observe.
    pub observer_only: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveView {
    pub exercise: Exercise,
    pub user_id: i64,
    pub role: Option<StaffRole>,
    pub sees_injects: bool,
    pub edits_injects: bool,
    pub sends_injects: bool,
    pub ticks_actions: bool,
    pub controls: bool,
    pub manages: bool,
    pub clock: Clock,
    pub clock_view: ClockView,
    /// The time now in Sweden ("09:42"), as the page was rendered.
    pub wall_now: String,
    pub injects: Vec<Inject>,
    pub entries: Vec<EntryView>,
    pub last_seq: i64,
    pub staff: Vec<StaffView>,
    pub forvaltningar: Vec<Forvaltning>,
    /// Accounts not on the staff, for those who manage it.
    pub candidates: Vec<Candidate>,
    /// A fresh key for the plain form's entry, so a double post stores it once.
    pub form_key: String,
}

/// The live view of exercise `id`.
#[server(endpoint = "live/get")]
pub async fn get_live(id: i64) -> Result<LiveView, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let live = svc.conduct.live(&actor, id).await.map_err(fail)?;
    let candidates = if live.manages || live.controls {
        svc.conduct
            .candidates(&actor, id)
            .await
            .map_err(fail)?
            .into_iter()
            .map(|u| Candidate {
                user_id: u.id,
                name: format!("{} ({})", u.display_name, u.role.label()),
                observer_only: matches!(
                    u.role,
                    crate::domain::Role::Observer | crate::domain::Role::BoardViewer
                ),
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(LiveView {
        user_id: actor.user_id,
        role: live.role,
        sees_injects: live.sees_injects,
        edits_injects: live.edits_injects,
        sends_injects: live.sends_injects,
        ticks_actions: live.ticks_actions,
        controls: live.controls,
        manages: live.manages,
        clock: live.clock,
        wall_now: crate::backend::local_now((svc.clock)())
            .format("%H:%M")
            .to_string(),
        clock_view: live.clock_view,
        injects: live.injects,
        entries: live.entries,
        last_seq: live.last_seq,
        staff: live
            .staff
            .into_iter()
            .map(|s| StaffView {
                user_id: s.user_id,
                name: s.display_name,
                username: s.username,
                role: s.role,
            })
            .collect(),
        forvaltningar: svc.catalogue.forvaltningar(&actor).await.map_err(fail)?,
        candidates,
        form_key: uuid::Uuid::new_v4().simple().to_string(),
        exercise: live.exercise,
    })
}

/// Whether the signed-in user still watches exercise `id`'s log: the live page asks when its
/// stream failed, to tell an expired session (401) from a lost network.
#[server(endpoint = "live/probe")]
pub async fn live_probe(id: i64) -> Result<(), AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    match svc.conduct.access(&actor, id).await.map_err(fail)? {
        (true, _) => Ok(()),
        _ => Err(fail(crate::backend::ServiceError::Forbidden)),
    }
}

/// A stored entry: its number in the log and its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoggedEntry {
    pub seq: i64,
    pub id: i64,
}

/// Writes an entry: 201 with its number. An `Idempotency-Key` header (or the form's
/// `idempotency_key`) stores it once however often it is sent; a replay answers 201 with
/// `Idempotent-Replayed: true`.
#[server(endpoint = "live/log")]
pub async fn log_entry(
    id: i64,
    input: EntryInput,
    idempotency_key: Option<String>,
) -> Result<LoggedEntry, AppError> {
    use super::ctx::{actor, fail, header, response, services, set_status};
    let (svc, actor) = (services()?, actor()?);
    let key = header("idempotency-key")
        .or(idempotency_key)
        .filter(|k| !k.trim().is_empty());
    let logged = svc
        .conduct
        .log(&actor, id, &input, key.as_deref())
        .await
        .map_err(fail)?;
    set_status(http::StatusCode::CREATED);
    if logged.replayed
        && let Ok(res) = response()
    {
        res.insert_header(
            http::HeaderName::from_static("idempotent-replayed"),
            http::HeaderValue::from_static("true"),
        );
    }
    Ok(LoggedEntry {
        seq: logged.seq,
        id: logged.id,
    })
}

/// Corrects an entry: a new version; the earlier ones stay in its history.
#[server(endpoint = "live/correct")]
pub async fn correct_entry(
    id: i64,
    entry: i64,
    input: EntryInput,
) -> Result<LoggedEntry, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let logged = svc
        .conduct
        .correct(&actor, id, entry, &input)
        .await
        .map_err(fail)?;
    Ok(LoggedEntry {
        seq: logged.seq,
        id: logged.id,
    })
}

/// Pauses (`pausa`) or resumes (`fortsatt`) play.
#[server(endpoint = "live/clock")]
pub async fn clock_action(id: i64, version: i64, action: String) -> Result<(), AppError> {
    use super::ctx::{actor, fail, services};
    use crate::backend::conduct::ClockAction;
    let (svc, actor) = (services()?, actor()?);
    let action = match action.as_str() {
        "pausa" => ClockAction::Pause,
        "fortsatt" => ClockAction::Resume,
        _ => {
            return Err(fail(crate::backend::ServiceError::Conflict(
                crate::domain::Msg::ClockChanged,
            )));
        }
    };
    svc.conduct
        .clock_action(&actor, id, version, action)
        .await
        .map_err(fail)
}

/// Sets the scenario's start and the offset of scenario time.
#[server(endpoint = "live/set-clock")]
pub async fn set_clock(id: i64, version: i64, input: ClockInput) -> Result<(), AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    svc.conduct
        .set_clock(&actor, id, version, &input)
        .await
        .map_err(fail)
}

/// Puts a person on the staff in a role (or changes it).
#[server(endpoint = "live/staff")]
pub async fn save_staff(id: i64, user: i64, role: String) -> Result<(), AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    svc.conduct
        .set_staff(&actor, id, user, StaffRole::from_code(&role))
        .await
        .map_err(fail)
}

#[server(endpoint = "live/staff-remove")]
pub async fn remove_staff(id: i64, user: i64) -> Result<(), AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    svc.conduct
        .remove_staff(&actor, id, user)
        .await
        .map_err(fail)
}

/// The inject list page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InjectsView {
    pub exercise: Exercise,
    pub injects: Vec<Inject>,
    pub can_edit: bool,
    pub scenario_start: chrono::NaiveDateTime,
}

#[server(endpoint = "injects/list")]
pub async fn get_injects(id: i64) -> Result<InjectsView, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let list = svc.conduct.injects(&actor, id).await.map_err(fail)?;
    Ok(InjectsView {
        exercise: list.exercise,
        injects: list.injects,
        can_edit: list.can_edit,
        scenario_start: list.scenario_start,
    })
}

#[server(endpoint = "injects/add")]
pub async fn add_inject(id: i64, input: InjectInput) -> Result<i64, AppError> {
    use super::ctx::{actor, fail, services, set_status};
    let (svc, actor) = (services()?, actor()?);
    let inject = svc
        .conduct
        .add_inject(&actor, id, &input)
        .await
        .map_err(fail)?;
    set_status(http::StatusCode::CREATED);
    Ok(inject)
}

#[server(endpoint = "injects/update")]
pub async fn update_inject(
    id: i64,
    inject: i64,
    version: i64,
    input: InjectInput,
) -> Result<(), AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    svc.conduct
        .update_inject(&actor, id, inject, version, &input)
        .await
        .map_err(fail)
}

#[server(endpoint = "injects/delete")]
pub async fn delete_inject(id: i64, inject: i64) -> Result<(), AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    svc.conduct
        .delete_inject(&actor, id, inject)
        .await
        .map_err(fail)
}

/// Moves an inject up (`upp`) or down (`ned`) the list.
#[server(endpoint = "injects/move")]
pub async fn move_inject(id: i64, inject: i64, direction: String) -> Result<(), AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let by = if direction == "upp" { -1 } else { 1 };
    svc.conduct
        .move_inject(&actor, id, inject, by)
        .await
        .map_err(fail)
}

/// Sends an inject: marked sent, and logged.
#[server(endpoint = "injects/send")]
pub async fn send_inject(id: i64, inject: i64, version: i64) -> Result<LoggedEntry, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let logged = svc
        .conduct
        .send_inject(&actor, id, inject, version, false)
        .await
        .map_err(fail)?;
    Ok(LoggedEntry {
        seq: logged.seq,
        id: logged.id,
    })
}

/// Skips an inject (it is not sent in this exercise), and logs that.
#[server(endpoint = "injects/skip")]
pub async fn skip_inject(id: i64, inject: i64, version: i64) -> Result<LoggedEntry, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let logged = svc
        .conduct
        .send_inject(&actor, id, inject, version, true)
        .await
        .map_err(fail)?;
    Ok(LoggedEntry {
        seq: logged.seq,
        id: logged.id,
    })
}

/// Ticks an expected player action (`done` = `ja`), or takes the tick back.
#[server(endpoint = "injects/tick")]
pub async fn tick_action(
    id: i64,
    inject: i64,
    action: i64,
    done: Option<String>,
) -> Result<LoggedEntry, AppError> {
    use super::ctx::{actor, fail, services};
    let (svc, actor) = (services()?, actor()?);
    let logged = svc
        .conduct
        .tick_action(&actor, id, inject, action, done.as_deref() != Some("nej"))
        .await
        .map_err(fail)?;
    Ok(LoggedEntry {
        seq: logged.seq,
        id: logged.id,
    })
}

/// Most bytes of an imported file.
pub const IMPORT_MAX_KB: usize = 1024;

/// Replaces the inject list with a file's (`.xlsx` or `.csv`, the file as URL-safe base64
/// without padding, the form mechanism's encoding of an uploaded file). Nothing is imported when
/// any row is refused.
#[server(endpoint = "injects/import")]
pub async fn import_injects(
    id: i64,
    file_name: Option<String>,
    file: Option<String>,
) -> Result<usize, AppError> {
    use super::ctx::{actor, fail, services};
    use crate::backend::ServiceError;
    use crate::domain::Msg;
    use base64::Engine;
    let (svc, actor) = (services()?, actor()?);
    let refuse = |m: Msg| fail(ServiceError::field("file", m));
    let raw = file.unwrap_or_default();
    if raw.is_empty() {
        return Err(refuse(Msg::ImportFileRequired));
    }
    if raw.len() > IMPORT_MAX_KB * 1024 * 4 / 3 + 4 {
        return Err(refuse(Msg::ImportTooLarge {
            max_kb: IMPORT_MAX_KB,
        }));
    }
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(raw.trim_end_matches('='))
        .map_err(|_| refuse(Msg::ImportMalformed))?;
    let name = file_name.unwrap_or_default().to_lowercase();
    let is_zip = bytes.starts_with(b"PK\x03\x04");
    let sheet = if name.ends_with(".xlsx") || is_zip {
        crate::backend::xlsx::read(&bytes)
    } else if name.ends_with(".csv") || name.ends_with(".txt") || name.is_empty() {
        match String::from_utf8(bytes) {
            Ok(text) => crate::domain::sheet::from_csv(&text),
            Err(_) => Err(crate::domain::sheet::SheetError::Malformed),
        }
    } else {
        return Err(refuse(Msg::ImportFileKind));
    };
    let sheet = sheet.map_err(|e| match e {
        crate::domain::sheet::SheetError::TooLarge => refuse(Msg::ImportTooLarge {
            max_kb: IMPORT_MAX_KB,
        }),
        crate::domain::sheet::SheetError::Malformed => refuse(Msg::ImportMalformed),
    })?;
    let n = svc.conduct.import(&actor, id, &sheet).await.map_err(fail)?;
    leptos_axum::redirect(&format!("/ovningar/{id}/inspel?inlasta={n}"));
    Ok(n)
}
