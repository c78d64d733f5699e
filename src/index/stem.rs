//! A stemming token filter that remembers its stems.
//!
//! Stemming was an eighth of indexing time: a news text repeats a few
//! thousand words ("said", "government", "officials") over and over, and the
//! snowball algorithms redo the whole suffix analysis, and allocate a new
//! string, for every occurrence. This filter stems with the same algorithms
//! tantivy's `Stemmer` uses (frostem), so indexed terms and query terms are
//! the same as with it, and keeps each word's stem in a bounded per-thread
//! table; a repeated word costs one hash lookup and a copy.

use std::sync::Arc;

use tantivy::tokenizer::{Language, Token, TokenFilter, TokenStream, Tokenizer};

/// Words remembered per analyzer before the table is emptied and refilled
/// (bounds memory at a few megabytes per indexing thread).
const MAX_CACHED: usize = 200_000;

/// A token filter stemming each token for one language, like
/// `tantivy::tokenizer::Stemmer`, with a table of stems already computed.
#[derive(Clone)]
pub struct CachedStemmer {
    stemmer: Arc<frostem::Stemmer>,
}

impl CachedStemmer {
    /// The stemmer of a language.
    pub fn new(language: Language) -> CachedStemmer {
        CachedStemmer {
            stemmer: Arc::new(frostem::Stemmer::new(algorithm(language))),
        }
    }
}

/// frostem's algorithm for one of tantivy's stemmer languages.
fn algorithm(language: Language) -> frostem::Algorithm {
    use frostem::Algorithm as A;
    match language {
        Language::Arabic => A::Arabic,
        Language::Danish => A::Danish,
        Language::Dutch => A::Dutch,
        Language::English => A::English,
        Language::Finnish => A::Finnish,
        Language::French => A::French,
        Language::German => A::German,
        Language::Greek => A::Greek,
        Language::Hungarian => A::Hungarian,
        Language::Italian => A::Italian,
        Language::Norwegian => A::Norwegian,
        Language::Portuguese => A::Portuguese,
        Language::Romanian => A::Romanian,
        Language::Russian => A::Russian,
        Language::Spanish => A::Spanish,
        Language::Swedish => A::Swedish,
        Language::Tamil => A::Tamil,
        Language::Turkish => A::Turkish,
    }
}

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            stemmer: self.stemmer,
            inner: tokenizer,
            stems: foldhash::HashMap::default(),
        }
    }
}

/// The tokenizer with the filter applied; each clone (tantivy makes one per
/// indexing thread) starts with an empty table.
pub struct CachedStemmerFilter<T> {
    stemmer: Arc<frostem::Stemmer>,
    inner: T,
    stems: foldhash::HashMap<Box<str>, Box<str>>,
}

impl<T: Clone> Clone for CachedStemmerFilter<T> {
    fn clone(&self) -> Self {
        CachedStemmerFilter {
            stemmer: Arc::clone(&self.stemmer),
            inner: self.inner.clone(),
            stems: foldhash::HashMap::default(),
        }
    }
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            stemmer: &self.stemmer,
            stems: &mut self.stems,
        }
    }
}

/// The token stream: the inner stream's tokens, stemmed.
pub struct CachedStemmerStream<'a, T> {
    tail: T,
    stemmer: &'a frostem::Stemmer,
    stems: &'a mut foldhash::HashMap<Box<str>, Box<str>>,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        // Numbers have no suffix to strip (the stemmers return them as they
        // are), and would only crowd the table.
        if token.text.bytes().all(|b| b.is_ascii_digit()) {
            return true;
        }
        if let Some(stem) = self.stems.get(token.text.as_str()) {
            token.text.clear();
            token.text.push_str(stem);
            return true;
        }
        let stem: Box<str> = self.stemmer.stem(&token.text).into();
        if self.stems.len() >= MAX_CACHED {
            self.stems.clear();
        }
        let word = std::mem::take(&mut token.text);
        token.text.push_str(&stem);
        self.stems.insert(word.into_boxed_str(), stem);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{LowerCaser, SimpleTokenizer, Stemmer, TextAnalyzer};

    fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        analyzer
            .token_stream(text)
            .process(&mut |t: &Token| out.push(t.text.clone()));
        out
    }

    #[test]
    fn stems_are_tantivys_stems_whether_remembered_or_not() {
        let text = "The governors pardoned 1,204 prisoners; pardons and pardoning, \
                    governors said in 2024, were running at record levels. Pardoned!";
        for language in [Language::English, Language::German, Language::French] {
            let mut ours = TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(LowerCaser)
                .filter(CachedStemmer::new(language))
                .build();
            let mut theirs = TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(LowerCaser)
                .filter(Stemmer::new(language))
                .build();
            let expected = terms(&mut theirs, text);
            // Twice: the second pass is answered from the table.
            assert_eq!(terms(&mut ours, text), expected);
            assert_eq!(terms(&mut ours, text), expected);
        }
        let mut english = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(CachedStemmer::new(Language::English))
            .build();
        assert_eq!(
            terms(&mut english, "pardons pardoning pardoned"),
            ["pardon", "pardon", "pardon"]
        );
    }
}
