//! The command line, as clap derive structs. The doc comments are the help
//! text; there is no logic here. `main` turns these into a run.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// lede: full-text search for directories of news articles.
///
/// lede reads saved web pages (HTML), plain-text copies of articles and JSON
/// or JSON Lines from scrapers, extracts each article's headline, authors,
/// outlet, date and body, indexes them with tantivy, and searches them.
#[derive(Debug, Parser)]
#[command(name = "lede", version, about, long_about, after_help = EXAMPLES)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

const EXAMPLES: &str = "\
Examples:
  lede index corpus/                       build or update ./index from corpus/
  lede search \"clemency Kardashian\"        ranked hits with snippets
  lede search --json --limit 5 pardon      JSON Lines for scripts
  lede search --csv --all pardon > p.csv   every match as CSV, for a spreadsheet
  lede batch names.txt -o hits.csv         many queries at once: counts, and every hit
  lede serve                               the web page and HTTP API on 127.0.0.1:7700
  lede timeline clemency --by year         when a story ran
  lede similar ID                          other coverage of an article's story
  lede extract --json page.html            what lede understood of a file
  lede show ID                             one indexed article in full
  lede stats                               what the index holds
  lede check                               verify every file of the index

Exit codes: 0 success (search: something matched), 1 search matched nothing,
2 error, 3 index finished but skipped some files.";

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Walk directories, extract every article and add it to the index.
    ///
    /// Reads .html/.htm, .txt, .json, .jsonl/.ndjson files (and the same
    /// gzipped, .gz) and files without an extension; other files are
    /// ignored. A file that cannot be read or holds no article is skipped
    /// with one line on stderr; the run goes on and ends with a summary.
    /// An article already in the index (same url, or same title and text)
    /// is replaced, never duplicated.
    ///
    /// Re-runs are incremental: only files whose size or modification time
    /// changed are read again (and re-extracted only if their content did),
    /// articles of deleted files are removed, and `lede index` alone
    /// refreshes every root the index covers. Work is committed every few
    /// seconds, so a run that is killed keeps what it did and the next run
    /// finishes it; Ctrl-C commits and stops. Files over 64 MiB (after
    /// gzip decompression) are skipped.
    #[command(
        after_help = "Examples:\n  lede index corpus/               index corpus/ into ./index\n  lede index                       refresh every root ./index covers\n  lede index ~/archive --index ~/archive.idx\n  lede index --full corpus/        rebuild from scratch\n\nExit codes: 0 every file indexed, 3 some files skipped, 2 error (another\nlede process writing the index, disk full, read-only index ...), 130\ninterrupted by Ctrl-C (what was done is committed)."
    )]
    Index(IndexArgs),

    /// Search the index and print ranked articles with highlighted snippets.
    ///
    /// Every word must occur (in the title, dek, authors, outlet or body)
    /// unless you write OR; when fewer articles than asked for have every
    /// word of a query in plain words (a question typed as it is), those with
    /// any of its words follow them, and the summary says so. "Quoted
    /// phrases", -excluded words, prefix*, word~1 (one typo allowed) and
    /// field:word (title, dek, author, outlet, body) work too. Words are
    /// matched by stem in the article's language ("pardons" finds "pardon")
    /// and without accents. Ranking is BM25F: the headline weighs more than
    /// the dek and the body. Copies of the same story in several outlets are
    /// shown once, naming the others.
    #[command(
        after_help = "Examples:\n  lede search \"clemency Kardashian\"\n  lede search '\"White House\" AND pardon' --limit 3\n  lede search 'title:clemency OR body:commutation' --json\n  lede search clemency --since 2020 --until 2021-06 --outlet 'Capitol Wire Service'\n  lede search pardon --sort newest --facets outlet,year\n  lede search 'kardashain~1' --count\n  lede search \"What did the governor decide about clemency?\"\n  lede search pardon --expand --json\n\nWhen ./index does not exist and ./corpus does, the index is built first.\n\nExit codes: 0 something matched, 1 nothing matched, 2 error (bad query, no index)."
    )]
    Search(SearchArgs),

    /// List the articles most like a given one: other coverage of its story.
    ///
    /// Searches for the article's most telling words (its headline's, and
    /// the body's rarest repeated ones) and ranks the articles that share
    /// them, leaving out the article itself and its copies in other
    /// outlets. Takes the same filters and output options as `search`, so
    /// `--since` follows a story forward and `--outlet` shows how one outlet
    /// covered it.
    #[command(
        after_help = "Examples:\n  lede similar 3f9c2a1b7d4e5f60\n  lede similar 3f9c2a1b7d4e5f60 --since 2021 --sort oldest\n  lede similar 3f9c2a1b7d4e5f60 --json --limit 20\n\nExit codes: 0 something alike found, 1 nothing alike, 2 error (no article\nwith that id, no index)."
    )]
    Similar(SimilarArgs),

    /// Print the article(s) lede extracts from files, without indexing.
    ///
    /// This shows what lede understood of a file, and with --json it is
    /// lede's export format: one JSON object per article per line, with the
    /// keys id, path, format, url, title, dek, authors, outlet, published,
    /// lang and body (null where unknown, [] for no authors).
    #[command(
        after_help = "Examples:\n  lede extract page.html\n  lede extract --json dump.jsonl > articles.jsonl\n\nExit codes: 0 every file yielded articles, 3 some files skipped, 2 error."
    )]
    Extract(ExtractArgs),

    /// Draw the matching articles over time, one bar per period.
    ///
    /// Takes the same query and filters as `search`. It is how you see when
    /// a story broke and how long it ran. Undated articles are counted
    /// separately.
    #[command(
        after_help = "Examples:\n  lede timeline clemency --by year\n  lede timeline 'pardon OR commutation' --since 2019 --by month --json\n\nExit codes: 0 something matched, 1 nothing matched, 2 error."
    )]
    Timeline(TimelineArgs),

    /// Run many queries at once: each one's number of matches, and every hit as CSV or JSON Lines.
    ///
    /// QUERIES_FILE holds one query per line; blank lines and lines starting
    /// with # are skipped; `name<TAB>query` names a query (the name is what
    /// the output calls it). Every query is checked first: a bad one is
    /// reported with its line, and nothing runs. The same filters as
    /// `search` apply to every query. The counts go to stdout (to stderr
    /// when the hits do); with --output the hits go to a file, each naming
    /// its query.
    #[command(
        after_help = "Examples:\n  lede batch names.txt                          how many articles match each\n  lede batch names.txt -o hits.csv --since 2020  and every hit since 2020, as CSV\n  lede batch names.txt -o - --format jsonl       the hits as JSON Lines on stdout\n\nExit codes: 0 some query matched, 1 none matched, 2 error (a bad query, no index)."
    )]
    Batch(BatchArgs),

    /// Serve the index read-only as a web page and an HTTP API.
    ///
    /// The page at / searches with facets, a timeline and CSV downloads;
    /// the API mirrors the command line (GET /api/search, /api/search.csv,
    /// /api/timeline, /api/article/ID, /api/stats; POST /api/batch; see the
    /// README). It listens on the loopback interface only, unless --addr
    /// names another: then anyone who can reach that address can read every
    /// article in the index. A running server sees what `lede index` commits
    /// within a second or two. Ctrl-C stops it.
    #[command(
        after_help = "Examples:\n  lede serve                                    http://127.0.0.1:7700/\n  lede serve --index ~/archive.idx --addr 127.0.0.1:8080\n\nExit codes: 0 stopped by Ctrl-C or SIGTERM, 2 error (no index, address in use)."
    )]
    Serve(ServeArgs),

    /// Print one indexed article in full.
    #[command(
        after_help = "Examples:\n  lede show 3f9c2a1b7d4e5f60\n  lede show 3f9c2a1b7d4e5f60 --json\n\nExit codes: 0 found, 1 no article with that id, 2 error."
    )]
    Show(ShowArgs),

    /// Print the index's size, article count, date range, top outlets and authors.
    #[command(
        after_help = "Examples:\n  lede stats\n  lede stats --index ~/archive.idx --json\n\nExit codes: 0 success, 2 error."
    )]
    Stats(StatsArgs),

    /// Verify every file of the index: checksums, and every segment read back.
    ///
    /// tantivy ends each file it writes with a checksum; `check` computes
    /// them all and reads every stored article, so it also finds damage that
    /// leaves a file's size and time unchanged (a bit flipped on the disk).
    /// Searches and `lede index` run a cheap check of their own every time
    /// (every file present, none changed since it was written and verified).
    #[command(
        after_help = "Examples:\n  lede check\n  lede check --index ~/archive.idx\n\nExit codes: 0 the index is whole, 2 damaged files found (each named;\n`lede index --full` rebuilds the index) or another error."
    )]
    Check(CheckArgs),
}

