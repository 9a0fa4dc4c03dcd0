//! The data map: which tables of a customer database hold personal data, how each links to a
//! person, and what the privacy notice says about it (category, purpose, legal basis,
//! retention, recipients) and what each right does to it. Parsed from TOML; checked against
//! the database's schema by [`super::datamap_check`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::retention::{FiscalYearEnd, Retention};

/// The whole data map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataMap {
    pub title: String,
    #[serde(default)]
    pub fiscal_year_end: FiscalYearEnd,
    /// Where data not collected from the person comes from (Art. 15(1)(g)).
    pub source: String,
    /// Automated decisions and profiling, or that there are none (Art. 15(1)(h)).
    pub automated_decisions: String,
    /// Transfers outside the EU/EEA and their safeguards (Art. 15(2)).
    pub transfers: String,
    /// The texts above in bokmål and nynorsk (the ones given here are English).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nb: Option<Words>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nn: Option<Words>,
    pub person: PersonMap,
    pub suppression: Option<SuppressionMap>,
    #[serde(default)]
    pub recipients: Vec<Recipient>,
    pub tables: Vec<TableMap>,
}

/// The table with one row per person, and its identifying columns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonMap {
    pub table: String,
    /// The key other tables refer to.
    pub key: String,
    /// Columns joined with spaces to make the display (and searchable) name.
    pub name: Vec<String>,
    pub customer_number: Option<String>,
    /// Set to 1 while processing is restricted (Art. 18).
    pub restricted_column: Option<String>,
}

/// The marketing suppression list an objection adds to (Art. 21(3)): a hash of the e-mail
/// address, so the list keeps working without keeping the address.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SuppressionMap {
    pub table: String,
    pub email_hash_column: String,
    pub date_column: String,
    pub reason_column: Option<String>,
}

/// A recipient or processor named in the privacy notice (Art. 15(1)(c), Art. 19).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recipient {
    pub id: String,
    pub name: String,
    /// The company's legal name: the person is told recipients by name (CJEU C-154/21).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_name: Option<String>,
    pub role: String,
    pub location: String,
    /// The role and location in bokmål and nynorsk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nb: Option<Words>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nn: Option<Words>,
}

/// What the person reads, in one more language than the map's own (English): a table's
/// title, purpose and retention; a recipient's role and location; the map's source,
/// automated decisions and transfers. What is left out is told in English.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    pub title: Option<String>,
    pub purpose: Option<String>,
    pub retention: Option<String>,
    pub role: Option<String>,
    pub location: Option<String>,
    pub source: Option<String>,
    pub automated_decisions: Option<String>,
    pub transfers: Option<String>,
}

/// One table holding personal data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableMap {
    pub name: String,
    pub title: String,
    /// What one row is called when the person is told how many are kept; without it, the
    /// title stands in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_name: Option<RecordName>,
    /// What each column is called when the person reads their data, per language, e.g.
    /// `labels.customer_no = { nb = "Kundenummer", en = "Customer number" }`. A column
    /// without one is named in readable words made from its name.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub labels: std::collections::BTreeMap<String, Label>,
    pub category: Category,
    /// The column holding the person's key (for the person table: the key itself).
    pub person_column: String,
    pub purpose: String,
    #[serde(deserialize_with = "one_or_many")]
    pub basis: Vec<LegalBasis>,
    pub retention: Retention,
    #[serde(default)]
    pub recipients: Vec<String>,
    /// Given by the person or observed from their use (portability, Art. 20(1)).
    pub provided_by_person: bool,
    #[serde(default)]
    pub email: Vec<String>,
    #[serde(default)]
    pub phone: Vec<String>,
    pub erasure: Erasure,
    /// Set to 1 on rows kept on legal hold, so nothing but storage uses them.
    pub restricted_column: Option<String>,
    /// Used for direct marketing, profiling and analysis for marketing included. An objection
    /// to direct marketing stops every such use at once (Art. 21(3)), as `on_objection` says;
    /// a marketing table must say it.
    #[serde(default)]
    pub marketing: bool,
    /// How an objection to direct marketing stops a marketing table's use.
    pub on_objection: Option<OnObjection>,
    /// Columns of personal data that can be wrong and may be corrected (Art. 16). Without
    /// the list: the columns the map already names as identifying (e-mail, phone, and the
    /// person table's name columns).
    pub rectifiable: Option<Vec<String>>,
    /// The title, purpose and retention in bokmål and nynorsk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nb: Option<Words>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nn: Option<Words>,
}

/// A table's rows named in the letters' languages, e.g.
/// `{ nb = ["faktura", "fakturaer"], en = ["invoice", "invoices"] }`. A language left out
/// falls back to the table's title (nynorsk first to bokmål).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordName {
    pub nb: Option<Noun>,
    /// Nynorsk; bokmål's when left out.
    pub nn: Option<Noun>,
    pub en: Option<Noun>,
}

