//! Text layout and sanitising used by the UI and exports; no terminal code.
//!
//! This part lays Chinese text out into lines of a given number of terminal columns. Widgets
//! wrap Chinese between any two characters and happily start a line with `，` or end one with
//! `“`; here break opportunities come from UAX #14 (`unicode-linebreak`) with the Chinese
//! line-start and line-end rules (禁则) enforced on top, widths come from `unicode-width`, and
//! the caller gets ready lines whose count it knows (for scrolling). Everything is linear in
//! the length of the text: it runs on megabyte notes.
//!
//! Input is expected to have passed [`super::sanitize::for_display`]: only `\n` is a hard break.

use unicode_linebreak::linebreaks;
use unicode_width::UnicodeWidthStr;

/// Characters that must not begin a line (after the first line of a paragraph).
const NO_LINE_START: [char; 29] = [
    '，', '。', '、', '；', '：', '？', '！', '）', '」', '』', '”', '’', '》', '〉', '】', '〕',
    '…', '—', '．', ',', '.', ';', ':', '?', '!', ')', ']', '}', '%',
];

/// Characters that must not end a line.
const NO_LINE_END: [char; 12] = [
    '（', '「', '『', '“', '‘', '《', '〈', '【', '〔', '(', '[', '{',
];

/// Displayed width of `s` in terminal columns, as the rest of the UI measures it; wide
/// (Chinese) characters count two columns.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// One character with the zero-width characters that follow it (combining marks, variation
/// selectors, joiners): the smallest piece that is never split, and whose width is measured
/// as a string so that sequences like `☺\u{FE0F}` count as wide as they are drawn.
#[derive(Debug, Clone, Copy)]
struct Unit {
    /// Byte offset of the first character.
    start: usize,
    /// Byte offset just past the last character.
    end: usize,
    /// Columns taken by `text[start..end]`.
    width: usize,
    /// The first character, which the punctuation rules look at.
    base: char,
}

/// Splits a string into [`Unit`]s lazily (so that [`truncate`] stops early on huge input).
struct Units<'a> {
    text: &'a str,
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
}

impl<'a> Units<'a> {
    fn new(text: &'a str) -> Self {
        Units {
            text,
            chars: text.char_indices().peekable(),
        }
    }
}

/// Width of a single character measured as a string (controls count as the string measure
/// counts them, unlike `UnicodeWidthChar`, which gives `None`).
fn char_width(c: char) -> usize {
    let mut buf = [0_u8; 4];
    width(c.encode_utf8(&mut buf))
}

impl Iterator for Units<'_> {
    type Item = Unit;

    fn next(&mut self) -> Option<Unit> {
        let (start, base) = self.chars.next()?;
        let mut end = start + base.len_utf8();
        while let Some(&(i, c)) = self.chars.peek() {
            if char_width(c) != 0 {
                break;
            }
            end = i + c.len_utf8();
            self.chars.next();
        }
        Some(Unit {
            start,
            end,
            width: width(&self.text[start..end]),
            base,
        })
    }
}

/// Whether a line may be broken between characters `a` and `b` as far as the Chinese
/// punctuation rules go: `b` may begin a line, `a` may end one, and neither `……` nor `——` is
/// split.
fn rules_allow(a: char, b: char) -> bool {
    // Already implied by `…` and `—` being line-start characters; kept so the rule stays
    // explicit if that list changes.
    let splits_pair = a == b && matches!(a, '…' | '—');
    !(NO_LINE_START.contains(&b) || NO_LINE_END.contains(&a) || splits_pair)
}

fn is_open_quote(c: char) -> bool {
    matches!(c, '“' | '‘')
}

fn is_close_quote(c: char) -> bool {
    matches!(c, '”' | '’')
}

/// Break opportunities that UAX #14 misses in Chinese: it treats `“ ” ‘ ’` as ambiguous quotes
/// and allows no break on either side, while in Chinese one may break before an opening quote
/// and after a closing one when the neighbour is a wide character or another quote.
fn chinese_quote_break(a: &Unit, b: &Unit) -> bool {
    (is_open_quote(b.base) && (a.width >= 2 || is_close_quote(a.base)))
        || (is_close_quote(a.base) && (b.width >= 2 || is_open_quote(b.base)))
}

