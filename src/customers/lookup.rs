//! Finding a person: by e-mail, phone, customer number or name, every path an index seek
//! (no scan of the customer table), ranked, each result saying why it matched.

use std::collections::HashMap;

use serde::Serialize;

use super::index::{KIND_EMAIL, KIND_NUMBER, KIND_PHONE};
use super::lookup_sql::{NAME_SQL, ids};
use super::sql;
use super::{CustomerDb, Result};
use crate::domain::matching::{self, Hit, MatchField};
use crate::domain::normalize;
use crate::domain::request::Requester;

/// Name candidates ranked per query: enough to rank a common name's first page well, few
/// enough to stay in the low milliseconds at a million customers.
const NAME_CANDIDATES: i64 = 400;

/// A customer found by a lookup.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Match {
    pub customer_id: i64,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// The strongest reason: `email`, `phone`, `name` or `customer_number`.
    pub matched_on: MatchField,
    /// Whether that field matched whole (not a prefix, suffix or some of the words).
    pub exact: bool,
    /// Every reason, strongest first.
    pub hits: Vec<Hit>,
    pub score: u32,
    pub customer_number: Option<String>,
    pub restricted: bool,
}

impl Match {
    /// "email, name (partial)": every reason in words.
    pub fn reasons(&self) -> String {
        self.hits
            .iter()
            .map(|h| h.label())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Hits per customer while a lookup collects them.
#[derive(Default)]
struct Found(HashMap<i64, Vec<Hit>>);

impl Found {
    fn add(&mut self, id: i64, hit: Hit) {
        let hits = self.0.entry(id).or_default();
        if !hits.contains(&hit) {
            hits.push(hit);
        }
    }
}

impl CustomerDb {
    /// Looks up what an officer typed: an e-mail address, a phone number, a customer number
    /// or (part of) a name. Best match first, at most `limit`.
    pub fn lookup(&self, query: &str, limit: usize) -> Result<Vec<Match>> {
        let q = query.trim();
        let mut found = Found::default();
        if q.is_empty() {
            return Ok(Vec::new());
        }
        if q.contains('@') {
            self.by_email(q, &mut found, true)?;
        }
        self.by_phone(q, &mut found)?;
        if q.chars().any(|c| c.is_ascii_digit()) {
            self.by_number(q, &mut found)?;
        }
        if q.chars().any(char::is_alphabetic) && !q.contains('@') {
            self.by_name(q, &mut found, Some(limit))?;
        }
        self.finish(found, limit)
    }

    /// Finds the customers a request's requester may be: e-mail, phone and name together,
    /// so that several agreeing fields rank first. Used to prefill the lookup.
    pub fn lookup_requester(&self, requester: &Requester, limit: usize) -> Result<Vec<Match>> {
        let mut found = Found::default();
        if let Some(e) = requester.email.as_deref() {
            self.by_email(e, &mut found, false)?;
        }
        if let Some(p) = requester.phone.as_deref() {
            self.by_phone(p, &mut found)?;
        }
        // Whole words only: a full name that is the prefix of another ("Berg", "Berge") is
        // a different name.
        self.by_name(&requester.name, &mut found, None)?;
        self.finish(found, limit)
    }

    /// How the requester is tied to `customer_id` by a strong identifier: the same e-mail
    /// address, the same phone number, or a customer number quoted in the request's `text`.
    /// `None` when only the name matches, or nothing: such a link needs another reason.
    pub fn identifies(
        &self,
        requester: &Requester,
        text: Option<&str>,
        customer_id: i64,
    ) -> Result<Option<MatchField>> {
        let mut found = Found::default();
        if let Some(e) = requester.email.as_deref() {
            self.by_email(e, &mut found, false)?;
        }
        if let Some(p) = requester.phone.as_deref() {
            self.by_phone(p, &mut found)?;
        }
        // Words with digits in them may be customer numbers ("kundenummer K-100042").
        let words = text
            .unwrap_or("")
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '(' | ')'))
            .filter(|w| w.chars().filter(char::is_ascii_digit).count() >= 4)
            .take(20);
        for w in words {
            self.by_number(w, &mut found)?;
        }
        Ok(found.0.get(&customer_id).and_then(|hits| {
            hits.iter()
                .map(|h| h.field())
                .filter(|f| *f != MatchField::Name)
                .min()
        }))
    }

