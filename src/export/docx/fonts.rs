//! The faces of a Word document in the form GB/T 9704 sets for a 公文: names of fonts, which
//! Word and WPS look up as written, not words a reader is shown.

/// The title face; [`FONT_TABLE`] names its stand-ins for machines that lack it.
pub const TITLE_FONT: &str = "方正小标宋简体";
/// The face of `一、` headings and the 附件 mark.
pub const HEADING_FONT: &str = "黑体";
/// The face of `（一）` headings.
pub const KAI_FONT: &str = "楷体_GB2312";
/// The body face.
pub const BODY_FONT: &str = "仿宋_GB2312";
/// The page numbers' face.
pub const PAGE_NUMBER_FONT: &str = "宋体";
/// Latin letters and digits in every part.
pub const LATIN_FONT: &str = "Times New Roman";

/// `word/fontTable.xml`: each Chinese face with an `altName` (the face Word and WPS substitute
/// when it is missing: 方正小标宋简体 → 华文中宋 → 宋体, `仿宋_GB2312` → 仿宋, `楷体_GB2312` → 楷体)
/// and the GB2312 charset.
pub const FONT_TABLE: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
    r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
    r#"<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>"#,
    r#"<w:font w:name="方正小标宋简体"><w:altName w:val="华文中宋"/><w:charset w:val="86"/><w:family w:val="script"/><w:pitch w:val="default"/></w:font>"#,
    r#"<w:font w:name="华文中宋"><w:altName w:val="宋体"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="default"/></w:font>"#,
    r#"<w:font w:name="宋体"><w:altName w:val="SimSun"/><w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>"#,
    r#"<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>"#,
    r#"<w:font w:name="仿宋"><w:altName w:val="FangSong"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>"#,
    r#"<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>"#,
    r#"<w:font w:name="楷体"><w:altName w:val="KaiTi"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>"#,
    r#"<w:font w:name="黑体"><w:altName w:val="SimHei"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>"#,
    r#"</w:fonts>"#,
);
