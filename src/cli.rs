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
  lede extract --json page.html            what lede understood of a file

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
    #[command(
        after_help = "Examples:\n  lede index                       index corpus/ into ./index\n  lede index ~/archive --index ~/archive.idx\n  lede index --full corpus/        rebuild from scratch\n\nExit codes: 0 every file indexed, 3 some files skipped, 2 error."
    )]
    Index(IndexArgs),

    /// Search the index and print ranked articles with highlighted snippets.
    ///
    /// Every word must occur (in the title, dek, authors, outlet or body)
    /// unless you write OR. "Quoted phrases", -excluded words and
    /// field:word (title, dek, author, outlet, body) work too. The title
    /// weighs more than the body in the ranking (BM25).
    #[command(
        after_help = "Examples:\n  lede search \"clemency Kardashian\"\n  lede search '\"White House\" AND pardon' --limit 3\n  lede search 'title:clemency OR body:commutation' --json\n\nWhen ./index does not exist and ./corpus does, the index is built first.\n\nExit codes: 0 something matched, 1 nothing matched, 2 error (bad query, no index)."
    )]
    Search(SearchArgs),

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
}

/// Options of `lede index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Directories or files to index [default: corpus]
    #[arg(value_name = "DIR")]
    pub roots: Vec<PathBuf>,

    #[command(flatten)]
    pub index: IndexLocation,

    /// Delete the index and rebuild it from scratch.
    #[arg(long)]
    pub full: bool,

    /// Memory budget of the index writer, in MiB.
    #[arg(long, value_name = "MIB", default_value_t = 256, value_parser = clap::value_parser!(u64).range(16..=8192))]
    pub memory: u64,

    /// Print no summary, only errors.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Where the index lives.
#[derive(Debug, Args)]
pub struct IndexLocation {
    /// The index directory.
    #[arg(long = "index", value_name = "PATH", default_value = "index")]
    pub path: PathBuf,
}

/// Options of `lede search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query.
    #[arg(value_name = "QUERY")]
    pub query: String,

    #[command(flatten)]
    pub index: IndexLocation,

    /// Return at most N results.
    #[arg(short = 'n', long, value_name = "N", default_value_t = 10)]
    pub limit: usize,

    /// Print JSON Lines (begin, hit..., summary) instead of text.
    #[arg(long)]
    pub json: bool,

    /// When to use colour: auto (a terminal, and NO_COLOR unset), always, never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
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
