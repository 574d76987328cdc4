//! The HTTP API: thin handlers, each one authentication, one call into
//! [`crate::log`] and a mapped error.

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use deadpool_postgres::Pool;
use factdesk_sync::{Me, PULL_ROWS, PushRequest};
use serde::Deserialize;

use crate::{Error, auth, log};

#[derive(Clone)]
pub struct AppState {
    pub pool: Pool,
    /// The largest push accepted, in bytes.
    pub max_push: usize,
}

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/v1/health", get(|| async { "ok" }))
        .route("/v1/me", get(me))
        .route("/v1/push", post(push))
        .route("/v1/pull", get(pull))
        .fallback(|| async {
            Error::BadRequest("no such endpoint: the team server answers /v1/me, /v1/push, /v1/pull and /v1/health".into())
        })
        .with_state(state)
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, axum::Json(self.wire())).into_response()
    }
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
}

async fn me(State(s): State<AppState>, headers: HeaderMap) -> Result<axum::Json<Me>, Error> {
    let user = auth::user_of(&s.pool, bearer(&headers)).await?;
    let head: i64 = s
        .pool
        .get()
        .await?
        .query_one("SELECT seq FROM log_head", &[])
        .await?
        .get(0);
    Ok(axum::Json(Me {
        name: user.name,
        role: user.role,
        head,
    }))
}

async fn push(
    State(s): State<AppState>,
    headers: HeaderMap,
    body: Body,
) -> Result<impl IntoResponse, Error> {
    let user = auth::user_of(&s.pool, bearer(&headers)).await?;
    let bytes = to_bytes(body, s.max_push).await.map_err(|_| {
        Error::TooLarge(format!(
            "the push is over the server's limit of {} MB: sync more often, or ask the admin to raise --max-push-mb",
            s.max_push / (1024 * 1024)
        ))
    })?;
    let req: PushRequest = serde_json::from_slice(&bytes)
        .map_err(|e| Error::BadRequest(format!("the push is not a push request: {e}")))?;
    Ok(axum::Json(log::push(&s.pool, &user, req).await?))
}

#[derive(Deserialize)]
struct PullQuery {
    after: Option<i64>,
    limit: Option<usize>,
}

async fn pull(
    State(s): State<AppState>,
    headers: HeaderMap,
    q: Result<Query<PullQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<impl IntoResponse, Error> {
    auth::user_of(&s.pool, bearer(&headers)).await?;
    let Query(q) =
        q.map_err(|e| Error::BadRequest(format!("the pull's query is malformed: {e}")))?;
    let after = q.after.unwrap_or(0);
    if after < 0 {
        return Err(Error::BadRequest("after is a log entry, 0 or more".into()));
    }
    let limit = q.limit.unwrap_or(PULL_ROWS).clamp(1, PULL_ROWS);
    Ok(axum::Json(log::pull(&s.pool, after, limit).await?))
}
