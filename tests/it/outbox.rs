//! The desk's side of team sync: the outbox of changes past the server's
//! acknowledged mark, pushed in pieces. (The server side is in `team`.)

use factdesk_core::store::ClaimFilter;

use crate::store::store_with_sample;

#[test]
fn a_desk_far_behind_pushes_its_changes_in_pieces_that_cover_everything() {
    let (mut store, _) = store_with_sample();
    let ids: Vec<String> = store
        .claims(&ClaimFilter::default())
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    for id in &ids {
        store
            .give_verdict(id, "False", Some("checked"), "Ana")
            .unwrap();
    }
    let total = store.sync_status().unwrap().waiting;
    assert!(total > 30, "{total}");
    // Pieces of at most 7 entries, acknowledged one by one, until none wait.
    let mut pushed_claims = std::collections::BTreeSet::new();
    let mut pieces = 0;
    loop {
        let out = store.sync_outbox(7).unwrap();
        if out.waiting == 0 {
            break;
        }
        assert!(out.waiting <= 7 + 7);
        let bundle = factdesk_core::bundle::parse(&out.bundle).unwrap();
        pushed_claims.extend(bundle.content.claims.iter().map(|c| c.id.clone()));
        store.sync_pushed(out.mark, 0).unwrap();
        pieces += 1;
        if !out.more {
            break;
        }
    }
    assert!(
        pieces >= total as usize / 7,
        "{pieces} pieces for {total} entries"
    );
    assert_eq!(store.sync_status().unwrap().waiting, 0);
    assert_eq!(
        pushed_claims,
        ids.into_iter().collect(),
        "every claim went out"
    );
}
