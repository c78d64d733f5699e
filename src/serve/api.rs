//! The JSON and CSV API, mirroring the command line:
//!
//! | endpoint | answers | as |
//! |---|---|---|
//! | `GET /api/search?q=…` | `lede search --json` (JSON Lines: begin, hit…, facets, summary) | `application/x-ndjson` |
//! | `GET /api/search.csv?q=…[&all=true]` | `lede search --csv [--all]`, streamed | `text/csv` |
//! | `GET /api/timeline?q=…&by=…` | `lede timeline --json` | `application/x-ndjson` |
//! | `GET /api/article/ID` | `lede show --json` | `application/json` |
//! | `GET /api/article/ID/view?q=…` | the article, its terms marked, its copies | `application/json` |
//! | `GET /api/stats` | `lede stats --json` | `application/json` |
//! | `POST /api/batch?format=jsonl\|csv&…` | `lede batch` of the body's queries, streamed | as `format` |
//!
//! Parts of the query that were ignored (the warnings `lede search`
//! prints on stderr) are sent as `Lede-Warning` headers, percent-encoded.

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

use crate::batch::{self, Sink};
use crate::output::csv::CsvWriter;
use crate::output::json;
use crate::search::SearchRequest;

use super::error::ApiError;
use super::params::{self, Params};
use super::{blocking, export, Shared};

/// The largest batch body: the queries file (a few thousand names).
const MAX_BATCH_BYTES: usize = 1 << 20;

const NDJSON: &str = "application/x-ndjson";
const JSON: &str = "application/json";
const CSV: &str = "text/csv; charset=utf-8";

/// The API's routes.
pub fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/api/search", get(search))
        .route("/api/search.csv", get(search_csv))
        .route("/api/timeline", get(timeline))
        .route("/api/article/{id}", get(article))
        .route("/api/article/{id}/view", get(view))
        .route("/api/stats", get(stats))
        .route(
            "/api/batch",
            post(batch_search).layer(DefaultBodyLimit::max(MAX_BATCH_BYTES)),
        )
}

fn respond(content_type: &'static str, body: impl Into<Body>) -> Response {
    let mut response = (StatusCode::OK, body.into()).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    // Results change when the index does: never reuse a stored answer.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The query's warnings as `Lede-Warning` headers.
fn warn(headers: &mut HeaderMap, warnings: &[String]) {
    for w in warnings {
        let encoded: String = form_urlencoded::byte_serialize(w.as_bytes()).collect();
        if let Ok(value) = HeaderValue::from_str(&encoded) {
            headers.append("lede-warning", value);
        }
    }
}

/// The request a search endpoint's parameters make.
fn request(shared: &Shared, params: &Params) -> Result<SearchRequest, ApiError> {
    Ok(params.search()?.request(shared.now())?)
}

async fn search(
    State(shared): State<Arc<Shared>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let params = Params::parse(raw.as_deref(), params::SEARCH)?;
    params.page_limit(&params.search()?)?;
    let request = request(&shared, &params)?;
    let (body, warnings) = blocking(&shared, move |shared, loaded| {
        let results = loaded.backend.search(&request)?;
        let mut body = Vec::new();
        json::write_search(
            &mut body,
            &request.query,
            &shared.shown,
            request.offset,
            &results,
        )?;
        Ok((body, results.warnings))
    })
    .await?;
    let mut response = respond(NDJSON, body);
    warn(response.headers_mut(), &warnings);
    Ok(response)
}

async fn search_csv(
    State(shared): State<Arc<Shared>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let params = Params::parse(raw.as_deref(), params::SEARCH_CSV)?;
    let all = params.flag("all")?.unwrap_or(false);
    if all && params.limit()?.is_some() {
        return Err(ApiError::BadRequest(
            "all=true asks for every match: give it or limit, not both".into(),
        ));
    }
    if !all {
        params.page_limit(&params.search()?)?;
    }
    let request = request(&shared, &params)?;
    // A bad query is a 400 before the download starts.
    let checked = request.clone();
    let warnings = blocking(&shared, move |_, loaded| {
        Ok(loaded.backend.check(&checked)?)
    })
    .await?;
    let filename = format!("lede-{}.csv", slug(&request.query));
    let stream = export(&shared, move |_, loaded, out| {
        let mut csv = CsvWriter::new(out)?;
        let limit = (!all).then_some(request.limit);
        loaded
            .backend
            .search_each(&request, limit, &mut |hit| Ok(csv.write_hit(&hit)?))?;
        Ok(())
    })
    .await?;
    let mut response = respond(CSV, Body::new(stream));
    let disposition = format!("attachment; filename=\"{filename}\"");
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, value);
    }
    warn(response.headers_mut(), &warnings);
    Ok(response)
}

/// A file name's worth of the query: letters and digits, dashes between.
fn slug(query: &str) -> String {
    let mut out = String::new();
    for c in query.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 40 {
            break;
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "search".to_string()
    } else {
        out.to_string()
    }
}

