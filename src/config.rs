//! From the parsed command line to validated configurations, once: the
//! clap structs of `cli` (close to the flags, as ripgrep's low-level
//! arguments) become one config per command here (as its high-level
//! arguments), and no command ever sees a clap type. What several commands
//! share is decided here once: where the index is and whether the user
//! named it, "now" (`LEDE_NOW`), the filters, and colour.

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::{Context, Result};
use jiff::Timestamp;

use lede::index::UpdateConfig;
use lede::search::{
    parse_date_spec, parse_lang, parse_span, Edge, FacetKind, Filters, Matching, Period,
    SearchRequest, Sort,
};

use crate::cli::{self, Cli, ColorChoice, Command, FilterArgs, MatchArg, PeriodArg, SortArg};

/// The index directory lede uses when `--index` is not given.
pub const DEFAULT_INDEX: &str = "index";
/// What a new default index is built from.
pub const DEFAULT_CORPUS: &str = "corpus";

/// Where the index is.
#[derive(Debug, Clone)]
pub struct IndexLocation {
    /// The index directory.
    pub path: PathBuf,
    /// The user did not name it: `./index`, which a search builds from
    /// `corpus/` when it is missing.
    pub is_default: bool,
}

/// Where the articles are searched: a local index, or a cluster.
#[derive(Debug, Clone)]
pub enum Target {
    /// The local index.
    Local(IndexLocation),
    /// An index on a Quickwit cluster.
    Cluster {
        /// The cluster's url.
        url: String,
        /// The index's name on it.
        index: String,
    },
}

impl IndexLocation {
    fn from_arg(arg: &cli::IndexLocation) -> IndexLocation {
        match &arg.path {
            Some(path) => IndexLocation {
                path: path.clone(),
                is_default: false,
            },
            None => IndexLocation {
                path: PathBuf::from(DEFAULT_INDEX),
                is_default: true,
            },
        }
    }
}

impl Target {
    fn from_arg(arg: &cli::IndexLocation) -> Target {
        match arg
            .engine
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
        {
            Some(url) => Target::Cluster {
                url: url.to_string(),
                index: arg.engine_index.clone(),
            },
            None => Target::Local(IndexLocation::from_arg(arg)),
        }
    }
}

/// `lede index`.
#[derive(Debug, Clone)]
pub struct IndexConfig {
    /// What to index and how (the library's config; with a cluster, its
    /// `index` is the local directory of the file table).
    pub update: UpdateConfig,
    /// Print no progress bar and no summary.
    pub quiet: bool,
    /// The cluster to index into, instead of the local index: url and name.
    pub cluster: Option<(String, String)>,
}

/// `lede search`.
#[derive(Debug, Clone)]
pub struct SearchConfig {
    /// The search itself.
    pub request: SearchRequest,
    /// Where to search.
    pub target: Target,
    /// Print only the count.
    pub count_only: bool,
    /// JSON Lines output.
    pub json: bool,
    /// ANSI colour in text output.
    pub color: bool,
}

/// `lede timeline`.
#[derive(Debug, Clone)]
pub struct TimelineConfig {
    /// The query and filters (its paging and facets are unused).
    pub request: SearchRequest,
    /// One bar per this period.
    pub by: Period,
    /// Where to search.
    pub target: Target,
    /// JSON Lines output.
    pub json: bool,
    /// ANSI colour in text output.
    pub color: bool,
}

/// `lede extract`.
#[derive(Debug, Clone)]
pub struct ExtractConfig {
    /// Files and directories to extract.
    pub paths: Vec<PathBuf>,
    /// JSON Lines output.
    pub json: bool,
    /// Follow symbolic links out of the given directories.
    pub follow_links: bool,
}

/// `lede show`.
#[derive(Debug, Clone)]
pub struct ShowConfig {
    /// The article's id.
    pub id: String,
    /// Where to look.
    pub target: Target,
    /// JSON output.
    pub json: bool,
}

/// `lede stats`.
#[derive(Debug, Clone)]
pub struct StatsConfig {
    /// Which index.
    pub target: Target,
    /// JSON output.
    pub json: bool,
}

/// `lede check`.
#[derive(Debug, Clone)]
pub struct CheckConfig {
    /// The index.
    pub index: IndexLocation,
}

/// One command, configured.
#[derive(Debug, Clone)]
pub enum Config {
    /// `lede index`.
    Index(IndexConfig),
    /// `lede search`.
    Search(SearchConfig),
    /// `lede similar`: a search for the articles like one.
    Similar(SearchConfig),
    /// `lede timeline`.
    Timeline(TimelineConfig),
    /// `lede extract`.
    Extract(ExtractConfig),
    /// `lede show`.
    Show(ShowConfig),
    /// `lede stats`.
    Stats(StatsConfig),
    /// `lede check`.
    Check(CheckConfig),
}

