use super::*;
use crate::domain::request::Right;
use crate::store::tests::{d, t};

fn demo() -> Store {
    let mut s = Store::open_in_memory().expect("store");
    let now = t("2026-11-25T10:00:00Z");
    crate::demo::populate(&mut s, now).expect("demo");
    s.batch(|s| crate::demo::populate_bulk(s, 600, now))
        .expect("bulk");
    // Some requests assigned, to two officers, for the "mine" view.
    s.conn
        .execute(
            "UPDATE requests SET assignee = CASE id % 3 WHEN 0 THEN 'jk' WHEN 1 THEN 'ola' END",
            (),
        )
        .expect("assign");
    s
}

fn ids(rows: &[QueueRow]) -> Vec<i64> {
    rows.iter().map(|r| r.id).collect()
}

/// One rule in two places: for every view, right filter and search, on days that move
/// requests between overdue, due this week and later, the index gives the SQL path's
/// answers: count, every page, every position, the header counts.
#[test]
fn the_index_answers_as_the_sql_queue_does_for_every_view_right_and_search() {
    let s = demo();
    let mut index = QueueIndex::load(&s).expect("index");
    assert_eq!(
        index.len() as u64,
        s.count(&all(), d("2026-11-25")).expect("count")
    );
    let rights = std::iter::once(None).chain(Right::ALL.iter().copied().map(Some));
    let rights: Vec<Option<Right>> = rights.collect();
    let searches = [
        "",
        "a",
        "ø",
        "_",
        "ha",
        "hansen",
        "ÅSE",
        "ase",
        "olsen",
        "dsr-2026-00",
        "@example",
        "nothing-like",
    ];
    for today in [d("2026-11-25"), d("2026-11-30"), d("2026-10-01")] {
        assert_eq!(
            index.counts(today),
            s.counts(today).expect("counts"),
            "{today}"
        );
        for view in View::ALL {
            for right in &rights {
                for (search, officer) in searches
                    .iter()
                    .zip(["jk", "ola", "nobody", ""].iter().cycle())
                {
                    let filter = QueueFilter {
                        view,
                        right: *right,
                        search: search.to_string(),
                        officer: officer.to_string(),
                    };
                    let what = format!("{today} {filter:?}");
                    let total = s.count(&filter, today).expect("count");
                    assert_eq!(index.count(&filter, today), total, "{what}");
                    let sql = s.page(&filter, today, 0, total + 1).expect("page");
                    assert_eq!(
                        index.page_ids(&filter, today, 0, total + 1),
                        ids(&sql),
                        "{what}"
                    );
                    let (mid, n) = (total / 2, 7);
                    let sql_mid = s.page(&filter, today, mid, n).expect("page");
                    let mine = s
                        .queue_rows(&index.page_ids(&filter, today, mid, n))
                        .expect("rows");
                    assert_eq!(mine, sql_mid, "{what}: the rows themselves, outcomes too");
                    for row in sql.iter().step_by(37) {
                        assert_eq!(
                            index.position_of(&filter, today, row.id),
                            s.position(&filter, today, &row.reference)
                                .expect("position"),
                            "{what} {}",
                            row.reference
                        );
                    }
                }
            }
        }
    }
}

fn all() -> QueueFilter {
    QueueFilter {
        view: View::All,
        ..Default::default()
    }
}

#[test]
fn a_request_outside_the_filter_has_no_position() {
    let s = demo();
    let mut index = QueueIndex::load(&s).expect("index");
    let today = d("2026-11-25");
    let closed = s
        .page(
            &QueueFilter {
                view: View::Closed,
                ..Default::default()
            },
            today,
            0,
            1,
        )
        .expect("page");
    let id = closed.first().expect("a closed request").id;
    assert_eq!(index.position_of(&QueueFilter::default(), today, id), None);
    assert_eq!(
        index.position_of(&all(), today, id).map(|p| p > 0),
        Some(true)
    );
}

#[test]
fn the_change_mark_moves_with_every_commit_and_only_then() {
    let mut s = demo();
    let today = d("2026-11-25");
    let id = s.page(&QueueFilter::default(), today, 0, 1).expect("page")[0].id;
    s.conn
        .execute("UPDATE requests SET unread = 1 WHERE id = ?1", [id])
        .expect("unread");
    let before = s.change_mark().expect("mark");
    assert_eq!(QueueIndex::load(&s).expect("index").counts(today).unread, 1);
    let _ = s
        .page(&all(), today, 0, 50)
        .expect("reading changes nothing");
    assert_eq!(s.change_mark().expect("mark"), before);
    s.mark_read(id).expect("mark read");
    assert_ne!(s.change_mark().expect("mark"), before);
    assert_eq!(QueueIndex::load(&s).expect("index").counts(today).unread, 0);
}

#[test]
fn rows_by_id_keep_the_order_asked_for() {
    let s = demo();
    let page = s.page(&all(), d("2026-11-25"), 0, 5).expect("page");
    let mut wanted = ids(&page);
    wanted.reverse();
    assert_eq!(ids(&s.queue_rows(&wanted).expect("rows")), wanted);
    assert!(s.queue_rows(&[]).expect("none").is_empty());
}
