//! Spreadsheets as Swedish Excel reads and writes them: rows of cells, CSV with `;` between
//! fields and a UTF-8 byte-order mark, and formula neutralisation on export (a cell that starts
//! with `=`, `+`, `-` or `@` would run as a formula when the file is opened; it gets a leading
//! `'`, which Excel shows as text and which reading the file back takes off again). The `.xlsx`
//! format is `backend::xlsx`.

/// One cell as a file holds it. Excel keeps numbers, times and dates as numbers.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
}

impl Cell {
    /// The cell as text: whole numbers without decimals, others with a decimal point.
    pub fn text(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
        }
    }

    pub fn is_blank(&self) -> bool {
        matches!(self, Cell::Text(t) if t.trim().is_empty())
    }
}

/// A sheet: its rows, the first being the column names. Row numbers (1-based) are as a
/// spreadsheet program shows them, so messages can name them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sheet {
    pub rows: Vec<(usize, Vec<Cell>)>,
}

/// Most rows read from one file.
pub const ROWS_MAX: usize = 5000;
/// Most columns read from one row.
pub const COLUMNS_MAX: usize = 64;

/// Characters that make a spreadsheet program read a cell as a formula (OWASP's list).
fn starts_like_formula(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A text cell made safe to open: one that starts like a formula gets a leading `'`.
pub fn neutralise(s: &str) -> String {
    if starts_like_formula(s) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// Whether a text cell needs neutralising (for formats that mark it instead of prefixing it).
pub fn needs_neutralising(s: &str) -> bool {
    starts_like_formula(s)
}

/// The text a neutralised cell stood for.
pub fn restore(s: &str) -> String {
    match s.strip_prefix('\'') {
        Some(rest) if starts_like_formula(rest) => rest.to_string(),
        _ => s.to_string(),
    }
}

/// The rows as CSV for Swedish Excel: BOM, `;`, CRLF, quotes where needed, formulas neutralised.
pub fn to_csv(rows: &[Vec<String>]) -> String {
    let mut out = String::from("\u{feff}");
    for row in rows {
        let line: Vec<String> = row
            .iter()
            .map(|cell| {
                let cell = neutralise(cell);
                if cell.contains([';', '"', '\n', '\r']) {
                    format!("\"{}\"", cell.replace('"', "\"\""))
                } else {
                    cell
                }
            })
            .collect();
        out.push_str(&line.join(";"));
        out.push_str("\r\n");
    }
    out
}

/// Why a file could not be read as a sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetError {
    Malformed,
    TooLarge,
}

/// Reads CSV as Excel writes it: `;` (or `,` or tab, whichever the first line uses), quoted
/// fields with `""` for a quote, a BOM or none. Neutralised cells are restored.
pub fn from_csv(text: &str) -> Result<Sheet, SheetError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line = text.lines().next().unwrap_or("");
    let sep = [';', ',', '\t']
        .into_iter()
        .max_by_key(|c| first_line.matches(*c).count())
        .filter(|c| first_line.contains(*c))
        .unwrap_or(';');
    let mut rows = Vec::new();
    let mut row: Vec<Cell> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    // The row as a spreadsheet program numbers it: one per record, blank ones included (a
    // quoted line break stays inside its row).
    let mut row_number = 1usize;
    let mut chars = text.chars().peekable();
    let mut at_field_start = true;
    let push_row = |rows: &mut Vec<(usize, Vec<Cell>)>, row: &mut Vec<Cell>, at: usize| {
        let cells = std::mem::take(row);
        if !cells.iter().all(Cell::is_blank) {
            rows.push((at, cells));
        }
    };
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => field.push('\n'),
                '\r' if chars.peek() == Some(&'\n') => {}
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                quoted = true;
                at_field_start = false;
            }
            c if c == sep => {
                row.push(Cell::Text(restore(&std::mem::take(&mut field))));
                at_field_start = true;
                if row.len() > COLUMNS_MAX {
                    return Err(SheetError::TooLarge);
                }
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                row.push(Cell::Text(restore(&std::mem::take(&mut field))));
                push_row(&mut rows, &mut row, row_number);
                row_number += 1;
                at_field_start = true;
                if rows.len() > ROWS_MAX {
                    return Err(SheetError::TooLarge);
                }
            }
            c => {
                field.push(c);
                at_field_start = false;
            }
        }
    }
    if quoted {
        return Err(SheetError::Malformed);
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(Cell::Text(restore(&field)));
        push_row(&mut rows, &mut row, row_number);
    }
    if rows.len() > ROWS_MAX {
        return Err(SheetError::TooLarge);
    }
    Ok(Sheet { rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(sheet: &Sheet) -> Vec<Vec<String>> {
        sheet
            .rows
            .iter()
            .map(|(_, r)| r.iter().map(Cell::text).collect())
            .collect()
    }

    #[test]
    fn csv_round_trips_with_quotes_newlines_and_formulas() {
        let rows = vec![
            vec!["Nr".to_string(), "Innehåll".to_string()],
            vec!["1".into(), "Ring \"TiB\"; sedan RKL\nrad två".into()],
            vec!["2".into(), "=HYPERLINK(\"x\")".into()],
            vec!["3".into(), "- Larma".into()],
            vec!["4".into(), "@summa".into()],
        ];
        let csv = to_csv(&rows);
        assert!(csv.starts_with('\u{feff}'));
        assert!(csv.contains("'=HYPERLINK"));
        assert!(csv.contains("'- Larma"));
        assert!(csv.contains("\r\n"));
        let back = from_csv(&csv).unwrap();
        assert_eq!(texts(&back), rows);
        assert_eq!(back.rows[2].0, 3, "a quoted line break stays in its row");
    }

    #[test]
    fn comma_separated_files_and_blank_lines_are_read() {
        let back = from_csv("a,b\n\n1,2\n").unwrap();
        assert_eq!(texts(&back), vec![vec!["a", "b"], vec!["1", "2"]]);
        assert_eq!(back.rows[1].0, 3);
    }

    #[test]
    fn an_open_quote_is_malformed() {
        assert_eq!(from_csv("a;b\n\"1;2\n"), Err(SheetError::Malformed));
    }

    #[test]
    fn an_apostrophe_that_neutralised_nothing_stays() {
        assert_eq!(restore("'tis"), "'tis");
        assert_eq!(restore("'=1"), "=1");
    }
}
