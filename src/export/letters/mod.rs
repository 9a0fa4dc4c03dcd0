//! Response letters from the templates in `assets/templates/` (compiled into the binary),
//! in bokmål or English. A letter is made only for a request it fits; every letter that
//! tells the person of a refusal, whole or partial, states the reasons, the right to complain
//! to Datatilsynet (with its address) and the right to go to court (Art. 12(4)) — checked
//! on the finished text, so an edited template cannot drop them.

pub mod language;
pub mod words;

use std::fmt;

use chrono::NaiveDate;
use minijinja::value::Serde;
use minijinja::{Environment, UndefinedBehavior, syntax::SyntaxConfig};
use serde::Serialize;

use super::ExportError;
use crate::config::Controller;
use crate::domain::request::{DecisionKind, RefusalGround, Request, Right};

use crate::domain::text::one_line;

/// The language of a letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Bokmål.
    Nb,
    /// Nynorsk.
    Nn,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Nb, Lang::Nn, Lang::En];

    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Nb => "nb",
            Lang::Nn => "nn",
            Lang::En => "en",
        }
    }

    /// The language's own name, as the desk shows it.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Nb => "bokmål",
            Lang::Nn => "nynorsk",
            Lang::En => "English",
        }
    }

    /// The next language, for a menu that steps through them.
    pub fn next(self) -> Lang {
        match self {
            Lang::Nb => Lang::Nn,
            Lang::Nn => Lang::En,
            Lang::En => Lang::Nb,
        }
    }

    /// What is written in this language, of what is given in each: nynorsk falls back to
    /// bokmål (the one rule every per-language text of the desk follows).
    pub fn pick<'a, T>(
        self,
        nb: Option<&'a T>,
        nn: Option<&'a T>,
        en: Option<&'a T>,
    ) -> Option<&'a T> {
        match self {
            Lang::Nb => nb,
            Lang::Nn => nn.or(nb),
            Lang::En => en,
        }
    }

    /// `nb` (also `no`, `norsk`, `bokmål`), `nn` (`nynorsk`) or `en`.
    pub fn parse(text: &str) -> Option<Lang> {
        match text.trim().to_lowercase().as_str() {
            "nb" | "no" | "nob" | "norsk" | "bokmål" | "bokmal" => Some(Lang::Nb),
            "nn" | "nno" | "nynorsk" => Some(Lang::Nn),
            "en" | "eng" | "english" => Some(Lang::En),
            _ => None,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The kinds of letter the desk writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LetterKind {
    Acknowledgement,
    Identity,
    Extension,
    Access,
    Erasure,
    Rectification,
    Restriction,
    Objection,
    Refusal,
    /// A reasonable fee: instead of refusing (Art. 12(5)(a)), or for further copies (15(3)).
    Fee,
}

impl LetterKind {
    pub const ALL: [LetterKind; 10] = [
        LetterKind::Acknowledgement,
        LetterKind::Identity,
        LetterKind::Extension,
        LetterKind::Access,
        LetterKind::Erasure,
        LetterKind::Rectification,
        LetterKind::Restriction,
        LetterKind::Objection,
        LetterKind::Refusal,
        LetterKind::Fee,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LetterKind::Acknowledgement => "acknowledgement",
            LetterKind::Identity => "identity",
            LetterKind::Extension => "extension",
            LetterKind::Access => "access",
            LetterKind::Erasure => "erasure",
            LetterKind::Rectification => "rectification",
            LetterKind::Restriction => "restriction",
            LetterKind::Objection => "objection",
            LetterKind::Refusal => "refusal",
            LetterKind::Fee => "fee",
        }
    }

    pub fn parse(text: &str) -> Option<LetterKind> {
        let t = text.trim().to_ascii_lowercase();
        let t = if t == "acknowledgment" {
            "acknowledgement"
        } else {
            &t
        };
        LetterKind::ALL.into_iter().find(|k| k.as_str() == t)
    }

    pub fn choices() -> String {
        LetterKind::ALL.map(|k| k.as_str()).join(", ")
    }

    /// The right a letter answers, for the kinds that answer one.
    fn right(self) -> Option<Right> {
        match self {
            LetterKind::Access => Some(Right::Access),
            LetterKind::Erasure => Some(Right::Erasure),
            LetterKind::Rectification => Some(Right::Rectification),
            LetterKind::Restriction => Some(Right::Restriction),
            LetterKind::Objection => Some(Right::Objection),
            _ => None,
        }
    }
}

impl fmt::Display for LetterKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What every letter needs besides the request.
#[derive(Debug, Clone)]
pub struct LetterSettings {
    pub controller: Controller,
    /// The letter's date (an Oslo date).
    pub today: NaiveDate,
    pub suspension_enabled: bool,
    pub templates: Templates,
}

/// The language a request is answered in: its own text's, else `default`.
pub fn language_of(request: &Request, default: Lang) -> Lang {
    request
        .original_text
        .as_deref()
        .and_then(language::detect)
        .unwrap_or(default)
}

/// What the case record shows, as far as a letter's wording depends on it. The case
/// workflow (`case::letters`) decides whether a letter may be written at all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LetterFacts {
    /// The access answer is a negative confirmation: nothing is processed, nothing enclosed.
    pub negative: bool,
    /// The erasure answer: no data was held, so nothing was erased.
    pub no_data: bool,
    /// The objection is to direct marketing (Art. 21(2)-(3)).
    pub marketing: bool,
    /// What the erasure kept under a legal obligation: the desk's own reason for keeping
    /// it is told in the letter's language, whatever language it was recorded in.
    pub kept: Option<crate::domain::erasure::KeptRecords>,
    /// The reasonable fee the fee letter tells of.
    pub fee: Option<FeeFacts>,
}

