//! The export menu (`E`), drawn over the screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use ratatui::crossterm::event::KeyEvent;

use super::modal::centered;
use crate::domain::text::one_line;
use crate::tui::action::{Action, for_key};
use crate::tui::forms::export_menu::{ExportMenu, Item};
use crate::tui::keys::{Availability, Layer};
use crate::tui::theme::Theme;

/// The export menu's keys: its layer of the key table.
pub fn handle_key(_: &ExportMenu, key: KeyEvent) -> Option<Action> {
    for_key(Layer::Export, &Availability::default(), key)
}

pub fn draw(frame: &mut Frame, area: Rect, menu: &ExportMenu, t: &Theme) {
    let width = area.width.saturating_sub(8).min(76);
    let mut lines: Vec<Line> = Vec::new();
    for (i, item) in menu.items.iter().enumerate() {
        let focused = i == menu.selected;
        let marker = if focused { "▶ " } else { "  " };
        let style = if focused { t.selected } else { t.base };
        let arrows = |text: String| {
            if focused {
                vec![
                    Span::styled("‹ ", t.key),
                    Span::styled(text, style),
                    Span::styled(" ›", t.key),
                ]
            } else {
                vec![Span::raw("  "), Span::styled(text, style), Span::raw("  ")]
            }
        };
        let mut spans = vec![Span::styled(
            format!("{marker}{:<12}", item.label()),
            if focused { t.key } else { t.base },
        )];
        match item {
            Item::Letter => {
                let kind = menu.letter_kind().map(|k| k.as_str()).unwrap_or("-");
                spans.extend(arrows(kind.to_string()));
            }
            Item::Language => {
                let note = if menu.lang == menu.request_lang {
                    " (the request's)"
                } else {
                    ""
                };
                spans.extend(arrows(format!("{} {}{note}", menu.lang, menu.lang.name())));
            }
            _ => {
                spans = vec![Span::styled(format!("{marker}{}", item.label()), style)];
            }
        }
        lines.push(Line::from(spans));
    }
    if menu.items.is_empty() {
        lines.push(Line::from("Nothing to export here."));
    }
    lines.push(Line::from(""));
    // Wrapped to the box: a long folder is never cut off.
    let note = format!(
        "Writes to {} (asks before replacing a file)",
        one_line(&menu.folder.display().to_string())
    );
    let inner = usize::from(width.saturating_sub(2)).max(10);
    lines.extend(
        super::modal::wrap_words(&note, inner)
            .into_iter()
            .map(|l| Line::from(Span::styled(l, t.dim))),
    );
    lines.push(Line::from(vec![
        Span::styled("↑/↓", t.key),
        Span::raw(" choose   "),
        Span::styled("←/→", t.key),
        Span::raw(" letter, language   "),
        Span::styled("Enter", t.key),
        Span::raw(" write   "),
        Span::styled("Esc", t.key),
        Span::raw(" close"),
    ]));
    let title = match &menu.reference {
        Some(r) => format!(" Export {} ", one_line(r)),
        None => " Export ".to_string(),
    };
    let rect = centered(area, width, lines.len() as u16 + 2);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .title(title)
                .title_style(t.title)
                .border_style(t.border_focused),
        ),
        rect,
    );
}
