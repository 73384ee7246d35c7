//! The meeting-details form: used to start a new session and to edit the details of an open
//! one. Every text field is a one-line editor, so typing (and an input method) works directly.
//! The keys on it are in `form_keys`; the 出席情况 rows are read in `attendance`.

use chrono::{DateTime, FixedOffset};
use ratatui_textarea::{CursorMove, TextArea};

use crate::model::session::parse_date;
use crate::model::{Meeting, Session, Template, Unit, UnitKind, builtin};
use crate::text::split_names;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormPurpose {
    New,
    Edit,
    /// The details of a record that cannot be changed here (read-only, or a live view).
    View,
}

/// The rows of the form, top to bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormRow {
    Template,
    Unit,
    Kind,
    Title,
    Date,
    Place,
    Host,
    Recorder,
    Attendees,
    /// 应到人数.
    Expected,
    /// 实到人数; empty means the number of attendees named.
    Present,
    /// 缺席人员及原因, written `name（reason）` and separated by 、.
    Absent,
    /// 列席人员.
    Observers,
    /// 主送 of the report; empty means the data folder's or the default.
    Recipient,
    /// 学习内容 of the 集中学习研讨.
    Study,
}

impl FormRow {
    pub const ALL: [FormRow; 15] = [
        FormRow::Template,
        FormRow::Unit,
        FormRow::Kind,
        FormRow::Title,
        FormRow::Date,
        FormRow::Place,
        FormRow::Host,
        FormRow::Recorder,
        FormRow::Attendees,
        FormRow::Expected,
        FormRow::Present,
        FormRow::Absent,
        FormRow::Observers,
        FormRow::Recipient,
        FormRow::Study,
    ];

    /// Its name in a presence note (the session file's name for the same detail).
    pub fn key(self) -> &'static str {
        match self {
            FormRow::Template => "template",
            FormRow::Unit => "unit",
            FormRow::Kind => "kind",
            FormRow::Title => "title",
            FormRow::Date => "date",
            FormRow::Place => "place",
            FormRow::Host => "host",
            FormRow::Recorder => "recorder",
            FormRow::Attendees => "attendees",
            FormRow::Expected => "expected",
            FormRow::Present => "present",
            FormRow::Absent => "absent",
            FormRow::Observers => "observers",
            FormRow::Recipient => "recipient",
            FormRow::Study => "study",
        }
    }

    /// One of the 出席情况 rows.
    pub fn is_attendance(self) -> bool {
        matches!(
            self,
            FormRow::Expected | FormRow::Present | FormRow::Absent | FormRow::Observers
        )
    }

    pub fn is_choice(self) -> bool {
        matches!(self, FormRow::Template | FormRow::Kind)
    }

    /// Index of this row's text editor in `FormState::inputs`.
    fn input(self) -> Option<usize> {
        match self {
            FormRow::Template | FormRow::Kind => None,
            FormRow::Unit => Some(0),
            FormRow::Title => Some(1),
            FormRow::Date => Some(2),
            FormRow::Place => Some(3),
            FormRow::Host => Some(4),
            FormRow::Recorder => Some(5),
            FormRow::Attendees => Some(6),
            FormRow::Recipient => Some(7),
            FormRow::Study => Some(8),
            FormRow::Expected => Some(9),
            FormRow::Present => Some(10),
            FormRow::Absent => Some(11),
            FormRow::Observers => Some(12),
        }
    }
}

#[derive(Debug, Clone)]
pub struct FormState {
    pub purpose: FormPurpose,
    pub templates: Vec<Template>,
    pub template: usize,
    /// Index into `UnitKind::ALL`, or `None` for unspecified.
    pub kind: Option<usize>,
    kind_touched: bool,
    inputs: Vec<TextArea<'static>>,
    pub focus: usize,
    pub error: Option<String>,
    /// What the form held when it opened, to tell whether Esc would throw edits away.
    initial: Option<Snapshot>,
    /// Esc was pressed over edits: the next Esc discards them.
    pub confirm_discard: bool,
    /// Shown to look at, with what the editor is typing (not saved) in place of the record's.
    pub drafted: bool,
    /// The first row shown when the rows do not all fit.
    pub scroll: usize,
}

/// Everything a person can change in the form.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Snapshot {
    template: usize,
    kind: Option<usize>,
    texts: Vec<String>,
}

fn one_line(text: &str) -> TextArea<'static> {
    // Controls in a stored text would sit invisibly in the editor: it gets the cleaned text.
    let mut ta = TextArea::new(vec![
        crate::text::sanitize::clean_input(text).replace('\n', " "),
    ]);
    ta.move_cursor(CursorMove::End);
    ta
}

fn kind_index(kind: Option<UnitKind>) -> Option<usize> {
    kind.and_then(|k| UnitKind::ALL.iter().position(|x| *x == k))
}

