//! Summary numbers for the charts and their tables: applications per state
//! and per region, mentors and mentees, and each competency's count of
//! ratings.

use std::collections::BTreeMap;

use crate::census::{Location, Region};
use crate::people::Person;

/// A place as the summary counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PlaceKey {
    Known(Location),
    NotGiven,
}

/// A region as the summary counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RegionKey {
    Region(Region),
    OutsideUs,
    NotGiven,
}

impl RegionKey {
    /// Every key, in display order.
    pub fn all() -> Vec<RegionKey> {
        Region::ALL
            .into_iter()
            .map(RegionKey::Region)
            .chain([RegionKey::OutsideUs, RegionKey::NotGiven])
            .collect()
    }

    pub fn name_en(self) -> &'static str {
        match self {
            RegionKey::Region(r) => r.name_en(),
            RegionKey::OutsideUs => "Outside the US",
            RegionKey::NotGiven => "Not given",
        }
    }
}

/// The counts for one group of applications (the mentors, or the mentees).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GroupSummary {
    pub applications: usize,
    /// Places with at least one application, in the cycles' state order,
    /// outside the US and "not given" last.
    pub by_place: Vec<(PlaceKey, usize)>,
    /// Every region (zeros included), in display order.
    pub by_region: Vec<(RegionKey, usize)>,
    /// Per competency: the count of each rating from the scale's lowest to
    /// its highest (index 0 is the lowest).
    pub ratings: Vec<Vec<usize>>,
    /// Per competency: applications without that rating.
    pub unrated: Vec<usize>,
}

/// Counts one group. `competencies` and `scale` come from the field map.
pub fn summarize(people: &[Person], competencies: usize, scale: (u8, u8)) -> GroupSummary {
    let (low, high) = scale;
    let steps = usize::from(high.saturating_sub(low)) + 1;
    let mut places: BTreeMap<PlaceKey, usize> = BTreeMap::new();
    let mut regions: BTreeMap<RegionKey, usize> = BTreeMap::new();
    let mut ratings = vec![vec![0usize; steps]; competencies];
    let mut unrated = vec![0usize; competencies];
    for person in people {
        let place = person.location.map_or(PlaceKey::NotGiven, PlaceKey::Known);
        *places.entry(place).or_default() += 1;
        let region = match person.location {
            Some(Location::Us(state)) => RegionKey::Region(state.region()),
            Some(Location::OutsideUs) => RegionKey::OutsideUs,
            None => RegionKey::NotGiven,
        };
        *regions.entry(region).or_default() += 1;
        for (i, (counts, missing)) in ratings.iter_mut().zip(unrated.iter_mut()).enumerate() {
            let step = person
                .ratings
                .get(i)
                .copied()
                .flatten()
                .and_then(|r| r.checked_sub(low))
                .map(usize::from);
            match step.and_then(|s| counts.get_mut(s)) {
                Some(count) => *count += 1,
                None => *missing += 1,
            }
        }
    }
    GroupSummary {
        applications: people.len(),
        by_place: places.into_iter().collect(),
        by_region: RegionKey::all()
            .into_iter()
            .map(|k| (k, regions.get(&k).copied().unwrap_or(0)))
            .collect(),
        ratings,
        unrated,
    }
}

/// The summary of both groups, and their sum for "all applications".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Summary {
    pub mentors: GroupSummary,
    pub mentees: GroupSummary,
}

impl Summary {
    pub fn new(
        mentors: &[Person],
        mentees: &[Person],
        competencies: usize,
        scale: (u8, u8),
    ) -> Self {
        Summary {
            mentors: summarize(mentors, competencies, scale),
            mentees: summarize(mentees, competencies, scale),
        }
    }

    /// Both groups added together.
    pub fn all(&self) -> GroupSummary {
        let (a, b) = (&self.mentors, &self.mentees);
        let mut places: BTreeMap<PlaceKey, usize> = BTreeMap::new();
        for (k, n) in a.by_place.iter().chain(&b.by_place) {
            *places.entry(*k).or_default() += n;
        }
        let add = |x: &[usize], y: &[usize]| -> Vec<usize> {
            (0..x.len().max(y.len()))
                .map(|i| x.get(i).copied().unwrap_or(0) + y.get(i).copied().unwrap_or(0))
                .collect()
        };
        GroupSummary {
            applications: a.applications + b.applications,
            by_place: places.into_iter().collect(),
            by_region: a
                .by_region
                .iter()
                .zip(&b.by_region)
                .map(|((k, x), (_, y))| (*k, x + y))
                .collect(),
            ratings: (0..a.ratings.len().max(b.ratings.len()))
                .map(|i| {
                    add(
                        a.ratings.get(i).map_or(&[][..], Vec::as_slice),
                        b.ratings.get(i).map_or(&[][..], Vec::as_slice),
                    )
                })
                .collect(),
            unrated: add(&a.unrated, &b.unrated),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::census::UsState;

    fn person(location: Option<Location>, ratings: Vec<Option<u8>>) -> Person {
        Person {
            reference: "r".into(),
            name: "n".into(),
            location,
            region_wish: false,
            gender: None,
            gender_wish: false,
            ethnicity: None,
            ethnicity_wish: false,
            ratings,
        }
    }

    #[test]
    fn counts_places_regions_and_ratings() {
        let il = Some(Location::Us(UsState::IL));
        let oh = Some(Location::Us(UsState::OH));
        let pr = Some(Location::Us(UsState::PR));
        let mentors = vec![
            person(il, vec![Some(5), Some(1)]),
            person(oh, vec![Some(5), None]),
            person(il, vec![Some(3), Some(9)]),
        ];
        let mentees = vec![
            person(Some(Location::OutsideUs), vec![Some(1), Some(1)]),
            person(pr, vec![]),
            person(None, vec![Some(2), Some(2)]),
        ];
        let s = Summary::new(&mentors, &mentees, 2, (1, 5));
        assert_eq!(s.mentors.applications, 3);
        assert_eq!(
            s.mentors.by_place,
            vec![
                (PlaceKey::Known(Location::Us(UsState::IL)), 2),
                (PlaceKey::Known(Location::Us(UsState::OH)), 1)
            ]
        );
        assert_eq!(
            s.mentors.by_region[1],
            (RegionKey::Region(Region::Midwest), 3)
        );
        assert_eq!(s.mentors.ratings[0], vec![0, 0, 1, 0, 2]);
        assert_eq!(s.mentors.ratings[1], vec![1, 0, 0, 0, 0]);
        // 9 is off the scale and a missing rating is missing: both unrated.
        assert_eq!(s.mentors.unrated, vec![0, 2]);
        assert_eq!(
            s.mentees.by_place,
            vec![
                (PlaceKey::Known(Location::Us(UsState::PR)), 1),
                (PlaceKey::Known(Location::OutsideUs), 1),
                (PlaceKey::NotGiven, 1)
            ]
        );
        let all = s.all();
        assert_eq!(all.applications, 6);
        assert_eq!(
            all.by_region.iter().map(|(_, n)| *n).collect::<Vec<_>>(),
            vec![0, 3, 0, 0, 1, 0, 1, 1]
        );
        assert_eq!(all.ratings[0], vec![1, 1, 1, 0, 2]);
        assert_eq!(all.unrated, vec![1, 3]);
        assert_eq!(all.by_place.len(), 5);
    }
}
