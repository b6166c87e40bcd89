//! The message catalogue, English and Italian side by side.

use crate::domain::Locale;

macro_rules! catalog {
    ($($key:ident { en: $en:expr, it: $it:expr $(,)? })*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Msg { $($key),* }

        impl Msg {
            pub const ALL: &'static [Msg] = &[$(Msg::$key),*];

            pub const fn text(self, locale: Locale) -> &'static str {
                match locale {
                    Locale::En => match self { $(Msg::$key => $en),* },
                    Locale::It => match self { $(Msg::$key => $it),* },
                }
            }
        }
    };
}

catalog! {
    // Shell
    AppName { en: "Settle", it: "Settle" }
    Tagline { en: "Calls, sessions and refunds, settled fairly.", it: "Chiamate, incontri e rimborsi, regolati con equità." }
    SkipToContent { en: "Skip to content", it: "Vai al contenuto" }
    MainNav { en: "Main navigation", it: "Navigazione principale" }
    Language { en: "Language", it: "Lingua" }
    Home { en: "Home", it: "Home" }
    HelpCenter { en: "Help center", it: "Centro assistenza" }
    Settings { en: "Settings", it: "Impostazioni" }
    SignedInAs { en: "Signed in as", it: "Accesso come" }
    Loading { en: "Loading…", it: "Caricamento…" }

    // Roles
    RoleClient { en: "Client", it: "Cliente" }
    RoleModel { en: "Model", it: "Modella" }
    RoleSupport { en: "Support", it: "Assistenza" }

    // Auth
    SignIn { en: "Sign in", it: "Accedi" }
    SignUp { en: "Create an account", it: "Crea un account" }
    SignOut { en: "Sign out", it: "Esci" }
    Email { en: "E-mail", it: "E-mail" }
    Password { en: "Password", it: "Password" }
    PasswordHint { en: "At least 10 characters. A phrase is easier to remember.", it: "Almeno 10 caratteri. Una frase è più facile da ricordare." }
    ShowPassword { en: "Show password", it: "Mostra password" }
    HidePassword { en: "Hide password", it: "Nascondi password" }
    DisplayName { en: "Name shown to others", it: "Nome visibile agli altri" }
    IAmA { en: "I am joining as", it: "Mi iscrivo come" }
    JoinAsClient { en: "a client", it: "cliente" }
    JoinAsModel { en: "a model", it: "modella" }
    NoAccountYet { en: "No account yet?", it: "Non hai ancora un account?" }
    HaveAccount { en: "Already have an account?", it: "Hai già un account?" }
    Working { en: "Working…", it: "Attendi…" }

    // Homes
    WelcomeTitle { en: "Welcome to Settle", it: "Benvenuto su Settle" }
    WelcomeBody { en: "Sign in to see your calls, sessions, credits and disputes.", it: "Accedi per vedere chiamate, incontri, crediti e contestazioni." }
    ClientHomeTitle { en: "Your account", it: "Il tuo account" }
    ClientHomeBody { en: "Your credits, calls and booked sessions.", it: "I tuoi crediti, le chiamate e gli incontri prenotati." }
    ModelHomeTitle { en: "Your studio", it: "Il tuo studio" }
    ModelHomeBody { en: "Your calls, refunds, sessions and ratings.", it: "Le tue chiamate, i rimborsi, gli incontri e le valutazioni." }
    SupportHomeTitle { en: "Back office", it: "Back office" }
    SupportHomeBody { en: "Customers, transactions, disputes and the help center.", it: "Clienti, transazioni, contestazioni e centro assistenza." }
    Balance { en: "Credit balance", it: "Saldo crediti" }
    Credits { en: "credits", it: "crediti" }
    RecentCalls { en: "Recent calls", it: "Chiamate recenti" }
    NoCallsYet { en: "No calls yet.", it: "Ancora nessuna chiamata." }
    Customers { en: "Customers", it: "Clienti" }
    Calls { en: "Calls", it: "Chiamate" }
    WithClient { en: "with", it: "con" }
    Minutes { en: "min", it: "min" }
    Earnings { en: "Earnings", it: "Guadagni" }

    // Settings
    SettingsTitle { en: "Your settings", it: "Le tue impostazioni" }
    PreferredLanguage { en: "Preferred language", it: "Lingua preferita" }
    FollowBrowser { en: "Same as my browser", it: "Come il mio browser" }
    Save { en: "Save", it: "Salva" }
    Saved { en: "Saved.", it: "Salvato." }

    // Error pages
    NotFoundTitle { en: "Page not found", it: "Pagina non trovata" }
    NotFoundBody { en: "There is nothing at this address. It may have moved, or the link may be mistyped.", it: "A questo indirizzo non c'è nulla. Forse è stato spostato, o il link è sbagliato." }
    NotAllowedTitle { en: "Not allowed", it: "Accesso non consentito" }
    NotAllowedBody { en: "Your account cannot open this page. If you think it should, sign in with the right account or contact support.", it: "Il tuo account non può aprire questa pagina. Se pensi che dovrebbe, accedi con l'account giusto o contatta l'assistenza." }
    ErrorTitle { en: "Something went wrong", it: "Qualcosa è andato storto" }
    ErrorBody { en: "We could not complete this. Nothing was changed; please try again in a moment.", it: "Non è stato possibile completare l'operazione. Nulla è stato modificato; riprova tra poco." }
    BackHome { en: "Back to the home page", it: "Torna alla home" }

    // Errors (see i18n::error_message)
    RuleLabel { en: "rule", it: "regola" }
    ErrNotSignedIn { en: "Please sign in first.", it: "Prima accedi." }
    ErrNotAllowed { en: "Your account is not allowed to do this.", it: "Il tuo account non può eseguire questa operazione." }
    ErrBadCredentials { en: "That e-mail and password do not match an account.", it: "E-mail e password non corrispondono a nessun account." }
    ErrEmailTaken { en: "An account with this e-mail already exists. Sign in instead.", it: "Esiste già un account con questa e-mail. Accedi." }
    ErrInvalidEmail { en: "Please enter a valid e-mail address.", it: "Inserisci un indirizzo e-mail valido." }
    ErrInvalidDisplayName { en: "The name must be 1 to 60 visible characters.", it: "Il nome deve avere da 1 a 60 caratteri visibili." }
    ErrWeakPassword { en: "The password needs at least 10 characters.", it: "La password deve avere almeno 10 caratteri." }
    ErrInvalidRole { en: "Choose whether you join as a client or as a model.", it: "Scegli se iscriverti come cliente o come modella." }
    ErrInvalidLocale { en: "That language is not available.", it: "Questa lingua non è disponibile." }
    ErrTooManyAttempts { en: "Too many attempts. Wait a few minutes and try again.", it: "Troppi tentativi. Attendi qualche minuto e riprova." }
    ErrCrossSite { en: "This request came from another site and was refused.", it: "Questa richiesta proviene da un altro sito ed è stata rifiutata." }
    ErrBadInput { en: "Some of the information sent is missing or malformed.", it: "Alcune informazioni inviate mancano o non sono valide." }
    ErrNotFound { en: "We could not find what you asked for.", it: "Non abbiamo trovato ciò che hai chiesto." }
    ErrRuleViolation { en: "This is not allowed by the platform's rules.", it: "Le regole della piattaforma non lo consentono." }
    ErrUnavailable { en: "The service is briefly unavailable. Nothing was changed; please try again.", it: "Il servizio è momentaneamente non disponibile. Nulla è stato modificato; riprova." }
    ErrNetwork { en: "The connection failed. Check your network and try again.", it: "Connessione non riuscita. Controlla la rete e riprova." }
    ErrInternal { en: "Something went wrong on our side. Nothing was changed.", it: "Si è verificato un errore da parte nostra. Nulla è stato modificato." }
}
