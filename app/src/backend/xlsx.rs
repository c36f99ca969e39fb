//! The `.xlsx` format (Office Open XML), just as much as a one-sheet list needs: written with
//! text cells (a text cell never runs as a formula; one that starts like a formula is also
//! marked `quotePrefix`, Excel's own neutralisation), read from Excel, LibreOffice or Redo with
//! shared and inline strings and numbers. Reading is bounded: a file is refused when any of its
//! parts unpacks to more than [`PART_MAX`] bytes, so a small file cannot unpack to gigabytes.

use crate::domain::sheet::{COLUMNS_MAX, Cell, ROWS_MAX, Sheet, SheetError, needs_neutralising};
use quick_xml::events::Event;
use std::io::{Cursor, Read, Write};

/// Most bytes any part of a workbook may unpack to.
pub const PART_MAX: u64 = 16 * 1024 * 1024;

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Characters XML 1.0 cannot carry at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// The column letters of a 0-based index (0 → A, 26 → AA).
fn column_name(mut i: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// The 0-based column of a cell reference ("C12" → 2).
fn column_of(reference: &str) -> Option<usize> {
    let letters: Vec<u8> = reference
        .bytes()
        .take_while(u8::is_ascii_alphabetic)
        .map(|b| b.to_ascii_uppercase())
        .collect();
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    Some(
        letters
            .iter()
            .fold(0usize, |n, b| n * 26 + (b - b'A') as usize + 1)
            - 1,
    )
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#;
const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;
/// Styles: 0 plain, 1 wrapped text, 2 wrapped text marked as text (`quotePrefix`), 3 bold header.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf><xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyNumberFormat="1"/></cellXfs></styleSheet>"#;

/// A workbook of one sheet named `sheet_name` holding `rows` as text; the first row is the
/// header (bold, frozen).
pub fn write(sheet_name: &str, rows: &[Vec<String>]) -> Vec<u8> {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>"#,
    );
    for (r, row) in rows.iter().enumerate() {
        xml.push_str(&format!("<row r=\"{}\">", r + 1));
        for (c, value) in row.iter().enumerate() {
            let style = if r == 0 {
                3
            } else if needs_neutralising(value) {
                2
            } else {
                1
            };
            xml.push_str(&format!(
                "<c r=\"{}{}\" t=\"inlineStr\" s=\"{style}\"><is><t xml:space=\"preserve\">{}</t></is></c>",
                column_name(c),
                r + 1,
                escape(value)
            ));
        }
        xml.push_str("</row>");
    }
    xml.push_str("</sheetData></worksheet>");
    let workbook = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{}" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        escape(&sheet_name.chars().take(31).collect::<String>())
    );
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let parts: [(&str, &str); 6] = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", &workbook),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        ("xl/styles.xml", STYLES),
        ("xl/worksheets/sheet1.xml", &xml),
    ];
    for (name, body) in parts {
        // Writing to memory fails only on a bug; an empty file would then be refused on import.
        if zip.start_file(name, options).is_err() || zip.write_all(body.as_bytes()).is_err() {
            return Vec::new();
        }
    }
    zip.finish().map(Cursor::into_inner).unwrap_or_default()
}

/// A part of the archive as text, or `None` when it is absent; refused when it unpacks to
/// more than [`PART_MAX`].
fn part(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, SheetError> {
    let file = match archive.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(_) => return Err(SheetError::Malformed),
    };
    let mut bytes = Vec::new();
    file.take(PART_MAX + 1)
        .read_to_end(&mut bytes)
        .map_err(|_| SheetError::Malformed)?;
    if bytes.len() as u64 > PART_MAX {
        return Err(SheetError::TooLarge);
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| SheetError::Malformed)
}

fn attribute(e: &quick_xml::events::BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// The shared strings: the text of each `<si>`, runs joined, phonetic hints left out.
fn shared_strings(xml: &str) -> Result<Vec<String>, SheetError> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    let (mut in_t, mut in_phonetic) = (false, false);
    loop {
        match reader.read_event().map_err(|_| SheetError::Malformed)? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"si" => current = Some(String::new()),
                b"t" => in_t = true,
                b"rPh" => in_phonetic = true,
                _ => {}
            },
            Event::Empty(e) if e.local_name().as_ref() == b"si" => out.push(String::new()),
            Event::End(e) => match e.local_name().as_ref() {
                b"si" => out.extend(current.take()),
                b"t" => in_t = false,
                b"rPh" => in_phonetic = false,
                _ => {}
            },
            Event::Text(t) if in_t && !in_phonetic => {
                if let Some(s) = current.as_mut() {
                    s.push_str(&t.unescape().map_err(|_| SheetError::Malformed)?);
                }
            }
            Event::CData(t) if in_t && !in_phonetic => {
                if let Some(s) = current.as_mut() {
                    s.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Event::Eof => break,
            _ => {}
        }
        if out.len() > ROWS_MAX * COLUMNS_MAX {
            return Err(SheetError::TooLarge);
        }
    }
    Ok(out)
}

