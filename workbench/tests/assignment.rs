//! The assignment against brute force on many small random instances: the
//! same best (matched count, total score), with capacities, pins and
//! rule-outs; the hard rule never broken, pins honoured, rule-outs never
//! present, capacities respected, and every unmatched reason true.
//!
//! The hard rule and the pin rules are written again here, independently of
//! the library, so the test does not check the code against itself. Pair
//! scores come from the library (`score_people`): they have their own
//! hand-computed tests in `scoring.rs`.

use std::collections::{BTreeSet, HashSet};

use workbench::census::{Location, UsState};
use workbench::matching::score::score_people;
use workbench::matching::{
    suggest, Area, PairRef, PinProblem, RegionRule, RegionSettings, Settings, Suggestion,
    UnmatchedReason, Weights,
};
use workbench::people::{Person, Role};

/// xorshift64*: small, seeded, the same sequence on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const PLACES: [Option<Location>; 9] = [
    Some(Location::Us(UsState::IL)),
    Some(Location::Us(UsState::OH)),
    Some(Location::Us(UsState::CA)),
    Some(Location::Us(UsState::WA)),
    Some(Location::Us(UsState::NY)),
    Some(Location::Us(UsState::TX)),
    Some(Location::Us(UsState::PR)),
    Some(Location::OutsideUs),
    None,
];
const GENDERS: [Option<&str>; 5] = [
    Some("Woman"),
    Some(" woman"),
    Some("Man"),
    Some("non binary"),
    None,
];
const ETHNICITIES: [Option<&str>; 4] = [Some("Latina"), Some("LATINA "), Some("Black"), None];
const COMPETENCIES: usize = 3;

fn person(rng: &mut Rng, reference: String) -> Person {
    Person {
        name: reference.clone(),
        reference,
        location: *rng.pick(&PLACES),
        region_wish: rng.chance(50),
        gender: rng.pick(&GENDERS).map(String::from),
        gender_wish: rng.chance(40),
        ethnicity: rng.pick(&ETHNICITIES).map(String::from),
        ethnicity_wish: rng.chance(40),
        ratings: (0..COMPETENCIES)
            .map(|_| (!rng.chance(20)).then(|| 1 + rng.below(5) as u8))
            .collect(),
    }
}

struct Instance {
    mentors: Vec<Person>,
    mentees: Vec<Person>,
    settings: Settings,
}

fn instance(rng: &mut Rng) -> Instance {
    let mentors: Vec<Person> = (0..rng.below(5))
        .map(|i| person(rng, format!("m{i}")))
        .collect();
    let mentees: Vec<Person> = (0..rng.below(6))
        .map(|i| person(rng, format!("e{i}")))
        .collect();
    let mut settings = Settings {
        weights: Weights {
            gender: rng.below(60) as u32,
            ethnicity: rng.below(60) as u32,
            competencies: (0..COMPETENCIES).map(|_| rng.below(20) as u32).collect(),
        },
        region: RegionSettings {
            rule: if rng.chance(30) {
                RegionRule::SameState
            } else {
                RegionRule::CensusRegion
            },
            outside_us_pairs: rng.chance(50),
        },
        ..Settings::default()
    };
    for m in &mentors {
        if rng.chance(50) {
            settings
                .capacity
                .insert(m.reference.clone(), rng.below(3) as u32);
        }
    }
    // References that exist, and now and then one that does not.
    let mentor_ref = |rng: &mut Rng| {
        let n = mentors.len() as u64 + 1;
        let i = rng.below(n);
        format!("m{i}")
    };
    let mentee_ref = |rng: &mut Rng| {
        let n = mentees.len() as u64 + 1;
        let i = rng.below(n);
        format!("e{i}")
    };
    for _ in 0..rng.below(4) {
        let pin = PairRef::new(mentor_ref(rng), mentee_ref(rng));
        settings.pins.push(pin);
    }
    for _ in 0..rng.below(5) {
        let out = PairRef::new(mentor_ref(rng), mentee_ref(rng));
        settings.rule_outs.insert(out);
    }
    Instance {
        mentors,
        mentees,
        settings,
    }
}

