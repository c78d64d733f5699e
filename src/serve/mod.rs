//! `lede serve`: the index, read-only, as a web page and an HTTP API.
//!
//! A front end like the command line, built on the same library calls:
//! the API's parameters become a [`SearchRequest`](crate::search::SearchRequest)
//! through [`search::params`](crate::search::params), so a bad value gets
//! the command line's message; its JSON records are `lede search --json`'s
//! (through [`output::json`](crate::output::json)) and its CSV is `lede
//! search --csv`'s. The page (`assets/`, embedded in the binary) is a
//! static shell whose script fetches the API and sets every value from the
//! index as text, never as HTML.
//!
//! - [`Server`] binds, opens the index (or connects to an index on a
//!   Quickwit cluster: every endpoint goes through the
//!   [`Backend`](crate::engine::Backend) trait, as the commands do), and
//!   runs axum on a tokio runtime of its own, so callers (the `serve`
//!   command, tests) never see tokio.
//! - Searches run on tokio's blocking threads, at most twice as many at
//!   once as there are cores (more wait their turn), so a burst of
//!   requests queues instead of multiplying memory; exports stream their
//!   rows through a small channel as they are written.
//! - A local index is reloaded when `lede index` commits (a cluster is
//!   always current): tantivy watches `meta.json` (its readers reload
//!   themselves on commit), and the next request after a commit also
//!   reopens the index, so languages and roots the commit added are
//!   searched too. A reopen that fails (a damaged
//!   file) is reported on stderr and the last good state keeps serving.
//! - Every response carries a Content-Security-Policy allowing scripts,
//!   styles and requests from the server itself only (no inline script),
//!   `nosniff`, and no referrer (a click on an article's link does not
//!   tell its site what was searched). Bound to loopback, the server
//!   answers only requests addressed to a loopback name, which keeps web
//!   pages elsewhere from reaching it through DNS rebinding.

mod api;
mod assets;
mod body;
mod error;
mod params;

use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use jiff::Timestamp;
use thiserror::Error;
use tokio::sync::{Notify, Semaphore};

use crate::engine::quickwit::Quickwit;
use crate::engine::{Backend, EngineError, Local};
use crate::index::IndexError;
use crate::search::SearchError;

pub use error::ApiError;

/// The articles a server serves.
#[derive(Debug, Clone)]
pub enum Source {
    /// A local index directory.
    Index(PathBuf),
    /// An index on a Quickwit cluster.
    Cluster {
        /// The cluster's url.
        url: String,
        /// The index's name on it.
        index: String,
    },
}

/// What the server serves and where.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The articles.
    pub source: Source,
    /// The address to listen on (port 0: any free port).
    pub addr: SocketAddr,
    /// "Now" for relative dates and recency; the clock at each request when `None`.
    pub now: Option<Timestamp>,
}

