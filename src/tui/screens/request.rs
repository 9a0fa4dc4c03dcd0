//! A request opened: who, what, the deadline worked out, the timeline and the message.

use chrono_tz::Europe::Oslo;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use super::Desk;
use crate::domain::deadline::{Countdown, working_days_left};
use crate::domain::request::rights_label;
use crate::domain::text::{one_line, sanitize};
use crate::domain::timeliness::{Lateness, Timeliness, closed_label, timeliness};
use crate::tui::action::{Action, for_key};
use crate::tui::keys::{Availability, Layer};

/// An opened request.
#[derive(Debug)]
pub struct Detail {
    pub request: crate::domain::request::Request,
    pub events: Vec<crate::store::Event>,
    pub intake: crate::store::IntakeInfo,
    pub customers: CustomerSide,
    pub scroll: u16,
}

/// What the request view shows of the customer side.
#[derive(Debug, Clone, Default)]
pub struct CustomerSide {
    /// One line per linked customer.
    pub linked: Vec<String>,
    pub checklist: Vec<crate::store::ChecklistItem>,
}

/// The request screen's keys: its layer of the key table.
pub fn handle_key(
    _: &Detail,
    available: &Availability,
    key: ratatui::crossterm::event::KeyEvent,
) -> Option<Action> {
    for_key(Layer::Request, available, key)
}

/// The request screen drawn from its state and the desk's context.
pub struct RequestView<'a> {
    pub detail: &'a Detail,
    pub cx: &'a Desk<'a>,
}

impl Widget for RequestView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        draw(self.detail, self.cx, area, buf)
    }
}

