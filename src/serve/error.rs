//! What the API answers when it cannot do what was asked: a status and
//! `{"error": MESSAGE}`. User input (a bad query, parameter, date or
//! facet) is a 400 with the message the command line gives for the same
//! value; an unknown id or path is a 404; a damaged index is a 500 with
//! its message and remedy. Handlers return errors, never panic.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::batch::BatchError;
use crate::engine::EngineError;
use crate::search::params::ParamError;
use crate::search::SearchError;

/// An API error, with the message shown to the user.
#[derive(Debug)]
pub enum ApiError {
    /// A bad query or parameter (400).
    BadRequest(String),
    /// No such article or endpoint (404).
    NotFound(String),
    /// A request for a host name the server does not answer (403).
    Forbidden(String),
    /// The server is stopping (503).
    Unavailable(String),
    /// The index could not be read, or lede failed (500).
    Internal(String),
    /// The client closed the connection while a response streamed.
    ClientGone,
}

impl ApiError {
    /// A blocking task that did not finish: a panic becomes a 500 with the
    /// remedy `lede` gives for the same failure.
    pub(super) fn from_join(e: tokio::task::JoinError) -> ApiError {
        let detail = if e.is_panic() {
            let payload = e.into_panic();
            payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic without a message".into())
        } else {
            "the task was cancelled".into()
        };
        ApiError::Internal(format!(
            "lede stopped on an internal error; if it happened while reading the index, \
             `lede check` finds damaged files and `lede index --full` rebuilds it (detail: {detail})"
        ))
    }

    fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) | ApiError::ClientGone => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApiError::BadRequest(m)
            | ApiError::NotFound(m)
            | ApiError::Forbidden(m)
            | ApiError::Unavailable(m)
            | ApiError::Internal(m) => f.write_str(m),
            ApiError::ClientGone => f.write_str("the client closed the connection"),
        }
    }
}

impl From<SearchError> for ApiError {
    fn from(e: SearchError) -> ApiError {
        match e {
            SearchError::Query(q) => ApiError::BadRequest(q.to_string()),
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl From<ParamError> for ApiError {
    fn from(e: ParamError) -> ApiError {
        ApiError::BadRequest(e.to_string())
    }
}

impl From<BatchError> for ApiError {
    fn from(e: BatchError) -> ApiError {
        match e {
            BatchError::Engine(e) => e.into(),
            other => ApiError::BadRequest(other.to_string()),
        }
    }
}

impl From<EngineError> for ApiError {
    fn from(e: EngineError) -> ApiError {
        match e {
            EngineError::Search(e) => e.into(),
            EngineError::Output(e) => e.into(),
            other if other.is_request() => ApiError::BadRequest(other.to_string()),
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl From<crate::batch::RunError> for ApiError {
    fn from(e: crate::batch::RunError) -> ApiError {
        match e {
            crate::batch::RunError::Engine(e) => e.into(),
            crate::batch::RunError::Io(e) => e.into(),
        }
    }
}

impl From<std::io::Error> for ApiError {
    fn from(e: std::io::Error) -> ApiError {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            ApiError::ClientGone
        } else {
            ApiError::Internal(format!("writing the response failed: {e}"))
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        #[derive(Serialize)]
        struct Body {
            error: String,
        }
        let status = self.status();
        if status.is_server_error() && !matches!(self, ApiError::ClientGone) {
            eprintln!(
                "lede: error: {}",
                crate::output::escape::line(&self.to_string())
            );
        }
        let mut json = serde_json::to_vec(&Body {
            error: self.to_string(),
        })
        .unwrap_or_default();
        json.push(b'\n');
        let mut response = (status, json).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        response
    }
}
