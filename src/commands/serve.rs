//! `lede serve`: the index (the default one built from `corpus/` on first
//! use) as a web page and an HTTP API, until Ctrl-C or SIGTERM.

use anyhow::Result;

use lede::output::escape;
use lede::serve::{ServeOptions, Server};

use super::{open_index, Exit};
use crate::config::ServeConfig;

/// Runs `lede serve` and returns its exit code.
pub fn run(config: &ServeConfig) -> Result<Exit> {
    drop(open_index(&config.index)?);
    let server = Server::bind(&ServeOptions {
        index: config.index.path.clone(),
        addr: config.addr,
        now: config.now,
    })?;
    let addr = server.local_addr()?;
    if !addr.ip().is_loopback() {
        eprintln!(
            "lede: warning: listening on {addr}, not on loopback: anyone who can reach this \
             machine on port {} can search the index and read every article in it, with no \
             password; use --addr 127.0.0.1:{} to keep it to this machine",
            addr.port(),
            addr.port()
        );
    }
    eprintln!(
        "lede: serving {} ({} articles) at http://{addr}/ (Ctrl-C stops)",
        escape::path(&config.index.path),
        server.articles()
    );
    server.run(true)?;
    Ok(Exit::Success)
}
