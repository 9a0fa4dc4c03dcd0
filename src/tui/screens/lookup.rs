//! The lookup screen (`l`): customers found for a request, and one customer's records grouped
//! by the privacy notice's categories. Its state, its keys and its drawing.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};

use crate::customers::{CustomerRecords, Match};
use crate::domain::text::one_line;
use crate::tui::action::{Action, for_key};
use crate::tui::keys::{Availability, Layer};
use crate::tui::theme::Theme;

/// The lookup screen's state.
#[derive(Debug, Default)]
pub struct LookupState {
    /// The request the lookup is for.
    pub reference: String,
    pub requester: String,
    /// What the officer typed; empty means "prefilled from the requester".
    pub query: String,
    /// Whether keys go to the query line.
    pub editing: bool,
    pub results: Vec<Match>,
    pub selected: usize,
    /// The selected customer's records, once asked for (`Enter`).
    pub records: Option<CustomerRecords>,
    pub scroll: u16,
    pub linked: Vec<i64>,
}

impl LookupState {
    /// The layer that gets the keys: the query line while typing, else the screen.
    pub fn layer(&self) -> Layer {
        if self.editing {
            Layer::Search
        } else {
            Layer::Lookup
        }
    }

    /// Up/down through the results, or scrolling the records when they are shown.
    pub fn step(&mut self, by: i64) {
        if self.records.is_some() {
            self.scroll = (self.scroll as i64 + by).clamp(0, u16::MAX as i64) as u16;
        } else if !self.results.is_empty() {
            self.selected =
                (self.selected as i64 + by).clamp(0, self.results.len() as i64 - 1) as usize;
        }
    }

    /// Why the selected customer cannot be linked now, if not.
    pub fn no_link(&self) -> Option<String> {
        match self.results.get(self.selected) {
            None => Some("nobody is selected: search for the customer first (/)".into()),
            Some(m) if self.linked.contains(&m.customer_id) => Some(format!(
                "customer #{} is already linked to {}",
                m.customer_id, self.reference
            )),
            Some(_) => None,
        }
    }
}

/// The lookup's keys: its layer of the key table (the search layer while typing a query).
pub fn handle_key(l: &LookupState, available: &Availability, key: KeyEvent) -> Option<Action> {
    for_key(l.layer(), available, key)
}

