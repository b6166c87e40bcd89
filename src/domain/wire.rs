//! The one text form of the enums that are stored and cross the wire
//! (statuses, kinds, subjects, stages, notices): `text_enum!` gives each
//! variant its code, `as_str`/`parse`, `Display`, and `TryFrom<String>` so a
//! store's row struct reads it with `#[sqlx(try_from = "String")]`. Pages
//! never show the code: they match the variant and say it in words.

/// Declares a fieldless enum with one stable code per variant.
///
/// ```ignore
/// text_enum! {
///     /// Where a thing stands.
///     pub enum Stand { Open = "open", Closed = "closed" }
/// }
/// assert_eq!(Stand::parse("open"), Some(Stand::Open));
/// assert_eq!(Stand::Closed.as_str(), "closed");
/// ```
macro_rules! text_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored code.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $code ),+
                }
            }

            pub fn parse(raw: &str) -> Option<$name> {
                match raw {
                    $( $code => Some($name::$variant), )+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;
            fn try_from(raw: String) -> Result<$name, String> {
                $name::parse(&raw).ok_or_else(|| format!("unknown {} code {raw:?}", stringify!($name)))
            }
        }
    };
}

// Reached as `domain::wire::text_enum!`, so domain names only domain.
pub(crate) use text_enum;

#[cfg(test)]
mod tests {
    super::text_enum! {
        enum Sample { One = "one", Two = "two" }
    }

    #[test]
    fn every_code_reads_back_as_its_variant() {
        for s in Sample::ALL {
            assert_eq!(Sample::parse(s.as_str()), Some(*s));
            assert_eq!(Sample::try_from(s.to_string()), Ok(*s));
        }
        assert_eq!(Sample::parse("three"), None);
        assert!(Sample::try_from("One".to_string()).is_err(), "codes are exact");
    }
}
