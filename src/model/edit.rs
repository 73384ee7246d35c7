//! Changes to the answers of a session: status, text fields, flag and 整改进展. Each refuses a
//! signed record and is recorded in the answer's history; an answer left holding nothing is
//! dropped.

use chrono::{DateTime, FixedOffset};

use super::answer::Answer;
use super::change::HistField;
use super::error::SessionError;
use super::field::Field;
use super::rectification::Rectification;
use super::session::Session;

impl Session {
    /// Sets (or with `None` clears) the status of a check. Unchanged values change nothing,
    /// not even the timestamps.
    pub fn set_status(
        &mut self,
        check_id: &str,
        status: Option<&str>,
        now: DateTime<FixedOffset>,
    ) -> Result<bool, SessionError> {
        if let Some(s) = status
            && self.template.answer_option(s).is_none()
        {
            return Err(SessionError::UnknownStatus {
                check: check_id.to_owned(),
                status: s.to_owned(),
            });
        }
        if self.status(check_id) == status {
            return Ok(false);
        }
        self.require_check(check_id)?;
        self.ensure_editable()?;
        let old = HistField::Status.value(self.answers.get(check_id));
        self.answer_mut(check_id, now).status = status.map(str::to_owned);
        self.record_change(check_id, HistField::Status, old, now);
        self.prune(check_id);
        Ok(true)
    }

    /// Sets a text field. The deadline is read as [`super::deadline::parse`] reads it (a month
    /// without a year counts from the meeting's day); anything else is refused.
    pub fn set_field(
        &mut self,
        check_id: &str,
        field: Field,
        text: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<bool, SessionError> {
        let current = self
            .answers
            .get(check_id)
            .map(|a| field.get(a))
            .unwrap_or_default();
        let text = if field.is_single_line() {
            text.replace(['\n', '\r'], " ").trim().to_owned()
        } else {
            text.trim_end().to_owned()
        };
        if field == Field::Due {
            let reference = self.meeting.date.unwrap_or_else(|| now.date_naive());
            let deadline = super::deadline::parse(&text, reference)
                .map_err(|()| SessionError::BadDeadline(text.clone()))?;
            let date = deadline.and_then(|d| d.date);
            // The typed text is kept unless it is the date itself in the stored form.
            let typed = match date {
                Some(d) if d.format("%Y-%m-%d").to_string() == text => String::new(),
                _ => text.clone(),
            };
            if let Some(a) = self.answers.get(check_id)
                && a.due == date
                && a.due_text == typed
            {
                return Ok(false);
            }
            if !self.answers.contains_key(check_id) && date.is_none() && typed.is_empty() {
                return Ok(false);
            }
            self.require_check(check_id)?;
            self.ensure_editable()?;
            let old = HistField::Due.value(self.answers.get(check_id));
            let a = self.answer_mut(check_id, now);
            a.due = date;
            a.due_text = typed;
            self.record_change(check_id, HistField::Due, old, now);
        } else {
            if current == text {
                return Ok(false);
            }
            self.require_check(check_id)?;
            self.ensure_editable()?;
            let hf = HistField::of(field);
            let old = hf.value(self.answers.get(check_id));
            let a = self.answer_mut(check_id, now);
            let slot = match field {
                Field::Evidence => &mut a.evidence,
                Field::Problems => &mut a.problems,
                Field::Causes => &mut a.causes,
                Field::Measures => &mut a.measures,
                Field::Owner => &mut a.owner,
                Field::Due => unreachable!("handled above"),
            };
            *slot = text;
            self.record_change(check_id, hf, old, now);
        }
        self.prune(check_id);
        Ok(true)
    }

    pub fn toggle_flag(
        &mut self,
        check_id: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<bool, SessionError> {
        self.require_check(check_id)?;
        self.ensure_editable()?;
        let old = HistField::Flagged.value(self.answers.get(check_id));
        let a = self.answer_mut(check_id, now);
        a.flagged = !a.flagged;
        let flagged = a.flagged;
        self.record_change(check_id, HistField::Flagged, old, now);
        self.prune(check_id);
        Ok(flagged)
    }

    pub fn set_rectification(
        &mut self,
        check_id: &str,
        rectification: Option<Rectification>,
        now: DateTime<FixedOffset>,
    ) -> Result<(), SessionError> {
        self.require_check(check_id)?;
        self.ensure_editable()?;
        let old = HistField::Rectification.value(self.answers.get(check_id));
        self.answer_mut(check_id, now).rectification = rectification;
        self.record_change(check_id, HistField::Rectification, old, now);
        self.prune(check_id);
        Ok(())
    }

    /// Drops an answer that holds nothing, so "not checked" has one representation.
    fn prune(&mut self, check_id: &str) {
        if let Some(a) = self.answers.get(check_id) {
            let empty = Answer {
                updated_at: a.updated_at,
                ..Answer::default()
            };
            if *a == empty {
                self.answers.remove(check_id);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::session::{Meeting, Unit};
    use chrono::NaiveDate;

    #[test]
    fn a_deadline_is_kept_as_typed_and_read_as_a_day() {
        let template = crate::model::builtin::get("dept").expect("built-in dept");
        let now = DateTime::parse_from_rfc3339("2023-12-08T09:00:00+08:00").expect("time");
        let mut s = Session::new(template, Unit::default(), Meeting::default(), now);
        let id = s.template.checks().next().expect("a check").1.id.clone();
        assert!(s.set_field(&id, Field::Due, "3月底前", now).unwrap());
        let a = &s.answers[&id];
        assert_eq!(a.due, NaiveDate::from_ymd_opt(2024, 3, 31));
        assert_eq!(Field::Due.get(a), "3月底前");
        assert!(s.set_field(&id, Field::Due, "2024-03-31", now).unwrap());
        assert_eq!(s.answers[&id].due_text, "", "a plain date is stored once");
        assert!(s.set_field(&id, Field::Due, "长期坚持", now).unwrap());
        assert_eq!(s.answers[&id].due, None);
        assert_eq!(Field::Due.get(&s.answers[&id]), "长期坚持");
        assert!(matches!(
            s.set_field(&id, Field::Due, "尽快", now),
            Err(SessionError::BadDeadline(_))
        ));
        assert!(s.set_field(&id, Field::Due, "", now).unwrap());
        assert!(
            !s.answers.contains_key(&id),
            "an answer emptied within one edit of the field is dropped: its history holds nothing"
        );
    }
}
