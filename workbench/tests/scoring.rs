//! Pair scores and their reasons, computed by hand.

use workbench::census::{Location, Region, UsState};
use workbench::matching::score::{explain, score_people, Prepared};
use workbench::matching::{
    region_check, Area, Asker, Blocked, English, PairReason, RegionRule, RegionSettings, Trait,
    Weights,
};
use workbench::people::Person;

fn person(state: Option<Location>) -> Person {
    Person {
        reference: "r".into(),
        name: "n".into(),
        location: state,
        region_wish: false,
        gender: None,
        gender_wish: false,
        ethnicity: None,
        ethnicity_wish: false,
        ratings: vec![None; 7],
    }
}

fn il() -> Option<Location> {
    Some(Location::Us(UsState::IL))
}

#[test]
fn default_weights_are_documented_values() {
    let w = Weights::default();
    assert_eq!((w.gender, w.ethnicity), (40, 40));
    assert_eq!(w.competencies, vec![10; 7]);
    assert_eq!(w.competency_step(12), 10);
    let huge = Weights {
        gender: u32::MAX,
        ..Weights::default()
    };
    assert_eq!(huge.gender_points(), 1_000);
}

#[test]
fn competencies_count_only_where_the_mentor_is_above() {
    let mut mentor = person(il());
    let mut mentee = person(il());
    mentor.ratings = vec![Some(5), Some(2), Some(4), None, Some(3), Some(1), Some(5)];
    mentee.ratings = vec![Some(2), Some(4), Some(4), Some(1), None, Some(1), Some(1)];
    let w = Weights {
        competencies: vec![10, 10, 10, 10, 10, 10, 3],
        ..Weights::default()
    };
    // (5−2)·10 + 0 + 0 + (missing) + (missing) + 0 + (5−1)·3 = 42
    assert_eq!(
        score_people(&mentor, &mentee, &w, RegionSettings::default()),
        Ok(42)
    );
    let (points, reasons) = explain(
        &Prepared::new(&mentor),
        &Prepared::new(&mentee),
        &w,
        RegionSettings::default(),
    )
    .unwrap();
    assert_eq!(points, 42);
    // The larger gap first.
    assert_eq!(
        reasons,
        vec![
            PairReason::Competency {
                index: 6,
                mentor: 5,
                mentee: 1,
                points: 12
            },
            PairReason::Competency {
                index: 0,
                mentor: 5,
                mentee: 2,
                points: 30
            },
        ]
    );
}

#[test]
fn shared_self_descriptions_count_per_person_who_asked() {
    let mut mentor = person(il());
    let mut mentee = person(il());
    mentor.gender = Some("Woman".into());
    mentee.gender = Some(" WO MAN ".into());
    mentor.ethnicity = Some("Black".into());
    mentee.ethnicity = Some("black".into());
    let w = Weights::default();
    let s = |m: &Person, e: &Person| score_people(m, e, &w, RegionSettings::default()).unwrap();
    // Agreement when nobody asked counts nothing.
    assert_eq!(s(&mentor, &mentee), 0);
    mentee.gender_wish = true;
    assert_eq!(s(&mentor, &mentee), 40);
    mentor.gender_wish = true;
    assert_eq!(s(&mentor, &mentee), 80);
    mentor.ethnicity_wish = true;
    assert_eq!(s(&mentor, &mentee), 120);
    // Different descriptions, or one missing: nothing, and said so.
    mentee.ethnicity = Some("Black British".into());
    assert_eq!(s(&mentor, &mentee), 80);
    mentee.gender = None;
    assert_eq!(s(&mentor, &mentee), 0);
    let (_, reasons) = explain(
        &Prepared::new(&mentor),
        &Prepared::new(&mentee),
        &w,
        RegionSettings::default(),
    )
    .unwrap();
    assert_eq!(
        reasons,
        vec![
            PairReason::TraitNotShared {
                which: Trait::Gender,
                asked: Asker::Both,
                both_described: false
            },
            PairReason::TraitNotShared {
                which: Trait::Ethnicity,
                asked: Asker::Mentor,
                both_described: true
            },
        ]
    );
    let words = English::new(&[]);
    assert_eq!(
        words.pair_reasons(&reasons),
        "Both would prefer someone who shares their gender; not both described it; the mentor \
         would prefer a mentee who shares their ethnicity; their descriptions differ"
    );
}

