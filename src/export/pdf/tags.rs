//! The logical structure of a printed PDF: headings, paragraphs, lists, tables and figures, in
//! reading order, built while the pages are laid out and turned into krilla's tag tree (and the
//! outline of headings) when they are drawn.
//!
//! Why built during layout: the layout code knows what a line of text *is* (a heading, a table
//! cell, a list item's label), the drawing code only sees text at a position. Each drawing item
//! gets a [`Mark`] when it is pushed: an artifact (rules, boxes, the running header and footer)
//! or a piece of content belonging to a node of the [`Structure`]. The node tree is in reading
//! order because nodes are made in that order, even where items are drawn in another (a step's
//! number badge is drawn over its thumbnail but read before it).

use std::num::{NonZeroU16, NonZeroU32};

use krilla::destination::XyzDestination;
use krilla::geom::{Point, Rect};
use krilla::outline::{Outline, OutlineNode};
use krilla::tagging::{
    ArtifactType, BBox, Identifier, ListNumbering, Node as TagNode, TableHeaderScope, Tag,
    TagGroup, TagKind, TagTree,
};

use super::layout::Item;

/// A node of the structure tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct NodeId(usize);

/// The document's root: its children are the top-level blocks.
pub(super) const ROOT: NodeId = NodeId(0);

/// What a node is.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Role {
    /// The whole document (only the root).
    Document,
    /// A heading of level 1 to 6, with its text (PDF/UA wants it as the heading's title).
    H(u16, String),
    P,
    /// A list; the numbering says how its labels look (bullets, numbers, none).
    L(ListNumbering),
    LI,
    Lbl,
    LBody,
    Table,
    TR,
    /// A header cell: over a column (or `row`: at the start of a row), spanning cells.
    TH {
        row: bool,
        cols: u32,
        rows: u32,
    },
    /// A data cell, spanning cells.
    TD {
        cols: u32,
        rows: u32,
    },
    /// A picture with its text alternative: everything drawn inside it belongs to it.
    Figure(String),
}

impl Role {
    /// A header cell over one column.
    pub(super) const COL_HEADER: Role = Role::TH {
        row: false,
        cols: 1,
        rows: 1,
    };
    /// A header cell at the start of a row.
    pub(super) const ROW_HEADER: Role = Role::TH {
        row: true,
        cols: 1,
        rows: 1,
    };
    /// A data cell of one column.
    pub(super) const CELL: Role = Role::TD { cols: 1, rows: 1 };

    /// Whether a node of this role stays in the tree when nothing was drawn in it (an empty
    /// table cell keeps the table's columns lined up).
    fn kept_empty(&self) -> bool {
        matches!(self, Role::TH { .. } | Role::TD { .. })
    }
}

/// The kind of decoration an artifact is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Art {
    /// Rules, boxes, tints, lines to write on.
    Layout,
    /// The running header of pages after the first.
    Header,
    /// The disclaimer and page number at the foot of every page.
    Footer,
    /// A table's header row repeated at the top of a page it runs onto.
    Pagination,
}

impl Art {
    pub(super) fn krilla(self) -> ArtifactType {
        match self {
            Art::Layout => ArtifactType::Layout,
            Art::Header => ArtifactType::Header,
            Art::Footer => ArtifactType::Footer,
            Art::Pagination => ArtifactType::PaginationOther,
        }
    }
}