/// A column's name for the person, per language (nynorsk falls back to bokmål).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Label {
    pub nb: Option<String>,
    pub nn: Option<String>,
    pub en: Option<String>,
    /// The column holds 1 for yes and 0 for no, and the person reads "ja"/"nei".
    #[serde(default)]
    pub yes_no: bool,
}

/// A noun in the singular and the plural, written `["invoice", "invoices"]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<String>", into = "Vec<String>")]
pub struct Noun {
    pub one: String,
    pub many: String,
}

impl Noun {
    /// The form that goes with `count`.
    pub fn counted(&self, count: usize) -> &str {
        if count == 1 { &self.one } else { &self.many }
    }
}

impl TryFrom<Vec<String>> for Noun {
    type Error = String;

    fn try_from(words: Vec<String>) -> Result<Self, String> {
        match words.as_slice() {
            [one, many] if !one.trim().is_empty() && !many.trim().is_empty() => Ok(Noun {
                one: one.trim().to_string(),
                many: many.trim().to_string(),
            }),
            _ => Err(format!(
                "a record name is [singular, plural] like [\"invoice\", \"invoices\"], not {words:?}"
            )),
        }
    }
}

impl From<Noun> for Vec<String> {
    fn from(n: Noun) -> Vec<String> {
        vec![n.one, n.many]
    }
}

/// What erasure does to a table's rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Erasure {
    Delete,
    /// Overwrite the identifying columns; the row stays (e.g. so held invoices keep a customer).
    Anonymise {
        #[serde(default)]
        set: BTreeMap<String, FieldValue>,
        /// Columns set to NULL.
        #[serde(default)]
        clear: Vec<String>,
    },
    /// Keep rows still inside their retention (restricted), delete the rest.
    Hold,
}

/// How an objection to direct marketing stops a marketing table's use, one of two ways:
/// columns set (fixed values, and date columns set to the day), so the rows stay but are used
/// for marketing no more (an unsubscribe flag); or `delete = true`, the rows deleted, for data
/// nothing but marketing uses (a marketing profile, campaign statistics).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OnObjection {
    #[serde(default)]
    pub set: BTreeMap<String, FieldValue>,
    #[serde(default)]
    pub today: Vec<String>,
    #[serde(default)]
    pub delete: bool,
}

impl OnObjection {
    /// The columns it sets, fixed values first.
    pub fn columns(&self) -> Vec<&str> {
        self.set
            .keys()
            .chain(&self.today)
            .map(String::as_str)
            .collect()
    }
}

/// A value written into a column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FieldValue {
    Bool(bool),
    Integer(i64),
    Real(f64),
    Text(String),
}

macro_rules! spelled {
    ($(#[$m:meta])* $name:ident { $($v:ident = $word:literal, $label:literal, $extra:literal;)+ }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub enum $name { $($v),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$v),+];
            /// The spelling in the data map and in JSON.
            pub fn as_str(self) -> &'static str { match self { $($name::$v => $word),+ } }
            /// The privacy notice's words.
            pub fn label(self) -> &'static str { match self { $($name::$v => $label),+ } }
            fn extra(self) -> &'static str { match self { $($name::$v => $extra),+ } }
        }

        impl TryFrom<String> for $name {
            type Error = String;
            fn try_from(text: String) -> Result<Self, String> {
                let t = text.trim().to_lowercase().replace('_', "-");
                Self::ALL.iter().copied()
                    .find(|v| v.as_str() == t || (!v.extra().is_empty() && v.extra() == t))
                    .ok_or_else(|| format!("unknown {} '{}'; use one of: {}", stringify!($name),
                        text, Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")))
            }
        }

        impl From<$name> for String {
            fn from(v: $name) -> String { v.as_str().to_string() }
        }
    };
}

spelled! {
    /// The categories of personal data in the privacy notice, in its order.
    Category {
        Basic = "basic", "Basic information", "";
        Contact = "contact", "Contact information", "";
        CustomerActivity = "customer-activity", "Customer activity", "activity";
        Cookies = "cookies", "Cookies", "";
        Sales = "sales", "Sales records", "";
        Marketing = "marketing", "Marketing", "";
    }
}

spelled! {
    /// The legal bases of Art. 6(1) a table's processing rests on.
    LegalBasis {
        Consent = "consent", "Art. 6(1)(a) consent", "6(1)(a)";
        Contract = "contract", "Art. 6(1)(b) contract", "6(1)(b)";
        LegalObligation = "legal-obligation", "Art. 6(1)(c) legal obligation", "6(1)(c)";
        LegitimateInterest = "legitimate-interest", "Art. 6(1)(f) legitimate interest", "6(1)(f)";
    }
}

fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<LegalBasis>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    let words = match OneOrMany::deserialize(d)? {
        OneOrMany::One(b) => vec![b],
        OneOrMany::Many(v) => v,
    };
    words
        .into_iter()
        .map(|w| LegalBasis::try_from(w).map_err(serde::de::Error::custom))
        .collect()
}

/// What a column holds, as far as checking a corrected value goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    Email,
    Phone,
    Text,
}

