//! The `lede` binary: parse arguments, build each command's config, run it,
//! and map the outcome to an exit code (0 success, 1 no match, 2 error,
//! 3 partial). Errors print their whole chain; a closed pipe is not an error.

mod cli;
mod commands;
mod config;
mod panic_guard;

use std::process::ExitCode;

use clap::Parser;

use cli::Cli;
use commands::Exit;
use config::Config;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = panic_guard::run(|| run(cli));
    match outcome {
        Ok(Ok(code)) => ExitCode::from(code as u8),
        Ok(Err(err)) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            print_error(&err);
            ExitCode::from(Exit::Error as u8)
        }
        Err(message) => {
            eprintln!(
                "lede: error: lede stopped on an internal error; if it happened while reading \
                 an index, `lede check` finds damaged files and `lede index --full` rebuilds it; \
                 otherwise please report it\n  detail: {message}"
            );
            ExitCode::from(Exit::Error as u8)
        }
    }
}

/// Prints an error as one line a person can act on, then each cause below
/// it, once: a cause whose text the line above already holds is left out.
fn print_error(err: &anyhow::Error) {
    let mut shown = err.to_string();
    eprintln!("lede: error: {}", lede::output::escape::line(&shown));
    for cause in err.chain().skip(1) {
        let text = cause.to_string();
        if !text.is_empty() && !shown.contains(&text) {
            eprintln!("  cause: {}", lede::output::escape::line(&text));
            shown = text;
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<Exit> {
    match config::build(cli)? {
        Config::Index(config) => commands::index::run(&config),
        Config::Search(config) => commands::search::run(&config),
        Config::Similar(config) => commands::search::run(&config),
        Config::Batch(config) => commands::batch::run(&config),
        Config::Serve(config) => commands::serve::run(&config),
        Config::Timeline(config) => commands::timeline::run(&config),
        Config::Show(config) => commands::show::run(&config),
        Config::Stats(config) => commands::stats::run(&config),
        Config::Check(config) => commands::check::run(&config),
        Config::Extract(config) => commands::extract::run(&config),
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
