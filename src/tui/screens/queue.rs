//! The queue: counts, filters, and one row per request with its countdown.

use std::borrow::Cow;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use super::Desk;
use super::queue_columns::{ColumnKind, SPACING, columns_for};
use crate::domain::deadline::{Countdown, working_days_left};
use crate::domain::request::{IdentityStatus, Status};
use crate::domain::timeliness::closed_label;
use crate::store::QueueRow;
use crate::tui::action::{Action, for_key};
use crate::tui::keys::{Availability, Layer};

/// The queue screen's state: only the visible window of rows is loaded.
#[derive(Debug, Default)]
pub struct Queue {
    pub filter: crate::store::QueueFilter,
    pub total: u64,
    /// Absolute index of the selected row within the filtered queue.
    pub selected: u64,
    /// Absolute index of `rows[0]`.
    pub offset: u64,
    pub rows: Vec<QueueRow>,
    pub counts: crate::store::QueueCounts,
    pub searching: bool,
}

/// The queue's keys: its layer of the key table (the search layer while typing a search).
pub fn handle_key(
    q: &Queue,
    available: &Availability,
    key: ratatui::crossterm::event::KeyEvent,
) -> Option<Action> {
    let layer = if q.searching {
        Layer::Search
    } else {
        Layer::Queue
    };
    for_key(layer, available, key)
}

/// The queue screen drawn from its state and the desk's context. `table_area` learns where
/// the table went, for mouse clicks.
pub struct QueueView<'a> {
    pub queue: &'a Queue,
    pub cx: &'a Desk<'a>,
    /// The controller's name for the header (empty: none set).
    pub controller: &'a str,
    pub table_area: &'a std::cell::Cell<Rect>,
}

impl Widget for QueueView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        draw(&self, area, buf)
    }
}

fn draw(v: &QueueView, area: Rect, buf: &mut Buffer) {
    let [head, filters, table] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Min(3),
    ])
    .areas(area);
    draw_header(v, head, buf);
    draw_filters(v, filters, buf);
    draw_table(v, table, buf);
}

fn draw_header(v: &QueueView, area: Rect, buf: &mut Buffer) {
    let t = v.cx.theme;
    let c = &v.queue.counts;
    let count = |n: u64, label: &str, style: Style| {
        vec![
            Span::styled(n.to_string(), if n > 0 { style } else { t.base }),
            Span::raw(format!(" {label}   ")),
        ]
    };
    let mut chips = vec![vec![Span::styled(
        format!("{}  ", crate::domain::text::one_line(v.controller)),
        t.title,
    )]];
    chips.push(count(c.open, "open", t.title));
    chips.push(count(c.overdue, "overdue", t.overdue));
    chips.push(count(c.due_today, "due today", t.overdue));
    chips.push(count(c.due_this_week, "due this week", t.due_soon));
    chips.push(count(c.awaiting_identity, "awaiting identity", t.base));
    chips.push(count(c.needs_triage, "needs triage", t.triage));
    chips.push(count(c.unread, "new", t.key));
    chips.push(count(c.mine, "mine", t.key));
    // The counts fill the first line; what does not fit goes on the second, before the
    // date, so a narrow terminal still shows every count.
    let (first, mut second) = pack(chips, usize::from(area.width));
    // The privacy warning before the date: on a narrow terminal the date is cut, not it.
    if v.cx.privacy {
        second.push(Span::styled("PRIVACY SCREEN ON (p)   ", t.due_soon));
    }
    let date = v.cx.today.format("%a %d %b %Y").to_string();
    second.push(Span::styled(format!("Today {date}"), t.dim));
    Widget::render(
        Paragraph::new(vec![Line::from(first), Line::from(second)]),
        area,
        buf,
    );
}

/// Splits `chips` into the first line's (those that fit in `width`, in order, a chip's
/// trailing gap allowed to fall off the edge) and the rest.
fn pack(chips: Vec<Vec<Span<'static>>>, width: usize) -> (Vec<Span<'static>>, Vec<Span<'static>>) {
    let mut first = Vec::new();
    let mut second = Vec::new();
    let mut used = 0;
    for chip in chips {
        let w: usize = chip.iter().map(Span::width).sum();
        let gap = chip.last().map_or(0, |s| {
            s.content.len() - s.content.trim_end_matches(' ').len()
        });
        if second.is_empty() && (first.is_empty() || used + w - gap <= width) {
            used += w;
            first.extend(chip);
        } else {
            second.extend(chip);
        }
    }
    (first, second)
}

