//! Resolving what the article says to whom it means: names to entities with
//! aliases, pronouns and descriptions to people, short outlet names to full ones.
//!
//! Lookups go through hash indexes (alias → entity, surname → people), and
//! searches over mentions are bounded, so resolution stays linear in the text.

use rustc_hash::FxHashMap as HashMap;

use super::ExtractedEntity;
use super::attribute::SourceRef;
use super::lexicon::{KNOWN_OUTLETS, KNOWN_PEOPLE, SETS};
use super::np::{ORG_HEADS, Subj};
use super::tokens::Doc;
use crate::model::{EntityKind, Source, Speaker};

/// How far back a pronoun or description looks for the person it means.
const LOOKBACK: usize = 60;

struct Ent {
    name: String,
    kind: EntityKind,
    aliases: Vec<String>,
    female: Option<bool>,
    /// The role the article first gave this person.
    role: Option<String>,
}

pub(crate) struct Resolver<'d> {
    doc: &'d Doc,
    ents: Vec<Ent>,
    /// (kind, normalised name or alias) → entity.
    by_alias: HashMap<(EntityKind, String), usize>,
    /// Normalised surname → people whose full name ends with it.
    by_surname: HashMap<String, usize>,
}

fn norm(s: &str) -> String {
    s.trim().replace('\u{2019}', "'").to_lowercase()
}

fn last_word(s: &str) -> &str {
    s.split_whitespace().last().unwrap_or(s)
}

fn known_person(surface: &str) -> Option<&'static super::lexicon::KnownPerson> {
    /// Every known person's normalised name and aliases.
    static INDEX: std::sync::LazyLock<rustc_hash::FxHashMap<String, usize>> =
        std::sync::LazyLock::new(|| {
            let mut m = rustc_hash::FxHashMap::default();
            for (i, k) in KNOWN_PEOPLE.iter().enumerate() {
                m.insert(norm(k.name), i);
                for a in k.aliases {
                    m.entry(norm(a)).or_insert(i);
                }
            }
            m
        });
    INDEX.get(&norm(surface)).map(|&i| &KNOWN_PEOPLE[i])
}

/// Gender from a first name or a role word; `None` when nothing says.
fn gender_of(name: &str, role: Option<&str>) -> Option<bool> {
    let first = name.split_whitespace().next().unwrap_or("").to_lowercase();
    if SETS.female.contains(first.as_str()) {
        return Some(true);
    }
    if SETS.male.contains(first.as_str()) {
        return Some(false);
    }
    if let Some(k) = known_person(name) {
        return Some(k.female);
    }
    let role = role.unwrap_or("").to_lowercase();
    for w in role.split(|c: char| !c.is_alphanumeric()) {
        if matches!(
            w,
            "spokeswoman"
                | "chairwoman"
                | "congresswoman"
                | "councilwoman"
                | "businesswoman"
                | "mrs"
                | "ms"
                | "queen"
                | "princess"
                | "dame"
                | "lady"
                | "mother"
                | "wife"
                | "daughter"
                | "sister"
                | "actress"
        ) {
            return Some(true);
        }
        if matches!(
            w,
            "spokesman"
                | "chairman"
                | "congressman"
                | "councilman"
                | "businessman"
                | "mr"
                | "king"
                | "prince"
                | "sir"
                | "lord"
                | "father"
                | "husband"
                | "son"
                | "brother"
                | "actor"
        ) {
            return Some(false);
        }
    }
    None
}

impl<'d> Resolver<'d> {
    pub(crate) fn new(doc: &'d Doc) -> Self {
        Resolver {
            doc,
            ents: Vec::new(),
            by_alias: HashMap::default(),
            by_surname: HashMap::default(),
        }
    }

    fn find(&self, kind: EntityKind, surface: &str) -> Option<usize> {
        self.by_alias.get(&(kind, norm(surface))).copied()
    }

