//! Floors: the figures CI refuses to let fall. A floors file lists one
//! `set measure minimum` per line (`#` starts a comment), where measure is
//! `body_f1`, `dek_body_f1` (the body against the standfirst and body,
//! fundus), a field name (`title`, `author`, `outlet`, `date`, `with`,
//! `without`, `dek`, `lang`) or `pages_per_second`. [`check`] compares a run against it.

use std::fmt;

use super::run::{Field, SetReport};

/// One line of a floors file.
#[derive(Debug, Clone, PartialEq)]
pub struct Floor {
    /// The set it applies to.
    pub set: String,
    /// What is measured.
    pub measure: String,
    /// The lowest acceptable value.
    pub minimum: f64,
}

/// A floors file that cannot be read, with the line at fault.
#[derive(Debug, Clone, PartialEq)]
pub struct FloorsError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with it.
    pub message: String,
}

impl fmt::Display for FloorsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Parses a floors file.
pub fn parse(text: &str) -> Result<Vec<Floor>, FloorsError> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let err = |message: String| FloorsError {
            line: i + 1,
            message,
        };
        let parts: Vec<&str> = line.split_whitespace().collect();
        let [set, measure, minimum] = parts.as_slice() else {
            return Err(err(format!("expected `set measure minimum`, got {line:?}")));
        };
        let known = *measure == "body_f1"
            || *measure == "dek_body_f1"
            || *measure == "pages_per_second"
            || Field::parse(measure).is_some_and(|f| f != Field::Body);
        if !known {
            return Err(err(format!("unknown measure {measure:?}; use body_f1, dek_body_f1, pages_per_second, title, author, outlet, date, with, without, dek or lang")));
        }
        let minimum: f64 = minimum
            .parse()
            .map_err(|_| err(format!("{minimum:?} is not a number")))?;
        out.push(Floor {
            set: set.to_string(),
            measure: measure.to_string(),
            minimum,
        });
    }
    Ok(out)
}

/// The value a report has for a measure, when it has one.
pub fn value(report: &SetReport, measure: &str) -> Option<f64> {
    match measure {
        "body_f1" => report.body.as_ref().map(|b| b.f1),
        "dek_body_f1" => report.dek_body.as_ref().map(|b| b.f1),
        "pages_per_second" => report.pages_per_second(),
        other => Field::parse(other)
            .and_then(|f| report.rate(f))
            .and_then(|r| r.value()),
    }
}

/// One message per floor a run falls below (or cannot be checked against).
/// Floors of sets that were not run are ignored.
pub fn check(floors: &[Floor], reports: &[SetReport]) -> Vec<String> {
    let mut problems = Vec::new();
    for floor in floors {
        let Some(report) = reports.iter().find(|r| r.set == floor.set) else {
            continue;
        };
        match value(report, &floor.measure) {
            Some(v) if v + 1e-9 >= floor.minimum => {}
            Some(v) => problems.push(format!(
                "{} {} is {v:.3}, below its floor {:.3}",
                floor.set, floor.measure, floor.minimum
            )),
            None => problems.push(format!(
                "{} {} was not measured, but has a floor",
                floor.set, floor.measure
            )),
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_lines_comments_and_rejects_nonsense() {
        let floors =
            parse("# floors\nzyte body_f1 0.96  # body\n\ntrafilatura title 0.8\n").unwrap();
        assert_eq!(floors.len(), 2);
        assert_eq!(
            floors[1],
            Floor {
                set: "trafilatura".into(),
                measure: "title".into(),
                minimum: 0.8
            }
        );
        assert_eq!(parse("zyte colour 1").unwrap_err().line, 1);
        assert!(parse("zyte title high")
            .unwrap_err()
            .message
            .contains("not a number"));
        assert!(parse("zyte title").is_err());
    }
}
