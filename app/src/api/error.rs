//! `AppError`: the one error type server functions return. Safe to show; its text comes from
//! `ui::texts` (through `Display`, and `ui::texts::sv::message` for the messages it carries).

use crate::domain::{FieldErrors, Msg};
use crate::ui::texts::sv::message;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("Du är inte inloggad.")]
    Unauthenticated,
    #[error("Du har inte behörighet att göra detta.")]
    Forbidden,
    #[error("Det du söker finns inte.")]
    NotFound,
    #[error("Kontrollera de markerade fälten.")]
    Invalid(FieldErrors),
    #[error("{}", message(.0))]
    Conflict(Msg),
    #[error("För många inloggningsförsök härifrån. Vänta {0} min och försök igen.")]
    TooManyRequests(i64),
    #[error(
        "Kontot är tillfälligt spärrat för inloggning från nya enheter efter många felaktiga försök. Vänta {0} min, eller logga in från en webbläsare där du har loggat in förut."
    )]
    AccountLocked(i64),
    #[error("Begäran kunde inte tolkas.")]
    BadRequest,
    #[error("Något gick fel (referens {0}). Försök igen eller kontakta systemförvaltaren.")]
    Internal(String),
}

impl AppError {
    /// The HTTP status this error is answered with.
    pub fn status(&self) -> http::StatusCode {
        use http::StatusCode as S;
        match self {
            Self::Unauthenticated => S::UNAUTHORIZED,
            Self::Forbidden => S::FORBIDDEN,
            Self::NotFound => S::NOT_FOUND,
            Self::Invalid(_) => S::UNPROCESSABLE_ENTITY,
            Self::Conflict(_) => S::CONFLICT,
            Self::TooManyRequests(_) | Self::AccountLocked(_) => S::TOO_MANY_REQUESTS,
            Self::BadRequest => S::BAD_REQUEST,
            Self::Internal(_) => S::INTERNAL_SERVER_ERROR,
        }
    }

    /// The message for `field`, if this is a validation error that has one.
    pub fn field(&self, field: &str) -> Option<&Msg> {
        match self {
            Self::Invalid(e) => e.get(field),
            _ => None,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::MissingArg(_) => {
                #[cfg(feature = "ssr")]
                super::ctx::set_status(http::StatusCode::BAD_REQUEST);
                Self::BadRequest
            }
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => {
                Self::Internal("nätverk".into())
            }
            other => {
                #[cfg(feature = "ssr")]
                tracing::error!(error = %other, "server function framework error");
                #[cfg(not(feature = "ssr"))]
                let _ = other;
                Self::Internal("ramverk".into())
            }
        }
    }
}
