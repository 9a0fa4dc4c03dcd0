//! Which columns the queue table shows at a given terminal width, and how wide each is: a
//! pure function of the width, so that a narrow terminal keeps the requester's name legible
//! and a wide one shows more about each request instead of padding.
//!
//! At 80 columns the table keeps the reference, the requester (at least
//! [`MIN_NAME`] columns), the rights, the status, the due date and the countdown; contact,
//! channel and received are the first to go, in that order. From 160 columns the assignee,
//! the channel, the received date and the identity check are shown too. The requester's
//! name takes whatever is left.

/// What one column shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    Reference,
    Received,
    Requester,
    Contact,
    Channel,
    Assignee,
    Rights,
    Status,
    Identity,
    Due,
    Countdown,
}

impl ColumnKind {
    /// The column's heading.
    pub fn title(self) -> &'static str {
        match self {
            ColumnKind::Reference => "Reference",
            ColumnKind::Received => "Received",
            ColumnKind::Requester => "Requester",
            ColumnKind::Contact => "Contact",
            ColumnKind::Channel => "Channel",
            ColumnKind::Assignee => "Assignee",
            ColumnKind::Rights => "Rights",
            ColumnKind::Status => "Status",
            ColumnKind::Identity => "Identity",
            ColumnKind::Due => "Due",
            ColumnKind::Countdown => "Countdown",
        }
    }
}

/// A column and the cells it is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub kind: ColumnKind,
    pub width: u16,
}

/// The fewest columns the requester's name keeps while any other column can still go.
pub const MIN_NAME: u16 = 12;

/// The gap between two columns.
pub const SPACING: u16 = 1;

/// The length of a reference in a register's first ten thousand requests (DSR-2026-0001);
/// longer ones (DSR-2026-10379) widen the column rather than lose their last digit.
pub const REFERENCE_LEN: u16 = 13;

/// From this width on, the assignee, channel and identity columns are shown.
pub const WIDE: u16 = 160;

/// The columns dropped first when they do not fit, first to go first: contact, channel and
/// received before any of the wide-terminal extras would crowd the name.
const DROP_ORDER: [ColumnKind; 8] = [
    ColumnKind::Identity,
    ColumnKind::Assignee,
    ColumnKind::Contact,
    ColumnKind::Channel,
    ColumnKind::Received,
    ColumnKind::Due,
    ColumnKind::Rights,
    ColumnKind::Countdown,
];

/// The fixed width of every column but the requester's, at a terminal `width` wide, with
/// references of `reference_len` characters.
fn fixed_width(kind: ColumnKind, width: u16, reference_len: u16) -> u16 {
    match kind {
        // "●" for unread, then the whole reference: two requests never look the same.
        ColumnKind::Reference => 1 + reference_len.max(REFERENCE_LEN),
        ColumnKind::Received | ColumnKind::Due => 8,
        ColumnKind::Requester => 0,
        // An e-mail address; roomier when the terminal is.
        ColumnKind::Contact if width >= 200 => 34,
        ColumnKind::Contact if width >= WIDE => 24,
        ColumnKind::Contact => 22,
        ColumnKind::Channel => 7,
        ColumnKind::Assignee => 12,
        // Three rights as abbreviations ("ACC ERA POR").
        ColumnKind::Rights => 11,
        // "answered 12 d late", "awaiting ID, ext."; one less where every column counts.
        ColumnKind::Status if width >= 100 => 18,
        ColumnKind::Status => 17,
        ColumnKind::Identity => 12,
        // "12 wd overdue"
        ColumnKind::Countdown => 13,
    }
}

/// The columns a terminal `width` wide shows, in table order, each with its width, for
/// references up to `reference_len` characters long; their widths and the gaps between them
/// add up to at most `width`.
pub fn columns_for(width: u16, reference_len: u16) -> Vec<Column> {
    use ColumnKind::*;
    if width >= WIDE {
        fit(
            &[
                Reference, Received, Requester, Contact, Channel, Assignee, Rights, Status,
                Identity, Due, Countdown,
            ],
            width,
            reference_len,
        )
    } else {
        fit(
            &[
                Reference, Received, Requester, Contact, Rights, Status, Due, Countdown,
            ],
            width,
            reference_len,
        )
    }
}

