//! The work behind the desk's actions, one kind per file, each a thin caller of the case
//! workflow (`src/case/`): customer records, the lookup, carrying out rights, exports.
//! Called only from `update`.

pub mod customer_rights;
pub mod customers;
pub mod export;
pub mod lookup;