impl ValueKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ValueKind::Email => "email",
            ValueKind::Phone => "phone",
            ValueKind::Text => "text",
        }
    }

    pub fn parse(text: &str) -> ValueKind {
        match text {
            "email" => ValueKind::Email,
            "phone" => ValueKind::Phone,
            _ => ValueKind::Text,
        }
    }

    /// Refuses a corrected value that cannot be right for the column. Emptying is checked
    /// by nobody here: the person may ask for a field to be removed.
    pub fn check(self, value: &str) -> Result<(), String> {
        match self {
            ValueKind::Email => super::normalize::check_email(value).map(drop),
            ValueKind::Phone => super::normalize::check_phone(value).map(drop),
            ValueKind::Text => Ok(()),
        }
    }
}

impl TableMap {
    /// What `column` holds: an e-mail address or phone number the map names, or text.
    pub fn value_kind(&self, column: &str) -> ValueKind {
        let named = |cols: &[String]| cols.iter().any(|c| c.eq_ignore_ascii_case(column));
        if named(&self.email) {
            ValueKind::Email
        } else if named(&self.phone) {
            ValueKind::Phone
        } else {
            ValueKind::Text
        }
    }

    /// Portability covers data the person provided, processed on consent or contract.
    pub fn portable(&self) -> bool {
        self.provided_by_person
            && self
                .basis
                .iter()
                .any(|b| matches!(b, LegalBasis::Consent | LegalBasis::Contract))
    }

    pub fn basis_label(&self) -> String {
        self.basis
            .iter()
            .map(|b| b.label())
            .collect::<Vec<_>>()
            .join("; ")
    }
}

impl DataMap {
    /// Parses a data map; the error names the line and what is wrong.
    pub fn parse(text: &str) -> Result<DataMap, String> {
        let map: DataMap = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| {
                let before = text.get(..s.start).unwrap_or(text);
                before.matches('\n').count() + 1
            });
            match line {
                Some(l) => format!("line {l}: {}", e.message().trim()),
                None => e.message().trim().to_string(),
            }
        })?;
        // Each table's problems name the line of its [[tables]] header, like a syntax error.
        let lines = table_lines(text, map.tables.len());
        let mut problems = super::datamap_check::map_problems(&map);
        for (i, t) in map.tables.iter().enumerate() {
            for p in super::datamap_check::table_problems(&map, t) {
                problems.push(match lines.get(i) {
                    Some(line) => format!("line {line}: {p}"),
                    None => p,
                });
            }
        }
        if problems.is_empty() {
            Ok(map)
        } else {
            Err(problems.join("; "))
        }
    }

    /// The tables an objection to direct marketing stops, in the map's order.
    pub fn marketing_tables(&self) -> impl Iterator<Item = &TableMap> {
        self.tables.iter().filter(|t| t.marketing)
    }

    pub fn table(&self, name: &str) -> Option<&TableMap> {
        self.tables
            .iter()
            .find(|t| t.name.eq_ignore_ascii_case(name))
    }

    /// The columns of `t` that may be rectified, as the map spells them.
    pub fn rectifiable<'a>(&'a self, t: &'a TableMap) -> Vec<&'a str> {
        if let Some(list) = &t.rectifiable {
            return list.iter().map(String::as_str).collect();
        }
        let mut cols: Vec<&str> = Vec::new();
        if t.name.eq_ignore_ascii_case(&self.person.table) {
            cols.extend(self.person.name.iter().map(String::as_str));
        }
        cols.extend(t.email.iter().chain(&t.phone).map(String::as_str));
        cols
    }

    pub fn person_table(&self) -> Option<&TableMap> {
        self.table(&self.person.table)
    }

    pub fn recipient(&self, id: &str) -> Option<&Recipient> {
        self.recipients
            .iter()
            .find(|r| r.id.eq_ignore_ascii_case(id))
    }
}

/// The line of each `[[tables]]` header, when there is one per table (an inline array of
/// tables has none, and then no lines are given).
fn table_lines(text: &str, tables: usize) -> Vec<usize> {
    let lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| {
            let code = l.split('#').next().unwrap_or_default();
            code.split_whitespace().collect::<String>() == "[[tables]]"
        })
        .map(|(i, _)| i + 1)
        .collect();
    if lines.len() == tables {
        lines
    } else {
        Vec::new()
    }
}
