//! Language of an article: a declared language (`en-US`, `de_DE`,
//! `English`) normalized to ISO 639-1, or else one detected from the text.
//!
//! Detection looks first at function words ("the", "der", "les", "het"...):
//! when a sample is plainly in one of the large Latin-script languages of
//! news archives, the few words every sentence of it uses say so at a
//! fraction of the cost of trigram scoring (which was a fifth of indexing
//! time). Anything less clear-cut (other scripts, other languages, mixed or
//! short text) goes to whatlang's trigram detector over an allowlist, whose
//! guess of a language with a function-word list stands only when some of
//! those words are in the text: tables of figures get no language rather
//! than a wrong one.

use std::sync::LazyLock;

use whatlang::Lang;

/// Codes and names that ISO 639-1 does not list as the code lede keys a
/// language by: Norwegian's written standards Bokmål (`nb`) and Nynorsk
/// (`nn`), which pages declare, are Norwegian (`no`), the key of the
/// index's Norwegian stemmer; codes ISO withdrew that old pages still
/// declare (`iw`, `in`, `ji`, `jw`, `mo`); the ISO 639-3 codes of
/// individual languages whose 639-1 code belongs to their macrolanguage
/// (Mandarin `cmn`, Iranian Persian `pes`, which whatlang detects); and
/// the names of the large languages in their own words (ISO lists English
/// names only).
const ALIASES: &[(&str, &str)] = &[
    ("nb", "no"),
    ("nn", "no"),
    ("iw", "he"),
    ("in", "id"),
    ("ji", "yi"),
    ("jw", "jv"),
    ("mo", "ro"),
    ("cmn", "zh"),
    ("pes", "fa"),
    ("deutsch", "de"),
    ("français", "fr"),
    ("francais", "fr"),
    ("español", "es"),
    ("espanol", "es"),
    ("italiano", "it"),
    ("português", "pt"),
    ("nederlands", "nl"),
    ("norsk", "no"),
    ("svenska", "sv"),
    ("dansk", "da"),
    ("suomi", "fi"),
    ("русский", "ru"),
];

/// The ISO 639-1 code lede uses for a language code or name, after
/// [`ALIASES`].
fn aliased(code: &str) -> &str {
    ALIASES
        .iter()
        .find(|(from, _)| *from == code)
        .map_or(code, |(_, to)| to)
}

/// Reduces a declared language (`en-US`, `de_DE`, `nb-NO`, `deu`,
/// `English`, `Deutsch`) to its ISO 639-1 code (through [`ALIASES`]), or
/// `None` when it names no language ISO 639 knows (then the text decides).
pub fn normalize(s: &str) -> Option<String> {
    let s = s.trim().to_lowercase();
    // The primary subtag of a tag or locale: `pt-BR`, `de_DE.UTF-8`.
    let primary = s.split(['-', '_', '.', '@', ',', ';']).next()?.trim();
    let primary = aliased(primary);
    let code = match primary.len() {
        2 => isolang::Language::from_639_1(primary).and_then(|l| l.to_639_1()),
        3 => isolang::Language::from_639_3(primary).and_then(|l| l.to_639_1()),
        _ => {
            // An English name ("Norwegian Bokmål" is Norwegian).
            let word = primary.split_whitespace().next()?;
            let mut chars = word.chars();
            let first = chars.next()?;
            let name: String = first.to_uppercase().chain(chars).collect();
            isolang::Language::from_name(&name).and_then(|l| l.to_639_1())
        }
    }?;
    Some(aliased(code).to_string())
}

/// Characters of body text given to detection: a few sentences decide the
/// language as well as a page (on the eval, BBC and textdumps pages, 300
/// characters and the allowlist below give the same English and German
/// counts as 2,000, and no spurious Latin), and detection time grows with
/// the sample.
const SAMPLE_CHARS: usize = 300;

