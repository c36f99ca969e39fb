//! Charts drawn on the server with plotters into SVG strings: pure functions of domain data, so
//! the HTML carries the picture and no JavaScript is needed. Every chart is shown beside a text
//! alternative and a data table by the page that embeds it.

use crate::domain::coverage::YearCount;
use plotters::prelude::*;

const CONDUCTED: RGBColor = RGBColor(45, 116, 69);
const PLANNED: RGBColor = RGBColor(176, 106, 0);
const AXIS: RGBColor = RGBColor(60, 60, 60);

/// A stacked bar chart of exercises per year: conducted at the bottom, planned on top.
pub fn exercises_per_year(counts: &[YearCount]) -> Result<String, String> {
    let mut svg = String::new();
    let max = counts
        .iter()
        .map(|c| c.conducted + c.planned)
        .max()
        .unwrap_or(0)
        .max(1);
    let years: Vec<i32> = counts.iter().map(|c| c.year).collect();
    let (first, last) = (
        years.first().copied().unwrap_or(0),
        years.last().copied().unwrap_or(0),
    );
    {
        let root = SVGBackend::with_string(&mut svg, (560, 260)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(28)
            .y_label_area_size(36)
            .build_cartesian_2d((first..last).into_segmented(), 0u32..max + 1)
            .map_err(|e| e.to_string())?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .y_desc("Antal övningar")
            .y_labels((max + 2).min(10) as usize)
            .axis_style(AXIS)
            .label_style(("sans-serif", 13).into_font().color(&AXIS))
            .x_label_formatter(&|v| match v {
                SegmentValue::CenterOf(y) => y.to_string(),
                _ => String::new(),
            })
            .draw()
            .map_err(|e| e.to_string())?;
        let bar = |year: i32, from: u32, to: u32, color: RGBColor| {
            Rectangle::new(
                [
                    (SegmentValue::Exact(year), from),
                    (SegmentValue::Exact(year + 1), to),
                ],
                color.filled(),
            )
        };
        chart
            .draw_series(
                counts
                    .iter()
                    .filter(|c| c.conducted > 0)
                    .map(|c| bar(c.year, 0, c.conducted, CONDUCTED)),
            )
            .map_err(|e| e.to_string())?;
        chart
            .draw_series(
                counts
                    .iter()
                    .filter(|c| c.planned > 0)
                    .map(|c| bar(c.year, c.conducted, c.conducted + c.planned, PLANNED)),
            )
            .map_err(|e| e.to_string())?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chart_has_one_bar_per_non_empty_part_and_the_years_as_labels() {
        let counts = [
            YearCount {
                year: 2023,
                conducted: 0,
                planned: 0,
                cancelled: 0,
            },
            YearCount {
                year: 2024,
                conducted: 2,
                planned: 0,
                cancelled: 0,
            },
            YearCount {
                year: 2025,
                conducted: 3,
                planned: 1,
                cancelled: 1,
            },
            YearCount {
                year: 2026,
                conducted: 0,
                planned: 4,
                cancelled: 0,
            },
        ];
        let svg = exercises_per_year(&counts).unwrap();
        assert!(svg.starts_with("<svg"), "{svg}");
        let bars = |c: RGBColor| {
            svg.matches(&format!("fill=\"#{:02X}{:02X}{:02X}\"", c.0, c.1, c.2))
                .count()
        };
        assert_eq!(bars(CONDUCTED), 2);
        assert_eq!(bars(PLANNED), 2);
        for year in ["2023", "2024", "2025", "2026"] {
            assert!(svg.contains(year), "{year}");
        }
        assert!(!svg.contains("2027"), "no label beyond the period");
    }
}