impl FormState {
    /// An empty form for a new session dated `today`.
    pub fn new_session(today: DateTime<FixedOffset>) -> Self {
        let templates = builtin::all();
        let kind = kind_index(templates.first().and_then(|t| t.unit_kind));
        let date = today.format("%Y-%m-%d").to_string();
        Self {
            purpose: FormPurpose::New,
            templates,
            template: 0,
            kind,
            kind_touched: false,
            inputs: ["", "", &date, "", "", "", "", "", "", "", "", "", ""]
                .iter()
                .map(|s| one_line(s))
                .collect(),
            focus: 1,
            error: None,
            initial: None,
            confirm_discard: false,
            drafted: false,
            scroll: 0,
        }
        .remembered()
    }

    /// The details of an open session, to edit.
    pub fn edit(session: &Session) -> Self {
        let m = &session.meeting;
        let date = m
            .date
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        let [expected, present, absent, observers] = super::attendance::texts_of(&m.attendance);
        Self {
            purpose: FormPurpose::Edit,
            templates: vec![session.template.clone()],
            template: 0,
            kind: kind_index(session.unit.kind),
            kind_touched: true,
            inputs: [
                session.unit.name.as_str(),
                &m.title,
                &date,
                &m.place,
                &m.host,
                &m.recorder,
                &m.attendees.join(crate::i18n::marks::NAME_SEP),
                &m.recipient,
                &m.study,
                &expected,
                &present,
                &absent,
                &observers,
            ]
            .iter()
            .map(|s| one_line(s))
            .collect(),
            focus: 1,
            error: None,
            initial: None,
            confirm_discard: false,
            drafted: false,
            scroll: 0,
        }
        .remembered()
    }

    /// The details of a session to look at only.
    pub fn view(session: &Session) -> Self {
        let mut form = Self::edit(session);
        form.purpose = FormPurpose::View;
        form.focus = 1;
        for ta in &mut form.inputs {
            // Nothing is typed here: no cursor drawn.
            ta.set_cursor_style(ratatui::style::Style::default());
        }
        form
    }

    /// The details of a session to look at, with the texts an editor is typing into its own
    /// form (by row name) in place of the record's.
    pub fn view_with(
        session: &Session,
        typed: Option<&std::collections::BTreeMap<String, String>>,
    ) -> Self {
        let mut form = Self::view(session);
        for (key, text) in typed.into_iter().flatten() {
            let Some(i) = FormRow::ALL
                .iter()
                .find(|r| r.key() == key.as_str())
                .and_then(|r| r.input())
            else {
                continue;
            };
            if form.inputs[i].lines().join(" ") != *text {
                let mut ta = one_line(text);
                ta.set_cursor_style(ratatui::style::Style::default());
                form.inputs[i] = ta;
                form.drafted = true;
            }
        }
        form
    }

    /// The texts typed into this form where they differ from what it opened with (by row
    /// name), for followers to see; `None` when nothing was changed.
    pub fn typed(&self) -> Option<std::collections::BTreeMap<String, String>> {
        let initial = self.initial.as_ref()?;
        let now = self.snapshot();
        let changed: std::collections::BTreeMap<String, String> = FormRow::ALL
            .iter()
            .filter_map(|r| {
                let i = r.input()?;
                let text = now.texts.get(i)?;
                (initial.texts.get(i) != Some(text)).then(|| (r.key().to_owned(), text.clone()))
            })
            .collect();
        (!changed.is_empty()).then_some(changed)
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot {
            template: self.template,
            kind: self.kind,
            texts: self.inputs.iter().map(|ta| ta.lines().join("\n")).collect(),
        }
    }

    fn remembered(mut self) -> Self {
        self.initial = Some(self.snapshot());
        self
    }

    /// Whether anything was typed or chosen since the form opened.
    pub fn edited(&self) -> bool {
        self.initial.as_ref() != Some(&self.snapshot())
    }

