//! The `lede` binary: parse arguments, build each command's config, run it,
//! and map the outcome to an exit code (0 success, 1 no match, 2 error,
//! 3 partial). Errors print their whole chain; a closed pipe is not an error.

mod cli;
mod commands;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};
use commands::Exit;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code as u8),
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("lede: error: {err:#}");
            ExitCode::from(Exit::Error as u8)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<Exit> {
    match cli.command {
        Command::Index(args) => commands::index::run(&commands::index::IndexConfig {
            roots: args.roots,
            index: args.index.path,
            full: args.full,
            memory_bytes: (args.memory as usize) * 1024 * 1024,
            quiet: args.quiet,
        }),
        Command::Search(args) => {
            commands::search::run(&commands::search::SearchConfig::from_args(args)?)
        }
        Command::Similar(args) => {
            commands::search::run(&commands::search::SearchConfig::from_similar(args)?)
        }
        Command::Timeline(args) => commands::timeline::run(args),
        Command::Show(args) => commands::show::run(args),
        Command::Stats(args) => commands::stats::run(args),
        Command::Extract(args) => commands::extract::run(&args.paths, args.json),
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