/// Options of `lede index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Directories or files to index [default: corpus]
    #[arg(value_name = "DIR")]
    pub roots: Vec<PathBuf>,

    #[command(flatten)]
    pub index: IndexLocation,

    /// Rebuild the index from scratch (needed after a schema change).
    #[arg(long)]
    pub full: bool,

    /// Memory budget of the index writer, in MiB.
    #[arg(long, value_name = "MIB", default_value_t = 256, value_parser = clap::value_parser!(u64).range(16..=8192))]
    pub memory: u64,

    /// Print no progress bar and no summary, only skipped files and errors.
    #[arg(short, long)]
    pub quiet: bool,

    /// Follow symbolic links that lead out of the directories being indexed.
    ///
    /// By default a link is followed only when it leads inside one of the
    /// roots (a link to /etc in an archive must not put system files into an
    /// index others can search); links out of them are skipped and named.
    #[arg(short = 'L', long)]
    pub follow: bool,
}

/// Where the index lives.
#[derive(Debug, Args)]
pub struct IndexLocation {
    /// The index directory [default: index]; with --engine, where `lede
    /// index` keeps the cluster index's file table [default: index-NAME]
    #[arg(long = "index", value_name = "PATH")]
    pub path: Option<PathBuf>,

    /// Use the index on this Quickwit cluster instead of a local one
    /// (e.g. http://127.0.0.1:7280).
    #[arg(long, value_name = "URL", env = "LEDE_ENGINE")]
    pub engine: Option<String>,

