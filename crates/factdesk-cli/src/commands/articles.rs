//! `factdesk` commands: articles.

use std::path::PathBuf;

use factdesk_core::import::{Document, extract_file, read_file};
use factdesk_core::store::ImportMeta;
use factdesk_core::{Error, Result};

use super::{json_out, open};
use crate::args::*;
use crate::print::*;

pub(crate) fn extract(args: ExtractArgs) -> Result<()> {
    let ExtractArgs { file, format } = args;
    let (doc, x) = extract_file(&file)?;
    match format {
        ExtractFormat::Json => json_out(&x),
        ExtractFormat::Text => {
            print_extraction(&doc, &x);
            Ok(())
        }
    }
}

pub(crate) fn import(db: &Option<PathBuf>, args: ImportArgs) -> Result<()> {
    let ImportArgs {
        files,
        title,
        url,
        outlet,
        author,
        published,
        json,
    } = args;
    if files.len() > 1 && (title.is_some() || url.is_some()) {
        return Err(Error::invalid(
            "--title and --url describe one article; import one file at a time to set them",
        ));
    }
    // Read every file first: a bad one stops the import before anything is written.
    let docs: Vec<(Document, ImportMeta)> = files
        .iter()
        .map(|f| {
            Ok((
                read_file(f)?,
                ImportMeta {
                    title: title.clone(),
                    url: url.clone(),
                    outlet: outlet.clone(),
                    author: author.clone(),
                    published: published.clone(),
                },
            ))
        })
        .collect::<Result<_>>()?;
    let mut store = open(db)?;
    let actor = store.setting("checker")?.unwrap_or_default();
    let outcomes = store.import(&docs, &actor)?;
    if json {
        return json_out(&outcomes);
    }
    for (o, f) in outcomes.iter().zip(&files) {
        if o.duplicate {
            println!(
                "{}: already imported as {} \"{}\" ({} claims); nothing added",
                f.display(),
                o.id,
                o.title,
                o.claims
            );
        } else {
            println!(
                "{}: imported {} \"{}\" with {} claims",
                f.display(),
                o.id,
                o.title,
                o.claims
            );
        }
    }
    Ok(())
}

pub(crate) fn articles(db: &Option<PathBuf>, args: ArticlesArgs) -> Result<()> {
    let ArticlesArgs { json } = args;
    let store = open(db)?;
    let articles = store.articles()?;
    if json {
        return json_out(&articles);
    }
    if articles.is_empty() {
        println!("No articles yet. Import one with `factdesk import FILE`.");
    }
    for a in articles {
        println!(
            "{}  {:>3} claims  {}{}",
            a.id,
            a.claims,
            a.title,
            a.outlet.map(|o| format!(" ({o})")).unwrap_or_default()
        );
    }
    Ok(())
}

pub(crate) fn article(db: &Option<PathBuf>, args: ArticleArgs) -> Result<()> {
    let ArticleArgs {
        command: ArticleCommand::Show { id, json },
    } = args;
    let store = open(db)?;
    let a = store.article(&id)?;
    if json {
        return json_out(&a);
    }
    println!(
        "{}\n{}\n\n{}",
        a.title,
        "=".repeat(a.title.chars().count().min(80)),
        a.body
    );
    Ok(())
}