    fn by_email(&self, text: &str, found: &mut Found, prefix_too: bool) -> Result<()> {
        let key = normalize::email(text).unwrap_or_else(|| text.trim().to_lowercase());
        let exact = ids(&self.conn, KIND_EMAIL, &key, None)?;
        for id in &exact {
            found.add(*id, Hit::EmailExact);
        }
        if exact.is_empty() && prefix_too {
            // Typed so far: every address starting with it. U+10FFFF sorts after any text.
            for id in ids(
                &self.conn,
                KIND_EMAIL,
                &key,
                Some(&format!("{key}\u{10FFFF}")),
            )? {
                found.add(id, Hit::EmailPrefix);
            }
        }
        Ok(())
    }

    fn by_phone(&self, text: &str, found: &mut Found) -> Result<()> {
        let Some(q) = normalize::phone_query(text) else {
            return Ok(());
        };
        let exact = match &q.exact {
            Some(key) => ids(&self.conn, KIND_PHONE, key, None)?,
            None => Vec::new(),
        };
        for id in &exact {
            found.add(*id, Hit::PhoneExact);
        }
        let end = normalize::digit_range_end(&q.suffix);
        for id in ids(&self.conn, KIND_PHONE, &q.suffix, Some(&end))? {
            if !exact.contains(&id) {
                found.add(id, Hit::PhoneSuffix);
            }
        }
        Ok(())
    }

    fn by_number(&self, text: &str, found: &mut Found) -> Result<()> {
        if let Some(key) = normalize::customer_number(text) {
            for id in ids(&self.conn, KIND_NUMBER, &key, None)? {
                found.add(id, Hit::CustomerNumber);
            }
        }
        Ok(())
    }

    /// Whole words first, then words as prefixes unless whole words already filled the page
    /// (`prefixes_up_to`: the page size; `None`: whole words only). Each candidate is ranked
    /// against its name.
    fn by_name(&self, text: &str, found: &mut Found, prefixes_up_to: Option<usize>) -> Result<()> {
        let words = normalize::name_tokens(text);
        if words.is_empty() {
            return Ok(());
        }
        // Folded words are ASCII letters and digits only, so quoting makes them literal.
        let whole = words
            .iter()
            .map(|w| format!("\"{w}\""))
            .collect::<Vec<_>>()
            .join(" ");
        let prefix = words
            .iter()
            .map(|w| format!("\"{w}\"*"))
            .collect::<Vec<_>>()
            .join(" ");
        let (mut rows_seen, mut hits) = (0, 0);
        for (pass, query) in [whole, prefix].into_iter().enumerate() {
            // Prefix hits rank below whole-word hits: not needed once those fill the page.
            if pass == 1 && prefixes_up_to.is_none_or(|page| hits >= page) {
                break;
            }
            let mut stmt = self.conn.prepare_cached(NAME_SQL)?;
            let rows = stmt
                .query_map(rusqlite::params![query, NAME_CANDIDATES], |r| {
                    Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            for (id, name) in &rows {
                let tokens: Vec<String> = name.split(' ').map(str::to_string).collect();
                if let Some(hit) = matching::name_hit(&words, &tokens) {
                    found.add(*id, hit);
                    hits += 1;
                }
            }
            rows_seen += rows.len();
            if rows_seen >= NAME_CANDIDATES as usize {
                break;
            }
        }
        Ok(())
    }

    /// Ranks what was found and loads the shown fields of the first `limit`.
    fn finish(&self, found: Found, limit: usize) -> Result<Vec<Match>> {
        let mut scored: Vec<(u32, i64, Vec<Hit>)> = found
            .0
            .into_iter()
            .map(|(id, mut hits)| {
                hits.sort_by_key(|h| std::cmp::Reverse(h.points()));
                (matching::score(&hits), id, hits)
            })
            .collect();
        // Rank by score and id first (cheap), then load only what is shown.
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.truncate(limit);
        let mut out = Vec::with_capacity(scored.len());
        for (score, id, hits) in scored {
            let Some((name, number)) = sql::person_summary(&self.conn, &self.map, id)? else {
                continue;
            };
            let primary = hits.first().copied().unwrap_or(Hit::NamePrefix);
            out.push(Match {
                customer_id: id,
                name,
                email: sql::first_value(&self.conn, &self.map, id, |t| &t.email)?,
                phone: sql::first_value(&self.conn, &self.map, id, |t| &t.phone)?,
                matched_on: primary.field(),
                exact: primary.exact(),
                hits,
                score,
                customer_number: number,
                restricted: self.is_restricted(id)?,
            });
        }
        matching::rank(&mut out, |m| (m.score, m.name.as_str(), m.customer_id));
        Ok(out)
    }
}