/// `wanted` less the columns that do not fit in `width` (in [`DROP_ORDER`]), the name
/// widened to fill the rest.
fn fit(wanted: &[ColumnKind], width: u16, reference_len: u16) -> Vec<Column> {
    use ColumnKind::*;
    let mut kinds = wanted.to_vec();
    let needed = |kinds: &[ColumnKind]| -> u32 {
        let fixed: u32 = kinds
            .iter()
            .map(|k| fixed_width(*k, width, reference_len) as u32)
            .sum();
        let gaps = kinds.len().saturating_sub(1) as u32 * SPACING as u32;
        fixed + gaps + MIN_NAME as u32
    };
    for drop in DROP_ORDER {
        if needed(&kinds) <= width as u32 {
            break;
        }
        kinds.retain(|k| *k != drop);
    }
    let others: u32 = needed(&kinds) - MIN_NAME as u32;
    let name = (width as u32).saturating_sub(others) as u16;
    kinds
        .into_iter()
        .map(|kind| Column {
            kind,
            width: if kind == Requester {
                name
            } else {
                fixed_width(kind, width, reference_len)
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::ColumnKind::*;
    use super::*;

    fn kinds(width: u16) -> Vec<ColumnKind> {
        columns_for(width, REFERENCE_LEN)
            .iter()
            .map(|c| c.kind)
            .collect()
    }

    fn name_width(width: u16) -> u16 {
        columns_for(width, REFERENCE_LEN)
            .iter()
            .find(|c| c.kind == Requester)
            .map(|c| c.width)
            .unwrap_or(0)
    }

    #[test]
    fn the_columns_fit_and_the_name_keeps_twelve_at_every_width() {
        for width in [60, 80, 100, 120, 160, 200, 250] {
            let columns = columns_for(width, REFERENCE_LEN);
            let used: u16 =
                columns.iter().map(|c| c.width).sum::<u16>() + (columns.len() as u16 - 1) * SPACING;
            assert!(used <= width, "{width}: {used} columns used, {columns:?}");
            assert!(
                name_width(width) >= MIN_NAME,
                "{width}: the name has {} columns",
                name_width(width)
            );
            // Nothing is wasted: the name takes whatever the others leave.
            assert_eq!(used, width, "{width}: {columns:?}");
        }
    }

    #[test]
    fn at_eighty_columns_contact_and_received_give_way_to_the_name() {
        assert_eq!(
            kinds(80),
            vec![Reference, Requester, Rights, Status, Due, Countdown]
        );
        assert!(name_width(80) >= MIN_NAME);
    }

    #[test]
    fn contact_goes_before_channel_and_channel_before_received() {
        let every = [
            Reference, Received, Requester, Contact, Channel, Assignee, Rights, Status, Identity,
            Due, Countdown,
        ];
        // Narrowing a terminal that shows everything, the three go in that order.
        let mut gone = Vec::new();
        for width in (60..=200).rev() {
            let k: Vec<ColumnKind> = fit(&every, width, REFERENCE_LEN)
                .iter()
                .map(|c| c.kind)
                .collect();
            for kind in [Contact, Channel, Received] {
                if !k.contains(&kind) && !gone.contains(&kind) {
                    gone.push(kind);
                }
            }
            let name = fit(&every, width, REFERENCE_LEN)
                .iter()
                .find(|c| c.kind == Requester)
                .map(|c| c.width);
            assert!(name >= Some(MIN_NAME), "{width}: {name:?}");
        }
        assert_eq!(gone, vec![Contact, Channel, Received]);
        // And the narrow terminal's own list loses contact before received.
        assert!(kinds(100).contains(&Received) && !kinds(100).contains(&Contact));
        assert!(kinds(120).contains(&Contact));
    }

    #[test]
    fn from_one_hundred_and_sixty_columns_more_appear() {
        for width in [160, 200, 250] {
            let k = kinds(width);
            for kind in [Assignee, Channel, Received, Identity, Contact] {
                assert!(k.contains(&kind), "{width}: no {kind:?} in {k:?}");
            }
        }
        for width in [80, 100, 120, 159] {
            let k = kinds(width);
            assert!(!k.contains(&Assignee), "{width}: {k:?}");
            assert!(!k.contains(&Identity), "{width}: {k:?}");
        }
    }

    #[test]
    fn the_name_takes_the_slack() {
        assert!(name_width(100) > name_width(80));
        assert!(name_width(250) > name_width(200));
        assert!(name_width(200) >= 40, "{}", name_width(200));
    }

    #[test]
    fn at_sixty_columns_the_essentials_remain() {
        let k = kinds(60);
        assert!(k.contains(&Reference) && k.contains(&Requester) && k.contains(&Status));
    }

    #[test]
    fn a_longer_reference_widens_its_column_and_the_rest_still_fit() {
        for width in [80, 120, 200] {
            let columns = columns_for(width, 14);
            let reference = columns
                .iter()
                .find(|c| c.kind == Reference)
                .map(|c| c.width);
            // The unread mark and all fourteen characters of DSR-2026-10379.
            assert_eq!(reference, Some(15), "{width}");
            let used: u16 =
                columns.iter().map(|c| c.width).sum::<u16>() + (columns.len() as u16 - 1) * SPACING;
            assert_eq!(used, width, "{width}: {columns:?}");
            assert!(
                columns
                    .iter()
                    .any(|c| c.kind == Requester && c.width >= MIN_NAME)
            );
        }
    }
}