/// A fee as a letter tells it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FeeFacts {
    pub amount_nok: u32,
    /// Art. 15(3), for copies after the first; else Art. 12(5)(a), instead of a refusal.
    pub further_copies: bool,
    pub reason: String,
}

#[derive(Serialize)]
struct Context {
    controller: Controller,
    /// The subject line: what the letter is about.
    subject: String,
    date: String,
    reference: String,
    name: String,
    email: Option<String>,
    received: String,
    rights_text: String,
    one_month: String,
    due: String,
    extension: Option<ExtensionText>,
    identity: Option<IdentityText>,
    portability: bool,
    partial: bool,
    refusals: Vec<RefusalText>,
    negative: bool,
    no_data: bool,
    marketing: bool,
    /// The representative the letter goes to: one who showed a mandate, or one told that
    /// none was shown.
    to_agent: Option<String>,
    fee: Option<FeeFacts>,
    /// In what role the representative who showed a mandate acts ("forelder", "lawyer"):
    /// the letter says so, and that "you" means the person.
    agent_for: Option<String>,
}

#[derive(Serialize)]
struct ExtensionText {
    reason: String,
    notified: String,
    new_date: String,
}

#[derive(Serialize)]
struct IdentityText {
    reason: String,
    asked: String,
}

#[derive(Serialize)]
struct RefusalText {
    right: String,
    partial: bool,
    explanation: String,
    reason: String,
    /// The point of the law it rests on, in words (§ 16(1) letter, Art. 17(3) point).
    point: Option<String>,
    /// The keep-until date of records held by law.
    until: Option<String>,
}

macro_rules! templates {
    ($($name:literal),+ $(,)?) => {
        &[$(($name, include_str!(concat!("../../../assets/templates/", $name)))),+]
    };
}

/// Every template, compiled into the binary.
const TEMPLATES: &[(&str, &str)] = templates![
    "nb/_header.txt",
    "nb/_signature.txt",
    "nb/_refusals.txt",
    "nb/_remedies.txt",
    "nb/acknowledgement.txt",
    "nb/identity.txt",
    "nb/extension.txt",
    "nb/access.txt",
    "nb/erasure.txt",
    "nb/rectification.txt",
    "nb/restriction.txt",
    "nb/objection.txt",
    "nb/refusal.txt",
    "nb/fee.txt",
    "en/_header.txt",
    "en/_signature.txt",
    "en/_refusals.txt",
    "en/_remedies.txt",
    "en/acknowledgement.txt",
    "en/identity.txt",
    "en/extension.txt",
    "en/access.txt",
    "en/erasure.txt",
    "en/rectification.txt",
    "en/restriction.txt",
    "en/objection.txt",
    "en/refusal.txt",
    "en/fee.txt",
    "nn/_header.txt",
    "nn/_signature.txt",
    "nn/_refusals.txt",
    "nn/_remedies.txt",
    "nn/acknowledgement.txt",
    "nn/identity.txt",
    "nn/extension.txt",
    "nn/access.txt",
    "nn/erasure.txt",
    "nn/rectification.txt",
    "nn/restriction.txt",
    "nn/objection.txt",
    "nn/refusal.txt",
    "nn/fee.txt",
];

