//! The summary screen: the tally and the closing texts of the report.

use super::editor::{EditTarget, start_editing_target};
use super::{App, Screen, layout};
use crate::action::{Action, Command, Effect};
use crate::i18n::{Texts, texts};

/// The closing texts of the report, edited on the summary screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conclusion {
    /// 做法及成效 in summary.
    Overview,
    /// 研究决策重大事项
    MajorMatters,
    /// 健全完善制度措施
    InstitutionalMeasures,
    /// 落实“人、财、物”保障
    ResourceGuarantees,
}

impl Conclusion {
    pub const ALL: [Conclusion; 4] = [
        Conclusion::Overview,
        Conclusion::MajorMatters,
        Conclusion::InstitutionalMeasures,
        Conclusion::ResourceGuarantees,
    ];

    /// Its name in the session file (`conclusions.overview`, ...).
    pub fn key(self) -> &'static str {
        match self {
            Conclusion::Overview => "overview",
            Conclusion::MajorMatters => "major_matters",
            Conclusion::InstitutionalMeasures => "institutional_measures",
            Conclusion::ResourceGuarantees => "resource_guarantees",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.key() == key)
    }

    pub fn get(self, c: &crate::model::Conclusions) -> &str {
        match self {
            Conclusion::Overview => &c.overview,
            Conclusion::MajorMatters => &c.major_matters,
            Conclusion::InstitutionalMeasures => &c.institutional_measures,
            Conclusion::ResourceGuarantees => &c.resource_guarantees,
        }
    }

    pub(super) fn slot(self, c: &mut crate::model::Conclusions) -> &mut String {
        match self {
            Conclusion::Overview => &mut c.overview,
            Conclusion::MajorMatters => &mut c.major_matters,
            Conclusion::InstitutionalMeasures => &mut c.institutional_measures,
            Conclusion::ResourceGuarantees => &mut c.resource_guarantees,
        }
    }

    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            Conclusion::Overview => t.conclusion_overview,
            Conclusion::MajorMatters => t.conclusion_major,
            Conclusion::InstitutionalMeasures => t.conclusion_measures,
            Conclusion::ResourceGuarantees => t.conclusion_resources,
        }
    }
}

impl App {
    pub(super) fn update_summary(&mut self, action: &Action) -> Option<Effect> {
        let page = layout::body_rows(self.size).max(1);
        let t = texts(self.lang);
        let w = self.walk.as_mut()?;
        let step = |cur: Option<Conclusion>, delta: isize| -> Option<Conclusion> {
            let n = Conclusion::ALL.len();
            let i = cur.map_or(n, |c| {
                Conclusion::ALL.iter().position(|x| *x == c).unwrap_or(n)
            });
            // Positions 0..n are the texts, n is "none selected": Tab cycles through all.
            let j = (i + n + 1).saturating_add_signed(delta) % (n + 1);
            Conclusion::ALL.get(j).copied()
        };
        match action {
            Action::Cmd(Command::Summary) => self.screen = Screen::Walk,
            Action::Cmd(Command::FocusNext) => {
                w.summary_focus = step(w.summary_focus, 1);
                w.summary_scroll = 0;
            }
            Action::Cmd(Command::FocusPrev) => {
                w.summary_focus = step(w.summary_focus, -1);
                w.summary_scroll = 0;
            }
            Action::Cmd(Command::Edit) => {
                if w.read_only {
                    self.error(t.msg_read_only_refused);
                    return None;
                }
                let part = *w.summary_focus.get_or_insert(Conclusion::Overview);
                w.summary_scroll = 0;
                start_editing_target(w, EditTarget::Conclusion(part));
            }
            Action::Cmd(Command::MoveUp) => w.summary_scroll = w.summary_scroll.saturating_sub(1),
            Action::Cmd(Command::MoveDown) => w.summary_scroll = w.summary_scroll.saturating_add(1),
            Action::Cmd(Command::PageUp) => {
                w.summary_scroll = w.summary_scroll.saturating_sub(page);
            }
            Action::Cmd(Command::PageDown) => {
                w.summary_scroll = w.summary_scroll.saturating_add(page);
            }
            // `update` keeps the offset inside the text.
            Action::Cmd(Command::First) => w.summary_scroll = 0,
            Action::Cmd(Command::Last) => w.summary_scroll = usize::MAX,
            _ => {}
        }
        None
    }
}