    /// The index's name on the cluster.
    #[arg(long, value_name = "NAME", default_value = "lede")]
    pub engine_index: String,
}

/// Options of `lede search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query.
    #[arg(value_name = "QUERY")]
    pub query: String,

    #[command(flatten)]
    pub index: IndexLocation,

    #[command(flatten)]
    pub filters: FilterArgs,

    /// Return at most N results.
    #[arg(short = 'n', long, value_name = "N", default_value_t = 10)]
    pub limit: usize,

    /// Skip the first N results (for paging).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub offset: usize,

    /// Order: relevance (BM25F), newest or oldest (undated articles last).
    #[arg(long, value_enum, default_value_t = SortArg::Relevance, value_name = "ORDER")]
    pub sort: SortArg,

    /// Blend relevance with recency: the score halves every HALF_LIFE of age (e.g. 90d, 12w, 1y).
    #[arg(long, value_name = "HALF_LIFE")]
    pub recency: Option<String>,

    /// Print only the number of matching articles.
    #[arg(long)]
    pub count: bool,

    /// How the words must match: auto (every word; when fewer articles than
    /// asked for have all of them, those with any of them follow, best
    /// first), all (every word, always), any (any word).
    #[arg(long = "match", value_enum, default_value_t = MatchArg::Auto, value_name = "HOW")]
    pub matching: MatchArg,

    /// Add the telling words of the best matches to the query and search
    /// again (pseudo-relevance feedback); the summary names the words added.
    #[arg(long)]
    pub expand: bool,

    /// Fragments of the body to show per hit.
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub snippets: usize,

    /// Count all matches by these facets: outlet, author, year, lang (comma-separated).
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub facets: Vec<String>,

    /// Show every copy of a story instead of one per duplicate group.
    #[arg(long)]
    pub no_collapse: bool,

    /// Print JSON Lines (begin, hit..., facets, summary) instead of text.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,

    /// Print CSV (rank, score, id, title, authors, outlet, published, lang, url, path, snippet).
    #[arg(long, conflicts_with = "count")]
    pub csv: bool,

    /// With --csv: every match from --offset on, instead of --limit of them.
    #[arg(long, requires = "csv", conflicts_with = "limit")]
    pub all: bool,

    /// When to use colour: auto (a terminal, and NO_COLOR unset), always, never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

/// Options of `lede batch`.
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// The queries, one per line (`name<TAB>query` names one; # starts a comment).
    #[arg(value_name = "QUERIES_FILE")]
    pub file: PathBuf,

    #[command(flatten)]
    pub index: IndexLocation,

    #[command(flatten)]
    pub filters: FilterArgs,

    /// Write every hit to FILE (- for stdout), each naming its query.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Format of the hits: csv or jsonl [default: from the file's extension, else csv].
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<HitFormatArg>,

    /// At most N hits of each query [default: all].
    #[arg(short = 'n', long, value_name = "N")]
    pub limit: Option<usize>,

    /// Order: relevance (BM25), newest or oldest (undated articles last).
    #[arg(long, value_enum, default_value_t = SortArg::Relevance, value_name = "ORDER")]
    pub sort: SortArg,

    /// Blend relevance with recency: the score halves every HALF_LIFE of age (e.g. 90d, 12w, 1y).
    #[arg(long, value_name = "HALF_LIFE")]
    pub recency: Option<String>,

    /// Fragments of the body per hit (CSV shows the first).
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub snippets: usize,

    /// Write every copy of a story instead of one per duplicate group.
    #[arg(long)]
    pub no_collapse: bool,
}