/// What one drawing item is in the structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mark {
    /// Not content: left out of the structure.
    Artifact(Art),
    /// A line of text, marked on its own (with its words as actual text).
    Text(usize),
    /// Part of a figure; the figure's consecutive items share one mark.
    Graphic(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Child {
    Node(NodeId),
    /// Marked content, by mark number.
    Mark(usize),
}

#[derive(Debug)]
struct Node {
    role: Role,
    parent: Option<NodeId>,
    children: Vec<Child>,
    /// The page and box (left, top, right, bottom) of a figure's drawing; `None` until drawn,
    /// and for a figure drawn across pages.
    bbox: Option<(usize, [f32; 4])>,
    /// Set when the figure's items fell on more than one page: no box then.
    split: bool,
}

/// A heading for the outline: level, text, page and top.
#[derive(Debug, Clone)]
struct Heading {
    level: u16,
    title: String,
    page: usize,
    y: f32,
}

/// The structure tree being built, the artifact in force and the headings for the outline.
#[derive(Debug)]
pub(super) struct Structure {
    nodes: Vec<Node>,
    current: NodeId,
    marks: usize,
    /// While set, everything pushed is this artifact (the running header, repeated rows).
    artifact: Option<Art>,
    /// The page, node and mark of the item pushed last, to join a figure's items into one mark.
    last: Option<(usize, NodeId, Mark)>,
    headings: Vec<Heading>,
}

impl Default for Structure {
    fn default() -> Self {
        Self {
            nodes: vec![Node {
                role: Role::Document,
                parent: None,
                children: Vec::new(),
                bbox: None,
                split: false,
            }],
            current: ROOT,
            marks: 0,
            artifact: None,
            last: None,
            headings: Vec::new(),
        }
    }
}

impl Structure {
    /// How many marks were handed out (marks are numbered from 0).
    pub(super) fn mark_count(&self) -> usize {
        self.marks
    }

    /// A new node of `role` as the last child of the current node, without entering it.
    pub(super) fn child(&mut self, role: Role) -> NodeId {
        let id = NodeId(self.nodes.len());
        self.nodes.push(Node {
            role,
            parent: Some(self.current),
            children: Vec::new(),
            bbox: None,
            split: false,
        });
        self.nodes[self.current.0].children.push(Child::Node(id));
        id
    }

    /// Make `id` the node new content and nodes go into; returns the one it replaces.
    pub(super) fn enter(&mut self, id: NodeId) -> NodeId {
        std::mem::replace(&mut self.current, id)
    }

    /// Leave node `id`: its parent becomes the current node again.
    pub(super) fn end(&mut self, id: NodeId) {
        self.current = self.nodes[id.0].parent.unwrap_or(ROOT);
    }

    /// Whether the current node holds text itself (a paragraph, heading, label or cell), so
    /// a paragraph drawn in it needs no paragraph node of its own.
    pub(super) fn in_text_block(&self) -> bool {
        matches!(
            self.nodes[self.current.0].role,
            Role::P | Role::H(..) | Role::Lbl | Role::TH { .. } | Role::TD { .. }
        )
    }

    /// Whether the current node is a list.
    pub(super) fn in_list(&self) -> bool {
        matches!(self.nodes[self.current.0].role, Role::L(_))
    }

    /// The artifact everything is pushed as from now (`None`: content again); returns the one
    /// it replaces.
    pub(super) fn set_artifact(&mut self, art: Option<Art>) -> Option<Art> {
        std::mem::replace(&mut self.artifact, art)
    }

    /// Note a heading for the outline, at `y` on `page`.
    pub(super) fn note_heading(&mut self, level: u16, title: &str, page: usize, y: f32) {
        self.headings.push(Heading {
            level,
            title: title.to_owned(),
            page,
            y,
        });
    }

    /// The figure the current node is in, if any.
    fn figure(&self) -> Option<NodeId> {
        let mut at = Some(self.current);
        while let Some(id) = at {
            let node = &self.nodes[id.0];
            if matches!(node.role, Role::Figure(_)) {
                return Some(id);
            }
            at = node.parent;
        }
        None
    }

    fn new_mark(&mut self, node: NodeId, mark: impl Fn(usize) -> Mark) -> Mark {
        let m = mark(self.marks);
        let n = self.marks;
        self.marks += 1;
        self.nodes[node.0].children.push(Child::Mark(n));
        m
    }

    /// The mark of `item`, pushed as the next item on page `page`.
    pub(super) fn mark(&mut self, page: usize, item: &Item) -> Mark {
        if let Some(art) = self.artifact {
            self.last = None;
            return Mark::Artifact(art);
        }
        let is_text = matches!(item, Item::Text { .. });
        let picture = matches!(item, Item::Image { .. } | Item::Chart { .. });
        let figure = match self.figure() {
            Some(f) => Some(f),
            // A picture outside a figure still gets one (every layout opens its own, with
            // words saying what it shows; this is only so none is ever left out).
            None if picture => {
                let f = self.child(Role::Figure(match item {
                    Item::Image { .. } => "Photo".to_owned(),
                    _ => "Foot chart".to_owned(),
                }));
                Some(f)
            }
            None => None,
        };
        let mark = match figure {
            Some(f) => {
                self.grow_bbox(f, page, item);
                match self.last {
                    Some((p, n, m @ Mark::Graphic(_))) if p == page && n == f => m,
                    _ => self.new_mark(f, Mark::Graphic),
                }
            }
            None if is_text => {
                let node = if self.current == ROOT {
                    // Text outside any block reads as a paragraph of its own.
                    self.child(Role::P)
                } else {
                    self.current
                };
                let m = self.new_mark(node, Mark::Text);
                self.last = Some((page, node, m));
                return m;
            }
            None => {
                self.last = None;
                return Mark::Artifact(Art::Layout);
            }
        };
        if let Some(f) = figure {
            self.last = Some((page, f, mark));
        }
        mark
    }

    fn grow_bbox(&mut self, figure: NodeId, page: usize, item: &Item) {
        let Some(b) = item_box(item) else {
            return;
        };
        let node = &mut self.nodes[figure.0];
        if node.split {
            return;
        }
        node.bbox = match node.bbox {
            None => Some((page, b)),
            Some((p, _)) if p != page => {
                node.split = true;
                None
            }
            Some((p, a)) => Some((
                p,
                [
                    a[0].min(b[0]),
                    a[1].min(b[1]),
                    a[2].max(b[2]),
                    a[3].max(b[3]),
                ],
            )),
        };
    }

    /// The tag tree, with `ids[m]` the identifier of mark `m` as drawn (`None` when it was not
    /// drawn). Nodes with nothing drawn in them are left out, except table cells.
    pub(super) fn tag_tree(&self, ids: &[Option<Identifier>], pages: usize) -> TagTree {
        let mut tree = TagTree::new().with_lang(Some("en".to_owned()));
        for child in &self.nodes[ROOT.0].children {
            if let Some(n) = self.tag_node(*child, ids, pages) {
                tree.push(n);
            }
        }
        tree
    }

    fn tag_node(&self, child: Child, ids: &[Option<Identifier>], pages: usize) -> Option<TagNode> {
        let id = match child {
            Child::Mark(m) => return ids.get(m).copied().flatten().map(TagNode::Leaf),
            Child::Node(id) => id,
        };
        let node = &self.nodes[id.0];
        let children: Vec<TagNode> = node
            .children
            .iter()
            .filter_map(|c| self.tag_node(*c, ids, pages))
            .collect();
        if children.is_empty() && !node.role.kept_empty() {
            return None;
        }
        let bbox = node
            .bbox
            .filter(|(p, _)| *p < pages)
            .and_then(|(p, [l, t, r, b])| Some(BBox::new(p, Rect::from_ltrb(l, t, r, b)?)));
        Some(TagNode::Group(TagGroup::with_children(
            tag_kind(&node.role, bbox),
            children,
        )))
    }

    /// The outline: every heading, nested by level, pointing at its page and top.
    pub(super) fn outline(&self, pages: usize) -> Outline {
        // Why a stack of open nodes: a heading closes every open one of its level or deeper.
        let mut outline = Outline::new();
        let mut open: Vec<(u16, OutlineNode)> = Vec::new();
        fn close(open: &mut Vec<(u16, OutlineNode)>, outline: &mut Outline) {
            if let Some((_, node)) = open.pop() {
                match open.last_mut() {
                    Some((_, parent)) => parent.push_child(node),
                    None => outline.push_child(node),
                }
            }
        }
        for h in self.headings.iter().filter(|h| h.page < pages) {
            while open.last().is_some_and(|(level, _)| *level >= h.level) {
                close(&mut open, &mut outline);
            }
            let dest = XyzDestination::new(h.page, Point::from_xy(0.0, h.y.max(0.0)));
            open.push((
                h.level,
                OutlineNode::new(h.title.clone(), dest).with_open(true),
            ));
        }
        while !open.is_empty() {
            close(&mut open, &mut outline);
        }
        outline
    }

    /// The roles of the tree in reading order with their depth (for tests).
    #[cfg(test)]
    pub(super) fn roles(&self) -> Vec<(usize, Role)> {
        fn walk(s: &Structure, id: NodeId, depth: usize, out: &mut Vec<(usize, Role)>) {
            for c in &s.nodes[id.0].children {
                if let Child::Node(n) = c {
                    out.push((depth, s.nodes[n.0].role.clone()));
                    walk(s, *n, depth + 1, out);
                }
            }
        }
        let mut out = Vec::new();
        walk(self, ROOT, 0, &mut out);
        out
    }
}

/// The box (left, top, right, bottom) an item draws in; `None` for text, whose width the
/// layout does not keep.
fn item_box(item: &Item) -> Option<[f32; 4]> {
    match item {
        Item::Text { .. } => None,
        Item::Rect { x, y, w, h, .. }
        | Item::Image { x, y, w, h, .. }
        | Item::Chart { x, y, w, h, .. } => Some([*x, *y, x + w, y + h]),
        Item::Line { x1, y1, x2, y2, .. } => {
            Some([x1.min(*x2), y1.min(*y2), x1.max(*x2), y1.max(*y2)])
        }
        Item::Path { points, .. } => points.iter().fold(None, |b, (x, y)| {
            let [l, t, r, bo] = b.unwrap_or([*x, *y, *x, *y]);
            Some([l.min(*x), t.min(*y), r.max(*x), bo.max(*y)])
        }),
    }
}

fn span(n: u32) -> Option<NonZeroU32> {
    NonZeroU32::new(n).filter(|n| n.get() > 1)
}

/// krilla's tag for a role.
fn tag_kind(role: &Role, bbox: Option<BBox>) -> TagKind {
    match role {
        // Only the root is a document, and it is never turned into a group.
        Role::Document | Role::P => Tag::P.into(),
        Role::H(level, title) => Tag::Hn(
            NonZeroU16::new((*level).clamp(1, 6)).unwrap_or(NonZeroU16::MIN),
            Some(title.clone()),
        )
        .into(),
        Role::L(numbering) => Tag::L(*numbering).into(),
        Role::LI => Tag::LI.into(),
        Role::Lbl => Tag::Lbl.into(),
        Role::LBody => Tag::LBody.into(),
        Role::Table => Tag::Table.into(),
        Role::TR => Tag::TR.into(),
        Role::TH { row, cols, rows } => Tag::TH(if *row {
            TableHeaderScope::Row
        } else {
            TableHeaderScope::Column
        })
        .with_col_span(span(*cols))
        .with_row_span(span(*rows))
        .into(),
        Role::TD { cols, rows } => Tag::TD
            .with_col_span(span(*cols))
            .with_row_span(span(*rows))
            .into(),
        Role::Figure(alt) => Tag::Figure(Some(alt.clone())).with_bbox(bbox).into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Item {
        Item::Text {
            x: 0.0,
            y: 10.0,
            size: 10.0,
            face: super::super::layout::Face::Regular,
            color: [0, 0, 0],
            text: s.to_owned(),
        }
    }

    fn line(x: f32) -> Item {
        Item::Line {
            x1: x,
            y1: 5.0,
            x2: x + 10.0,
            y2: 20.0,
            color: [0, 0, 0],
            width: 1.0,
        }
    }

    #[test]
    fn text_is_content_rules_are_artifacts_and_a_figure_is_one_mark_per_page() {
        let mut s = Structure::default();
        // Loose text reads as a paragraph of its own; a rule outside a figure is decoration.
        assert_eq!(s.mark(0, &text("Hello")), Mark::Text(0));
        assert_eq!(s.mark(0, &line(0.0)), Mark::Artifact(Art::Layout));
        let p = s.child(Role::P);
        s.enter(p);
        assert_eq!(s.mark(0, &text("one")), Mark::Text(1));
        assert_eq!(s.mark(0, &text("two")), Mark::Text(2));
        s.end(p);
        // A figure's items share a mark on a page, a new one on the next; the box spans them
        // until the figure runs onto a second page.
        let f = s.child(Role::Figure("A chart".into()));
        s.enter(f);
        assert_eq!(s.mark(0, &line(0.0)), Mark::Graphic(3));
        assert_eq!(s.mark(0, &text("label")), Mark::Graphic(3));
        assert_eq!(s.mark(0, &line(40.0)), Mark::Graphic(3));
        assert_eq!(s.nodes[f.0].bbox, Some((0, [0.0, 5.0, 50.0, 20.0])));
        assert_eq!(s.mark(1, &line(0.0)), Mark::Graphic(4));
        assert_eq!(s.nodes[f.0].bbox, None);
        s.end(f);
        // While an artifact is set, everything is that artifact.
        s.set_artifact(Some(Art::Header));
        assert_eq!(
            s.mark(1, &text("Running header")),
            Mark::Artifact(Art::Header)
        );
        s.set_artifact(None);
        assert_eq!(s.mark_count(), 5);
        assert_eq!(
            s.roles(),
            [
                (0, Role::P),
                (0, Role::P),
                (0, Role::Figure("A chart".into()))
            ]
        );
    }

    #[test]
    fn a_picture_outside_a_figure_still_gets_one() {
        let mut s = Structure::default();
        let chart = Item::Chart {
            tree: 0,
            x: 1.0,
            y: 2.0,
            w: 3.0,
            h: 4.0,
        };
        assert_eq!(s.mark(0, &chart), Mark::Graphic(0));
        assert_eq!(s.roles(), [(0, Role::Figure("Foot chart".into()))]);
    }
}
