//! The customer commands as the command line spells them.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum CustomerCommand {
    /// Find customers by e-mail, phone, customer number or (part of) a name, best match first.
    Lookup {
        /// What to look for; several words are one query.
        query: Vec<String>,
        /// Look for the requester of this request (name, e-mail and phone together).
        #[arg(long, value_name = "REF", conflicts_with = "query")]
        request: Option<String>,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Show every record held about a customer, grouped by the privacy notice's categories.
    Records {
        customer_id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Link customers to a request (the person the request is about). A customer who does
    /// not match the requester on e-mail, phone or customer number needs identity verified
    /// or --reason.
    Link {
        reference: String,
        #[arg(required = true)]
        customer_ids: Vec<i64>,
        /// Why the link is right when no identifier matches (recorded in the audit trail).
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
    },
    /// Record that the customer records hold no data about the requester (the search found
    /// nobody): an erasure closes on it and an access request gets a negative confirmation.
    NoData {
        reference: String,
        /// Where was searched (e.g. "customer database, newsletter, support").
        #[arg(long, value_name = "TEXT")]
        searched: Option<String>,
    },
    /// Remove a customer linked to a request by mistake.
    Unlink { reference: String, customer_id: i64 },
    /// Erase the linked customers' data: shows the preview; --yes carries it out.
    Erase {
        reference: String,
        /// Carry the erasure out (in one transaction).
        #[arg(long)]
        yes: bool,
        /// With --yes: only if the plan is still the previewed one (its fingerprint).
        #[arg(long, value_name = "FINGERPRINT", requires = "yes")]
        plan: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Correct one field of a linked customer's data (Art. 16).
    Rectify {
        reference: String,
        #[arg(long)]
        customer: i64,
        #[arg(long)]
        table: String,
        #[arg(long)]
        field: String,
        /// The correct value.
        #[arg(long, required_unless_present = "empty")]
        value: Option<String>,
        /// Empty the field instead (NULL).
        #[arg(long, conflicts_with = "value")]
        empty: bool,
        /// The row, when the customer has several in the table.
        #[arg(long)]
        row: Option<i64>,
    },
    /// Restrict processing of the linked customers' data to storage (Art. 18).
    Restrict { reference: String },
    /// Lift the restriction of the linked customers (Art. 18(3)): tell the person first.
    Unrestrict {
        reference: String,
        /// When the person was told the restriction will be lifted (required).
        #[arg(long, value_name = "DATE")]
        told: Option<NaiveDate>,
    },
    /// Stop direct marketing to the linked customers, for good (Art. 21(3)).
    Object { reference: String },
    /// The Art. 19 checklist; with RECIPIENT, tick it off as notified.
    Notify {
        reference: String,
        recipient: Option<String>,
        /// When the recipient was notified (default: today).
        #[arg(long, value_name = "DATE")]
        date: Option<NaiveDate>,
        #[arg(long)]
        json: bool,
    },
    /// Write the access package: JSON, readable Markdown, a CSV per table and a manifest
    Access {
        reference: String,
        /// The folder (default: the request's folder under the exports folder).
        #[arg(short = 'o', long = "out", value_name = "DIR")]
        out: Option<PathBuf>,
        /// Replace files of an earlier package in the folder.
        #[arg(long)]
        force: bool,
        /// Nothing was found: write a negative confirmation (no customer linked).
        #[arg(long)]
        no_data: bool,
    },
    /// Write the portability export: the data the person provided, as JSON and CSV
    Portability {
        reference: String,
        /// The folder (default: the request's folder under the exports folder).
        #[arg(short = 'o', long = "out", value_name = "DIR")]
        out: Option<PathBuf>,
        /// Replace files of an earlier export in the folder.
        #[arg(long)]
        force: bool,
    },
    /// Use this customer database and data map (checked now) for every later command.
    Connect {
        customer_db: PathBuf,
        data_map: PathBuf,
    },
    /// Rows on legal hold whose keep-through date has passed; --run deletes them.
    Retention {
        /// Delete them in one transaction and record it on the requests that held them.
        #[arg(long)]
        run: bool,
        #[arg(long)]
        json: bool,
    },
    /// Rebuild the customer lookup index (after customers were added outside the desk).
    Reindex,
}
