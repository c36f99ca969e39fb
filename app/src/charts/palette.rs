//! The one palette of every chart, safe for the common colour-vision deficiencies: the series
//! colours are Okabe and Ito's (darkened where needed for 3:1 against white, WCAG 1.4.11), the
//! level scale is ColorBrewer's single-hue Blues. Colour never carries meaning alone: series
//! also differ by marker, heatmap cells carry their number and symbols. `style/main.css` repeats
//! the legend swatches (`--chart-*`).

use plotters::style::RGBColor;

/// Text and axes.
pub const INK: RGBColor = RGBColor(33, 33, 33);
pub const AXIS: RGBColor = RGBColor(80, 80, 80);
pub const GRID: RGBColor = RGBColor(221, 221, 221);

/// Categorical series, in order of use; each has at least 3:1 contrast against white.
pub const SERIES: [RGBColor; 6] = [
    RGBColor(0, 114, 178),  // blue
    RGBColor(213, 94, 0),   // vermillion
    RGBColor(0, 128, 94),   // bluish green
    RGBColor(170, 68, 153), // reddish purple
    RGBColor(140, 104, 0),  // ochre (Okabe–Ito yellow, darkened)
    RGBColor(136, 34, 85),  // wine (Tol)
];

/// The region median and other totals: drawn in ink, thicker.
pub const TOTAL: RGBColor = INK;

/// Exercises that took place, and those still planned (the coverage chart).
pub const CONDUCTED: RGBColor = SERIES[0];
pub const PLANNED: RGBColor = SERIES[1];

/// Heatmap fill for levels 1–5 (index 0 is "Ej bedömd"/no level), with the text colour that
/// keeps 4.5:1 on it.
pub const LEVELS: [(RGBColor, RGBColor); 6] = [
    (RGBColor(240, 240, 240), INK),
    (RGBColor(239, 243, 255), INK),
    (RGBColor(198, 219, 239), INK),
    (RGBColor(107, 174, 214), INK),
    (RGBColor(33, 113, 181), RGBColor(255, 255, 255)),
    (RGBColor(8, 69, 148), RGBColor(255, 255, 255)),
];

/// The fill and text colour of a level 0–5.
pub fn level(n: u8) -> (RGBColor, RGBColor) {
    LEVELS[usize::from(n.min(5))]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn luminance(c: RGBColor) -> f64 {
        let f = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * f(c.0) + 0.7152 * f(c.1) + 0.0722 * f(c.2)
    }

    fn contrast(a: RGBColor, b: RGBColor) -> f64 {
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn series_stand_out_from_white_and_level_numbers_from_their_cells() {
        let white = RGBColor(255, 255, 255);
        for c in SERIES {
            assert!(contrast(c, white) >= 3.0, "{c:?}: {}", contrast(c, white));
        }
        for (fill, text) in LEVELS {
            assert!(
                contrast(fill, text) >= 4.5,
                "{fill:?}: {}",
                contrast(fill, text)
            );
        }
    }
}