#[test]
fn the_hard_rule() {
    let settings = RegionSettings::default();
    let same_state = RegionSettings {
        rule: RegionRule::SameState,
        outside_us_pairs: false,
    };
    let mut mentor = person(il());
    let mut mentee = person(Some(Location::Us(UsState::OH)));
    // Nobody asked: anything goes, even without places.
    assert_eq!(region_check(&mentor, &person(None), settings), Ok(None));
    mentee.region_wish = true;
    assert_eq!(
        region_check(&mentor, &mentee, settings),
        Ok(Some((Area::Region(Region::Midwest), Asker::Mentee)))
    );
    assert_eq!(
        region_check(&mentor, &mentee, same_state),
        Err(Blocked::Differ {
            asked: Asker::Mentee,
            mentor: Area::State(UsState::IL),
            mentee: Area::State(UsState::OH)
        })
    );
    mentor.region_wish = true;
    mentee.location = Some(Location::Us(UsState::CA));
    assert!(matches!(
        region_check(&mentor, &mentee, settings),
        Err(Blocked::Differ {
            asked: Asker::Both,
            ..
        })
    ));
    mentee.location = None;
    assert_eq!(
        region_check(&mentor, &mentee, settings),
        Err(Blocked::PlaceUnknown { asked: Asker::Both })
    );
    // Outside the US: only by staff choice.
    mentor.location = Some(Location::OutsideUs);
    mentee.location = Some(Location::OutsideUs);
    assert_eq!(
        region_check(&mentor, &mentee, settings),
        Err(Blocked::OutsideUsNotAllowed { asked: Asker::Both })
    );
    let allow = RegionSettings {
        outside_us_pairs: true,
        ..settings
    };
    assert_eq!(
        region_check(&mentor, &mentee, allow),
        Ok(Some((Area::OutsideUs, Asker::Both)))
    );
    // Territories: Puerto Rico and the Virgin Islands share a region, Guam not.
    mentor.location = Some(Location::Us(UsState::PR));
    mentee.location = Some(Location::Us(UsState::VI));
    assert!(region_check(&mentor, &mentee, settings).is_ok());
    mentee.location = Some(Location::Us(UsState::GU));
    assert!(region_check(&mentor, &mentee, settings).is_err());
}

#[test]
fn reasons_in_words() {
    let labels = vec!["Outreach and Advocacy".to_string()];
    let words = English::new(&labels);
    let say = |r: PairReason| words.pair_reason(&r);
    assert_eq!(
        say(PairReason::SharedArea {
            area: Area::Region(Region::Midwest),
            asked: Asker::Mentee
        }),
        "Both in the Midwest, as the mentee asked"
    );
    assert_eq!(
        say(PairReason::SharedArea {
            area: Area::State(UsState::IL),
            asked: Asker::Mentor
        }),
        "Both in Illinois, as the mentor asked"
    );
    assert_eq!(
        say(PairReason::SharedArea {
            area: Area::OutsideUs,
            asked: Asker::Both
        }),
        "Both outside the US (paired by staff choice), as both asked"
    );
    assert_eq!(
        say(PairReason::SharedTrait {
            which: Trait::Gender,
            description: "woman".into(),
            asked: Asker::Mentor,
            points: 40
        }),
        "Both describe their gender as \u{2018}woman\u{2019}, as the mentor asked"
    );
    assert_eq!(
        say(PairReason::Competency {
            index: 0,
            mentor: 5,
            mentee: 2,
            points: 30
        }),
        "The mentor rates Outreach and Advocacy 5 where the mentee rates 2"
    );
    assert_eq!(
        say(PairReason::Competency {
            index: 3,
            mentor: 4,
            mentee: 1,
            points: 30
        }),
        "The mentor rates competency 4 4 where the mentee rates 1"
    );
    // Hostile self-descriptions stay text, shortened and with controls escaped.
    assert_eq!(
        say(PairReason::SharedTrait {
            which: Trait::Ethnicity,
            description: "<img src=x>\n".into(),
            asked: Asker::Both,
            points: 80
        }),
        "Both describe their ethnicity as \u{2018}<img src=x>\\n\u{2019}, as both asked"
    );
}

#[test]
fn hidden_confidential_answers_are_not_named_in_reasons() {
    let labels: Vec<String> = Vec::new();
    let reason = PairReason::SharedTrait {
        which: Trait::Ethnicity,
        description: "Latino".into(),
        asked: Asker::Both,
        points: 80,
    };
    assert_eq!(
        English::new(&labels).pair_reason(&reason),
        "Both describe their ethnicity as \u{2018}Latino\u{2019}, as both asked"
    );
    let hidden = English::new(&labels).hiding_descriptions();
    assert_eq!(
        hidden.pair_reason(&reason),
        "Their descriptions of their ethnicity agree, as both asked"
    );
    assert!(!hidden.pair_reasons(&[reason]).contains("Latino"));
}