fn draw_filters(v: &QueueView, area: Rect, buf: &mut Buffer) {
    let t = v.cx.theme;
    let f = &v.queue.filter;
    let mut spans = vec![Span::raw("View: "), Span::styled(f.view.label(), t.key)];
    spans.push(Span::raw("   Right: "));
    spans.push(Span::styled(
        f.right.map(|r| r.as_str()).unwrap_or("all"),
        t.key,
    ));
    spans.push(Span::raw("   Search: "));
    if v.queue.searching || !f.search.is_empty() {
        spans.push(Span::styled(
            format!(
                "{}{}",
                crate::domain::text::one_line(&f.search),
                if v.queue.searching { "▏" } else { "" }
            ),
            t.input,
        ));
        if f.active_search().is_none() {
            spans.push(Span::styled(
                "  (type to search reference, name, e-mail, phone)",
                t.dim,
            ));
        }
    } else {
        spans.push(Span::styled("/ to search", t.dim));
    }
    spans.push(Span::styled(format!("   {} shown", v.queue.total), t.dim));
    Widget::render(Paragraph::new(Line::from(spans)), area, buf);
}

/// The countdown cell and the style it deserves.
fn countdown(cx: &Desk, row: &QueueRow) -> (String, Style) {
    let t = cx.theme;
    // How it ended is in the status column.
    if row.status == Status::Closed {
        return ("closed".into(), t.closed);
    }
    let cd = Countdown::new(row.due, cx.today);
    let text = if cx.working_days {
        match cd {
            Countdown::DueToday => "today".to_string(),
            _ => {
                let w = working_days_left(row.due, cx.today);
                if w < 0 {
                    format!("{} wd overdue", -w)
                } else {
                    format!("{w} wd")
                }
            }
        }
    } else {
        cd.short()
    };
    let style = match cd {
        Countdown::Overdue(_) | Countdown::DueToday => t.overdue,
        Countdown::Left(d) if d <= 7 => t.due_soon,
        _ => t.base,
    };
    (text, style)
}

/// The status column: where an open request stands, or how a closed one ended and, when it
/// ended late, by how much ("answered 8 d late").
fn status_label(row: &QueueRow) -> String {
    if row.status == Status::Closed {
        return match (row.outcome, row.standing) {
            (Some(outcome), Some(standing)) => closed_label(outcome.as_str(), standing),
            (Some(outcome), None) => outcome.to_string(),
            (None, _) => "closed".into(),
        };
    }
    let mut s = match (row.rights.is_empty(), row.status) {
        (true, _) => "needs triage".to_string(),
        (_, Status::AwaitingIdentity) => "awaiting ID".to_string(),
        _ => "open".to_string(),
    };
    if row.extended {
        s.push_str(", ext.");
    }
    if row.identity == IdentityStatus::Verified {
        s.push_str(", ID ok");
    }
    s
}

/// What one cell shows: an optional marker before the text, and the text, each with its
/// style over the row's. Borrowed where the words are fixed: no allocation for those.
struct CellText {
    marker: Option<(&'static str, Style)>,
    text: Cow<'static, str>,
    style: Style,
}

impl CellText {
    fn plain(text: impl Into<Cow<'static, str>>) -> CellText {
        CellText::styled(text, Style::default())
    }

    fn styled(text: impl Into<Cow<'static, str>>, style: Style) -> CellText {
        CellText {
            marker: None,
            text: text.into(),
            style,
        }
    }

