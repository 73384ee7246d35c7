//! A small writer of `WordprocessingML` (the XML inside a `.docx`), written by hand rather than
//! through a docx library: the report needs table header rows repeated on every page
//! (`w:tblHeader`), a landscape section for the 附件, odd and even page-number footers, draft
//! headers and the unit as the document's author, which docx-rs 0.4 either cannot write or
//! writes only partly. Everything here is plain ECMA-376 that Word, WPS and `LibreOffice` read.
//!
//! The pieces build XML strings; [`Package`] zips them with the parts a package needs.

use std::fmt::Write as _;
use std::io::Write as _;

/// Namespaces of a main-document part (`w:` and `r:`).
pub const NS: &str = concat!(
    r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
    r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#
);

/// Escapes text for XML and drops the characters XML 1.0 cannot hold (C0 controls but tab and
/// newline, U+FFFE, U+FFFF): Word refuses a whole file for one of them. Everything else is
/// kept as stored.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\u{0}'..='\u{8}'
            | '\u{B}'
            | '\u{C}'
            | '\u{E}'..='\u{1F}'
            | '\u{FFFE}'
            | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// How a run looks: its East Asian face, size in half-points, bold, underlined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Font {
    pub east_asia: &'static str,
    /// Latin letters and digits.
    pub latin: &'static str,
    pub half_points: u32,
    pub bold: bool,
    pub underline: bool,
}

impl Font {
    pub const fn new(east_asia: &'static str, latin: &'static str, half_points: u32) -> Self {
        Self {
            east_asia,
            latin,
            half_points,
            bold: false,
            underline: false,
        }
    }

    #[must_use]
    pub const fn bold(mut self) -> Self {
        self.bold = true;
        self
    }

    #[must_use]
    pub const fn underline(mut self) -> Self {
        self.underline = true;
        self
    }

