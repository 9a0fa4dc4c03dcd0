//! Whether a request was answered on time (legal-rules.md §3, "Timeliness"): the one rule
//! the register, the statistics, the request view and the case summary all read.
//!
//! An answer is due by the deadline in force (one month, or three when extended). A refusal
//! is due within the first month even when the request was extended (Art. 12(4)), so a
//! refusal decided after the one-month deadline is late though the deadline in force is not
//! yet past. An open request past its deadline in force is late as well. Closing a message as
//! NOT_A_GDPR_REQUEST is no refusal: it is held to the deadline in force like any answer.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::deadline::{deadline, oslo_date};
use super::request::{Decision, DecisionKind, RefusalGround, Request, Status};

/// How a request stands against its deadlines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "state")]
pub enum Timeliness {
    /// Closed, and every refusal in it decided, by their deadlines.
    OnTime,
    /// Still open, and no deadline it is held to has passed yet.
    Open,
    /// `days` calendar days after the deadline that was missed.
    Late { days: i64, why: Lateness },
}

/// Which deadline a late request missed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Lateness {
    /// Closed after its deadline in force.
    Answered,
    /// A refusal decided after the one-month deadline (Art. 12(4)).
    Refused,
    /// Still open after its deadline in force.
    Overdue,
}

impl Timeliness {
    pub fn is_late(self) -> bool {
        matches!(self, Timeliness::Late { .. })
    }

    /// What the request view and the case summary say about a late request; `None` when
    /// it is not late.
    pub fn sentence(self) -> Option<String> {
        let Timeliness::Late { days, why } = self else {
            return None;
        };
        let days = if days == 1 {
            "1 day".to_string()
        } else {
            format!("{days} days")
        };
        Some(match why {
            Lateness::Answered => format!("answered {days} late"),
            Lateness::Refused => {
                format!("refused {days} late: a refusal is due within one month even when extended")
            }
            Lateness::Overdue => format!("open {days} past the deadline in force"),
        })
    }
}

/// What a closed request's status says: its outcome (`answered`, `erased`, `refused` ...)
/// and, when it closed late, by how many calendar days: "answered 8 d late". A refusal
/// decided after the one-month deadline counts as late here too (Art. 12(4)).
pub fn closed_label(outcome: &str, standing: Timeliness) -> String {
    match standing {
        Timeliness::Late {
            days,
            why: Lateness::Answered | Lateness::Refused,
        } => format!("{outcome} {days} d late"),
        _ => outcome.to_string(),
    }
}

/// Whether a decision is a refusal in the sense of Art. 12(4): refused or partly refused on
/// a ground. NOT_A_GDPR_REQUEST answers a message that asked for no right, so it is none.
pub fn is_refusal(decision: &Decision) -> bool {
    matches!(decision.kind, DecisionKind::Refused | DecisionKind::Partial)
        && decision
            .ground
            .is_some_and(|g| g != RefusalGround::NotAGdprRequest)
}

/// An open request measured against its deadline in force on `today` (an Oslo date): the
/// part of the rule that changes from day to day, for callers that count open requests by
/// deadline instead of one by one.
pub fn open_on(in_force: NaiveDate, today: NaiveDate) -> Timeliness {
    match days_after(today, in_force) {
        Some(days) => Timeliness::Late {
            days,
            why: Lateness::Overdue,
        },
        None => Timeliness::Open,
    }
}

/// What the rule reads of a request, as Oslo dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    /// The receipt date; the one-month deadline is worked out from it when a refusal needs it.
    pub receipt: NaiveDate,
    /// The deadline in force (extended and, where counted, adjusted for a suspension).
    pub in_force: NaiveDate,
    /// The day of the latest refusal decided, if any.
    pub refused: Option<NaiveDate>,
    /// The day the request closed; `None` while it is open.
    pub closed: Option<NaiveDate>,
}

impl Facts {
    /// The facts of a stored request, with the deadline in force it has when the database
    /// does (or does not) count a suspension.
    pub fn of(request: &Request, suspension_enabled: bool) -> Facts {
        Facts::new(
            request.receipt_date(),
            request.deadline(suspension_enabled).in_force,
            &request.decisions,
            request.status,
            request.closed_at,
        )
    }

    /// The facts from their parts, for readers that do not load whole requests. A request
    /// counts as closed only with its status closed and its closing instant known.
    pub fn new(
        receipt: NaiveDate,
        in_force: NaiveDate,
        decisions: &[Decision],
        status: Status,
        closed_at: Option<DateTime<Utc>>,
    ) -> Facts {
        Facts {
            receipt,
            in_force,
            refused: decisions
                .iter()
                .filter(|d| is_refusal(d))
                .map(|d| oslo_date(d.decided_at))
                .max(),
            closed: closed_at
                .filter(|_| status == Status::Closed)
                .map(oslo_date),
        }
    }

    /// The rule, on `today` (an Oslo date). When a request missed two deadlines, the one it
    /// missed by more days is given. On a tie (a request not extended, refused and closed
    /// late the same day) it is the answer's: the refusal rule then adds nothing to say.
    pub fn on(&self, today: NaiveDate) -> Timeliness {
        let refusal = self
            .refused
            .and_then(|day| days_after(day, deadline(self.receipt)));
        let answer = match self.closed {
            Some(day) => days_after(day, self.in_force).map(|days| (days, Lateness::Answered)),
            None => match open_on(self.in_force, today) {
                Timeliness::Late { days, why } => Some((days, why)),
                _ => None,
            },
        };
        match (refusal, answer) {
            (Some(r), Some((days, why))) if days >= r => Timeliness::Late { days, why },
            (Some(days), _) => Timeliness::Late {
                days,
                why: Lateness::Refused,
            },
            (None, Some((days, why))) => Timeliness::Late { days, why },
            (None, None) if self.closed.is_some() => Timeliness::OnTime,
            (None, None) => Timeliness::Open,
        }
    }

    /// Whether the request is late whatever day it is looked at: closed (late or not), or
    /// already late by a refusal. `None` while an open request's standing still depends on
    /// the day; [`open_on`] with its deadline in force then decides.
    pub fn settled(&self) -> Option<bool> {
        let refused_late = self
            .refused
            .is_some_and(|day| days_after(day, deadline(self.receipt)).is_some());
        if refused_late {
            Some(true)
        } else if self.closed.is_some() {
            // Any day will do: a closed request's standing no longer moves.
            Some(self.on(self.in_force).is_late())
        } else {
            None
        }
    }
}

/// How a request stands on `today` (an Oslo date): the rule of legal-rules.md §3.
pub fn timeliness(request: &Request, suspension_enabled: bool, today: NaiveDate) -> Timeliness {
    Facts::of(request, suspension_enabled).on(today)
}

/// Calendar days from `due` to `day`, when `day` is after it.
fn days_after(day: NaiveDate, due: NaiveDate) -> Option<i64> {
    Some((day - due).num_days()).filter(|d| *d > 0)
}

#[cfg(test)]
mod tests;
