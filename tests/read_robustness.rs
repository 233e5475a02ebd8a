//! The HTML reader on hostile and broken input: huge pages, deep nesting, no body, scripts
//! only, broken markup. Each must give a result or a clear error, never a panic or a stack
//! overflow.

use onrecord::read;

const PARAGRAPH: &str = "<p>“The committee will meet again next week,” said the chair, adding that the report, which runs to 300 pages, would be published in full.</p>\n";

#[test]
fn ten_thousand_nested_divs_do_not_overflow_the_stack() {
    let depth = 10_000;
    let page = format!(
        "<html><body>{}{}{}</body></html>",
        "<div class=\"wrap\">".repeat(depth),
        PARAGRAPH,
        "</div>".repeat(depth)
    );
    // Run on a thread with a small stack: a recursive walk would overflow it.
    let handle = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || read::read_html(&page, None))
        .expect("thread starts");
    let doc = handle.join().expect("no panic, no overflow");
    assert!(doc.text.contains("The committee will meet again next week"));
}

#[test]
fn deeply_nested_inline_markup_is_read() {
    let depth = 10_000;
    let page = format!(
        "<p>Start {}deep words{} end.</p>",
        "<span><b>".repeat(depth / 2),
        "</b></span>".repeat(depth / 2)
    );
    let handle = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || read::read_html(&page, None))
        .expect("thread starts");
    let doc = handle.join().expect("no panic, no overflow");
    assert!(doc.text.contains("deep words"), "{}", doc.text);
}

#[test]
fn a_twenty_megabyte_page_is_read() {
    let mut page = String::from("<html><head><title>Big</title></head><body><article>");
    let mut count = 0;
    while page.len() < 20 * 1024 * 1024 {
        count += 1;
        page.push_str(&PARAGRAPH.replace("300 pages", &format!("{count} pages")));
        page.push_str("<div class=\"related\"><a href=\"/x\">Another story</a></div>\n");
    }
    page.push_str("</article></body></html>");
    let doc = read::read(page.as_bytes(), None, None, "big.html").expect("reads");
    assert!(doc.blocks.len() > 10_000);
    assert!(!doc.text.contains("Another story"));
}

#[test]
fn too_large_input_is_refused_before_reading() {
    let limit = usize::try_from(read::MAX_INPUT_BYTES).expect("fits");
    let bytes = vec![b'a'; limit + 1];
    let err = read::read(&bytes, Some("text/html"), None, "huge.html").unwrap_err();
    assert!(err.to_string().starts_with("huge.html: is 32 MB"), "{err}");
}

#[test]
fn a_page_of_scripts_only_is_a_clear_error() {
    let page = b"<html><head><script>var a = 1;</script></head><body><script>document.write('hi')</script><noscript>Enable JavaScript</noscript></body></html>";
    let err = read::read(page, None, None, "scripts.html").unwrap_err();
    assert_eq!(
        err.to_string(),
        "scripts.html: no readable text found in it"
    );
}

#[test]
fn a_page_without_body_or_html_is_read() {
    let doc = read::read_html(
        "<title>Bare</title><p>“We are open again,” the owner said on Friday morning.</p>",
        None,
    );
    assert_eq!(doc.title.as_deref(), Some("Bare"));
    assert!(doc.text.contains("We are open again"));
}

#[test]
fn broken_markup_is_read() {
    let page = "<html><body><div class=story><p>First, unclosed <b>bold <i>and italic</p><p>“Second,” she said, “still here.”</div></span></table><p>Third &amp; last &zzunknown; &#8220;ok&#8221;";
    let doc = read::read_html(page, None);
    assert!(
        doc.text.contains("First, unclosed bold and italic"),
        "{}",
        doc.text
    );
    assert!(doc.text.contains("“Second,” she said, “still here.”"));
    assert!(
        doc.text.contains("Third & last &zzunknown; “ok”"),
        "{}",
        doc.text
    );
}

#[test]
fn malformed_json_ld_and_dates_are_ignored() {
    let page = r#"<html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>
        <meta property="article:published_time" content="sometime last week"></head>
        <body><p>“Nothing here is valid,” the editor admitted, “but the text is.”</p></body></html>"#;
    let doc = read::read_html(page, None);
    assert_eq!(doc.published, None);
    assert!(doc.text.contains("the text is"));
}
