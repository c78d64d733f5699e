//! URL parameters into search options: each endpoint names the parameters
//! it takes (an unknown one is an error, so a typo such as `outlets=` is
//! not silently ignored); `author`, `outlet` and `lang` repeat for any of
//! several, `facets` takes a comma-separated list; every other parameter
//! is given at most once. An empty value counts as absent, as a form's
//! empty field sends it. What the values mean is checked by
//! [`SearchParams::request`], with the command line's messages.

use crate::search::params::SearchParams;
use crate::search::{Matching, Period, Sort};

use super::error::ApiError;

/// Most hits one page of `/api/search` returns (every match streams from
/// `/api/search.csv?all=true`).
pub const MAX_PAGE: usize = 1000;

/// The filters every search endpoint takes.
const FILTERS: &[&str] = &["q", "author", "outlet", "lang", "since", "until", "fuzzy"];

/// `GET /api/search`.
pub const SEARCH: &[&str] = &[
    "sort", "recency", "limit", "offset", "snippets", "facets", "collapse", "match", "expand",
];
/// `GET /api/search.csv`: the search's, and `all`.
pub const SEARCH_CSV: &[&str] = &[
    "sort", "recency", "limit", "offset", "snippets", "facets", "collapse", "match", "expand",
    "all",
];
/// `GET /api/timeline`.
pub const TIMELINE: &[&str] = &["by"];
/// `POST /api/batch` (the queries are the body).
pub const BATCH: &[&str] = &[
    "sort", "recency", "limit", "snippets", "collapse", "match", "expand", "format",
];
/// `GET /api/article/ID/view`: the query whose terms to mark.
pub const VIEW: &[&str] = &[];