    pub fn rows(&self) -> &'static [FormRow] {
        &FormRow::ALL
    }

    pub fn focused_row(&self) -> FormRow {
        FormRow::ALL[self.focus.min(FormRow::ALL.len() - 1)]
    }

    pub fn input(&self, row: FormRow) -> Option<&TextArea<'static>> {
        row.input().and_then(|i| self.inputs.get(i))
    }

    pub fn focused_input_mut(&mut self) -> Option<&mut TextArea<'static>> {
        let i = self.focused_row().input()?;
        self.inputs.get_mut(i)
    }

    pub fn text(&self, row: FormRow) -> String {
        self.input(row)
            .map(|t| t.lines().join(" ").trim().to_owned())
            .unwrap_or_default()
    }

    pub fn move_focus(&mut self, delta: isize) {
        let n = FormRow::ALL.len();
        let mut f = self.focus.saturating_add_signed(delta).min(n - 1);
        // The checklist of an open session cannot change.
        if self.purpose != FormPurpose::New && FormRow::ALL[f] == FormRow::Template {
            f = 1;
        }
        self.focus = f;
    }

    pub fn choose(&mut self, delta: isize) {
        match self.focused_row() {
            FormRow::Template if self.purpose == FormPurpose::New => {
                let n = self.templates.len();
                self.template = (self.template + n).saturating_add_signed(delta) % n;
                if !self.kind_touched {
                    self.kind = kind_index(self.templates[self.template].unit_kind);
                }
            }
            FormRow::Kind => {
                // Cycle through: unspecified, 党委政府, 部门, 企业.
                let n = UnitKind::ALL.len() + 1;
                let cur = self.kind.map_or(0, |k| k + 1);
                let next = (cur + n).saturating_add_signed(delta) % n;
                self.kind = next.checked_sub(1);
                self.kind_touched = true;
            }
            _ => {}
        }
    }

    pub fn unit_kind(&self) -> Option<UnitKind> {
        self.kind.map(|k| UnitKind::ALL[k])
    }

    /// The unit and meeting as filled in, or the row that is wrong and what is wrong with it
    /// (in the interface language).
    pub fn values(&self, t: &crate::i18n::Texts) -> Result<(Unit, Meeting), (FormRow, String)> {
        let need_unit = t.form_need_unit;
        let name = self.text(FormRow::Unit);
        if name.is_empty() {
            return Err((FormRow::Unit, need_unit.to_owned()));
        }
        let date = parse_date(&self.text(FormRow::Date)).map_err(|e| {
            let why = format!(
                "{}{}{}",
                t.form_date,
                t.colon,
                crate::i18n::session_error(&e, t.lang)
            );
            (FormRow::Date, why)
        })?;
        let attendees = split_names(&self.text(FormRow::Attendees));
        let attendance = self.attendance(&attendees, t.lang)?;
        let unit = Unit {
            name,
            kind: self.unit_kind(),
            ..Unit::default()
        };
        let meeting = Meeting {
            title: self.text(FormRow::Title),
            date,
            place: self.text(FormRow::Place),
            host: self.text(FormRow::Host),
            recorder: self.text(FormRow::Recorder),
            attendees,
            attendance,
            recipient: self.text(FormRow::Recipient),
            study: self.text(FormRow::Study),
            ..Meeting::default()
        };
        Ok((unit, meeting))
    }

    /// The attendance the 出席情况 rows hold, or the row that is wrong and what is wrong.
    pub fn attendance(
        &self,
        attendees: &[String],
        lang: crate::i18n::Lang,
    ) -> Result<crate::model::attendance::Attendance, (FormRow, String)> {
        let [e, p, a, o] = [
            FormRow::Expected,
            FormRow::Present,
            FormRow::Absent,
            FormRow::Observers,
        ]
        .map(|r| self.text(r));
        super::attendance::read([&e, &p, &a, &o], attendees, crate::i18n::attendance(lang))
    }

    /// Whether any 出席情况 row was changed since the form opened.
    pub fn attendance_edited(&self) -> bool {
        let Some(initial) = &self.initial else {
            return true;
        };
        let now = self.snapshot();
        FormRow::ALL
            .iter()
            .filter(|r| r.is_attendance())
            .filter_map(|r| r.input())
            .any(|i| initial.texts.get(i) != now.texts.get(i))
    }

    /// The line under the rows while one of them is being filled in: what submitting would
    /// refuse (`true`: a count that is not a number, 实到 above 应到, ...), or a note that the
    /// counts do not add up (`false`).
    pub fn attendance_note(&self, lang: crate::i18n::Lang) -> Option<(String, bool)> {
        if !self.focused_row().is_attendance() || self.purpose == FormPurpose::View {
            return None;
        }
        let attendees = split_names(&self.text(FormRow::Attendees));
        match self.attendance(&attendees, lang) {
            Ok(a) => super::attendance::note(&a, &attendees, crate::i18n::attendance(lang))
                .map(|n| (n, false)),
            Err((_, why)) => Some((why, true)),
        }
    }

    /// Keeps the focused row among the `visible` rows shown.
    pub fn keep_focus_in_view(&mut self, visible: usize) {
        self.scroll = rows_window(self.scroll, self.focus, FormRow::ALL.len(), visible);
    }

    pub fn chosen_template(&self) -> &Template {
        &self.templates[self.template]
    }
}

/// The first of `n` rows to show in `visible` lines, starting from `scroll`, so that row
/// `focus` is shown with one row of context above and below where there is room.
pub fn rows_window(scroll: usize, focus: usize, n: usize, visible: usize) -> usize {
    if visible == 0 || n <= visible {
        return 0;
    }
    let margin = usize::from(visible >= 5);
    let top = focus.saturating_sub(margin);
    let bottom = (focus + margin).min(n - 1);
    let mut first = scroll.min(n - visible);
    if top < first {
        first = top;
    }
    if bottom >= first + visible {
        first = bottom + 1 - visible;
    }
    first
}
