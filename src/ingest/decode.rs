//! Bytes to text: gzip, byte-order marks, the charset an HTML page declares,
//! and a detected fallback for legacy files, with caps that keep a hostile
//! file from exhausting memory.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use flate2::read::MultiGzDecoder;
use thiserror::Error;

use super::walk::describe_io;

/// The most bytes read from one file, after decompression. Larger files are
/// skipped rather than truncated, so a partial article never reaches the index.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Why a file could not be turned into text.
#[derive(Debug, Error)]
pub enum DecodeError {
    /// The file could not be opened or read.
    #[error("cannot read: {0}")]
    Io(String),
    /// The file was found by the walk but is gone when read.
    #[error("no such file: it was deleted or moved after lede found it")]
    Vanished,
    /// The file holds no text at all.
    #[error("empty file")]
    Empty,
    /// The file is not text (NUL bytes, or mostly control characters).
    #[error("binary content, not a text, HTML or JSON file")]
    Binary,
    /// The file (or its decompressed content) is over the size cap.
    #[error("larger than {} MiB{}; skipped", MAX_FILE_BYTES / (1024 * 1024), if *.0 { " once decompressed" } else { "" })]
    TooLarge(bool),
    /// A `.gz` file that is not valid gzip or ends early.
    #[error("corrupt gzip data: {0}")]
    Gzip(String),
}

impl DecodeError {
    /// A short label for the kind of problem, used to count skips in summaries.
    pub fn kind(&self) -> &'static str {
        match self {
            DecodeError::Io(_) => "unreadable",
            DecodeError::Vanished => "vanished",
            DecodeError::Empty => "empty",
            DecodeError::Binary => "binary",
            DecodeError::TooLarge(_) => "too large",
            DecodeError::Gzip(_) => "corrupt gzip",
        }
    }
}

fn is_gzip(path: &Path, head: &[u8]) -> bool {
    head.starts_with(&[0x1f, 0x8b])
        || path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

fn io_error(e: &io::Error) -> DecodeError {
    if e.kind() == io::ErrorKind::NotFound {
        DecodeError::Vanished
    } else {
        DecodeError::Io(describe_io(e))
    }
}

/// Reads a file's bytes, decompressing gzip (by magic number or `.gz`).
/// A plain file over the cap is refused from its size, without reading it;
/// gzip is decompressed up to the cap and no further.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, DecodeError> {
    let mut file = File::open(path).map_err(|e| io_error(&e))?;
    let mut head = [0u8; 2];
    let n = read_up_to(&mut file, &mut head).map_err(|e| io_error(&e))?;
    let head = &head[..n];
    let gz = is_gzip(path, head);
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if !gz && size > MAX_FILE_BYTES {
        return Err(DecodeError::TooLarge(false));
    }
    let chained = io::Cursor::new(head.to_vec()).chain(file);
    let mut out = Vec::with_capacity(if gz { 0 } else { size as usize });
    let limit = MAX_FILE_BYTES + 1;
    let result = if gz {
        MultiGzDecoder::new(chained)
            .take(limit)
            .read_to_end(&mut out)
    } else {
        chained.take(limit).read_to_end(&mut out)
    };
    match result {
        Ok(_) => {}
        Err(e) if gz => return Err(DecodeError::Gzip(e.to_string())),
        Err(e) => return Err(io_error(&e)),
    }
    if out.len() as u64 > MAX_FILE_BYTES {
        return Err(DecodeError::TooLarge(gz));
    }
    Ok(out)
}

fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match r.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// Decodes bytes to text: a byte-order mark wins, then valid UTF-8, then the
/// charset an HTML page declares, then a statistical guess (chardetng).
pub fn decode(path: &Path, bytes: &[u8]) -> Result<String, DecodeError> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return check_text(text.into_owned());
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DecodeError::Empty);
    }
    let head = bytes.get(..8192).unwrap_or(bytes);
    if looks_utf16(bytes).is_some() || memchr::memchr(0, head).is_some() {
        if let Some(enc) = looks_utf16(bytes) {
            let (text, _) = enc.decode_without_bom_handling(bytes);
            return check_text(text.into_owned());
        }
        return Err(DecodeError::Binary);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return check_text(text.to_string());
    }
    let is_html = path.to_string_lossy().to_ascii_lowercase().contains(".htm");
    let declared = if is_html || bytes.trim_ascii_start().starts_with(b"<") {
        declared_charset(bytes)
    } else {
        None
    };
    let encoding = declared.unwrap_or_else(|| {
        // Mostly-ASCII text with a few high bytes is, in news archives,
        // nearly always Western (Latin-1 / Windows-1252): the detector has
        // too little to go on there and guesses Central European for "£".
        let high = bytes.iter().filter(|b| !b.is_ascii()).count();
        if high * 20 < bytes.len() {
            return encoding_rs::WINDOWS_1252;
        }
        let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        det.feed(bytes, true);
        det.guess(None, chardetng::Utf8Detection::Allow)
    });
    let (text, _, _) = encoding.decode(bytes);
    check_text(text.into_owned())
}

