//! The page: a static shell (`assets/index.html`), its script and its
//! style, embedded in the binary (so `lede serve` needs no files beside
//! it and fetches nothing at run time). The shell holds no data: its
//! script reads the URL, asks the API, and sets every value as text. The
//! search page is `/`; an article is `/article/ID` (the same shell, which
//! shows the article view). Each asset carries an ETag, so a browser
//! revalidates it cheaply and never keeps an old one after an upgrade.

use std::sync::Arc;

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use super::Shared;

/// An embedded file.
struct Asset {
    body: &'static [u8],
    content_type: &'static str,
}

const PAGE: Asset = Asset {
    body: include_bytes!("../../assets/index.html"),
    content_type: "text/html; charset=utf-8",
};
const SCRIPT: Asset = Asset {
    body: include_bytes!("../../assets/app.js"),
    content_type: "text/javascript; charset=utf-8",
};
const STYLE: Asset = Asset {
    body: include_bytes!("../../assets/app.css"),
    content_type: "text/css; charset=utf-8",
};
const ICON: Asset = Asset {
    body: include_bytes!("../../assets/icon.svg"),
    content_type: "image/svg+xml",
};

/// The page's routes.
pub fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/", get(|h: HeaderMap| async move { serve(&PAGE, &h) }))
        .route(
            "/article/{id}",
            get(|h: HeaderMap| async move { serve(&PAGE, &h) }),
        )
        .route(
            "/assets/app.js",
            get(|h: HeaderMap| async move { serve(&SCRIPT, &h) }),
        )
        .route(
            "/assets/app.css",
            get(|h: HeaderMap| async move { serve(&STYLE, &h) }),
        )
        .route(
            "/assets/icon.svg",
            get(|h: HeaderMap| async move { serve(&ICON, &h) }),
        )
}

fn serve(asset: &Asset, request: &HeaderMap) -> Response {
    let etag = format!("\"{}\"", &blake3::hash(asset.body).to_hex()[..16]);
    let fresh = request
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (StatusCode::OK, asset.body).into_response()
    };
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(asset.content_type),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if let Ok(value) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, value);
    }
    response
}