/// Lays `text` out into lines of at most `width` terminal columns, with Chinese line-breaking
/// rules, so the UI can render ready lines and knows their count.
///
/// - Each `\n` ends a paragraph; every paragraph gives at least one line, so an empty
///   paragraph gives an empty line and `""` gives `vec![String::new()]`.
/// - Breaks happen where UAX #14 allows them and, on top, no line after the first of a
///   paragraph starts with `，。、；：？！）」』”’》〉】〕…—．,.;:?!)]}%`, no line ends with
///   `（「『“‘《〈【〔([{`, and `……` and `——` are never split.
/// - When no such break fits (a long latin run, or a run of punctuation), the line is broken
///   at the latest point the punctuation rules accept (pulling the previous characters down
///   to the next line), else at the width, between characters.
/// - No character is dropped or split: the lines of a paragraph concatenated give the
///   paragraph back exactly. A space at a break stays at the end of the earlier line when it
///   fits, otherwise it begins the next one.
/// - No line is wider than `width`, except a single character wider than `width` (a Chinese
///   character at width 1), which then stands alone on its line. A `width` of 0 counts as 1.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        wrap_paragraph(paragraph, width, &mut lines);
    }
    lines
}

/// Where each break between units is allowed: `allowed[k]` is a proper break before unit `k`,
/// `rule_ok[k]` only satisfies the punctuation rules (the fall-back).
fn break_tables(para: &str, units: &[Unit]) -> (Vec<bool>, Vec<bool>) {
    let n = units.len();
    let mut uax = vec![false; n];
    let mut k = 0;
    for (at, _) in linebreaks(para) {
        while k < n && units[k].start < at {
            k += 1;
        }
        if k < n && units[k].start == at {
            uax[k] = true;
        }
    }

    let mut allowed = vec![false; n];
    let mut rule_ok = vec![false; n];
    for k in 1..n {
        let (a, b) = (&units[k - 1], &units[k]);
        rule_ok[k] = rules_allow(a.base, b.base);
        allowed[k] = rule_ok[k] && (uax[k] || chinese_quote_break(a, b));
    }

    // A break may also come before spaces that lead up to a break (or to the end), so that
    // spaces which do not fit begin the next line instead of forcing an earlier break.
    let mut run_ends_in_break = true;
    for k in (1..n).rev() {
        if units[k].base == ' ' {
            run_ends_in_break = match units.get(k + 1) {
                None => true,
                Some(next) if next.base == ' ' => run_ends_in_break,
                Some(_) => allowed[k + 1],
            };
            if run_ends_in_break && rule_ok[k] {
                allowed[k] = true;
            }
        }
    }
    (allowed, rule_ok)
}

/// Greedy first-fit layout of one paragraph (no `\n` inside), appending to `lines`.
fn wrap_paragraph(para: &str, width: usize, lines: &mut Vec<String>) {
    let units: Vec<Unit> = Units::new(para).collect();
    let n = units.len();
    if n == 0 {
        lines.push(String::new());
        return;
    }
    let (allowed, rule_ok) = break_tables(para, &units);
    let mut prefix = Vec::with_capacity(n + 1);
    let mut sum = 0;
    prefix.push(0);
    for u in &units {
        sum += u.width;
        prefix.push(sum);
    }
    let byte_at = |k: usize| units.get(k).map_or(para.len(), |u| u.start);

    // The current line is units[start..i]; `last_ok` and `last_rule` are the latest
    // positions in (start, i] where a proper break, or a break the rules accept, may go.
    let mut start = 0;
    let mut last_ok: Option<usize> = None;
    let mut last_rule: Option<usize> = None;
    let mut i = 0;
    while i < n {
        if i > start {
            if allowed[i] {
                last_ok = Some(i);
            }
            if rule_ok[i] {
                last_rule = Some(i);
            }
        }
        if prefix[i + 1] - prefix[start] <= width {
            i += 1;
            continue;
        }
        if i == start {
            // A single unit wider than the whole line stands alone.
            lines.push(para[units[i].start..units[i].end].to_owned());
            start = i + 1;
            i += 1;
            last_ok = None;
            last_rule = None;
            continue;
        }
        let at = last_ok.or(last_rule).unwrap_or(i);
        lines.push(para[byte_at(start)..byte_at(at)].to_owned());
        start = at;
        // Nothing allowed lies in (at, i] any more; a rule-only position may, when the break
        // went to an earlier proper opportunity.
        last_ok = None;
        last_rule = last_rule.filter(|&r| r > at);
        // Unit i is measured again against the new line.
    }
    if start < n {
        lines.push(para[byte_at(start)..].to_owned());
    }
}

