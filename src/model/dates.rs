//! Dates as meetings write them: 2023-12-31, 2023年12月31日, full-width digits.

use chrono::NaiveDate;

use super::error::SessionError;

/// Reads a deadline written the ways people write dates: 2023-12-31, 2023/12/31, 2023.12.31,
/// 20231231, 2023年12月31日 (full-width digits too). Empty text is no date.
pub fn parse_date(text: &str) -> Result<Option<NaiveDate>, SessionError> {
    let t: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '－' | '／' | '．' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect();
    if t.is_empty() {
        return Ok(None);
    }
    let cleaned = t.trim_end_matches('日').trim_end_matches('号');
    let parts: Vec<&str> = cleaned
        .split(['-', '/', '.', '年', '月'])
        .filter(|p| !p.is_empty())
        .collect();
    let ymd = match parts.as_slice() {
        [y, m, d] => Some((y.to_string(), m.to_string(), d.to_string())),
        [one] if one.len() == 8 && one.chars().all(|c| c.is_ascii_digit()) => {
            Some((one[..4].into(), one[4..6].into(), one[6..].into()))
        }
        _ => None,
    };
    ymd.and_then(|(y, m, d)| {
        if y.len() != 4 {
            return None;
        }
        NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    })
    .map(Some)
    .ok_or_else(|| SessionError::BadDate(text.trim().to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_forms_people_write() {
        let d = NaiveDate::from_ymd_opt(2023, 12, 31);
        for t in [
            "2023-12-31",
            "2023/12/31",
            "2023.12.31",
            "20231231",
            "2023年12月31日",
            "２０２３年１２月３１日",
            " 2023-12-31 ",
        ] {
            assert_eq!(parse_date(t).unwrap(), d, "{t}");
        }
        assert_eq!(parse_date("").unwrap(), None);
        for bad in ["明天", "2023-13-01", "2023-02-30", "23-1-1", "12/31"] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }
}