/// UTF-16 without a byte-order mark: every other byte NUL in an ASCII-heavy start.
fn looks_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(512) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd_nul * 10 >= pairs * 9 && even_nul == 0 {
        Some(UTF_16LE)
    } else if even_nul * 10 >= pairs * 9 && odd_nul == 0 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The charset a page declares in `<meta charset>` or `http-equiv`, within its first 4 KiB.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = head.find("charset=")?;
    let rest = head[at + "charset=".len()..].trim_start_matches(['"', '\'', ' ']);
    let label: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    // Labels of the encodings the HTML standard maps to "replacement"
    // (ISO-2022-KR, HZ-GB-2312, ...) would turn the whole page into one
    // U+FFFD: they name no encoding, and the page is guessed. A UTF-16
    // label on a page whose bytes got this far (no NULs) is, as browsers
    // read it, UTF-8 (`output_encoding`).
    let enc = Encoding::for_label_no_replacement(label.as_bytes())?.output_encoding();
    // A page that says UTF-8 but is not valid UTF-8 is better guessed.
    (enc != UTF_8).then_some(enc)
}

/// Rejects decoded text that is empty or mostly control characters.
fn check_text(text: String) -> Result<String, DecodeError> {
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    // The first 4,096 characters; when they are ASCII (most files), counted
    // as bytes, which the compiler vectorizes.
    let head = text.as_bytes().get(..4096).unwrap_or(text.as_bytes());
    let (sampled, control) = if head.is_ascii() {
        let control = head
            .iter()
            .filter(|&&b| b == 0x7f || (b < 0x20 && !(0x09..=0x0d).contains(&b)))
            .count();
        (head.len(), control)
    } else {
        text.chars().take(4096).fold((0, 0), |(n, control), c| {
            (
                n + 1,
                control + usize::from(c.is_control() && !c.is_whitespace()),
            )
        })
    };
    if control * 10 > sampled {
        return Err(DecodeError::Binary);
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(bytes: &[u8]) -> Result<String, DecodeError> {
        decode(Path::new("x.txt"), bytes)
    }

    #[test]
    fn utf8_and_boms() {
        assert_eq!(d("caf\u{e9}".as_bytes()).unwrap(), "café");
        assert_eq!(d(b"\xef\xbb\xbfhi").unwrap(), "hi");
        assert_eq!(d(b"\xff\xfeh\0i\0").unwrap(), "hi");
        assert_eq!(d(b"\xfe\xff\0h\0i").unwrap(), "hi");
    }

    #[test]
    fn utf16_without_bom() {
        let bytes: Vec<u8> = "Headline here\n\nBody"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(d(&bytes).unwrap(), "Headline here\n\nBody");
    }

    #[test]
    fn latin1_pound_sign_survives() {
        let text =
            d(b"Price rises to \xa3300 for fans of caf\xe9s in the city centre this year").unwrap();
        assert!(text.contains("£300"), "{text}");
        assert!(text.contains("cafés"), "{text}");
    }

    #[test]
    fn declared_html_charset_is_used() {
        let page =
            b"<html><head><meta charset=\"windows-1252\"></head><body>\x93quoted\x94</body></html>";
        let text = decode(Path::new("p.html"), page).unwrap();
        assert!(text.contains("\u{201c}quoted\u{201d}"), "{text}");
    }

    /// Regression: `charset=iso-2022-kr` or `hz-gb-2312` mapped to
    /// encoding_rs's "replacement" encoding and the whole page became one
    /// U+FFFD; a `utf-16` label on 8-bit bytes decoded them as UTF-16LE.
    #[test]
    fn labels_that_name_no_usable_encoding_leave_the_page_to_the_guess() {
        for label in [
            "iso-2022-kr",
            "hz-gb-2312",
            "csiso2022kr",
            "utf-16",
            "utf-16be",
        ] {
            let page = format!(
                "<html><head><meta charset=\"{label}\"></head><body>Caf\u{e9} prices rose in the city centre</body></html>"
            );
            // The body in Windows-1252, as a legacy page mislabelled so holds it.
            let bytes: Vec<u8> = page
                .chars()
                .map(|c| if c == '\u{e9}' { 0xe9 } else { c as u8 })
                .collect();
            let text = decode(Path::new("p.html"), &bytes).unwrap();
            assert!(text.contains("Café prices rose"), "{label}: {text}");
        }
    }

    #[test]
    fn empty_and_binary_are_refused() {
        assert!(matches!(d(b""), Err(DecodeError::Empty)));
        assert!(matches!(d(b"  \n\t "), Err(DecodeError::Empty)));
        assert!(matches!(
            d(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Err(DecodeError::Binary)
        ));
        assert!(matches!(
            d(b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f"),
            Err(DecodeError::Binary)
        ));
        // C1 control characters count too, in non-ASCII text.
        assert!(matches!(
            d("\u{e9}\u{86}\u{87}\u{88}\u{89}\u{8a}".as_bytes()),
            Err(DecodeError::Binary)
        ));
        // Form feeds and tabs are whitespace, and a stray control is no binary.
        assert!(d(b"Page one\x0c\n\tPage two\x07 of the report, in full").is_ok());
        assert!(d("Caf\u{e9} page\x0c\n\tPage two\x07 of the report".as_bytes()).is_ok());
    }
}
