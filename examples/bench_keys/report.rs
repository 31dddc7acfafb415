//! Medians and 95th percentiles, and the table that compares the two programs.

use std::fmt::Write as _;
use std::time::Duration;

#[derive(Clone, Copy)]
pub enum Unit {
    Ms,
    Bytes,
    Mb,
    /// A ratio, shown as `2.2×`.
    Times,
}

/// The values of one metric for one program; `missing` counts the times it never happened
/// (a timeout, or a key's results overtaken by the next key).
#[derive(Default, Clone)]
pub struct Samples {
    values: Vec<f64>,
    missing: usize,
}

impl Samples {
    pub fn times(v: impl IntoIterator<Item = Option<Duration>>) -> Samples {
        let mut s = Samples::default();
        for d in v {
            match d {
                Some(d) => s.values.push(d.as_secs_f64() * 1e3),
                None => s.missing += 1,
            }
        }
        s
    }

    pub fn counts(v: impl IntoIterator<Item = usize>) -> Samples {
        Samples {
            // Byte counts stay far below 2^52: exact as f64.
            values: v.into_iter().map(|n| n as f64).collect(),
            missing: 0,
        }
    }

    pub fn values(v: impl IntoIterator<Item = Option<f64>>) -> Samples {
        let mut s = Samples::default();
        for x in v {
            match x {
                Some(x) => s.values.push(x),
                None => s.missing += 1,
            }
        }
        s
    }

    /// Nearest rank: the smallest value with at least `q` of the values at or below it.
    fn quantile(&self, q: f64) -> Option<f64> {
        let mut v = self.values.clone();
        v.sort_by(f64::total_cmp);
        let n = v.len();
        if n == 0 {
            return None;
        }
        // Nearest rank: a small positive count, exact in f64.
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "q is in 0..=1, so the rank is in 0..=n"
        )]
        let rank = (q * n as f64).ceil() as usize;
        Some(v[rank.clamp(1, n) - 1])
    }

    fn count(&self) -> String {
        if self.missing == 0 {
            self.values.len().to_string()
        } else {
            format!("{}/{}", self.values.len(), self.values.len() + self.missing)
        }
    }
}

/// One line of the table.
pub struct Row {
    pub metric: String,
    pub unit: Unit,
    pub nq: Samples,
    pub fzf: Option<Samples>,
}

fn shown(v: Option<f64>, unit: Unit) -> String {
    match (v, unit) {
        (None, _) => "—".into(),
        (Some(v), Unit::Ms) if v >= 1000.0 => format!("{:.2} s", v / 1e3),
        (Some(v), Unit::Ms) if v >= 10.0 => format!("{v:.0} ms"),
        (Some(v), Unit::Ms) => format!("{v:.1} ms"),
        (Some(v), Unit::Bytes) if v >= 10_000.0 => format!("{:.1} kB", v / 1e3),
        (Some(v), Unit::Bytes) => format!("{v:.0} B"),
        (Some(v), Unit::Mb) => format!("{v:.0} MB"),
        (Some(v), Unit::Times) => format!("{v:.2}×"),
    }
}

/// A Markdown table: metric | nghiquyet median | p95 | fzf median | p95 | samples.
pub fn table(rows: &[Row]) -> String {
    let mut lines = vec![
        [
            "metric",
            "nghiquyet median",
            "p95",
            "fzf median",
            "p95",
            "n (nq; fzf)",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for r in rows {
        let (fm, fp, fnn) = match &r.fzf {
            Some(f) => (
                shown(f.quantile(0.5), r.unit),
                shown(f.quantile(0.95), r.unit),
                f.count(),
            ),
            None => ("—".into(), "—".into(), "—".into()),
        };
        lines.push(vec![
            r.metric.clone(),
            shown(r.nq.quantile(0.5), r.unit),
            shown(r.nq.quantile(0.95), r.unit),
            fm,
            fp,
            format!("{}; {fnn}", r.nq.count()),
        ]);
    }
    let widths: Vec<usize> = (0..lines[0].len())
        .map(|c| {
            lines
                .iter()
                .map(|l| l[c].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for (i, l) in lines.iter().enumerate() {
        let cells: Vec<String> = l
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(c, (cell, w))| {
                let pad = w - cell.chars().count();
                if c == 0 {
                    format!("{cell}{}", " ".repeat(pad))
                } else {
                    format!("{}{cell}", " ".repeat(pad))
                }
            })
            .collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
        if i == 0 {
            let rule: Vec<String> = widths
                .iter()
                .enumerate()
                .map(|(c, w)| {
                    // Numbers are right-aligned: the colon ends the cell.
                    if c == 0 {
                        "-".repeat(w + 2)
                    } else {
                        format!("{}:", "-".repeat(w + 1))
                    }
                })
                .collect();
            let _ = writeln!(out, "|{}|", rule.join("|"));
        }
    }
    out
}
