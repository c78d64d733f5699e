//! A search's options as a front end receives them, still text (the flags
//! of `lede search`, the parameters of `GET /api/search`), validated into
//! a [`SearchRequest`] here and only here, so that the command line and
//! the server accept the same values and refuse the others with the same
//! messages: dates, languages, recency, facets, and "now" (`LEDE_NOW`).
//! Each front end reads its own numbers and names (clap for the command
//! line, `serve` for URLs); everything whose meaning is lede's is here.

use jiff::Timestamp;
use thiserror::Error;

use super::{
    parse_date_spec, parse_lang, parse_span, DateSpecError, Edge, FacetKind, Filters, LangError,
    Matching, SearchRequest, Sort,
};

/// A search option lede could not accept.
#[derive(Debug, Error)]
pub enum ParamError {
    /// `--since`/`--until` is no date lede reads.
    #[error(transparent)]
    Date(#[from] DateSpecError),
    /// `--lang` is no language code.
    #[error(transparent)]
    Lang(#[from] LangError),
    /// `--since` is not before `--until`.
    #[error("--since {since} is not before --until {until}: no article can match")]
    EmptyRange {
        /// `--since` as given.
        since: String,
        /// `--until` as given.
        until: String,
    },
    /// `--recency` is no half-life.
    #[error("cannot read --recency {0:?}: give a half-life such as 30d, 12w, 6m or 1y")]
    Recency(String),
    /// `--recency` is longer than a date can count.
    #[error("--recency {0:?} is too long")]
    RecencyTooLong(String),
    /// `--facets` names no facet lede counts.
    #[error("unknown facet {0:?}; choose from outlet, author, year, lang")]
    Facet(String),
    /// `LEDE_NOW` is no date.
    #[error("LEDE_NOW={0:?} is not a date; use e.g. 2024-03-15 or 2024-03-15T12:00:00Z")]
    Now(String),
}

/// The options of a search, as given (see the module documentation).
#[derive(Debug, Clone)]
pub struct SearchParams {
    /// The query, in lede's query syntax.
    pub query: String,
    /// Any of these authors (exact names, any case).
    pub authors: Vec<String>,
    /// Any of these outlets (exact names, any case).
    pub outlets: Vec<String>,
    /// Any of these languages (ISO 639-1 codes, with or without a region).
    pub langs: Vec<String>,
    /// Published on or after: `2020`, `2020-06`, `2020-06-15`, or `30d` ago.
    pub since: Option<String>,
    /// Published before the end of: `2020`, `2020-06`, `2020-06-15`, or `30d` ago.
    pub until: Option<String>,
    /// Typos allowed in every plain word (0 to 2).
    pub fuzzy: u32,
    /// Hit order.
    pub sort: Sort,
    /// The half-life of the recency decay (`90d`), if any.
    pub recency: Option<String>,
    /// Hits to skip.
    pub offset: usize,
    /// At most this many hits.
    pub limit: usize,
    /// Fragments per hit.
    pub snippets: usize,
    /// Facet names (`outlet`, `author`, `year`, `lang`); blank names are ignored.
    pub facets: Vec<String>,
    /// Show each duplicate group once.
    pub collapse: bool,
    /// Whether every word must match (`auto` relaxes natural-language queries).
    pub matching: Matching,
    /// Expand the query with terms of its top hits (RM3).
    pub expand: bool,
}

impl SearchParams {
    /// The options of `lede search QUERY` with no flags.
    pub fn new(query: impl Into<String>) -> SearchParams {
        let defaults = SearchRequest::new("");
        SearchParams {
            query: query.into(),
            authors: Vec::new(),
            outlets: Vec::new(),
            langs: Vec::new(),
            since: None,
            until: None,
            fuzzy: defaults.fuzzy,
            sort: defaults.sort,
            recency: None,
            offset: defaults.offset,
            limit: defaults.limit,
            snippets: defaults.snippets,
            facets: Vec::new(),
            collapse: defaults.collapse,
            matching: defaults.matching,
            expand: defaults.expand,
        }
    }

    /// Validates the options into a request, with relative dates and
    /// recency counted from `now`.
    pub fn request(&self, now: Timestamp) -> Result<SearchRequest, ParamError> {
        let mut request = SearchRequest::new(self.query.clone());
        request.now = now;
        request.filters = self.filters(now)?;
        request.fuzzy = self.fuzzy;
        request.sort = self.sort;
        request.recency_half_life = self
            .recency
            .as_deref()
            .map(|v| half_life(v, now))
            .transpose()?;
        request.offset = self.offset;
        request.limit = self.limit;
        request.snippets = self.snippets;
        request.facets = facets(&self.facets)?;
        request.collapse = self.collapse;
        request.matching = self.matching;
        request.expand = self.expand;
        Ok(request)
    }

    fn filters(&self, now: Timestamp) -> Result<Filters, ParamError> {
        let bound = |v: &Option<String>, edge| {
            v.as_deref()
                .map(|s| parse_date_spec(s, edge, now))
                .transpose()
        };
        let since = bound(&self.since, Edge::Start)?;
        let until = bound(&self.until, Edge::End)?;
        if let (Some(s), Some(u)) = (since, until) {
            if s >= u {
                return Err(ParamError::EmptyRange {
                    since: self.since.clone().unwrap_or_default(),
                    until: self.until.clone().unwrap_or_default(),
                });
            }
        }
        Ok(Filters {
            authors: self.authors.clone(),
            outlets: self.outlets.clone(),
            langs: self
                .langs
                .iter()
                .map(|l| parse_lang(l))
                .collect::<Result<_, _>>()?,
            since,
            until,
        })
    }
}

/// "Now" for relative dates and recency from the value of `LEDE_NOW` (an
/// RFC 3339 instant or a day), for reproducible runs and tests; `None`
/// when it is unset or blank (the clock decides).
pub fn fixed_now(lede_now: Option<&str>) -> Result<Option<Timestamp>, ParamError> {
    let Some(v) = lede_now.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    v.parse::<Timestamp>()
        .ok()
        .or_else(|| parse_date_spec(v, Edge::Start, Timestamp::UNIX_EPOCH).ok())
        .map(Some)
        .ok_or_else(|| ParamError::Now(v.to_string()))
}

/// `--recency`: a half-life in seconds.
fn half_life(v: &str, now: Timestamp) -> Result<f64, ParamError> {
    let span = parse_span(v)
        .filter(|_| !v.starts_with('0'))
        .ok_or_else(|| ParamError::Recency(v.to_string()))?;
    span.total((
        jiff::Unit::Second,
        now.to_zoned(jiff::tz::TimeZone::UTC).date(),
    ))
    .map_err(|_| ParamError::RecencyTooLong(v.to_string()))
}

/// `--facets`: the kinds asked for, each once.
fn facets(names: &[String]) -> Result<Vec<FacetKind>, ParamError> {
    let mut facets = Vec::new();
    for name in names.iter().filter(|n| !n.trim().is_empty()) {
        let kind = FacetKind::parse(name).ok_or_else(|| ParamError::Facet(name.clone()))?;
        if !facets.contains(&kind) {
            facets.push(kind);
        }
    }
    Ok(facets)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        "2024-03-15T12:00:00Z".parse().unwrap()
    }

    #[test]
    fn defaults_are_those_of_a_plain_search() {
        let r = SearchParams::new("pardon").request(now()).unwrap();
        assert_eq!((r.limit, r.snippets, r.collapse), (10, 2, true));
        assert!(r.filters.is_empty() && r.facets.is_empty());
        assert_eq!(r.now, now());
    }

    #[test]
    fn each_bad_value_names_the_option_and_what_to_give() {
        let bad = |edit: fn(&mut SearchParams)| {
            let mut p = SearchParams::new("pardon");
            edit(&mut p);
            p.request(now()).unwrap_err().to_string()
        };
        assert!(bad(|p| p.since = Some("soon".into())).starts_with("cannot read --since \"soon\""));
        assert!(bad(|p| p.langs = vec!["english".into()]).starts_with("--lang \"english\""));
        assert_eq!(
            bad(|p| {
                p.since = Some("2021".into());
                p.until = Some("2020".into());
            }),
            "--since 2021 is not before --until 2020: no article can match"
        );
        assert!(bad(|p| p.recency = Some("0d".into())).starts_with("cannot read --recency"));
        assert!(bad(|p| p.facets = vec!["colour".into()]).starts_with("unknown facet \"colour\""));
    }

    #[test]
    fn facets_are_read_once_each_and_blanks_ignored() {
        let mut p = SearchParams::new("pardon");
        p.facets = vec!["Outlet".into(), " ".into(), "years".into(), "outlet".into()];
        let r = p.request(now()).unwrap();
        assert_eq!(r.facets, vec![FacetKind::Outlet, FacetKind::Year]);
    }

    #[test]
    fn lede_now_is_an_instant_or_a_day() {
        assert_eq!(fixed_now(None).unwrap(), None);
        assert_eq!(fixed_now(Some(" ")).unwrap(), None);
        assert_eq!(
            fixed_now(Some("2024-03-15")).unwrap().unwrap().to_string(),
            "2024-03-15T00:00:00Z"
        );
        assert!(fixed_now(Some("2024-03-15T12:00:00Z")).unwrap().is_some());
        assert!(fixed_now(Some("tomorrow")).is_err());
    }
}