    fn add_alias(&mut self, i: usize, alias: &str) {
        let key = (self.ents[i].kind, norm(alias));
        if self.by_alias.contains_key(&key) {
            // Known already: as this entity's name or alias, or (rarely) another's.
            return;
        }
        self.by_alias.insert(key, i);
        self.ents[i].aliases.push(alias.trim().to_string());
    }

    fn push(
        &mut self,
        name: String,
        kind: EntityKind,
        aliases: Vec<String>,
        female: Option<bool>,
    ) -> usize {
        let i = self.ents.len();
        self.ents.push(Ent {
            name: name.clone(),
            kind,
            aliases: Vec::new(),
            female,
            role: None,
        });
        self.by_alias.insert((kind, norm(&name)), i);
        for a in aliases {
            self.add_alias(i, &a);
        }
        if kind == EntityKind::Person && name.contains(' ') {
            self.by_surname.entry(norm(last_word(&name))).or_insert(i);
        }
        i
    }

    /// The entity for a person's name as written: "Ushakov" joins "Yuri Ushakov".
    fn person(&mut self, surface: &str, role: Option<&str>) -> usize {
        let surface = surface.trim();
        let i = if let Some(i) = self.find(EntityKind::Person, surface) {
            i
        } else if surface
            .split_whitespace()
            .rev()
            .skip(1)
            .all(|w| super::np::NAME_PARTICLES.contains(&w))
        {
            // A surname alone, with its particle: "Blasio", "de Blasio".
            match self.by_surname.get(&norm(last_word(surface))) {
                Some(&i) => i,
                None => self.new_person(surface),
            }
        } else if let Some(i) = self
            .find(EntityKind::Person, last_word(surface))
            .filter(|&i| !self.ents[i].name.contains(' '))
        {
            // The full name after the surname alone: the full name becomes canonical.
            let old = std::mem::replace(&mut self.ents[i].name, surface.to_string());
            self.add_alias(i, &old);
            self.by_alias.insert((EntityKind::Person, norm(surface)), i);
            self.by_surname.entry(norm(last_word(surface))).or_insert(i);
            i
        } else {
            self.new_person(surface)
        };
        self.add_alias(i, surface);
        if let Some(role) = role {
            // "President Trump" is a name too.
            let title = role.split_whitespace().last().unwrap_or("");
            if SETS.title.contains(title.to_lowercase().as_str())
                && title.chars().next().is_some_and(char::is_uppercase)
            {
                let titled = format!("{title} {}", last_word(surface));
                self.add_alias(i, &titled);
            }
            if self.ents[i].role.is_none() {
                self.ents[i].role = Some(role.to_string());
            }
        }
        if self.ents[i].female.is_none() {
            let name = self.ents[i].name.clone();
            self.ents[i].female = gender_of(surface, role).or_else(|| gender_of(&name, role));
        }
        i
    }

    fn new_person(&mut self, surface: &str) -> usize {
        match known_person(surface) {
            Some(k) => self.push(
                k.name.to_string(),
                EntityKind::Person,
                k.aliases.iter().map(|a| a.to_string()).collect(),
                Some(k.female),
            ),
            None => self.push(surface.to_string(), EntityKind::Person, Vec::new(), None),
        }
    }

    fn other(&mut self, name: &str, kind: EntityKind) -> usize {
        // An organisation that is also an outlet ("Twitter said", "Twitter
        // acknowledged") is one entity.
        let outlet = (kind == EntityKind::Organisation)
            .then(|| self.find(EntityKind::Outlet, name))
            .flatten();
        match self.find(kind, name).or(outlet) {
            Some(i) => i,
            None => self.push(name.trim().to_string(), kind, Vec::new(), None),
        }
    }

