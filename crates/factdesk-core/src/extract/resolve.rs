//! Resolving what the article says to whom it means: names to entities with
//! aliases, pronouns and descriptions to people, short outlet names to full ones.

use super::ExtractedEntity;
use super::attribute::SourceRef;
use super::lexicon::{KNOWN_OUTLETS, KNOWN_PEOPLE, SETS};
use super::np::Subj;
use super::tokens::Doc;
use crate::model::{EntityKind, Source, Speaker};

struct Ent {
    name: String,
    kind: EntityKind,
    aliases: Vec<String>,
    female: Option<bool>,
}

pub(crate) struct Resolver<'d> {
    doc: &'d Doc,
    ents: Vec<Ent>,
}

fn last_word(s: &str) -> &str {
    s.split_whitespace().last().unwrap_or(s)
}

fn same(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
        || a.replace('\u{2019}', "'")
            .eq_ignore_ascii_case(&b.replace('\u{2019}', "'"))
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
    if let Some(k) = KNOWN_PEOPLE
        .iter()
        .find(|k| same(k.name, name) || k.aliases.iter().any(|a| same(a, name)))
    {
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
        }
    }

    fn add_alias(&mut self, i: usize, alias: &str) {
        let e = &mut self.ents[i];
        if !same(&e.name, alias) && !e.aliases.iter().any(|a| same(a, alias)) {
            e.aliases.push(alias.to_string());
        }
    }

    /// The entity for a person's name as written: "Ushakov" joins "Yuri Ushakov".
    fn person(&mut self, surface: &str, role: Option<&str>) -> usize {
        let surface = surface.trim();
        let found = self.ents.iter().position(|e| {
            e.kind == EntityKind::Person
                && (same(&e.name, surface) || e.aliases.iter().any(|a| same(a, surface)))
        });
        let i = if let Some(i) = found {
            i
        } else if !surface.contains(' ') {
            if let Some(i) = self
                .ents
                .iter()
                .position(|e| e.kind == EntityKind::Person && same(last_word(&e.name), surface))
            {
                i
            } else {
                self.new_person(surface)
            }
        } else if let Some(i) = self.ents.iter().position(|e| {
            e.kind == EntityKind::Person
                && !e.name.contains(' ')
                && same(&e.name, last_word(surface))
        }) {
            // The full name after the surname alone: the full name becomes canonical.
            let old = std::mem::replace(&mut self.ents[i].name, surface.to_string());
            self.add_alias(i, &old);
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
        }
        if self.ents[i].female.is_none() {
            self.ents[i].female =
                gender_of(surface, role).or_else(|| gender_of(&self.ents[i].name.clone(), role));
        }
        i
    }

    fn new_person(&mut self, surface: &str) -> usize {
        let known = KNOWN_PEOPLE
            .iter()
            .find(|k| same(k.name, surface) || k.aliases.iter().any(|a| same(a, surface)));
        let (name, aliases, female) = match known {
            Some(k) => (
                k.name.to_string(),
                k.aliases.iter().map(|a| a.to_string()).collect(),
                Some(k.female),
            ),
            None => (surface.to_string(), Vec::new(), None),
        };
        self.ents.push(Ent {
            name,
            kind: EntityKind::Person,
            aliases,
            female,
        });
        self.ents.len() - 1
    }

    fn other(&mut self, name: &str, kind: EntityKind) -> usize {
        if let Some(i) = self.ents.iter().position(|e| {
            e.kind == kind && (same(&e.name, name) || e.aliases.iter().any(|a| same(a, name)))
        }) {
            return i;
        }
        self.ents.push(Ent {
            name: name.to_string(),
            kind,
            aliases: Vec::new(),
            female: None,
        });
        self.ents.len() - 1
    }

    /// Registers the people named as subjects, in reading order, so that
    /// later short names and pronouns find them.
    pub(crate) fn register(&mut self, mentions: &[Subj]) {
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
            role: role.map(str::to_string),
        }
    }

    /// The speakers a claim's subjects stand for. `mentions` are in reading order.
    pub(crate) fn speakers(&mut self, subjects: &[Subj], mentions: &[Subj]) -> Vec<Speaker> {
        let mut out: Vec<Speaker> = Vec::new();
        for s in subjects {
            let speaker = match s {
                Subj::Named { name, role, .. } => Some(self.named_speaker(name, role.as_deref())),
                Subj::Pronoun { female, pos } => self.resolve_pronoun(*female, *pos, mentions),
                Subj::Description { head, pos, .. } => {
                    self.resolve_description(head, *pos, mentions)
                }
                Subj::Org { name, .. } => {
                    let i = self.other(name, EntityKind::Organisation);
                    Some(Speaker {
                        name: self.ents[i].name.clone(),
                        role: None,
                    })
                }
                Subj::Outlet { .. } => None,
            };
            if let Some(sp) = speaker {
                if !out.iter().any(|o| o.name == sp.name) {
                    out.push(sp);
                }
            }
        }
        out
    }

    /// "she" is the nearest person before it whom nothing says is not a woman.
    fn resolve_pronoun(
        &mut self,
        female: Option<bool>,
        pos: usize,
        mentions: &[Subj],
    ) -> Option<Speaker> {
        let mut best: Option<(usize, String, Option<String>)> = None;
        for m in mentions {
            if let Subj::Named {
                name,
                role,
                pos: mp,
            } = m
            {
                if *mp >= pos || best.as_ref().is_some_and(|(b, _, _)| *b > *mp) {
                    continue;
                }
                let i = self.person(name, role.as_deref());
                let g = self.ents[i].female;
                if female.is_none() || g.is_none() || g == female {
                    best = Some((*mp, name.clone(), role.clone()));
                }
            }
        }
        let (_, name, _) = best?;
        let i = self.person(&name, None);
        // The role comes from where the person was introduced.
        let role = mentions.iter().find_map(|m| match m {
            Subj::Named {
                name: n,
                role: Some(r),
                ..
            } if self.person_index(n) == Some(i) => Some(r.clone()),
            _ => None,
        });
        Some(Speaker {
            name: self.ents[i].name.clone(),
            role,
        })
    }

    fn person_index(&self, surface: &str) -> Option<usize> {
        self.ents.iter().position(|e| {
            e.kind == EntityKind::Person
                && (same(&e.name, surface) || e.aliases.iter().any(|a| same(a, surface)))
        })
    }

    /// "a top Kremlin aide" is the person named in the next sentences, or an
    /// earlier one whose role has the same head noun.
    fn resolve_description(
        &mut self,
        head: &str,
        pos: usize,
        mentions: &[Subj],
    ) -> Option<Speaker> {
        if super::np::ORG_HEADS.contains(&head) {
            // "the company": the organisation named last before it.
            let org = mentions
                .iter()
                .filter_map(|m| match m {
                    Subj::Org { name, pos: mp } if *mp < pos => Some((*mp, name.clone())),
                    _ => None,
                })
                .max_by_key(|(p, _)| *p);
            let (_, name) = org?;
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
        let sent = self.doc.sents.iter().position(|s| s.toks.contains(&pos))?;
        let limit = self
            .doc
            .sents
            .get(sent + 1)
            .map(|s| s.toks.end)
            .unwrap_or(pos);
        let ahead = mentions
            .iter()
            .filter_map(|m| match m {
                Subj::Named {
                    name,
                    role,
                    pos: mp,
                } if *mp > pos && *mp < limit => Some((*mp, name.clone(), role.clone())),
                _ => None,
            })
            .min_by_key(|(p, _, _)| *p);
        let behind = || {
            mentions
                .iter()
                .filter_map(|m| match m {
                    Subj::Named {
                        name,
                        role: Some(role),
                        pos: mp,
                    } if *mp < pos && role.to_lowercase().contains(head) => {
                        Some((*mp, name.clone(), Some(role.clone())))
                    }
                    _ => None,
                })
                .max_by_key(|(p, _, _)| *p)
        };
        let (_, name, role) = ahead.or_else(behind)?;
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
        if surface == "Statement" {
            let i = self.other("Statement", EntityKind::Document);
            return self.ents[i].name.clone();
        }
        let bare = surface
            .strip_prefix("the ")
            .or_else(|| surface.strip_prefix("The "))
            .unwrap_or(surface);
        // A short name resolves to a fuller one the article used before.
        if let Some(i) = self.ents.iter().position(|e| {
            e.kind == EntityKind::Outlet
                && (same(&e.name, surface)
                    || same(last_word(&e.name), bare)
                    || e.aliases.iter().any(|a| same(a, surface)))
        }) {
            self.add_alias(i, surface);
            return self.ents[i].name.clone();
        }
        let known = KNOWN_OUTLETS.iter().find(|(n, aliases)| {
            same(n, surface)
                || same(n.strip_prefix("The ").unwrap_or(n), bare)
                || aliases.iter().any(|a| same(a, surface))
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
