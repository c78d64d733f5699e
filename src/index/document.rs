//! The document codec: an [`Article`] as the tantivy document lede stores
//! ([`to_document`], used when writing) and back ([`from_document`], used
//! by searches and `lede show`). Both directions live here, beside the
//! schema that names the fields, so that what is written and what is read
//! cannot drift apart.

use tantivy::schema::{Field, Value};
use tantivy::{DateTime, TantivyDocument};

use super::schema::{key, Fields};
use crate::article::{Article, Format};
use crate::published::Published;

/// The document of an article, without its duplicate group.
pub fn to_document(f: &Fields, a: &Article, bands: &[u64]) -> TantivyDocument {
    let mut doc = TantivyDocument::new();
    doc.add_text(f.id, &a.id);
    for &band in bands {
        doc.add_u64(f.lsh, band);
    }
    doc.add_text(f.path, &a.path);
    doc.add_text(f.format, a.format.as_str());
    if let Some(url) = &a.url {
        doc.add_text(f.url, url);
    }
    let lang = f.language(a.lang.as_deref());
    if let Some(title) = &a.title {
        doc.add_text(f.title, title);
        doc.add_text(lang.title, title);
    }
    if let Some(dek) = &a.dek {
        doc.add_text(f.dek, dek);
        doc.add_text(lang.dek, dek);
    }
    doc.add_text(f.body, &a.body);
    doc.add_text(lang.body, &a.body);
    for author in &a.authors {
        doc.add_text(f.author, author);
        doc.add_text(f.author_key, key(author));
        doc.add_text(f.author_name, author);
    }
    if let Some(outlet) = &a.outlet {
        doc.add_text(f.outlet, outlet);
        doc.add_text(f.outlet_key, key(outlet));
        doc.add_text(f.outlet_name, outlet);
    }
    if let Some(published) = &a.published {
        doc.add_date(
            f.published,
            DateTime::from_timestamp_secs(published.timestamp().as_second()),
        );
        doc.add_text(f.published_text, published.to_string());
    }
    if let Some(lang) = &a.lang {
        doc.add_text(f.lang, lang);
    }
    doc
}

/// The first stored text of a field, if any.
pub fn stored_text(doc: &TantivyDocument, field: Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

/// Reads a stored document back as the [`Article`] it was made from.
pub fn from_document(fields: &Fields, doc: &TantivyDocument) -> Article {
    Article {
        id: stored_text(doc, fields.id).unwrap_or_default(),
        path: stored_text(doc, fields.path).unwrap_or_default(),
        format: stored_text(doc, fields.format)
            .and_then(|f| Format::parse(&f))
            .unwrap_or(Format::Text),
        url: stored_text(doc, fields.url),
        title: stored_text(doc, fields.title),
        dek: stored_text(doc, fields.dek),
        authors: doc
            .get_all(fields.author)
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        outlet: stored_text(doc, fields.outlet),
        published: stored_text(doc, fields.published_text).and_then(|s| Published::parse(&s)),
        lang: stored_text(doc, fields.lang),
        body: stored_text(doc, fields.body).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::schema;

    #[test]
    fn an_article_reads_back_as_it_was_written() {
        let (_, fields) = schema::build();
        let article = Article {
            id: "0123456789abcdef".into(),
            path: "corpus/a.html".into(),
            format: Format::Html,
            url: Some("https://x.example/a".into()),
            title: Some("Ferry fares rise".into()),
            dek: Some("By a dollar in June".into()),
            authors: vec!["Ann Lee".into(), "Bo Park".into()],
            outlet: Some("Valley Star".into()),
            published: Published::parse("2021-03-09T10:00:00+01:00"),
            lang: Some("en".into()),
            body: "Fares rise.\n\nThe operator said so.".into(),
        };
        let doc = to_document(&fields, &article, &[1, 2]);
        assert_eq!(from_document(&fields, &doc), article);
    }
}