fn draw(detail: &Detail, cx: &Desk, area: Rect, buf: &mut Buffer) {
    let r = &detail.request;
    let t = cx.theme;
    let deadline = r.deadline(cx.suspension_enabled);
    let steps = deadline.steps();

    let label = |l: &str| Span::styled(format!("{l:<10}"), t.dim);
    let opt = |v: &Option<String>| {
        v.as_deref()
            .map(|x| cx.personal(x))
            .unwrap_or_else(|| "-".into())
    };
    let standing = timeliness(r, cx.suspension_enabled, cx.today);
    let status = match r.outcome() {
        Some(o) => Span::styled(
            format!("closed as {}", closed_label(o.as_str(), standing)),
            if standing.is_late() {
                t.overdue
            } else {
                t.closed
            },
        ),
        None => {
            let cd = Countdown::new(deadline.in_force, cx.today);
            let style = match cd {
                Countdown::Left(d) if d > 7 => t.base,
                Countdown::Left(_) => t.due_soon,
                _ => t.overdue,
            };
            let text = if cx.working_days {
                format!(
                    "{}, due {} ({} working days)",
                    r.status,
                    deadline.in_force,
                    working_days_left(deadline.in_force, cx.today)
                )
            } else {
                format!("{}, due {} ({})", r.status, deadline.in_force, cd.short())
            };
            Span::styled(text, style)
        }
    };
    let mut lines = vec![
        Line::from(vec![
            label("Name"),
            Span::styled(cx.personal(&r.requester.name), t.title),
        ]),
        Line::from(vec![label("E-mail"), Span::raw(opt(&r.requester.email))]),
        Line::from(vec![label("Phone"), Span::raw(opt(&r.requester.phone))]),
        Line::from(vec![label("Agent"), Span::raw(opt(&r.representation()))]),
        Line::from(vec![
            label("Received"),
            Span::raw(format!(
                "{} by {}",
                r.received.with_timezone(&Oslo).format("%Y-%m-%d %H:%M"),
                r.channel
            )),
            // Which time an import read as arrival (issue 12: receipt is arrival).
            Span::styled(
                detail
                    .intake
                    .receipt_source
                    .map(|s| format!(", read from {}", s.label()))
                    .unwrap_or_default(),
                t.dim,
            ),
        ]),
        Line::from(vec![
            label("Rights"),
            Span::styled(
                if r.rights.is_empty() && r.outcome().is_some() {
                    "none named".to_string()
                } else {
                    rights_label(&r.rights)
                },
                if r.needs_triage() { t.triage } else { t.base },
            ),
        ]),
        Line::from(vec![label("Status"), status]),
    ];
    // The countdown above already says when an open request is overdue; a late answer or a
    // late refusal is said here, an on-time one needs no word.
    if let late @ Timeliness::Late {
        why: Lateness::Answered | Lateness::Refused,
        ..
    } = standing
        && let Some(sentence) = late.sentence()
    {
        lines.push(Line::from(vec![
            label("Late"),
            Span::styled(sentence, t.overdue),
        ]));
    }
    lines.extend([
        Line::from(vec![
            label("Identity"),
            Span::raw(format!(
                "{}{}",
                r.identity.words(),
                r.identity_method
                    .as_deref()
                    .map(|m| format!(" ({})", cx.personal(m)))
                    .unwrap_or_default()
            )),
        ]),
        Line::from(vec![
            label("Assignee"),
            Span::raw(
                r.assignee
                    .as_deref()
                    .map(one_line)
                    .unwrap_or_else(|| "-".into()),
            ),
        ]),
    ]);
    // How intake read the message: its subject, and why each right was recognised.
    let intake = &detail.intake;
    if let Some(subject) = &intake.subject {
        lines.insert(
            5,
            Line::from(vec![label("Subject"), Span::raw(cx.personal(subject))]),
        );
    }
    for (right, phrase) in &intake.recognised {
        lines.push(Line::from(vec![
            label("Why"),
            Span::styled(
                format!("{right}: the message says «{}»", cx.personal(phrase)),
                t.dim,
            ),
        ]));
    }
    if let Some(note) = &intake.note {
        lines.push(Line::from(vec![
            label("Note"),
            Span::styled(one_line(note), t.due_soon),
        ]));
    }
    // The customer side: who the request is linked to, and whom Art. 19 says to tell.
    let side = &detail.customers;
    if side.linked.is_empty() && r.outcome().is_none() {
        lines.push(Line::from(vec![
            label("Customers"),
            Span::styled("none linked yet (l looks them up)", t.dim),
        ]));
    }
    for c in &side.linked {
        lines.push(Line::from(vec![
            label("Customer"),
            Span::raw(cx.personal(c)),
        ]));
    }
    for item in &side.checklist {
        let (mark, style) = match item.notified_on {
            Some(d) => (format!("[x] {} notified {d}", item.name), t.ok),
            None => (format!("[ ] {} to notify (Art. 19)", item.name), t.due_soon),
        };
        lines.push(Line::from(vec![label("Notify"), Span::styled(mark, style)]));
    }
    for d in &r.decisions {
        lines.push(Line::from(vec![
            label("Decision"),
            Span::raw(format!(
                "{}: {}{}{}",
                d.right.map(|x| x.as_str()).unwrap_or("request"),
                d.kind,
                d.ground
                    .map(|g| format!(" {g} ({})", g.basis()))
                    .unwrap_or_default(),
                d.reason
                    .as_deref()
                    .map(|x| format!(" - {}", cx.personal(x)))
                    .unwrap_or_default()
            )),
        ]));
    }
    // The top panes take what they need (wrapped lines guessed at half the width); the
    // timeline and message get the rest.
    let half = (area.width / 2).saturating_sub(2).max(1) as usize;
    let wrapped = |l: &Line| (l.width().max(1) as u16).div_ceil(half as u16);
    let need = lines.iter().map(wrapped).sum::<u16>().max(
        steps
            .iter()
            .map(|s| (s.chars().count().max(1) / half) as u16 + 1)
            .sum(),
    );
    let [top, bottom] =
        Layout::vertical([Constraint::Length(need + 2), Constraint::Min(6)]).areas(area);
    let [who, when] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(top);
    let [timeline, message] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(bottom);
    let title = if cx.privacy {
        format!(" {}  PRIVACY SCREEN ON (p) ", r.reference)
    } else {
        format!(" {} ", r.reference)
    };
    Widget::render(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::ALL)
                .title(title)
                .title_style(t.title)
                .border_style(t.border_focused),
        ),
        who,
        buf,
    );

    let steps: Vec<Line> = steps
        .into_iter()
        .map(|s| Line::from(one_line(&s)))
        .collect();
    Widget::render(
        Paragraph::new(steps).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::ALL)
                .title(" Deadline, worked out ")
                .border_style(t.border),
        ),
        when,
        buf,
    );

    let events: Vec<Line> = detail
        .events
        .iter()
        .rev()
        .map(|e| {
            Line::from(vec![
                Span::styled(
                    e.at.with_timezone(&Oslo)
                        .format("%d.%m.%y %H:%M ")
                        .to_string(),
                    t.dim,
                ),
                Span::styled(format!("{} ", one_line(&e.actor)), t.key),
                Span::raw(if cx.privacy {
                    e.kind.to_string()
                } else {
                    one_line(&e.summary)
                }),
            ])
        })
        .collect();
    Widget::render(
        Paragraph::new(events).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::ALL)
                .title(" Timeline (newest first) ")
                .border_style(t.border),
        ),
        timeline,
        buf,
    );

    let body: Vec<Line> = if cx.privacy {
        vec![Line::from("(hidden while the privacy screen is on)")]
    } else {
        message_lines(detail, t)
    };
    Widget::render(
        Paragraph::new(body)
            .wrap(Wrap { trim: false })
            .scroll((detail.scroll, 0))
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(" Message (↑/↓ scroll) ")
                    .border_style(t.border),
            ),
        message,
        buf,
    );
}

