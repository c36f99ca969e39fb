//! Charts drawn on the server with plotters: pure functions of domain data, so the HTML carries
//! the picture and no JavaScript is needed. Each chart draws once onto any plotters backend and
//! comes out as SVG (embedded in pages, downloadable) or PNG (rasterised here with the font
//! committed in `app/fonts`, never a system font). Every chart is shown beside a text alternative
//! and a data table by the page that embeds it.

pub mod followup;
pub mod palette;
pub mod readiness;

use crate::domain::coverage::YearCount;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::FontStyle;
use std::sync::Once;

pub use followup::{IndicatorChart, NokChart, NokRow};
pub use readiness::{HeatmapChart, TrendChart};

/// The font every chart is measured and rasterised with: DejaVu Sans cut down to Latin-1 and
/// the chart symbols (see `app/fonts/LICENSE`).
const FONT: &[u8] = include_bytes!("../../fonts/DejaVuSans-Redo.ttf");
/// The family name charts ask for; browsers showing the SVG use their own sans-serif.
pub const FAMILY: &str = "sans-serif";

fn register_font() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        for style in [FontStyle::Normal, FontStyle::Bold] {
            if plotters::style::register_font(FAMILY, style, FONT).is_err() {
                tracing::error!("the chart font could not be read");
            }
        }
    });
}

pub type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// A chart that can be drawn onto any backend.
pub trait Chart {
    /// Width and height in pixels.
    fn size(&self) -> (u32, u32);
    /// The title, drawn at the top and given to the SVG as its `<title>`.
    fn title(&self) -> String;
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB>;
}

/// The chart as an SVG document with its title as `<title>`.
pub fn svg(chart: &impl Chart) -> Result<String, String> {
    register_font();
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, chart.size()).into_drawing_area();
        chart.draw(&root).map_err(|e| e.to_string())?;
        root.present().map_err(|e| e.to_string())?;
    }
    let mut out = slim(&out);
    if let Some(end) = out.find('>') {
        let title = format!("<title>{}</title>", escape(&chart.title()));
        out.insert_str(end + 1, &title);
        out.insert_str(end, &format!(" font-family=\"{FAMILY}\""));
    }
    Ok(out)
}

/// Plotters' SVG less what it repeats on every element: default attributes (`opacity="1"`,
/// `stroke="none"`), the font family (set once on the root instead) and font sizes to 17
/// digits. A heatmap of 700 cells shrinks by about a third.
fn slim(svg: &str) -> String {
    let svg = svg
        .replace(" opacity=\"1\"", "")
        .replace(" stroke=\"none\"", "")
        .replace(&format!(" font-family=\"{FAMILY}\""), "");
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg.as_str();
    const SIZE: &str = "font-size=\"";
    while let Some(i) = rest.find(SIZE) {
        let (head, tail) = rest.split_at(i + SIZE.len());
        out.push_str(head);
        let end = tail.find('"').unwrap_or(tail.len());
        match tail[..end].parse::<f64>() {
            Ok(v) => out.push_str(&format!("{}", (v * 10.0).round() / 10.0)),
            Err(_) => out.push_str(&tail[..end]),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// The chart rasterised to a PNG image of its size.
pub fn png(chart: &impl Chart) -> Result<Vec<u8>, String> {
    register_font();
    let (w, h) = chart.size();
    let mut pixels = vec![255u8; w as usize * h as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, (w, h)).into_drawing_area();
        chart.draw(&root).map_err(|e| e.to_string())?;
        root.present().map_err(|e| e.to_string())?;
    }
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, w, h);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
        writer
            .write_image_data(&pixels)
            .map_err(|e| e.to_string())?;
    }
    Ok(out)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Plotters sizes text by the font's line height, not its em: this brings `size` back to pixels
/// of em, as a browser would read `font-size`.
fn em(size: u32) -> f64 {
    f64::from(size) * 1.24
}

/// Text in the chart font, `size` pixels.
pub(crate) fn font(size: u32) -> TextStyle<'static> {
    (FAMILY, em(size)).into_font().color(&palette::INK)
}

/// Bold text in the chart font.
pub(crate) fn bold(size: u32) -> TextStyle<'static> {
    (FAMILY, em(size), FontStyle::Bold)
        .into_font()
        .color(&palette::INK)
}

/// A stacked bar chart of exercises per year: conducted at the bottom, planned on top.
pub struct PerYearChart<'a> {
    pub counts: &'a [YearCount],
}

