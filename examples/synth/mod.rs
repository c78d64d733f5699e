//! The synthetic news corpus shared by `gen_corpus` and `bench_index`:
//! deterministic articles of about 3 KB (headline, byline, date, outlet and
//! six paragraphs) drawn from a Zipf-like vocabulary of real English words
//! and made-up names, so that term statistics look like news and no two
//! articles are near-duplicates.

// Each example that includes this module uses only part of it.
#![allow(dead_code)]

/// A small, fast, seedable generator (xorshift64*); the corpus must be the
/// same on every machine, so no external randomness.
pub struct Rng(u64);

impl Rng {
    /// A generator for article number `n` of the corpus with `seed`.
    pub fn for_article(seed: u64, n: u64) -> Rng {
        Rng((seed ^ n.wrapping_mul(0x9e37_79b9_7f4a_7c15)).max(1))
    }

    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A Zipf-like pick in `0..n`: small indexes are far more common.
    pub fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((n as f64).powf(u) as usize).saturating_sub(1).min(n - 1)
    }
}

const WORDS: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "said",
    "on",
    "for",
    "that",
    "was",
    "with",
    "by",
    "is",
    "at",
    "from",
    "his",
    "her",
    "it",
    "as",
    "be",
    "has",
    "have",
    "will",
    "year",
    "were",
    "an",
    "government",
    "council",
    "minister",
    "police",
    "city",
    "state",
    "court",
    "people",
    "week",
    "market",
    "company",
    "report",
    "officials",
    "election",
    "vote",
    "budget",
    "school",
    "health",
    "hospital",
    "workers",
    "union",
    "strike",
    "prices",
    "energy",
    "water",
    "river",
    "bridge",
    "road",
    "train",
    "airport",
    "harbour",
    "ferry",
    "storm",
    "flood",
    "fire",
    "crash",
    "trial",
    "judge",
    "jury",
    "verdict",
    "prison",
    "pardon",
    "clemency",
    "governor",
    "mayor",
    "senator",
    "parliament",
    "president",
    "campaign",
    "poll",
    "survey",
    "study",
    "scientists",
    "research",
    "university",
    "students",
    "teachers",
    "parents",
    "children",
    "families",
    "residents",
    "business",
    "shares",
    "investors",
    "bank",
    "interest",
    "rates",
    "inflation",
    "growth",
    "exports",
    "imports",
    "trade",
    "talks",
    "agreement",
    "deal",
    "contract",
    "plan",
    "project",
    "construction",
    "housing",
    "rent",
    "tenants",
    "landlords",
    "museum",
    "festival",
    "concert",
    "film",
    "team",
    "match",
    "season",
    "coach",
    "players",
    "goal",
    "victory",
    "defeat",
    "league",
    "championship",
    "record",
    "history",
    "century",
    "village",
    "county",
    "region",
    "border",
    "army",
    "soldiers",
    "peace",
    "ceasefire",
    "refugees",
    "aid",
    "charity",
    "volunteers",
    "climate",
    "emissions",
    "farmers",
    "harvest",
    "drought",
    "wildlife",
    "forest",
    "coast",
];

const FIRST: &[&str] = &[
    "Anna", "Ben", "Carla", "David", "Elif", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Kemi",
    "Lars", "Maya", "Nikos", "Olga", "Pedro", "Quinn", "Rosa", "Sami", "Tara", "Umar", "Vera",
];
const LAST: &[&str] = &[
    "Adams", "Berg", "Costa", "Diaz", "Evans", "Fischer", "Garcia", "Hall", "Ito", "Jensen",
    "Kowalski", "Lopez", "Moreau", "Novak", "Okafor", "Patel", "Rossi", "Silva", "Tanaka", "Weber",
];
const OUTLETS: &[&str] = &[
    "Capitol Wire",
    "Harbour Times",
    "Valley Courier",
    "Northern Post",
    "Daily Ledger",
    "Evening Standardbearer",
    "Coast Gazette",
    "Metro Herald",
];

/// A made-up proper noun (place or organisation), from a large space so the
/// vocabulary keeps growing with the corpus, as real archives' does.
fn name(rng: &mut Rng) -> String {
    const SYL: &[&str] = &[
        "ka", "lo", "mer", "vin", "sa", "tor", "bel", "du", "ri", "an", "ost", "el", "gra", "mu",
    ];
    let n = 2 + rng.below(2);
    let mut s: String = (0..n).map(|_| SYL[rng.below(SYL.len())]).collect();
    if let Some(first) = s.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    s
}

fn sentence(rng: &mut Rng, out: &mut String) {
    let len = 12 + rng.below(14);
    for i in 0..len {
        let word = if rng.below(12) == 0 {
            name(rng)
        } else {
            WORDS[rng.zipf(WORDS.len())].to_string()
        };
        if i == 0 {
            let mut w = word;
            if let Some(first) = w.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            out.push_str(&w);
        } else {
            out.push(' ');
            out.push_str(&word);
        }
    }
    out.push_str(". ");
}

/// One synthetic article.
pub struct Article {
    /// Headline.
    pub title: String,
    /// Author name.
    pub author: String,
    /// Outlet name.
    pub outlet: String,
    /// Publication day, `YYYY-MM-DD`.
    pub date: String,
    /// Body: paragraphs separated by blank lines (about 3 KB).
    pub body: String,
    /// A unique url.
    pub url: String,
}

/// Article number `n` of the corpus with `seed`.
pub fn article(seed: u64, n: u64) -> Article {
    let mut rng = Rng::for_article(seed, n);
    let mut title = String::new();
    sentence(&mut rng, &mut title);
    let title = title.trim_end_matches([' ', '.']).to_string();
    let title: String = title.split(' ').take(9).collect::<Vec<_>>().join(" ");
    let author = format!(
        "{} {}",
        FIRST[rng.below(FIRST.len())],
        LAST[rng.below(LAST.len())]
    );
    let outlet = OUTLETS[rng.below(OUTLETS.len())].to_string();
    let date = format!(
        "{}-{:02}-{:02}",
        1995 + rng.below(30),
        1 + rng.below(12),
        1 + rng.below(28)
    );
    let mut body = String::with_capacity(3300);
    for p in 0..6 {
        if p > 0 {
            body.push_str("\n\n");
        }
        for _ in 0..3 {
            sentence(&mut rng, &mut body);
        }
        body.truncate(body.trim_end().len());
    }
    let url = format!("https://news.example.org/{}/{n}", &date[..4]);
    Article {
        title,
        author,
        outlet,
        date,
        body,
        url,
    }
}

impl Article {
    /// The article as a plain-text copy: headline, byline, date, body.
    pub fn to_text(&self) -> String {
        format!(
            "{}\n\nBy {}\n{}\n{}\n\n{}\n",
            self.title, self.author, self.outlet, self.date, self.body
        )
    }

    /// The article as one JSON Lines record (lede's JSON field names).
    pub fn to_json_line(&self) -> String {
        let esc = |s: &str| {
            let mut out = String::with_capacity(s.len() + 8);
            for c in s.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    c => out.push(c),
                }
            }
            out
        };
        format!(
            "{{\"url\":\"{}\",\"title\":\"{}\",\"author\":\"{}\",\"source\":\"{}\",\"date\":\"{}\",\"text\":\"{}\"}}\n",
            esc(&self.url),
            esc(&self.title),
            esc(&self.author),
            esc(&self.outlet),
            esc(&self.date),
            esc(&self.body)
        )
    }
}