    /// Writes the cell from `x` on line `y`, cut at `width` columns.
    fn put(&self, buf: &mut Buffer, x: u16, y: u16, width: u16) {
        let end = x.saturating_add(width);
        let mut at = x;
        if let Some((marker, style)) = self.marker {
            at = buf.set_stringn(at, y, marker, usize::from(width), style).0;
        }
        if at < end {
            buf.set_stringn(at, y, &self.text, usize::from(end - at), self.style);
        }
    }
}

/// One cell of `row` in the column `kind`.
fn cell(cx: &Desk, row: &QueueRow, kind: ColumnKind) -> CellText {
    let t = cx.theme;
    match kind {
        // ● marks a request taken in by intake and not opened yet.
        ColumnKind::Reference => CellText {
            marker: Some((if row.unread { "●" } else { " " }, t.key)),
            text: row.reference.clone().into(),
            style: Style::default(),
        },
        ColumnKind::Received => CellText::plain(row.received_date.format("%d.%m.%y").to_string()),
        ColumnKind::Requester => CellText::plain(cx.personal(&row.name)),
        ColumnKind::Contact => CellText::plain(
            cx.personal(row.email.as_deref().or(row.phone.as_deref()).unwrap_or("")),
        ),
        ColumnKind::Channel => CellText::plain(row.channel.as_str()),
        ColumnKind::Assignee => match row.assignee.as_deref() {
            Some(who) => CellText::plain(crate::domain::text::one_line(who)),
            None => CellText::styled("-", t.dim),
        },
        ColumnKind::Rights if row.rights.is_empty() => CellText::styled("?", t.triage),
        ColumnKind::Rights => CellText::plain(
            row.rights
                .iter()
                .map(|r| r.abbrev())
                .collect::<Vec<_>>()
                .join(" "),
        ),
        ColumnKind::Status => {
            let late = row.standing.is_some_and(|s| s.is_late());
            CellText::styled(
                status_label(row),
                if late { t.overdue } else { Style::default() },
            )
        }
        // Said in words, not the register's code ("not-required").
        ColumnKind::Identity => CellText::styled(
            row.identity.words(),
            match row.identity {
                IdentityStatus::NotRequired => t.dim,
                IdentityStatus::Failed => t.overdue,
                _ => Style::default(),
            },
        ),
        ColumnKind::Due => CellText::plain(row.due.format("%d.%m.%y").to_string()),
        ColumnKind::Countdown => {
            let (count, style) = countdown(cx, row);
            CellText::styled(count, style)
        }
    }
}

fn draw_table(v: &QueueView, area: Rect, buf: &mut Buffer) {
    let t = v.cx.theme;
    let selected = v
        .queue
        .selected
        .checked_sub(v.queue.offset)
        .map(|i| i as usize);
    // The longest reference on screen sets its column, so none loses a digit.
    let reference_len = v
        .queue
        .rows
        .iter()
        .map(|r| r.reference.chars().count())
        .max()
        .unwrap_or(0);
    let columns = columns_for(area.width, u16::try_from(reference_len).unwrap_or(u16::MAX));
    let filtered = v.queue.filter.is_narrowed();
    let title = if v.queue.total == 0 && filtered {
        " Queue: nothing here (f changes the view, c clears filters) ".to_string()
    } else if v.queue.total == 0 {
        " Queue: no open requests (n registers one, I imports the mailbox, f shows closed ones) "
            .to_string()
    } else {
        format!(" Queue {}/{} ", v.queue.selected + 1, v.queue.total)
    };
    let block = Block::default()
        .borders(Borders::TOP)
        .title(title)
        .border_style(t.border);
    let inner = block.inner(area);
    v.table_area.set(inner);
    block.render(area, buf);
    // Written cell by cell rather than through a `Table` of `Text`s: the same picture, at a
    // fraction of the cost per frame, which is most of a cursor move's time.
    let mut xs = Vec::with_capacity(columns.len());
    let mut x = inner.x;
    for c in &columns {
        xs.push(x);
        x = x.saturating_add(c.width).saturating_add(SPACING);
    }
    let line = |y: u16| Rect::new(inner.x, y, inner.width, 1);
    if inner.height == 0 {
        return;
    }
    buf.set_style(line(inner.y), t.header);
    for (c, &x) in columns.iter().zip(&xs) {
        CellText::plain(c.kind.title()).put(buf, x, inner.y, c.width);
    }
    let body = inner.height - 1;
    for (i, row) in v.queue.rows.iter().enumerate().take(usize::from(body)) {
        let y = inner.y + 1 + i as u16;
        let style = if Some(i) == selected {
            t.selected
        } else if row.status == Status::Closed {
            t.closed
        } else {
            t.base
        };
        buf.set_style(line(y), style);
        for (c, &x) in columns.iter().zip(&xs) {
            cell(v.cx, row, c.kind).put(buf, x, y, c.width);
        }
    }
}