/// Why the server could not start or stopped.
#[derive(Debug, Error)]
pub enum ServeError {
    /// The index could not be opened.
    #[error(transparent)]
    Index(#[from] IndexError),
    /// The index could not be read.
    #[error(transparent)]
    Search(#[from] SearchError),
    /// The cluster could not be reached or read.
    #[error(transparent)]
    Engine(#[from] EngineError),
    /// The address could not be listened on.
    #[error("cannot listen on {addr}: {source}; another server may be using it: choose another with --addr, e.g. 127.0.0.1:7701")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// The runtime or the listening socket failed.
    #[error("the server failed: {0}")]
    Io(#[from] std::io::Error),
}

/// Content-Security-Policy of every response: the page's scripts, styles,
/// images and requests come from this server only; no inline script or
/// style, no plugins, no framing, no `<base>`.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
                   connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// How long a stopping server lets downloads in progress finish.
const STOP_GRACE: Duration = Duration::from_secs(5);

/// The back end searched: an opened local index (replaced as a whole on
/// reload), or a cluster (which is always current).
struct Loaded {
    backend: Box<dyn Backend + Send + Sync>,
    /// The local index's tantivy index, to watch for commits.
    watched: Option<tantivy::Index>,
}

impl Loaded {
    fn open(source: &Source) -> Result<Loaded, ServeError> {
        match source {
            Source::Index(path) => {
                let opened = crate::index::open(path)?;
                let watched = Some(opened.index.clone());
                Ok(Loaded {
                    backend: Box::new(Local::new(opened)?),
                    watched,
                })
            }
            Source::Cluster { url, index } => {
                let cluster = Quickwit::new(url, index).map_err(EngineError::from)?;
                // Reachable, and the index exists.
                cluster.articles()?;
                Ok(Loaded {
                    backend: Box::new(cluster),
                    watched: None,
                })
            }
        }
    }
}

/// What every handler shares.
struct Shared {
    /// The index as the user named it (the JSON `begin` records show it).
    shown: String,
    source: Source,
    now: Option<Timestamp>,
    loaded: RwLock<Arc<Loaded>>,
    /// Set by tantivy's watch on `meta.json`; the next request reopens.
    changed: Arc<AtomicBool>,
    /// The last reopen's error, so each one is reported once.
    reload_error: Mutex<Option<String>>,
    /// Searches running at once.
    searches: Arc<Semaphore>,
    /// Exports (CSV, batches) streaming at once.
    exports: Arc<Semaphore>,
    /// Answer only requests addressed to a loopback name.
    loopback_only: bool,
    /// Keeps the watched directory, and so its watch, alive (a local index).
    _watched: Option<(tantivy::Index, tantivy::directory::WatchHandle)>,
}

impl Shared {
    /// "Now" for this request.
    fn now(&self) -> Timestamp {
        self.now.unwrap_or_else(Timestamp::now)
    }

    /// The index as of its last commit (reopened first when it changed).
    fn current(&self) -> Arc<Loaded> {
        if self.changed.swap(false, Ordering::SeqCst) {
            self.reload();
        }
        // A poisoned lock only means a reload panicked; its value is whole.
        let loaded = self.loaded.read().unwrap_or_else(|e| e.into_inner());
        Arc::clone(&loaded)
    }

    fn reload(&self) {
        let outcome = Loaded::open(&self.source);
        let mut last = self.reload_error.lock().unwrap_or_else(|e| e.into_inner());
        match outcome {
            Ok(loaded) => {
                *self.loaded.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(loaded);
                *last = None;
            }
            Err(e) => {
                let message = e.to_string();
                if last.as_deref() != Some(message.as_str()) {
                    eprintln!(
                        "lede: warning: cannot reload {}: {}; still serving its last good state",
                        crate::output::escape::line(&self.shown),
                        crate::output::escape::line(&message)
                    );
                }
                *last = Some(message);
                // Try again at the next request.
                self.changed.store(true, Ordering::SeqCst);
            }
        }
    }
}

/// A bound server, ready to run.
pub struct Server {
    listener: std::net::TcpListener,
    shared: Arc<Shared>,
    stop: Arc<Notify>,
}

/// Stops a running [`Server`] from another thread.
#[derive(Clone)]
pub struct StopHandle(Arc<Notify>);

impl StopHandle {
    /// Asks the server to stop (it lets downloads in progress finish for a
    /// few seconds).
    pub fn stop(&self) {
        self.0.notify_one();
    }
}

impl Server {
    /// Opens the index and listens on the address (without serving yet).
    pub fn bind(options: &ServeOptions) -> Result<Server, ServeError> {
        let loaded = Loaded::open(&options.source)?;
        let changed = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&changed);
        let watched = match loaded.watched.clone() {
            Some(index) => {
                let handle = tantivy::Directory::watch(
                    index.directory(),
                    tantivy::directory::WatchCallback::new(move || {
                        flag.store(true, Ordering::SeqCst)
                    }),
                )
                .map_err(SearchError::from)?;
                Some((index, handle))
            }
            None => None,
        };
        let shown = match &options.source {
            Source::Index(path) => path.display().to_string(),
            Source::Cluster { .. } => loaded.backend.location(),
        };
        let listener =
            std::net::TcpListener::bind(options.addr).map_err(|source| ServeError::Bind {
                addr: options.addr,
                source,
            })?;
        listener.set_nonblocking(true)?;
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let shared = Shared {
            shown,
            source: options.source.clone(),
            now: options.now,
            loaded: RwLock::new(Arc::new(loaded)),
            changed,
            reload_error: Mutex::new(None),
            searches: Arc::new(Semaphore::new(2 * cores)),
            exports: Arc::new(Semaphore::new(cores.max(2))),
            loopback_only: options.addr.ip().is_loopback(),
            _watched: watched,
        };
        Ok(Server {
            listener,
            shared: Arc::new(shared),
            stop: Arc::new(Notify::new()),
        })
    }

    /// The address it listens on (with the port chosen for port 0).
    pub fn local_addr(&self) -> Result<SocketAddr, ServeError> {
        Ok(self.listener.local_addr()?)
    }

    /// The articles the index holds.
    pub fn articles(&self) -> u64 {
        let loaded = self.shared.current();
        loaded.backend.articles().unwrap_or(0)
    }

    /// A handle that stops the server.
    pub fn stop_handle(&self) -> StopHandle {
        StopHandle(Arc::clone(&self.stop))
    }

    /// Serves until stopped through a [`StopHandle`], or, with `signals`,
    /// by Ctrl-C or SIGTERM.
    pub fn run(self, signals: bool) -> Result<(), ServeError> {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(cores)
            .max_blocking_threads(8 * cores + 8)
            .thread_name("lede-serve")
            .enable_all()
            .build()?;
        let stop = Arc::clone(&self.stop);
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(self.listener)?;
            let app = router(self.shared);
            let stopping = Arc::new(Notify::new());
            let told = Arc::clone(&stopping);
            let stopped = async move {
                wait_for_stop(&stop, signals).await;
                told.notify_waiters();
            };
            use axum::serve::ListenerExt;
            let listener = listener.tap_io(|tcp| {
                // Small responses go out at once, not after a delayed ACK.
                let _ = tcp.set_nodelay(true);
            });
            let serving = axum::serve(listener, app).with_graceful_shutdown(stopped);
            let grace = async {
                stopping.notified().await;
                tokio::time::sleep(STOP_GRACE).await;
            };
            tokio::select! {
                outcome = serving => outcome.map_err(ServeError::Io),
                () = grace => Ok(()),
            }
        })
    }
}

async fn wait_for_stop(stop: &Notify, signals: bool) {
    if !signals {
        return stop.notified().await;
    }
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut term) => {
                term.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = stop.notified() => {}
        _ = tokio::signal::ctrl_c() => {}
        () = term => {}
    }
}

