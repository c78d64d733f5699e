//! Renders evaluation results: one table for people, one JSON object for
//! CI, and the list of failures for one field. Writers are generic over
//! [`io::Write`] so tests render into a `Vec<u8>`.

use std::io::{self, Write};

use serde::Serialize;

use super::run::{Field, SetReport};

fn fmt_rate(value: Option<f64>) -> String {
    value.map_or_else(|| "-".into(), |v| format!("{v:.3}"))
}

/// The fields scored as a share of cases, in report order.
const RATE_FIELDS: [Field; 8] = [
    Field::With,
    Field::Without,
    Field::Title,
    Field::Author,
    Field::Outlet,
    Field::Date,
    Field::Dek,
    Field::Lang,
];

/// Writes the table: one row per set and field, with the number of pages
/// (or passages) each figure is over.
pub fn write_table<W: Write>(out: &mut W, reports: &[SetReport]) -> io::Result<()> {
    writeln!(
        out,
        "{:<12} {:<18} {:>8} {:>8}  note",
        "set", "field", "value", "over"
    )?;
    for r in reports {
        writeln!(
            out,
            "{:<12} {:<18} {:>8} {:>8}  {} read errors, {} extraction errors ({} panics), scored as empty",
            r.set, "pages", r.pages, "", r.read_errors, r.extract_errors, r.panics
        )?;
        for (name, body) in [("body", &r.body), ("dek+body", &r.dek_body)] {
            let Some(b) = body else { continue };
            writeln!(
                out,
                "{:<12} {:<18} {:>8.3} {:>8}",
                r.set,
                format!("{name} precision"),
                b.precision,
                b.precision_pages
            )?;
            writeln!(
                out,
                "{:<12} {:<18} {:>8.3} {:>8}",
                r.set,
                format!("{name} recall"),
                b.recall,
                b.recall_pages
            )?;
            writeln!(
                out,
                "{:<12} {:<18} {:>8.3} {:>8}",
                r.set,
                format!("{name} F1"),
                b.f1,
                r.pages
            )?;
        }
        for field in RATE_FIELDS {
            let Some(rate) = r.rate(field) else { continue };
            if rate.total == 0 {
                continue;
            }
            let what = match field {
                Field::With => "passages found",
                Field::Without => "passages absent",
                _ => "pages right",
            };
            writeln!(
                out,
                "{:<12} {:<18} {:>8} {:>8}  {}/{} {what}",
                r.set,
                field.as_str(),
                fmt_rate(rate.value()),
                rate.total,
                rate.hits,
                rate.total
            )?;
        }
        writeln!(
            out,
            "{:<12} {:<18} {:>8} {:>8}  extraction only, one thread, after one warm-up page, excluding reading and decompression",
            r.set,
            "pages/second",
            r.pages_per_second().map_or_else(|| "-".into(), |v| format!("{v:.1}")),
            r.pages
        )?;
    }
    Ok(())
}

/// One figure with the count it is over.
#[derive(Serialize)]
struct Figure {
    value: Option<f64>,
    over: usize,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    sets: Vec<JsonSet<'a>>,
}

#[derive(Serialize)]
struct JsonSet<'a> {
    set: &'a str,
    pages: usize,
    read_errors: usize,
    extract_errors: usize,
    panics: usize,
    pages_per_second: Option<f64>,
    body_precision: Option<Figure>,
    body_recall: Option<Figure>,
    body_f1: Option<Figure>,
    dek_body_f1: Option<Figure>,
    with: Option<Figure>,
    without: Option<Figure>,
    title: Option<Figure>,
    author: Option<Figure>,
    outlet: Option<Figure>,
    date: Option<Figure>,
    dek: Option<Figure>,
    lang: Option<Figure>,
    /// The same figures for each fold, when folds were asked for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    folds: Vec<JsonSet<'a>>,
}

fn json_set<'a>(r: &'a SetReport, folds: &'a [SetReport]) -> JsonSet<'a> {
    let rate = |f: Field| {
        r.rate(f).filter(|x| x.total > 0).map(|x| Figure {
            value: x.value(),
            over: x.total,
        })
    };
    JsonSet {
        set: &r.set,
        pages: r.pages,
        read_errors: r.read_errors,
        extract_errors: r.extract_errors,
        panics: r.panics,
        pages_per_second: r.pages_per_second(),
        body_precision: r.body.map(|b| Figure {
            value: Some(b.precision),
            over: b.precision_pages,
        }),
        body_recall: r.body.map(|b| Figure {
            value: Some(b.recall),
            over: b.recall_pages,
        }),
        body_f1: r.body.map(|b| Figure {
            value: Some(b.f1),
            over: r.pages,
        }),
        dek_body_f1: r.dek_body.map(|b| Figure {
            value: Some(b.f1),
            over: r.pages,
        }),
        with: rate(Field::With),
        without: rate(Field::Without),
        title: rate(Field::Title),
        author: rate(Field::Author),
        outlet: rate(Field::Outlet),
        date: rate(Field::Date),
        dek: rate(Field::Dek),
        lang: rate(Field::Lang),
        folds: folds.iter().map(|f| json_set(f, &[])).collect(),
    }
}

