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
    Tagline { en: "Calls, sessions and credits, settled fairly.", it: "Chiamate, incontri e crediti, regolati con equità." }
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


    // Calls (model)
    PhoneCall { en: "Phone call", it: "Chiamata" }
    VideoCall { en: "Video call", it: "Videochiamata" }
    ModelCallsLead { en: "Your calls, newest first. A call can be refunded until 60 minutes after it ended.", it: "Le tue chiamate, dalla più recente. Una chiamata si può rimborsare fino a 60 minuti dalla fine." }
    Refunded { en: "Refunded", it: "Rimborsata" }
    RefundAction { en: "Refund", it: "Rimborsa" }
    RefundClosed { en: "Refund window closed", it: "Rimborso non più disponibile" }
    RefundedBySupport { en: "Refunded by support", it: "Rimborsata dall'assistenza" }
    RefundedBySupportLong { en: "Support has already returned the whole charge of this call to the client, so there is nothing left to refund.", it: "L'assistenza ha già restituito al cliente l'intero costo di questa chiamata: non resta nulla da rimborsare." }
    BackToCalls { en: "Back to your calls", it: "Torna alle tue chiamate" }
    TxnRefunds { en: "refunds", it: "rimborsa" }
    RateUntil { en: "You can rate this call until {time}.", it: "Puoi valutare questa chiamata fino al {time}." }
    ChangeRatingUntil { en: "You can change this rating until {time}.", it: "Puoi modificare questa valutazione fino al {time}." }
    RateWaitUntil { en: "You rated {name} less than 24 hours ago. You can rate this call from {from} until {until}.", it: "Hai valutato {name} meno di 24 ore fa. Puoi valutare questa chiamata dal {from} al {until}." }
    RatingRemoveOnlySince { en: "Since {time} this rating can no longer be changed, only removed.", it: "Dal {time} questa valutazione non si può più modificare, solo rimuovere." }
    RatingClosedSince { en: "Ratings for this call closed on {time}.", it: "Le valutazioni di questa chiamata si sono chiuse il {time}." }
    RatingRemovedByYou { en: "You removed your rating of this call.", it: "Hai rimosso la tua valutazione di questa chiamata." }
    RemovalOpenUntil { en: "You can ask support to remove this rating until {time}.", it: "Puoi chiedere all'assistenza di rimuovere questa valutazione fino al {time}." }
    RemovalOldOnly { en: "This rating is at least 3 months old: support can remove it on that ground, with evidence.", it: "Questa valutazione ha almeno 3 mesi: l'assistenza può rimuoverla per questo motivo, con delle prove." }
    RemovalAskRaterFirst { en: "Until {time}, ask {name} in your chat to change it. From then you can ask support.", it: "Fino al {time} chiedi a {name} in chat di modificarla. Da quel momento puoi rivolgerti all'assistenza." }
    RemovalClosedSince { en: "Requests to support closed on {time}. From {old} it can be removed as an old rating.", it: "Le richieste all'assistenza si sono chiuse il {time}. Dal {old} si potrà rimuovere come valutazione vecchia." }
    RemovalPending { en: "Removal requested: support is looking at it", it: "Rimozione richiesta: l'assistenza la sta esaminando" }
    TxnReverses { en: "reverses", it: "annulla" }
    TxnPaysOut { en: "pays out", it: "liquida" }
    RefundClosedLong { en: "This call can no longer be refunded: refunds are possible only until 60 minutes after a call ends.", it: "Questa chiamata non si può più rimborsare: il rimborso è possibile solo fino a 60 minuti dalla fine della chiamata." }
    TimeLeft { en: "left", it: "rimasti" }
    RateCall { en: "Rate the call", it: "Valuta la chiamata" }
    OpenChat { en: "Chat", it: "Chat" }
    HowWasCall { en: "How was your call with", it: "Com'è andata la chiamata con" }
    ThumbsUp { en: "👍 Good", it: "👍 Bene" }
    ThumbsDown { en: "👎 Not good", it: "👎 Non bene" }
    FeedbackTitle { en: "What went wrong?", it: "Cosa non è andato?" }
    FeedbackLabel { en: "Your feedback (optional)", it: "Il tuo commento (facoltativo)" }
    Send { en: "Send", it: "Invia" }
    Skip { en: "Skip", it: "Salta" }
    ThanksFeedback { en: "Thank you for your feedback.", it: "Grazie per il tuo commento." }
    Back { en: "Back", it: "Indietro" }
    RefundOfferTitle { en: "Refund this call?", it: "Rimborsare questa chiamata?" }
    RefundOptional { en: "You are never obliged to refund. If the call went wrong, a refund gives the client back the whole charge.", it: "Non sei mai obbligata a rimborsare. Se la chiamata è andata male, il rimborso restituisce al cliente l'intero addebito." }
    NotNow { en: "Not now", it: "Non ora" }
    GetsBack { en: "gets back", it: "riceve indietro" }
    RefundIsFinal { en: "The full charge goes back to the client's balance and your earning for this call is reversed. This is final.", it: "L'intero addebito torna sul saldo del cliente e il tuo guadagno per questa chiamata viene stornato. L'operazione è definitiva." }
    RefundDonePrefix { en: "Refunded:", it: "Rimborsati:" }
    CreditsReturnedTo { en: "credits returned to", it: "crediti restituiti a" }

    // Calls (client): never a word about refunds (REF-5)
    AskSupport { en: "Ask support to review", it: "Chiedi una verifica all'assistenza" }
    AskSupportLead { en: "Tell support what went wrong with this call. They review the call's connection log and get back to you.", it: "Spiega all'assistenza cosa non ha funzionato in questa chiamata. Verificheranno il registro della connessione e ti risponderanno." }
    WhatWentWrong { en: "What went wrong?", it: "Cosa non ha funzionato?" }
    ReviewSent { en: "Your request was sent to support.", it: "La tua richiesta è stata inviata all'assistenza." }
    ReviewOpen { en: "With support", it: "In verifica" }
    ReviewGranted { en: "Support credited you", it: "L'assistenza ti ha accreditato" }
    ReviewDeclined { en: "Declined by support", it: "Respinta dall'assistenza" }
    CreditsBackNotice { en: "credits were added back to your balance.", it: "crediti sono stati riaccreditati sul tuo saldo." }

    // Chat
    Chats { en: "Chats", it: "Chat" }
    ChatWith { en: "Chat with", it: "Chat con" }
    Message { en: "Message", it: "Messaggio" }

    // Back office
    ReviewQueue { en: "Call reviews", it: "Verifiche chiamate" }
    SearchCustomers { en: "Search by name or e-mail", it: "Cerca per nome o e-mail" }
    Search { en: "Search", it: "Cerca" }
    Transactions { en: "Transactions", it: "Transazioni" }
    Kind { en: "Kind", it: "Tipo" }
    All { en: "All", it: "Tutte" }
    From { en: "From", it: "Dal" }
    To { en: "To", it: "Al" }
    Filter { en: "Filter", it: "Filtra" }
    When { en: "When", it: "Quando" }
    Amount { en: "Amount", it: "Importo" }
    Details { en: "Details", it: "Dettagli" }
    Actions { en: "Actions", it: "Azioni" }
    DeletedBy { en: "Deleted by", it: "Eliminata da" }
    At { en: "at", it: "il" }
    PaidOut { en: "Paid out", it: "Pagata" }
    Max { en: "max", it: "max" }
    Reason { en: "Reason", it: "Motivo" }
    DeleteEntry { en: "Delete entry", it: "Elimina voce" }
    PayoutRef { en: "Payout reference", it: "Riferimento pagamento" }
    MarkPaidOut { en: "Mark paid out", it: "Segna come pagata" }
    BalanceCorrection { en: "Balance correction", it: "Correzione saldo" }
    CorrectionHint { en: "A negative amount withdraws credits (never below zero) and is then paid out through the processor chosen here.", it: "Un importo negativo preleva crediti (mai sotto zero) e viene poi pagato tramite il processore scelto qui." }
    AmountSigned { en: "Amount (negative to withdraw)", it: "Importo (negativo per prelevare)" }
    PayoutProcessor { en: "Processor for the payout", it: "Processore per il pagamento" }
    ApplyCorrection { en: "Apply correction", it: "Applica correzione" }
    RefundPanel { en: "Refund a transaction", it: "Rimborsa una transazione" }
    StillRefundable { en: "Still refundable", it: "Ancora rimborsabile" }
    RefundToBalance { en: "Credits go back to the customer's balance on the site, not to the card.", it: "I crediti tornano sul saldo del cliente nel sito, non sulla carta." }
    NothingHere { en: "Nothing here.", it: "Niente da mostrare." }
    CallLog { en: "Call log", it: "Registro della chiamata" }
    NoteForClient { en: "Note (the client sees it)", it: "Nota (visibile al cliente)" }
    Grant { en: "Grant", it: "Accogli" }
    Decline { en: "Decline", it: "Respingi" }
    KindPurchase { en: "Purchase", it: "Acquisto" }
    KindCallCharge { en: "Call", it: "Chiamata" }
    KindCallRefund { en: "Call refund by the model", it: "Rimborso chiamata della modella" }
    KindSupportRefund { en: "Refund by support", it: "Rimborso dell'assistenza" }
    KindRefundDeletion { en: "Refund deleted", it: "Rimborso eliminato" }
    KindCorrection { en: "Balance correction", it: "Correzione saldo" }
    KindPayout { en: "Payout", it: "Pagamento" }
    KindSessionHold { en: "Session: credits held", it: "Incontro: crediti trattenuti" }
    KindSessionReturn { en: "Session: credits returned", it: "Incontro: crediti restituiti" }
    KindSessionRelease { en: "Session: paid to the model", it: "Incontro: pagato alla modella" }

    // Rule refusals that deserve their own words
    RuleRef1NotYours { en: "Only the model of a call can refund it.", it: "Solo la modella della chiamata può rimborsarla." }
    RuleRef3WindowClosed { en: "The refund window closed 60 minutes after the call ended.", it: "Il rimborso era possibile fino a 60 minuti dalla fine della chiamata." }
    RuleTxn1NotRefundable { en: "Only spending (such as calls) can be refunded here.", it: "Qui si possono rimborsare solo le spese (come le chiamate)." }
    RuleTxn2Cap { en: "At most {detail} credits can still be refunded on this transaction.", it: "Su questa transazione si possono ancora rimborsare al massimo {detail} crediti." }
    RuleTxn4 { en: "Only a live refund entry made by support can be deleted, and only while the customer still has those credits.", it: "Si può eliminare solo un rimborso dell'assistenza ancora valido, e solo se il cliente ha ancora quei crediti." }
    RuleTxn5BelowZero { en: "A correction may not take the balance below zero (balance now: {detail}).", it: "Una correzione non può portare il saldo sotto zero (saldo attuale: {detail})." }
    RuleMeet5Opens { en: "“I'm here” and “Start” are possible from 30 minutes before the start: the window opens at {detail}.", it: "“Sono qui” e “Inizia” sono possibili da 30 minuti prima dell'inizio: la finestra si apre alle {detail}." }
    RuleMeet5Closed { en: "The window for “I'm here” and “Start” closed at {detail}, 30 minutes after the start.", it: "La finestra per “Sono qui” e “Inizia” si è chiusa alle {detail}, 30 minuti dopo l'inizio." }
    RuleTxn6 { en: "A withdrawal needs the processor it is paid out through; a payout needs a reference.", it: "Un prelievo richiede il processore di pagamento; un pagamento richiede un riferimento." }

    // Sessions
    Sessions { en: "Sessions", it: "Incontri" }
    Session { en: "Session", it: "Incontro" }
    BookSession { en: "Book a session", it: "Prenota un incontro" }
    HerRules { en: "Her rules", it: "Le sue regole" }
    Where { en: "Where", it: "Dove" }
    AtMyPlace { en: "At her place", it: "Da lei" }
    HomeVisit { en: "Home visit", it: "Visita a domicilio" }
    DateUtc { en: "Date (UTC)", it: "Data (UTC)" }
    TimeUtc { en: "Start time (UTC)", it: "Ora di inizio (UTC)" }
    Tariff { en: "Tariff", it: "Tariffa" }
    Services { en: "Services", it: "Servizi" }
    ByPreference { en: "by preference", it: "a preferenza" }
    PaymentMethod { en: "Payment", it: "Pagamento" }
    PayBalance { en: "From my balance (secure transaction: held until the session is done)", it: "Dal mio saldo (transazione sicura: trattenuto fino alla fine dell'incontro)" }
    PayDirect { en: "Directly to her", it: "Direttamente a lei" }
    YourAddress { en: "Your address (home visits only)", it: "Il tuo indirizzo (solo visite a domicilio)" }
    AddressHint { en: "For a home visit she sees it at once; otherwise leave it empty.", it: "Per una visita a domicilio lo vede subito; altrimenti lascialo vuoto." }
    StageBefore { en: "Before meeting", it: "Prima dell'incontro" }
    StageMeeting { en: "Meeting", it: "Incontro in corso di arrivo" }
    StageInProgress { en: "In progress", it: "In corso" }
    StageCompleted { en: "Completed", it: "Concluso" }
    StageCancelled { en: "Cancelled", it: "Annullato" }
    SecureTransaction { en: "Secure transaction", it: "Transazione sicura" }
    Window { en: "Arrival and start window", it: "Finestra di arrivo e inizio" }
    FreeCancelUntil { en: "free cancellation until", it: "annullamento gratuito fino al" }
    Address { en: "Address", it: "Indirizzo" }
    DisputeOpened { en: "A dispute was opened; support will contact you in its chat", it: "È stata aperta una contestazione; l'assistenza ti contatterà nella sua chat" }
    CancelledFor { en: "Cancelled for", it: "Annullato per" }
    OnMyWay { en: "On my way", it: "Sto arrivando" }
    ImHere { en: "I'm here", it: "Sono qui" }
    StartSession { en: "Start session", it: "Inizia l'incontro" }
    Finish { en: "Finish", it: "Concludi" }
    GiveAddress { en: "Give the address", it: "Invia l'indirizzo" }
    GiveAddressLabel { en: "Entrance, apartment, floor", it: "Ingresso, appartamento, piano" }
    DeclarePreferences { en: "Before starting, say which services by preference you will provide.", it: "Prima di iniziare, indica quali servizi a preferenza fornirai." }
    WillProvide { en: "will provide", it: "fornirò" }
    WillNotProvide { en: "will not provide", it: "non fornirò" }
    Additions { en: "Additions", it: "Aggiunte" }
    Pending { en: "waiting for confirmation", it: "in attesa di conferma" }
    AdditionWaitsForStart { en: "Can be confirmed once the session has started.", it: "Si potrà confermare quando l'incontro sarà iniziato." }
    Confirmed { en: "confirmed", it: "confermata" }
    Declined { en: "declined", it: "rifiutata" }
    Confirm { en: "Confirm", it: "Conferma" }
    AddToSession { en: "Add to session", it: "Aggiungi all'incontro" }
    ExtraTariff { en: "Extra time", it: "Tempo extra" }
    ExtraService { en: "Extra service", it: "Servizio extra" }
    CustomOffer { en: "Custom offer (invoice)", it: "Offerta personalizzata (fattura)" }
    ExtraMinutes { en: "Extra minutes (extra time only)", it: "Minuti extra (solo tempo extra)" }
    RefundNow { en: "Give credits back now", it: "Restituisci subito crediti" }
    RefundNowHint { en: "The client gets the credits back at once; you are still paid for the session.", it: "Il cliente riceve subito i crediti; tu vieni comunque pagata per l'incontro." }
    CancelSession { en: "Cancel the session", it: "Annulla l'incontro" }
    CancelFree { en: "More than 5 hours before the start: no reason needed, the held credits go back at once.", it: "Più di 5 ore prima dell'inizio: nessun motivo richiesto, i crediti trattenuti tornano subito." }
    CancelDispute { en: "Within 5 hours of the start or later: choose a reason; a dispute is opened and support decides what happens to the held credits.", it: "Entro 5 ore dall'inizio o dopo: scegli un motivo; si apre una contestazione e l'assistenza decide sui crediti trattenuti." }
    CancelReasonNeeded { en: "Within 5 hours of the start or later: choose a reason.", it: "Entro 5 ore dall'inizio o dopo: scegli un motivo." }
    OtherReasonLabel { en: "Other reason (only support reads this)", it: "Altro motivo (lo legge solo l'assistenza)" }
    ReasonNotMatching { en: "Does not match the profile", it: "Non corrisponde al profilo" }
    ReasonRules { en: "Rules were broken", it: "Regole violate" }
    ReasonNoShow { en: "Did not come within the window", it: "Non si è presentato/a nella finestra" }
    ReasonClientUrgent { en: "Urgent matters of the client", it: "Urgenze del cliente" }
    ReasonModelUrgent { en: "Urgent matters of the model", it: "Urgenze della modella" }
    ReasonOther { en: "Other reason", it: "Altro motivo" }
    Timeline { en: "What happened", it: "Cronologia" }
    SessionUpdate { en: "Session update", it: "Aggiornamento incontro" }

    // Disputes
    Disputes { en: "Disputes", it: "Contestazioni" }
    Dispute { en: "Dispute", it: "Contestazione" }
    DisputeOpen { en: "Open", it: "Aperta" }
    DisputeAwaiting { en: "Awaiting decision", it: "In attesa di decisione" }
    DisputeDecided { en: "Decided", it: "Decisa" }
    Held { en: "held", it: "trattenuti" }
    Decision { en: "Decision", it: "Decisione" }
    DisputeFirstMessage { en: "Hello, this is Settle support. We have opened this dispute and will read both sides here. Please tell us what happened; photos can help. The held credits stay where they are until we decide.", it: "Ciao, qui è l'assistenza di Settle. Abbiamo aperto questa contestazione e leggeremo qui entrambe le parti. Raccontateci cosa è successo; le foto possono aiutare. I crediti trattenuti restano dove sono finché non decidiamo." }
    DisputeFirstMessageCall { en: "Hello, this is Settle support. The client has asked us to look at this call. We read the call's log (connection and quality events) and both sides here before deciding whether any credits go back. Please tell us what happened.", it: "Ciao, qui è l'assistenza di Settle. Il cliente ci ha chiesto di esaminare questa chiamata. Leggiamo il registro della chiamata (eventi di connessione e qualità) ed entrambe le parti qui prima di decidere se restituire dei crediti. Raccontateci cosa è successo." }
    DisputeFirstMessagePurchase { en: "Hello, this is Settle support. The client has asked for a refund of this purchase. We hear the model first and then decide here; nothing moves until we do. Please tell us what happened.", it: "Ciao, qui è l'assistenza di Settle. Il cliente ha chiesto il rimborso di questo acquisto. Sentiamo prima la modella e poi decidiamo qui; nulla si muove finché non lo facciamo. Raccontateci cosa è successo." }
    DisputeAwaitingMessage { en: "Support has heard both sides and is now preparing the decision. You can still add something here until then.", it: "L'assistenza ha ascoltato entrambe le parti e sta preparando la decisione. Fino ad allora potete ancora aggiungere qualcosa qui." }
    AuditLog { en: "Audit log", it: "Registro delle attività" }
    AuditMoney { en: "Money movements", it: "Movimenti di denaro" }
    AuditWhen { en: "When", it: "Quando" }
    AuditWho { en: "Who", it: "Chi" }
    AuditWhat { en: "What", it: "Cosa" }
    AuditSubject { en: "On", it: "Su" }
    AuditSystem { en: "System", it: "Sistema" }
    AuditOlder { en: "Older entries", it: "Voci precedenti" }
    MarkAwaiting { en: "Mark as awaiting decision", it: "Segna come in attesa di decisione" }
    SubjectSession { en: "Session", it: "Incontro" }
    SubjectCall { en: "Call review", it: "Revisione chiamata" }
    SubjectPurchase { en: "Purchase refund", it: "Rimborso acquisto" }
    AtStake { en: "at stake", it: "in questione" }
    RestStaysWithModel { en: "The rest stays with the model.", it: "Il resto resta alla modella." }
    SubjectDetails { en: "Details", it: "Dettagli" }
    DisputeDecidedMessage { en: "Support has decided this dispute. The credits have been moved as stated above; this chat is now closed.", it: "L'assistenza ha deciso questa contestazione. I crediti sono stati spostati come indicato sopra; questa chat è ora chiusa." }
    SupportNote { en: "note for support only", it: "nota solo per l'assistenza" }
    SeenBy { en: "Seen by", it: "Visto da" }
    RefundToClient { en: "Credits back to the client", it: "Crediti restituiti al cliente" }
    RestToModel { en: "The rest of the held credits is released to the model (less the platform's share).", it: "Il resto dei crediti trattenuti va alla modella (meno la quota della piattaforma)." }
    Sanction { en: "Sanction", it: "Sanzione" }
    Warning { en: "Warning", it: "Avvertimento" }
    Suspension { en: "Suspension", it: "Sospensione" }
    Days { en: "days", it: "giorni" }
    Decide { en: "Decide", it: "Decidi" }

    // Ratings
    Ratings { en: "Ratings", it: "Valutazioni" }
    RatingsReceived { en: "Received", it: "Ricevute" }
    RatingsGiven { en: "Given", it: "Date" }
    RateWithStars { en: "Stars", it: "Stelle" }
    Stars { en: "Your rating", it: "La tua valutazione" }
    RemoveRating { en: "Remove", it: "Rimuovi" }
    Removed { en: "removed", it: "rimossa" }
    AskRemoval { en: "Ask support to remove it", it: "Chiedi all'assistenza di rimuoverla" }
    Ground { en: "Ground", it: "Motivo" }
    Evidence { en: "Evidence (what happened, screenshots described, references)", it: "Prove (cosa è successo, descrizione degli screenshot, riferimenti)" }
    RatingQueue { en: "Rating reviews", it: "Verifiche valutazioni" }
    RatingSummary { en: "Rating", it: "Valutazione" }
    GroundPersonal { en: "Personal information in the comment", it: "Dati personali nel commento" }
    GroundOffensive { en: "Offensive language", it: "Linguaggio offensivo" }
    GroundShortCall { en: "Bad rating of a call under 1 minute", it: "Valutazione negativa di una chiamata sotto 1 minuto" }
    GroundTechnical { en: "Bad rating caused by a technical fault", it: "Valutazione negativa per un problema tecnico" }
    GroundOld { en: "Old rating (3 months or more)", it: "Valutazione vecchia (3 mesi o più)" }
    GroundAgreed { en: "The rater agrees to remove it", it: "Chi ha valutato è d'accordo a rimuoverla" }

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
    ErrFileTooLarge { en: "The file is too large: files up to {detail} MB are accepted.", it: "Il file è troppo grande: si accettano file fino a {detail} MB." }
    ErrBodyTooLarge { en: "The request is too large: forms up to {detail} MB are accepted. Nothing was changed.", it: "La richiesta è troppo grande: si accettano moduli fino a {detail} MB. Nulla è stato modificato." }
    ErrFileType { en: "This kind of file is not accepted. Use a PNG, JPEG, GIF or WebP image, or a PDF receipt.", it: "Questo tipo di file non è accettato. Usa un'immagine PNG, JPEG, GIF o WebP, oppure una ricevuta PDF." }
    ReceiptFile { en: "or upload the receipt (image or PDF, up to 5 MB)", it: "oppure carica la ricevuta (immagine o PDF, fino a 5 MB)" }
    ReceiptLink { en: "Uploaded receipt", it: "Ricevuta caricata" }
    ErrNotFound { en: "We could not find what you asked for.", it: "Non abbiamo trovato ciò che hai chiesto." }
    ErrInsufficientCredits { en: "There are not enough credits on the balance for this.", it: "Il saldo non ha crediti sufficienti per questa operazione." }
    ErrAlreadyReturned { en: "Support has already returned the whole charge to the client. Nothing is left to refund and nothing was changed.", it: "L'assistenza ha già restituito al cliente l'intero addebito. Non resta nulla da rimborsare e nulla è stato modificato." }
    ErrIdempotencyKeyReused { en: "This request reuses the key of an earlier, different request. Nothing was changed; send it with a new key.", it: "Questa richiesta riusa la chiave di una richiesta precedente e diversa. Nulla è stato modificato; inviala con una nuova chiave." }
    ErrRuleViolation { en: "This is not allowed by the platform's rules.", it: "Le regole della piattaforma non lo consentono." }
    ErrUnavailable { en: "The service is briefly unavailable. Nothing was changed; please try again.", it: "Il servizio è momentaneamente non disponibile. Nulla è stato modificato; riprova." }
    ErrNetwork { en: "The connection failed. Check your network and try again.", it: "Connessione non riuscita. Controlla la rete e riprova." }
    ErrInternal { en: "Something went wrong on our side. Nothing was changed.", it: "Si è verificato un errore da parte nostra. Nulla è stato modificato." }

    // Ledger kinds added with billing
    KindTip { en: "Tip", it: "Mancia" }
    KindPrivateShow { en: "Private show", it: "Show privato" }
    KindContentSale { en: "Photos and videos", it: "Foto e video" }
    KindPurchaseRefund { en: "Purchase refunded", it: "Acquisto rimborsato" }

    // Help center (HELP)
    HelpSearchLabel { en: "Search the help center", it: "Cerca nel centro assistenza" }
    HelpSearchPlaceholder { en: "e.g. refund a call", it: "es. rimborso chiamata" }
    HelpTopics { en: "Topics", it: "Argomenti" }
    HelpPopular { en: "Popular articles", it: "Articoli più letti" }
    HelpArticleCount { en: "articles", it: "articoli" }
    HelpResultsFor { en: "Results for", it: "Risultati per" }
    HelpNoResults { en: "No article matches these words. Try fewer or simpler words, or browse the topics.", it: "Nessun articolo corrisponde a queste parole. Prova con meno parole o più semplici, oppure sfoglia gli argomenti." }
    HelpWasHelpful { en: "Did this answer your question?", it: "Questo articolo ha risposto alla tua domanda?" }
    HelpYes { en: "Yes", it: "Sì" }
    HelpNo { en: "No", it: "No" }
    HelpThanks { en: "Thank you: your answer was counted. You can change it at any time.", it: "Grazie: la tua risposta è stata registrata. Puoi cambiarla quando vuoi." }
    HelpAlsoIn { en: "Also available in", it: "Disponibile anche in" }
    HelpUpdated { en: "Updated", it: "Aggiornato" }
    HelpBreadcrumb { en: "Breadcrumb", it: "Percorso" }
    ProcessorsTitle { en: "Payment processors and how to reach them", it: "I processori di pagamento e come contattarli" }
    ProcessorCol { en: "Processor", it: "Processore" }
    RegionsCol { en: "Where", it: "Dove" }
    ContactsCol { en: "How to reach them", it: "Come contattarli" }
    YourPurchases { en: "Your purchases and who charged them", it: "I tuoi acquisti e chi li ha addebitati" }
    SignInForPurchases { en: "Sign in to see which processor charged each of your purchases.", it: "Accedi per vedere quale processore ha addebitato ciascun tuo acquisto." }
    ChannelEmail { en: "E-mail", it: "E-mail" }
    ChannelPhone { en: "Phone", it: "Telefono" }
    ChannelWebForm { en: "Web form", it: "Modulo web" }
    ChannelLookup { en: "Payment look-up", it: "Ricerca del pagamento" }
    ChannelTeam { en: "Support team on their site", it: "Assistenza sul loro sito" }
    HelpAdmin { en: "Help center articles", it: "Articoli del centro assistenza" }
    NewArticle { en: "New article", it: "Nuovo articolo" }
    EditArticle { en: "Edit article", it: "Modifica articolo" }
    Edit { en: "Edit", it: "Modifica" }
    Revisions { en: "Revisions", it: "Revisioni" }
    RevisionShort { en: "rev.", it: "rev." }
    Answers { en: "Answers (yes / no)", it: "Risposte (sì / no)" }
    ShareNo { en: "Share of no", it: "Quota di no" }
    FieldTitle { en: "Title", it: "Titolo" }
    FieldSummary { en: "Summary (shown in lists and to search engines)", it: "Sommario (mostrato negli elenchi e ai motori di ricerca)" }
    FieldSlug { en: "Address (slug)", it: "Indirizzo (slug)" }
    FieldKey { en: "Translation key (the same in every language)", it: "Chiave di traduzione (uguale in ogni lingua)" }
    FieldCategory { en: "Topic", it: "Argomento" }
    FieldBody { en: "Text (Markdown)", it: "Testo (Markdown)" }
    FieldPopular { en: "Popular rank (1 = first; empty = not listed)", it: "Posizione tra i più letti (1 = primo; vuoto = non elencato)" }
    FieldLanguage { en: "Language", it: "Lingua" }
    Preview { en: "Preview", it: "Anteprima" }
    SavedRevision { en: "Saved as a new revision.", it: "Salvato come nuova revisione." }
    Compare { en: "Compare", it: "Confronta" }
    CompareInline { en: "Inline", it: "In linea" }
    CompareSideBySide { en: "Side by side", it: "Affiancate" }
    OlderRevision { en: "Older", it: "Meno recente" }
    NewerRevision { en: "Newer", it: "Più recente" }
    LineNumber { en: "Line", it: "Riga" }
    LineAdded { en: "added", it: "aggiunta" }
    LineRemoved { en: "removed", it: "rimossa" }
    LineReformatted { en: "reformatted", it: "riformattata" }
    UnchangedLines { en: "{n} unchanged lines", it: "{n} righe invariate" }
    AddTranslation { en: "Add a translation", it: "Aggiungi una traduzione" }
    ViewArticle { en: "View", it: "Vedi" }
    ByAuthor { en: "by", it: "di" }
    SeedAuthor { en: "shipped content", it: "contenuto iniziale" }
    Processors { en: "Payment processors", it: "Processori di pagamento" }
    ContactsHelp { en: "One contact per line: channel | value | note in English | note in Italian. Channels: email, phone, web_form, lookup, team.", it: "Un contatto per riga: canale | valore | nota in inglese | nota in italiano. Canali: email, phone, web_form, lookup, team." }
    RegionsEn { en: "Where (English)", it: "Dove (inglese)" }
    RegionsIt { en: "Where (Italian)", it: "Dove (italiano)" }
    AdviceEn { en: "Advice (English)", it: "Consiglio (inglese)" }
    AdviceIt { en: "Advice (Italian)", it: "Consiglio (italiano)" }
    Contacts { en: "Contacts", it: "Contatti" }

    // Billing (BILL)
    Billing { en: "Billing", it: "Pagamenti" }
    BuyCredits { en: "Buy credits", it: "Compra crediti" }
    ProductPack { en: "credits", it: "crediti" }
    ProductPremium { en: "Premium, one year", it: "Premium, un anno" }
    Buy { en: "Buy", it: "Acquista" }
    Checkout { en: "Checkout", it: "Pagamento" }
    PayWith { en: "Pay with", it: "Paga con" }
    PayNow { en: "Pay", it: "Paga" }
    CheckoutNote { en: "The processor charges your card on its own page; Settle never sees card details.", it: "Il processore addebita la carta sulla propria pagina; Settle non vede mai i dati della carta." }
    PaymentDone { en: "Payment complete. Keep the payment number for any question:", it: "Pagamento completato. Conserva il numero di pagamento per qualsiasi domanda:" }
    PremiumUntil { en: "Premium until", it: "Premium fino al" }
    Purchases { en: "Purchases", it: "Acquisti" }
    Spending { en: "Spending on models", it: "Spese con le modelle" }
    ChargedBy { en: "charged by", it: "addebitato da" }
    PaymentNumber { en: "Payment number", it: "Numero di pagamento" }
    PaymentNumberHint { en: "Payment number from the receipt", it: "Numero di pagamento dalla ricevuta" }
    AskRefund { en: "Ask for a refund", it: "Chiedi un rimborso" }
    AmountOptional { en: "Amount (empty = all)", it: "Importo (vuoto = tutto)" }
    WrittenReason { en: "Reason (required for tips and shows)", it: "Motivo (obbligatorio per mance e show)" }
    RefundRequests { en: "Refund requests", it: "Richieste di rimborso" }
    RequestSent { en: "Your request was sent.", it: "La tua richiesta è stata inviata." }
    StatusAwaitingModel { en: "waiting for the model's answer", it: "in attesa della risposta della modella" }
    StatusOpen { en: "with support", it: "presso l'assistenza" }
    StatusRefusedByDefault { en: "refused by default: photos and videos are not refundable (support may still review it)", it: "rifiutata per impostazione: foto e video non sono rimborsabili (l'assistenza può comunque valutarla)" }
    StatusApproved { en: "approved", it: "approvata" }
    StatusDeclined { en: "declined", it: "respinta" }
    Watched { en: "watched", it: "visto" }
    SendTip { en: "Send a tip", it: "Invia una mancia" }
    TipSent { en: "Tip sent. Thank you!", it: "Mancia inviata. Grazie!" }
    ModelRefundRequests { en: "Clients' refund requests: your side", it: "Richieste di rimborso dei clienti: la tua versione" }
    YourSide { en: "Your side (support reads it before deciding)", it: "La tua versione (l'assistenza la legge prima di decidere)" }
    Answer { en: "Answer", it: "Rispondi" }
    ModelSaid { en: "The model said", it: "La modella ha detto" }
    BillingQueue { en: "Refund requests (purchases and spending)", it: "Richieste di rimborso (acquisti e spese)" }
    StatusLabel { en: "Status", it: "Stato" }
    Approve { en: "Approve", it: "Approva" }
    DecisionNote { en: "Note (needed to decline or to override a default refusal)", it: "Nota (necessaria per respingere o per superare un rifiuto predefinito)" }
    Receipt { en: "Receipt", it: "Ricevuta" }
    NoneYet { en: "Nothing here yet.", it: "Ancora niente qui." }

    // Dispute attachments and queue age
    AttachImage { en: "Add an image (PNG, JPEG, GIF or WebP, up to 5 MB)", it: "Aggiungi un'immagine (PNG, JPEG, GIF o WebP, fino a 5 MB)" }
    Screenshot { en: "Screenshot (optional image, up to 5 MB)", it: "Screenshot (immagine facoltativa, fino a 5 MB)" }
    Caption { en: "Caption (optional)", it: "Didascalia (facoltativa)" }
    Attach { en: "Attach", it: "Allega" }
    AttachedImage { en: "Image attached to the dispute", it: "Immagine allegata alla contestazione" }
    OpenFor { en: "Open for", it: "Aperte da" }
    AnyAge { en: "any time", it: "qualsiasi durata" }
    AtLeast1Day { en: "at least 1 day", it: "almeno 1 giorno" }
    AtLeast3Days { en: "at least 3 days", it: "almeno 3 giorni" }
    AtLeast7Days { en: "at least 7 days", it: "almeno 7 giorni" }

    // Rule messages with a detail
    RuleBill2Window { en: "A refund can be asked for within 48 hours of the purchase; this one is older.", it: "Un rimborso si può chiedere entro 48 ore dall'acquisto; questo è più vecchio." }
    RuleBill2Receipt { en: "The request needs the purchase's receipt: the payment number exactly as on the receipt, or the uploaded receipt.", it: "La richiesta deve avere la ricevuta dell'acquisto: il numero di pagamento esattamente come sulla ricevuta, oppure la ricevuta caricata." }
    RuleBill2Full { en: "A purchase is refunded in full, with no deduction.", it: "Un acquisto si rimborsa per intero, senza trattenute." }
    RuleBill2Refunded { en: "This has already been refunded.", it: "È già stato rimborsato." }
    RuleBill2Decided { en: "This request has already been decided.", it: "Questa richiesta è già stata decisa." }
    RuleBill3Reason { en: "A refund of a tip or a private show needs a written reason.", it: "Il rimborso di una mancia o di uno show privato richiede un motivo scritto." }
    RuleBill3Watched { en: "More than 5 minutes of this show were watched, so it cannot be refunded in full; you can ask for part of it.", it: "Di questo show sono stati visti più di 5 minuti, quindi non può essere rimborsato per intero; puoi chiederne una parte." }
    RuleBill3Model { en: "The model has not been heard yet: decide after her answer, or once 72 hours have passed.", it: "La modella non è ancora stata sentita: decidi dopo la sua risposta o trascorse 72 ore." }
    RuleBill4Note { en: "Photos and videos are refused by default; approving needs a note saying why.", it: "Foto e video sono rifiutati per impostazione; per approvare serve una nota che spieghi perché." }
    RuleBill5Line { en: "Contact line {detail} is not valid. Use: channel | value | note in English | note in Italian.", it: "La riga di contatto {detail} non è valida. Usa: canale | valore | nota in inglese | nota in italiano." }
    RuleHelp4Stale { en: "Someone saved this article after you opened it. Reload to see the newer revision, then edit again.", it: "Qualcuno ha salvato questo articolo dopo che l'hai aperto. Ricarica per vedere la revisione più recente, poi modificalo di nuovo." }
    RuleHelpField { en: "Please check the field: {detail}.", it: "Controlla il campo: {detail}." }
}
