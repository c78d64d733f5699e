//! `lede serve`: the index (the default one built from `corpus/` on first
//! use) as a web page and an HTTP API, until Ctrl-C or SIGTERM.

use anyhow::Result;

use lede::output::escape;
use lede::serve::{ServeOptions, Server, Source};

use super::{open_index, Exit};
use crate::config::{ServeConfig, Target};

/// Runs `lede serve` and returns its exit code.
pub fn run(config: &ServeConfig) -> Result<Exit> {
    let (source, shown) = match &config.target {
        Target::Local(location) => {
            drop(open_index(location)?);
            (
                Source::Index(location.path.clone()),
                escape::path(&location.path).to_string(),
            )
        }
        Target::Cluster { url, index } => (
            Source::Cluster {
                url: url.clone(),
                index: index.clone(),
            },
            escape::line(&format!("{url}/{index}")).to_string(),
        ),
    };
    let server = Server::bind(&ServeOptions {
        source,
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
        shown,
        server.articles()
    );
    server.run(true)?;
    Ok(Exit::Success)
}
