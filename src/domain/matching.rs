//! Why a customer matched a search, and how the matches are ranked.
//!
//! A strong identifier (e-mail, customer number, whole phone number) outranks a name, and
//! several independent hits add up, so "same e-mail and same name" comes before "same name".

use serde::Serialize;

/// The identifying field a match was found on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchField {
    Email,
    CustomerNumber,
    Phone,
    Name,
}

impl MatchField {
    pub fn as_str(self) -> &'static str {
        match self {
            MatchField::Email => "email",
            MatchField::CustomerNumber => "customer_number",
            MatchField::Phone => "phone",
            MatchField::Name => "name",
        }
    }
}

/// One reason a customer matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Hit {
    /// The same address, ignoring case.
    EmailExact,
    /// The address starts with what was typed.
    EmailPrefix,
    CustomerNumber,
    /// The same number, country code included.
    PhoneExact,
    /// The same national digits (or the typed digits end the number).
    PhoneSuffix,
    /// The same words, in any order.
    NameExact,
    /// Every typed word is a whole word of the name.
    NameWords,
    /// Every typed word starts a word of the name.
    NamePrefix,
}

impl Hit {
    pub fn field(self) -> MatchField {
        match self {
            Hit::EmailExact | Hit::EmailPrefix => MatchField::Email,
            Hit::CustomerNumber => MatchField::CustomerNumber,
            Hit::PhoneExact | Hit::PhoneSuffix => MatchField::Phone,
            Hit::NameExact | Hit::NameWords | Hit::NamePrefix => MatchField::Name,
        }
    }

    /// Whether the field matched whole, not just in part.
    pub fn exact(self) -> bool {
        matches!(
            self,
            Hit::EmailExact | Hit::CustomerNumber | Hit::PhoneExact | Hit::NameExact
        )
    }

    /// How much the hit says about identity.
    pub fn points(self) -> u32 {
        match self {
            Hit::EmailExact | Hit::CustomerNumber => 100,
            Hit::PhoneExact => 90,
            Hit::PhoneSuffix => 70,
            Hit::NameExact => 50,
            Hit::NameWords => 40,
            Hit::EmailPrefix => 30,
            Hit::NamePrefix => 25,
        }
    }

    /// A short label: `email`, `name (partial)`.
    pub fn label(self) -> String {
        if self.exact() {
            self.field().as_str().to_string()
        } else {
            format!("{} (partial)", self.field().as_str())
        }
    }
}

/// The score of a set of hits: the best hit per field, summed.
pub fn score(hits: &[Hit]) -> u32 {
    let mut best = [0u32; 4];
    for h in hits {
        let slot = &mut best[h.field() as usize];
        *slot = (*slot).max(h.points());
    }
    best.iter().sum()
}

/// The strongest hit: what "matched on" shows first.
pub fn primary(hits: &[Hit]) -> Option<Hit> {
    hits.iter()
        .copied()
        .max_by_key(|h| (h.points(), std::cmp::Reverse(*h)))
}

/// How the folded words of a query match the folded words of a name, if they do.
pub fn name_hit(query: &[String], name: &[String]) -> Option<Hit> {
    if query.is_empty() {
        return None;
    }
    let mut q = query.to_vec();
    let mut n = name.to_vec();
    q.sort();
    n.sort();
    if q == n {
        return Some(Hit::NameExact);
    }
    if claims_distinct(query, name, |w, t| w == t) {
        return Some(Hit::NameWords);
    }
    if claims_distinct(query, name, |w, t| t.starts_with(w.as_str())) {
        return Some(Hit::NamePrefix);
    }
    None
}

/// Whether every query word can claim its own name word under `fits` ("per per" needs two
/// words "per"). Greedy is enough: names have a handful of words.
fn claims_distinct(
    query: &[String],
    name: &[String],
    fits: impl Fn(&String, &String) -> bool,
) -> bool {
    let mut used = vec![false; name.len()];
    // Longest words first so a short prefix does not take the word a longer one needs.
    let mut words: Vec<&String> = query.iter().collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words.into_iter().all(
        |w| match (0..name.len()).find(|&i| !used[i] && fits(w, &name[i])) {
            Some(i) => {
                used[i] = true;
                true
            }
            None => false,
        },
    )
}

/// Orders matches best first: score, then name, then id, so equal scores list stably.
pub fn rank<T>(items: &mut [T], key: impl Fn(&T) -> (u32, &str, i64)) {
    items.sort_by(|a, b| {
        let (sa, na, ia) = key(a);
        let (sb, nb, ib) = key(b);
        sb.cmp(&sa).then_with(|| na.cmp(nb)).then(ia.cmp(&ib))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::normalize::name_tokens;

    fn hit(q: &str, name: &str) -> Option<Hit> {
        name_hit(&name_tokens(q), &name_tokens(name))
    }

    #[test]
    fn names_match_whatever_the_case_diacritics_or_order() {
        assert_eq!(hit("Ase Overby", "Åse Øverby"), Some(Hit::NameExact));
        assert_eq!(hit("øverby åse", "Åse Øverby"), Some(Hit::NameExact));
        assert_eq!(hit("Overby", "Åse Øverby"), Some(Hit::NameWords));
        assert_eq!(hit("øver", "Åse Øverby"), Some(Hit::NamePrefix));
        assert_eq!(hit("as ov", "Åse Øverby"), Some(Hit::NamePrefix));
        assert_eq!(
            hit("verby", "Åse Øverby"),
            None,
            "inside a word is not a match"
        );
        assert_eq!(
            hit("Per Per", "Per Olav Dahl"),
            None,
            "each word needs its own"
        );
        assert_eq!(hit("per p", "Per Olav Pettersen"), Some(Hit::NamePrefix));
        assert_eq!(hit("", "Åse Øverby"), None);
    }

    #[test]
    fn identifiers_outrank_names_and_hits_add_up() {
        let email_and_name = score(&[Hit::EmailExact, Hit::NameExact]);
        let email = score(&[Hit::EmailExact]);
        let phone_and_name = score(&[Hit::PhoneExact, Hit::NameExact]);
        let name = score(&[Hit::NameExact]);
        assert!(email_and_name > phone_and_name);
        assert!(phone_and_name > email);
        assert!(email > name);
        assert_eq!(
            score(&[Hit::NameExact, Hit::NamePrefix]),
            name,
            "two hits on one field count once"
        );
        assert_eq!(
            primary(&[Hit::NameExact, Hit::PhoneSuffix]),
            Some(Hit::PhoneSuffix)
        );
        assert_eq!(Hit::PhoneSuffix.label(), "phone (partial)");
        assert_eq!(Hit::CustomerNumber.label(), "customer_number");
    }

    #[test]
    fn ranking_is_stable_for_equal_scores() {
        let mut items = vec![(50, "B", 2), (90, "Z", 9), (50, "A", 3), (50, "A", 1)];
        rank(&mut items, |t| (t.0, t.1, t.2));
        assert_eq!(
            items,
            vec![(90, "Z", 9), (50, "A", 1), (50, "A", 3), (50, "B", 2)]
        );
    }
}
