//! Writes hostile and broken HTML pages of a given size (MB) to a folder, one
//! shape per file, for `scripts/bench.sh` to import through the CLI under
//! `/usr/bin/time`: each must import or be refused quickly, never hang.
fn main() {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().expect("DIR"));
    let mb: usize = args.next().expect("MB").parse().expect("MB is a number");
    let size = mb << 20;
    std::fs::create_dir_all(&dir).unwrap();
    let para = "<p>The council said on Monday that the budget rose by 5 percent to $3.2 billion, the largest increase in a decade.</p>";
    let fill = |unit: &str, head: &str, tail: &str| {
        let mut s = String::with_capacity(size + 1024);
        s.push_str(head);
        while s.len() + unit.len() + tail.len() < size {
            s.push_str(unit);
        }
        s.push_str(tail);
        s
    };
    let page = "<html><head><title>Budget</title></head><body><article>";
    let end = "</article></body></html>";
    let shapes: Vec<(&str, String)> = vec![
        // Nested without end: refused by depth at once.
        ("nested-divs", fill("<div>", page, end)),
        // Nested to just under the depth limit, again and again.
        (
            "nested-255-repeated",
            fill(
                &format!("{}{para}{}", "<div>".repeat(255), "</div>".repeat(255)),
                page,
                end,
            ),
        ),
        // Moderately nested blocks, many of them.
        (
            "nested-32-repeated",
            fill(
                &format!("{}{para}{}", "<div>".repeat(32), "</div>".repeat(32)),
                page,
                end,
            ),
        ),
        // Flat: millions of small paragraphs.
        ("flat-paragraphs", fill(para, page, end)),
        // One huge text node.
        (
            "one-text-node",
            fill(
                "word and another word, said the mayor. ",
                "<html><body><p>",
                "</p></body></html>",
            ),
        ),
        // Unclosed formatting elements (the adoption agency's worst case).
        ("unclosed-formatting", fill("<b><i><font>text ", page, end)),
        // Tags that never end, and stray angle brackets.
        (
            "broken-tags",
            fill("<a href=\"x <div class='y <p ", page, end),
        ),
        // Many attributes on few elements.
        (
            "many-attributes",
            fill(
                " data-x=\"1\" data-y='2' z",
                "<html><body><div",
                "></div><p>Text.</p></body></html>",
            ),
        ),
    ];
    for (name, html) in shapes {
        std::fs::write(dir.join(format!("{name}.html")), html).unwrap();
    }
}
