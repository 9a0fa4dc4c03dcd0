//! `?`: every key and where it works, read from the key table.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::modal::centered;
use crate::tui::app::App;
use crate::tui::keys::{BINDINGS, Context};

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let mut lines = Vec::new();
    for b in BINDINGS {
        let mut r#where = String::new();
        for (c, letter) in [
            (Context::Queue, 'Q'),
            (Context::Request, 'R'),
            (Context::Stats, 'S'),
        ] {
            r#where.push(if b.contexts.contains(&c) { letter } else { ' ' });
        }
        lines.push(Line::from(vec![
            Span::styled(format!("{:<8}", b.key_label), t.key),
            Span::styled(format!("{where} "), t.dim),
            Span::raw(b.description),
        ]));
    }
    let mut forms = vec![Line::from(Span::styled("In a form", t.header))];
    for (k, d) in [
        ("Tab/↑/↓", "Move between fields"),
        ("←/→", "Choose an option (or type its first letter)"),
        ("Space", "Tick or untick a right"),
        ("Enter", "Save (asks first when it closes or extends)"),
        ("Esc", "Cancel (asks first if you typed something)"),
        ("Ctrl-C", "Quit at once, anywhere"),
    ] {
        forms.push(Line::from(vec![
            Span::styled(format!("{k:<8}"), t.key),
            Span::raw(d),
        ]));
    }
    forms.push(Line::from(""));
    forms.push(Line::from(Span::styled(
        "Q queue  R request  S statistics",
        t.dim,
    )));
    forms.push(Line::from(Span::styled(
        "Countdowns: red overdue or due today,",
        t.dim,
    )));
    forms.push(Line::from(Span::styled(
        "yellow within 7 days, grey closed.",
        t.dim,
    )));
    let half = lines.len().div_ceil(2);
    let right: Vec<Line> = lines
        .split_off(half)
        .into_iter()
        .chain([Line::from("")])
        .chain(forms)
        .collect();
    let height = (lines.len().max(right.len()) as u16 + 2).min(area.height);
    let rect = centered(area, area.width.min(160), height);
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Keys (Esc closes) ")
        .border_style(t.border_focused);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [l, r] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
        .spacing(2)
        .areas(inner);
    frame.render_widget(Paragraph::new(lines), l);
    frame.render_widget(Paragraph::new(right), r);
}
