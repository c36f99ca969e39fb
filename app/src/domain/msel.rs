//! The inject list as a sheet (händelselista / MSEL): the Swedish column names, the rows an
//! exercise's injects export to, and the rows a file imports from, refused whole with the row
//! and column of every problem.

use super::conduct::{Channel, INJECTS_MAX, Inject, InjectInput, ValidInject};
use super::message::Msg;
use super::sheet::{Cell, Sheet};
use super::validation::FieldErrors;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use std::collections::HashSet;

pub const NUMBER: &str = "Nr";
pub const PLANNED: &str = "Planerad tid";
pub const SENDER: &str = "Avsändare";
pub const RECIPIENT: &str = "Mottagare";
pub const CHANNEL: &str = "Kanal";
pub const CONTENT: &str = "Innehåll";
pub const ACTIONS: &str = "Förväntade åtgärder";
pub const OBJECTIVE: &str = "Mål";
pub const RESERVE: &str = "Reserv";
pub const STATUS: &str = "Status";
pub const SENT: &str = "Skickad";

/// The columns in the order they are written. Status and Skickad are for reading; a file's
/// import ignores them.
pub const COLUMNS: [&str; 11] = [
    NUMBER, PLANNED, SENDER, RECIPIENT, CHANNEL, CONTENT, ACTIONS, OBJECTIVE, RESERVE, STATUS, SENT,
];

/// The columns a file must have.
pub const REQUIRED: [&str; 2] = [CHANNEL, CONTENT];

/// Most problems reported for one file.
pub const ERRORS_MAX: usize = 25;

/// The form field each column fills, for naming the column of a field's message.
fn column_of_field(field: &str) -> &'static str {
    match field {
        "number" => NUMBER,
        "planned_at" => PLANNED,
        "sender" => SENDER,
        "recipient" => RECIPIENT,
        "channel" => CHANNEL,
        "actions" => ACTIONS,
        "objective" => OBJECTIVE,
        _ => CONTENT,
    }
}

