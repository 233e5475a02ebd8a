//! Bytes to UTF-8: the charset from the HTTP header, a BOM or `<meta charset>`, else
//! UTF-8 when the bytes are valid UTF-8, else sniffed with chardetng (HTML only). An HTML
//! page that declares UTF-8 but holds stray bad bytes is read as UTF-8 with replacement
//! characters, as browsers do; one that declares a legacy charset but is valid UTF-8 with
//! multi-byte characters is read as UTF-8 (it was converted and kept its old declaration).

use super::Format;
use encoding_rs::Encoding;

/// Decodes `bytes`; the error is a reason fit to follow the input's name.
pub fn decode(bytes: &[u8], content_type: Option<&str>, format: Format) -> Result<String, String> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(text.into_owned());
    }
    let declared = content_type.and_then(charset_of_content_type).or_else(|| {
        (format == Format::Html)
            .then(|| meta_charset(bytes))
            .flatten()
    });
    if let Some(encoding) = declared
        && encoding != encoding_rs::UTF_8
        && !is_non_ascii_utf8(bytes)
    {
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        return Ok(text.into_owned());
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(_) if format == Format::Html && declared.is_none() => Ok(sniff_and_decode(bytes)),
        // A page that declares UTF-8 is read as UTF-8, stray bad bytes replaced, as
        // browsers do: guessing another charset would garble every curly quote.
        Err(_) if format == Format::Html => Ok(String::from_utf8_lossy(bytes).into_owned()),
        Err(err) => Err(format!(
            "is not valid UTF-8 (first bad byte at offset {}); convert it to UTF-8 first",
            err.valid_up_to()
        )),
    }
}

/// Valid UTF-8 with multi-byte characters: legacy-encoded text practically never is, while
/// pages that moved to UTF-8 and kept an old `charset=iso-8859-1` often are.
fn is_non_ascii_utf8(bytes: &[u8]) -> bool {
    !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok()
}

fn sniff_and_decode(bytes: &[u8]) -> String {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Allow);
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

fn charset_of_content_type(content_type: &str) -> Option<&'static Encoding> {
    let lower = content_type.to_ascii_lowercase();
    let at = lower.find("charset=")?;
    let value = lower[at + "charset=".len()..]
        .split(';')
        .next()?
        .trim()
        .trim_matches(|c| c == '"' || c == '\'');
    Encoding::for_label(value.as_bytes())
}

/// `<meta charset="…">` or `<meta http-equiv="Content-Type" content="…; charset=…">` in the
/// first 4 KB, as the HTML standard's prescan does.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let mut rest = head.as_str();
    while let Some(at) = rest.find("<meta") {
        let tag_end = rest[at..].find('>').map_or(rest.len(), |e| at + e);
        let tag = &rest[at..tag_end];
        if let Some(pos) = tag.find("charset=") {
            let value: String = tag[pos + "charset=".len()..]
                .trim_start_matches(['"', '\''])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
                .collect();
            if let Some(encoding) = Encoding::for_label(value.as_bytes()) {
                // A page that says utf-16 in a meta tag is really ASCII-compatible.
                return Some(
                    if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
                        encoding_rs::UTF_8
                    } else {
                        encoding
                    },
                );
            }
        }
        rest = &rest[tag_end..];
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_page_reads_right() {
        let page =
            b"<html><head><meta charset=\"windows-1252\"></head><p>\x93Caf\xe9,\x94 she said.</p>";
        let text = decode(page, None, Format::Html).unwrap();
        assert!(text.contains("“Café,” she said."), "{text}");
    }

    #[test]
    fn http_charset_wins_over_guessing() {
        let text = decode(
            b"na\xefve",
            Some("text/html; charset=ISO-8859-1"),
            Format::Html,
        )
        .unwrap();
        assert_eq!(text, "naïve");
    }

    #[test]
    fn undeclared_legacy_html_is_sniffed() {
        let text = decode(
            b"<p>\x93Der B\xe4r\x94, sagte er, \x93ist m\xfcde.\x94</p>",
            None,
            Format::Html,
        )
        .unwrap();
        assert!(text.contains("Bär"), "{text}");
    }

    #[test]
    fn declared_utf8_with_a_stray_byte_stays_utf8() {
        let mut bytes = "<meta charset=utf-8><p>“Quoted,” she said. X</p>"
            .as_bytes()
            .to_vec();
        if let Some(at) = bytes.iter().position(|&b| b == b'X') {
            bytes[at] = 0xFF;
        }
        let text = decode(&bytes, None, Format::Html).unwrap();
        assert!(text.contains("“Quoted,” she said. \u{FFFD}"), "{text}");
    }

    #[test]
    fn utf8_page_with_a_stale_legacy_declaration_is_utf8() {
        let page = "<meta charset=iso-8859-1><p>“Café,” she said.</p>".as_bytes();
        let text = decode(page, None, Format::Html).unwrap();
        assert!(text.contains("“Café,” she said."), "{text}");
    }

    #[test]
    fn invalid_utf8_text_is_an_error() {
        let err = decode(b"abc\xff", None, Format::Text).unwrap_err();
        assert!(err.contains("not valid UTF-8"), "{err}");
        assert!(err.contains("offset 3"), "{err}");
    }
}
