//! `serde_json`'s error messages in Chinese. The store keeps the parser's message as text (its
//! category and position are already taken out), so the message is read back here: `serde_json`'s
//! fixed messages, serde's `invalid type / value / length`, `missing / unknown / duplicate field`
//! and `unknown variant` forms, chrono's date messages, and the `expecting` texts of this
//! program's own types. Names quoted in backticks (field names, values) are kept as they are:
//! they are what the person has to find in the file.

/// The message of a JSON error in Chinese. A message this table does not know is kept as it is
/// after a Chinese lead-in, so nothing the parser said is lost.
pub fn zh(message: &str) -> String {
    let (early, inner) = match message
        .strip_prefix("the file ends too early (")
        .and_then(|m| m.strip_suffix(')'))
    {
        Some(inner) => (true, inner),
        None => (false, message),
    };
    let what = translate(inner);
    if early {
        format!("文件提前结束：{what}")
    } else {
        what
    }
}

fn translate(m: &str) -> String {
    let fixed = match m {
        "EOF while parsing a list" => Some("列表（[ ]）没有结束"),
        "EOF while parsing an object" => Some("对象（{ }）没有结束"),
        "EOF while parsing a string" => Some("字符串没有结束（缺少后引号）"),
        "EOF while parsing a value" => Some("缺少一个值"),
        "expected `:`" => Some("此处应为冒号 :"),
        "expected `,` or `]`" => Some("此处应为逗号 , 或 ]"),
        "expected `,` or `}`" => Some("此处应为逗号 , 或 }"),
        "expected ident" => Some("此处应为 true、false 或 null"),
        "expected value" => Some("此处应为一个值"),
        "expected `\"`" => Some("此处应为双引号 \""),
        "invalid escape" => Some("无效的转义（\\ 后的字符不对）"),
        "invalid number" => Some("无效的数字"),
        "number out of range" => Some("数字超出范围"),
        "invalid unicode code point" => Some("无效的字符编码"),
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            Some("字符串中有控制字符（换行要写成 \\n）")
        }
        "key must be a string" => Some("对象的键必须是带引号的字符串"),
        "invalid value: expected key to be a number in quotes" => Some("键应为带引号的数字"),
        "float key must be finite (got NaN or +/-inf)" => Some("键应为有限的数字"),
        "lone leading surrogate in hex escape" => Some("\\u 转义中有不成对的代理字符"),
        "trailing comma" => Some("多余的逗号"),
        "trailing characters" => Some("JSON 结束后还有多余的字符"),
        "unexpected end of hex escape" => Some("\\u 转义不完整"),
        "recursion limit exceeded" => Some("嵌套层数过多"),
        // chrono's parse errors (dates and times in the file)
        "input is out of range" => Some("日期或时间超出范围，如 13 月或 2 月 30 日"),
        "no possible date and time matching input" => Some("没有这样的日期或时间"),
        "input contains invalid characters" => Some("日期或时间中有无效字符"),
        "premature end of input" | "input is not enough for unique date and time" => {
            Some("日期或时间不完整")
        }
        "trailing input" => Some("日期或时间后有多余的字符"),
        "bad or unsupported format string" => Some("日期或时间的格式不对"),
        _ => None,
    };
    if let Some(f) = fixed {
        return f.to_owned();
    }
    if let Some(field) = m
        .strip_prefix("missing field `")
        .and_then(|r| r.strip_suffix('`'))
    {
        return format!("缺少字段 {field}");
    }
    if let Some(field) = m
        .strip_prefix("duplicate field `")
        .and_then(|r| r.strip_suffix('`'))
    {
        return format!("字段 {field} 出现了两次");
    }
    if let Some(rest) = m.strip_prefix("unknown field `") {
        return match rest.split_once("`, ") {
            Some((field, expected)) => {
                format!("未知字段“{field}”（{}）", one_of(expected))
            }
            None => format!("未知字段“{}”", rest.trim_end_matches('`')),
        };
    }
    if let Some(rest) = m.strip_prefix("unknown variant `") {
        return match rest.split_once("`, ") {
            Some((value, expected)) => {
                format!("“{value}”不是可用的取值（{}）", one_of(expected))
            }
            None => format!("“{}”不是可用的取值", rest.trim_end_matches('`')),
        };
    }
    if let Some((unexp, exp)) = m
        .strip_prefix("invalid type: ")
        .and_then(|r| r.rsplit_once(", expected "))
    {
        return format!(
            "类型不对：这里是{}，应为{}",
            unexpected(unexp),
            expected(exp)
        );
    }
    if let Some((unexp, exp)) = m
        .strip_prefix("invalid value: ")
        .and_then(|r| r.rsplit_once(", expected "))
    {
        return format!("取值无效：{}，应为{}", unexpected(unexp), expected(exp));
    }
    if let Some((len, exp)) = m
        .strip_prefix("invalid length ")
        .and_then(|r| r.split_once(", expected "))
    {
        return format!("长度 {len} 不对，应为{}", expected(exp));
    }
    format!("无法识别的内容（{m}）")
}

