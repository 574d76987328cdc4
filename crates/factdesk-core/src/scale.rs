//! Rating scales. Each verdict stores the id of the scale it was given on.

use serde::Serialize;

use crate::{Error, Result};

#[derive(Debug, Clone, Serialize)]
pub struct Rating {
    pub label: &'static str,
    /// Position on the scale; `None` for ratings outside it (Unproven, Misleading).
    pub value: Option<i64>,
    /// The evidence settles nothing either way ("Unproven"): a desk may allow
    /// such a verdict without a rationale.
    pub undetermined: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Scale {
    pub id: &'static str,
    pub name: &'static str,
    pub ratings: &'static [Rating],
}

const fn r(label: &'static str, value: Option<i64>) -> Rating {
    Rating {
        label,
        value,
        undetermined: false,
    }
}

/// A rating that settles nothing either way.
const fn undetermined(label: &'static str) -> Rating {
    Rating {
        label,
        value: None,
        undetermined: true,
    }
}

pub const DEFAULT_SCALE: &str = "default";

pub const SCALES: &[Scale] = &[
    Scale {
        id: "default",
        name: "Five-point truth scale",
        ratings: &[
            r("True", Some(5)),
            r("Mostly true", Some(4)),
            r("Mixed", Some(3)),
            r("Mostly false", Some(2)),
            r("False", Some(1)),
            undetermined("Unproven"),
            r("Misleading", None),
        ],
    },
    Scale {
        id: "politifact",
        name: "Six-level meter (PolitiFact style)",
        ratings: &[
            r("True", Some(6)),
            r("Mostly true", Some(5)),
            r("Half true", Some(4)),
            r("Mostly false", Some(3)),
            r("False", Some(2)),
            r("Pants on fire", Some(1)),
        ],
    },
    Scale {
        id: "conclusion",
        name: "Conclusion only (Full Fact style)",
        ratings: &[
            r("Correct", None),
            r("Incorrect", None),
            r("Misleading", None),
            r("Needs context", None),
            undetermined("Unsupported"),
        ],
    },
];

impl Scale {
    pub fn by_id(id: &str) -> Result<&'static Scale> {
        SCALES
            .iter()
            .find(|s| s.id.eq_ignore_ascii_case(id))
            .ok_or_else(|| {
                Error::invalid(format!(
                    "no rating scale {id}; the scales are: {}",
                    SCALES.iter().map(|s| s.id).collect::<Vec<_>>().join(", "),
                    id = crate::quoted(id)
                ))
            })
    }

    /// Finds a rating by label, case-insensitively (and ignoring `-`/`_`).
    pub fn rating(&self, label: &str) -> Result<&'static Rating> {
        let norm = |s: &str| s.trim().to_lowercase().replace(['-', '_'], " ");
        let want = norm(label);
        self.ratings
            .iter()
            .find(|r| norm(r.label) == want)
            .ok_or_else(|| {
                Error::invalid(format!(
                    "{} is not a rating on the {} scale; use one of: {}",
                    crate::quoted(label),
                    self.id,
                    self.ratings
                        .iter()
                        .map(|r| r.label)
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })
    }

    pub fn best(&self) -> Option<i64> {
        self.ratings.iter().filter_map(|r| r.value).max()
    }

    pub fn worst(&self) -> Option<i64> {
        self.ratings.iter().filter_map(|r| r.value).min()
    }
}
