//! One article as a reader opens it from a list of results: the whole
//! article, the query's terms marked in its headline, dek and body, and
//! the other copies of the same story.

use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{AllQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::TantivyDocument;

use super::{members, snippet, to_hit, Engine, Member, PreparedQuery, SearchError, SearchRequest};
use crate::article::Article;
use crate::index::document::from_document;

/// An article with the query's terms marked (byte ranges, half-open, as in
/// search hits) and its copies.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView {
    /// The article, as `lede show --json` prints it.
    pub article: Article,
    /// The query's terms in the headline.
    pub title_highlights: Vec<[usize; 2]>,
    /// The query's terms in the dek.
    pub dek_highlights: Vec<[usize; 2]>,
    /// The query's terms in the body.
    pub body_highlights: Vec<[usize; 2]>,
    /// The other copies of this story (the same near-duplicate group).
    pub duplicates: Vec<Member>,
}

impl Engine {
    /// The article with this id, its terms marked for `request`'s query
    /// when one is given; `None` when no article has the id.
    pub fn article(
        &self,
        id: &str,
        request: Option<&SearchRequest>,
    ) -> Result<Option<ArticleView>, SearchError> {
        let prepared = match request {
            Some(request) => self.prepare(request)?,
            None => PreparedQuery {
                searcher: self.reader.searcher(),
                query: Box::new(AllQuery),
                fields: self.fields.clone(),
                warnings: Vec::new(),
                words: None,
            },
        };
        let query = TermQuery::new(
            Term::from_field_text(self.fields.id, id),
            IndexRecordOption::Basic,
        );
        let top = prepared
            .searcher
            .search(&query, &TopDocs::with_limit(1).order_by_score())?;
        let Some((_, address)) = top.first() else {
            return Ok(None);
        };
        let doc: TantivyDocument = prepared.searcher.doc(*address)?;
        let article = from_document(&self.fields, &doc);
        let mut snippets =
            snippet::Snippets::new(&prepared.searcher, &*prepared.query, &prepared.fields);
        // The hit this article would be, for its group and its copies.
        let hit = to_hit(&self.fields, &doc, 1, 0.0, 0, &mut snippets);
        let duplicates = members(&prepared, &hit)?;
        let lang = article.lang.as_deref();
        let mut marks = |text: Option<&str>| match (request, text) {
            (Some(_), Some(text)) => snippets.title_highlights(lang, text),
            _ => Vec::new(),
        };
        let dek_highlights = marks(article.dek.as_deref());
        let body_highlights = marks(Some(&article.body));
        Ok(Some(ArticleView {
            title_highlights: if request.is_some() {
                hit.title_highlights
            } else {
                Vec::new()
            },
            dek_highlights,
            body_highlights,
            duplicates,
            article,
        }))
    }
}
