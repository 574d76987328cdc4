use factdesk_sync::{WireError, WireErrorKind};

pub type Result<T> = std::result::Result<T, Error>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    Stale(String),
    #[error("{0}")]
    TooLarge(String),
    #[error("{0}")]
    BadRequest(String),
    /// Input to an admin command (`user add`) that cannot be accepted.
    #[error("{0}")]
    Invalid(String),
    #[error("the team's database cannot be used right now: {0}")]
    Database(String),
}

impl Error {
    pub fn wire(&self) -> WireError {
        let kind = match self {
            Error::Unauthorized(_) => WireErrorKind::Unauthorized,
            Error::Forbidden(_) => WireErrorKind::Forbidden,
            Error::Stale(_) => WireErrorKind::Stale,
            Error::TooLarge(_) => WireErrorKind::TooLarge,
            Error::BadRequest(_) | Error::Invalid(_) => WireErrorKind::BadRequest,
            Error::Database(_) => WireErrorKind::Unavailable,
        };
        WireError {
            kind,
            message: self.to_string(),
        }
    }

    pub fn status(&self) -> u16 {
        match self {
            Error::Unauthorized(_) => 401,
            Error::Forbidden(_) => 403,
            Error::Stale(_) => 409,
            Error::TooLarge(_) => 413,
            Error::BadRequest(_) | Error::Invalid(_) => 400,
            Error::Database(_) => 503,
        }
    }
}

impl From<tokio_postgres::Error> for Error {
    fn from(e: tokio_postgres::Error) -> Self {
        // The server's own message, with PostgreSQL's detail when it has one.
        let detail = e
            .as_db_error()
            .map(|d| d.message().to_string())
            .unwrap_or_else(|| e.to_string());
        Error::Database(detail)
    }
}

impl From<deadpool_postgres::PoolError> for Error {
    fn from(e: deadpool_postgres::PoolError) -> Self {
        Error::Database(e.to_string())
    }
}
