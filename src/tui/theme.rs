//! Every colour and style in one place; `NO_COLOR` gives a monochrome theme.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub base: Style,
    pub title: Style,
    pub border: Style,
    pub border_focused: Style,
    pub header: Style,
    pub selected: Style,
    pub overdue: Style,
    pub due_soon: Style,
    pub closed: Style,
    pub triage: Style,
    pub key: Style,
    pub dim: Style,
    pub error: Style,
    pub ok: Style,
    pub input: Style,
    /// A warning that stays on every screen (the audit trail does not verify).
    pub banner: Style,
}

impl Theme {
    pub fn colour() -> Theme {
        let plain = Style::new();
        Theme {
            base: plain,
            title: plain.add_modifier(Modifier::BOLD),
            border: plain.fg(Color::DarkGray),
            border_focused: plain.fg(Color::Cyan),
            header: plain.add_modifier(Modifier::BOLD).fg(Color::Cyan),
            selected: plain.add_modifier(Modifier::REVERSED),
            overdue: plain.fg(Color::Red).add_modifier(Modifier::BOLD),
            due_soon: plain.fg(Color::Yellow),
            closed: plain.fg(Color::DarkGray),
            triage: plain.fg(Color::Magenta),
            key: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            dim: plain.fg(Color::DarkGray),
            error: plain.fg(Color::Red).add_modifier(Modifier::BOLD),
            ok: plain.fg(Color::Green),
            input: plain.add_modifier(Modifier::UNDERLINED),
            banner: plain
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
        }
    }

    /// For `NO_COLOR`: meaning carried by bold, underline, reverse and dim only.
    pub fn monochrome() -> Theme {
        let plain = Style::new();
        Theme {
            base: plain,
            title: plain.add_modifier(Modifier::BOLD),
            border: plain,
            border_focused: plain.add_modifier(Modifier::BOLD),
            header: plain.add_modifier(Modifier::BOLD),
            selected: plain.add_modifier(Modifier::REVERSED),
            overdue: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            due_soon: plain.add_modifier(Modifier::BOLD),
            closed: plain.add_modifier(Modifier::DIM),
            triage: plain.add_modifier(Modifier::ITALIC),
            key: plain.add_modifier(Modifier::BOLD),
            dim: plain.add_modifier(Modifier::DIM),
            error: plain.add_modifier(Modifier::BOLD | Modifier::REVERSED),
            ok: plain.add_modifier(Modifier::BOLD),
            input: plain.add_modifier(Modifier::UNDERLINED),
            banner: plain.add_modifier(Modifier::BOLD | Modifier::REVERSED),
        }
    }

    /// The theme the environment asks for (https://no-color.org: any non-empty value).
    pub fn from_env() -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Theme::monochrome(),
            _ => Theme::colour(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monochrome_uses_no_colour_at_all() {
        let t = Theme::monochrome();
        for s in [
            t.base, t.title, t.border, t.header, t.selected, t.overdue, t.due_soon, t.closed,
            t.triage, t.key, t.dim, t.error, t.ok, t.input, t.banner,
        ] {
            assert!(s.fg.is_none() && s.bg.is_none(), "{s:?}");
        }
        assert_ne!(
            t.overdue, t.due_soon,
            "urgency must still show without colour"
        );
    }
}