/// The sheet rows of an inject list: the header, then one row per inject. `objective_number`
/// gives an objective's number in the exercise (1, 2 …); `local` turns an instant into the
/// Swedish wall-clock time.
pub fn rows(
    injects: &[Inject],
    objective_number: impl Fn(i64) -> Option<usize>,
    local: impl Fn(chrono::DateTime<chrono::Utc>) -> NaiveDateTime,
) -> Vec<Vec<String>> {
    let mut out = vec![COLUMNS.iter().map(|c| c.to_string()).collect()];
    for i in injects {
        out.push(vec![
            i.number.to_string(),
            i.planned_at
                .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default(),
            i.sender.clone(),
            i.recipient.clone(),
            i.channel.label().to_string(),
            i.content.clone(),
            i.actions
                .iter()
                .map(|a| a.text.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
            i.objective_id
                .and_then(&objective_number)
                .map(|n| n.to_string())
                .unwrap_or_default(),
            if i.reserve { "ja" } else { "" }.to_string(),
            i.status.label().to_string(),
            i.sent_at
                .map(|t| local(t).format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default(),
        ]);
    }
    out
}

/// A date and time from Excel's serial number (days since 1899-12-30; a fraction alone is a
/// time of day on `day`).
fn from_serial(serial: f64, day: NaiveDate) -> Option<NaiveDateTime> {
    if !(0.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let seconds = (serial.fract() * 86_400.0).round() as i64;
    let date = if serial < 1.0 {
        day
    } else {
        NaiveDate::from_ymd_opt(1899, 12, 30)? + Duration::days(serial.trunc() as i64)
    };
    Some(date.and_hms_opt(0, 0, 0)? + Duration::seconds(seconds))
}

fn header_matches(name: &str, column: &str) -> bool {
    let name = name.trim().to_lowercase();
    name == column.to_lowercase()
        || match column {
            NUMBER => matches!(name.as_str(), "nr." | "nummer" | "inspel nr"),
            PLANNED => matches!(name.as_str(), "tid" | "planerad" | "scenariotid"),
            CONTENT => matches!(name.as_str(), "inspel" | "text" | "meddelande"),
            ACTIONS => matches!(name.as_str(), "förväntad åtgärd" | "åtgärder"),
            _ => false,
        }
}

/// The injects of a sheet, in its row order, numbered (a row without a number gets the next
/// after the highest). Any problem refuses the whole file: the messages, on field `file`, name
/// the row and the column.
pub fn parse(
    sheet: &Sheet,
    scenario_start: NaiveDateTime,
    objectives: usize,
) -> Result<Vec<ValidInject>, FieldErrors> {
    let mut e = FieldErrors::new();
    let Some(((_, header), body)) = sheet.rows.split_first() else {
        e.add("file", Msg::ImportEmpty);
        return Err(e);
    };
    let index = |column: &str| {
        header
            .iter()
            .position(|c| header_matches(&c.text(), column))
    };
    let missing: Vec<&str> = REQUIRED
        .iter()
        .copied()
        .filter(|c| index(c).is_none())
        .collect();
    if !missing.is_empty() {
        e.add(
            "file",
            Msg::ImportColumnsMissing {
                columns: missing.join(", "),
            },
        );
        return Err(e);
    }
    if body.is_empty() {
        e.add("file", Msg::ImportEmpty);
        return Err(e);
    }
    if body.len() > INJECTS_MAX {
        e.add("file", Msg::TooManyInjects { max: INJECTS_MAX });
        return Err(e);
    }
    let cell = |row: &[Cell], column: &str| -> Option<Cell> {
        index(column).and_then(|i| row.get(i).cloned())
    };
    let text = |row: &[Cell], column: &str| cell(row, column).map(|c| c.text()).unwrap_or_default();
    let mut parsed: Vec<(usize, ValidInject)> = Vec::new();
    for (line, row) in body {
        let planned_at = match cell(row, PLANNED) {
            Some(Cell::Number(n)) => from_serial(n, scenario_start.date())
                .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_else(|| n.to_string()),
            Some(c) => c.text(),
            None => String::new(),
        };
        let input = InjectInput {
            number: text(row, NUMBER),
            planned_at,
            sender: text(row, SENDER),
            recipient: text(row, RECIPIENT),
            channel: text(row, CHANNEL),
            content: text(row, CONTENT),
            actions: text(row, ACTIONS),
            objective: text(row, OBJECTIVE),
            reserve: Some(text(row, RESERVE)).filter(|r| !r.trim().is_empty()),
        };
        match input.parse(scenario_start, objectives) {
            Ok(v) => parsed.push((*line, v)),
            Err(fields) => {
                for f in fields.0 {
                    e.add(
                        "file",
                        Msg::ImportRow {
                            row: *line,
                            column: column_of_field(&f.field).to_string(),
                            message: Box::new(f.message),
                        },
                    );
                }
            }
        }
        if e.0.len() >= ERRORS_MAX {
            break;
        }
    }
    let mut seen = HashSet::new();
    for (line, v) in &parsed {
        if let Some(n) = v.number
            && !seen.insert(n)
        {
            e.add(
                "file",
                Msg::ImportRow {
                    row: *line,
                    column: NUMBER.to_string(),
                    message: Box::new(Msg::InjectNumberTaken { number: n }),
                },
            );
        }
    }
    if !e.is_empty() {
        e.0.truncate(ERRORS_MAX);
        return Err(e);
    }
    let mut next = parsed
        .iter()
        .filter_map(|(_, v)| v.number)
        .max()
        .unwrap_or(0);
    Ok(parsed
        .into_iter()
        .map(|(_, mut v)| {
            if v.number.is_none() {
                next += 1;
                v.number = Some(next);
            }
            v
        })
        .collect())
}

/// The channel labels, for the import help text.
pub fn channel_labels() -> String {
    Channel::ALL
        .iter()
        .map(|c| c.label())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::exercise::parse_local_datetime;

    fn start() -> NaiveDateTime {
        parse_local_datetime("2026-12-09T06:00").unwrap()
    }

    fn sheet(rows: &[&[&str]]) -> Sheet {
        Sheet {
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| (i + 1, r.iter().map(|c| Cell::Text(c.to_string())).collect()))
                .collect(),
        }
    }

    #[test]
    fn rows_are_read_by_column_name_in_any_order() {
        let s = sheet(&[
            &["Innehåll", "kanal", "Nr", "Planerad tid", "Reserv"],
            &["Strömavbrott", "Rakel", "5", "06:30", ""],
            &[
                "Reservkraft startar inte",
                "telefon",
                "",
                "2026-12-09 07:10",
                "ja",
            ],
        ]);
        let v = parse(&s, start(), 0).unwrap();
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].number, Some(5));
        assert_eq!(
            v[1].number,
            Some(6),
            "an unnumbered row takes the next number"
        );
        assert!(v[1].reserve);
        assert_eq!(v[0].planned_at, parse_local_datetime("2026-12-09T06:30"));
    }

    #[test]
    fn one_bad_row_refuses_the_file_naming_row_and_column() {
        let s = sheet(&[
            &["Nr", "Kanal", "Innehåll"],
            &["1", "Rakel", "ok"],
            &["2", "fax", "fel kanal"],
            &["1", "WIS", "dubbelt nummer"],
        ]);
        let e = parse(&s, start(), 0).unwrap_err();
        assert_eq!(
            e.0[0].message,
            Msg::ImportRow {
                row: 3,
                column: CHANNEL.into(),
                message: Box::new(Msg::ChannelUnknown)
            }
        );
        assert_eq!(
            e.0[1].message,
            Msg::ImportRow {
                row: 4,
                column: NUMBER.into(),
                message: Box::new(Msg::InjectNumberTaken { number: 1 })
            }
        );
    }

    #[test]
    fn a_file_without_the_required_columns_is_refused() {
        let e = parse(&sheet(&[&["Nr", "Text"], &["1", "x"]]), start(), 0).unwrap_err();
        assert_eq!(
            e.get("file"),
            Some(&Msg::ImportColumnsMissing {
                columns: "Kanal".into()
            })
        );
    }

    #[test]
    fn excel_times_and_dates_are_read_from_serial_numbers() {
        let day = start().date();
        assert_eq!(
            from_serial(0.25, day),
            parse_local_datetime("2026-12-09T06:00")
        );
        // 46365 is 2026-12-09.
        assert_eq!(
            from_serial(46365.5, day),
            parse_local_datetime("2026-12-09T12:00")
        );
        assert_eq!(from_serial(-1.0, day), None);
    }
}
