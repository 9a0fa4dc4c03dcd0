//! A data map that does not fit is reported in one sentence naming the table and column,
//! never a panic; the demo's own map fits its database.

use super::desk;
use crate::customers::demo::DATA_MAP;
use crate::customers::{CustomerDb, CustomerError, load_map};
use crate::domain::datamap::DataMap;

fn map_with(from: &str, to: &str) -> String {
    assert!(DATA_MAP.contains(from), "the demo map has {from}");
    DATA_MAP.replacen(from, to, 1)
}

fn open_with(d: &super::Desk, text: &str) -> CustomerError {
    let map = DataMap::parse(text).expect("parses");
    match CustomerDb::open(d.db.path(), map) {
        Ok(_) => panic!("a mismatched map was accepted"),
        Err(e) => e,
    }
}

#[test]
fn a_map_that_does_not_match_the_database_names_the_table_and_column() {
    let d = desk(50);
    let unknown_table = open_with(
        &d,
        &map_with("name = \"web_events\"", "name = \"web_event\""),
    );
    let text = unknown_table.to_string();
    assert!(matches!(unknown_table, CustomerError::MapMismatch { .. }));
    assert!(
        text.contains("no table 'web_event'") && text.contains("web_events"),
        "{text}"
    );
    assert!(!text.contains('\n'), "one line: {text}");

    let unknown_column = open_with(
        &d,
        &map_with("from = \"invoice_date\"", "from = \"invoiced_on\""),
    );
    let text = unknown_column.to_string();
    assert!(
        text.contains("'orders' has no column 'invoiced_on'") && text.contains("invoice_date"),
        "{text}"
    );

    let person = open_with(
        &d,
        &map_with(
            "customer_number = \"customer_no\"",
            "customer_number = \"kundenr\"",
        ),
    );
    assert!(
        person
            .to_string()
            .contains("[person]: table 'customers' has no column 'kundenr'"),
        "{person}"
    );
}

#[test]
fn a_broken_map_file_says_what_and_where() {
    let dir = tempfile::tempdir().expect("dir");
    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).expect("write");
        p
    };
    let person_line = DATA_MAP
        .lines()
        .position(|l| l == "[person]")
        .map(|i| format!("line {}", i + 1))
        .expect("the demo map has [person]");
    let cases = [
        (
            "syntax.toml",
            DATA_MAP.replacen("[person]", "[person", 1),
            vec!["syntax.toml", person_line.as_str()],
        ),
        (
            "field.toml",
            map_with(
                "person_column = \"customer_id\"",
                "person_colum = \"customer_id\"",
            ),
            vec!["person_colum"],
        ),
        (
            "basis.toml",
            map_with("basis = \"consent\"", "basis = \"whim\""),
            vec!["whim", "legitimate-interest"],
        ),
        (
            "recipient.toml",
            map_with(
                "recipients = [\"hosting\", \"ga4\"]",
                "recipients = [\"hosting\", \"ga5\"]",
            ),
            vec!["web_events", "'ga5'"],
        ),
        (
            "hold.toml",
            map_with(
                "erasure = { action = \"delete\" }\n\n[[tables]]\nname = \"web_events\"",
                "erasure = { action = \"hold\" }\n\n[[tables]]\nname = \"web_events\"",
            ),
            vec!["contact_details", "hold"],
        ),
        (
            "fiscal.toml",
            map_with("fiscal_year_end = \"12-31\"", "fiscal_year_end = \"12-32\""),
            vec!["12-32"],
        ),
    ];
    for (name, text, expected) in cases {
        let err = load_map(&write(name, &text)).expect_err(name).to_string();
        assert!(err.contains(name), "names the file: {err}");
        for e in expected {
            assert!(err.contains(e), "{name}: expected '{e}' in: {err}");
        }
    }
    let missing = load_map(&dir.path().join("none.toml"))
        .expect_err("missing")
        .to_string();
    assert!(missing.contains("cannot read the data map"), "{missing}");
    assert!(load_map(&write("ok.toml", DATA_MAP)).is_ok());
}
