//! Forms, confirmations and messages, each drawn over a cleared, centred rectangle.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use crate::domain::text::one_line;
use crate::tui::action::{Action, for_key};
use crate::tui::form::{FieldKind, Form, FormKind};
use crate::tui::keys::{Availability, Layer};
use crate::tui::theme::Theme;

/// A `width` x `height` rectangle in the middle of `area` (clamped to it).
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [v] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [h] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(v);
    h
}

/// A form's keys: the form layer of the key table (the records layer for the customer
/// menu); the form's own engine then reads the key for the focused field.
pub fn handle_form_key(form: &Form, key: KeyEvent) -> Option<Action> {
    let layer = if form.kind == FormKind::CustomerActions {
        Layer::Records
    } else {
        Layer::Form
    };
    for_key(layer, &Availability::default(), key)
}

pub fn draw_form(frame: &mut Frame, area: Rect, form: &Form, t: &Theme) {
    let width = area.width.saturating_sub(8).min(100);
    // The form's longest label with its marker and " *", and a space before the value.
    let label_width = form
        .fields
        .iter()
        .map(|f| f.label.chars().count() + 5)
        .max()
        .unwrap_or(0)
        .max(20);
    let mut lines: Vec<Line> = Vec::new();
    let mut cursor = None;
    let mut areas = Vec::new();
    for (i, field) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let marker = if focused { "▶ " } else { "  " };
        let label = format!(
            "{marker}{}{}",
            field.label,
            if field.required { " *" } else { "" }
        );
        let label_span = Span::styled(
            format!("{label:<label_width$}"),
            if focused { t.key } else { t.base },
        );
        match &field.kind {
            FieldKind::Text(input) => {
                let room = (width as usize).saturating_sub(label_width + 4).max(1);
                let scroll = input.visual_scroll(room);
                let shown: String = input.value().chars().skip(scroll).take(room).collect();
                if focused {
                    let col = input.visual_cursor().saturating_sub(scroll);
                    cursor = Some((lines.len() as u16, (label_width + col) as u16));
                }
                // A prefilled value is shown selected: typing replaces it.
                let style = if focused && field.prefilled {
                    t.selected
                } else {
                    t.input
                };
                lines.push(Line::from(vec![
                    label_span,
                    Span::styled(format!("{:<room$}", one_line(&shown)), style),
                ]));
            }
            FieldKind::Area(area) => {
                // Lines kept for the text area, drawn over them once the form is: as many as
                // its text wraps to (up to five; it scrolls within them).
                let room = (width as usize).saturating_sub(label_width + 4).max(10);
                let wrapped: usize = area
                    .lines()
                    .iter()
                    .map(|l| wrap_words(l, room).len().max(1))
                    .sum();
                let height = wrapped.clamp(1, 5);
                let mut shown = (**area).clone();
                shown.set_style(t.input);
                shown.set_cursor_line_style(t.input);
                // Only the focused area shows its cursor.
                shown.set_cursor_style(if focused { t.selected } else { t.input });
                areas.push((lines.len() as u16, height as u16, room as u16, shown));
                lines.push(Line::from(vec![
                    label_span,
                    Span::styled(" ".repeat(room), t.input),
                ]));
                for _ in 1..height {
                    lines.push(Line::from(vec![
                        Span::raw(" ".repeat(label_width)),
                        Span::styled(" ".repeat(room), t.input),
                    ]));
                }
            }
            FieldKind::Choice { options, selected } if focused && options.len() > 3 => {
                // A long list shows a window of its options around the chosen one.
                let window = 7usize.min(options.len());
                let start = selected
                    .saturating_sub(window / 2)
                    .min(options.len() - window);
                let pad = || Span::raw(" ".repeat(label_width));
                if start > 0 {
                    lines.push(Line::from(vec![
                        pad(),
                        Span::styled(format!(" ↑ {start} more"), t.dim),
                    ]));
                }
                for (j, (_, text)) in options.iter().enumerate().skip(start).take(window) {
                    // The label stands on the chosen option's line: what the line beside the
                    // marker says is what Enter will use.
                    let first = if j == *selected {
                        label_span.clone()
                    } else {
                        pad()
                    };
                    let style = if j == *selected { t.selected } else { t.dim };
                    lines.push(Line::from(vec![
                        first,
                        Span::styled(format!(" {} ", one_line(text)), style),
                    ]));
                }
                let below = options.len() - start - window;
                if below > 0 {
                    lines.push(Line::from(vec![
                        pad(),
                        Span::styled(format!(" ↓ {below} more"), t.dim),
                    ]));
                }
            }
            FieldKind::Choice { options, selected } => {
                let text = options.get(*selected).map(|o| o.1.as_str()).unwrap_or("");
                let arrows = if focused {
                    ("‹ ", " ›")
                } else {
                    ("  ", "  ")
                };
                lines.push(Line::from(vec![
                    label_span,
                    Span::styled(arrows.0, t.key),
                    Span::raw(one_line(text)),
                    Span::styled(arrows.1, t.key),
                ]));
            }
            FieldKind::Checks {
                options,
                cursor: at,
            } => {
                for (j, (_, text, ticked)) in options.iter().enumerate() {
                    let first = if j == 0 {
                        label_span.clone()
                    } else {
                        Span::raw(" ".repeat(label_width))
                    };
                    let style = if focused && j == *at {
                        t.selected
                    } else {
                        t.base
                    };
                    lines.push(Line::from(vec![
                        first,
                        Span::styled(
                            format!("[{}] {}", if *ticked { 'x' } else { ' ' }, text),
                            style,
                        ),
                    ]));
                }
            }
        }
        if let Some(problem) = form.visible_problem(i) {
            // A refusal names its rule and the way forward: shown whole, wrapped.
            let room = (width as usize).saturating_sub(label_width + 4).max(20);
            for part in wrap_words(&format!("! {problem}"), room) {
                lines.push(Line::from(vec![
                    Span::raw(" ".repeat(label_width)),
                    Span::styled(part, t.error),
                ]));
            }
        } else if focused && !field.hint.is_empty() {
            lines.push(Line::from(vec![
                Span::raw(" ".repeat(label_width)),
                Span::styled(field.hint, t.dim),
            ]));
        }
    }
    if let Some(e) = &form.save_error {
        lines.push(Line::from(""));
        for part in wrap_words(&format!("Not saved: {}", one_line(e)), width as usize) {
            lines.push(Line::from(Span::styled(part, t.error)));
        }
    }
    lines.push(Line::from(""));
    lines.push(Line::from(vec![
        Span::styled("Enter", t.key),
        Span::raw(" save   "),
        Span::styled("Tab", t.key),
        Span::raw(" next field   "),
        Span::styled("Esc", t.key),
        Span::raw(" cancel"),
    ]));
    let rect = centered(area, width + 2, lines.len() as u16 + 2);
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", form.title))
        .title_style(t.title)
        .border_style(t.border_focused);
    let inner = block.inner(rect);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
    for (row, height, room, area) in &areas {
        if *row < inner.height {
            let rect = Rect {
                x: inner.x + label_width as u16,
                y: inner.y + row,
                width: (*room).min(inner.width.saturating_sub(label_width as u16)),
                height: (*height).min(inner.height - row),
            };
            frame.render_widget(area, rect);
        }
    }
    if let Some((row, col)) = cursor.filter(|(row, _)| *row < inner.height) {
        frame.set_cursor_position((inner.x + col, inner.y + row));
    }
}

