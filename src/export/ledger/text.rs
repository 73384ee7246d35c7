//! Texts shortened and split for table cells: a check's clause as a heading, and the numbered
//! problems a meeting lists under one check.

/// A check's clause shortened to a heading: the subject before the notice's 对照检查 and its
/// 检查…情况 frame are dropped (every check has them), the first clause is kept when it says
/// enough on its own (at least [`SHORT_CLAUSE_MIN`] characters), and text past
/// [`SHORT_CHECK_CHARS`] characters ends in `…`. The display number next to it finds the full
/// text.
pub fn short_check_text(text: &str) -> String {
    let t = text.trim();
    let t = match t.find("对照检查") {
        Some(i) if t[..i].chars().count() <= 30 => &t[i + "对照检查".len()..],
        _ => t.strip_prefix("检查").unwrap_or(t),
    };
    let t = t.strip_prefix("是否存在").unwrap_or(t);
    // A leading 在…内 / 在…中 says where, not what: the next clause heads the check.
    let t = match t.split_once('，') {
        Some((first, rest))
            if first.starts_with('在') && first.ends_with(['内', '中']) && !rest.is_empty() =>
        {
            rest
        }
        _ => t,
    };
    let t = match t.find(['，', '；', ',']) {
        Some(i) if t[..i].chars().count() >= SHORT_CLAUSE_MIN => &t[..i],
        _ => t,
    };
    let t = t.trim_end_matches(['。', '；', '，']);
    let t = t
        .strip_suffix("的情况")
        .or_else(|| t.strip_suffix("情况"))
        .unwrap_or(t);
    if t.chars().count() <= SHORT_CHECK_CHARS {
        t.to_owned()
    } else {
        let mut s: String = t.chars().take(SHORT_CHECK_CHARS - 1).collect();
        s.push('…');
        // A cut inside 《…》, “…” or （…） closes the pair, so no bracket is left open.
        for (open, close) in [('“', '”'), ('（', '）'), ('《', '》')] {
            if s.matches(open).count() > s.matches(close).count() {
                s.push(close);
            }
        }
        s
    }
}

/// How many characters [`short_check_text`] keeps at most (and a closing bracket where the cut
/// falls inside a pair).
pub const SHORT_CHECK_CHARS: usize = 24;
/// A first clause shorter than this is not a heading on its own (`检查企业，…`).
pub const SHORT_CLAUSE_MIN: usize = 6;

/// Splits text that lists numbered parts into those parts, each as written (its number kept,
/// trailing `；` `;` `，` dropped). Recognised, as meetings write them:
/// - lines that start with `1.` `1、` `1．` `（1）` `(1)` `①`, numbered 1, 2, 3… in order
///   (lines without a number continue the part above);
/// - 一是… 二是… 三是… inside one paragraph, in order;
/// - `1.` `1、` `（1）` inside one paragraph, after `；` `。` or `;`, numbered 1, 2, 3… in order.
///
/// Text without at least two such parts in order is one part, so a sentence that merely
/// contains 一是 or a decimal is never cut. Empty text gives no parts.
pub fn split_problems(text: &str) -> Vec<String> {
    let text = text.trim();
    if text.is_empty() {
        return Vec::new();
    }
    let cuts = numbered_cuts(text);
    if cuts.len() < 2 {
        return vec![text.to_owned()];
    }
    let mut parts = Vec::new();
    let head = text[..cuts[0]].trim();
    for (k, &start) in cuts.iter().enumerate() {
        let end = cuts.get(k + 1).copied().unwrap_or(text.len());
        let mut part = text[start..end]
            .trim()
            .trim_end_matches(['；', ';', '，', ','])
            .trim()
            .to_owned();
        // A lead-in before the first number ("主要问题：") belongs to the first part.
        if k == 0 && !head.is_empty() {
            part = format!("{head}{part}");
        }
        parts.push(part);
    }
    parts
}

/// 一是 … 十是, the phrases that start the parts of a paragraph in order.
const ORDINALS: [&str; 10] = [
    "一是", "二是", "三是", "四是", "五是", "六是", "七是", "八是", "九是", "十是",
];
const CIRCLED: [char; 10] = ['①', '②', '③', '④', '⑤', '⑥', '⑦', '⑧', '⑨', '⑩'];

/// The byte offsets where parts numbered 1, 2, 3… start, by the first rule that finds at least
/// two in order.
fn numbered_cuts(text: &str) -> Vec<usize> {
    // Numbered lines.
    let mut cuts = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let lead = line.len() - line.trim_start().len();
        if let Some(n) = leading_number(line.trim_start())
            && n == cuts.len() + 1
        {
            cuts.push(offset + lead);
        }
        offset += line.len();
    }
    if cuts.len() >= 2 {
        return cuts;
    }
    // 一是 二是 …
    let mut cuts = Vec::new();
    let mut from = 0;
    for marker in ORDINALS {
        let found = text[from..]
            .match_indices(marker)
            .map(|(i, _)| from + i)
            .find(|&at| at_break(text, at));
        match found {
            Some(at) => {
                cuts.push(at);
                from = at + marker.len();
            }
            None => break,
        }
    }
    if cuts.len() >= 2 {
        return cuts;
    }
    // 1. 2. after a sentence break.
    let mut cuts = Vec::new();
    let mut from = 0;
    while from < text.len() {
        let want = cuts.len() + 1;
        let found = (from..text.len()).find(|&at| {
            may_lead(text.as_bytes()[at])
                && text.is_char_boundary(at)
                && at_break(text, at)
                && leading_number(&text[at..]) == Some(want)
        });
        match found {
            Some(at) => {
                cuts.push(at);
                from = at + text[at..].chars().next().map_or(1, char::len_utf8);
            }
            None => break,
        }
    }
    cuts
}