impl Chart for PerYearChart<'_> {
    fn size(&self) -> (u32, u32) {
        (560, 280)
    }

    fn title(&self) -> String {
        "Övningar per år".to_string()
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let counts = self.counts;
        let max = counts
            .iter()
            .map(|c| c.conducted + c.planned)
            .max()
            .unwrap_or(0)
            .max(1);
        let first = counts.first().map_or(0, |c| c.year);
        let last = counts.last().map_or(0, |c| c.year);
        root.fill(&WHITE)?;
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .x_label_area_size(28)
            .y_label_area_size(36)
            .build_cartesian_2d((first..last).into_segmented(), 0u32..max + 1)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .y_desc("Antal övningar")
            .y_labels((max + 2).min(10) as usize)
            .axis_style(palette::AXIS)
            .label_style(font(13))
            .x_label_formatter(&|v| match v {
                SegmentValue::CenterOf(y) => y.to_string(),
                _ => String::new(),
            })
            .draw()?;
        let bar = |year: i32, from: u32, to: u32, color: RGBColor| {
            Rectangle::new(
                [
                    (SegmentValue::Exact(year), from),
                    (SegmentValue::Exact(year + 1), to),
                ],
                color.filled(),
            )
        };
        chart.draw_series(
            counts
                .iter()
                .filter(|c| c.conducted > 0)
                .map(|c| bar(c.year, 0, c.conducted, palette::CONDUCTED)),
        )?;
        chart.draw_series(counts.iter().filter(|c| c.planned > 0).map(|c| {
            bar(
                c.year,
                c.conducted,
                c.conducted + c.planned,
                palette::PLANNED,
            )
        }))?;
        Ok(())
    }
}

/// [`PerYearChart`] as SVG.
pub fn exercises_per_year(counts: &[YearCount]) -> Result<String, String> {
    svg(&PerYearChart { counts })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Decodes a PNG: its size and its RGB pixels.
    pub(crate) fn decode(png_bytes: &[u8]) -> ((u32, u32), Vec<u8>) {
        let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut buf).unwrap();
        buf.truncate(info.buffer_size());
        ((info.width, info.height), buf)
    }

    /// How many pixels are not white, and how many have a given colour.
    pub(crate) fn count(pixels: &[u8], color: Option<RGBColor>) -> usize {
        pixels
            .chunks_exact(3)
            .filter(|p| match color {
                Some(c) => p == &[c.0, c.1, c.2],
                None => p != &[255, 255, 255],
            })
            .count()
    }

    fn counts() -> Vec<YearCount> {
        [(2023, 0, 0), (2024, 2, 0), (2025, 3, 1), (2026, 0, 4)]
            .into_iter()
            .map(|(year, conducted, planned)| YearCount {
                year,
                conducted,
                planned,
                cancelled: u32::from(year == 2025),
            })
            .collect()
    }

    /// Whether the SVG has a text element saying `text`.
    pub(crate) fn has_text(svg: &str, text: &str) -> bool {
        svg.contains(&format!(">\n{text}\n</text>"))
    }

    #[test]
    fn the_chart_has_one_bar_per_non_empty_part_and_the_years_as_labels() {
        let svg = exercises_per_year(&counts()).unwrap();
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.contains("<title>Övningar per år</title>"));
        let bars = |c: RGBColor| {
            svg.matches(&format!("fill=\"#{:02X}{:02X}{:02X}\"", c.0, c.1, c.2))
                .count()
        };
        assert_eq!(bars(palette::CONDUCTED), 2);
        assert_eq!(bars(palette::PLANNED), 2);
        for year in ["2023", "2024", "2025", "2026"] {
            assert!(has_text(&svg, year), "{year}");
        }
        assert!(!svg.contains("2027"), "no label beyond the period");
    }

    #[test]
    fn the_svg_leaves_out_defaults_and_rounds_font_sizes() {
        let svg = exercises_per_year(&counts()).unwrap();
        assert!(
            svg.starts_with("<svg") && svg.contains(" font-family=\"sans-serif\">"),
            "{svg}"
        );
        assert_eq!(svg.matches("font-family").count(), 1, "once, on the root");
        assert!(!svg.contains("opacity=\"1\"") && !svg.contains("stroke=\"none\""));
        assert!(svg.contains("font-size=\"13\""), "{svg}");
    }

    #[test]
    fn the_png_has_the_chart_size_the_bars_and_rasterised_text() {
        let chart = PerYearChart { counts: &counts() };
        let bytes = png(&chart).unwrap();
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        let (size, pixels) = decode(&bytes);
        assert_eq!(size, chart.size());
        assert!(
            count(&pixels, Some(palette::CONDUCTED)) > 1000,
            "conducted bars"
        );
        assert!(
            count(&pixels, Some(palette::PLANNED)) > 1000,
            "planned bars"
        );
        // Glyphs are anti-aliased: shades that are neither white nor a fill colour.
        let grey = pixels
            .chunks_exact(3)
            .filter(|p| p[0] == p[1] && p[1] == p[2] && p[0] > 40 && p[0] < 215)
            .count();
        assert!(grey > 200, "text is drawn ({grey} grey pixels)");
    }
}
