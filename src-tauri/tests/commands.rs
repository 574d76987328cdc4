//! The commands through Tauri's IPC, with no display (tauri::test).

mod harness;

use harness::Harness;
use serde_json::{Value, json};

#[test]
fn first_run_sample_verdict_evidence() {
    let h = Harness::new();
    let info = h.ok("app_info", json!({}));
    assert_eq!(info["checker"], Value::Null);

    // Writes need a name; the error has a kind the UI branches on.
    let imported = h.ok("article_import_sample", json!({}));
    assert_eq!(imported["claims"], factdesk_core::SAMPLE_CLAIMS);
    let article_id = imported["id"].as_str().unwrap().to_string();
    let view = h.ok("article_get", json!({ "id": article_id }));
    let claim_id = view["claims"][0]["id"].as_str().unwrap().to_string();
    let err = h
        .call(
            "verdicts_give",
            json!({ "ids": [claim_id], "rating": "False", "note": null }),
        )
        .unwrap_err();
    assert_eq!(err["kind"], "noChecker");

    h.ok("settings_set_checker", json!({ "name": "Ana" }));
    // A verdict says what the evidence shows.
    let err = h
        .call(
            "verdicts_give",
            json!({ "ids": [claim_id], "rating": "mostly false", "note": "  " }),
        )
        .unwrap_err();
    assert_eq!(err["kind"], "noRationale");
    h.ok(
        "verdicts_give",
        json!({ "ids": [claim_id], "rating": "mostly false", "note": "Half of it." }),
    );
    let err = h
        .call(
            "verdicts_give",
            json!({ "ids": [claim_id], "rating": "Pants on fire", "note": null }),
        )
        .unwrap_err();
    assert_eq!(err["kind"], "invalid");
    assert!(err["message"].as_str().unwrap().contains("not a rating"));

    let err = h.call("evidence_add", json!({ "input": { "claim_id": claim_id, "url": "javascript:alert(1)", "stance": "refutes" } })).unwrap_err();
    assert_eq!(err["kind"], "invalid");
    let ev = h.ok("evidence_add", json!({ "input": { "claim_id": claim_id, "url": "https://example.org/a", "stance": "refutes", "title": "Old title" } }));
    let err = h.call("evidence_update", json!({ "id": ev["id"], "input": { "claim_id": claim_id, "url": "data:text/html,x", "stance": "refutes" } })).unwrap_err();
    assert_eq!(err["kind"], "invalid");
    h.ok("evidence_update", json!({ "id": ev["id"], "input": { "claim_id": claim_id, "url": "https://example.org/a", "stance": "refutes", "title": "Source" } }));
    let err = h
        .call("evidence_open", json!({ "url": "file:///etc/passwd" }))
        .unwrap_err();
    assert_eq!(err["kind"], "invalid");

    let detail = h.ok("claim_get", json!({ "id": claim_id }));
    assert_eq!(detail["claim"]["verdict"]["rating"], "Mostly false");
    assert_eq!(detail["claim"]["evidence"][0]["title"], "Source");
    // The verdict, the status it set (Done), the evidence link and its edit.
    let history = detail["history"].as_array().unwrap();
    assert_eq!(history.len(), 4);
    assert_eq!(detail["claim"]["status"], "done");

    // The would / wouldn't pair shows on both claims.
    let wouldnt = view["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["text"].as_str().unwrap().contains("meant to say"))
        .unwrap();
    let related = h.ok("claim_get", json!({ "id": wouldnt["id"] }))["related"].clone();
    assert_eq!(related[0]["role"], "corrects");

    // Importing the same text again says so.
    assert_eq!(h.ok("article_import_sample", json!({}))["duplicate"], true);
}

#[test]
fn add_claim_edit_and_queue() {
    let h = Harness::new();
    h.ok("settings_set_checker", json!({ "name": "Ben" }));
    let out = h.ok("article_import_text", json!({ "title": "Budget", "text": "The mayor said on Monday that the budget rose by 6 percent to $3.2 billion." }));
    let id = out["id"].as_str().unwrap();
    let claim = h.ok("claim_add", json!({ "input": { "article_id": id, "start": 4, "end": 9, "kind": "statement", "speaker": "Mayor Jane Doe" } }));
    assert_eq!(claim["text"], "mayor");
    let err = h
        .call(
            "claim_add",
            json!({ "input": { "article_id": id, "start": 5000, "end": 5001, "kind": "quote" } }),
        )
        .unwrap_err();
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("outside the article")
    );
    let edited = h.ok(
        "claim_edit",
        json!({ "id": claim["id"], "kind": "paraphrase", "speakers": ["Jane Doe"] }),
    );
    assert_eq!(edited["speaker"], "Jane Doe");
    h.ok(
        "claims_set_status",
        json!({ "ids": [claim["id"]], "status": "needs_review" }),
    );
    let rows = h.ok(
        "claims_query",
        json!({ "query": { "status": "needs_review" } }),
    );
    assert_eq!(rows.as_array().unwrap().len(), 1);
    assert_eq!(rows[0]["article_title"], "Budget");
    let rows = h.ok(
        "claims_query",
        json!({ "query": { "search": "budget", "sort": "worth" } }),
    );
    assert!(!rows.as_array().unwrap().is_empty());

    let err = h
        .call(
            "article_import_text",
            json!({ "title": null, "text": "\u{1}\u{2}\u{3}\u{4}\u{5}" }),
        )
        .unwrap_err();
    assert_eq!(err["kind"], "badText");
    let err = h
        .call(
            "articles_import_paths",
            json!({ "paths": ["/no/such/file.txt"] }),
        )
        .unwrap_err();
    assert_eq!(err["kind"], "badFile");
    assert!(err["message"].as_str().unwrap().contains("no such file"));

    h.ok("article_update", json!({ "id": id, "meta": { "title": "Budget vote", "outlet": "Gazette", "url": "https://gazette.example/budget" } }));
    let err = h
        .call(
            "article_update",
            json!({ "id": id, "meta": { "title": "Budget vote", "url": "javascript:x" } }),
        )
        .unwrap_err();
    assert_eq!(err["kind"], "invalid");
    assert_eq!(h.ok("articles_list", json!({}))[0]["outlet"], "Gazette");
    assert_eq!(
        h.ok("article_get", json!({ "id": id }))["article"]["url"],
        "https://gazette.example/budget"
    );
    assert_eq!(h.ok("scales_list", json!({})).as_array().unwrap().len(), 3);

    // Confirm, edit sources, merge.
    let claims = h.ok("article_get", json!({ "id": id }))["claims"].clone();
    let first = claims[0]["id"].clone();
    let second = claims[1]["id"].clone();
    assert_eq!(
        h.ok("claim_confirm", json!({ "id": first }))["confirmed_by"],
        "Ben"
    );
    let edited = h.ok(
        "claim_edit",
        json!({ "id": first, "kind": null, "speakers": null, "sources": ["Gazette"] }),
    );
    assert_eq!(edited["sources"], json!(["Gazette"]));
    let moved = h.ok(
        "claim_respan",
        json!({ "id": first, "start": 4, "end": 20 }),
    );
    assert_eq!(moved["text"], "mayor said on Mo");
    let err = h
        .call(
            "claim_respan",
            json!({ "id": first, "start": 10, "end": 9999 }),
        )
        .unwrap_err();
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("outside the article")
    );
    let merged = h.ok("claims_merge", json!({ "keep": first, "other": second }));
    assert_eq!(merged["id"], first);
    assert_eq!(
        h.ok("article_get", json!({ "id": id }))["claims"]
            .as_array()
            .unwrap()
            .len(),
        claims.as_array().unwrap().len() - 1
    );
}