/// Detects the language from the text itself, when it says enough.
pub fn detect(title: Option<&str>, body: &str) -> Option<String> {
    let mut sample: String = body.chars().take(SAMPLE_CHARS).collect();
    if sample.len() < 40 {
        sample = format!("{} {}", title.unwrap_or(""), sample);
    }
    let counts = FunctionWords::count(&sample);
    if let Some(code) = counts.decided() {
        return Some(code.to_string());
    }
    if counts.most_hits() < MIN_CONFIRMING_HITS && mostly_figures(&sample) {
        // No guess of a listed language could stand (too few of its
        // function words), and on figures and abbreviations whatlang's
        // guess of another language is noise: no language, without the
        // trigram scoring (on a news agency's JSON Lines, a third of whose
        // records are tables of results, it was half of extraction).
        return None;
    }
    let (code, sure) = by_trigrams(&sample)?;
    // whatlang names a language for anything: a table of figures and
    // abbreviations ("Shr 10 cts vs 9 cts vs profit") comes out French or
    // Norwegian, sometimes even "reliably" (800 English Reuters tables
    // did). Prose in a language with a function-word list always has some
    // of them, so a guess of such a language stands only when its function
    // words are in the sample; a guess of another language when whatlang
    // is sure of it.
    let stands = match counts.hits_of(code) {
        Some(hits) => hits >= MIN_CONFIRMING_HITS,
        None => sure,
    };
    stands.then(|| code.to_string())
}

/// Function words of the guessed language that make a trigram guess stand.
const MIN_CONFIRMING_HITS: usize = 3;

/// Whether digits make up at least a fifth of a sample's letters and
/// digits: a table of figures, not prose (prose in any language, numbers
/// and dates included, stays far below).
fn mostly_figures(sample: &str) -> bool {
    let (mut digits, mut letters) = (0usize, 0usize);
    for c in sample.chars() {
        if c.is_ascii_digit() {
            digits += 1;
        } else if c.is_alphabetic() {
            letters += 1;
        }
    }
    digits * 5 >= digits + letters
}

/// The languages detection chooses among: those with a stemmer in the index,
/// the other large languages of news archives, and every language with a
/// script of its own (whatlang tells those apart by script, cheaply).
/// Scoring fewer languages' trigrams is most of what makes detection fast.
const DETECTABLE: &[Lang] = &[
    Lang::Eng,
    Lang::Deu,
    Lang::Fra,
    Lang::Spa,
    Lang::Ita,
    Lang::Por,
    Lang::Nld,
    Lang::Swe,
    Lang::Dan,
    Lang::Nob,
    Lang::Fin,
    Lang::Rus,
    Lang::Ukr,
    Lang::Pol,
    Lang::Ces,
    Lang::Slk,
    Lang::Hun,
    Lang::Ron,
    Lang::Tur,
    Lang::Hrv,
    Lang::Ell,
    Lang::Bul,
    Lang::Ara,
    Lang::Heb,
    Lang::Pes,
    Lang::Hin,
    Lang::Ben,
    Lang::Cmn,
    Lang::Jpn,
    Lang::Kor,
    Lang::Tha,
    Lang::Vie,
    Lang::Ind,
];

static DETECTOR: LazyLock<whatlang::Detector> =
    LazyLock::new(|| whatlang::Detector::with_allowlist(DETECTABLE.to_vec()));

/// whatlang's trigram detection over the allowlist: its best guess, and
/// whether it is sure enough. Sure means reliable to whatlang; in a script
/// other than Latin, also any guess from more than 200 bytes (tables of
/// figures and abbreviations, where whatlang's guesses are noise, are
/// Latin).
pub fn by_trigrams(sample: &str) -> Option<(&'static str, bool)> {
    let info = DETECTOR.detect(sample)?;
    let sure =
        info.is_reliable() || (info.script() != whatlang::Script::Latin && sample.len() > 200);
    Some((iso639_1(info.lang()), sure))
}