pub fn draw(frame: &mut Frame, area: Rect, l: &LookupState, t: &Theme, privacy: bool) {
    let personal = |text: &str| super::personal_text(privacy, text);
    let [head, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(3)]).areas(area);
    let query = if l.editing || !l.query.is_empty() {
        Span::styled(
            format!("{}{}", one_line(&l.query), if l.editing { "▏" } else { "" }),
            t.input,
        )
    } else {
        Span::styled("the requester's name, e-mail and phone", t.dim)
    };
    let lines = vec![
        Line::from(vec![
            Span::styled(format!("Customer lookup for {}", l.reference), t.title),
            Span::raw(format!("  ({})", personal(&l.requester))),
        ]),
        Line::from(vec![
            Span::raw("Searching: "),
            query,
            Span::styled(format!("   {} found", l.results.len()), t.dim),
        ]),
    ];
    frame.render_widget(Paragraph::new(lines), head);

    let (list_area, records_area) = if l.records.is_some() {
        let [a, b] = Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)])
            .areas(body);
        (a, Some(b))
    } else {
        (body, None)
    };
    let marker = |m: &crate::customers::Match| {
        let linked = if l.linked.contains(&m.customer_id) {
            "linked"
        } else {
            ""
        };
        match (linked, m.restricted) {
            ("", true) => "restricted".to_string(),
            (linked, true) => format!("{linked} restricted"),
            (linked, false) => linked.to_string(),
        }
    };
    let widest = |f: &dyn Fn(&crate::customers::Match) -> usize| {
        l.results.iter().map(f).max().unwrap_or(0) as u16
    };
    // The name keeps at least 12 columns: what is matched on goes first, then the contact,
    // when the list is narrow (the records beside it, or a small terminal).
    let inner = list_area.width.saturating_sub(2);
    let marker_width = widest(&|m| marker(m).chars().count());
    let matched_width = widest(&|m| m.reasons().chars().count()).clamp(10, 22);
    let fixed = 8
        + 1
        + if marker_width > 0 {
            marker_width + 1
        } else {
            0
        };
    let show_matched = inner >= fixed + 12 + 1 + matched_width;
    let show_contact = show_matched && inner >= fixed + 12 + 1 + matched_width + 1 + 16;
    let mut header = vec!["Customer", "Name"];
    let mut widths = vec![Constraint::Length(8), Constraint::Fill(1)];
    if show_contact {
        header.push("Contact");
        widths.push(Constraint::Fill(1));
    }
    if show_matched {
        header.push("Matched on");
        widths.push(Constraint::Length(matched_width));
    }
    if marker_width > 0 {
        header.push("");
        widths.push(Constraint::Length(marker_width));
    }
    let rows: Vec<Row> = l
        .results
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let mut cells = vec![
                Cell::from(format!("#{}", m.customer_id)),
                Cell::from(personal(&m.name)),
            ];
            if show_contact {
                cells.push(Cell::from(personal(
                    m.email.as_deref().or(m.phone.as_deref()).unwrap_or(""),
                )));
            }
            if show_matched {
                cells.push(Cell::from(m.reasons()));
            }
            if marker_width > 0 {
                cells.push(Cell::from(Span::styled(marker(m), t.key)));
            }
            let row = Row::new(cells);
            if i == l.selected {
                row.style(t.selected)
            } else {
                row
            }
        })
        .collect();
    let title = if l.results.is_empty() {
        " Nobody found: search for something else (/), or answer that no data is held ".to_string()
    } else {
        " Matches, best first (Enter records, L link) ".to_string()
    };
    frame.render_widget(
        Table::new(rows, widths)
            .header(Row::new(header).style(t.header))
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(title)
                    .border_style(t.border_focused),
            ),
        list_area,
    );

    if let (Some(records), Some(area)) = (&l.records, records_area) {
        let mut lines = vec![Line::from(vec![
            Span::styled(personal(&records.name), t.title),
            Span::raw(format!(
                "  #{}{}{}",
                records.customer_id,
                records
                    .customer_number
                    .as_deref()
                    .map(|n| format!(" ({n})"))
                    .unwrap_or_default(),
                if records.restricted {
                    "  RESTRICTED: storage only"
                } else {
                    ""
                }
            )),
        ])];
        for category in &records.categories {
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled(
                category.label.to_string(),
                t.header,
            )));
            for table in &category.tables {
                lines.push(Line::from(vec![
                    Span::styled(format!("{} ", table.title), t.title),
                    Span::styled(format!("({} row(s))", table.records.len()), t.dim),
                ]));
                lines.push(Line::from(Span::styled(
                    format!(
                        "  {} · {} · kept: {}",
                        table.purpose, table.basis_label, table.retention
                    ),
                    t.dim,
                )));
                if !table.recipients.is_empty() {
                    let names: Vec<&str> =
                        table.recipients.iter().map(|r| r.name.as_str()).collect();
                    lines.push(Line::from(Span::styled(
                        format!("  shared with: {}", names.join(", ")),
                        t.dim,
                    )));
                }
                for record in &table.records {
                    let fields: Vec<String> = record
                        .fields
                        .iter()
                        .map(|(k, v)| {
                            let text = match v {
                                serde_json::Value::String(s) => s.clone(),
                                serde_json::Value::Null => "-".into(),
                                other => other.to_string(),
                            };
                            format!("{k}: {}", personal(&text))
                        })
                        .collect();
                    let hold = record
                        .held_until
                        .map(|d| format!("  [kept until {d}]"))
                        .unwrap_or_default();
                    lines.push(Line::from(format!("  • {}{hold}", fields.join(", "))));
                }
            }
        }
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .scroll((l.scroll, 0))
                .block(
                    Block::default()
                        .borders(Borders::ALL)
                        .title(" Records held (↑/↓ scroll, Enter back) ")
                        .border_style(t.border),
                ),
            area,
        );
    }
}