    fn rpr(&self) -> String {
        let mut s = format!(
            r#"<w:rPr><w:rFonts w:ascii="{l}" w:hAnsi="{l}" w:cs="{l}" w:eastAsia="{e}" w:hint="eastAsia"/>"#,
            l = self.latin,
            e = self.east_asia
        );
        if self.bold {
            s.push_str("<w:b/><w:bCs/>");
        }
        if self.underline {
            s.push_str(r#"<w:u w:val="single"/>"#);
        }
        let _ = write!(
            s,
            r#"<w:sz w:val="{0}"/><w:szCs w:val="{0}"/></w:rPr>"#,
            self.half_points
        );
        s
    }
}

/// A run of text in one font. A tab in the text becomes a tab stop.
pub fn run(font: &Font, text: &str) -> String {
    let mut s = format!("<w:r>{}", font.rpr());
    for (i, piece) in text.split('\t').enumerate() {
        if i > 0 {
            s.push_str("<w:tab/>");
        }
        if !piece.is_empty() {
            let _ = write!(s, r#"<w:t xml:space="preserve">{}</w:t>"#, esc(piece));
        }
    }
    s.push_str("</w:r>");
    s
}

/// The content-type prefix of `WordprocessingML` parts.
const WML: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";

/// A line break inside a paragraph.
pub const BREAK: &str = "<w:r><w:br/></w:r>";

/// A `PAGE` field showing the current page number.
pub fn page_field(font: &Font) -> String {
    format!(
        r#"<w:fldSimple w:instr=" PAGE "><w:r>{}<w:t>1</w:t></w:r></w:fldSimple>"#,
        font.rpr()
    )
}

/// Paragraph properties, written in the order the schema wants them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Para {
    pub style: Option<&'static str>,
    pub keep_next: bool,
    pub page_break_before: bool,
    /// (position in twips, alignment) of tab stops.
    pub tabs: Vec<(u32, &'static str)>,
    /// Exact line pitch in twips; `None` for single spacing.
    pub line: Option<u32>,
    pub before: u32,
    pub after: u32,
    pub left: i32,
    pub right: i32,
    /// Positive: first-line indent; negative: hanging indent.
    pub first_line: i32,
    /// `left`, `center`, `right`, `both`; `None` for the style's.
    pub align: Option<&'static str>,
    pub outline: Option<u8>,
    /// A section ends with this paragraph.
    pub section: Option<String>,
}

impl Para {
    pub fn xml(&self, runs: &str) -> String {
        let mut p = String::from("<w:p><w:pPr>");
        if let Some(style) = self.style {
            let _ = write!(p, r#"<w:pStyle w:val="{style}"/>"#);
        }
        if self.keep_next {
            p.push_str("<w:keepNext/>");
        }
        if self.page_break_before {
            p.push_str("<w:pageBreakBefore/>");
        }
        if !self.tabs.is_empty() {
            p.push_str("<w:tabs>");
            for (pos, align) in &self.tabs {
                let _ = write!(p, r#"<w:tab w:val="{align}" w:pos="{pos}"/>"#);
            }
            p.push_str("</w:tabs>");
        }
        let _ = write!(
            p,
            r#"<w:spacing w:before="{}" w:after="{}" "#,
            self.before, self.after
        );
        match self.line {
            Some(line) => {
                let _ = write!(p, r#"w:line="{line}" w:lineRule="exact"/>"#);
            }
            None => p.push_str(r#"w:line="240" w:lineRule="auto"/>"#),
        }
        let _ = write!(
            p,
            r#"<w:ind w:left="{}" w:right="{}" "#,
            self.left, self.right
        );
        if self.first_line >= 0 {
            let _ = write!(p, r#"w:firstLine="{}"/>"#, self.first_line);
        } else {
            let _ = write!(p, r#"w:hanging="{}"/>"#, -self.first_line);
        }
        if let Some(align) = self.align {
            let _ = write!(p, r#"<w:jc w:val="{align}"/>"#);
        }
        if let Some(level) = self.outline {
            let _ = write!(p, r#"<w:outlineLvl w:val="{level}"/>"#);
        }
        if let Some(section) = &self.section {
            p.push_str(section);
        }
        p.push_str("</w:pPr>");
        p.push_str(runs);
        p.push_str("</w:p>");
        p
    }
}

/// A page set-up: size, margins and the distances of header and footer, in twips.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub width: u32,
    pub height: u32,
    pub top: u32,
    pub bottom: u32,
    pub left: u32,
    pub right: u32,
    pub header: u32,
    pub footer: u32,
    pub landscape: bool,
}

impl Page {
    /// `w:sectPr` for a section on this page, with the given header and footer relationship ids
    /// (default = odd pages, even), starting on a new page.
    pub fn section(&self, headers: Option<(&str, &str)>, footers: Option<(&str, &str)>) -> String {
        let mut s = String::from("<w:sectPr>");
        if let Some((odd, even)) = headers {
            let _ = write!(
                s,
                r#"<w:headerReference w:type="default" r:id="{odd}"/><w:headerReference w:type="even" r:id="{even}"/>"#
            );
        }
        if let Some((odd, even)) = footers {
            let _ = write!(
                s,
                r#"<w:footerReference w:type="default" r:id="{odd}"/><w:footerReference w:type="even" r:id="{even}"/>"#
            );
        }
        let _ = write!(
            s,
            r#"<w:type w:val="nextPage"/><w:pgSz w:w="{}" w:h="{}"{}/><w:pgMar w:top="{}" w:right="{}" w:bottom="{}" w:left="{}" w:header="{}" w:footer="{}" w:gutter="0"/><w:pgNumType w:fmt="decimal"/><w:cols w:space="425"/></w:sectPr>"#,
            self.width,
            self.height,
            if self.landscape {
                r#" w:orient="landscape""#
            } else {
                ""
            },
            self.top,
            self.right,
            self.bottom,
            self.left,
            self.header,
            self.footer
        );
        s
    }
}

/// The files of a `.docx`: the document body and its headers and footers, styles, fonts and
/// properties. Headers and footers are numbered in the order added; their relationship ids
/// are `rIdHeaderN` / `rIdFooterN`.
#[derive(Debug, Clone, Default)]
pub struct Package {
    pub body: String,
    pub styles: String,
    pub font_table: String,
    pub headers: Vec<String>,
    pub footers: Vec<String>,
    /// Different headers and footers on odd and even pages.
    pub odd_even: bool,
    pub title: String,
    pub subject: String,
    pub author: String,
    /// W3CDTF (`2023-12-05T02:30:00Z`).
    pub created: String,
    pub modified: String,
}

impl Package {
    /// Adds a header part (its paragraphs' XML) and returns its relationship id.
    pub fn add_header(&mut self, paragraphs: String) -> String {
        self.headers.push(paragraphs);
        format!("rIdHeader{}", self.headers.len())
    }

    /// Adds a footer part and returns its relationship id.
    pub fn add_footer(&mut self, paragraphs: String) -> String {
        self.footers.push(paragraphs);
        format!("rIdFooter{}", self.footers.len())
    }

    /// Zips the package.
    // Each part is a few lines of fixed XML; listed in one place they are easy to check.
    #[allow(clippy::too_many_lines)]
    pub fn zip(&self) -> Result<Vec<u8>, zip::result::ZipError> {
        let mut parts: Vec<(String, String)> = Vec::new();
        let mut overrides = String::new();
        let mut rels = String::new();
        let mut part = |name: String, content_type: &str, xml: String| {
            let _ = write!(
                overrides,
                r#"<Override PartName="/{name}" ContentType="{content_type}"/>"#
            );
            parts.push((name, xml));
        };
        part(
            "word/document.xml".into(),
            &format!("{WML}.document.main+xml"),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{}</w:body></w:document>"#,
                self.body
            ),
        );
        part(
            "word/styles.xml".into(),
            &format!("{WML}.styles+xml"),
            self.styles.clone(),
        );
        part(
            "word/fontTable.xml".into(),
            &format!("{WML}.fontTable+xml"),
            self.font_table.clone(),
        );
        part(
            "word/settings.xml".into(),
            &format!("{WML}.settings+xml"),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:settings {NS}>{}<w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#,
                if self.odd_even {
                    "<w:evenAndOddHeaders/>"
                } else {
                    ""
                }
            ),
        );
        let _ = write!(
            rels,
            r#"<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdFonts" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/><Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>"#
        );
        for (kind, list) in [("header", &self.headers), ("footer", &self.footers)] {
            let tag = if kind == "header" { "w:hdr" } else { "w:ftr" };
            for (i, xml) in list.iter().enumerate() {
                let n = i + 1;
                let id = if kind == "header" { "Header" } else { "Footer" };
                let _ = write!(
                    rels,
                    r#"<Relationship Id="rId{id}{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{kind}{n}.xml"/>"#
                );
                part(
                    format!("word/{kind}{n}.xml"),
                    &format!("{WML}.{kind}+xml"),
                    format!(
                        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><{tag} {NS}>{xml}</{tag}>"#
                    ),
                );
            }
        }
        part(
            "docProps/core.xml".into(),
            "application/vnd.openxmlformats-package.core-properties+xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:creator>{}</dc:creator><cp:lastModifiedBy>{}</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">{}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{}</dcterms:modified></cp:coreProperties>"#,
                esc(&self.title),
                esc(&self.subject),
                esc(&self.author),
                esc(&self.author),
                esc(&self.created),
                esc(&self.modified)
            ),
        );
        part(
            "docProps/app.xml".into(),
            "application/vnd.openxmlformats-officedocument.extended-properties+xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>selfcheck</Application><Company>{}</Company></Properties>"#,
                esc(&self.author)
            ),
        );
        parts.push((
            "[Content_Types].xml".into(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>"#
            ),
        ));
        parts.push((
            "_rels/.rels".into(),
            concat!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
                r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>"#,
                r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#,
                r#"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>"#,
                r#"</Relationships>"#
            )
            .to_owned(),
        ));
        parts.push((
            "word/_rels/document.xml.rels".into(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#
            ),
        ));
        // [Content_Types].xml first, as Word and some validators prefer.
        parts.sort_by_key(|(name, _)| name != "[Content_Types].xml");

        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, xml) in parts {
            zip.start_file(name, options)?;
            zip.write_all(xml.as_bytes())?;
        }
        Ok(zip.finish()?.into_inner())
    }
}