    /// Registers people named in the article, in reading order, so that
    /// later short names and pronouns find them.
    pub(crate) fn register<'s>(&mut self, mentions: impl IntoIterator<Item = &'s Subj>) {
        for m in mentions {
            if let Subj::Named { name, role, .. } = m {
                self.person(name, role.as_deref());
            }
        }
    }

    fn named_speaker(&mut self, name: &str, role: Option<&str>) -> Speaker {
        let i = self.person(name, role);
        Speaker {
            name: self.ents[i].name.clone(),
            role: role
                .map(str::to_string)
                .or_else(|| self.ents[i].role.clone()),
        }
    }

    /// The speakers a claim's subjects stand for. `mentions` are in reading order.
    pub(crate) fn speakers(&mut self, subjects: &[Subj], mentions: &[Subj]) -> Vec<Speaker> {
        let mut out: Vec<Speaker> = Vec::new();
        for s in subjects {
            let speaker = match s {
                Subj::Named { name, role, .. } => Some(self.named_speaker(name, role.as_deref())),
                Subj::Pronoun { female, pos } => self.resolve_pronoun(*female, *pos, mentions),
                Subj::Description { text, head, pos } => {
                    self.resolve_description(text, head, *pos, mentions)
                }
                Subj::Org { name, .. } => {
                    let i = self.other(name, EntityKind::Organisation);
                    Some(Speaker {
                        name: self.ents[i].name.clone(),
                        role: None,
                    })
                }
                // Only a quote's attribution names an outlet as its
                // speaker: reported speech keeps an outlet as its source.
                Subj::Outlet { name, .. } => Some(Speaker {
                    name: self.outlet_name(name),
                    role: None,
                }),
            };
            if let Some(sp) = speaker
                && !out.iter().any(|o| o.name == sp.name)
            {
                out.push(sp);
            }
        }
        out
    }

    /// Mentions before `pos`, nearest first, at most LOOKBACK of them.
    fn before(mentions: &[Subj], pos: usize) -> impl Iterator<Item = &Subj> {
        let k = mentions.partition_point(|m| m.pos() < pos);
        mentions[..k].iter().rev().take(LOOKBACK)
    }

    /// "she" is the nearest person before it whom nothing says is not a woman.
    fn resolve_pronoun(
        &mut self,
        female: Option<bool>,
        pos: usize,
        mentions: &[Subj],
    ) -> Option<Speaker> {
        for m in Self::before(mentions, pos) {
            // "they" stands for a group: the organisation named last, never one person.
            if female.is_none() {
                if let Subj::Org { name, .. } = m {
                    let i = self.other(name, EntityKind::Organisation);
                    return Some(Speaker {
                        name: self.ents[i].name.clone(),
                        role: None,
                    });
                }
                continue;
            }
            if let Subj::Named { name, role, .. } = m {
                let i = self.person(name, role.as_deref());
                let g = self.ents[i].female;
                if female.is_none() || g.is_none() || g == female {
                    return Some(Speaker {
                        name: self.ents[i].name.clone(),
                        role: self.ents[i].role.clone(),
                    });
                }
            }
        }
        None
    }

    /// "a top Kremlin aide" is the person named in the next sentence, or an
    /// earlier one whose role has the same head noun; "the company" is the
    /// organisation named last.
    fn resolve_description(
        &mut self,
        text: &str,
        head: &str,
        pos: usize,
        mentions: &[Subj],
    ) -> Option<Speaker> {
        // "A top Kremlin aide said ... Yuri Ushakov said": an indefinite
        // description introduces someone the text may name next; a definite
        // one ("the mayor") points back to someone already named in that role.
        let lower = text.to_lowercase();
        let indefinite = lower.starts_with("a ") || lower.starts_with("an ");
        // "the company" is the organisation named before; "the city's
        // finance department" is a body of its own, shown as described.
        if ORG_HEADS.contains(&head)
            && lower.starts_with("the ")
            && lower.split_whitespace().count() <= 2
        {
            // (A place speaking as a body, "Indiana", is no company.)
            let name = Self::before(mentions, pos).find_map(|m| match m {
                Subj::Org { name, .. }
                    if !name
                        .split_whitespace()
                        .all(|w| SETS.place.contains(w.to_lowercase().as_str())) =>
                {
                    Some(name.clone())
                }
                _ => None,
            })?;
            let i = self.other(&name, EntityKind::Organisation);
            return Some(Speaker {
                name: self.ents[i].name.clone(),
                role: None,
            });
        }
        if head.ends_with('s') && !head.ends_with("ss") {
            // "critics", "officials": a group is not one person.
            return None;
        }
        // "a recent poll", "the book": a document is nobody named before or
        // after it; a role or a noun of someone who does something is
        // ("the columnist", "a stalwart Clinton supporter", "an attendee").
        // (Things end so too: "the newsletter", "the center", "a banner".)
        let someone = SETS.role.contains(head)
            || [
                "ist", "ee", "ter", "ner", "staffer", "ally", "prince", "princess",
            ]
            .iter()
            .any(|e| head.ends_with(e))
                && ![
                    "letter", "register", "charter", "banner", "center", "quarter", "matter",
                    "twitter", "poster", "chapter", "filter", "corner", "dinner",
                ]
                .iter()
                .any(|e| head.ends_with(e));
        if !someone {
            return None;
        }
        let sent = self.doc.sents.partition_point(|s| s.toks.end <= pos);
        let limit = self
            .doc
            .sents
            .get(sent + 1)
            .map(|s| s.toks.end)
            .unwrap_or(pos);
        let k = mentions.partition_point(|m| m.pos() <= pos);
        let ahead = mentions[k..]
            .iter()
            .take_while(|m| m.pos() < limit)
            .find_map(|m| match m {
                Subj::Named { name, role, .. } => Some((name.clone(), role.clone())),
                _ => None,
            });
        let behind = || {
            Self::before(mentions, pos).find_map(|m| match m {
                Subj::Named {
                    name,
                    role: Some(role),
                    ..
                } if role.to_lowercase().contains(head) => Some((name.clone(), Some(role.clone()))),
                _ => None,
            })
        };
        let (name, role) = ahead.filter(|_| indefinite).or_else(behind)?;
        Some(self.named_speaker(&name, role.as_deref()))
    }

    /// Resolves source names: "the Post" is the Washington Post named earlier.
    pub(crate) fn sources(&mut self, refs: &[SourceRef]) -> Vec<Source> {
        let mut out: Vec<Source> = Vec::new();
        for r in refs {
            let name = self.outlet_name(&r.surface);
            if !out.iter().any(|o| o.name == name) {
                out.push(Source {
                    name,
                    detail: r.detail.clone(),
                });
            }
        }
        out
    }

    fn outlet_name(&mut self, surface: &str) -> String {
        if let Some(i) = self.find(EntityKind::Outlet, surface) {
            return self.ents[i].name.clone();
        }
        let bare = surface
            .strip_prefix("the ")
            .or_else(|| surface.strip_prefix("The "))
            .unwrap_or(surface);
        // A short name resolves to a fuller one the article used before.
        if let Some(i) = self
            .ents
            .iter()
            .position(|e| e.kind == EntityKind::Outlet && norm(last_word(&e.name)) == norm(bare))
        {
            self.add_alias(i, surface);
            return self.ents[i].name.clone();
        }
        let known = KNOWN_OUTLETS.iter().find(|(n, aliases)| {
            norm(n) == norm(surface)
                || norm(n.strip_prefix("The ").unwrap_or(n)) == norm(bare)
                || aliases.iter().any(|a| norm(a) == norm(surface))
        });
        let name = known.map(|(n, _)| n.to_string()).unwrap_or_else(|| {
            if surface.starts_with("the ") {
                bare.to_string()
            } else {
                surface.to_string()
            }
        });
        let i = self.other(&name, EntityKind::Outlet);
        self.add_alias(i, surface);
        if let Some((_, aliases)) = known {
            for a in aliases.iter() {
                self.add_alias(i, a);
            }
        }
        self.ents[i].name.clone()
    }

    pub(crate) fn into_entities(self) -> Vec<ExtractedEntity> {
        self.ents
            .into_iter()
            .map(|e| ExtractedEntity {
                name: e.name,
                kind: e.kind,
                aliases: e.aliases,
            })
            .collect()
    }
}
