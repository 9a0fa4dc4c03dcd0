//! Drawing: a pure function of the state. Screens get what they draw; none of them queries.

pub mod export;
pub mod help;
pub mod lookup;
pub mod modal;
pub mod palette;
pub mod queue;
pub mod queue_columns;
pub mod request;
pub mod stats;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app::{App, Modal, Screen};
use super::keys::footer;
use super::theme::Theme;

/// The smallest terminal the desk lays out in.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 20;

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = vec![
            Line::from("The window is too small for the desk."),
            Line::from(format!(
                "Make it at least {MIN_WIDTH}x{MIN_HEIGHT} (now {}x{}).",
                area.width, area.height
            )),
            Line::from("q quits."),
        ];
        frame.render_widget(
            Paragraph::new(text).wrap(ratatui::widgets::Wrap { trim: true }),
            area,
        );
        return;
    }
    // A broken audit trail is said on every screen, above everything, until the desk quits.
    let area = match &app.audit_broken {
        Some(text) => {
            let [banner, rest] =
                Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
            frame.render_widget(
                Paragraph::new(format!(
                    " {}. (dsr-desk audit verify gives the whole report) ",
                    upper_first(text)
                ))
                .style(app.theme.banner),
                banner,
            );
            rest
        }
        None => area,
    };
    let [body, foot] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    match app.screen {
        Screen::Queue => {
            let cx = Desk::of(app);
            let view = queue::QueueView {
                queue: &app.queue,
                cx: &cx,
                controller: &app.controller_name,
                table_area: &app.table_area,
            };
            frame.render_widget(view, body)
        }
        Screen::Request => {
            if let Some(detail) = &app.detail {
                let cx = Desk::of(app);
                frame.render_widget(request::RequestView { detail, cx: &cx }, body)
            }
        }
        Screen::Stats => {
            if let Some(stats) = &app.stats {
                let cx = Desk::of(app);
                frame.render_widget(stats::StatsView { stats, cx: &cx }, body)
            }
        }
        Screen::Lookup => {
            if let Some(l) = &app.lookup {
                lookup::draw(frame, body, l, &app.theme, app.privacy)
            }
        }
    }
    draw_footer(frame, foot, app);
    for modal in &app.modals {
        match modal {
            Modal::Help(scroll) => help::draw(frame, area, &app.theme, *scroll),
            Modal::Form(form) => modal::draw_form(frame, area, form, &app.theme),
            Modal::Confirm {
                question,
                details,
                scroll,
                ..
            } => modal::draw_confirm(frame, area, question, details, *scroll, &app.theme),
            Modal::Message(text) => modal::draw_message(frame, area, text, &app.theme),
            Modal::Export(menu) => export::draw(frame, area, menu, &app.theme),
            Modal::Palette(p) => palette::draw(frame, area, p, &app.available, &app.theme),
        }
    }
}

/// The rows the queue table shows for a terminal of `height` lines.
pub fn table_rows_for(height: u16) -> u64 {
    // Footer (1), header (2), filter line (1), the table's top border (1) and header (1).
    height.saturating_sub(6).max(1) as u64
}

fn draw_footer(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    // A result longer than the line is said whole: it grows upwards over the screen's last
    // lines (at most four) until the next key, rather than being cut mid-word.
    if let Some((ok, message)) = &app.flash {
        let lines = modal::wrap_words(message, usize::from(area.width.max(1)));
        if lines.len() > 1 {
            let height = u16::try_from(lines.len().min(4))
                .unwrap_or(4)
                .min(area.y + 1);
            let rect = Rect::new(area.x, area.y + 1 - height, area.width, height);
            let style = if *ok { t.ok } else { t.error };
            let lines: Vec<Line> = lines
                .into_iter()
                .map(|l| Line::from(Span::styled(l, style)))
                .collect();
            frame.render_widget(ratatui::widgets::Clear, rect);
            frame.render_widget(Paragraph::new(lines), rect);
            return;
        }
    }
    let line = match &app.flash {
        Some((ok, message)) => Line::from(Span::styled(
            message.clone(),
            if *ok { t.ok } else { t.error },
        )),
        None if app.busy.is_some() => Line::from(Span::styled(
            app.busy.as_ref().map(|b| b.line()).unwrap_or_default(),
            t.due_soon,
        )),
        None => {
            // The keys of the layer that gets them now, greyed where they do not work.
            let entries: Vec<(&str, &str, bool)> = footer(app.layer())
                .into_iter()
                .map(|(command, key, label)| (key, label, app.available.enabled(command).is_ok()))
                .collect();
            key_spans(&entries, t, area.width)
        }
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// As many `key label` pairs as fit in `width`, in table order (`?` lists the rest); what
/// the case does not allow now is greyed (pressing it says why).
pub fn key_spans(keys: &[(&str, &str, bool)], t: &Theme, width: u16) -> Line<'static> {
    let mut spans = Vec::new();
    let mut used = 0usize;
    for (key, label, enabled) in keys {
        let len = key.chars().count() + label.chars().count() + 3;
        if used + len > width as usize {
            break;
        }
        used += len;
        let (key_style, label_style) = if *enabled {
            (t.key, t.base)
        } else {
            (t.dim, t.dim)
        };
        spans.push(Span::styled(key.to_string(), key_style));
        spans.push(Span::styled(format!(" {label}  "), label_style));
    }
    Line::from(spans)
}

/// `text` with its first letter in capitals, to start a sentence.
fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Hides a name, address or number for screen sharing, keeping only its shape.
pub fn mask(text: &str) -> String {
    text.split(' ')
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => std::iter::once(first)
                    .chain(chars.map(|_| '•'))
                    .collect::<String>(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// What every screen draws with besides its own state: the theme, the day, and the desk's
/// display switches.
pub struct Desk<'a> {
    pub theme: &'a Theme,
    pub today: chrono::NaiveDate,
    pub privacy: bool,
    pub working_days: bool,
    pub suspension_enabled: bool,
}

impl<'a> Desk<'a> {
    pub fn of(app: &'a App) -> Desk<'a> {
        Desk {
            theme: &app.theme,
            today: app.today,
            privacy: app.privacy,
            working_days: app.working_days,
            suspension_enabled: app.suspension_enabled,
        }
    }

    /// Outside text for display: sanitised, and masked when the privacy screen is on.
    pub fn personal(&self, text: &str) -> String {
        personal_text(self.privacy, text)
    }
}

/// Outside text for display: sanitised, and masked when the privacy screen is on.
pub fn personal(app: &App, text: &str) -> String {
    personal_text(app.privacy, text)
}

/// Outside text for display: sanitised, and masked when `privacy` is on.
pub fn personal_text(privacy: bool, text: &str) -> String {
    let safe = crate::domain::text::one_line(text);
    if privacy { mask(&safe) } else { safe }
}