#[test]
fn merge_a_teammates_bundle_and_see_the_disagreement() {
    let (ana, ben) = (Harness::new(), Harness::new());
    for (h, name) in [(&ana, "Ana"), (&ben, "Ben")] {
        h.ok("settings_set_checker", json!({"name": name}));
        h.ok("article_import_sample", json!({}));
    }
    let first = |h: &Harness| {
        h.ok("claims_query", json!({"query": {"sort": "reading"}}))[0]["claim"]["id"].clone()
    };
    ana.ok(
        "verdicts_give",
        json!({"ids": [first(&ana)], "rating": "False", "note": "Ana's"}),
    );
    ben.ok(
        "verdicts_give",
        json!({"ids": [first(&ben)], "rating": "True", "note": "Ben's"}),
    );
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("ben.json");
    // Ben's desk exports its bundle (the save dialog needs a display; the core does the work).
    let store = factdesk_core::Store::open(&ben.dir.path().join("desk.db")).unwrap();
    let mut f = std::fs::File::create(&bundle).unwrap();
    store.export_bundle(&Default::default(), &mut f).unwrap();
    drop(f);
    let merged = ana.ok("bundles_merge_paths", json!({"paths": [bundle]}));
    assert_eq!(merged[0]["file"], "ben.json");
    assert_eq!(
        merged[0]["outcome"]["conflicts"].as_array().unwrap().len(),
        1
    );
    let flagged = ana.ok(
        "claims_query",
        json!({"query": {"needs_reconciliation": true}}),
    );
    assert_eq!(flagged.as_array().unwrap().len(), 1);
    assert_eq!(flagged[0]["claim"]["conflict"].as_array().unwrap().len(), 2);
    // The queue (and its exports) narrow by the current verdict's checker and by date.
    let by_ben = ana.ok("claims_query", json!({"query": {"checker": "ben"}}));
    assert_eq!(by_ben.as_array().unwrap().len(), 1);
    let since = ana.ok("claims_query", json!({"query": {"since": "2000-01-01"}}));
    assert_eq!(
        since.as_array().unwrap().len(),
        factdesk_core::SAMPLE_CLAIMS
    );
    let err = ana
        .call("claims_query", json!({"query": {"since": "last week"}}))
        .unwrap_err();
    assert_eq!(err["kind"], "invalid");

    // A damaged bundle is refused with a kind the UI can branch on.
    std::fs::write(&bundle, b"{\"manifest\":").unwrap();
    let err = ana
        .call("bundles_merge_paths", json!({"paths": [bundle]}))
        .unwrap_err();
    assert_eq!(err["kind"], "badBundle");
    assert!(
        err["message"].as_str().unwrap().contains("ben.json"),
        "{err}"
    );
}

