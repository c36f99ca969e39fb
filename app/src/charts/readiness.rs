//! The readiness charts of the board dashboard: the heatmap (capability areas × förvaltningar,
//! the fastställd level as a number in each cell, ▼ for a shortfall and ○ for a level no
//! exercise verifies, so neither depends on colour) and the trend of one area over periods.

use super::{Chart, DrawResult, bold, font, palette};
use crate::domain::board::{Heatmap, Trend};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Below target.
pub const SHORTFALL: char = '▼';
/// Not verified by an exercise.
pub const UNVERIFIED: char = '○';
/// No fastställd level.
pub const NO_LEVEL: char = '–';

const LABEL_W: i32 = 380;
const COL_W: i32 = 58;
const ROW_H: i32 = 30;
const TOP: i32 = 74;
const MARGIN: i32 = 12;

pub(super) fn centered(size: u32) -> TextStyle<'static> {
    font(size).pos(Pos::new(HPos::Center, VPos::Center))
}

pub(super) fn left(size: u32) -> TextStyle<'static> {
    font(size).pos(Pos::new(HPos::Left, VPos::Center))
}

/// `s` cut with an ellipsis to fit `max_w` pixels in `style` (measured with the chart font).
pub(super) fn fit<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    s: &str,
    style: &TextStyle,
    max_w: u32,
) -> String {
    let fits = |t: &str| {
        area.estimate_text_size(t, style)
            .is_ok_and(|(w, _)| w <= max_w)
    };
    if fits(s) {
        return s.to_string();
    }
    let chars: Vec<char> = s.chars().collect();
    for n in (1..chars.len()).rev() {
        let mut t: String = chars[..n].iter().collect::<String>().trim_end().to_string();
        t.push('…');
        if fits(&t) {
            return t;
        }
    }
    "…".to_string()
}

/// What a heatmap cell says: the level, then the symbols.
pub fn cell_text(level: u8, shortfall: bool, verified: bool) -> String {
    let mut s = level.to_string();
    if shortfall {
        s.push(SHORTFALL);
    }
    if !verified {
        s.push(UNVERIFIED);
    }
    s
}

pub struct HeatmapChart<'a> {
    pub heatmap: &'a Heatmap,
}

impl Chart for HeatmapChart<'_> {
    fn size(&self) -> (u32, u32) {
        let m = self.heatmap;
        let w = LABEL_W + COL_W * m.forvaltningar.len() as i32 + 2 * MARGIN;
        let h = TOP + ROW_H * m.areas.len() as i32 + 78;
        (w.max(620) as u32, h as u32)
    }

    fn title(&self) -> String {
        format!("Förmåga per förvaltning, {}", self.heatmap.period.label())
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let m = self.heatmap;
        root.fill(&WHITE)?;
        root.draw_text(&self.title(), &bold(18), (MARGIN, MARGIN))?;
        let x0 = MARGIN + LABEL_W;
        for (i, f) in m.forvaltningar.iter().enumerate() {
            let x = x0 + COL_W * i as i32 + COL_W / 2;
            let style = centered(13);
            root.draw_text(
                &fit(root, &f.code, &style, COL_W as u32 - 4),
                &style,
                (x, TOP - 14),
            )?;
        }
        for (r, area) in m.areas.iter().enumerate() {
            let y = TOP + ROW_H * r as i32;
            let style = left(13);
            let title = fit(root, &area.title, &style, LABEL_W as u32 - 10);
            root.draw_text(&title, &style, (MARGIN, y + ROW_H / 2))?;
            for (i, cell) in m.cells[r].iter().enumerate() {
                let x = x0 + COL_W * i as i32;
                let (fill, ink, text) = match cell {
                    Some(c) => {
                        let (fill, ink) = palette::level(c.level.get());
                        (
                            fill,
                            ink,
                            cell_text(c.level.get(), c.shortfall(), c.verified),
                        )
                    }
                    None => {
                        let (fill, ink) = palette::level(0);
                        (fill, ink, NO_LEVEL.to_string())
                    }
                };
                root.draw(&Rectangle::new(
                    [(x + 1, y + 1), (x + COL_W - 1, y + ROW_H - 1)],
                    fill.filled(),
                ))?;
                root.draw_text(
                    &text,
                    &bold(15)
                        .pos(Pos::new(HPos::Center, VPos::Center))
                        .color(&ink),
                    (x + COL_W / 2, y + ROW_H / 2),
                )?;
            }
        }
        // The legend: the level scale, then the symbols.
        let y = TOP + ROW_H * m.areas.len() as i32 + 22;
        root.draw_text("Nivå:", &left(13), (MARGIN, y))?;
        for n in 1..=5u8 {
            let x = MARGIN + 44 + (i32::from(n) - 1) * 34;
            let (fill, ink) = palette::level(n);
            root.draw(&Rectangle::new(
                [(x, y - 11), (x + 30, y + 11)],
                fill.filled(),
            ))?;
            root.draw_text(&n.to_string(), &centered(13).color(&ink), (x + 15, y))?;
        }
        let y = y + 30;
        root.draw_text(
            &format!(
                "{SHORTFALL} under målnivån    {UNVERIFIED} ej verifierad genom övning    {NO_LEVEL} ingen fastställd nivå"
            ),
            &left(13),
            (MARGIN, y),
        )?;
        Ok(())
    }
}

