//! A response body written by a blocking thread as it goes: the printers
//! write into a [`Writer`] (an `io::Write`), which hands chunks of
//! [`CHUNK`] bytes through a channel of [`CHUNKS`] to the connection. The
//! writer waits while the channel is full, so an export of every match
//! holds at most a few chunks in memory however slowly the client reads,
//! and stops with an error when the client has gone away.

use std::io::{self, Write};
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::Bytes;
use http_body::Frame;
use tokio::sync::mpsc;

/// Bytes gathered before a chunk is sent.
const CHUNK: usize = 64 * 1024;

/// Chunks waiting for the connection at most.
const CHUNKS: usize = 4;

type Item = Result<Bytes, io::Error>;

/// A new body: the writing end and the response's end.
pub fn channel() -> (Writer, Stream) {
    let (tx, rx) = mpsc::channel(CHUNKS);
    (
        Writer {
            tx,
            buf: Vec::with_capacity(CHUNK),
        },
        Stream { rx },
    )
}

/// The writing end, for a blocking thread.
pub struct Writer {
    tx: mpsc::Sender<Item>,
    buf: Vec<u8>,
}

impl Writer {
    fn send(&mut self) -> io::Result<()> {
        let chunk = Bytes::from(std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK)));
        self.tx.blocking_send(Ok(chunk)).map_err(|_| {
            io::Error::new(
                io::ErrorKind::BrokenPipe,
                "the client closed the connection",
            )
        })
    }

    /// Ends the body with an error: the connection is closed before the
    /// body's end, so the client sees an incomplete response, not a short
    /// one that looks whole.
    pub fn fail(self, message: String) {
        eprintln!(
            "lede: warning: a response stopped half way: {}",
            crate::output::escape::line(&message)
        );
        let _ = self.tx.blocking_send(Err(io::Error::other(message)));
    }
}

impl Write for Writer {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            Ok(())
        } else {
            self.send()
        }
    }
}

/// The response's end.
pub struct Stream {
    rx: mpsc::Receiver<Item>,
}

impl http_body::Body for Stream {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        self.rx
            .poll_recv(cx)
            .map(|item| item.map(|chunk| chunk.map(Frame::data)))
    }
}
