//! The follow-up charts of the board dashboard: NÖK fulfilment (each requirement area's status
//! as a word on a shaded cell, its grundläggande krav as a bar, its due date, overdue marked ▲),
//! and an indicator's yearly values against its baseline and target lines.

use super::readiness::{Marker, fit, left, marker, series_style};
use super::{Chart, DrawResult, bold, font, palette};
use crate::domain::indicator::Indicator;
use crate::domain::nok::{Due, FulfilmentStatus};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Overdue.
pub const OVERDUE: char = '▲';

pub use crate::domain::nok::NokRow;

pub struct NokChart<'a> {
    /// The agreement version's name.
    pub agreement: &'a str,
    pub rows: &'a [NokRow],
}

/// The fill and ink of a status: the level scale's blues, darker the further it has come; not
/// applicable is white with a border.
pub fn status_colors(s: FulfilmentStatus) -> (RGBColor, RGBColor) {
    match s {
        FulfilmentStatus::NotStarted => palette::level(0),
        FulfilmentStatus::Started => palette::level(2),
        FulfilmentStatus::Partly => palette::level(3),
        FulfilmentStatus::Met => palette::level(5),
        FulfilmentStatus::NotApplicable => (WHITE, palette::INK),
    }
}

const MARGIN: i32 = 12;
const ROW_H: i32 = 30;
const TOP: i32 = 82;
const CODE_W: i32 = 52;
const TITLE_W: i32 = 300;
const STATUS_W: i32 = 150;
const BAR_W: i32 = 140;
const QUALITY_W: i32 = 90;
const DUE_W: i32 = 130;

impl Chart for NokChart<'_> {
    fn size(&self) -> (u32, u32) {
        let w = 2 * MARGIN + CODE_W + TITLE_W + STATUS_W + BAR_W + QUALITY_W + DUE_W + 30;
        let h = TOP + ROW_H * self.rows.len() as i32 + 60;
        (w as u32, h as u32)
    }

    fn title(&self) -> String {
        format!("NÖK-uppfyllnad: {}", self.agreement)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        use crate::ui::texts::sv as t;
        let (w, _) = self.size();
        root.fill(&WHITE)?;
        let style = bold(18);
        let title = fit(root, &self.title(), &style, w - 2 * MARGIN as u32);
        root.draw_text(&title, &style, (MARGIN, MARGIN))?;
        let x_title = MARGIN + CODE_W;
        let x_status = x_title + TITLE_W + 10;
        let x_bar = x_status + STATUS_W + 10;
        let x_quality = x_bar + BAR_W + 10;
        let x_due = x_quality + QUALITY_W + 10;
        let head = bold(13).pos(Pos::new(HPos::Left, VPos::Center));
        let y = TOP - 16;
        root.draw_text("Kravområde", &head, (MARGIN, y))?;
        root.draw_text("Status", &head, (x_status, y))?;
        root.draw_text("Grundläggande krav", &head, (x_bar, y))?;
        root.draw_text("Kvalitetsmått", &head, (x_quality, y))?;
        root.draw_text("Klart senast", &head, (x_due, y))?;
        for (i, r) in self.rows.iter().enumerate() {
            let y = TOP + ROW_H * i as i32;
            let mid = y + ROW_H / 2;
            if i % 2 == 1 {
                root.draw(&Rectangle::new(
                    [(MARGIN, y), (w as i32 - MARGIN, y + ROW_H)],
                    RGBColor(248, 248, 248).filled(),
                ))?;
            }
            root.draw_text(
                &r.code,
                &bold(13).pos(Pos::new(HPos::Left, VPos::Center)),
                (MARGIN, mid),
            )?;
            let style = left(13);
            root.draw_text(
                &fit(root, &r.title, &style, TITLE_W as u32 - 6),
                &style,
                (x_title, mid),
            )?;
            let (fill, ink) = status_colors(r.status);
            root.draw(&Rectangle::new(
                [(x_status, y + 3), (x_status + STATUS_W, y + ROW_H - 3)],
                fill.filled(),
            ))?;
            if r.status == FulfilmentStatus::NotApplicable {
                root.draw(&Rectangle::new(
                    [(x_status, y + 3), (x_status + STATUS_W, y + ROW_H - 3)],
                    palette::AXIS.stroke_width(1),
                ))?;
            }
            root.draw_text(
                t::fulfilment_status(r.status),
                &bold(13)
                    .pos(Pos::new(HPos::Center, VPos::Center))
                    .color(&ink),
                (x_status + STATUS_W / 2, mid),
            )?;
            // The bar of grundläggande krav: its outline is the whole, its fill what is met.
            let (met, total) = r.basic;
            let bar_w = BAR_W - 44;
            root.draw(&Rectangle::new(
                [(x_bar, y + 9), (x_bar + bar_w, y + ROW_H - 9)],
                palette::AXIS.stroke_width(1),
            ))?;
            if total > 0 && met > 0 {
                let filled = bar_w * met as i32 / total as i32;
                root.draw(&Rectangle::new(
                    [(x_bar, y + 9), (x_bar + filled, y + ROW_H - 9)],
                    palette::SERIES[0].filled(),
                ))?;
            }
            root.draw_text(
                &format!("{met}/{total}"),
                &left(13),
                (x_bar + bar_w + 6, mid),
            )?;
            let (qm, qt) = r.quality;
            root.draw_text(&format!("{qm}/{qt}"), &left(13), (x_quality, mid))?;
            let due = match (r.due_on, r.due) {
                (Some(d), Due::Overdue(_)) => format!("{OVERDUE} {}", d.format("%Y-%m-%d")),
                (Some(d), _) => d.format("%Y-%m-%d").to_string(),
                (None, _) => "–".to_string(),
            };
            let due_style = if matches!(r.due, Due::Overdue(_)) {
                bold(13)
                    .pos(Pos::new(HPos::Left, VPos::Center))
                    .color(&palette::SERIES[1])
            } else {
                left(13)
            };
            root.draw_text(&due, &due_style, (x_due, mid))?;
        }
        let y = TOP + ROW_H * self.rows.len() as i32 + 24;
        root.draw_text(
            &format!("{OVERDUE} försenat och inte uppfyllt · Stapeln: andelen grundläggande krav som är uppfyllda"),
            &left(13),
            (MARGIN, y),
        )?;
        Ok(())
    }
}