/// Whether a numbered part may start at byte `at`: at the start, or after a sentence or clause
/// break (so 统一是 or 第12.3条 is not taken for a number).
fn at_break(text: &str, at: usize) -> bool {
    text[..at].chars().next_back().is_none_or(|c| {
        c.is_whitespace() || matches!(c, '；' | '。' | ';' | '：' | ':' | '，' | ',')
    })
}

/// The number a part starts with: `1.` `1、` `1．` `（1）` `(1)` `①`; a digit followed by
/// another digit or a plain `.` then a digit (a decimal, a date) is no number.
fn leading_number(s: &str) -> Option<usize> {
    let mut chars = s.chars();
    let first = chars.next()?;
    if let Some(i) = CIRCLED.iter().position(|&c| c == first) {
        return Some(i + 1);
    }
    let (inner, close): (&str, &[char]) = match first {
        '（' | '(' => (&s[first.len_utf8()..], &['）', ')']),
        _ => (s, &['.', '．', '、']),
    };
    let digits = inner.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let rest = &inner[digits..];
    let next = rest.chars().next()?;
    if !close.contains(&next) {
        return None;
    }
    if next == '.' && rest[1..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    inner[..digits].parse().ok()
}

/// Whether a number [`leading_number`] takes may start with the character that begins with
/// byte `b`: a digit, `(`, or the first byte of `（` (U+FF08) and of `①`…`⑩` (U+2460…).
/// Most characters of a text cannot, and are passed over without being decoded.
fn may_lead(b: u8) -> bool {
    b.is_ascii_digit() || b == b'(' || b == 0xEF || b == 0xE2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_that_starts_a_number_is_looked_at() {
        for (c, n) in [('1', 1), ('(', 1), ('（', 1), ('①', 1), ('⑩', 10)] {
            let mut b = [0; 4];
            assert!(may_lead(c.encode_utf8(&mut b).as_bytes()[0]), "{c}");
            let s = if matches!(c, '(' | '（') {
                format!("{c}{n}{}", if c == '(' { ')' } else { '）' })
            } else if c == '1' {
                "1.".to_owned()
            } else {
                c.to_string()
            };
            assert_eq!(leading_number(&s), Some(n), "{s}");
        }
        assert_eq!(
            split_problems("问题：（1）制度不健全；（2）培训不到位。"),
            vec!["问题：（1）制度不健全", "（2）培训不到位。"]
        );
        assert_eq!(
            split_problems("问题：①制度不健全；②培训不到位。"),
            vec!["问题：①制度不健全", "②培训不到位。"]
        );
    }

    #[test]
    fn numbered_lines_split_into_problems() {
        assert_eq!(
            split_problems("1.制度不健全；\n2、培训不到位\n  仍有缺口\n（3）台账缺失。"),
            vec![
                "1.制度不健全",
                "2、培训不到位\n  仍有缺口",
                "（3）台账缺失。"
            ]
        );
    }

    #[test]
    fn ordinal_phrases_split_inside_a_paragraph() {
        assert_eq!(
            split_problems("主要问题：一是制度不健全；二是培训不到位；三是台账缺失。"),
            vec![
                "主要问题：一是制度不健全",
                "二是培训不到位",
                "三是台账缺失。"
            ]
        );
    }

    #[test]
    fn inline_numbers_after_a_break_split() {
        assert_eq!(
            split_problems("1.制度不健全；2.培训投入3.5万元不足。"),
            vec!["1.制度不健全", "2.培训投入3.5万元不足。"]
        );
    }

    #[test]
    fn text_that_only_looks_numbered_is_one_problem() {
        for text in [
            "执法检查频次不足，覆盖率低",
            "一是制度不健全",
            "2024.3月前完成1.5万元投入",
            "统一是关键；二是其次",
            "2.培训不到位；1.制度不健全",
        ] {
            assert_eq!(split_problems(text), vec![text.to_owned()], "{text}");
        }
        assert!(split_problems("  \n ").is_empty());
    }

    #[test]
    fn short_check_text_drops_the_frame_and_ends_in_an_ellipsis() {
        assert_eq!(
            short_check_text("检查督促企业抓好隐患整改治理情况"),
            "督促企业抓好隐患整改治理"
        );
        assert_eq!(
            short_check_text("检查结合实际制定并落实《党政领导干部安全生产工作职责》情况"),
            "结合实际制定并落实《党政领导干部安全生产工作职…》"
        );
        let long = short_check_text(&"检查".repeat(40));
        assert_eq!(long.chars().count(), SHORT_CHECK_CHARS);
        assert!(long.ends_with('…'));
    }
}