/// Validates the command line into a command's config.
pub fn build(cli: Cli) -> Result<Config> {
    Ok(match cli.command {
        Command::Index(args) => {
            let cluster = match Target::from_arg(&args.index) {
                Target::Cluster { url, index } => Some((url, index)),
                Target::Local(_) => None,
            };
            let location = IndexLocation::from_arg(&args.index);
            // A cluster's file table is kept apart from a local index.
            let index = match &cluster {
                Some((_, name)) if location.is_default => PathBuf::from(format!("index-{name}")),
                _ => location.path,
            };
            Config::Index(IndexConfig {
                update: UpdateConfig {
                    roots: args.roots,
                    default_root: PathBuf::from(DEFAULT_CORPUS),
                    index,
                    full: args.full,
                    memory_bytes: (args.memory as usize) * 1024 * 1024,
                    follow_links: args.follow,
                },
                quiet: args.quiet,
                cluster,
            })
        }
        Command::Search(args) => {
            let now = now()?;
            let mut request = request(args.query, &args.filters, now)?;
            request.sort = sort(args.sort);
            request.recency_half_life = args
                .recency
                .as_deref()
                .map(|v| half_life(v, now))
                .transpose()?;
            request.offset = args.offset;
            request.limit = args.limit;
            request.snippets = args.snippets;
            request.facets = facets(&args.facets)?;
            request.collapse = !args.no_collapse;
            request.matching = match args.matching {
                MatchArg::Auto => Matching::Auto,
                MatchArg::All => Matching::All,
                MatchArg::Any => Matching::Any,
            };
            request.expand = args.expand;
            Config::Search(SearchConfig {
                request,
                target: Target::from_arg(&args.index),
                count_only: args.count,
                json: args.json,
                color: use_color(args.color),
            })
        }
        Command::Similar(args) => {
            let now = now()?;
            let id = args.id.trim().to_string();
            let mut request = request(id.clone(), &args.filters, now)?;
            request.sort = sort(args.sort);
            request.recency_half_life = args
                .recency
                .as_deref()
                .map(|v| half_life(v, now))
                .transpose()?;
            request.offset = args.offset;
            request.limit = args.limit;
            request.snippets = args.snippets;
            request.facets = facets(&args.facets)?;
            request.collapse = !args.no_collapse;
            request.similar_to = Some(id);
            Config::Similar(SearchConfig {
                request,
                target: Target::from_arg(&args.index),
                count_only: false,
                json: args.json,
                color: use_color(args.color),
            })
        }
        Command::Timeline(args) => Config::Timeline(TimelineConfig {
            request: request(args.query, &args.filters, now()?)?,
            by: match args.by {
                PeriodArg::Day => Period::Day,
                PeriodArg::Week => Period::Week,
                PeriodArg::Month => Period::Month,
                PeriodArg::Year => Period::Year,
            },
            target: Target::from_arg(&args.index),
            json: args.json,
            color: use_color(args.color),
        }),
        Command::Extract(args) => Config::Extract(ExtractConfig {
            paths: args.paths,
            json: args.json,
            follow_links: args.follow,
        }),
        Command::Show(args) => Config::Show(ShowConfig {
            id: args.id.trim().to_string(),
            target: Target::from_arg(&args.index),
            json: args.json,
        }),
        Command::Stats(args) => Config::Stats(StatsConfig {
            target: Target::from_arg(&args.index),
            json: args.json,
        }),
        Command::Check(args) => {
            anyhow::ensure!(
                args.index.engine.is_none(),
                "`lede check` verifies a local index's files; a cluster checks its own"
            );
            Config::Check(CheckConfig {
                index: IndexLocation::from_arg(&args.index),
            })
        }
    })
}

/// "Now" for relative dates and recency: the `LEDE_NOW` environment variable
/// (an RFC 3339 instant or a day), for reproducible runs and tests, else the clock.
fn now() -> Result<Timestamp> {
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

/// A search request with the query and the shared filters (the rest at
/// lede's defaults).
fn request(query: String, args: &FilterArgs, now: Timestamp) -> Result<SearchRequest> {
    let mut request = SearchRequest::new(query);
    request.now = now;
    request.filters = filters(args, now)?;
    request.fuzzy = args.fuzzy.unwrap_or(0);
    Ok(request)
}

/// Validates the shared filter options.
fn filters(args: &FilterArgs, now: Timestamp) -> Result<Filters> {
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
        langs: args
            .lang
            .iter()
            .map(|l| parse_lang(l))
            .collect::<Result<_, _>>()?,
        since,
        until,
    })
}

/// `--recency`: a half-life in seconds.
fn half_life(v: &str, now: Timestamp) -> Result<f64> {
    let span = parse_span(v)
        .filter(|_| !v.starts_with('0'))
        .with_context(|| {
            format!("cannot read --recency {v:?}: give a half-life such as 30d, 12w, 6m or 1y")
        })?;
    span.total((
        jiff::Unit::Second,
        now.to_zoned(jiff::tz::TimeZone::UTC).date(),
    ))
    .with_context(|| format!("--recency {v:?} is too long"))
}

/// `--sort`.
fn sort(arg: SortArg) -> Sort {
    match arg {
        SortArg::Relevance => Sort::Relevance,
        SortArg::Newest => Sort::Newest,
        SortArg::Oldest => Sort::Oldest,
    }
}

/// `--facets`: the kinds asked for, each once.
fn facets(names: &[String]) -> Result<Vec<FacetKind>> {
    let mut facets = Vec::new();
    for name in names.iter().filter(|n| !n.trim().is_empty()) {
        let kind = FacetKind::parse(name).with_context(|| {
            format!("unknown facet {name:?}; choose from outlet, author, year, lang")
        })?;
        if !facets.contains(&kind) {
            facets.push(kind);
        }
    }
    Ok(facets)
}

/// Whether to colour: `--color`, a terminal on stdout, and `NO_COLOR`.
fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").map_or(true, |v| v.is_empty())
        }
    }
}