/// How a series' points are marked, beside its colour.
#[derive(Clone, Copy)]
pub(super) enum Marker {
    Circle,
    Triangle,
    Square,
    Diamond,
}

const MARKERS: [Marker; 4] = [
    Marker::Circle,
    Marker::Triangle,
    Marker::Square,
    Marker::Diamond,
];

pub(super) fn marker<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    kind: Marker,
    (x, y): (i32, i32),
    r: i32,
    style: ShapeStyle,
) -> DrawResult<DB> {
    match kind {
        Marker::Circle => area.draw(&Circle::new((x, y), r, style)),
        Marker::Triangle => area.draw(&Polygon::new(
            vec![(x, y - r - 1), (x - r - 1, y + r), (x + r + 1, y + r)],
            style,
        )),
        Marker::Square => area.draw(&Rectangle::new([(x - r, y - r), (x + r, y + r)], style)),
        Marker::Diamond => area.draw(&Polygon::new(
            vec![
                (x, y - r - 1),
                (x + r + 1, y),
                (x, y + r + 1),
                (x - r - 1, y),
            ],
            style,
        )),
    }
}

/// The style of series `i`: a colour and a marker, the pair unique for 12 series.
pub(super) fn series_style(i: usize) -> (RGBColor, Marker) {
    (
        palette::SERIES[i % palette::SERIES.len()],
        MARKERS[i % MARKERS.len()],
    )
}

pub struct TrendChart<'a> {
    pub trend: &'a Trend,
}

const LEGEND_W: i32 = 190;
const LEGEND_ROW: i32 = 20;