/// The path of the workbook's first sheet.
fn first_sheet_path(archive: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Result<String, SheetError> {
    let workbook = part(archive, "xl/workbook.xml")?.ok_or(SheetError::Malformed)?;
    let mut reader = quick_xml::Reader::from_str(&workbook);
    let mut rid = None;
    loop {
        match reader.read_event().map_err(|_| SheetError::Malformed)? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"sheet" => {
                rid = attribute(&e, b"id");
                break;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let rid = rid.ok_or(SheetError::Malformed)?;
    let rels = part(archive, "xl/_rels/workbook.xml.rels")?.ok_or(SheetError::Malformed)?;
    let mut reader = quick_xml::Reader::from_str(&rels);
    loop {
        match reader.read_event().map_err(|_| SheetError::Malformed)? {
            Event::Start(e) | Event::Empty(e)
                if e.local_name().as_ref() == b"Relationship"
                    && attribute(&e, b"Id").as_deref() == Some(rid.as_str()) =>
            {
                let target = attribute(&e, b"Target").ok_or(SheetError::Malformed)?;
                return Ok(match target.strip_prefix('/') {
                    Some(absolute) => absolute.to_string(),
                    None => format!("xl/{target}"),
                });
            }
            Event::Eof => return Err(SheetError::Malformed),
            _ => {}
        }
    }
}

/// Reads the first sheet of a workbook.
pub fn read(bytes: &[u8]) -> Result<Sheet, SheetError> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| SheetError::Malformed)?;
    let strings = match part(&mut archive, "xl/sharedStrings.xml")? {
        Some(xml) => shared_strings(&xml)?,
        None => Vec::new(),
    };
    let path = first_sheet_path(&mut archive)?;
    let xml = part(&mut archive, &path)?.ok_or(SheetError::Malformed)?;
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut rows: Vec<(usize, Vec<Cell>)> = Vec::new();
    let mut row: Option<(usize, Vec<Cell>)> = None;
    // The cell being read: its column, type, and the text of its <v> or <is><t>.
    let mut cell: Option<(usize, String, String)> = None;
    let (mut in_value, mut in_inline_text) = (false, false);
    let mut next_row = 1usize;
    loop {
        match reader.read_event().map_err(|_| SheetError::Malformed)? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"row" => {
                    let r = attribute(&e, b"r")
                        .and_then(|r| r.parse().ok())
                        .unwrap_or(next_row);
                    next_row = r + 1;
                    row = Some((r, Vec::new()));
                }
                b"c" => {
                    let col = attribute(&e, b"r")
                        .and_then(|r| column_of(&r))
                        .or_else(|| row.as_ref().map(|(_, cells)| cells.len()))
                        .unwrap_or(0);
                    if col >= COLUMNS_MAX {
                        return Err(SheetError::TooLarge);
                    }
                    let t = attribute(&e, b"t").unwrap_or_else(|| "n".into());
                    cell = Some((col, t, String::new()));
                }
                b"v" => in_value = true,
                b"t" => in_inline_text = true,
                _ => {}
            },
            Event::Empty(e) if e.local_name().as_ref() == b"row" => {
                next_row = attribute(&e, b"r")
                    .and_then(|r| r.parse::<usize>().ok())
                    .map_or(next_row + 1, |r| r + 1);
            }
            Event::Text(t) if in_value || in_inline_text => {
                if let Some((_, _, text)) = cell.as_mut() {
                    text.push_str(&t.unescape().map_err(|_| SheetError::Malformed)?);
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"v" => in_value = false,
                b"t" => in_inline_text = false,
                b"c" => {
                    if let (Some((col, t, text)), Some((_, cells))) = (cell.take(), row.as_mut()) {
                        let value = match t.as_str() {
                            "s" => Cell::Text(
                                text.trim()
                                    .parse::<usize>()
                                    .ok()
                                    .and_then(|i| strings.get(i).cloned())
                                    .ok_or(SheetError::Malformed)?,
                            ),
                            "n" if !text.trim().is_empty() => text
                                .trim()
                                .parse::<f64>()
                                .map(Cell::Number)
                                .map_err(|_| SheetError::Malformed)?,
                            "b" => Cell::Text(
                                if text.trim() == "1" { "SANT" } else { "FALSKT" }.into(),
                            ),
                            _ => Cell::Text(text),
                        };
                        while cells.len() < col {
                            cells.push(Cell::Text(String::new()));
                        }
                        if cells.len() == col {
                            cells.push(value);
                        }
                    }
                }
                b"row" => {
                    if let Some((r, cells)) = row.take()
                        && !cells.iter().all(Cell::is_blank)
                    {
                        rows.push((r, cells));
                        if rows.len() > ROWS_MAX {
                            return Err(SheetError::TooLarge);
                        }
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(Sheet { rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_workbook_reads_back_the_same() {
        let rows = vec![
            vec!["Nr".to_string(), "Innehåll".into(), "Åtgärder".into()],
            vec!["1".into(), "Ring <TiB> & \"RKL\"".into(), "a\nb".into()],
            vec!["2".into(), "=1+1".into(), String::new()],
        ];
        let bytes = write("Händelselista", &rows);
        let sheet = read(&bytes).unwrap();
        let back: Vec<Vec<String>> = sheet
            .rows
            .iter()
            .map(|(_, r)| r.iter().map(Cell::text).collect())
            .collect();
        assert_eq!(back, rows);
        assert_eq!(sheet.rows[2].0, 3);
    }

    #[test]
    fn column_letters_go_both_ways() {
        for i in [0, 1, 25, 26, 27, 51, 52, 701, 702] {
            assert_eq!(column_of(&format!("{}7", column_name(i))), Some(i));
        }
        assert_eq!(column_name(26), "AA");
    }

    #[test]
    fn garbage_and_empty_archives_are_malformed() {
        assert_eq!(read(b"not a zip"), Err(SheetError::Malformed));
        let empty = zip::ZipWriter::new(Cursor::new(Vec::new()))
            .finish()
            .unwrap()
            .into_inner();
        assert_eq!(read(&empty), Err(SheetError::Malformed));
    }

    #[test]
    fn a_part_that_unpacks_too_far_is_refused() {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("xl/sharedStrings.xml", options).unwrap();
        let chunk = vec![b' '; 1024 * 1024];
        for _ in 0..17 {
            zip.write_all(&chunk).unwrap();
        }
        let bytes = zip.finish().unwrap().into_inner();
        assert!(
            bytes.len() < 200 * 1024,
            "the bomb is small: {}",
            bytes.len()
        );
        assert_eq!(read(&bytes), Err(SheetError::TooLarge));
    }

    #[test]
    fn shared_strings_and_numbers_are_read() {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        let parts = [
            (
                "xl/workbook.xml",
                r#"<workbook xmlns:r="r"><sheets><sheet name="A" sheetId="1" r:id="rId7"/></sheets></workbook>"#,
            ),
            (
                "xl/_rels/workbook.xml.rels",
                r#"<Relationships><Relationship Id="rId7" Target="worksheets/blad.xml"/></Relationships>"#,
            ),
            (
                "xl/sharedStrings.xml",
                r#"<sst><si><t>Kanal</t></si><si><r><t>Tele</t></r><r><t>fon</t></r><rPh><t>x</t></rPh></si></sst>"#,
            ),
            (
                "xl/worksheets/blad.xml",
                r#"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1"><v>0.5</v></c></row><row r="4"><c r="B4" t="s"><v>1</v></c></row></sheetData></worksheet>"#,
            ),
        ];
        for (name, body) in parts {
            zip.start_file(name, options).unwrap();
            zip.write_all(body.as_bytes()).unwrap();
        }
        let sheet = read(&zip.finish().unwrap().into_inner()).unwrap();
        assert_eq!(
            sheet.rows,
            vec![
                (
                    1,
                    vec![
                        Cell::Text("Kanal".into()),
                        Cell::Text(String::new()),
                        Cell::Number(0.5)
                    ]
                ),
                (
                    4,
                    vec![Cell::Text(String::new()), Cell::Text("Telefon".into())]
                ),
            ]
        );
    }
}
