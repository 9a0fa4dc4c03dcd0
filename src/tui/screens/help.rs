//! `?`: every key and where it works, read from the key table.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::modal::centered;
use crate::tui::app::App;
use crate::tui::keys::{BINDINGS, Context};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, scroll: u16) {
    let t = &app.theme;
    // Each column is half the box; a description wraps under itself rather than being cut.
    let width = area.width.min(160);
    let column = (width.saturating_sub(2 + 2) / 2) as usize;
    let text_width = column.saturating_sub(12).max(10);
    // One entry per binding, of one or more lines.
    let mut entries: Vec<Vec<Line>> = Vec::new();
    for b in BINDINGS {
        let mut r#where = String::new();
        for (c, letter) in [
            (Context::Queue, 'Q'),
            (Context::Request, 'R'),
            (Context::Stats, 'S'),
            (Context::Lookup, 'L'),
        ] {
            r#where.push(if b.contexts.contains(&c) { letter } else { ' ' });
        }
        let mut parts = wrap(b.description, text_width).into_iter();
        let mut entry = vec![Line::from(vec![
            Span::styled(format!("{:<8}", b.key_label), t.key),
            Span::styled(format!("{where} "), t.dim),
            Span::raw(parts.next().unwrap_or_default()),
        ])];
        entry.extend(parts.map(|p| Line::from(format!("{:12}{p}", ""))));
        entries.push(entry);
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
        "Q queue  R request  S statistics  L lookup",
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
    // Half the key lines on the left, split between entries so none is torn apart.
    let total: usize = entries.iter().map(Vec::len).sum();
    let mut lines: Vec<Line> = Vec::new();
    let mut rest = entries.into_iter();
    for entry in rest.by_ref() {
        lines.extend(entry);
        if lines.len() >= total.div_ceil(2) {
            break;
        }
    }
    let right: Vec<Line> = rest
        .flatten()
        .chain([Line::from("")])
        .chain(forms)
        .collect();
    let height = (lines.len().max(right.len()) as u16 + 2).min(area.height);
    let rect = centered(area, width, height);
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Keys (Esc closes; ↑/↓ scroll) ")
        .border_style(t.border_focused);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [l, r] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
        .spacing(2)
        .areas(inner);
    // Both columns scroll together; never past the longer one's end.
    let longest = lines.len().max(right.len()) as u16;
    let scroll = scroll.min(longest.saturating_sub(l.height));
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), l);
    frame.render_widget(Paragraph::new(right).scroll((scroll, 0)), r);
}

/// Splits `text` at spaces into lines of at most `width` characters (longer words alone).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wrap_keeps_every_word_within_the_width() {
        let text = "Next view: open, overdue, due this week, awaiting identity";
        let lines = wrap(text, 20);
        assert!(lines.iter().all(|l| l.chars().count() <= 20), "{lines:?}");
        assert_eq!(lines.join(" "), text);
        assert_eq!(wrap("short", 20), vec!["short"]);
    }
}