#[test]
fn similar_claims_suggested_confirmed_and_searched() {
    let h = Harness::new();
    h.ok("settings_set_checker", json!({"name": "Ana"}));
    h.ok("article_import_sample", json!({}));
    h.ok(
        "article_import_text",
        json!({"text": "Kremlin rebuffs Trump\n\nA Kremlin aide said on Tuesday that Russia was not ready to accept Trump's invitation to a second summit with Putin in the United States.", "title": null}),
    );
    let mine = h.ok(
        "claims_query",
        json!({"query": {"search": "United States"}}),
    );
    let id = mine[0]["claim"]["id"].as_str().unwrap().to_string();
    let found = h.ok("claim_similar", json!({"id": id}));
    let first = &found[0];
    assert!(
        first["claim"]["text"]
            .as_str()
            .unwrap()
            .contains("second summit"),
        "{found}"
    );
    assert_eq!(first["kind"], "same");
    let other = first["claim"]["id"].as_str().unwrap().to_string();
    assert_eq!(
        h.ok("match_confirm", json!({"id": id, "other": other})),
        "same"
    );
    let detail = h.ok("claim_get", json!({"id": id}));
    assert_eq!(detail["same"][0]["claim"]["id"], other.as_str());
    assert!(
        h.ok("claim_similar", json!({"id": id}))
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["claim"]["id"] != other.as_str())
    );
    let searched = h.ok(
        "claims_similar_text",
        json!({"text": "Russia is not ready for a second summit with Putin in the US"}),
    );
    assert!(!searched.as_array().unwrap().is_empty());
    let err = h
        .call("claims_similar_text", json!({"text": "yes"}))
        .unwrap_err();
    assert_eq!(err["kind"], "invalid");
}
