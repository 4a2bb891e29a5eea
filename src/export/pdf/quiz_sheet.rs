//! The printable quiz: numbered questions (a chart question with its drawing, a choice question
//! with lettered choices), then the answers on a page of their own at the end, so the quiz can
//! be handed out and marked later.

use crate::geometry::ChartGeometry;
use crate::model::{Chart, FootSel};
use crate::palette::ACCENT;
use crate::plan::Paper;
use crate::study::Question;
use crate::study::print::{Printed, letter};
use crate::study::quiz::shown_feet;

use super::super::{ExportError, Highlight, SvgOptions, render_svg, svg_frame, usvg_options};
use super::layout::{BODY, H2, Item, Layout, SMALL, TITLE};
use super::render::{render, svg_tree};
use super::tags::Role;

/// The drawing's width in the SVG.
const SVG_W: f32 = 400.0;

/// The quiz PDF: the questions, then the answer page.
pub fn quiz_pdf(
    chart: &Chart,
    geometry: &ChartGeometry,
    questions: &[Printed],
    paper: Paper,
) -> Result<Vec<u8>, ExportError> {
    if questions.is_empty() {
        return Err(ExportError::Pdf("the quiz has no questions".to_owned()));
    }
    let title = format!("Reflexology quiz: {} questions", questions.len());
    let mut l = Layout::new(paper.size_pt(), title.clone())?;
    l.heading(&title, TITLE, 1);
    l.tagged(Role::P, |l| {
        let cw = l.content_w();
        l.paragraph(
            l.left(),
            cw,
            BODY,
            "Answer on the sheet: circle one letter, mark the area on the drawing, or write the \
             letters in order. The answers are on the last page. The chart is what the \
             reflexology tradition teaches, not anatomy.",
        );
    });
    l.gap(8.0);
    let mut trees = Vec::new();
    let opt = usvg_options();
    let numbered = l.begin(Role::L(krilla::tagging::ListNumbering::Decimal));
    for (n, q) in questions.iter().enumerate() {
        // The drawing a chart question shows, and how big it is on paper.
        let drawing = match &q.question {
            Question::Locate { view, foot, .. } => Some((*view, shown_feet(*view, *foot), None)),
            Question::Name {
                view, foot, zone, ..
            } => Some((*view, shown_feet(*view, *foot), Some(*zone))),
            _ => None,
        };
        let art = match drawing {
            Some((view, feet, zone)) => {
                let geo = geometry.get(view, feet);
                let svg = render_svg(
                    chart,
                    geo,
                    &SvgOptions {
                        view,
                        feet,
                        highlight: zone.map_or(Highlight::None, Highlight::Zone),
                        width: SVG_W,
                        guides: false,
                        legend: false,
                        // Why no names: the drawing is the question.
                        names: false,
                    },
                );
                let tree = svg_tree(&svg, &opt)?;
                let (svg_h, _) = svg_frame(geo, SVG_W);
                let w = if feet == FootSel::Both { 230.0 } else { 150.0 };
                let w = if view.is_side() { 260.0 } else { w };
                trees.push(tree);
                Some((trees.len() - 1, w, svg_h * w / SVG_W, view, zone.is_some()))
            }
            None => None,
        };
        let prompt_lines = l.wrap(&q.prompt, l.content_w() - 22.0, BODY.bold());
        let passage_lines = q
            .passage
            .as_deref()
            .map(|p| l.wrap(&format!("“{p}”"), l.content_w() - 22.0, BODY))
            .unwrap_or_default();
        let need = (prompt_lines.len() + passage_lines.len() + q.choices.len()) as f32
            * BODY.line_h()
            + art.map_or(0.0, |a| a.2 + 6.0)
            + 14.0;
        l.ensure(need);
        let x = l.left();
        l.tagged(Role::LI, |l| {
            let y = l.y;
            l.tagged(Role::Lbl, |l| {
                l.text(
                    x,
                    y + BODY.size * 0.95,
                    BODY.bold().color(ACCENT),
                    &format!("{}.", n + 1),
                );
            });
            l.tagged(Role::LBody, |l| {
                let mut y = l.y;
                y += l.paragraph_at(x + 22.0, y, &passage_lines, BODY);
                if !passage_lines.is_empty() {
                    y += 3.0;
                }
                y += l.paragraph_at(x + 22.0, y, &prompt_lines, BODY.bold());
                if let Some((tree, w, h, view, shaded)) = art {
                    let alt = format!(
                        "Chart drawing, {} view, no names{}",
                        view.label().to_lowercase(),
                        if shaded { ", one area shaded" } else { "" }
                    );
                    y += 3.0;
                    l.tagged(Role::Figure(alt), |l| {
                        l.push(Item::Chart {
                            tree,
                            x: x + 22.0,
                            y,
                            w,
                            h,
                        });
                    });
                    y += h + 3.0;
                }
                if !q.choices.is_empty() {
                    let sequence = matches!(q.question, Question::Sequence { .. });
                    let list = l.begin(Role::L(krilla::tagging::ListNumbering::UpperAlpha));
                    for (i, c) in q.choices.iter().enumerate() {
                        let marker = if sequence {
                            format!("{}  ____", letter(i))
                        } else {
                            letter(i).to_string()
                        };
                        l.tagged(Role::LI, |l| {
                            l.tagged(Role::Lbl, |l| {
                                l.text(x + 30.0, y + BODY.size * 0.95, BODY.bold(), &marker);
                            });
                            let indent = if sequence { 72.0 } else { 46.0 };
                            let lines = l.wrap(c, l.content_w() - indent, BODY);
                            y += l.tagged(Role::LBody, |l| {
                                l.paragraph_at(x + indent, y, &lines, BODY)
                            });
                        });
                    }
                    l.end(list);
                }
                l.y = y;
            });
        });
        l.gap(12.0);
    }
    l.end(numbered);
    // The answers, on a page of their own.
    l.new_page();
    l.heading("Answers", H2, 1);
    l.tagged(Role::P, |l| {
        let cw = l.content_w();
        l.paragraph(
            l.left(),
            cw,
            SMALL,
            "Sequence answers give the letters in session order; locate answers say where the \
             area is.",
        );
    });
    l.gap(4.0);
    let list = l.begin(Role::L(krilla::tagging::ListNumbering::Decimal));
    for (n, q) in questions.iter().enumerate() {
        let lines = l.wrap(&q.answer, l.content_w() - 26.0, BODY);
        l.ensure(lines.len() as f32 * BODY.line_h());
        let (x, y) = (l.left(), l.y);
        l.tagged(Role::LI, |l| {
            l.tagged(Role::Lbl, |l| {
                l.text(x, y + BODY.size * 0.95, BODY.bold(), &format!("{}.", n + 1));
            });
            let h = l.tagged(Role::LBody, |l| l.paragraph_at(x + 26.0, y, &lines, BODY));
            l.y += h + 2.0;
        });
    }
    l.end(list);
    render(l, &trees, &title)
}