/// The longest prefix of `s` that fits in `width` columns, never splitting a wide character,
/// for table cells and status fields that must not overflow (no ellipsis is added).
pub fn truncate(s: &str, width: usize) -> String {
    let mut used = 0;
    let mut end = 0;
    for unit in Units::new(s) {
        used += unit.width;
        if used > width {
            break;
        }
        end = unit.end;
    }
    s[..end].to_owned()
}

/// `s` truncated and then padded with spaces to exactly `width` columns, for aligned columns.
pub fn pad(s: &str, width: usize) -> String {
    let mut out = truncate(s, width);
    let fill = width.saturating_sub(self::width(&out));
    out.extend(std::iter::repeat_n(' ', fill));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// From the seed document, joined over its page break.
    const P1: &str = "1.对照“党委和政府、各级领导干部要牢固树立安全发展理念，始终把人民群众生命安全放在第一位”“坚持安全生产高标准、严要求，招商引资、上项目要严把安全生产关”的要求，检查党委政府落实安全发展理念，统筹发展和安全，完善安全生产制度措施情况；检查把安全生产列入党委政府重要议事日程，定期研究决策重大事项情况；检查招商引资、项目建设安全生产审核把关，做到不安全不招引、不安全不审批的情况。";
    const P2: &str = "2.对照“党政一把手必须亲力亲为、亲自动手抓”“抓紧建立健全安全生产责任体系”“把安全责任落实到岗位、落实到人头”“落实属地管理责任，依法依规，严管严抓”的要求，检查结合实际制定并落实《党政领导干部安全生产工作职责》情况；检查党委政府主要负责人履行安全生产职责情况；检查明确各有关部门安全生产职责情况；检查明确本地重点行业领域行业主管部门、监管部门情况；检查明确本地各类生产经营单位的安全生产监管部门情况；检查明确新业态新领域的安全生产监管责任情况。";
    const P3: &str = "2.对照“抓紧建立健全安全生产责任体系”“把安全责任落实到岗位、落实到人头”的要求，检查部门制定领导班子成员安全生产责任清单，并将安全生产工作纳入领导干部述职内容情况；检查各行业主管部门、监管部门按规定成立或明确专门科室、配备专职（专责）人员抓安全生产工作情况。";
    const P4: &str = "6.对照“要做到‘一厂出事故、万厂受教育，一地有隐患、全国受警示’”“各地区和各行业领域深刻吸取安全事故带来的教训，强化安全责任，改进安全监管，落实防范措施”的要求，检查本行业领域生产安全事故警示教育情况；检查本行业领域改进监管和防范措施落实情况。";
    /// From the seed document, joined over its page break.
    const P5: &str = "3.对照“采用不发通知、不打招呼、不听汇报、不用陪同和接待，直奔基层、直插现场，暗查暗访，特别是要深查地下油气管网这样的隐蔽致灾隐患”的要求，检查部门主要负责人、分管负责人亲自带队，“四不两直”检查安全生产，层层传导压力情况；检查各行业主管部门、监管部门提高发现问题解决问题的强烈意愿和能力水平，提升隐患排查质量，深查隐蔽致灾隐患特别是重大事故隐患情况。";
    /// Ellipses, dashes and latin mixed in.
    const P6: &str = "参照ISO 45001——职业健康安全管理体系……要求（2018版），结合GB/T 33000—2016《企业安全生产标准化基本规范》的要求……检查“晨会”、“开工第一课”等制度落实情况——包括PDCA (Plan-Do-Check-Act) 循环、HAZOP分析和JSA作业安全分析……以及100%覆盖率。";

    const SENTENCES: [&str; 6] = [P1, P2, P3, P4, P5, P6];

    /// Checks the Chinese line rules on the lines of one paragraph.
    fn assert_rules(lines: &[String], w: usize, text: &str) {
        for (n, line) in lines.iter().enumerate() {
            let ctx = format!("width {w}, line {n} {line:?} of {text:?}");
            assert!(!line.is_empty(), "{ctx}");
            assert!(width(line) <= w, "too wide: {ctx}");
            let first = line.chars().next().unwrap();
            let last = line.chars().next_back().unwrap();
            if n > 0 {
                assert!(!NO_LINE_START.contains(&first), "bad start: {ctx}");
            }
            assert!(!NO_LINE_END.contains(&last), "bad end: {ctx}");
            if let Some(next) = lines.get(n + 1) {
                let next_first = next.chars().next().unwrap();
                let split = last == next_first && matches!(last, '…' | '—');
                assert!(!split, "split ……/——: {ctx}");
            }
        }
        assert_eq!(lines.concat(), text);
    }

    #[test]
    fn seed_sentences_obey_the_chinese_rules() {
        for text in SENTENCES {
            for w in 10..=40 {
                let lines = wrap(text, w);
                assert_rules(&lines, w, text);
                // First fit: no line could have taken the whole next one.
                assert!(lines.len() >= width(text).div_ceil(w));
            }
        }
    }

    #[test]
    fn quotes_do_not_block_breaks() {
        // UAX #14 alone forbids a break on either side of “ and ”; a line would then have to
        // be broken by force or end far too early.
        assert_eq!(wrap("一二“三四”五六", 4), ["一二", "“三", "四”", "五六"]);
        assert_eq!(
            wrap("安全“三管三必须”责任", 6),
            ["安全", "“三管", "三必", "须”责", "任"]
        );
        assert_eq!(wrap("第一，第二。", 4), ["第", "一，", "第", "二。"]);
    }

    #[test]
    fn spaces_and_latin() {
        assert_eq!(wrap("ab cd ef", 5), ["ab cd", " ef"]);
        assert_eq!(wrap("ab cd ef", 6), ["ab cd ", "ef"]);
        assert_eq!(wrap("hello world", 5), ["hello", " ", "world"]);
        assert_eq!(wrap("hello world", 6), ["hello ", "world"]);
        assert_eq!(wrap("hello  world", 6), ["hello ", " world"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        // Pulled down so that the comma does not begin a line.
        assert_eq!(wrap("abcdefgh，x", 9), ["abcdefg", "h，x"]);
    }

    #[test]
    fn hard_breaks_and_empty_paragraphs() {
        assert_eq!(wrap("", 10), [""]);
        assert_eq!(wrap("\n", 10), ["", ""]);
        assert_eq!(wrap("甲\n\n乙丙丁", 4), ["甲", "", "乙丙", "丁"]);
    }

    #[test]
    fn tiny_widths_never_panic_and_lose_nothing() {
        for text in ["a中b", "中", "，，，，", "“”", ""] {
            for w in 0..=6 {
                let lines = wrap(text, w);
                assert_eq!(lines.concat(), text, "width {w}");
                if text.is_empty() {
                    assert_eq!(lines, [""]);
                    continue;
                }
                for line in &lines {
                    assert!(!line.is_empty(), "{text:?} width {w}: {lines:?}");
                    let alone = line.chars().count() == 1;
                    assert!(
                        width(line) <= w.max(1) || alone,
                        "{text:?} width {w}: {lines:?}"
                    );
                }
            }
        }
        assert_eq!(wrap("a中b", 1), ["a", "中", "b"]);
        assert_eq!(wrap("a中b", 0), ["a", "中", "b"]);
    }

    #[test]
    fn only_forbidden_start_punctuation_terminates_and_fits() {
        let text = "，。、；：？！）」』”’》〉】〕……——．,.;:?!)]}%".repeat(20);
        for w in 1..=8 {
            let lines = wrap(&text, w);
            assert_eq!(lines.concat(), text);
            for line in &lines {
                let alone = line.chars().count() == 1;
                assert!(!line.is_empty());
                assert!(width(line) <= w || alone, "width {w}: {line:?}");
            }
        }
    }

    #[test]
    fn long_lines_wrap_in_linear_time() {
        let chinese = "安全生产".repeat(25_000);
        assert_eq!(chinese.chars().count(), 100_000);
        let lines = wrap(&chinese, 40);
        assert_eq!(lines.len(), 5_000);
        assert!(lines.iter().all(|l| width(l) == 40));

        // The fall-back paths: one unbreakable latin word, and punctuation that can never
        // begin a line.
        let latin = "a".repeat(100_000);
        assert_eq!(wrap(&latin, 40).len(), 2_500);
        let commas = "，".repeat(100_000);
        assert_eq!(wrap(&commas, 40).len(), 5_000);

        // A megabyte note of real sentences.
        let note = SENTENCES.join("\n").repeat(400);
        assert!(note.len() > 1_000_000);
        let lines = wrap(&note, 37);
        assert_eq!(lines.concat(), note.replace('\n', ""));
    }

    #[test]
    fn truncate_and_pad() {
        assert_eq!(truncate("安全生产", 5), "安全");
        assert_eq!(truncate("安全生产", 0), "");
        assert_eq!(truncate("ab安", 3), "ab");
        assert_eq!(truncate("abc", 10), "abc");
        assert_eq!(pad("安全生产", 5), "安全 ");
        assert_eq!(pad("ab", 4), "ab  ");
        assert_eq!(pad("", 0), "");
        // A base keeps its combining mark.
        assert_eq!(truncate("e\u{301}x", 1), "e\u{301}");
    }

    fn text_strategy() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-zA-Z0-9 \n中文安全生产检查，。、；：？！）」』”’》〉】〕…—．,.;:?!)\\]}%（「『“‘《〈【〔(\\[{]{0,120}",
            any::<String>(),
            "[\u{0300}-\u{036f}\u{fe00}-\u{fe0f}\u{200d}\u{2600}-\u{27bf}\u{1f300}-\u{1f6ff}\u{1f3fb}-\u{1f3ff}a1 中“”\n]{0,60}",
        ]
    }

    proptest! {
        #[test]
        fn wrap_never_loses_or_overflows(text in text_strategy(), w in 0_usize..50) {
            let lines = wrap(&text, w);
            let mut expected = Vec::new();
            for para in text.split('\n') {
                let para_lines = wrap(para, w);
                prop_assert_eq!(para_lines.concat(), para);
                prop_assert!(!para_lines.is_empty());
                if !para.is_empty() {
                    prop_assert!(para_lines.iter().all(|l| !l.is_empty()));
                }
                expected.extend(para_lines);
            }
            prop_assert_eq!(&lines, &expected);
            for line in &lines {
                prop_assert!(!line.contains('\n'));
                // The one exception: a single character (with its zero-width marks) that is
                // wider than the whole line.
                let alone = line.chars().skip(1).all(|c| char_width(c) == 0);
                prop_assert!(width(line) <= w.max(1) || alone, "{:?} at {}", line, w);
            }
        }

        #[test]
        fn truncate_and_pad_fit(text in text_strategy(), w in 0_usize..50) {
            let cut = truncate(&text, w);
            prop_assert!(text.starts_with(&cut));
            prop_assert!(width(&cut) <= w);
            let padded = pad(&text, w);
            prop_assert_eq!(width(&padded), w);
            prop_assert!(padded.starts_with(&cut));
        }
    }
}
