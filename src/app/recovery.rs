//! A recovery copy left by a crash: what differs from the saved file, so the next opener can
//! decide to restore it or discard it knowing what is at stake.

use std::path::PathBuf;

use crate::i18n::Texts;
use crate::model::{Field, Session};

/// A recovery copy found beside a session file.
#[derive(Debug, Clone, PartialEq)]
pub struct Recovery {
    pub session: Session,
    /// The recovery file itself.
    pub path: PathBuf,
    /// One line per difference from the saved session.
    pub differences: Vec<String>,
}

/// What the recovery copy `newer` has that differs from `saved`, as short lines.
pub fn differences(saved: &Session, newer: &Session, t: &Texts) -> Vec<String> {
    let mut out = Vec::new();
    if saved.unit != newer.unit || saved.meeting != newer.meeting {
        out.push(t.form_edit_title.to_owned());
    }
    for (_, check) in newer.template.checks() {
        let (a, b) = (saved.answer(&check.id), newer.answer(&check.id));
        if a == b {
            continue;
        }
        let mut what = Vec::new();
        if a.and_then(|x| x.status.as_deref()) != b.and_then(|x| x.status.as_deref()) {
            what.push(t.status.to_owned());
        }
        for f in Field::ALL {
            let get = |x: Option<&crate::model::Answer>| x.map(|x| f.get(x)).unwrap_or_default();
            if get(a) != get(b) {
                what.push(crate::app::field_label(t, f).to_owned());
            }
        }
        if what.is_empty() {
            what.push(t.flagged.to_owned());
        }
        out.push(format!("{}{}{}", check.id, t.colon, what.join(t.list_sep)));
    }
    if saved.conclusions != newer.conclusions {
        out.push(t.summary_conclusions.to_owned());
    }
    out
}