impl Chart for TrendChart<'_> {
    fn size(&self) -> (u32, u32) {
        let rows = self.trend.series.len() as i32 + 1;
        (760, (90 + LEGEND_ROW * rows).max(380) as u32)
    }

    fn title(&self) -> String {
        format!("Förmågenivå över tid: {}", self.trend.area.title)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let t = self.trend;
        let (w, _) = self.size();
        root.fill(&WHITE)?;
        let style = bold(18);
        let title = fit(root, &self.title(), &style, w - 2 * MARGIN as u32);
        root.draw_text(&title, &style, (MARGIN, MARGIN))?;
        let body = root.margin(44, 8, 8, 8);
        let (plot, legend) = body.split_horizontally(w as i32 - 16 - LEGEND_W);
        // A long legend makes the picture taller, not the plot.
        let plot_h = plot.dim_in_pixel().1.min(330);
        let (plot, _) = plot.split_vertically(plot_h);
        // A segmented range includes its end: one segment per period.
        let n = t.periods.len().max(1) as i32 - 1;
        let mut chart = ChartBuilder::on(&plot)
            .margin(8)
            .x_label_area_size(30)
            .y_label_area_size(40)
            .build_cartesian_2d((0..n).into_segmented(), 0.5f64..5.5f64)?;
        let labels: Vec<String> = t.periods.iter().map(|p| p.label()).collect();
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(WHITE)
            .bold_line_style(palette::GRID)
            .y_labels(5)
            .y_desc("Nivå")
            .axis_style(palette::AXIS)
            .label_style(font(13))
            .x_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) => labels.get(*i as usize).cloned().unwrap_or_default(),
                _ => String::new(),
            })
            .y_label_formatter(&|y| format!("{y:.0}"))
            .draw()?;
        let count = t.series.len();
        // Equal levels would hide each other: each förvaltning's line sits a little apart.
        let step = if count > 1 {
            (0.4 / count as f64).min(0.12)
        } else {
            0.0
        };
        let offset = |i: usize| (i as f64 - (count as f64 - 1.0) / 2.0) * step;
        let draw_line = |levels: &[Option<crate::domain::readiness::Level>],
                         dy: f64,
                         color: RGBColor,
                         width: u32,
                         kind: Marker,
                         r: i32|
         -> DrawResult<DB> {
            let points: Vec<Option<(i32, i32)>> = levels
                .iter()
                .enumerate()
                .map(|(p, l)| {
                    l.map(|l| {
                        chart.backend_coord(&(
                            SegmentValue::CenterOf(p as i32),
                            f64::from(l.get()) + dy,
                        ))
                    })
                })
                .collect();
            for run in points.split(Option::is_none) {
                let run: Vec<(i32, i32)> = run.iter().flatten().copied().collect();
                if run.len() > 1 {
                    root.draw(&PathElement::new(run, color.stroke_width(width)))?;
                }
            }
            for p in points.iter().flatten() {
                marker(root, kind, *p, r, color.filled())?;
            }
            Ok(())
        };
        // The median underneath, so no förvaltning's point hides behind it.
        draw_line(&t.median, 0.0, palette::TOTAL, 5, Marker::Circle, 6)?;
        for (i, s) in t.series.iter().enumerate() {
            let (color, kind) = series_style(i);
            draw_line(&s.levels, offset(i), color, 2, kind, 4)?;
        }
        // The legend: the median first, then each förvaltning.
        let entry = |row: i32,
                     text: &str,
                     color: RGBColor,
                     width: u32,
                     kind: Marker,
                     r: i32|
         -> DrawResult<DB> {
            let y = 14 + row * LEGEND_ROW;
            legend.draw(&PathElement::new(
                vec![(4, y), (30, y)],
                color.stroke_width(width),
            ))?;
            marker(&legend, kind, (17, y), r, color.filled())?;
            let style = left(13);
            let text = fit(&legend, text, &style, LEGEND_W as u32 - 40);
            legend.draw_text(&text, &style, (38, y))
        };
        entry(0, "Regionens median", palette::TOTAL, 4, Marker::Circle, 5)?;
        for (i, s) in t.series.iter().enumerate() {
            let (color, kind) = series_style(i);
            entry(i as i32 + 1, &s.forvaltning.code, color, 2, kind, 4)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::tests::{count, decode, has_text};
    use crate::charts::{png, svg};
    use crate::domain::board::{AreaRef, HeatCell, TrendSeries};
    use crate::domain::exercise::ForvaltningRef;
    use crate::domain::readiness::{Level, Period};

    fn lvl(n: u8) -> Level {
        Level::new(i64::from(n)).unwrap()
    }

    fn f(id: i64, code: &str) -> ForvaltningRef {
        ForvaltningRef {
            id,
            code: code.into(),
            name: format!("{code} förvaltning"),
        }
    }

    fn heatmap() -> Heatmap {
        let cell = |level: u8, target: u8, verified: bool| {
            Some(HeatCell {
                assessment_id: 1,
                period: Period::half_year(2026, 2),
                level: lvl(level),
                target: lvl(target),
                verified,
            })
        };
        Heatmap {
            period: Period::half_year(2026, 2),
            forvaltningar: vec![f(1, "HS"), f(2, "PH")],
            areas: vec![
                AreaRef {
                    code: "CA01".into(),
                    title: "Krisledning och samverkan".into(),
                },
                AreaRef {
                    code: "CA02".into(),
                    title: "Försörjningsberedskap – läkemedel".into(),
                },
            ],
            cells: vec![
                vec![cell(4, 3, true), cell(2, 3, false)],
                vec![None, cell(5, 3, true)],
            ],
        }
    }

    fn rgb(c: RGBColor) -> String {
        format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
    }

    #[test]
    fn the_heatmap_svg_has_the_title_the_labels_and_each_cell_with_its_symbols() {
        let m = heatmap();
        let svg = svg(&HeatmapChart { heatmap: &m }).unwrap();
        assert!(svg.contains("<title>Förmåga per förvaltning, H2 2026</title>"));
        for label in [
            "HS",
            "PH",
            "Krisledning och samverkan",
            "Försörjningsberedskap – läkemedel",
        ] {
            assert!(has_text(&svg, label), "{label}");
        }
        // 4 at target and verified, 2 below target and unverified, 5, and one without a level.
        for text in ["4", "2▼○", "5", "–"] {
            assert!(has_text(&svg, text), "{text} in {svg}");
        }
        assert!(
            !has_text(&svg, "4○") && !has_text(&svg, "5○"),
            "verified cells have no ○"
        );
        for n in [2u8, 4, 5] {
            assert!(svg.contains(&rgb(palette::level(n).0)), "fill of level {n}");
        }
        assert!(svg.contains("ej verifierad genom övning"), "the legend");
        let mut long = heatmap();
        long.areas[0].title =
            "Försörjningsberedskap (läkemedel, sjukvårdsprodukter, livsmedel, drivmedel)".into();
        let svg = super::super::svg(&HeatmapChart { heatmap: &long }).unwrap();
        assert!(
            svg.contains(">\nFörsörjningsberedskap (läkemedel, sjukvård")
                && svg.contains("…\n</text>"),
            "cut to fit its column"
        );
        assert!(!svg.contains("drivmedel)"));
    }

    #[test]
    fn the_heatmap_png_has_its_size_its_cells_and_text() {
        let m = heatmap();
        let chart = HeatmapChart { heatmap: &m };
        let (size, pixels) = decode(&png(&chart).unwrap());
        assert_eq!(size, chart.size());
        let cell = ((COL_W - 2) * (ROW_H - 2)) as usize;
        // Level 5's fill: its cell and its legend swatch, less the digit drawn on each.
        let five = count(&pixels, Some(palette::level(5).0));
        assert!(five > cell && five < 2 * cell + 30 * 22, "{five}");
        assert!(
            count(&pixels, Some(palette::level(0).0)) > cell / 2,
            "the empty cell"
        );
        // Glyphs in the title and labels are anti-aliased ink.
        let ink = pixels
            .chunks_exact(3)
            .filter(|p| p[0] < 120 && p[1] < 120 && p[2] < 120)
            .count();
        assert!(ink > 1500, "text is drawn ({ink} dark pixels)");
    }

    fn trend() -> Trend {
        let p = Period::half_year(2026, 2).last_n(3);
        Trend {
            area: AreaRef {
                code: "CA01".into(),
                title: "Krisledning och samverkan".into(),
            },
            periods: p,
            series: vec![
                TrendSeries {
                    forvaltning: f(1, "HS"),
                    levels: vec![Some(lvl(2)), Some(lvl(3)), Some(lvl(4))],
                },
                TrendSeries {
                    forvaltning: f(2, "PH"),
                    levels: vec![Some(lvl(1)), None, Some(lvl(3))],
                },
            ],
            median: vec![Some(lvl(1)), Some(lvl(3)), Some(lvl(3))],
        }
    }

    #[test]
    fn the_trend_svg_has_the_title_the_periods_a_line_per_series_and_the_legend() {
        let t = trend();
        let svg = svg(&TrendChart { trend: &t }).unwrap();
        assert!(svg.contains("<title>Förmågenivå över tid: Krisledning och samverkan</title>"));
        for label in [
            "H2 2025",
            "H1 2026",
            "H2 2026",
            "Regionens median",
            "HS",
            "PH",
        ] {
            assert!(has_text(&svg, label), "{label}");
        }
        let lines = |c: RGBColor| {
            svg.matches(&format!("<polyline fill=\"none\" stroke=\"{}\"", rgb(c)))
                .count()
        };
        // A line and a legend entry each: HS and the median; PH has no middle point, so two
        // single points and only its legend entry.
        assert_eq!(lines(palette::SERIES[0]), 2, "HS");
        assert_eq!(lines(palette::TOTAL), 2, "the median");
        assert_eq!(lines(palette::SERIES[1]), 1, "PH: the legend only");
    }

    #[test]
    fn the_trend_png_is_not_blank() {
        let t = trend();
        let chart = TrendChart { trend: &t };
        let (size, pixels) = decode(&png(&chart).unwrap());
        assert_eq!(size, chart.size());
        assert!(count(&pixels, Some(palette::SERIES[0])) > 100, "HS's line");
        assert!(count(&pixels, None) > 5000);
    }
}