/// What a letter telling of a refusal must always contain (legal-rules.md §3): where to
/// complain, and that the courts are open.
pub fn remedy_statements(lang: Lang) -> [&'static str; 6] {
    [
        "Datatilsynet",
        "Postboks 458 Sentrum",
        "0105 Oslo",
        "postkasse@datatilsynet.no",
        "www.datatilsynet.no",
        match lang {
            Lang::Nb => "domstolene",
            Lang::Nn => "domstolane",
            Lang::En => "courts",
        },
    ]
}

/// Where letter templates come from: the shipped ones, compiled into the binary, each
/// replaced by a file of the same name (`nb/access.txt`, `nn/_remedies.txt`) in the folder
/// the config's `templates` names. An edited template still cannot drop what the law
/// requires: `render` checks the finished text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Templates {
    folder: Option<std::path::PathBuf>,
}

impl Templates {
    /// Only the shipped templates.
    pub fn shipped() -> Templates {
        Templates::default()
    }

    /// The shipped templates, overridden by the files in `folder` (when there is one).
    pub fn overridden_by(folder: Option<std::path::PathBuf>) -> Templates {
        Templates { folder }
    }

    /// The shipped template called `name`.
    pub fn shipped_source(name: &str) -> Option<&'static str> {
        TEMPLATES.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
    }

    pub(crate) fn environment(&self) -> Result<Environment<'static>, ExportError> {
        let fail = |e: minijinja::Error| ExportError::Render(e.to_string());
        let mut env = Environment::new();
        env.set_syntax(
            SyntaxConfig::builder()
                .trim_blocks(true)
                .lstrip_blocks(true)
                .keep_trailing_newline(true)
                .build()
                .map_err(fail)?,
        );
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        // minijinja's path loader refuses names that climb out of the folder.
        let own = self.folder.clone().map(minijinja::path_loader);
        env.set_loader(move |name| {
            if let Some(own) = &own
                && let Some(source) = own(name)?
            {
                return Ok(Some(source));
            }
            Ok(Templates::shipped_source(name).map(minijinja::TemplateSource::new))
        });
        Ok(env)
    }
}

/// The refusals a letter tells of: all of them in a refusal letter, else its right's.
fn covers(kind: LetterKind, right: Option<Right>) -> bool {
    match kind {
        LetterKind::Refusal => true,
        LetterKind::Access => matches!(right, Some(Right::Access | Right::Portability)),
        _ => right.is_some() && right == kind.right(),
    }
}

/// The representative a letter goes to instead of the person (legal-rules §3, §3a): one
/// who showed a mandate gets every letter, naming the person it concerns; one who did not
/// gets only the refusal for want of a mandate, which says what mandate to send. None: the
/// letter goes to the person.
pub fn addressed_to_agent(kind: LetterKind, request: &Request) -> Option<String> {
    let agent = request
        .agent
        .as_deref()
        .map(|a| one_line(a.trim()))
        .filter(|a| !a.is_empty())?;
    if request.agent_with_mandate().is_some() {
        return Some(agent);
    }
    request
        .decisions
        .iter()
        .any(|d| {
            d.ground == Some(crate::domain::request::RefusalGround::NoAuthorityAgent)
                && covers(kind, d.right)
        })
        .then_some(agent)
}

