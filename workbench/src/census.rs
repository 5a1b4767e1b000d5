//! Where an applicant is: a US state, DC or territory (by USPS code) or
//! outside the US, and the US Census region that place belongs to.
//!
//! The four regions are the Census Bureau's (Northeast, Midwest, South, West;
//! DC is in the South). The Census Bureau puts Puerto Rico and the Island
//! Areas in **no** region. The seed asks for region matches so that mentor and
//! mentee can "meet in person, share state specific issues or speak by
//! phone", which one "territories" region would defeat (Guam and Puerto Rico
//! are 14 hours apart). So the territories form two regions of their own, by
//! ocean: the **Caribbean** (Puerto Rico, U.S. Virgin Islands) and the
//! **Pacific** (Guam, Northern Mariana Islands, American Samoa, and the U.S.
//! Minor Outlying Islands, nearly all of which lie in the Pacific).
//!
//! "Outside the US" is not a region: whether two applicants outside the US
//! count as sharing one is a staff setting of the matcher.

use serde::{Deserialize, Serialize};
/// One of the 50 states, DC, or a US territory, in the order the shipped
/// cycles list them. The USPS code is the answer value in the cycle files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum UsState {
    AL,
    AK,
    AZ,
    AR,
    CA,
    CO,
    CT,
    DE,
    DC,
    FL,
    GA,
    HI,
    ID,
    IL,
    IN,
    IA,
    KS,
    KY,
    LA,
    ME,
    MD,
    MA,
    MI,
    MN,
    MS,
    MO,
    MT,
    NE,
    NV,
    NH,
    NJ,
    NM,
    NY,
    NC,
    ND,
    OH,
    OK,
    OR,
    PA,
    RI,
    SC,
    SD,
    TN,
    TX,
    UT,
    VT,
    VA,
    WA,
    WV,
    WI,
    WY,
    AS,
    GU,
    MP,
    PR,
    VI,
    UM,
}

/// A region applicants can share. The first four are the US Census regions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Region {
    Northeast,
    Midwest,
    South,
    West,
    /// Puerto Rico and the U.S. Virgin Islands (in no Census region).
    CaribbeanTerritories,
    /// Guam, the Northern Mariana Islands, American Samoa and the U.S. Minor
    /// Outlying Islands (in no Census region).
    PacificTerritories,
}

impl Region {
    /// Every region, in display order.
    pub const ALL: [Region; 6] = [
        Region::Northeast,
        Region::Midwest,
        Region::South,
        Region::West,
        Region::CaribbeanTerritories,
        Region::PacificTerritories,
    ];

    /// The English name, as in "Both in the Midwest".
    pub fn name_en(self) -> &'static str {
        match self {
            Region::Northeast => "Northeast",
            Region::Midwest => "Midwest",
            Region::South => "South",
            Region::West => "West",
            Region::CaribbeanTerritories => "Caribbean territories",
            Region::PacificTerritories => "Pacific territories",
        }
    }

    /// The name after "in", with the article the region needs: "in the
    /// Midwest", "in the Caribbean territories".
    pub fn in_phrase_en(self) -> String {
        format!("the {}", self.name_en())
    }
}

impl UsState {
    /// Every state, DC and territory, in the shipped cycles' option order.
    pub const ALL: [UsState; 57] = {
        use UsState::*;
        [
            AL, AK, AZ, AR, CA, CO, CT, DE, DC, FL, GA, HI, ID, IL, IN, IA, KS, KY, LA, ME, MD, MA,
            MI, MN, MS, MO, MT, NE, NV, NH, NJ, NM, NY, NC, ND, OH, OK, OR, PA, RI, SC, SD, TN, TX,
            UT, VT, VA, WA, WV, WI, WY, AS, GU, MP, PR, VI, UM,
        ]
    };

