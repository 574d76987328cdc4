//! What the reading view, the claim panel and the queue show, built once here
//! for the desktop app and the CLI alike: a claim with its verdicts, history,
//! relations and confirmed matches; an article with its claims; a queue row.

use std::collections::HashMap;

use serde::Serialize;

use crate::Result;
use crate::extract::{WorthReason, checkworthiness_reasons};
use crate::model::{Article, Capture, Change, Claim, LinkCheck, Relation, RelationKind, Verdict};
use crate::store::{ClaimFilter, Store};

/// An article with everything the reading view shows.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ArticleView {
    pub article: Article,
    pub claims: Vec<Claim>,
    pub relations: Vec<Relation>,
}

/// A claim related to another, for the "related claims" list.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct RelatedClaim {
    pub relation: Relation,
    /// How this claim stands to the other: "corrects", "corrected by", "contradicts".
    pub role: String,
    pub other_id: String,
    pub other_text: String,
    pub other_article_id: String,
}

/// A claim a checker confirmed as the same as another, with its article.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SameClaim {
    pub claim: Claim,
    pub article_title: String,
}

/// One claim with everything the claim panel shows.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ClaimDetail {
    pub claim: Claim,
    pub article_title: String,
    /// Claims confirmed as saying the same thing, with their verdicts.
    pub same: Vec<SameClaim>,
    pub verdicts: Vec<Verdict>,
    pub history: Vec<Change>,
    pub related: Vec<RelatedClaim>,
    /// Its evidence links' captures, newest first.
    pub captures: Vec<Capture>,
    /// The latest link-rot check of each evidence link that had one.
    pub link_checks: Vec<LinkCheck>,
    /// Why its check-worthiness is what it is: the words the score reads,
    /// each with its share, the largest first.
    pub worth_reasons: Vec<WorthReason>,
}

/// A row of the queue: a claim and its article's title.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct QueueRow {
    pub claim: Claim,
    pub article_title: String,
}

impl RelationKind {
    /// How a relation's claim `a` (or, when `this_is_a` is false, `b`) stands
    /// to the other: "corrected by", "corrects", "contradicts".
    pub fn role(self, this_is_a: bool) -> &'static str {
        match (self, this_is_a) {
            (RelationKind::Corrects, true) => "corrected by",
            (RelationKind::Corrects, false) => "corrects",
            (RelationKind::Contradicts, _) => "contradicts",
        }
    }
}

impl Store {
    /// An article, its claims in reading order and the relations among them.
    pub fn article_view(&self, id: &str) -> Result<ArticleView> {
        let article = self.article(id)?;
        let claims = self.claims(&ClaimFilter {
            article: Some(article.id.clone()),
            ..ClaimFilter::default()
        })?;
        let mut relations: Vec<Relation> = Vec::new();
        for c in &claims {
            for r in self.relations_of(&c.id)? {
                if !relations.iter().any(|x| x.id == r.id) {
                    relations.push(r);
                }
            }
        }
        Ok(ArticleView {
            article,
            claims,
            relations,
        })
    }

    /// A claim with its article's title, verdicts, history, relations and
    /// the claims confirmed as the same.
    pub fn claim_detail(&self, id: &str) -> Result<ClaimDetail> {
        let claim = self.claim(id)?;
        let mut related = Vec::new();
        for r in self.relations_of(&claim.id)? {
            let this_is_a = r.a == claim.id;
            let other = self.claim(if this_is_a { &r.b } else { &r.a })?;
            related.push(RelatedClaim {
                role: r.kind.role(this_is_a).into(),
                other_id: other.id,
                other_text: other.text,
                other_article_id: other.article_id,
                relation: r,
            });
        }
        let same = self
            .same_claims(&claim.id)?
            .iter()
            .map(|id| {
                let other = self.claim(id)?;
                Ok(SameClaim {
                    article_title: self.article(&other.article_id)?.title,
                    claim: other,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let article = self.article(&claim.article_id)?;
        Ok(ClaimDetail {
            same,
            worth_reasons: checkworthiness_reasons(&article.body, claim.span, claim.kind),
            article_title: article.title,
            verdicts: self.verdicts(&claim.id)?,
            history: self.history(&claim.id)?,
            related,
            captures: self.claim_captures(&claim.id)?,
            link_checks: self.claim_link_checks(&claim.id)?,
            claim,
        })
    }

    /// The claims that pass `filter`, each with its article's title.
    pub fn queue(&self, filter: &ClaimFilter) -> Result<Vec<QueueRow>> {
        let mut titles: HashMap<String, String> = HashMap::new();
        let mut rows = Vec::new();
        for claim in self.claims(filter)? {
            if !titles.contains_key(&claim.article_id) {
                let title = self.article(&claim.article_id)?.title;
                titles.insert(claim.article_id.clone(), title);
            }
            rows.push(QueueRow {
                article_title: titles[&claim.article_id].clone(),
                claim,
            });
        }
        Ok(rows)
    }
}