/// The routes: the page, its assets and the API.
fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .merge(assets::routes())
        .merge(api::routes())
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(Arc::clone(&shared), guard))
        .with_state(shared)
}

async fn not_found(request: Request) -> Response {
    if request.uri().path().starts_with("/api/") {
        ApiError::NotFound(format!(
            "no endpoint {}; the API is /api/search, /api/search.csv, /api/timeline, \
             /api/article/ID, /api/stats and POST /api/batch",
            request.uri().path()
        ))
        .into_response()
    } else {
        (StatusCode::NOT_FOUND, "not found\n").into_response()
    }
}

/// Refuses requests addressed to a name that is not loopback (when bound
/// to loopback), and adds the security headers to every response.
async fn guard(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    if shared.loopback_only {
        let host = request
            .headers()
            .get(header::HOST)
            .map(|h| h.to_str().unwrap_or("?"));
        if let Some(host) = host.filter(|h| !is_loopback_host(h)) {
            let mut response = ApiError::Forbidden(format!(
                "this server answers requests for localhost only, not for {host:?}"
            ))
            .into_response();
            secure(&mut response);
            return response;
        }
    }
    let mut response = next.run(request).await;
    secure(&mut response);
    response
}

fn secure(response: &mut Response) {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
}

/// `localhost`, `127.0.0.1`, `[::1]` and the like, with or without a port.
fn is_loopback_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    name.eq_ignore_ascii_case("localhost")
        || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Runs `f` on the current index on a blocking thread, once a search slot
/// is free; a panic in it (tantivy panics on some damaged files) is an
/// error response, not a dropped connection.
async fn blocking<T, F>(shared: &Arc<Shared>, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&Shared, &Loaded) -> Result<T, ApiError> + Send + 'static,
{
    let _permit = Arc::clone(&shared.searches)
        .acquire_owned()
        .await
        .map_err(|_| ApiError::Unavailable("the server is stopping".into()))?;
    let shared = Arc::clone(shared);
    tokio::task::spawn_blocking(move || {
        let loaded = shared.current();
        f(&shared, &loaded)
    })
    .await
    .map_err(ApiError::from_join)?
}

/// Runs a blocking function that streams into `body::Writer` once an
/// export slot is free (the slot is held until the stream ends).
async fn export<F>(shared: &Arc<Shared>, f: F) -> Result<body::Stream, ApiError>
where
    F: FnOnce(&Shared, &Loaded, &mut body::Writer) -> Result<(), ApiError> + Send + 'static,
{
    let permit = Arc::clone(&shared.exports)
        .acquire_owned()
        .await
        .map_err(|_| ApiError::Unavailable("the server is stopping".into()))?;
    let shared = Arc::clone(shared);
    let (mut writer, stream) = body::channel();
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let loaded = shared.current();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            f(&shared, &loaded, &mut writer)
        }));
        let failed = match outcome.map(|done| done.and_then(|()| Ok(writer.flush()?))) {
            Ok(Ok(())) | Ok(Err(ApiError::ClientGone)) => None,
            Ok(Err(e)) => Some(e.to_string()),
            Err(_) => Some("lede stopped on an internal error".to_string()),
        };
        if let Some(message) = failed {
            writer.fail(message);
        }
    });
    Ok(stream)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_names_are_loopback_hosts() {
        for host in [
            "localhost",
            "LOCALHOST:7700",
            "127.0.0.1",
            "127.0.0.1:80",
            "[::1]:7700",
            "127.3.2.1:9",
        ] {
            assert!(is_loopback_host(host), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:7700",
            "localhost.evil.example",
            "10.0.0.1:7700",
            "[::2]:1",
            "",
        ] {
            assert!(!is_loopback_host(host), "{host}");
        }
    }
}