/// How a batch writes its hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HitFormatArg {
    /// CSV with a query column.
    Csv,
    /// JSON Lines: begin, then per query a query record and its hits, then summary.
    Jsonl,
}

/// Options of `lede serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub index: IndexLocation,

    /// The address to listen on; one other than loopback (127.0.0.1, ::1) serves the index to the network.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:7700")]
    pub addr: String,
}

/// Filters shared by `search` and `timeline`.
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Only articles by this author (exact name, any case; repeat for any of several).
    #[arg(long, value_name = "NAME")]
    pub author: Vec<String>,

    /// Only articles from this outlet (exact name, any case; repeatable).
    #[arg(long, value_name = "NAME")]
    pub outlet: Vec<String>,

    /// Only articles in this language (ISO 639-1 code such as en, de; repeatable).
    #[arg(long, value_name = "CODE")]
    pub lang: Vec<String>,

    /// Only articles published on or after: 2020, 2020-06, 2020-06-15, or 30d, 12w, 6m, 1y ago.
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,

    /// Only articles published before the end of: 2020, 2020-06, 2020-06-15, or 30d, 12w, 6m, 1y ago.
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,

    /// Let every word match with up to N typos (1 or 2); `word~1` does it for one word.
    #[arg(long, value_name = "N", num_args = 0..=1, default_missing_value = "1", value_parser = clap::value_parser!(u32).range(0..=2))]
    pub fuzzy: Option<u32>,
}

/// Options of `lede timeline`.
#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// The query.
    #[arg(value_name = "QUERY")]
    pub query: String,

    #[command(flatten)]
    pub index: IndexLocation,

    #[command(flatten)]
    pub filters: FilterArgs,

    /// Bar per day, week, month or year.
    #[arg(long, value_enum, default_value_t = PeriodArg::Month, value_name = "PERIOD")]
    pub by: PeriodArg,

    /// Print JSON Lines (begin, timeline, summary).
    #[arg(long)]
    pub json: bool,

    /// When to use colour: auto, always, never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

/// Options of `lede show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The article's id, as printed by `search --json` or `extract`.
    #[arg(value_name = "ID")]
    pub id: String,

    #[command(flatten)]
    pub index: IndexLocation,

    /// Print the article as one JSON line (the `extract --json` format).
    #[arg(long)]
    pub json: bool,
}

/// Options of `lede stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub index: IndexLocation,

    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// Options of `lede check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub index: IndexLocation,
}

/// Hit order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    /// Best match first.
    Relevance,
    /// Most recent first.
    Newest,
    /// Earliest first.
    Oldest,
}

/// How a query's words must match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MatchArg {
    /// Every word; too few such articles are followed by those with any word.
    Auto,
    /// Every word.
    All,
    /// Any word.
    Any,
}

/// Options of `lede similar`.
#[derive(Debug, Args)]
pub struct SimilarArgs {
    /// The article's id, as printed by `search --json` or `extract`.
    #[arg(value_name = "ID")]
    pub id: String,

    #[command(flatten)]
    pub index: IndexLocation,

    #[command(flatten)]
    pub filters: FilterArgs,

    /// Return at most N results.
    #[arg(short = 'n', long, value_name = "N", default_value_t = 10)]
    pub limit: usize,

    /// Skip the first N results (for paging).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub offset: usize,

    /// Order: relevance (likeness), newest or oldest (undated articles last).
    #[arg(long, value_enum, default_value_t = SortArg::Relevance, value_name = "ORDER")]
    pub sort: SortArg,

    /// Blend likeness with recency: the score halves every HALF_LIFE of age (e.g. 90d, 12w, 1y).
    #[arg(long, value_name = "HALF_LIFE")]
    pub recency: Option<String>,

    /// Fragments of the body to show per hit.
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub snippets: usize,

    /// Count all matches by these facets: outlet, author, year, lang (comma-separated).
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub facets: Vec<String>,

    /// Show every copy of a story instead of one per duplicate group.
    #[arg(long)]
    pub no_collapse: bool,

    /// Print JSON Lines (begin, hit..., facets, summary) instead of text.
    #[arg(long)]
    pub json: bool,

    /// When to use colour: auto (a terminal, and NO_COLOR unset), always, never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

/// Timeline period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PeriodArg {
    /// One bar per day.
    Day,
    /// One bar per ISO week.
    Week,
    /// One bar per month.
    Month,
    /// One bar per year.
    Year,
}

/// Options of `lede extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files (or directories) to extract.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,

    /// Print JSON Lines, one article per line.
    #[arg(long)]
    pub json: bool,

    /// Follow symbolic links that lead out of the given directories.
    #[arg(short = 'L', long)]
    pub follow: bool,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}
