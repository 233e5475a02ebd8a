//! An iterative, stack-free walk over a parsed HTML tree, for the HTML reader's passes.
//!
//! Part of `read page`: every pass over the tree goes through [`walk`], which follows
//! first-child / next-sibling / parent links instead of recursing, so a page nested 10,000
//! levels deep cannot overflow the stack.

use scraper::ElementRef;

/// What a pass does at each node of the walk.
pub trait Visitor<'a> {
    /// An element starts; returning `false` skips its content (and its `close`).
    fn open(&mut self, element: ElementRef<'a>) -> bool;
    /// An element whose content was walked ends.
    fn close(&mut self, element: ElementRef<'a>);
    /// A text node.
    fn text(&mut self, text: &'a str);
}

/// Walks `root`'s subtree in document order, `root` included.
pub fn walk<'a>(root: ElementRef<'a>, visitor: &mut impl Visitor<'a>) {
    let root_node = *root;
    let mut node = root_node;
    loop {
        let mut descend = false;
        if let Some(element) = ElementRef::wrap(node) {
            descend = visitor.open(element);
        } else if let Some(text) = node.value().as_text() {
            visitor.text(text);
        }
        if descend && let Some(child) = node.first_child() {
            node = child;
            continue;
        }
        // Leave this node (and finished ancestors) until a next sibling turns up.
        let mut leaving = node;
        let mut closes = descend;
        loop {
            if closes && let Some(element) = ElementRef::wrap(leaving) {
                visitor.close(element);
            }
            if leaving == root_node {
                return;
            }
            if let Some(next) = leaving.next_sibling() {
                node = next;
                break;
            }
            match leaving.parent() {
                Some(parent) => {
                    leaving = parent;
                    closes = true;
                }
                None => return,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    struct Trace(Vec<String>);

    impl<'a> Visitor<'a> for Trace {
        fn open(&mut self, element: ElementRef<'a>) -> bool {
            self.0.push(format!("<{}>", element.value().name()));
            element.value().name() != "script"
        }
        fn close(&mut self, element: ElementRef<'a>) {
            self.0.push(format!("</{}>", element.value().name()));
        }
        fn text(&mut self, text: &'a str) {
            self.0.push(text.to_string());
        }
    }

    #[test]
    fn walks_in_document_order_and_skips_on_request() {
        let page = Html::parse_fragment("<p>a<b>b</b></p><script>x</script><i>c</i>");
        let mut trace = Trace(Vec::new());
        walk(page.root_element(), &mut trace);
        assert_eq!(
            trace.0.join(""),
            "<html><p>a<b>b</b></p><script><i>c</i></html>"
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let depth = 3_000;
        let page = Html::parse_document(&format!(
            "{}deep{}",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        ));
        let mut trace = Trace(Vec::new());
        walk(page.root_element(), &mut trace);
        assert!(trace.0.iter().any(|t| t == "deep"));
    }
}