    /// The two-letter USPS code ("IL").
    pub fn code(self) -> &'static str {
        self.facts().0
    }

    /// The English name ("Illinois"), as the shipped cycles label it.
    pub fn name(self) -> &'static str {
        self.facts().1
    }

    /// The region this place belongs to (see the module notes for territories).
    pub fn region(self) -> Region {
        self.facts().2
    }

    /// Whether this is one of the territories rather than a state or DC.
    pub fn is_territory(self) -> bool {
        matches!(
            self.region(),
            Region::CaribbeanTerritories | Region::PacificTerritories
        )
    }

    fn facts(self) -> (&'static str, &'static str, Region) {
        use Region::*;
        match self {
            UsState::AL => ("AL", "Alabama", South),
            UsState::AK => ("AK", "Alaska", West),
            UsState::AZ => ("AZ", "Arizona", West),
            UsState::AR => ("AR", "Arkansas", South),
            UsState::CA => ("CA", "California", West),
            UsState::CO => ("CO", "Colorado", West),
            UsState::CT => ("CT", "Connecticut", Northeast),
            UsState::DE => ("DE", "Delaware", South),
            UsState::DC => ("DC", "District of Columbia", South),
            UsState::FL => ("FL", "Florida", South),
            UsState::GA => ("GA", "Georgia", South),
            UsState::HI => ("HI", "Hawaii", West),
            UsState::ID => ("ID", "Idaho", West),
            UsState::IL => ("IL", "Illinois", Midwest),
            UsState::IN => ("IN", "Indiana", Midwest),
            UsState::IA => ("IA", "Iowa", Midwest),
            UsState::KS => ("KS", "Kansas", Midwest),
            UsState::KY => ("KY", "Kentucky", South),
            UsState::LA => ("LA", "Louisiana", South),
            UsState::ME => ("ME", "Maine", Northeast),
            UsState::MD => ("MD", "Maryland", South),
            UsState::MA => ("MA", "Massachusetts", Northeast),
            UsState::MI => ("MI", "Michigan", Midwest),
            UsState::MN => ("MN", "Minnesota", Midwest),
            UsState::MS => ("MS", "Mississippi", South),
            UsState::MO => ("MO", "Missouri", Midwest),
            UsState::MT => ("MT", "Montana", West),
            UsState::NE => ("NE", "Nebraska", Midwest),
            UsState::NV => ("NV", "Nevada", West),
            UsState::NH => ("NH", "New Hampshire", Northeast),
            UsState::NJ => ("NJ", "New Jersey", Northeast),
            UsState::NM => ("NM", "New Mexico", West),
            UsState::NY => ("NY", "New York", Northeast),
            UsState::NC => ("NC", "North Carolina", South),
            UsState::ND => ("ND", "North Dakota", Midwest),
            UsState::OH => ("OH", "Ohio", Midwest),
            UsState::OK => ("OK", "Oklahoma", South),
            UsState::OR => ("OR", "Oregon", West),
            UsState::PA => ("PA", "Pennsylvania", Northeast),
            UsState::RI => ("RI", "Rhode Island", Northeast),
            UsState::SC => ("SC", "South Carolina", South),
            UsState::SD => ("SD", "South Dakota", Midwest),
            UsState::TN => ("TN", "Tennessee", South),
            UsState::TX => ("TX", "Texas", South),
            UsState::UT => ("UT", "Utah", West),
            UsState::VT => ("VT", "Vermont", Northeast),
            UsState::VA => ("VA", "Virginia", South),
            UsState::WA => ("WA", "Washington", West),
            UsState::WV => ("WV", "West Virginia", South),
            UsState::WI => ("WI", "Wisconsin", Midwest),
            UsState::WY => ("WY", "Wyoming", West),
            UsState::AS => ("AS", "American Samoa", PacificTerritories),
            UsState::GU => ("GU", "Guam", PacificTerritories),
            UsState::MP => ("MP", "Northern Mariana Islands", PacificTerritories),
            UsState::PR => ("PR", "Puerto Rico", CaribbeanTerritories),
            UsState::VI => ("VI", "U.S. Virgin Islands", CaribbeanTerritories),
            UsState::UM => ("UM", "U.S. Minor Outlying Islands", PacificTerritories),
        }
    }

    /// Reads a USPS code ("IL", "il") or a name ("Illinois", "u.s. virgin
    /// islands", "US Virgin Islands"): the form's answers carry the code, the
    /// receiver's export may carry the option's label.
    pub fn parse(text: &str) -> Option<UsState> {
        let key = place_key(text);
        if key.is_empty() {
            return None;
        }
        UsState::ALL
            .into_iter()
            .find(|s| key == s.code().to_lowercase() || key == place_key(s.name()))
    }
}

/// Lower case, dots dropped, runs of spaces made one: "U.S.  Virgin Islands"
/// and "us virgin islands" are the same place.
fn place_key(text: &str) -> String {
    text.split_whitespace()
        .map(|word| word.replace('.', "").to_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Where an applicant said they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Location {
    Us(UsState),
    OutsideUs,
}

impl Location {
    /// The region of a US place; `None` outside the US.
    pub fn region(self) -> Option<Region> {
        match self {
            Location::Us(state) => Some(state.region()),
            Location::OutsideUs => None,
        }
    }

    /// The English name of the place ("Illinois", "outside the US").
    pub fn name_en(self) -> &'static str {
        match self {
            Location::Us(state) => state.name(),
            Location::OutsideUs => "outside the US",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn every_place_has_a_distinct_code_and_name() {
        let mut codes = std::collections::BTreeSet::new();
        let mut names = std::collections::BTreeSet::new();
        for s in UsState::ALL {
            assert!(codes.insert(s.code()), "{:?}", s);
            assert!(names.insert(s.name()), "{:?}", s);
            assert_eq!(format!("{s:?}"), s.code());
            assert_eq!(UsState::parse(s.code()), Some(s));
            assert_eq!(UsState::parse(&s.name().to_uppercase()), Some(s));
        }
    }

    #[test]
    fn census_regions_have_their_census_sizes() {
        let mut count: BTreeMap<Region, usize> = BTreeMap::new();
        for s in UsState::ALL {
            *count.entry(s.region()).or_default() += 1;
        }
        // 9 + 12 + 16 states and DC + 13 = 50 states and DC.
        assert_eq!(count[&Region::Northeast], 9);
        assert_eq!(count[&Region::Midwest], 12);
        assert_eq!(count[&Region::South], 17);
        assert_eq!(count[&Region::West], 13);
        assert_eq!(count[&Region::CaribbeanTerritories], 2);
        assert_eq!(count[&Region::PacificTerritories], 4);
        assert_eq!(UsState::DC.region(), Region::South);
        assert_eq!(UsState::DE.region(), Region::South);
        assert_eq!(UsState::PA.region(), Region::Northeast);
        assert_eq!(UsState::MO.region(), Region::Midwest);
        assert_eq!(UsState::HI.region(), Region::West);
        assert!(UsState::PR.is_territory() && !UsState::DC.is_territory());
    }

    #[test]
    fn names_are_read_loosely_but_not_guessed() {
        assert_eq!(UsState::parse("  il "), Some(UsState::IL));
        assert_eq!(UsState::parse("US Virgin Islands"), Some(UsState::VI));
        assert_eq!(UsState::parse("new   york"), Some(UsState::NY));
        assert_eq!(UsState::parse("District of Columbia"), Some(UsState::DC));
        assert_eq!(UsState::parse("Atlantis"), None);
        assert_eq!(UsState::parse(""), None);
        assert_eq!(UsState::parse("I"), None);
        assert_eq!(Location::OutsideUs.region(), None);
    }
}