/// The most frequent short words of each language the fast path decides.
/// A word may belong to several ("de", "la", "en"); it then counts for each,
/// and the margin below keeps such overlaps from deciding anything.
const FUNCTION_WORDS: &[(&str, &str)] = &[
    (
        "en",
        "the of and to in is that for was with on as by said it at he she from his her are have \
         has be an which this were not but they who been their had will would its after",
    ),
    (
        "de",
        "der die und das ist nicht mit von den zu im sich auf des dem ein eine einer auch es für \
         wird bei sind wurde nach aus er sie hat dass wie noch über vor",
    ),
    (
        "fr",
        "le la les des est et une du en que qui dans pour pas au sur par il elle avec sont ont \
         été cette aux mais plus ce ses leur",
    ),
    (
        "es",
        "el la los las de que y en del por con una para es se su al lo como más pero sus fue ha \
         este esta entre",
    ),
    (
        "it",
        "il di che la e per una del della non sono con le gli da nel è al dei alla ha anche \
         questo nella più",
    ),
    (
        "pt",
        "o a os as de que e do da em um uma para com não dos das no na por se é mais foi ao \
         pelo pela",
    ),
    (
        "nl",
        "de het een en van is dat op te in zijn met voor niet aan er die ook werd wordt door bij \
         naar om",
    ),
];

/// Each function word with the languages (bits, in `FUNCTION_WORDS` order) it belongs to.
static WORD_LANGS: LazyLock<foldhash::HashMap<&'static str, u8>> = LazyLock::new(|| {
    let mut map = foldhash::HashMap::default();
    for (i, (_, words)) in FUNCTION_WORDS.iter().enumerate() {
        for w in words.split_whitespace() {
            *map.entry(w).or_insert(0u8) |= 1 << i;
        }
    }
    map
});

/// Function-word hits needed before the fast path decides.
const MIN_HITS: usize = 8;
/// Share of the sample's words that must be the winner's function words.
const MIN_SHARE: f64 = 0.2;
/// The winner must have at least this many times the runner-up's hits.
const MIN_MARGIN: usize = 2;

/// The longest function word, in bytes: longer words are not looked up.
static LONGEST_WORD: LazyLock<usize> =
    LazyLock::new(|| WORD_LANGS.keys().map(|w| w.len()).max().unwrap_or(0));

/// The language whose function words plainly dominate the sample, if any.
pub fn by_function_words(sample: &str) -> Option<&'static str> {
    FunctionWords::count(sample).decided()
}

/// Function-word hits of each language in a sample, and its word count.
struct FunctionWords {
    hits: [usize; FUNCTION_WORDS.len()],
    total: usize,
}

impl FunctionWords {
    /// Counts in one pass over the words (this runs on every article).
    /// Capitalized words count as their lowercase form; words in capitals
    /// ("IT", "US") only when the whole sample is in capitals, since
    /// elsewhere they are acronyms: hits are counted both with and without
    /// them, and the sample's case decides which count stands.
    fn count(sample: &str) -> FunctionWords {
        let (mut total, mut caps) = (0usize, 0usize);
        let mut hits = [0usize; FUNCTION_WORDS.len()];
        let mut caps_hits = [0usize; FUNCTION_WORDS.len()];
        let mut lower = String::new();
        for word in sample
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
        {
            total += 1;
            let mut chars = word.chars();
            let first = chars.next().unwrap_or(' ');
            let rest_lower = chars.clone().all(char::is_lowercase);
            let is_caps = chars.next().is_some() && !word.chars().any(char::is_lowercase);
            caps += usize::from(is_caps);
            if word.len() > *LONGEST_WORD {
                continue;
            }
            let key = if first.is_lowercase() && rest_lower {
                word
            } else {
                lower.clear();
                lower.extend(word.chars().flat_map(char::to_lowercase));
                lower.as_str()
            };
            if let Some(&bits) = WORD_LANGS.get(key) {
                let counts = if is_caps { &mut caps_hits } else { &mut hits };
                for (i, hit) in counts.iter_mut().enumerate() {
                    *hit += usize::from(bits & (1 << i) != 0);
                }
            }
        }
        if caps * 2 > total {
            for (hit, caps_hit) in hits.iter_mut().zip(caps_hits) {
                *hit += caps_hit;
            }
        }
        FunctionWords { hits, total }
    }

