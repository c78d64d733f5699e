//! `lede search`: open the index (building the default one from `corpus/`
//! on first use), run the query with its filters, print text or JSON Lines.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use jiff::Timestamp;

use lede::index;
use lede::output::{json, text::TextPrinter};
use lede::search::{
    self, parse_date_spec, parse_span, Edge, FacetKind, Filters, SearchRequest, Sort,
};

use super::Exit;
use crate::cli::{ColorChoice, FilterArgs, MatchArg, SearchArgs, SimilarArgs, SortArg};

/// Everything `lede search` needs, validated.
#[derive(Debug, Clone)]
pub struct SearchConfig {
    /// The search itself.
    pub request: SearchRequest,
    /// The index directory.
    pub index: PathBuf,
    /// True when the user did not name an index (so it may be auto-built).
    pub default_index: bool,
    /// Print only the count.
    pub count_only: bool,
    /// JSON Lines output.
    pub json: bool,
    /// ANSI colour in text output.
    pub color: bool,
}

/// "Now" for relative dates and recency: the `LEDE_NOW` environment variable
/// (an RFC 3339 instant or a day), for reproducible runs and tests, else the clock.
pub fn now() -> Result<Timestamp> {
    match std::env::var("LEDE_NOW") {
        Ok(v) if !v.trim().is_empty() => {
            let v = v.trim();
            v.parse::<Timestamp>()
                .or_else(|_| {
                    parse_date_spec(v, Edge::Start, Timestamp::UNIX_EPOCH)
                        .map_err(anyhow::Error::from)
                })
                .with_context(|| {
                    format!(
                        "LEDE_NOW={v:?} is not a date; use e.g. 2024-03-15 or 2024-03-15T12:00:00Z"
                    )
                })
        }
        _ => Ok(Timestamp::now()),
    }
}

/// Validates the shared filter options.
pub fn filters(args: &FilterArgs, now: Timestamp) -> Result<Filters> {
    let bound = |v: &Option<String>, edge| {
        v.as_deref()
            .map(|s| parse_date_spec(s, edge, now))
            .transpose()
    };
    let since = bound(&args.since, Edge::Start)?;
    let until = bound(&args.until, Edge::End)?;
    if let (Some(s), Some(u)) = (since, until) {
        anyhow::ensure!(
            s < u,
            "--since {} is not before --until {}: no article can match",
            args.since.as_deref().unwrap_or(""),
            args.until.as_deref().unwrap_or("")
        );
    }
    Ok(Filters {
        authors: args.author.clone(),
        outlets: args.outlet.clone(),
        langs: args.lang.clone(),
        since,
        until,
    })
}

impl SearchConfig {
    /// Validates the parsed arguments.
    pub fn from_args(args: SearchArgs) -> Result<SearchConfig> {
        let now = now()?;
        let recency_half_life = match &args.recency {
            None => None,
            Some(v) => {
                let span = parse_span(v).filter(|_| !v.starts_with('0')).with_context(|| {
                    format!("cannot read --recency {v:?}: give a half-life such as 30d, 12w, 6m or 1y")
                })?;
                let secs = span
                    .total((
                        jiff::Unit::Second,
                        now.to_zoned(jiff::tz::TimeZone::UTC).date(),
                    ))
                    .with_context(|| format!("--recency {v:?} is too long"))?;
                Some(secs)
            }
        };
        let mut facets = Vec::new();
        for name in args.facets.iter().filter(|n| !n.trim().is_empty()) {
            let kind = FacetKind::parse(name).with_context(|| {
                format!("unknown facet {name:?}; choose from outlet, author, year, lang")
            })?;
            if !facets.contains(&kind) {
                facets.push(kind);
            }
        }
        let request = SearchRequest {
            query: args.query,
            filters: filters(&args.filters, now)?,
            sort: match args.sort {
                SortArg::Relevance => Sort::Relevance,
                SortArg::Newest => Sort::Newest,
                SortArg::Oldest => Sort::Oldest,
            },
            recency_half_life,
            offset: args.offset,
            limit: args.limit,
            snippets: args.snippets,
            facets,
            collapse: !args.no_collapse,
            fuzzy: args.filters.fuzzy.unwrap_or(0),
            now,
            ranking: search::Ranking::DEFAULT,
            matching: match args.matching {
                MatchArg::Auto => search::Matching::Auto,
                MatchArg::All => search::Matching::All,
                MatchArg::Any => search::Matching::Any,
            },
            expand: args.expand,
            similar_to: None,
        };
        Ok(SearchConfig {
            request,
            default_index: args.index.path.as_os_str() == "index",
            index: args.index.path,
            count_only: args.count,
            json: args.json,
            color: use_color(args.color),
        })
    }
}

impl SearchConfig {
    /// Validates `lede similar`'s arguments: a search for the articles
    /// like one, with the options `search` has.
    pub fn from_similar(args: SimilarArgs) -> Result<SearchConfig> {
        let id = args.id;
        let mut config = SearchConfig::from_args(SearchArgs {
            query: id.clone(),
            index: args.index,
            filters: args.filters,
            limit: args.limit,
            offset: args.offset,
            sort: args.sort,
            recency: args.recency,
            count: false,
            matching: MatchArg::Auto,
            expand: false,
            snippets: args.snippets,
            facets: args.facets,
            no_collapse: args.no_collapse,
            json: args.json,
            color: args.color,
        })?;
        config.request.similar_to = Some(id);
        Ok(config)
    }
}

/// Opens the index, building the default one from `corpus/` on first use.
pub fn open_index(path: &std::path::Path, default_index: bool) -> Result<index::OpenIndex> {
    if default_index && !index::exists(path) && PathBuf::from("corpus").is_dir() {
        super::index::build_default(path)?;
    }
    Ok(index::open(path)?)
}

/// Runs `lede search` and returns its exit code.
pub fn run(config: &SearchConfig) -> Result<Exit> {
    let opened = open_index(&config.index, config.default_index)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let engine = search::Engine::new(&opened)?;
    if config.count_only {
        let prepared = engine.prepare(&config.request)?;
        let total = prepared.count()?;
        writeln!(out, "{total}")?;
        out.flush()?;
        return Ok(if total > 0 {
            Exit::Success
        } else {
            Exit::NoMatch
        });
    }
    let results = engine.search(&config.request)?;
    for w in &results.warnings {
        eprintln!("lede: warning: {w}");
    }
    if config.json {
        let index = config.index.display().to_string();
        json::write_search(
            &mut out,
            &config.request.query,
            &index,
            config.request.offset,
            &results,
        )?;
    } else {
        TextPrinter {
            color: config.color,
        }
        .write_search(&mut out, &results)?;
    }
    out.flush()?;
    Ok(if results.hits.is_empty() {
        Exit::NoMatch
    } else {
        Exit::Success
    })
}

/// Whether to colour: `--color`, a terminal on stdout, and `NO_COLOR`.
pub fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").map_or(true, |v| v.is_empty())
        }
    }
}