/// Splits text into lines of at most `width` characters at spaces (long words are cut).
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let needed =
            current.chars().count() + word.chars().count() + usize::from(!current.is_empty());
        if needed > width && !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// A question, what will happen (`details`, scrolled by `scroll` when they do not fit), and
/// the only keys that answer it.
pub fn draw_confirm(
    frame: &mut Frame,
    area: Rect,
    question: &str,
    details: &[String],
    scroll: u16,
    t: &Theme,
) {
    let width = area
        .width
        .saturating_sub(10)
        .min(if details.is_empty() { 80 } else { 100 });
    let room = width.saturating_sub(4).max(20) as usize;
    let mut lines: Vec<Line> = wrap_words(&one_line(question), room)
        .into_iter()
        .map(Line::from)
        .collect();
    // What fits between the question and the keys; the rest scrolls.
    let fixed = lines.len() as u16 + 4 + 2;
    let window = area.height.saturating_sub(fixed + 2).max(3) as usize;
    let scroll = (scroll as usize).min(details.len().saturating_sub(window));
    if !details.is_empty() {
        lines.push(Line::from(""));
        if scroll > 0 {
            lines.push(Line::from(Span::styled(format!("↑ {scroll} more"), t.dim)));
        }
        for d in details.iter().skip(scroll).take(window) {
            let shown: String = one_line(d).chars().take(room).collect();
            lines.push(Line::from(Span::styled(shown, t.base)));
        }
        let below = details.len().saturating_sub(scroll + window);
        if below > 0 {
            lines.push(Line::from(Span::styled(
                format!("↓ {below} more (↑/↓ scroll)"),
                t.dim,
            )));
        }
    }
    lines.push(Line::from(""));
    lines.push(Line::from(vec![
        Span::styled("y", t.key),
        Span::raw(" yes   "),
        Span::styled("n", t.key),
        Span::raw(" no"),
    ]));
    let rect = centered(area, width, lines.len() as u16 + 2);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .title(" Confirm ")
                .border_style(t.border_focused),
        ),
        rect,
    );
}

pub fn draw_message(frame: &mut Frame, area: Rect, text: &str, t: &Theme) {
    let rect = centered(area, area.width.saturating_sub(10).min(80), 6);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(one_line(text))
            .wrap(Wrap { trim: true })
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(" Message ")
                    .border_style(t.border_focused),
            ),
        rect,
    );
}