    /// The language whose function words plainly dominate, if any.
    fn decided(&self) -> Option<&'static str> {
        let (best, &top) = self.hits.iter().enumerate().max_by_key(|&(_, h)| *h)?;
        let runner_up = self
            .hits
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != best)
            .map(|(_, h)| *h)
            .max()
            .unwrap_or(0);
        let decided = top >= MIN_HITS
            && top as f64 >= MIN_SHARE * self.total as f64
            && top >= MIN_MARGIN * runner_up;
        decided.then_some(FUNCTION_WORDS[best].0)
    }

    /// The hits of the language with the most.
    fn most_hits(&self) -> usize {
        self.hits.iter().copied().max().unwrap_or(0)
    }

    /// Hits of one language, if it has a list.
    fn hits_of(&self, code: &str) -> Option<usize> {
        FUNCTION_WORDS
            .iter()
            .position(|(c, _)| *c == code)
            .map(|i| self.hits[i])
    }
}

/// The ISO 639-1 code (after [`ALIASES`]) of a language whatlang knows by
/// its ISO 639-3 code; "und" for the few without one.
fn iso639_1(lang: Lang) -> &'static str {
    let code = aliased(lang.code());
    let code = if code.len() == 2 {
        Some(code)
    } else {
        isolang::Language::from_639_3(code).and_then(|l| l.to_639_1())
    };
    code.map_or("und", aliased)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_languages_are_normalized() {
        assert_eq!(normalize("en-US").as_deref(), Some("en"));
        assert_eq!(normalize("de_DE").as_deref(), Some("de"));
        assert_eq!(normalize("English").as_deref(), Some("en"));
        assert_eq!(normalize("deu").as_deref(), Some("de"));
        assert_eq!(normalize("??"), None);
    }

    /// Regression: `nb-NO` became `nb`, which no stemmer is keyed by, so
    /// Norwegian Bokmål articles were matched word for word; withdrawn
    /// codes and made-up ones passed through as if they were languages.
    #[test]
    fn norwegian_and_withdrawn_codes_reach_the_language_they_name() {
        assert_eq!(normalize("nb-NO").as_deref(), Some("no"));
        assert_eq!(normalize("nn").as_deref(), Some("no"));
        assert_eq!(normalize("nob").as_deref(), Some("no"));
        assert_eq!(normalize("Norwegian Bokmål").as_deref(), Some("no"));
        assert_eq!(normalize("iw").as_deref(), Some("he"));
        assert_eq!(normalize("in-ID").as_deref(), Some("id"));
        assert_eq!(normalize("pt_BR.UTF-8").as_deref(), Some("pt"));
        assert_eq!(normalize("Français").as_deref(), Some("fr"));
        assert_eq!(normalize("ukr").as_deref(), Some("uk"));
        assert_eq!(normalize("xx"), None);
        assert_eq!(normalize("klingonish"), None);
        assert_eq!(normalize(""), None);
    }

    #[test]
    fn every_detectable_language_has_its_two_letter_code() {
        for &lang in DETECTABLE {
            let code = iso639_1(lang);
            assert_eq!(code.len(), 2, "{lang:?}");
            assert_eq!(normalize(code).as_deref(), Some(code), "{lang:?}");
        }
        assert_eq!(iso639_1(Lang::Nob), "no");
        assert_eq!(iso639_1(Lang::Cmn), "zh");
    }

    const EN: &str = "The council said on Tuesday that it would widen the river path, and the \
        mayor, who has argued for the plan since the spring, was at the meeting with residents.";
    const DE: &str = "Die Bundesregierung hat am Dienstag beschlossen, die Förderung für kleine \
        Unternehmen deutlich auszuweiten, wie ein Sprecher in Berlin mitteilte. Das ist nicht \
        das erste Mal, dass die Regierung bei der Förderung nachbessert.";
    const FR: &str = "Le conseil municipal a voté mardi pour élargir le chemin le long de la \
        rivière, et les habitants qui sont venus à la réunion ont dit que ce projet est attendu \
        depuis des années dans le quartier.";
    const NL: &str = "De gemeenteraad heeft dinsdag besloten om het pad langs de rivier te \
        verbreden, en de bewoners die naar de vergadering kwamen zeiden dat het plan al jaren \
        op zich laat wachten in de wijk.";

    #[test]
    fn plain_text_is_decided_by_function_words() {
        assert_eq!(by_function_words(EN), Some("en"));
        assert_eq!(by_function_words(DE), Some("de"));
        assert_eq!(by_function_words(FR), Some("fr"));
        assert_eq!(by_function_words(NL), Some("nl"));
        assert_eq!(by_function_words(&EN.to_uppercase()), Some("en"));
    }

    #[test]
    fn acronyms_are_not_function_words() {
        // "IT" and "US" in German text are not English "it" and "us".
        let de =
            "IT-Sicherheit: IT und IT-Budget, IT in der Firma, IT bei den Kunden, IT im Netz, \
            IT für alle, IT ist Chefsache, IT wird teurer, IT hat Vorrang, sagt der Verband.";
        assert_ne!(by_function_words(de), Some("en"));
    }

    #[test]
    fn unclear_text_goes_to_trigrams() {
        // Too few words, another script, a language without a list.
        assert_eq!(by_function_words("The mayor and the council"), None);
        let ru = "Городской совет во вторник проголосовал за расширение дорожки вдоль реки, \
            сообщили жители, которые пришли на собрание.";
        assert_eq!(by_function_words(ru), None);
        assert_eq!(detect(None, ru).as_deref(), Some("ru"));
        let sv = "Kommunfullmäktige beslutade på tisdagen att bredda gångvägen längs ån, och \
            de boende som kom till mötet sa att planen har väntat i flera år på att bli av.";
        assert_eq!(by_function_words(sv), None);
        assert_eq!(detect(None, sv).as_deref(), Some("sv"));
    }

    #[test]
    fn tables_of_figures_get_no_language_but_short_prose_keeps_its_own() {
        // Abbreviations and figures: whatlang guesses (French, here), unsure.
        let table = "Oper shr profit 1.80 dlrs vs loss 2.28 dlrs\n\nOper net profit \
            2,048,000 vs loss 1,318,000\n\nRevs 25.4 mln vs 12.3 mln\n\nAvg shrs 17,000,000 \
            vs 16,500,000\n\nNote: 1986 net includes a tax credit.";
        assert_eq!(by_trigrams(table).map(|(_, sure)| sure), Some(false));
        assert_eq!(detect(None, table), None);
        let filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod \
            tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam.";
        assert_eq!(detect(None, filler), None);
        // Too short for the fast path, yet plainly Spanish: the unsure
        // guess stands because Spanish function words back it.
        let es = "Los gremios de la salud anuncian un paro para el jueves.";
        assert_eq!(by_function_words(es), None);
        assert_eq!(detect(None, es).as_deref(), Some("es"));
    }

    #[test]
    fn only_tables_of_figures_skip_trigram_scoring() {
        let table = "Shr 34 cts vs 1.19 dlrs\n\nNet 807,000 vs 2,858,000\n\nAssets 510.2 mln \
            vs 479.7 mln\n\nLoans 299.2 mln vs 327.2 mln";
        assert!(mostly_figures(table));
        assert_eq!(detect(None, table), None);
        // Prose with its dates and figures is no table, in any language: a
        // Polish report (no function-word list) keeps whatlang's verdict.
        let pl = "W 2023 roku rada miasta przeznaczyła 4,5 mln złotych na remont 12 szkół \
            podstawowych, a w przyszłym roku planuje kolejne inwestycje w transport publiczny \
            oraz w nowe ścieżki rowerowe wzdłuż rzeki.";
        assert!(!mostly_figures(pl));
        assert_eq!(detect(None, pl).as_deref(), Some("pl"));
    }

    #[test]
    fn both_paths_agree_where_the_fast_one_decides() {
        for text in [EN, DE, FR, NL] {
            assert_eq!(
                by_function_words(text),
                by_trigrams(text).map(|(code, _)| code),
                "{text}"
            );
        }
    }
}
