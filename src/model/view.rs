//! Views and limbs: the ways a chart shows a foot or a hand, declared by the chart file.

use std::fmt;
use std::sync::{LazyLock, RwLock};

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One of the ways a chart shows its limb (the sole, the palm …), by the name the chart file
/// gives it (`view: Plantar`, `view: Palmar`).
///
/// Why interned: a view is a small `Copy` value every part of the app passes about, and it
/// still answers its id, label and coordinate system without the chart to hand. The names are
/// kept once per process (a few per chart; at most [`MAX_VIEWS`]).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ViewKind(u16);

/// How many distinct view names a process keeps (the loader refuses charts past it).
pub const MAX_VIEWS: usize = 64;

struct Known {
    /// As the chart file writes it: `Plantar`.
    name: &'static str,
    /// Lowercase, for the command line and ids: `plantar`.
    id: &'static str,
    /// What a user reads.
    label: &'static str,
    /// Coordinates are `(length, height)` seen from the side rather than `(across, length)`.
    side: bool,
}

static KNOWN: LazyLock<RwLock<Vec<Known>>> = LazyLock::new(|| {
    let known = |name, id, label, side| Known {
        name,
        id,
        label,
        side,
    };
    RwLock::new(vec![
        known("Plantar", "plantar", "Plantar", false),
        known("Dorsal", "dorsal", "Dorsal", false),
        known("Medial", "medial", "Medial", true),
        known("Lateral", "lateral", "Lateral", true),
    ])
});

#[allow(non_upper_case_globals)]
impl ViewKind {
    /// The sole of the foot.
    pub const Plantar: ViewKind = ViewKind(0);
    /// The top of the foot (the back of the hand on a hand chart).
    pub const Dorsal: ViewKind = ViewKind(1);
    /// The inner (big-toe) side of the foot.
    pub const Medial: ViewKind = ViewKind(2);
    /// The outer (little-toe) side of the foot.
    pub const Lateral: ViewKind = ViewKind(3);

    /// The foot chart's four views, in the order the app lists them.
    pub const ALL: [ViewKind; 4] = [Self::Plantar, Self::Dorsal, Self::Medial, Self::Lateral];

    /// The view a chart file names `name` (any case), kept for the rest of the process.
    /// `None` once [`MAX_VIEWS`] different names are kept, or for a name that is not a word.
    pub fn named(name: &str) -> Option<ViewKind> {
        let valid = !name.is_empty()
            && name.len() <= 40
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !valid {
            return None;
        }
        let id = name.to_ascii_lowercase();
        if let Some(v) = Self::find(&id) {
            return Some(v);
        }
        let mut known = KNOWN.write().unwrap_or_else(|e| e.into_inner());
        if let Some(i) = known.iter().position(|k| k.id == id) {
            return Some(ViewKind(i as u16));
        }
        if known.len() >= MAX_VIEWS {
            return None;
        }
        // Why leaked: names live as long as the process, and at most MAX_VIEWS are kept.
        let name: &'static str = Box::leak(name.to_owned().into_boxed_str());
        let id: &'static str = Box::leak(id.into_boxed_str());
        known.push(Known {
            name,
            id,
            label: name,
            side: false,
        });
        Some(ViewKind((known.len() - 1) as u16))
    }

    /// The view whose lowercase id is `id`, if any chart has named it.
    pub fn find(id: &str) -> Option<ViewKind> {
        let known = KNOWN.read().unwrap_or_else(|e| e.into_inner());
        known
            .iter()
            .position(|k| k.id.eq_ignore_ascii_case(id))
            .map(|i| ViewKind(i as u16))
    }

    fn with<T>(self, f: impl FnOnce(&Known) -> T) -> T {
        let known = KNOWN.read().unwrap_or_else(|e| e.into_inner());
        f(&known[usize::from(self.0).min(known.len() - 1)])
    }

    /// A number for this view, fixed for the process (the foot views are 0–3).
    pub fn index(self) -> u16 {
        self.0
    }

    /// The word a user reads ("Plantar", "Palmar").
    pub fn label(self) -> &'static str {
        self.with(|k| k.label)
    }

    /// The lowercase id used on the command line and in files.
    pub fn id(self) -> &'static str {
        self.with(|k| k.id)
    }

    /// Whether this is a side view (coordinates are `(y, h)`): the foot chart's medial and
    /// lateral views. Views a chart file adds are seen from above or below.
    pub fn is_side(self) -> bool {
        self.with(|k| k.side)
    }
}

impl fmt::Debug for ViewKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.with(|k| k.name))
    }
}

impl Serialize for ViewKind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_unit_variant("ViewKind", u32::from(self.0), self.with(|k| k.name))
    }
}

impl<'de> Deserialize<'de> for ViewKind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Name;
        impl Visitor<'_> for Name {
            type Value = ViewKind;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a view name such as Plantar or Palmar")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ViewKind, E> {
                ViewKind::named(v).ok_or_else(|| {
                    E::custom(format!(
                        "\"{v}\" cannot be a view name (a word of letters, digits and _; at \
                         most {MAX_VIEWS} different views)"
                    ))
                })
            }
        }
        d.deserialize_identifier(Name)
    }
}

/// What a chart shows: feet or hands. It sets the words ("Left hand", "Both feet").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Limb {
    /// A foot chart.
    #[default]
    Foot,
    /// A hand chart.
    Hand,
}

impl Limb {
    /// One of them, lowercase: "foot", "hand".
    pub fn one(self) -> &'static str {
        match self {
            Self::Foot => "foot",
            Self::Hand => "hand",
        }
    }

    /// Both, lowercase: "feet", "hands".
    pub fn both(self) -> &'static str {
        match self {
            Self::Foot => "feet",
            Self::Hand => "hands",
        }
    }

    /// The other kind: the hands for the feet and back.
    pub fn other(self) -> Self {
        match self {
            Self::Foot => Self::Hand,
            Self::Hand => Self::Foot,
        }
    }

    /// The chart's name in a picker: "Feet", "Hands".
    pub fn label(self) -> &'static str {
        match self {
            Self::Foot => "Feet",
            Self::Hand => "Hands",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_foot_views_are_known_from_the_start_and_new_names_are_kept() {
        assert_eq!(ViewKind::named("plantar"), Some(ViewKind::Plantar));
        assert_eq!(ViewKind::named("Lateral"), Some(ViewKind::Lateral));
        assert!(ViewKind::Medial.is_side() && !ViewKind::Dorsal.is_side());
        let palmar = ViewKind::named("Palmar").unwrap();
        assert_eq!(ViewKind::named("palmar"), Some(palmar));
        assert_eq!(palmar.id(), "palmar");
        assert_eq!(format!("{palmar:?}"), "Palmar");
        assert!(!palmar.is_side());
        assert_eq!(ViewKind::named("two words"), None);
        assert_eq!(ViewKind::named(""), None);
    }

    #[test]
    fn views_read_and_write_as_bare_names() {
        #[derive(Serialize, Deserialize, PartialEq, Debug)]
        struct S {
            view: ViewKind,
        }
        let s: S = ron::from_str("(view: Plantar)").unwrap();
        assert_eq!(s.view, ViewKind::Plantar);
        let s: S = ron::from_str("(view: Palmar)").unwrap();
        assert_eq!(ron::to_string(&s).unwrap(), "(view:Palmar)");
        assert!(ron::from_str::<S>("(view: 3)").is_err());
    }
}
