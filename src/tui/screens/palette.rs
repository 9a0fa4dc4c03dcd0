//! `:`: the command palette. A one-line prompt over the screen; what is typed filters the
//! screen's actions of the key table by name, Tab completes, Enter runs the highlighted one
//! as its key would (through the same update, refused the same way when it does not work).

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::modal::centered;
use crate::tui::action::{Action, for_key};
use crate::tui::keys::{Availability, Binding, Layer, palette_matches};
use crate::tui::theme::Theme;

/// How many matches the palette lists.
const SHOWN: usize = 8;

#[derive(Debug, Clone)]
pub struct Palette {
    /// The screen whose actions are offered.
    pub screen: Layer,
    pub input: String,
    /// Index into the matches.
    pub selected: usize,
}

impl Palette {
    pub fn new(screen: Layer) -> Palette {
        Palette {
            screen,
            input: String::new(),
            selected: 0,
        }
    }

    /// The actions matching what is typed, best first.
    pub fn matches(&self) -> Vec<&'static Binding> {
        palette_matches(self.screen, &self.input)
    }

    /// The highlighted match.
    pub fn chosen(&self) -> Option<&'static Binding> {
        let matches = self.matches();
        matches
            .get(self.selected.min(matches.len().saturating_sub(1)))
            .copied()
    }

    /// Applies a typed key (a character or Backspace) to the prompt.
    pub fn edit(&mut self, key: KeyEvent) {
        match key.code {
            KeyCode::Backspace => {
                self.input.pop();
            }
            KeyCode::Char(c) if self.input.chars().count() < 60 => self.input.push(c),
            _ => return,
        }
        self.selected = 0;
    }

    /// Tab: the prompt becomes the highlighted action's name.
    pub fn complete(&mut self) {
        if let Some(b) = self.chosen() {
            self.input = b.name.to_string();
            self.selected = 0;
        }
    }

    pub fn step(&mut self, by: isize) {
        let n = self.matches().len();
        if n > 0 {
            self.selected = (self.selected as isize + by).clamp(0, n as isize - 1) as usize;
        }
    }
}

/// The palette's keys: its layer of the key table.
pub fn handle_key(_: &Palette, key: KeyEvent) -> Option<Action> {
    for_key(Layer::Palette, &Availability::default(), key)
}

pub fn draw(frame: &mut Frame, area: Rect, p: &Palette, available: &Availability, t: &Theme) {
    let width = area.width.saturating_sub(10).min(90);
    let matches = p.matches();
    let mut lines = vec![Line::from(vec![
        Span::styled(":", t.key),
        Span::styled(format!("{}▏", p.input), t.input),
    ])];
    if matches.is_empty() {
        lines.push(Line::from(Span::styled(
            "  no action of this screen has that name",
            t.dim,
        )));
    }
    // The columns as wide as their longest entry of the screen's actions, with a gap: a long
    // name never runs into its key, and the columns stay put while typing narrows the list.
    let every = palette_matches(p.screen, "");
    let column = |of: fn(&Binding) -> &str| {
        every
            .iter()
            .map(|b| of(b).chars().count())
            .max()
            .unwrap_or(0)
            + 2
    };
    let name_width = column(|b| b.name);
    let key_width = column(|b| b.key_label);
    let start = p.selected.saturating_sub(SHOWN - 1);
    for (i, b) in matches.iter().enumerate().skip(start).take(SHOWN) {
        let why = available.enabled(b.command).err();
        let style = match (i == p.selected, why.is_some()) {
            (true, _) => t.selected,
            (false, true) => t.dim,
            (false, false) => t.base,
        };
        // Inside the borders, after the name and key columns; a cut text ends in "…".
        let room = (width as usize).saturating_sub(name_width + key_width + 2);
        let full = match &why {
            Some(why) => format!("not now: {why}"),
            None => b.description.to_string(),
        };
        let text: String = if full.chars().count() > room {
            let mut cut: String = full.chars().take(room.saturating_sub(1)).collect();
            cut.push('…');
            cut
        } else {
            full
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{:<name_width$}", b.name), style),
            Span::styled(format!("{:<key_width$}", b.key_label), t.key),
            Span::styled(text, if why.is_some() { t.dim } else { t.base }),
        ]));
    }
    let more = matches.len().saturating_sub(start + SHOWN);
    if more > 0 {
        lines.push(Line::from(Span::styled(format!("  ↓ {more} more"), t.dim)));
    }
    let rect = centered(area, width, lines.len() as u16 + 2);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .title(" Run an action (Tab completes, Enter runs, Esc closes) ")
                .title_style(t.title)
                .border_style(t.border_focused),
        ),
        rect,
    );
}
