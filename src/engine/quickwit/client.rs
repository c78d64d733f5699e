//! Talking to a Quickwit cluster over HTTP: JSON requests, retries with
//! back-off on what may pass (429, 5xx, a connection refused), and errors
//! that say whether the cluster is unreachable, refused the request, or
//! kept failing.

use std::time::Duration;

use serde_json::Value;

use super::QuickwitError;

/// The largest answer read (a page of hits holds their whole texts).
const MAX_ANSWER: u64 = 256 << 20;

/// Attempts for a request that meets a failure that may pass; the waits
/// between them double from [`FIRST_WAIT`] (0.2 s, 0.4 s, ... 6.4 s: about
/// 13 s in all, enough for an indexer to drain a full queue).
const ATTEMPTS: u32 = 7;
/// Attempts when the cluster does not answer at all (0.6 s of waiting).
const UNREACHABLE_ATTEMPTS: u32 = 3;
const FIRST_WAIT: Duration = Duration::from_millis(200);

/// A cluster's REST API at one base url.
#[derive(Clone)]
pub struct Client {
    base: String,
    agent: ureq::Agent,
    attempts: u32,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client").field("base", &self.base).finish()
    }
}

impl Client {
    /// A client of the cluster at `url` (`http://host:7280`).
    pub fn new(url: &str) -> Result<Client, QuickwitError> {
        let base = url.trim().trim_end_matches('/').to_string();
        if !(base.starts_with("http://") || base.starts_with("https://")) {
            return Err(QuickwitError::BadUrl(url.to_string()));
        }
        let agent = ureq::AgentBuilder::new()
            .timeout_connect(Duration::from_secs(5))
            .timeout(Duration::from_secs(120))
            .build();
        Ok(Client {
            base,
            agent,
            attempts: ATTEMPTS,
        })
    }

    /// The same client, trying each request at most `attempts` times.
    pub fn with_attempts(mut self, attempts: u32) -> Client {
        self.attempts = attempts.max(1);
        self
    }

    /// The base url.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// `GET path`: the JSON answer, or `None` for a 404.
    pub fn get(&self, path: &str) -> Result<Option<Value>, QuickwitError> {
        match self.send("GET", path, None, "") {
            Ok(v) => Ok(Some(v)),
            Err(QuickwitError::Refused { status: 404, .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// `POST path` with a JSON body.
    pub fn post_json(&self, path: &str, body: &Value) -> Result<Value, QuickwitError> {
        self.send("POST", path, Some("application/json"), &body.to_string())
    }

    /// `POST path` with a body of JSON lines.
    pub fn post_ndjson(&self, path: &str, body: &str) -> Result<Value, QuickwitError> {
        self.send("POST", path, Some("application/x-ndjson"), body)
    }

    /// `DELETE path` (a 404 is not an error: it is gone).
    pub fn delete(&self, path: &str) -> Result<(), QuickwitError> {
        match self.send("DELETE", path, None, "") {
            Ok(_) | Err(QuickwitError::Refused { status: 404, .. }) => Ok(()),
            Err(e) => Err(e),
        }
    }

    fn send(
        &self,
        method: &str,
        path: &str,
        content_type: Option<&str>,
        body: &str,
    ) -> Result<Value, QuickwitError> {
        let url = format!("{}{}", self.base, path);
        let mut wait = FIRST_WAIT;
        let mut last = None;
        for attempt in 1..=self.attempts {
            let mut request = self.agent.request(method, &url);
            if let Some(ct) = content_type {
                request = request.set("Content-Type", ct);
            }
            let outcome = if content_type.is_some() {
                request.send_string(body)
            } else {
                request.call()
            };
            let error = match outcome {
                Ok(response) => {
                    // ureq's `into_string` stops at 10 MB; a page of hits
                    // with their bodies can be more.
                    let mut text = String::new();
                    std::io::Read::read_to_string(
                        &mut std::io::Read::take(response.into_reader(), MAX_ANSWER),
                        &mut text,
                    )
                    .map_err(|e| QuickwitError::BadResponse(format!("{method} {path}: {e}")))?;
                    if text.trim().is_empty() {
                        return Ok(Value::Null);
                    }
                    return serde_json::from_str(&text)
                        .map_err(|e| QuickwitError::BadResponse(format!("{method} {path}: {e}")));
                }
                Err(ureq::Error::Status(status, response)) => {
                    let message = message_of(&response.into_string().unwrap_or_default());
                    if !(status == 429 || status >= 500) {
                        return Err(QuickwitError::Refused {
                            status,
                            message,
                            what: format!("{method} {path}"),
                        });
                    }
                    QuickwitError::Failed {
                        status,
                        message,
                        what: format!("{method} {path}"),
                        attempts: attempt,
                    }
                }
                Err(ureq::Error::Transport(t)) => QuickwitError::Unreachable {
                    url: self.base.clone(),
                    detail: t.to_string(),
                },
            };
            // A cluster that does not answer at all is not made to wait for
            // as long as one that is busy.
            let unreachable = matches!(error, QuickwitError::Unreachable { .. });
            last = Some(error);
            if unreachable && attempt >= UNREACHABLE_ATTEMPTS {
                break;
            }
            if attempt < self.attempts {
                std::thread::sleep(wait);
                wait *= 2;
            }
        }
        Err(last.unwrap_or(QuickwitError::Unreachable {
            url: self.base.clone(),
            detail: "no attempt made".into(),
        }))
    }
}

/// The message in an error answer: Quickwit's `{"message": ...}`, an
/// Elasticsearch-style `{"error": {"reason": ...}}`, or the text itself.
pub(super) fn message_of(text: &str) -> String {
    let value: Option<Value> = serde_json::from_str(text).ok();
    let found = value.as_ref().and_then(|v| {
        v.get("message")
            .and_then(Value::as_str)
            .or_else(|| v.pointer("/error/reason").and_then(Value::as_str))
            .or_else(|| v.get("error").and_then(Value::as_str))
            .map(str::to_string)
    });
    let text = found.unwrap_or_else(|| text.trim().to_string());
    // Long answers (a stack of causes) are cut for the terminal.
    match text.char_indices().nth(300) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_answers_give_their_message() {
        assert_eq!(
            message_of(r#"{"message":"index `lede` not found"}"#),
            "index `lede` not found"
        );
        assert_eq!(
            message_of(r#"{"error":{"reason":"failed to parse query"},"status":400}"#),
            "failed to parse query"
        );
        assert_eq!(message_of("plain text\n"), "plain text");
    }

    #[test]
    fn only_http_urls_are_clusters() {
        assert!(Client::new("http://127.0.0.1:7280/").is_ok());
        assert!(Client::new("https://qw.example").is_ok());
        assert!(matches!(
            Client::new("127.0.0.1:7280"),
            Err(QuickwitError::BadUrl(_))
        ));
    }

    #[test]
    fn an_unreachable_cluster_is_a_clear_error_after_retries() {
        // A port nothing listens on (bound, then closed).
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let client = Client::new(&format!("http://127.0.0.1:{port}"))
            .unwrap()
            .with_attempts(2);
        match client.get("/api/v1/version") {
            Err(QuickwitError::Unreachable { url, .. }) => assert!(url.contains(&port.to_string())),
            other => panic!("wanted Unreachable, got {other:?}"),
        }
    }
}