/// A query string's parameters, checked against what an endpoint takes.
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Reads a query string; `extra` are the endpoint's parameters besides
    /// the filters. `q` is optional for the batch, whose queries are its body.
    pub fn parse(raw: Option<&str>, extra: &[&str]) -> Result<Params, ApiError> {
        let pairs: Vec<(String, String)> = form_urlencoded::parse(raw.unwrap_or("").as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        for (key, _) in &pairs {
            if !FILTERS.contains(&key.as_str()) && !extra.contains(&key.as_str()) {
                let known: Vec<&str> = FILTERS.iter().chain(extra).copied().collect();
                return Err(ApiError::BadRequest(format!(
                    "unknown parameter {key:?}; this endpoint takes {}",
                    known.join(", ")
                )));
            }
        }
        Ok(Params { pairs })
    }

    /// The non-empty values of a parameter.
    fn all(&self, key: &str) -> Vec<String> {
        self.pairs
            .iter()
            .filter(|(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// A parameter given at most once.
    pub fn one(&self, key: &str) -> Result<Option<String>, ApiError> {
        let mut values = self.all(key);
        if values.len() > 1 {
            return Err(ApiError::BadRequest(format!(
                "parameter {key:?} is given {} times; give it once",
                values.len()
            )));
        }
        Ok(values.pop())
    }

    fn number(&self, key: &str) -> Result<Option<usize>, ApiError> {
        self.one(key)?
            .map(|v| {
                v.trim().parse::<usize>().map_err(|_| {
                    ApiError::BadRequest(format!(
                        "invalid value {v:?} for {key}: give a whole number"
                    ))
                })
            })
            .transpose()
    }

    /// A boolean parameter: `true`/`false`, `1`/`0`, `yes`/`no`.
    pub fn flag(&self, key: &str) -> Result<Option<bool>, ApiError> {
        self.one(key)?
            .map(|v| match v.trim().to_ascii_lowercase().as_str() {
                "true" | "1" | "yes" => Ok(true),
                "false" | "0" | "no" => Ok(false),
                _ => Err(ApiError::BadRequest(format!(
                    "invalid value {v:?} for {key}: give true or false"
                ))),
            })
            .transpose()
    }

    /// The query and filters, with the other search options where this
    /// endpoint takes them (lede's defaults otherwise).
    pub fn search(&self) -> Result<SearchParams, ApiError> {
        let mut p = SearchParams::new(self.one("q")?.unwrap_or_default());
        p.authors = self.all("author");
        p.outlets = self.all("outlet");
        p.langs = self.all("lang");
        p.since = self.one("since")?;
        p.until = self.one("until")?;
        if let Some(v) = self.one("fuzzy")? {
            p.fuzzy = match v.trim() {
                "0" => 0,
                "1" => 1,
                "2" => 2,
                _ => {
                    return Err(ApiError::BadRequest(format!(
                        "invalid value {v:?} for fuzzy: give 0, 1 or 2"
                    )))
                }
            };
        }
        if let Some(v) = self.one("sort")? {
            p.sort = match v.trim().to_ascii_lowercase().as_str() {
                "relevance" => Sort::Relevance,
                "newest" => Sort::Newest,
                "oldest" => Sort::Oldest,
                _ => {
                    return Err(ApiError::BadRequest(format!(
                        "invalid value {v:?} for sort: choose relevance, newest or oldest"
                    )))
                }
            };
        }
        p.recency = self.one("recency")?;
        if let Some(n) = self.number("limit")? {
            p.limit = n;
        }
        if let Some(n) = self.number("offset")? {
            p.offset = n;
        }
        if let Some(n) = self.number("snippets")? {
            p.snippets = n;
        }
        p.facets = self
            .all("facets")
            .iter()
            .flat_map(|v| v.split(','))
            .map(|f| f.trim().to_string())
            .collect();
        if let Some(collapse) = self.flag("collapse")? {
            p.collapse = collapse;
        }
        if let Some(v) = self.one("match")? {
            p.matching = match v.trim().to_ascii_lowercase().as_str() {
                "auto" => Matching::Auto,
                "all" => Matching::All,
                "any" => Matching::Any,
                _ => {
                    return Err(ApiError::BadRequest(format!(
                        "invalid value {v:?} for match: choose auto, all or any"
                    )))
                }
            };
        }
        if let Some(expand) = self.flag("expand")? {
            p.expand = expand;
        }
        Ok(p)
    }

    /// `limit` for one page: at most [`MAX_PAGE`].
    pub fn page_limit(&self, params: &SearchParams) -> Result<(), ApiError> {
        if params.limit > MAX_PAGE {
            return Err(ApiError::BadRequest(format!(
                "limit {} is more than one page holds ({MAX_PAGE}); page with offset, \
                 or download every match from /api/search.csv?all=true",
                params.limit
            )));
        }
        Ok(())
    }

    /// `by` of the timeline (month when absent).
    pub fn period(&self) -> Result<Period, ApiError> {
        Ok(match self.one("by")?.as_deref().map(str::trim) {
            None | Some("month") => Period::Month,
            Some("day") => Period::Day,
            Some("week") => Period::Week,
            Some("year") => Period::Year,
            Some(v) => {
                return Err(ApiError::BadRequest(format!(
                    "invalid value {v:?} for by: choose day, week, month or year"
                )))
            }
        })
    }

    /// The limit when one is given (`limit` of a batch or an export).
    pub fn limit(&self) -> Result<Option<usize>, ApiError> {
        self.number("limit")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(raw: &str, extra: &[&str]) -> String {
        match Params::parse(Some(raw), extra).and_then(|p| p.search()) {
            Err(e) => e.to_string(),
            Ok(_) => panic!("{raw} was accepted"),
        }
    }

    #[test]
    fn repeated_filters_lists_and_empty_values() {
        let p = Params::parse(
            Some("q=clemency&outlet=Riverbend+Post&outlet=The%20Harbor%20Ledger&since=&facets=outlet,year&facets=lang&collapse=false&match=any&expand=true"),
            SEARCH,
        )
        .unwrap()
        .search()
        .unwrap();
        assert_eq!(p.query, "clemency");
        assert_eq!(p.outlets, vec!["Riverbend Post", "The Harbor Ledger"]);
        assert_eq!(p.since, None);
        assert_eq!(p.facets, vec!["outlet", "year", "lang"]);
        assert!(!p.collapse);
        assert_eq!(p.matching, Matching::Any);
        assert!(p.expand);
    }

    #[test]
    fn unknown_repeated_and_unreadable_parameters_are_named() {
        assert!(err("q=x&outlets=a", SEARCH).starts_with("unknown parameter \"outlets\""));
        assert!(err("q=x&all=true", SEARCH).starts_with("unknown parameter \"all\""));
        assert_eq!(
            err("q=x&since=2020&since=2021", SEARCH),
            "parameter \"since\" is given 2 times; give it once"
        );
        assert_eq!(
            err("q=x&limit=ten", SEARCH),
            "invalid value \"ten\" for limit: give a whole number"
        );
        assert!(err("q=x&sort=best", SEARCH).contains("relevance, newest or oldest"));
        assert!(err("q=x&fuzzy=3", SEARCH).contains("give 0, 1 or 2"));
        assert!(err("q=x&collapse=maybe", SEARCH).contains("true or false"));
        assert!(err("q=x&match=some", SEARCH).contains("auto, all or any"));
        assert!(err("q=x&expand=sometimes", SEARCH).contains("true or false"));
    }
}
