//! Renders evaluation results: one table for people, one JSON object for
//! CI, and the list of failures for one field. Writers are generic over
//! [`io::Write`] so tests render into a `Vec<u8>`.

use std::io::{self, Write};

use serde::Serialize;

use super::run::{Field, SetReport};

fn fmt_rate(value: Option<f64>) -> String {
    value.map_or_else(|| "-".into(), |v| format!("{v:.3}"))
}

/// Writes the table: one row per set and field, with the number of pages
/// (or passages) each figure is over.
pub fn write_table<W: Write>(out: &mut W, reports: &[SetReport]) -> io::Result<()> {
    writeln!(
        out,
        "{:<12} {:<16} {:>8} {:>8}  note",
        "set", "field", "value", "over"
    )?;
    for r in reports {
        writeln!(
            out,
            "{:<12} {:<16} {:>8} {:>8}  {} read errors, {} extraction errors ({} panics), scored as empty",
            r.set, "pages", r.pages, "", r.read_errors, r.extract_errors, r.panics
        )?;
        if let Some(b) = &r.body {
            writeln!(
                out,
                "{:<12} {:<16} {:>8.3} {:>8}",
                r.set, "body precision", b.precision, b.precision_pages
            )?;
            writeln!(
                out,
                "{:<12} {:<16} {:>8.3} {:>8}",
                r.set, "body recall", b.recall, b.recall_pages
            )?;
            writeln!(
                out,
                "{:<12} {:<16} {:>8.3} {:>8}",
                r.set, "body F1", b.f1, r.pages
            )?;
        }
        for field in [
            Field::With,
            Field::Without,
            Field::Title,
            Field::Author,
            Field::Outlet,
            Field::Date,
        ] {
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
                "{:<12} {:<16} {:>8} {:>8}  {}/{} {what}",
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
            "{:<12} {:<16} {:>8} {:>8}  extraction only, one thread, after one warm-up page, excluding reading and decompression",
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
    with: Option<Figure>,
    without: Option<Figure>,
    title: Option<Figure>,
    author: Option<Figure>,
    outlet: Option<Figure>,
    date: Option<Figure>,
}

/// Writes all figures as one JSON object: `{"sets": [{"set": "zyte",
/// "body_f1": {"value": 0.93, "over": 83}, ...}]}`. A field the set has no
/// truth for is `null`.
pub fn write_json<W: Write>(out: &mut W, reports: &[SetReport]) -> io::Result<()> {
    let rate = |r: &SetReport, f: Field| {
        r.rate(f).filter(|x| x.total > 0).map(|x| Figure {
            value: x.value(),
            over: x.total,
        })
    };
    let sets: Vec<JsonSet> = reports
        .iter()
        .map(|r| JsonSet {
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
            with: rate(r, Field::With),
            without: rate(r, Field::Without),
            title: rate(r, Field::Title),
            author: rate(r, Field::Author),
            outlet: rate(r, Field::Outlet),
            date: rate(r, Field::Date),
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &JsonReport { sets })?;
    writeln!(out)
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
            table.contains("demo         title               0.500        2  1/2 pages right"),
            "{table}"
        );
        assert!(table.contains("4.0"));
        assert!(!table.contains("author"));
        let mut json = Vec::new();
        write_json(&mut json, &[r]).expect("write");
        let v: serde_json::Value = serde_json::from_slice(&json).expect("json");
        assert_eq!(v["sets"][0]["title"]["value"], 0.5);
        assert!(v["sets"][0]["author"].is_null());
    }
}