/// The message pane: the follow-ups' texts, newest first, those that came after the officer
/// last opened the request marked unread; then the message the request came in with.
fn message_lines(detail: &Detail, t: &crate::tui::theme::Theme) -> Vec<Line<'static>> {
    let original = detail
        .request
        .original_text
        .as_deref()
        .map(|x| sanitize(x, true))
        .unwrap_or_else(|| "(no message kept)".into());
    let follow_ups: Vec<&crate::store::Event> = detail
        .events
        .iter()
        .rev()
        .filter(|e| e.kind == crate::store::EventKind::FollowUp && e.detail["text"].is_string())
        .collect();
    if follow_ups.is_empty() {
        return original
            .lines()
            .map(|l| Line::from(l.to_string()))
            .collect();
    }
    let mut lines = Vec::new();
    for e in follow_ups {
        let when = e.detail["received"]
            .as_str()
            .and_then(|s| s.parse::<chrono::DateTime<chrono::Utc>>().ok())
            .unwrap_or(e.at)
            .with_timezone(&Oslo)
            .format("%d.%m.%y %H:%M");
        let subject = e.detail["subject"]
            .as_str()
            .map(|s| format!(": {}", one_line(s)))
            .unwrap_or_default();
        let mut head = vec![Span::styled(format!("Follow-up {when}{subject}"), t.header)];
        if let Some(new) = e.detail["new_request"].as_str() {
            head.push(Span::styled(
                format!("  new rights: {}", one_line(new)),
                t.key,
            ));
        }
        if detail.intake.is_unread(e.id) {
            head.push(Span::styled("  unread", t.due_soon));
        }
        lines.push(Line::from(head));
        let text = sanitize(e.detail["text"].as_str().unwrap_or_default(), true);
        lines.extend(text.lines().map(|l| Line::from(l.to_string())));
        lines.push(Line::from(""));
    }
    lines.push(Line::from(Span::styled(
        "The request as it came in",
        t.header,
    )));
    lines.extend(original.lines().map(|l| Line::from(l.to_string())));
    lines
}