/// The place two people must share, written independently of the library.
fn place_key(location: Location, rule: RegionRule) -> String {
    match (location, rule) {
        (Location::OutsideUs, _) => "outside".into(),
        (Location::Us(s), RegionRule::SameState) => s.code().into(),
        (Location::Us(s), RegionRule::CensusRegion) => format!("{:?}", s.region()),
    }
}

fn hard_rule_allows(m: &Person, e: &Person, region: RegionSettings) -> bool {
    if !m.region_wish && !e.region_wish {
        return true;
    }
    match (m.location, e.location) {
        (Some(a), Some(b)) => {
            let (ka, kb) = (place_key(a, region.rule), place_key(b, region.rule));
            ka == kb && (ka != "outside" || region.outside_us_pairs)
        }
        _ => false,
    }
}

struct Facts {
    capacity: Vec<u32>,
    allowed: Vec<Vec<bool>>,
    ruled_out: HashSet<(usize, usize)>,
    by_region: Vec<Vec<bool>>,
    valid_pins: Vec<(usize, usize)>,
    bad_pins: Vec<(PairRef, &'static str)>,
}

fn facts(inst: &Instance) -> Facts {
    let (mentors, mentees, s) = (&inst.mentors, &inst.mentees, &inst.settings);
    let index = |people: &[Person], r: &str| people.iter().position(|p| p.reference == r);
    let capacity: Vec<u32> = mentors
        .iter()
        .map(|m| s.capacity.get(&m.reference).copied().unwrap_or(1))
        .collect();
    let ruled_out: HashSet<(usize, usize)> = s
        .rule_outs
        .iter()
        .filter_map(|p| Some((index(mentors, &p.mentor)?, index(mentees, &p.mentee)?)))
        .collect();
    let by_region: Vec<Vec<bool>> = mentors
        .iter()
        .map(|m| {
            mentees
                .iter()
                .map(|e| hard_rule_allows(m, e, s.region))
                .collect()
        })
        .collect();
    let allowed: Vec<Vec<bool>> = (0..mentors.len())
        .map(|m| {
            (0..mentees.len())
                .map(|e| by_region[m][e] && !ruled_out.contains(&(m, e)))
                .collect()
        })
        .collect();
    let mut left = capacity.clone();
    let mut pinned: Vec<Option<usize>> = vec![None; mentees.len()];
    let mut valid_pins = Vec::new();
    let mut bad_pins = Vec::new();
    for pin in &s.pins {
        let (Some(m), Some(e)) = (index(mentors, &pin.mentor), index(mentees, &pin.mentee)) else {
            let what = if index(mentors, &pin.mentor).is_none() {
                "unknown mentor"
            } else {
                "unknown mentee"
            };
            bad_pins.push((pin.clone(), what));
            continue;
        };
        if ruled_out.contains(&(m, e)) {
            bad_pins.push((pin.clone(), "ruled out"));
        } else if !by_region[m][e] {
            bad_pins.push((pin.clone(), "region"));
        } else if pinned[e] == Some(m) {
            // the same pin again: already applied
        } else if pinned[e].is_some() {
            bad_pins.push((pin.clone(), "mentee pinned"));
        } else if left[m] == 0 {
            bad_pins.push((pin.clone(), "capacity"));
        } else {
            pinned[e] = Some(m);
            left[m] -= 1;
            valid_pins.push((m, e));
        }
    }
    Facts {
        capacity,
        allowed,
        ruled_out,
        by_region,
        valid_pins,
        bad_pins,
    }
}

/// The best (matched count, total score) over every assignment that keeps
/// the valid pins, by trying them all.
fn brute_force(inst: &Instance, f: &Facts) -> (usize, u64) {
    let n_e = inst.mentees.len();
    let mut load = vec![0u32; inst.mentors.len()];
    let mut fixed = vec![None; n_e];
    let mut base = (0usize, 0u64);
    for &(m, e) in &f.valid_pins {
        load[m] += 1;
        fixed[e] = Some(m);
        base.0 += 1;
        base.1 += score(inst, m, e);
    }
    fn go(
        inst: &Instance,
        f: &Facts,
        e: usize,
        fixed: &[Option<usize>],
        load: &mut Vec<u32>,
        now: (usize, u64),
        best: &mut (usize, u64),
    ) {
        if e == inst.mentees.len() {
            *best = (*best).max(now);
            return;
        }
        if fixed[e].is_some() {
            return go(inst, f, e + 1, fixed, load, now, best);
        }
        go(inst, f, e + 1, fixed, load, now, best);
        for m in 0..inst.mentors.len() {
            if f.allowed[m][e] && load[m] < f.capacity[m] {
                load[m] += 1;
                let next = (now.0 + 1, now.1 + score(inst, m, e));
                go(inst, f, e + 1, fixed, load, next, best);
                load[m] -= 1;
            }
        }
    }
    let mut best = base;
    go(inst, f, 0, &fixed, &mut load, base, &mut best);
    best
}

fn score(inst: &Instance, m: usize, e: usize) -> u64 {
    score_people(
        &inst.mentors[m],
        &inst.mentees[e],
        &inst.settings.weights,
        inst.settings.region,
    )
    .expect("only allowed pairs are scored")
}

fn check(inst: &Instance, s: &Suggestion, seed: u64) {
    let f = facts(inst);
    let ctx = format!("seed {seed}");
    let (n_m, n_e) = (inst.mentors.len(), inst.mentees.len());

    // Hard limits.
    let mut load = vec![0u32; n_m];
    let mut matched = vec![false; n_e];
    for p in &s.pairs {
        assert!(
            f.by_region[p.mentor][p.mentee],
            "{ctx}: region rule broken by {p:?}"
        );
        assert!(
            !f.ruled_out.contains(&(p.mentor, p.mentee)),
            "{ctx}: ruled-out pair {p:?}"
        );
        assert!(!matched[p.mentee], "{ctx}: mentee {} twice", p.mentee);
        matched[p.mentee] = true;
        load[p.mentor] += 1;
        assert_eq!(p.score, score(inst, p.mentor, p.mentee), "{ctx}");
        assert_eq!(
            p.pinned,
            f.valid_pins.contains(&(p.mentor, p.mentee)),
            "{ctx}: {p:?}"
        );
    }
    for (m, (load, capacity)) in load.iter().zip(&f.capacity).enumerate() {
        assert!(load <= capacity, "{ctx}: mentor {m} over capacity");
    }
    for &(m, e) in &f.valid_pins {
        assert!(
            s.pairs.iter().any(|p| p.mentor == m && p.mentee == e),
            "{ctx}: pin ({m}, {e}) missing"
        );
    }
    let reported: Vec<(PairRef, &str)> = s
        .pins_not_applied
        .iter()
        .map(|r| {
            let what = match &r.problem {
                PinProblem::UnknownMentor => "unknown mentor",
                PinProblem::UnknownMentee => "unknown mentee",
                PinProblem::BreaksRegionRule(_) => "region",
                PinProblem::RuledOut => "ruled out",
                PinProblem::MenteeAlreadyPinned { .. } => "mentee pinned",
                PinProblem::OverCapacity { .. } => "capacity",
            };
            (r.pin.clone(), what)
        })
        .collect();
    assert_eq!(reported, f.bad_pins, "{ctx}");

    // The best total.
    let best = brute_force(inst, &f);
    assert_eq!((s.pairs.len(), s.total_score), best, "{ctx}");
    assert_eq!(s.total_score, s.pairs.iter().map(|p| p.score).sum::<u64>());

    // Unmatched: exactly the mentees without a mentor and the mentors without
    // a mentee, each with a true reason.
    let expected_unmatched: BTreeSet<(Role, usize)> = (0..n_e)
        .filter(|&e| !matched[e])
        .map(|e| (Role::Mentee, e))
        .chain(
            (0..n_m)
                .filter(|&m| load[m] == 0)
                .map(|m| (Role::Mentor, m)),
        )
        .collect();
    let got: BTreeSet<(Role, usize)> = s.unmatched.iter().map(|u| (u.role, u.index)).collect();
    assert_eq!(got, expected_unmatched, "{ctx}");
    assert_eq!(got.len(), s.unmatched.len(), "{ctx}: someone listed twice");

    for u in &s.unmatched {
        let (person, others, by_region, allowed): (&Person, usize, Vec<bool>, Vec<bool>) =
            match u.role {
                Role::Mentee => (
                    &inst.mentees[u.index],
                    n_m,
                    (0..n_m).map(|m| f.by_region[m][u.index]).collect(),
                    (0..n_m).map(|m| f.allowed[m][u.index]).collect(),
                ),
                Role::Mentor => (
                    &inst.mentors[u.index],
                    n_e,
                    f.by_region[u.index].clone(),
                    f.allowed[u.index].clone(),
                ),
            };
        let none_by_region = by_region.iter().all(|b| !b);
        let ctx = format!("{ctx}: {:?} {} {:?}", u.role, u.index, u.reason);
        match u.reason {
            UnmatchedReason::NobodyOnOtherSide => assert_eq!(others, 0, "{ctx}"),
            UnmatchedReason::NoCapacity => {
                assert_eq!(u.role, Role::Mentor, "{ctx}");
                assert_eq!(f.capacity[u.index], 0, "{ctx}");
            }
            UnmatchedReason::NoPlaceGiven => {
                assert!(
                    person.region_wish && person.location.is_none() && none_by_region,
                    "{ctx}"
                );
            }
            UnmatchedReason::OutsideUsNotAllowed => {
                assert!(person.region_wish && none_by_region, "{ctx}");
                assert_eq!(person.location, Some(Location::OutsideUs), "{ctx}");
                assert!(!inst.settings.region.outside_us_pairs, "{ctx}");
            }
            UnmatchedReason::NoneInArea { area } => {
                assert!(person.region_wish && none_by_region && others > 0, "{ctx}");
                let loc = person.location.expect("has a place");
                assert_eq!(area, Area::of(loc, inst.settings.region.rule), "{ctx}");
            }
            UnmatchedReason::OthersWantTheirArea => {
                assert!(!person.region_wish && none_by_region && others > 0, "{ctx}");
            }
            UnmatchedReason::RuledOutWithAll => {
                assert!(!none_by_region, "{ctx}");
                assert!(allowed.iter().all(|a| !a), "{ctx}");
            }
            UnmatchedReason::AllTaken { area } => {
                assert!(allowed.iter().any(|a| *a), "{ctx}");
                assert_eq!(
                    area,
                    person
                        .location
                        .filter(|_| person.region_wish)
                        .map(|l| Area::of(l, inst.settings.region.rule)),
                    "{ctx}"
                );
                for (other, ok) in allowed.iter().enumerate() {
                    if !ok {
                        continue;
                    }
                    match u.role {
                        Role::Mentee => {
                            assert_eq!(
                                load[other], f.capacity[other],
                                "{ctx}: mentor {other} has room"
                            )
                        }
                        Role::Mentor => assert!(matched[other], "{ctx}: mentee {other} is free"),
                    }
                }
            }
        }
    }
}

#[test]
fn matches_brute_force_on_random_small_instances() {
    let mut reasons_seen = BTreeSet::new();
    let mut pins_seen = 0;
    for seed in 1..=3000u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
        let inst = instance(&mut rng);
        let s = suggest(&inst.mentors, &inst.mentees, &inst.settings);
        check(&inst, &s, seed);
        for u in &s.unmatched {
            reasons_seen.insert(format!("{:?}", std::mem::discriminant(&u.reason)));
        }
        pins_seen += s.pairs.iter().filter(|p| p.pinned).count();
    }
    // The instances reach every kind of unmatched reason and many pins, so
    // the checks above are not vacuous.
    assert_eq!(reasons_seen.len(), 8, "{reasons_seen:?}");
    assert!(pins_seen > 300, "{pins_seen}");
}

