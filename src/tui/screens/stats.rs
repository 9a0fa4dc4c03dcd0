//! Statistics: on-time rate and late requests, outcomes and refusal grounds, extensions and
//! identity checks, median days to close, requests per month and per right.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders, Paragraph, Widget, Wrap};

use super::Desk;
use crate::tui::action::{Action, for_key};
use crate::tui::keys::{Availability, Layer};

/// The statistics screen's keys: its layer of the key table.
pub fn handle_key(
    _: &crate::store::Stats,
    available: &Availability,
    key: ratatui::crossterm::event::KeyEvent,
) -> Option<Action> {
    for_key(Layer::Stats, available, key)
}

/// The statistics screen drawn from its state and the desk's context.
pub struct StatsView<'a> {
    pub stats: &'a crate::store::Stats,
    pub cx: &'a Desk<'a>,
}

impl Widget for StatsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        draw(self.stats, self.cx, area, buf)
    }
}

fn draw(stats: &crate::store::Stats, cx: &Desk, area: Rect, buf: &mut Buffer) {
    let t = cx.theme;
    let [summary, months, rights] = Layout::vertical([
        Constraint::Length(6),
        Constraint::Min(8),
        // A line per right, and the border.
        Constraint::Length(stats.per_right.len() as u16 + 2),
    ])
    .areas(area);
    let rate = stats
        .on_time_rate
        .map(|r| format!("{:.1} %", r * 100.0))
        .unwrap_or_else(|| "-".into());
    let median = stats
        .median_days_to_close
        .map(|m| format!("{m:.1} days"))
        .unwrap_or_else(|| "-".into());
    let listed = |items: Vec<String>| {
        if items.is_empty() {
            "-".to_string()
        } else {
            items.join(", ")
        }
    };
    let outcomes = listed(
        stats
            .per_outcome
            .iter()
            .map(|(o, n)| format!("{o} {n}"))
            .collect(),
    );
    let refusals = listed(
        stats
            .refusals
            .iter()
            .map(|(g, n)| format!("{} {n}", g.title()))
            .collect(),
    );
    // Open requests turn late as days pass: counted on the day shown, as the queue is.
    let late = stats.late(cx.today);
    let lines = vec![
        Line::from(format!(
            "{} requests, {} closed, {} on time ({rate}); median {median} to close",
            stats.total, stats.closed, stats.closed_on_time
        )),
        Line::from(vec![
            Span::styled(
                format!(
                    "Late {late} ({} closed, {} open)",
                    stats.closed_late(),
                    stats.open_late(cx.today)
                ),
                if late > 0 { t.overdue } else { t.base },
            ),
            Span::raw(format!(
                "; extended {}; identity asked {}; not a GDPR request {}",
                stats.extended, stats.identity_asked, stats.not_a_gdpr_request
            )),
        ]),
        // Fees only when there are any: the summary's lines are few.
        Line::from(format!(
            "Outcomes: {outcomes}{}",
            stats
                .fees
                .iter()
                .map(|f| format!(
                    "; fees under Art. {} {} (NOK {})",
                    f.basis, f.count, f.total_nok
                ))
                .collect::<String>()
        )),
        Line::from(format!("Refusals: {refusals}")),
    ];
    Widget::render(
        // Wrapped: a long list of refusal grounds, last, takes the spare line.
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::ALL)
                .title(" Statistics ")
                .title_style(t.title)
                .border_style(t.border),
        ),
        summary,
        buf,
    );

    // As many recent months as fit: each group takes two bars, a gap between them and two
    // after. When every month fits with room to spare, the bars widen (up to 9) to use it.
    let inner = months.width.saturating_sub(2);
    let fit = (inner / 9).max(1) as usize;
    let recent = &stats.months[stats.months.len().saturating_sub(fit)..];
    let bar_width = (inner / (recent.len().max(1) as u16))
        .saturating_sub(3)
        .div_euclid(2)
        .clamp(3, 9);
    let mut chart = BarChart::default()
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(" Received (left) and closed (right) per month ")
                .border_style(t.border),
        )
        .bar_width(bar_width)
        .bar_gap(1)
        .group_gap(2);
    for m in recent {
        let label = m.month.get(2..).unwrap_or(&m.month).to_string();
        chart = chart.data(
            BarGroup::default().label(Line::from(label)).bars(&[
                Bar::default().value(m.received).style(t.key),
                Bar::default()
                    .value(m.closed)
                    .style(if m.closed_on_time < m.closed {
                        t.due_soon
                    } else {
                        t.ok
                    }),
            ]),
        );
    }
    Widget::render(chart, months, buf);

    // Lying down, one line per right with its name: as wide as the screen allows.
    let counted = stats.per_right.iter().map(|(_, n)| n.to_string().len());
    let digits = counted.max().unwrap_or(1);
    let bars: Vec<Bar> = stats
        .per_right
        .iter()
        .map(|(r, n)| {
            Bar::default()
                .label(Line::from(format!("{:<13} {n:>digits$}", r.as_str())))
                .value(*n)
                // The count is in the label, not over the bar.
                .text_value(String::new())
                .style(t.key)
        })
        .collect();
    let per_right = BarChart::default()
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(" Requests per right ")
                .border_style(t.border),
        )
        .direction(ratatui::layout::Direction::Horizontal)
        .bar_width(1)
        .bar_gap(0)
        .data(BarGroup::default().bars(&bars));
    Widget::render(per_right, rights, buf);
}
