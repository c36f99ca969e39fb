//! `AppError`: the one error type server functions return. Safe to show; its text comes from
//! `ui::texts` (through `Display`, and `ui::texts::sv::message` for the messages it carries).

use crate::domain::{FieldErrors, Msg};
use crate::ui::texts::sv::{self as t, message};
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("{}", t::ERR_UNAUTHENTICATED)]
    Unauthenticated,
    #[error("{}", t::ERR_FORBIDDEN)]
    Forbidden,
    #[error("{}", t::ERR_NOT_FOUND)]
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
    #[error("{}", t::ERR_BAD_REQUEST)]
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

    /// The error as JSON, each message with its Swedish wording beside it (`"text"`), so that a
    /// caller (a script, or the browser) can show it without knowing the message keys.
    #[cfg(feature = "ssr")]
    fn ser(&self) -> leptos::server_fn::Bytes {
        use serde_json::Value;
        let mut value = serde_json::to_value(self).unwrap_or(Value::Null);
        let word = |v: &mut Value, m: &Msg| {
            if let Value::Object(o) = v {
                o.insert("text".into(), Value::String(message(m)));
            }
        };
        match (self, value.as_object_mut()) {
            (Self::Invalid(errors), Some(o)) => {
                if let Some(Value::Array(items)) = o.get_mut("Invalid") {
                    for (item, e) in items.iter_mut().zip(&errors.0) {
                        word(item, &e.message);
                    }
                }
            }
            (Self::Conflict(m), Some(o)) => {
                if let Some(v) = o.get_mut("Conflict") {
                    word(v, m);
                }
            }
            _ => {}
        }
        serde_json::to_vec(&value).unwrap_or_default().into()
    }

    /// In the browser: read through `decode_worded`, so that the bundle carries no decoder for
    /// every message key.
    #[cfg(not(feature = "ssr"))]
    fn de(data: leptos::server_fn::Bytes) -> Self {
        Self::decode_worded(std::str::from_utf8(&data).unwrap_or_default())
    }
}

impl AppError {
    /// Reads an error the server wrote (`ser`), taking each message as its wording
    /// (`Msg::Worded`); only the message the browser acts on, a request in progress, keeps its
    /// key. Unreadable bytes are an `Internal` error.
    pub fn decode_worded(data: &str) -> Self {
        /// A message as sent: its key and (from `ser`) its wording.
        #[derive(Deserialize)]
        struct Worded {
            #[serde(default)]
            key: String,
            #[serde(default)]
            text: String,
        }
        fn msg(key: &str, text: String) -> Msg {
            match key {
                "request_in_progress" => Msg::RequestInProgress,
                _ => Msg::Worded(text),
            }
        }
        /// A field error: the wording sits beside the message.
        #[derive(Deserialize)]
        struct Field {
            field: String,
            message: Worded,
            #[serde(default)]
            text: String,
        }
        #[derive(Deserialize)]
        enum Wire {
            Unauthenticated,
            Forbidden,
            NotFound,
            Invalid(Vec<Field>),
            Conflict(Worded),
            TooManyRequests(i64),
            AccountLocked(i64),
            BadRequest,
            Internal(String),
        }
        let Ok(wire) = serde_json::from_str::<Wire>(data) else {
            return Self::Internal("svar".into());
        };
        match wire {
            Wire::Unauthenticated => Self::Unauthenticated,
            Wire::Forbidden => Self::Forbidden,
            Wire::NotFound => Self::NotFound,
            Wire::Invalid(fields) => {
                let mut errors = FieldErrors::new();
                for f in fields {
                    errors.add(f.field, msg(&f.message.key, f.text));
                }
                Self::Invalid(errors)
            }
            Wire::Conflict(m) => Self::Conflict(msg(&m.key, m.text)),
            Wire::TooManyRequests(n) => Self::TooManyRequests(n),
            Wire::AccountLocked(n) => Self::AccountLocked(n),
            Wire::BadRequest => Self::BadRequest,
            Wire::Internal(r) => Self::Internal(r),
        }
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::domain::Label;

    fn text(e: AppError) -> String {
        String::from_utf8_lossy(&e.ser()).into_owned()
    }

    fn invalid() -> AppError {
        let mut errors = FieldErrors::new();
        errors.add(
            "text",
            Msg::Required {
                label: Label::EntryText,
            },
        );
        errors.add(
            "kind",
            Msg::TooLong {
                label: Label::EntryText,
                max: 4,
            },
        );
        AppError::Invalid(errors)
    }

    #[test]
    fn the_browser_reads_the_servers_wording() {
        let AppError::Invalid(errors) = AppError::decode_worded(&text(invalid())) else {
            panic!("not a validation error");
        };
        let AppError::Invalid(sent) = invalid() else {
            unreachable!()
        };
        assert_eq!(errors.0.len(), 2);
        for (got, sent) in errors.0.iter().zip(&sent.0) {
            assert_eq!(got.field, sent.field);
            assert_eq!(got.message, Msg::Worded(message(&sent.message)));
            assert_eq!(message(&got.message), message(&sent.message));
        }
    }

    #[test]
    fn a_request_in_progress_keeps_its_key_and_other_kinds_come_back_whole() {
        let busy = AppError::Conflict(Msg::RequestInProgress);
        assert_eq!(AppError::decode_worded(&text(busy.clone())), busy);
        let stale = AppError::Conflict(Msg::ExerciseChangedReload);
        assert_eq!(
            AppError::decode_worded(&text(stale)),
            AppError::Conflict(Msg::Worded(message(&Msg::ExerciseChangedReload)))
        );
        for e in [
            AppError::Unauthenticated,
            AppError::Forbidden,
            AppError::NotFound,
            AppError::BadRequest,
            AppError::TooManyRequests(3),
            AppError::AccountLocked(7),
            AppError::Internal("ref".into()),
        ] {
            assert_eq!(AppError::decode_worded(&text(e.clone())), e);
        }
        assert_eq!(
            AppError::decode_worded("<html>"),
            AppError::Internal("svar".into())
        );
    }

    #[test]
    fn the_wording_is_an_addition_scripts_may_ignore() {
        let bytes = invalid().ser();
        let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(json["Invalid"][0]["text"], "Texten måste fyllas i.");
        assert_eq!(
            serde_json::from_slice::<AppError>(&bytes).unwrap(),
            invalid()
        );
        let conflict = AppError::Conflict(Msg::ExerciseChangedReload);
        assert_eq!(
            serde_json::from_slice::<AppError>(&conflict.ser()).unwrap(),
            conflict
        );
    }
}