/// A textbook Hungarian algorithm (potentials, O(n²m)), minimising the cost
/// of assigning each of `n` rows to a distinct one of `m ≥ n` columns: an
/// independent check of `suggest` on instances too large for brute force.
fn hungarian_min(cost: &[Vec<i64>]) -> i64 {
    let n = cost.len();
    let m = cost[0].len();
    let inf = i64::MAX / 4;
    let (mut u, mut v) = (vec![0i64; n + 1], vec![0i64; m + 1]);
    let (mut p, mut way) = (vec![0usize; m + 1], vec![0usize; m + 1]);
    for i in 1..=n {
        p[0] = i;
        let mut j0 = 0;
        let mut minv = vec![inf; m + 1];
        let mut used = vec![false; m + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let mut delta = inf;
            let mut j1 = 0;
            for j in 1..=m {
                if !used[j] {
                    let cur = cost[i0 - 1][j - 1] - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=m {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    (1..=m)
        .filter(|&j| p[j] != 0)
        .map(|j| cost[p[j] - 1][j - 1])
        .sum()
}

#[test]
fn matches_an_independent_hungarian_on_larger_instances() {
    for seed in 1..=40u64 {
        let mut rng = Rng(seed.wrapping_mul(0xd1b5_4a32_d192_ed03) | 1);
        let mentors: Vec<Person> = (0..10 + rng.below(20))
            .map(|i| person(&mut rng, format!("m{i}")))
            .collect();
        let mentees: Vec<Person> = (0..10 + rng.below(25))
            .map(|i| person(&mut rng, format!("e{i}")))
            .collect();
        let mut settings = Settings::default();
        settings.weights.competencies = vec![10, 7, 3];
        for m in &mentors {
            if rng.chance(30) {
                settings
                    .capacity
                    .insert(m.reference.clone(), rng.below(4) as u32);
            }
        }
        for _ in 0..rng.below(15) {
            let m = format!("m{}", rng.below(mentors.len() as u64));
            let e = format!("e{}", rng.below(mentees.len() as u64));
            settings.rule_outs.insert(PairRef::new(m, e));
        }
        let inst = Instance {
            mentors,
            mentees,
            settings,
        };
        let f = facts(&inst);
        let s = suggest(&inst.mentors, &inst.mentees, &inst.settings);
        check_limits(&inst, &f, &s, seed);

        // Rows: mentees; columns: a place per unit of capacity, then one
        // "unmatched" column per mentee. Cost: −(BIG + score) for an allowed
        // pair, a cost no optimum pays for a forbidden one, 0 for unmatched.
        let big: i64 = 1_000_000;
        let places: Vec<usize> = (0..inst.mentors.len())
            .flat_map(|m| std::iter::repeat_n(m, f.capacity[m] as usize))
            .collect();
        let cost: Vec<Vec<i64>> = (0..inst.mentees.len())
            .map(|e| {
                places
                    .iter()
                    .map(|&m| {
                        if f.allowed[m][e] {
                            -(big + score(&inst, m, e) as i64)
                        } else {
                            big * 1_000
                        }
                    })
                    .chain(std::iter::repeat_n(0, inst.mentees.len()))
                    .collect()
            })
            .collect();
        let best = -hungarian_min(&cost);
        let (count, total) = (best / big, best % big);
        assert_eq!(
            (s.pairs.len() as i64, s.total_score as i64),
            (count, total),
            "seed {seed}"
        );
    }
}

/// The hard limits alone (for instances without pins).
fn check_limits(inst: &Instance, f: &Facts, s: &Suggestion, seed: u64) {
    let mut load = vec![0u32; inst.mentors.len()];
    let mut seen = HashSet::new();
    for p in &s.pairs {
        assert!(f.allowed[p.mentor][p.mentee], "seed {seed}: {p:?}");
        assert!(seen.insert(p.mentee), "seed {seed}: mentee twice");
        load[p.mentor] += 1;
    }
    for (l, c) in load.iter().zip(&f.capacity) {
        assert!(l <= c, "seed {seed}: over capacity");
    }
}

#[test]
fn a_forbidden_pair_never_appears_even_when_it_would_score_most() {
    // One mentor who asked for the Midwest, one Californian mentee with a
    // perfect complement: no pair, both unmatched with reasons.
    let mentor = Person {
        reference: "m".into(),
        name: "M".into(),
        location: Some(Location::Us(UsState::IL)),
        region_wish: true,
        gender: Some("Woman".into()),
        gender_wish: true,
        ethnicity: None,
        ethnicity_wish: false,
        ratings: vec![Some(5); 7],
    };
    let mentee = Person {
        reference: "e".into(),
        location: Some(Location::Us(UsState::CA)),
        region_wish: false,
        ratings: vec![Some(1); 7],
        ..mentor.clone()
    };
    let s = suggest(
        std::slice::from_ref(&mentor),
        std::slice::from_ref(&mentee),
        &Settings::default(),
    );
    assert!(s.pairs.is_empty());
    assert_eq!(
        s.unmatched.iter().map(|u| u.reason).collect::<Vec<_>>(),
        vec![
            UnmatchedReason::OthersWantTheirArea,
            UnmatchedReason::NoneInArea {
                area: Area::Region(workbench::census::Region::Midwest)
            }
        ]
    );
    // With the same state rule and both outside the US: only by staff choice.
    let outside = |p: &Person| Person {
        location: Some(Location::OutsideUs),
        ..p.clone()
    };
    let mut settings = Settings::default();
    let s = suggest(&[outside(&mentor)], &[outside(&mentee)], &settings);
    assert!(s.pairs.is_empty());
    assert_eq!(s.unmatched[1].reason, UnmatchedReason::OutsideUsNotAllowed);
    settings.region.outside_us_pairs = true;
    let s = suggest(&[outside(&mentor)], &[outside(&mentee)], &settings);
    assert_eq!(s.pairs.len(), 1);
}

#[test]
fn more_mentees_matched_beats_a_higher_score() {
    // m0 fits e0 superbly, but e1 can only have m0; m1 can only take e0.
    let base = Person {
        reference: String::new(),
        name: String::new(),
        location: Some(Location::Us(UsState::IL)),
        region_wish: false,
        gender: None,
        gender_wish: false,
        ethnicity: None,
        ethnicity_wish: false,
        ratings: vec![Some(3); 7],
    };
    let m0 = Person {
        reference: "m0".into(),
        ratings: vec![Some(5); 7],
        ..base.clone()
    };
    let m1 = Person {
        reference: "m1".into(),
        location: Some(Location::Us(UsState::TX)),
        region_wish: true,
        ..base.clone()
    };
    let e0 = Person {
        reference: "e0".into(),
        location: Some(Location::Us(UsState::GA)),
        ratings: vec![Some(1); 7],
        ..base.clone()
    };
    let e1 = Person {
        reference: "e1".into(),
        ratings: vec![Some(5); 7],
        ..base.clone()
    };
    let s = suggest(&[m0, m1], &[e0, e1], &Settings::default());
    let pairs: Vec<(usize, usize)> = s.pairs.iter().map(|p| (p.mentor, p.mentee)).collect();
    assert_eq!(pairs, vec![(0, 1), (1, 0)]);
    assert!(s.unmatched.is_empty());
}