/// serde's list of expected names (`` `a` ``, `` `a` or `b` ``, `` one of `a`, `b`, `c` ``, or
/// `there are no fields`) as a Chinese clause.
fn one_of(expected: &str) -> String {
    if expected.starts_with("there are no") {
        return "这里不能有任何字段或取值".to_owned();
    }
    let list = expected.strip_prefix("expected ").unwrap_or(expected);
    let list = list.strip_prefix("one of ").unwrap_or(list);
    let names: Vec<&str> = list
        .split([',', ' '])
        .filter(|w| !w.is_empty() && *w != "or")
        .map(|w| w.trim_matches('`'))
        .collect();
    format!("可用：{}", names.join("、"))
}

/// serde's description of what was found (`Unexpected`'s Display).
fn unexpected(u: &str) -> String {
    let words: [(&str, &str); 7] = [
        ("boolean ", "布尔值 "),
        ("integer ", "整数 "),
        ("floating point ", "小数 "),
        ("character ", "字符 "),
        ("string ", "字符串 "),
        ("unit variant ", "取值 "),
        ("byte array", "字节串"),
    ];
    for (en, zh) in words {
        if let Some(rest) = u.strip_prefix(en) {
            return format!("{zh}{}", rest.trim_matches('`'));
        }
    }
    match u {
        "sequence" => "列表（[ ]）".to_owned(),
        "map" => "对象（{ }）".to_owned(),
        "unit value" | "null" => "null".to_owned(),
        "Option value" => "可选值".to_owned(),
        "newtype struct" | "struct variant" | "tuple variant" | "newtype variant" | "enum" => {
            "复合值".to_owned()
        }
        other => other.to_owned(),
    }
}

/// What serde or this program's types expected, as a Chinese noun phrase.
fn expected(e: &str) -> String {
    let known = match e {
        "a string" | "a borrowed string" | "string" => Some("字符串"),
        "a boolean" | "bool" => Some("true 或 false"),
        "a sequence" | "a tuple" => Some("列表（[ ]）"),
        "a map" => Some("对象（{ }）"),
        "u8" | "u16" | "u32" | "u64" | "usize" => Some("非负整数"),
        "i8" | "i16" | "i32" | "i64" | "isize" => Some("整数"),
        "f32" | "f64" => Some("数字"),
        "a character" | "char" => Some("单个字符"),
        "a formatted date string" | "a formatted date" => Some("日期（如 2024-03-31）"),
        "a formatted date and time string or a unix timestamp"
        | "a formatted date and time string"
        | "an RFC 3339 formatted date and time string" => {
            Some("日期时间（如 2024-03-31T09:00:00+08:00）")
        }
        "a session: a JSON object with schema_version, template, unit and meeting" => {
            Some("会议记录（含 schema_version、template、unit、meeting 的 JSON 对象）")
        }
        "a checklist template: a JSON object with id, version, title and sections" => {
            Some("检查表（含 id、version、title、sections 的 JSON 对象）")
        }
        _ => None,
    };
    if let Some(k) = known {
        return k.to_owned();
    }
    if e.starts_with("struct ") || e.starts_with("a map of ") || e.starts_with("a JSON object") {
        return "对象（{ }）".to_owned();
    }
    if e.starts_with("variant identifier")
        || e.starts_with("enum ")
        || e.starts_with("field identifier")
    {
        return "规定的取值之一".to_owned();
    }
    if e.starts_with("a sequence") || e.starts_with("an array") || e.starts_with("tuple") {
        return "列表（[ ]）".to_owned();
    }
    if e.starts_with("one of ") || e.starts_with('`') {
        return one_of(e);
    }
    e.to_owned()
}

#[cfg(test)]
mod tests {
    use super::zh;

    #[test]
    fn serde_json_messages_read_in_chinese() {
        let cases = [
            (
                "the file ends too early (EOF while parsing a value)",
                "文件提前结束：缺少一个值",
            ),
            ("missing field `id`", "缺少字段 id"),
            (
                "invalid type: string \"x\", expected u32",
                "类型不对：这里是字符串 \"x\"，应为非负整数",
            ),
            (
                "invalid type: integer `5`, expected a string",
                "类型不对：这里是整数 5，应为字符串",
            ),
            (
                "unknown variant `zzz`, expected one of `gov`, `dept`, `enterprise`",
                "“zzz”不是可用的取值（可用：gov、dept、enterprise）",
            ),
            (
                "unknown variant `z`, expected `a` or `b`",
                "“z”不是可用的取值（可用：a、b）",
            ),
            ("trailing comma", "多余的逗号"),
        ];
        for (en, want) in cases {
            assert_eq!(zh(en), want, "{en}");
        }
    }

    #[test]
    fn an_unknown_message_is_kept_behind_a_chinese_lead_in() {
        assert_eq!(zh("something new"), "无法识别的内容（something new）");
    }
}
