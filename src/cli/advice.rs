//! What moves a failed command forward on the command line: the command to run. The case
//! workflow and the store say what the law or the register needs; this says how, here.

use crate::domain::request::RefusalGround;

use super::register;

/// The command that moves a failed command forward, for its error line.
pub fn advice_for(e: &anyhow::Error) -> Option<String> {
    if let Some(case) = e.downcast_ref::<crate::case::CaseError>() {
        return advice(case);
    }
    if let Some(store) = e.downcast_ref::<crate::store::StoreError>() {
        return register::advice(store);
    }
    match e.downcast_ref::<crate::customers::CustomerError>()? {
        crate::customers::CustomerError::NotConnected => Some(CONNECT.into()),
        crate::customers::CustomerError::FileExists(_) => Some(REPLACE.into()),
        _ => None,
    }
}

const REPLACE: &str = "replace it with --force, or move it away";

const CONNECT: &str = "`dsr-desk connect CUSTOMER_DB DATA_MAP`, or `dsr-desk demo` for the demo";

/// The command that moves a refused case forward, for the command line's error line. The
/// case says what the law needs; this says how to do it here.
pub fn advice(e: &crate::case::CaseError) -> Option<String> {
    use crate::case::CaseError::*;
    Some(match e {
        Closed { reference, .. } => format!("dsr-desk reopen {reference} --reason ..."),
        NoLinkedCustomer { reference } => format!(
            "find them with `dsr-desk lookup --request {reference}`, then `dsr-desk link {reference} CUSTOMER_ID`"
        ),
        UnsoundLink {
            reference,
            customer_id,
        } => format!(
            "`dsr-desk identity {reference} --status verified --method ...`, or `dsr-desk link {reference} {customer_id} --reason ...`"
        ),
        NothingErased { reference } => format!(
            "`dsr-desk erase {reference}` carries it out; `dsr-desk no-data {reference}` records that nothing is held"
        ),
        IdentityPending { reference, .. } => {
            format!("`dsr-desk identity {reference} --status verified|failed --method ...`")
        }
        DataHeld { reference } => format!("`dsr-desk unlink {reference} CUSTOMER_ID`"),
        NoController => {
            "`dsr-desk settings --name ORG --org-number N --email E` stores them".into()
        }
        NotAsked { reference, .. } => {
            format!("`dsr-desk rights {reference} --right ...` records the rights asked for")
        }
        Customer(crate::customers::CustomerError::NotConnected) => CONNECT.into(),
        Customer(crate::customers::CustomerError::FileExists(_)) => REPLACE.into(),
        GroundNeedsFacts { ground, .. } => match ground {
            RefusalGround::NationalRestriction => "--section16 a..f".into(),
            RefusalGround::ErasureOtherException => "--exception a|c|d".into(),
            RefusalGround::ErasureLegalObligation => "--partial ... --until YYYY-MM-DD".into(),
            _ => return None,
        },
        _ => return None,
    })
}