/// Draws a dashed line between two points in pixels.
fn dashed<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    from: (i32, i32),
    to: (i32, i32),
    dash: i32,
    gap: i32,
    style: ShapeStyle,
) -> DrawResult<DB> {
    let (dx, dy) = (f64::from(to.0 - from.0), f64::from(to.1 - from.1));
    let len = (dx * dx + dy * dy).sqrt();
    if len < 1.0 {
        return Ok(());
    }
    let at = |d: f64| {
        (
            from.0 + (dx * d / len).round() as i32,
            from.1 + (dy * d / len).round() as i32,
        )
    };
    let mut d = 0.0;
    while d < len {
        let end = (d + f64::from(dash)).min(len);
        area.draw(&PathElement::new(vec![at(d), at(end)], style))?;
        d = end + f64::from(gap);
    }
    Ok(())
}

pub struct IndicatorChart<'a> {
    pub indicator: &'a Indicator,
}

const IND_LEGEND_W: i32 = 200;

impl IndicatorChart<'_> {
    /// The years drawn: from the baseline year to the later of the target year and the last value.
    pub fn years(&self) -> (i32, i32) {
        let i = self.indicator;
        let last = i
            .values
            .iter()
            .map(|v| v.year)
            .max()
            .unwrap_or(i.target_year);
        let first = i
            .values
            .iter()
            .map(|v| v.year)
            .min()
            .unwrap_or(i.baseline_year)
            .min(i.baseline_year);
        (first, last.max(i.target_year).max(first + 1))
    }
}

