//! The hard rule: when either person asked to be matched in their region,
//! the pair must share it.

use crate::census::{Location, Region, UsState};
use crate::people::Person;
use serde::{Deserialize, Serialize};

/// What "their region" means for the hard rule (a staff setting).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum RegionRule {
    /// The US Census region of the state (the default; see `census` for the
    /// territories).
    #[default]
    CensusRegion,
    /// The same state (or territory).
    SameState,
}

/// The place two applicants must share under the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Area {
    Region(Region),
    State(UsState),
    /// Both outside the US: shared only when staff allow it.
    OutsideUs,
}

impl Area {
    pub fn of(location: Location, rule: RegionRule) -> Area {
        match (location, rule) {
            (Location::OutsideUs, _) => Area::OutsideUs,
            (Location::Us(state), RegionRule::CensusRegion) => Area::Region(state.region()),
            (Location::Us(state), RegionRule::SameState) => Area::State(state),
        }
    }

    /// "West", "Illinois", "outside the US".
    pub fn name_en(self) -> &'static str {
        match self {
            Area::Region(region) => region.name_en(),
            Area::State(state) => state.name(),
            Area::OutsideUs => "outside the US",
        }
    }

    /// "in the West", "in Illinois", "outside the US".
    pub fn phrase_en(self) -> String {
        match self {
            Area::Region(region) => format!("in {}", region.in_phrase_en()),
            Area::State(state) => format!("in {}", state.name()),
            Area::OutsideUs => "outside the US".to_string(),
        }
    }
}

/// Who asked for something.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Asker {
    Mentor,
    Mentee,
    Both,
}

impl Asker {
    pub fn of(mentor_asked: bool, mentee_asked: bool) -> Option<Asker> {
        match (mentor_asked, mentee_asked) {
            (true, true) => Some(Asker::Both),
            (true, false) => Some(Asker::Mentor),
            (false, true) => Some(Asker::Mentee),
            (false, false) => None,
        }
    }

    /// How many people asked.
    pub fn count(self) -> u32 {
        match self {
            Asker::Mentor | Asker::Mentee => 1,
            Asker::Both => 2,
        }
    }
}

/// The hard rule's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RegionSettings {
    pub rule: RegionRule,
    /// Two applicants outside the US count as sharing a region. **Default
    /// off**: "outside the US" may be anywhere in the world, so such pairs are
    /// made only by staff choice.
    pub outside_us_pairs: bool,
}

/// Why the hard rule forbids a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Blocked {
    /// Someone asked, and the asker or the other gave no place this page knows.
    PlaceUnknown { asked: Asker },
    /// Someone asked, and they are in different areas.
    Differ {
        asked: Asker,
        mentor: Area,
        mentee: Area,
    },
    /// Someone asked, both are outside the US, and staff have not allowed that.
    OutsideUsNotAllowed { asked: Asker },
}

/// Checks the hard rule. `Ok(None)`: neither asked; `Ok(Some((area,
/// asker)))`: someone asked and they share `area`.
pub fn region_check(
    mentor: &Person,
    mentee: &Person,
    settings: RegionSettings,
) -> Result<Option<(Area, Asker)>, Blocked> {
    let Some(asked) = Asker::of(mentor.region_wish, mentee.region_wish) else {
        return Ok(None);
    };
    let (Some(m), Some(e)) = (mentor.location, mentee.location) else {
        return Err(Blocked::PlaceUnknown { asked });
    };
    let (m, e) = (Area::of(m, settings.rule), Area::of(e, settings.rule));
    if m != e {
        return Err(Blocked::Differ {
            asked,
            mentor: m,
            mentee: e,
        });
    }
    if m == Area::OutsideUs && !settings.outside_us_pairs {
        return Err(Blocked::OutsideUsNotAllowed { asked });
    }
    Ok(Some((m, asked)))
}
