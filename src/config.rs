//! From the parsed command line to validated configurations, once: the
//! clap structs of `cli` (close to the flags, as ripgrep's low-level
//! arguments) become one config per command here (as its high-level
//! arguments), and no command ever sees a clap type. What several commands
//! share is decided here once: where the index is and whether the user
//! named it, "now" (`LEDE_NOW`), the filters, and colour.

use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::{Context, Result};
use jiff::Timestamp;

use lede::index::UpdateConfig;
use lede::search::params::{self, SearchParams};
use lede::search::{Matching, Period, SearchRequest, Sort};

use crate::cli::{
    self, Cli, ColorChoice, Command, FilterArgs, HitFormatArg, MatchArg, PeriodArg, SortArg,
};

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
    /// CSV output.
    pub csv: bool,
    /// Every match (CSV only), instead of the request's limit.
    pub all: bool,
    /// ANSI colour in text output.
    pub color: bool,
}

/// How `lede batch` writes hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HitFormat {
    /// CSV with the query's name first.
    Csv,
    /// JSON Lines.
    JsonLines,
}

/// `lede batch`.
#[derive(Debug, Clone)]
pub struct BatchConfig {
    /// The queries file.
    pub file: PathBuf,
    /// Filters, order, snippets and collapsing for every query (its query is empty).
    pub template: SearchRequest,
    /// At most this many hits per query; all when `None`.
    pub limit: Option<usize>,
    /// Where the hits go (`-` is stdout); none when only counts are wanted.
    pub output: Option<PathBuf>,
    /// Their format.
    pub format: HitFormat,
    /// Where to search.
    pub target: Target,
}

/// `lede serve`.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// What to serve.
    pub target: Target,
    /// Where to listen.
    pub addr: SocketAddr,
    /// "Now" fixed by `LEDE_NOW`; the clock at each request otherwise.
    pub now: Option<Timestamp>,
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
    /// `lede batch`.
    Batch(BatchConfig),
    /// `lede serve`.
    Serve(ServeConfig),
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
            let mut params = search_params(args.query, &args.filters);
            params.sort = sort(args.sort);
            params.recency = args.recency;
            params.offset = args.offset;
            params.limit = args.limit;
            params.snippets = args.snippets;
            params.facets = args.facets;
            params.collapse = !args.no_collapse;
            params.matching = matching(args.matching);
            params.expand = args.expand;
            Config::Search(SearchConfig {
                request: params.request(now()?)?,
                target: Target::from_arg(&args.index),
                count_only: args.count,
                json: args.json,
                csv: args.csv,
                all: args.all,
                color: use_color(args.color),
            })
        }
        Command::Similar(args) => {
            let id = args.id.trim().to_string();
            let mut params = search_params(id.clone(), &args.filters);
            params.sort = sort(args.sort);
            params.recency = args.recency;
            params.offset = args.offset;
            params.limit = args.limit;
            params.snippets = args.snippets;
            params.facets = args.facets;
            params.collapse = !args.no_collapse;
            let mut request = params.request(now()?)?;
            request.similar_to = Some(id);
            Config::Similar(SearchConfig {
                request,
                target: Target::from_arg(&args.index),
                count_only: false,
                json: args.json,
                csv: false,
                all: false,
                color: use_color(args.color),
            })
        }
        Command::Batch(args) => {
            let mut params = search_params(String::new(), &args.filters);
            params.sort = sort(args.sort);
            params.recency = args.recency;
            params.snippets = args.snippets;
            params.collapse = !args.no_collapse;
            let format = match args.format {
                Some(HitFormatArg::Csv) => HitFormat::Csv,
                Some(HitFormatArg::Jsonl) => HitFormat::JsonLines,
                None => {
                    let ext = args
                        .output
                        .as_ref()
                        .and_then(|p| p.extension())
                        .map(|e| e.to_string_lossy().to_ascii_lowercase());
                    match ext.as_deref() {
                        Some("jsonl" | "ndjson" | "json") => HitFormat::JsonLines,
                        _ => HitFormat::Csv,
                    }
                }
            };
            Config::Batch(BatchConfig {
                file: args.file,
                template: params.request(now()?)?,
                limit: args.limit,
                output: args.output,
                format,
                target: Target::from_arg(&args.index),
            })
        }
        Command::Serve(args) => Config::Serve(ServeConfig {
            target: Target::from_arg(&args.index),
            addr: socket_addr(&args.addr)?,
            now: fixed_now()?,
        }),
        Command::Timeline(args) => Config::Timeline(TimelineConfig {
            request: search_params(args.query, &args.filters).request(now()?)?,
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
    Ok(fixed_now()?.unwrap_or_else(Timestamp::now))
}

/// `LEDE_NOW`, when it is set.
fn fixed_now() -> Result<Option<Timestamp>> {
    Ok(params::fixed_now(
        std::env::var("LEDE_NOW").ok().as_deref(),
    )?)
}

/// The query and the shared filters as text, for the library to validate
/// (the rest at lede's defaults).
fn search_params(query: String, args: &FilterArgs) -> SearchParams {
    let mut params = SearchParams::new(query);
    params.authors = args.author.clone();
    params.outlets = args.outlet.clone();
    params.langs = args.lang.clone();
    params.since = args.since.clone();
    params.until = args.until.clone();
    params.fuzzy = args.fuzzy.unwrap_or(0);
    params
}

/// `--addr`: an IP address and port (`localhost` is 127.0.0.1).
fn socket_addr(value: &str) -> Result<SocketAddr> {
    let v = value.trim();
    let parsed = match v.strip_prefix("localhost:") {
        Some(port) => format!("127.0.0.1:{port}").parse(),
        None => v.parse(),
    };
    parsed.with_context(|| {
        format!(
            "cannot read --addr {value:?}: give an IP address and a port, such as 127.0.0.1:7700"
        )
    })
}

/// `--sort`.
fn sort(arg: SortArg) -> Sort {
    match arg {
        SortArg::Relevance => Sort::Relevance,
        SortArg::Newest => Sort::Newest,
        SortArg::Oldest => Sort::Oldest,
    }
}

/// `--match`.
fn matching(arg: MatchArg) -> Matching {
    match arg {
        MatchArg::Auto => Matching::Auto,
        MatchArg::All => Matching::All,
        MatchArg::Any => Matching::Any,
    }
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