impl Chart for IndicatorChart<'_> {
    fn size(&self) -> (u32, u32) {
        let rows = self.indicator.series().len() as i32 + 2;
        (760, (100 + 20 * rows).max(360) as u32)
    }

    fn title(&self) -> String {
        format!("{} ({})", self.indicator.name, self.indicator.unit)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let ind = self.indicator;
        let (w, _) = self.size();
        root.fill(&WHITE)?;
        let style = bold(18);
        root.draw_text(
            &fit(root, &self.title(), &style, w - 2 * MARGIN as u32),
            &style,
            (MARGIN, MARGIN),
        )?;
        let body = root.margin(44, 8, 8, 8);
        let (plot, legend) = body.split_horizontally(w as i32 - 16 - IND_LEGEND_W);
        let plot_h = plot.dim_in_pixel().1.min(300);
        let (plot, _) = plot.split_vertically(plot_h);
        let (first, last) = self.years();
        let series = ind.series();
        let values = series
            .iter()
            .flat_map(|s| s.points.iter().map(|(_, v)| v.as_f64()))
            .chain([ind.baseline.as_f64(), ind.target.as_f64()]);
        let (lo, hi) = values.fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
        let pad = ((hi - lo) * 0.1).max(1.0);
        let y_lo = if lo >= 0.0 {
            (lo - pad).max(0.0)
        } else {
            lo - pad
        };
        let mut chart = ChartBuilder::on(&plot)
            .margin(8)
            .x_label_area_size(30)
            .y_label_area_size(52)
            .build_cartesian_2d(first..last, y_lo..hi + pad)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(WHITE)
            .bold_line_style(palette::GRID)
            .x_labels((last - first + 1) as usize)
            .y_labels(6)
            .y_desc(ind.unit.clone())
            .axis_style(palette::AXIS)
            .label_style(font(13))
            .x_label_formatter(&|y| y.to_string())
            .y_label_formatter(&|v| {
                crate::domain::indicator::Measure((v * 100.0).round() as i64).format()
            })
            .draw()?;
        let px = |year: i32, v: f64| chart.backend_coord(&(year, v));
        // Baseline: dotted across; target: dashed, from the target year on, with its marker.
        dashed(
            root,
            px(first, ind.baseline.as_f64()),
            px(last, ind.baseline.as_f64()),
            2,
            4,
            palette::AXIS.stroke_width(2),
        )?;
        dashed(
            root,
            px(first, ind.target.as_f64()),
            px(last, ind.target.as_f64()),
            10,
            6,
            palette::SERIES[2].stroke_width(3),
        )?;
        marker(
            root,
            Marker::Diamond,
            px(ind.target_year, ind.target.as_f64()),
            6,
            palette::SERIES[2].filled(),
        )?;
        let mut styles = Vec::new();
        for (i, s) in series.iter().enumerate() {
            let (color, kind, width, r) = if s.forvaltning.is_none() {
                (palette::TOTAL, Marker::Circle, 4, 5)
            } else {
                // The target line has the third colour to itself.
                let (c, k) = series_style(if i >= 2 { i + 1 } else { i });
                (c, k, 2, 4)
            };
            let points: Vec<(i32, i32)> =
                s.points.iter().map(|(y, v)| px(*y, v.as_f64())).collect();
            if points.len() > 1 {
                root.draw(&PathElement::new(points.clone(), color.stroke_width(width)))?;
            }
            for p in &points {
                marker(root, kind, *p, r, color.filled())?;
            }
            styles.push((color, kind, width, r));
        }
        let entry = |row: i32, text: &str| -> DrawResult<DB> {
            let style = left(13);
            let text = fit(&legend, text, &style, IND_LEGEND_W as u32 - 40);
            legend.draw_text(&text, &style, (38, 14 + row * 20))
        };
        let y = |row: i32| 14 + row * 20;
        dashed(
            &legend,
            (4, y(0)),
            (30, y(0)),
            2,
            4,
            palette::AXIS.stroke_width(2),
        )?;
        entry(
            0,
            &format!("Basvärde {}: {}", ind.baseline_year, ind.baseline.format()),
        )?;
        dashed(
            &legend,
            (4, y(1)),
            (30, y(1)),
            10,
            6,
            palette::SERIES[2].stroke_width(3),
        )?;
        marker(
            &legend,
            Marker::Diamond,
            (17, y(1)),
            5,
            palette::SERIES[2].filled(),
        )?;
        entry(
            1,
            &format!("Mål {}: {}", ind.target_year, ind.target.format()),
        )?;
        for (i, (s, (color, kind, width, r))) in series.iter().zip(styles).enumerate() {
            let row = i as i32 + 2;
            legend.draw(&PathElement::new(
                vec![(4, y(row)), (30, y(row))],
                color.stroke_width(width),
            ))?;
            marker(&legend, kind, (17, y(row)), r, color.filled())?;
            let name = s
                .forvaltning
                .as_ref()
                .map_or_else(|| "Regionen".to_string(), |f| f.code.clone());
            entry(row, &name)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::tests::{count, decode, has_text};
    use crate::charts::{png, svg};
    use crate::domain::exercise::ForvaltningRef;
    use crate::domain::indicator::{Direction, IndicatorValue, Measure};
    use chrono::NaiveDate;

    fn rows() -> Vec<NokRow> {
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d);
        vec![
            NokRow {
                requirement_id: 1,
                code: "K1".into(),
                title: "Risk- och sårbarhetsanalys".into(),
                status: FulfilmentStatus::Met,
                basic: (2, 2),
                quality: (1, 2),
                due_on: None,
                due: Due::NotDue,
            },
            NokRow {
                requirement_id: 3,
                code: "K3".into(),
                title: "Krisledningsnämnd".into(),
                status: FulfilmentStatus::Partly,
                basic: (1, 3),
                quality: (0, 1),
                due_on: day(11, 30),
                due: Due::Overdue(2),
            },
            NokRow {
                requirement_id: 13,
                code: "F1".into(),
                title: "Ekonomisk redovisning".into(),
                status: FulfilmentStatus::NotStarted,
                basic: (0, 1),
                quality: (0, 1),
                due_on: day(12, 20),
                due: Due::Soon(18),
            },
        ]
    }

    fn rgb(c: RGBColor) -> String {
        format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
    }

    #[test]
    fn the_nok_svg_names_each_area_its_status_bar_and_deadline() {
        let rows = rows();
        let svg = svg(&NokChart {
            agreement: "Överenskommelse 2024–2026",
            rows: &rows,
        })
        .unwrap();
        assert!(svg.contains("<title>NÖK-uppfyllnad: Överenskommelse 2024–2026</title>"));
        for text in [
            "K1",
            "Risk- och sårbarhetsanalys",
            "Uppfylld",
            "Delvis uppfylld",
            "Ej påbörjad",
            "2/2",
            "1/3",
            "0/1",
            "▲ 2026-11-30",
            "2026-12-20",
        ] {
            assert!(has_text(&svg, text), "{text}");
        }
        assert!(!has_text(&svg, "▲ 2026-12-20"), "due soon is not overdue");
        // The bar fills: K1 whole, K3 a third, F1 none.
        let fills = svg
            .matches(&format!("fill=\"{}\"", rgb(palette::SERIES[0])))
            .count();
        assert_eq!(fills, 2);
        assert!(svg.contains(&rgb(status_colors(FulfilmentStatus::Met).0)));
    }

    #[test]
    fn the_nok_png_has_its_size_and_the_met_status_fill() {
        let rows = rows();
        let chart = NokChart {
            agreement: "Överenskommelse 2024–2026",
            rows: &rows,
        };
        let (size, pixels) = decode(&png(&chart).unwrap());
        assert_eq!(size, chart.size());
        assert!(count(&pixels, Some(status_colors(FulfilmentStatus::Met).0)) > 1000);
    }

    fn fires() -> Indicator {
        let region = |year, v: i64| IndicatorValue {
            forvaltning: None,
            year,
            value: Measure(v * 100),
        };
        Indicator {
            id: 1,
            name: "Bränder i regionens lokaler".into(),
            unit: "st".into(),
            direction: Direction::Lower,
            baseline_year: 2019,
            baseline: Measure(4600),
            target: Measure(2300),
            target_year: 2022,
            per_forvaltning: false,
            source: String::new(),
            version: 1,
            values: vec![
                region(2019, 46),
                region(2020, 41),
                region(2021, 37),
                region(2022, 29),
                region(2023, 27),
                IndicatorValue {
                    forvaltning: Some(ForvaltningRef {
                        id: 1,
                        code: "HS".into(),
                        name: "Hallands sjukhus".into(),
                    }),
                    year: 2023,
                    value: Measure(1500),
                },
            ],
        }
    }

    #[test]
    fn the_indicator_svg_has_the_years_the_baseline_the_target_and_a_line_per_series() {
        let i = fires();
        let chart = IndicatorChart { indicator: &i };
        assert_eq!(chart.years(), (2019, 2023));
        let svg = svg(&chart).unwrap();
        assert!(svg.contains("<title>Bränder i regionens lokaler (st)</title>"));
        for text in [
            "2019",
            "2023",
            "Basvärde 2019: 46",
            "Mål 2022: 23",
            "Regionen",
            "HS",
        ] {
            assert!(has_text(&svg, text), "{text}");
        }
        let lines = |c: RGBColor| {
            svg.matches(&format!("<polyline fill=\"none\" stroke=\"{}\"", rgb(c)))
                .count()
        };
        // The region's line and its legend entry; HS has one point, so its legend entry only.
        assert_eq!(lines(palette::TOTAL), 2);
        assert_eq!(lines(series_style(1).0), 1);
        // The target line is dashed: many short pieces.
        assert!(lines(palette::SERIES[2]) > 10);
    }

    #[test]
    fn the_indicator_png_is_not_blank() {
        let i = fires();
        let chart = IndicatorChart { indicator: &i };
        let (size, pixels) = decode(&png(&chart).unwrap());
        assert_eq!(size, chart.size());
        assert!(count(&pixels, Some(palette::TOTAL)) > 100);
    }
}
