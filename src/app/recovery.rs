//! A recovery copy left by a crash: what differs from the saved file, so the next opener can
//! decide to restore it or discard it knowing what is at stake.

use super::saving::{mark_changed, save};
use super::tally::Tally;
use super::tree::TreeView;
use super::{App, Focus};
use crate::action::Effect;
pub use crate::action::Recovery;
use crate::i18n::{Texts, texts};
use crate::model::{CheckIndex, Field, Session};
use crate::store::Changed;

/// What the recovery copy `newer` has that differs from `saved`, as short lines naming each
/// check by its number.
pub fn differences(saved: &Session, newer: &Session, t: &Texts) -> Vec<String> {
    let mut out = Vec::new();
    if saved.unit != newer.unit || saved.meeting != newer.meeting {
        out.push(t.form_edit_title.to_owned());
    }
    for (pos, check) in newer.template.checks() {
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
        let flagged = |x: Option<&crate::model::Answer>| x.is_some_and(|x| x.flagged);
        if flagged(a) != flagged(b) {
            what.push(t.flagged.to_owned());
        }
        let (ra, rb) = (
            a.and_then(|x| x.rectification.as_ref()),
            b.and_then(|x| x.rectification.as_ref()),
        );
        if ra != rb {
            what.push(t.rectification.to_owned());
        }
        if what.is_empty() {
            what.push(t.recovery_other.to_owned());
        }
        // The check by the number people say (`2.3`), as everywhere else on screen.
        let number = newer.template.display_number(pos);
        out.push(format!("{number}{}{}", t.colon, what.join(t.list_sep)));
    }
    if saved.conclusions != newer.conclusions {
        out.push(t.summary_conclusions.to_owned());
    }
    out
}

impl App {
    /// Puts the recovery copy in place of the session read from the file; it is saved at once
    /// and the copy deleted only after that save succeeds.
    pub(super) fn restore_recovery(&mut self) -> Option<Effect> {
        let r = self.recovery.take()?;
        let w = self.walk.as_mut()?;
        if w.read_only {
            self.error(texts(self.lang).msg_read_only_refused);
            return None;
        }
        w.index = CheckIndex::new(&r.session.template);
        w.tally = Tally::new(&r.session);
        w.tree = TreeView::new(&r.session);
        w.session = r.session;
        w.editor = None;
        w.focus = Focus::Tree;
        mark_changed(w, self.now, None);
        // Another session in the record's place: any answer may differ from the file.
        w.save.changed = Changed::Everything;
        self.remove_after_save = Some(r.path);
        Some(save(w, false))
    }
}

#[cfg(test)]
mod tests {
    use super::differences;
    use crate::i18n::{Lang, texts};
    use crate::model::{Meeting, Rectification, Session, Unit, UnitKind, builtin};

    fn session() -> Session {
        let now = chrono::DateTime::parse_from_rfc3339("2023-12-05T09:00:00+08:00").expect("time");
        let unit = Unit {
            name: "镇政府".into(),
            kind: Some(UnitKind::Gov),
            ..Unit::default()
        };
        let template = builtin::get("gov").expect("gov checklist");
        Session::new(template, unit, Meeting::default(), now)
    }

    #[test]
    fn each_kind_of_change_is_named_for_what_it_is() {
        let t = texts(Lang::Zh);
        let now = chrono::DateTime::parse_from_rfc3339("2023-12-06T09:00:00+08:00").expect("time");
        let saved = session();
        let mut newer = saved.clone();
        let value = Rectification {
            state: crate::model::session::RectificationState::InProgress,
            closed_on: None,
            extra: serde_json::Map::new(),
        };
        newer
            .set_rectification("gov-1-1", Some(value), now)
            .expect("set");
        newer.toggle_flag("gov-1-2", now).expect("flag");
        newer.answers.entry("gov-1-3".into()).or_default().leader = "分管领导".into();
        assert_eq!(
            differences(&saved, &newer, t),
            ["1.1：整改进展", "1.2：待议", "1.3：其他内容"]
        );
    }
}