/// The letter of `kind` for `request` in `lang`. Whether it may be written is the case
/// workflow's to say; this renders what it is given.
pub fn render(
    kind: LetterKind,
    request: &Request,
    lang: Lang,
    settings: &LetterSettings,
    facts: &LetterFacts,
) -> Result<String, ExportError> {
    let d = request.deadline(settings.suspension_enabled);
    let rights: Vec<&str> = request
        .rights
        .iter()
        .map(|r| words::right(*r, lang))
        .collect();
    let covers = |right: Option<Right>| covers(kind, right);
    let agent = addressed_to_agent(kind, request);
    let to_agent = agent.is_some();
    let person = one_line(request.requester.name.trim());
    let refusals: Vec<RefusalText> = request
        .decisions
        .iter()
        .filter(|x| matches!(x.kind, DecisionKind::Refused | DecisionKind::Partial))
        .filter(|x| covers(x.right))
        .filter_map(|x| {
            let ground = x.ground?;
            Some(RefusalText {
                right: words::right_heading(x.right, lang),
                partial: x.kind == DecisionKind::Partial,
                explanation: match ground {
                    crate::domain::request::RefusalGround::NoAuthorityAgent if to_agent => {
                        words::mandate_to_send(&person, lang)
                    }
                    _ => words::ground(ground, lang).to_string(),
                },
                reason: one_line(&reason_in(lang, ground, x.reason.as_deref(), facts)),
                point: x
                    .point
                    .as_deref()
                    .and_then(|p| words::point(x.ground?, p, lang)),
                until: x.until.map(|u| words::date(u, lang)),
            })
        })
        .collect();
    let context = Context {
        subject: words::title(kind, lang).to_string(),
        fee: facts.fee.as_ref().map(|f| FeeFacts {
            reason: one_line(f.reason.trim()),
            ..f.clone()
        }),
        agent_for: request
            .agent_with_mandate()
            .map(|_| words::agent_role(request.agent_role, lang).to_string()),
        controller: Controller {
            name: one_line(&settings.controller.name),
            org_number: one_line(&settings.controller.org_number),
            privacy_email: one_line(&settings.controller.privacy_email),
            address: one_line(&settings.controller.address),
        },
        date: words::date(settings.today, lang),
        reference: one_line(&request.reference),
        name: one_line(request.requester.name.trim()),
        email: request.requester.email.as_deref().map(one_line),
        received: words::date(request.receipt_date(), lang),
        rights_text: words::list(&rights, lang),
        one_month: words::date(d.deadline, lang),
        due: words::date(d.in_force, lang),
        extension: request.extension.as_ref().map(|e| ExtensionText {
            reason: one_line(e.reason.trim()),
            notified: words::date(e.notified, lang),
            new_date: words::date(d.extended.unwrap_or(d.in_force), lang),
        }),
        identity: request.suspension.as_ref().map(|s| IdentityText {
            reason: one_line(s.reason.trim()),
            asked: words::date(s.requested, lang),
        }),
        portability: kind == LetterKind::Access && request.rights.contains(&Right::Portability),
        partial: refusals.iter().any(|r| r.partial),
        refusals,
        negative: facts.negative,
        no_data: facts.no_data,
        marketing: facts.marketing,
        to_agent: agent,
    };
    let name = format!("{}/{}.txt", lang.as_str(), kind.as_str());
    let env = settings.templates.environment()?;
    let text = env
        .get_template(&name)
        .and_then(|t| t.render(Serde(&context)))
        .map_err(|e| ExportError::Render(e.to_string()))?;
    // A refusal, and a fee charged instead of one, can be complained of: the letter says how.
    let fee_reason = context.fee.as_ref().filter(|_| kind == LetterKind::Fee);
    if !context.refusals.is_empty() || fee_reason.is_some() {
        let missing: Vec<&str> = remedy_statements(lang)
            .iter()
            .copied()
            .chain(fee_reason.map(|f| f.reason.as_str()))
            .chain(context.refusals.iter().map(|r| r.reason.as_str()))
            .chain(context.refusals.iter().map(|r| r.explanation.as_str()))
            .chain(context.refusals.iter().filter_map(|r| r.point.as_deref()))
            .filter(|s| !text.contains(s))
            .collect();
        if !missing.is_empty() {
            return Err(ExportError::Render(format!(
                "the {kind} letter ({lang}) tells of a refusal but lacks: {}",
                missing.join("; ")
            )));
        }
    }
    Ok(tidy(&text))
}

/// The reason a decision gives, as the letter in `lang` tells it. An officer's words are
/// theirs, as written; the reason the desk itself wrote for what an erasure kept is
/// written again in the letter's language.
fn reason_in(
    lang: Lang,
    ground: RefusalGround,
    reason: Option<&str>,
    facts: &LetterFacts,
) -> String {
    let reason = reason.unwrap_or("").trim();
    match &facts.kept {
        Some(kept)
            if ground == RefusalGround::ErasureLegalObligation
                && Lang::ALL
                    .iter()
                    .any(|l| words::kept_reason(kept, *l) == reason) =>
        {
            words::kept_reason(kept, lang)
        }
        _ => reason.to_string(),
    }
}

/// At most one blank line in a row, and one newline at the end.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 1 || out.is_empty() {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// The file name of a letter: `DSR-2026-0042-refusal-nb.txt`.
pub fn file_name(reference: &str, kind: LetterKind, lang: Lang) -> String {
    super::files::safe_file_name(&format!("{reference}-{kind}-{lang}.txt"))
}

#[cfg(test)]
mod tests;