/// Writes all figures as one JSON object: `{"sets": [{"set": "zyte",
/// "body_f1": {"value": 0.93, "over": 83}, ...}]}`. A field the set has no
/// truth for is `null`. With folds (`folds[i]` holds the fold reports of
/// `reports[i]`), each set also has a `folds` array of the same objects.
pub fn write_json<W: Write>(
    out: &mut W,
    reports: &[SetReport],
    folds: &[Vec<SetReport>],
) -> io::Result<()> {
    let sets: Vec<JsonSet> = reports
        .iter()
        .enumerate()
        .map(|(i, r)| json_set(r, folds.get(i).map_or(&[][..], Vec::as_slice)))
        .collect();
    serde_json::to_writer_pretty(&mut *out, &JsonReport { sets })?;
    writeln!(out)
}

/// The figures compared across folds: every body F1 and rate a set has.
fn fold_measures(r: &SetReport) -> Vec<(String, Option<f64>)> {
    let mut m = Vec::new();
    if let Some(b) = r.body {
        m.push(("body F1".to_string(), Some(b.f1)));
    }
    if let Some(b) = r.dek_body {
        m.push(("dek+body F1".to_string(), Some(b.f1)));
    }
    for f in RATE_FIELDS {
        if r.rate(f).is_some_and(|x| x.total > 0) {
            m.push((f.as_str().to_string(), r.rate(f).and_then(|x| x.value())));
        }
    }
    m
}

/// Writes, for each set, one row per figure: its value over the whole
/// set, over each fold (`-` where a fold has no case of it), and the
/// spread across folds: lowest, highest and standard deviation.
pub fn write_folds<W: Write>(
    out: &mut W,
    reports: &[SetReport],
    folds: &[Vec<SetReport>],
) -> io::Result<()> {
    let k = folds.first().map_or(0, Vec::len);
    write!(out, "{:<12} {:<12} {:>6}", "set", "field", "all")?;
    for i in 0..k {
        write!(out, " {:>6}", format!("f{}", i + 1))?;
    }
    writeln!(out, " {:>6} {:>6} {:>6}", "min", "max", "sd")?;
    for (r, fr) in reports.iter().zip(folds) {
        write!(out, "{:<12} {:<12} {:>6}", r.set, "pages", r.pages)?;
        for f in fr {
            write!(out, " {:>6}", f.pages)?;
        }
        writeln!(out)?;
        for (name, all) in fold_measures(r) {
            write!(out, "{:<12} {:<12} {:>6}", r.set, name, fmt_rate(all))?;
            let values: Vec<Option<f64>> = fr
                .iter()
                .map(|f| {
                    fold_measures(f)
                        .into_iter()
                        .find(|(n, _)| *n == name)
                        .and_then(|(_, v)| v)
                })
                .collect();
            for v in &values {
                write!(out, " {:>6}", fmt_rate(*v))?;
            }
            let present: Vec<f64> = values.iter().flatten().copied().collect();
            let (min, max, sd) = spread(&present);
            writeln!(
                out,
                " {:>6} {:>6} {:>6}",
                fmt_rate(min),
                fmt_rate(max),
                fmt_rate(sd)
            )?;
        }
    }
    Ok(())
}

/// Lowest, highest and (population) standard deviation of the values.
fn spread(values: &[f64]) -> (Option<f64>, Option<f64>, Option<f64>) {
    if values.is_empty() {
        return (None, None, None);
    }
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / values.len() as f64;
    (Some(min), Some(max), Some(var.sqrt()))
}

/// Lists the pages where `field` is wrong, expected against got.
pub fn write_failures<W: Write>(
    out: &mut W,
    reports: &[SetReport],
    field: Field,
) -> io::Result<()> {
    let mut n = 0;
    for r in reports {
        for f in r.failures.iter().filter(|f| f.field == field) {
            n += 1;
            writeln!(out, "{}/{} [{}]", r.set, f.page, field)?;
            writeln!(out, "  expected: {}", f.expected)?;
            writeln!(out, "  got:      {}", f.got)?;
        }
    }
    writeln!(out, "{n} failures for {field}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::run::Rate;

    #[test]
    fn table_and_json_render_measured_figures() {
        let r = SetReport {
            set: "demo".into(),
            pages: 2,
            title: Rate { hits: 1, total: 2 },
            extract_seconds: 0.5,
            ..SetReport::default()
        };
        let mut table = Vec::new();
        write_table(&mut table, std::slice::from_ref(&r)).expect("write");
        let table = String::from_utf8(table).expect("utf-8");
        assert!(
            table.contains("demo         title                 0.500        2  1/2 pages right"),
            "{table}"
        );
        assert!(table.contains("4.0"));
        assert!(!table.contains("author"));
        let mut json = Vec::new();
        write_json(&mut json, std::slice::from_ref(&r), &[]).expect("write");
        let v: serde_json::Value = serde_json::from_slice(&json).expect("json");
        assert_eq!(v["sets"][0]["title"]["value"], 0.5);
        assert!(v["sets"][0]["author"].is_null());
        assert!(v["sets"][0].get("folds").is_none());

        // Folds: each fold's figure and the spread across them.
        let fold = |hits| SetReport {
            set: "demo".into(),
            pages: 1,
            title: Rate { hits, total: 1 },
            ..SetReport::default()
        };
        let mut table = Vec::new();
        write_folds(&mut table, &[r], &[vec![fold(1), fold(0)]]).expect("write");
        let table = String::from_utf8(table).expect("utf-8");
        let row = table
            .lines()
            .find(|l| l.contains("title"))
            .expect("a title row");
        assert_eq!(
            row.split_whitespace().collect::<Vec<_>>(),
            ["demo", "title", "0.500", "1.000", "0.000", "0.000", "1.000", "0.500"],
            "{table}"
        );
    }
}