async fn timeline(
    State(shared): State<Arc<Shared>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let params = Params::parse(raw.as_deref(), params::TIMELINE)?;
    let by = params.period()?;
    let request = request(&shared, &params)?;
    let (body, warnings) = blocking(&shared, move |shared, loaded| {
        let started = std::time::Instant::now();
        let timeline = loaded.backend.timeline(&request, by)?;
        let mut body = Vec::new();
        json::write_timeline(
            &mut body,
            &json::TimelineReport {
                query: &request.query,
                index: &shared.shown,
                by,
                buckets: &timeline.buckets,
                undated: timeline.undated,
                total: timeline.total,
                elapsed: started.elapsed(),
            },
        )?;
        Ok((body, timeline.warnings))
    })
    .await?;
    let mut response = respond(NDJSON, body);
    warn(response.headers_mut(), &warnings);
    Ok(response)
}

fn no_such_id(shared: &Shared, id: &str) -> ApiError {
    ApiError::NotFound(format!(
        "no article with id {id:?} in {}; ids are printed by `lede search --json`",
        shared.shown
    ))
}

async fn article(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    Params::parse(raw.as_deref(), &[])?;
    let body = blocking(&shared, move |shared, loaded| {
        let id = id.trim();
        let article = loaded
            .backend
            .article(id)?
            .ok_or_else(|| no_such_id(shared, id))?;
        let mut body = Vec::new();
        json::write_article(&mut body, &article)?;
        Ok(body)
    })
    .await?;
    Ok(respond(JSON, body))
}

async fn view(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let params = Params::parse(raw.as_deref(), params::VIEW)?;
    let request = request(&shared, &params)?;
    let body = blocking(&shared, move |shared, loaded| {
        let id = id.trim();
        let marked = (!request.query.trim().is_empty()).then_some(&request);
        let view = loaded
            .backend
            .view(id, marked)?
            .ok_or_else(|| no_such_id(shared, id))?;
        let mut body = serde_json::to_vec(&view).map_err(std::io::Error::from)?;
        body.push(b'\n');
        Ok(body)
    })
    .await?;
    Ok(respond(JSON, body))
}

async fn stats(
    State(shared): State<Arc<Shared>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    Params::parse(raw.as_deref(), &[])?;
    let body = blocking(&shared, |shared, loaded| {
        let stats = loaded.backend.stats()?;
        let bytes = loaded.backend.bytes();
        let roots = loaded.backend.roots();
        let mut body = Vec::new();
        json::write_stats(&mut body, &shared.shown, &stats, bytes, &roots)?;
        Ok(body)
    })
    .await?;
    Ok(respond(JSON, body))
}

async fn batch_search(
    State(shared): State<Arc<Shared>>,
    RawQuery(raw): RawQuery,
    body: Bytes,
) -> Result<Response, ApiError> {
    let params = Params::parse(raw.as_deref(), params::BATCH)?;
    if params.one("q")?.is_some() {
        return Err(ApiError::BadRequest(
            "a batch's queries are the request's body, one per line; q is not taken".into(),
        ));
    }
    let csv = match params.one("format")?.as_deref().map(str::trim) {
        None | Some("jsonl") => false,
        Some("csv") => true,
        Some(v) => {
            return Err(ApiError::BadRequest(format!(
                "invalid value {v:?} for format: choose jsonl or csv"
            )))
        }
    };
    let limit = params.limit()?;
    let mut search = params.search()?;
    if params.one("snippets")?.is_none() {
        // As `lede batch`: the CSV shows one.
        search.snippets = 1;
    }
    let template = search.request(shared.now())?;
    let text = std::str::from_utf8(&body).map_err(|_| {
        ApiError::BadRequest("the queries are not UTF-8 text: send one query per line".into())
    })?;
    let queries = batch::parse(text)?;
    let checked = (queries.clone(), template.clone());
    blocking(&shared, move |_, loaded| {
        Ok(batch::check(&*loaded.backend, &checked.0, &checked.1)?)
    })
    .await?;
    let stream = export(&shared, move |shared, loaded, out| {
        let mut sink = if csv {
            Sink::csv(out)?
        } else {
            Sink::JsonLines(out)
        };
        batch::run(
            &*loaded.backend,
            &queries,
            &template,
            limit,
            &shared.shown,
            &mut sink,
            |_, _| Ok(()),
        )?;
        sink.finish()?;
        Ok(())
    })
    .await?;
    let mut response = respond(if csv { CSV } else { NDJSON }, Body::new(stream));
    if csv {
        response.headers_mut().insert(
            header::CONTENT_DISPOSITION,
            HeaderValue::from_static("attachment; filename=\"lede-batch.csv\""),
        );
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_keep_letters_and_digits() {
        assert_eq!(slug("clemency Kardashian"), "clemency-kardashian");
        assert_eq!(slug("\"White House\" AND pardon"), "white-house-and-pardon");
        assert_eq!(slug("Kardashián → ../../etc"), "kardashi-n-etc");
        assert_eq!(slug("***"), "search");
    }
}
