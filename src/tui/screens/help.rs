//! `?`: every key and where it works, read from the key table.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use ratatui::crossterm::event::KeyEvent;

use super::modal::centered;
use crate::tui::action::{Action, for_key};
use crate::tui::keys::{Availability, Layer, bindings};
use crate::tui::theme::Theme;

/// The help's keys: its layer of the key table.
pub fn handle_key(_: u16, key: KeyEvent) -> Option<Action> {
    for_key(Layer::Help, &Availability::default(), key)
}

/// Where a screen binding works: one letter per screen.
const SCREEN_LETTERS: [(Layer, char); 4] = [
    (Layer::Queue, 'Q'),
    (Layer::Request, 'R'),
    (Layer::Stats, 'S'),
    (Layer::Lookup, 'L'),
];

/// The help, generated whole from the key table: the screens' keys (with the screens each
/// works on), then each layer over them with its keys. Each binding appears once, under the
/// first layer it works in; `column` is the width of a column of the help.
pub fn entries(t: &Theme, column: usize) -> Vec<Vec<Line<'static>>> {
    // A screen key's line starts with its key (8) and the screens it works on (5).
    let text_width = column.saturating_sub(13).max(10);
    let letters: &[&str] = if column >= 42 {
        &["Q queue  R request  S statistics  L lookup"]
    } else {
        &["Q queue  R request", "S statistics  L lookup"]
    };
    let mut entries: Vec<Vec<Line<'static>>> = vec![
        std::iter::once(Line::from(Span::styled("On the screens", t.header)))
            .chain(letters.iter().map(|l| Line::from(Span::styled(*l, t.dim))))
            .collect(),
    ];
    let mut heading = None;
    for layer in Layer::ALL {
        for b in bindings().filter(|b| b.layers.first() == Some(&layer)) {
            let screen = layer.is_screen();
            if !screen && heading != Some(layer) {
                heading = Some(layer);
                entries.push(vec![
                    Line::from(""),
                    Line::from(Span::styled(layer.title(), t.header)),
                ]);
            }
            let r#where: String = if screen {
                SCREEN_LETTERS
                    .iter()
                    .map(|(l, c)| if b.layers.contains(l) { *c } else { ' ' })
                    .collect()
            } else {
                String::new()
            };
            let also: Vec<&str> = b
                .layers
                .iter()
                .skip(1)
                .filter(|l| !l.is_screen() && !screen && **l != Layer::Records)
                .map(|l| l.title())
                .collect();
            let description = if also.is_empty() || b.layers.len() == Layer::ALL.len() {
                b.description.to_string()
            } else {
                format!("{} (also: {})", b.description, also.join(", "))
            };
            let label_width = if screen { 8 } else { 12 };
            let mut parts = super::modal::wrap_words(&description, text_width).into_iter();
            let mut entry = vec![Line::from(vec![
                Span::styled(format!("{:<label_width$}", b.key_label), t.key),
                Span::styled(
                    if screen {
                        format!("{where} ")
                    } else {
                        String::new()
                    },
                    t.dim,
                ),
                Span::raw(parts.next().unwrap_or_default()),
            ])];
            // Continuation lines start under the description's first word.
            let indent = if screen { label_width + 5 } else { label_width };
            entry.extend(parts.map(|p| Line::from(format!("{:indent$}{p}", ""))));
            entries.push(entry);
        }
    }
    entries.push(vec![
        Line::from(""),
        Line::from(Span::styled("Countdowns: red overdue or due today,", t.dim)),
        Line::from(Span::styled("yellow within 7 days, grey closed.", t.dim)),
    ]);
    entries
}

pub fn draw(frame: &mut Frame, area: Rect, t: &Theme, scroll: u16) {
    // Each column is half the box; a description wraps under itself rather than being cut.
    let width = area.width.min(160);
    let column = (width.saturating_sub(2 + 2) / 2) as usize;
    let entries = entries(t, column);
    // Half the lines on the left, split between entries so none is torn apart.
    let total: usize = entries.iter().map(Vec::len).sum();
    let mut lines: Vec<Line> = Vec::new();
    let mut rest = entries.into_iter().peekable();
    let half = total.div_ceil(2);
    while let Some(entry) = rest.peek() {
        // A heading (its blank line first) rather starts the right column than ends the left.
        let heading = entry.len() == 2 && entry[0].width() == 0;
        if lines.len() >= half || (heading && lines.len() + 6 >= half) {
            break;
        }
        lines.extend(rest.next().unwrap_or_default());
    }
    let right: Vec<Line> = rest.flatten().skip_while(|l| l.width() == 0).collect();
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

#[cfg(test)]
mod tests {
    use super::entries;
    use crate::tui::keys::bindings;
    use crate::tui::screens::modal::wrap_words as wrap;
    use crate::tui::theme::Theme;

    #[test]
    fn help_lists_every_binding_with_its_description() {
        let lines: Vec<String> = entries(&Theme::monochrome(), 1000)
            .into_iter()
            .flatten()
            .map(|l| l.to_string())
            .collect();
        for b in bindings() {
            assert!(
                lines
                    .iter()
                    .any(|l| l.starts_with(b.key_label) && l.contains(b.description)),
                "help does not list {} ({:?})",
                b.key_label,
                b.command
            );
        }
    }

    #[test]
    fn every_line_fits_its_column() {
        // 38: a column of the help at 80x24.
        for column in [38, 60, 78] {
            for line in entries(&Theme::monochrome(), column).iter().flatten() {
                assert!(line.width() <= column, "{column}: {line:?}");
            }
        }
    }

    #[test]
    fn wrap_keeps_every_word_within_the_width() {
        let text = "Next view: open, overdue, due this week, awaiting identity";
        let lines = wrap(text, 20);
        assert!(lines.iter().all(|l| l.chars().count() <= 20), "{lines:?}");
        assert_eq!(lines.join(" "), text);
        assert_eq!(wrap("short", 20), vec!["short"]);
        // A word longer than the line stays whole on a line of its own.
        assert_eq!(wrap("a verylongword b", 5), vec!["a", "verylongword", "b"]);
    }
}
