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
    RuleMeet5Opens { en: "“I'm here” and “Start” are possible from 30 minutes before the start: the window opens on {time}.", it: "“Sono qui” e “Inizia” sono possibili da 30 minuti prima dell'inizio: la finestra si apre il {time}." }
    RuleMeet5Closed { en: "The window for “I'm here” and “Start” closed on {time}, 30 minutes after the start.", it: "La finestra per “Sono qui” e “Inizia” si è chiusa il {time}, 30 minuti dopo l'inizio." }
    RuleTxn6 { en: "A withdrawal needs the processor it is paid out through; a payout needs a reference.", it: "Un prelievo richiede il processore di pagamento; un pagamento richiede un riferimento." }

    // Sessions
    Sessions { en: "Sessions", it: "Incontri" }
    Session { en: "Session", it: "Incontro" }
    BookSession { en: "Book a session", it: "Prenota un incontro" }
    HerRules { en: "Her rules", it: "Le sue regole" }
    Where { en: "Where", it: "Dove" }
    AtMyPlace { en: "At her place", it: "Da lei" }
    HomeVisit { en: "Home visit", it: "Visita a domicilio" }
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
    PreviewDecision { en: "Preview", it: "Anteprima" }
    PreviewTitle { en: "What this decision would move", it: "Cosa sposterebbe questa decisione" }
    PreviewNothingMoved { en: "Nothing has moved yet. These are the figures the decision will move; change the refund and preview again, or decide.", it: "Non si è ancora mosso nulla. Sono le cifre che la decisione sposterà; cambia il rimborso e rivedi l'anteprima, oppure decidi." }
    PreviewParty { en: "Who", it: "Chi" }
    PreviewChange { en: "Change", it: "Variazione" }
    PreviewBalance { en: "balance", it: "saldo" }
    PreviewEarnings { en: "earnings", it: "guadagni" }
    PreviewToProcessor { en: "back to the card or account they paid with", it: "restituiti alla carta o al conto usato per pagare" }
    PreviewPlatform { en: "Settle (the platform's share)", it: "Settle (quota della piattaforma)" }
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

    // Time zones and sign-up (issue 16, TIME)
    ErrAgeNotConfirmed { en: "Settle is for adults: please confirm you are 18 or over.", it: "Settle è per adulti: conferma di avere almeno 18 anni." }
    ErrTermsNotAccepted { en: "To create an account, please accept the terms of use.", it: "Per creare un account, accetta le condizioni d'uso." }
    TimeZone { en: "Time zone", it: "Fuso orario" }
    TimeZoneHint { en: "Every date and time on Settle is shown in this zone.", it: "Su Settle ogni data e ora è mostrata in questo fuso." }
    TimeZoneProposed { en: "We suggested the zone your device uses.", it: "Ti abbiamo proposto il fuso del tuo dispositivo." }
    ConfirmAdult { en: "I am 18 or over", it: "Ho almeno 18 anni" }
    AcceptTerms { en: "I accept the terms of use", it: "Accetto le condizioni d'uso" }
    ReadTerms { en: "Read the terms of use", it: "Leggi le condizioni d'uso" }
    FixBeforeSending { en: "Please fix what is marked below, then send again.", it: "Correggi quanto indicato qui sotto, poi invia di nuovo." }
    NeedDisplayName { en: "Write the name others will see (up to 60 characters).", it: "Scrivi il nome che vedranno gli altri (fino a 60 caratteri)." }
    NeedEmail { en: "Write an e-mail address such as name@example.com.", it: "Scrivi un indirizzo e-mail come nome@esempio.it." }
    NeedPassword { en: "The password needs at least 10 characters.", it: "La password deve avere almeno 10 caratteri." }
    NeedAdult { en: "Tick this box to confirm you are 18 or over.", it: "Spunta questa casella per confermare di avere almeno 18 anni." }
    NeedTerms { en: "Tick this box to accept the terms of use.", it: "Spunta questa casella per accettare le condizioni d'uso." }
    RuleTime1Zone { en: "Choose a time zone from the list.", it: "Scegli un fuso orario dall'elenco." }
    RuleTime3Skipped { en: "That time does not exist there: the clocks go forward that night and skip the hour. Choose a time before or after it.", it: "Quell'ora lì non esiste: quella notte gli orologi vanno avanti e saltano un'ora. Scegli un orario prima o dopo." }

    RuleRef3ClosedAt { en: "A call can be refunded until 60 minutes after it ends; for this one that was {time}.", it: "Una chiamata si può rimborsare fino a 60 minuti dalla fine; per questa il termine era {time}." }
    RuleBill2WindowAt { en: "A refund can be asked for within 48 hours of the purchase; for this one that was until {time}.", it: "Un rimborso si può chiedere entro 48 ore dall'acquisto; per questo il termine era {time}." }
    RuleRate1ClosedAt { en: "A call can be rated within 24 hours of its end; for this one that was until {time}.", it: "Una chiamata si può valutare entro 24 ore dalla fine; per questa il termine era {time}." }
    RuleRate2From { en: "You rated this person less than 24 hours ago. You can rate them again from {time}.", it: "Hai valutato questa persona meno di 24 ore fa. Potrai valutarla di nuovo a partire da {time}." }
    RuleRate4RemoveOnly { en: "You could change this rating until {time}; now you can only remove it.", it: "Potevi modificare questa valutazione fino a {time}; ora puoi solo rimuoverla." }

    // Sessions in local time (issue 16, TIME-2/3)
    Models { en: "Models", it: "Modelle" }
    ModelsLead { en: "Choose by rating, tariffs and services; open a profile to book.", it: "Scegli in base a valutazione, tariffe e servizi; apri un profilo per prenotare." }
    NoModelsYet { en: "No model offers sessions yet. Come back soon.", it: "Nessuna modella offre ancora incontri. Torna presto." }
    NoRatingsYet { en: "No ratings yet", it: "Ancora nessuna valutazione" }
    PricesFrom { en: "From", it: "A partire da" }
    Tariffs { en: "Tariffs", it: "Tariffe" }
    SignInToBook { en: "Sign in to book a session", it: "Accedi per prenotare un incontro" }
    Date { en: "Date", it: "Data" }
    StartTime { en: "Start time", it: "Ora di inizio" }
    LocalTimeAt { en: "Enter the date and time as they will be on the clock in {place}, where the session happens.", it: "Inserisci data e ora come saranno sull'orologio a {place}, dove si svolge l'incontro." }
    QuoteHint { en: "Choose a date and a time to see the total, the free-cancellation deadline and the arrival window before you pay.", it: "Scegli data e ora per vedere il totale, il termine per annullare gratis e la finestra di arrivo prima di pagare." }
    BookAndPay { en: "Book and pay", it: "Prenota e paga" }
    Starts { en: "Starts", it: "Inizio" }
    Total { en: "Total", it: "Totale" }
    YourTime { en: "Your time", it: "La tua ora" }
    AmbiguousFirst { en: "The clocks go back that night, so this time happens twice; the session is booked for the first: {time}.", it: "Quella notte gli orologi tornano indietro, quindi quest'ora capita due volte; l'incontro è prenotato per la prima: {time}." }
    NoSessionsClient { en: "No sessions yet. Book one with a model from", it: "Ancora nessun incontro. Prenotane uno con una modella da" }
    NoSessionsModel { en: "No sessions yet. They appear here as soon as a client books you.", it: "Ancora nessun incontro. Compaiono qui appena un cliente ti prenota." }
    OpenDispute { en: "Open the dispute", it: "Apri la contestazione" }
    You { en: "You", it: "Tu" }
    EventBooked { en: "Booked", it: "Prenotato" }
    EventOnMyWay { en: "On the way", it: "In arrivo" }
    EventArrived { en: "Arrived", it: "Arrivato" }
    EventAddressGiven { en: "Gave the address details", it: "Ha indicato i dettagli dell'indirizzo" }
    EventPreferences { en: "Said which services by preference she provides", it: "Ha indicato quali servizi a preferenza offre" }
    EventStarted { en: "Session started", it: "Incontro iniziato" }
    EventAdditionProposed { en: "Proposed an addition", it: "Ha proposto un'aggiunta" }
    EventAdditionConfirmed { en: "Confirmed an addition", it: "Ha confermato un'aggiunta" }
    EventAdditionDeclined { en: "Declined an addition", it: "Ha rifiutato un'aggiunta" }
    EventCancelled { en: "Cancelled", it: "Annullato" }
    EventRefundedNow { en: "Refunded part of the session", it: "Ha rimborsato parte dell'incontro" }
    EventCompleted { en: "Session finished", it: "Incontro concluso" }
    RuleMeet1StartAt { en: "A session can be booked from 30 minutes ahead: choose a start after {time}.", it: "Un incontro si prenota con almeno 30 minuti di anticipo: scegli un inizio dopo {time}." }
    RuleMeet1StartFarAt { en: "A session can be booked up to a year ahead: choose a start before {time}.", it: "Un incontro si prenota al massimo con un anno di anticipo: scegli un inizio prima di {time}." }
    RuleMeet1StartShape { en: "Enter a date and a start time.", it: "Inserisci una data e un'ora di inizio." }
    RuleMeet1Address { en: "A home visit needs your address (5 to 300 characters).", it: "Una visita a domicilio richiede il tuo indirizzo (da 5 a 300 caratteri)." }

    // Rule refusals in plain words (issue 16)
    RuleCall1Report { en: "This call could not be recorded: its report is incomplete or does not add up. Nothing was charged.", it: "Questa chiamata non è stata registrata: i suoi dati sono incompleti o incoerenti. Non è stato addebitato nulla." }
    RuleCall1NotConnected { en: "This call never connected, so it costs nothing and was not recorded.", it: "Questa chiamata non si è mai collegata, quindi non costa nulla e non è stata registrata." }
    RuleCall2NotYours { en: "This call is not among yours, so you cannot rate it.", it: "Questa chiamata non è tra le tue, quindi non puoi valutarla." }
    RuleCall2Thumb { en: "Choose “Good” or “Not good” to rate the call.", it: "Per valutare la chiamata scegli “Bene” o “Non bene”." }
    RuleCall2Rate { en: "Only the two people on a call can rate it.", it: "Solo le due persone della chiamata possono valutarla." }
    RuleRef1Free { en: "This call cost nothing, so there is nothing to refund.", it: "Questa chiamata non è costata nulla, quindi non c'è niente da rimborsare." }
    RuleRef2Once { en: "This call has already been refunded; a call is refunded only once.", it: "Questa chiamata è già stata rimborsata; una chiamata si rimborsa una sola volta." }
    RuleRef4Where { en: "A call can be refunded from its rating screen, the chat or the Calls page, for 60 minutes after it ends.", it: "Una chiamata si rimborsa dalla schermata di valutazione, dalla chat o dalla pagina Chiamate, entro 60 minuti dalla fine." }
    RuleRef5AskSupport { en: "If a call went wrong, you can ask support to review it.", it: "Se una chiamata è andata male, puoi chiedere all'assistenza di verificarla." }
    RuleRef6Decision { en: "Choose “Grant” or “Decline” for this review.", it: "Per questa verifica scegli “Accogli” o “Respingi”." }
    RuleRef6Review { en: "Support decides on a review once, after reading the call's log.", it: "L'assistenza decide su una verifica una sola volta, dopo aver letto il registro della chiamata." }
    RuleTxn2Amount { en: "Enter the refund as a whole number of credits, more than zero.", it: "Indica il rimborso come numero intero di crediti, maggiore di zero." }
    RuleTxn2NoMore { en: "Support can refund at most what is still refundable on this transaction.", it: "L'assistenza può rimborsare al massimo quanto resta rimborsabile su questa transazione." }
    RuleTxn4Spent { en: "The customer has already spent some of the credits from this refund, so it can no longer be deleted.", it: "Il cliente ha già speso parte dei crediti di questo rimborso, quindi non si può più eliminare." }
    RuleTxn5Amount { en: "Enter a whole number of credits other than zero: negative to withdraw, positive to add.", it: "Indica un numero intero di crediti diverso da zero: negativo per prelevare, positivo per aggiungere." }
    RuleTxn5Changed { en: "The balance changed meanwhile, and this correction would take it below zero. Reload to see the balance now.", it: "Nel frattempo il saldo è cambiato e questa correzione lo porterebbe sotto zero. Ricarica per vedere il saldo attuale." }
    RuleTxn6Reference { en: "Write the payout reference given by the payment processor (up to 100 characters).", it: "Scrivi il riferimento del pagamento dato dal processore (fino a 100 caratteri)." }
    RuleTxn7Unbalanced { en: "This money movement does not add up, so it was not recorded. Nothing was changed.", it: "Questo movimento di denaro non torna, quindi non è stato registrato. Nulla è stato modificato." }
    RuleBill1Product { en: "This purchase could not be made: choose one of the credit packs or Premium on offer.", it: "Acquisto non riuscito: scegli uno dei pacchetti di crediti o il Premium in offerta." }
    RuleBill1Report { en: "This sale could not be recorded: its report is incomplete or does not add up. Nothing was charged.", it: "Questa vendita non è stata registrata: i suoi dati sono incompleti o incoerenti. Non è stato addebitato nulla." }
    RuleBill2Spent { en: "The client has already spent some of the credits from this purchase, so it can no longer be refunded.", it: "Il cliente ha già speso parte dei crediti di questo acquisto, quindi non si può più rimborsare." }
    RuleBill2Terms { en: "A purchase is refunded in full within 48 hours, with its receipt; this request does not meet that.", it: "Un acquisto si rimborsa per intero entro 48 ore, presentando la ricevuta; questa richiesta non rispetta queste condizioni." }
    RuleBill3Answered { en: "This request is no longer waiting for your answer: you have already given it, or support has decided.", it: "Questa richiesta non aspetta più la tua risposta: l'hai già data, oppure l'assistenza ha deciso." }
    RuleBill3Heard { en: "A tip or a private show is refunded only with a written reason, and after the model has been heard.", it: "Una mancia o uno show privato si rimborsa solo con un motivo scritto, e dopo aver sentito la modella." }
    RuleBill5NoContacts { en: "Add at least one contact line.", it: "Aggiungi almeno una riga di contatto." }
    RuleBill5Processor { en: "Choose a payment processor from the list; a processor's regions and advice can be up to 300 characters each.", it: "Scegli un processore di pagamento dall'elenco; zone e consigli di un processore possono avere al massimo 300 caratteri ciascuno." }
    RuleBill6Language { en: "This page is available in English and Italian; choose one of them.", it: "Questa pagina è disponibile in inglese e in italiano; scegli una delle due lingue." }
    RuleMeet1Tariff { en: "The model no longer offers this tariff. Choose one from her list.", it: "La modella non offre più questa tariffa. Scegline una dal suo elenco." }
    RuleMeet1Service { en: "The model no longer offers one of the chosen services. Choose again from her list.", it: "La modella non offre più uno dei servizi scelti. Scegli di nuovo dal suo elenco." }
    RuleMeet1Scenario { en: "Choose where the session happens: at her place or a home visit.", it: "Scegli dove si svolge l'incontro: da lei o con una visita a domicilio." }
    RuleMeet1Payment { en: "Choose how you pay: from your balance or directly to her.", it: "Scegli come pagare: dal tuo saldo o direttamente a lei." }
    RuleMeet1NoCredits { en: "Your balance does not have enough credits to hold the price of this session. Buy credits, or choose to pay her directly.", it: "Il tuo saldo non ha crediti sufficienti per trattenere il prezzo di questo incontro. Acquista crediti, oppure scegli di pagarla direttamente." }
    RuleMeet1Booking { en: "This session cannot be booked as chosen. Check the date, the tariff and the payment.", it: "Questo incontro non si può prenotare così. Controlla la data, la tariffa e il pagamento." }
    RuleMeet2Details { en: "Write the address details: entrance, apartment and floor (up to 200 characters).", it: "Scrivi i dettagli dell'indirizzo: ingresso, appartamento e piano (fino a 200 caratteri)." }
    RuleMeet2Step { en: "This step is not possible now. At her place, the client presses “I'm here” on arrival; then the model gives the full address and starts the session.", it: "Questo passaggio ora non è possibile. Da lei, il cliente preme “Sono qui” all'arrivo; poi la modella invia l'indirizzo completo e inizia l'incontro." }
    RuleMeet2ImHereNow { en: "From 30 minutes before the start, “On my way” is replaced by “I'm here”: press it when you arrive.", it: "Da 30 minuti prima dell'inizio, “Sto arrivando” è sostituito da “Sono qui”: premilo quando arrivi." }
    RuleMeet2AddressFirst { en: "Give the client the full address (entrance, apartment, floor) before starting the session.", it: "Invia al cliente l'indirizzo completo (ingresso, appartamento, piano) prima di iniziare l'incontro." }
    RuleMeet3Step { en: "This step is not possible now. On a home visit, the model presses “I'm here” on arrival, then starts the session on meeting the client.", it: "Questo passaggio ora non è possibile. In una visita a domicilio la modella preme “Sono qui” all'arrivo, poi inizia l'incontro quando incontra il cliente." }
    RuleMeet4Preferences { en: "Before the session starts, the model says once which services by preference she will and will not provide.", it: "Prima dell'inizio dell'incontro la modella indica, una sola volta, quali servizi a preferenza fornirà e quali no." }
    RuleMeet5Window { en: "“I'm here” and “Start session” are possible only from 30 minutes before to 30 minutes after the start.", it: "“Sono qui” e “Inizia l'incontro” sono possibili solo da 30 minuti prima a 30 minuti dopo l'inizio." }
    RuleMeet6Timing { en: "Additions are possible before anyone presses “I'm here” and after the session starts, not in between; the other person confirms or declines them.", it: "Le aggiunte sono possibili prima che qualcuno prema “Sono qui” e dopo l'inizio dell'incontro, non nel mezzo; l'altra persona le conferma o le rifiuta." }
    RuleMeet6Shape { en: "Check the addition: a description up to 200 characters, a price in whole credits, and the minutes for extra time. At most 5 can wait for an answer.", it: "Controlla l'aggiunta: una descrizione fino a 200 caratteri, un prezzo in crediti interi e i minuti per il tempo extra. Al massimo 5 possono attendere una risposta." }
    RuleMeet7NoCredits { en: "Your balance does not have enough credits for this addition, which is paid from the balance like the session. Buy credits, then confirm again.", it: "Il tuo saldo non ha crediti sufficienti per questa aggiunta, che si paga dal saldo come l'incontro. Acquista crediti e conferma di nuovo." }
    RuleMeet7Paid { en: "An addition is paid the way the session was: from the balance, or directly to the model.", it: "Un'aggiunta si paga come l'incontro: dal saldo, oppure direttamente alla modella." }
    RuleMeet8Stage { en: "This step does not fit the session now: it has ended or been cancelled, or it has not started yet.", it: "Questo passaggio ora non è possibile: l'incontro è concluso o annullato, oppure non è ancora iniziato." }
    RuleMeet9Reason { en: "Choose one of the cancellation reasons offered.", it: "Scegli uno dei motivi di annullamento proposti." }
    RuleMeet9Late { en: "Within 5 hours of the start, cancelling needs a reason: choose one from the list.", it: "Entro 5 ore dall'inizio, per annullare serve un motivo: scegline uno dall'elenco." }
    RuleMeet10Reason { en: "To cancel now, choose a reason: the client does not match the profile, broke the rules, or another reason that only support reads.", it: "Per annullare ora scegli un motivo: il cliente non corrisponde al profilo, ha violato le regole, oppure un altro motivo che legge solo l'assistenza." }
    RuleMeet11Reason { en: "The session has started: to end it early, choose a reason, such as urgent matters or broken rules.", it: "L'incontro è iniziato: per interromperlo scegli un motivo, come un'urgenza o regole violate." }
    RuleMeet12Reason { en: "To cancel now, choose a reason, such as the model not matching the profile or not coming within the window.", it: "Per annullare ora scegli un motivo, ad esempio la modella non corrisponde al profilo o non si è presentata nella finestra." }
    RuleMeet13Amount { en: "Enter how many credits to give back, as a whole number.", it: "Indica quanti crediti restituire, con un numero intero." }
    RuleMeet13Cap { en: "Credits go back only for a session paid from the balance, and at most {detail}: what the client paid and has not had back yet.", it: "I crediti si restituiscono solo per un incontro pagato dal saldo, e al massimo {detail}: quanto il cliente ha pagato e non ha ancora riavuto." }
    RuleMeet13ModelOnly { en: "Only the model can give credits back, and only for a session paid from the balance.", it: "Solo la modella può restituire crediti, e solo per un incontro pagato dal saldo." }
    RuleDisp1Members { en: "Only the two people involved and support take part in a dispute.", it: "A una contestazione partecipano solo le due persone coinvolte e l'assistenza." }
    RuleDisp2Chat { en: "Only the people in this dispute can write in its chat, and only images can be attached.", it: "Solo le persone di questa contestazione possono scrivere nella sua chat, e si possono allegare solo immagini." }
    RuleDisp3Form { en: "Check the decision: the refund is a whole number of credits, and a suspension lasts 1 to 365 days.", it: "Controlla la decisione: il rimborso è un numero intero di crediti e una sospensione dura da 1 a 365 giorni." }
    RuleDisp3Decided { en: "This dispute has already been decided, so it can no longer change or take new messages.", it: "Questa contestazione è già stata decisa, quindi non può più cambiare né ricevere messaggi." }
    RuleDisp3Cap { en: "The refund to the client can be at most {detail} credits, the amount at stake.", it: "Il rimborso al cliente può essere al massimo di {detail} crediti, l'importo in questione." }
    RuleDisp3SupportOnly { en: "Only support can decide a dispute.", it: "Solo l'assistenza può decidere una contestazione." }
    RuleDisp3Once { en: "Support decides a dispute once, with a refund no larger than the amount at stake.", it: "L'assistenza decide una contestazione una sola volta, con un rimborso non superiore all'importo in questione." }
    RuleRate1Stars { en: "Choose from 1 to 5 stars.", it: "Scegli da 1 a 5 stelle." }
    RuleRate1Closed { en: "A call can be rated only within 24 hours of its end.", it: "Una chiamata si può valutare solo entro 24 ore dalla fine." }
    RuleRate2Once { en: "You can rate the same person at most once every 24 hours.", it: "Puoi valutare la stessa persona al massimo una volta ogni 24 ore." }
    RuleRate3Change { en: "A rating can be changed only within 48 hours of the call.", it: "Una valutazione si può modificare solo entro 48 ore dalla chiamata." }
    RuleRate4Removed { en: "This rating was removed, so it can no longer be changed.", it: "Questa valutazione è stata rimossa, quindi non si può più modificare." }
    RuleRate4NotFound { en: "This rating is not yours, or it was already removed.", it: "Questa valutazione non è tua, oppure è già stata rimossa." }
    RuleRate5AskFirst { en: "For the first 48 hours after the call, ask the person who rated you, in your chat, to change it; then you can ask support.", it: "Nelle prime 48 ore dopo la chiamata chiedi in chat a chi ti ha valutato di modificarla; dopo potrai rivolgerti all'assistenza." }
    RuleRate5TooLate { en: "Support can be asked to remove a rating only within 72 hours of the call; once it is 3 months old, it can be removed as an old rating.", it: "All'assistenza si può chiedere di rimuovere una valutazione solo entro 72 ore dalla chiamata; quando avrà 3 mesi si potrà rimuovere come valutazione vecchia." }
    RuleRate5Window { en: "From 48 to 72 hours after the call you can ask support to remove a rating; before that, ask the person who rated you.", it: "Da 48 a 72 ore dopo la chiamata puoi chiedere all'assistenza di rimuovere una valutazione; prima, chiedilo a chi ti ha valutato." }
    RuleRate6NotOld { en: "This rating is less than 3 months old, so it cannot be removed as an old rating.", it: "Questa valutazione ha meno di 3 mesi, quindi non si può rimuovere come valutazione vecchia." }
    RuleRate6Evidence { en: "This reason needs evidence: describe what shows it, or attach a screenshot.", it: "Questo motivo richiede delle prove: descrivi cosa lo dimostra, oppure allega uno screenshot." }
    RuleRate6ShortCall { en: "This reason is only for a bad rating (1 or 2 stars) of a call shorter than 1 minute.", it: "Questo motivo vale solo per una valutazione negativa (1 o 2 stelle) di una chiamata più breve di 1 minuto." }
    RuleRate6NotBad { en: "A technical fault is a reason only for a bad rating (1 or 2 stars).", it: "Un problema tecnico è un motivo valido solo per una valutazione negativa (1 o 2 stelle)." }
    RuleRate6Choice { en: "Choose one of the options offered on the form.", it: "Scegli una delle opzioni proposte nel modulo." }
    RuleRate6Grounds { en: "Support removes a rating only for one of the listed reasons, with evidence where needed, and never edits it.", it: "L'assistenza rimuove una valutazione solo per uno dei motivi elencati, con prove quando servono, e non la modifica mai." }
    RuleHelp1Category { en: "Choose a topic from the list.", it: "Scegli un argomento dall'elenco." }
    RuleHelp1Address { en: "This address is already used by another article in this language, or the article's translation key or language was changed; those stay fixed.", it: "Questo indirizzo è già usato da un altro articolo nella stessa lingua, oppure sono state cambiate la chiave di traduzione o la lingua dell'articolo, che restano fisse." }
    RuleHelp1Article { en: "This article could not be saved: check its topic, address and language.", it: "Questo articolo non è stato salvato: controlla argomento, indirizzo e lingua." }
    RuleHelp2Search { en: "The search could not be run. Try other words.", it: "Non è stato possibile eseguire la ricerca. Prova con altre parole." }
    RuleHelp3Vote { en: "Answer “Yes” or “No”.", it: "Rispondi “Sì” o “No”." }
    RuleHelp3NotFound { en: "This article no longer exists, so your answer was not counted.", it: "Questo articolo non esiste più, quindi la tua risposta non è stata contata." }
    RuleHelp4Slug { en: "The address and the translation key may use only lowercase letters, digits and single dashes, up to 120 characters.", it: "Indirizzo e chiave di traduzione possono contenere solo lettere minuscole, cifre e trattini singoli, fino a 120 caratteri." }
    RuleHelp4Title { en: "The title needs 1 to 150 characters, on one line.", it: "Il titolo deve avere da 1 a 150 caratteri, su una sola riga." }
    RuleHelp4Summary { en: "The summary needs 1 to 200 characters, on one line.", it: "Il sommario deve avere da 1 a 200 caratteri, su una sola riga." }
    RuleHelp4Body { en: "The text cannot be empty or longer than 100,000 characters, and cannot hold hidden characters.", it: "Il testo non può essere vuoto né superare i 100.000 caratteri, e non può contenere caratteri nascosti." }
    RuleHelp4Popular { en: "The popular rank is a number from 1 to 99, or empty.", it: "La posizione tra i più letti è un numero da 1 a 99, oppure vuota." }
    RuleHelp4Revision { en: "This page was out of date. Reload it, then edit again.", it: "Questa pagina non era aggiornata. Ricaricala, poi modifica di nuovo." }
    RuleHelp4NoRevision { en: "That revision of the article does not exist.", it: "Questa revisione dell'articolo non esiste." }
    RuleHelp4Save { en: "This article could not be saved as a new revision. Reload it and try again.", it: "Questo articolo non è stato salvato come nuova revisione. Ricaricalo e riprova." }
    RuleHelp5Topic { en: "This help topic is not available.", it: "Questo argomento di assistenza non è disponibile." }
    RuleTime2Venue { en: "Enter the start as the clock shows it where the session happens.", it: "Inserisci l'inizio come lo mostra l'orologio dove si svolge l'incontro." }

    // Model photos (issue 16)
    ErrImageTooLarge { en: "The picture is too large: at most {detail} × {detail} pixels are accepted.", it: "L'immagine è troppo grande: si accettano al massimo {detail} × {detail} pixel." }
    YourPhoto { en: "Your photo", it: "La tua foto" }
    PhotoHint { en: "PNG, JPEG, GIF or WebP, up to 5 MB. Clients see it on your profile and in the models list, cut to a square.", it: "PNG, JPEG, GIF o WebP, fino a 5 MB. I clienti la vedono nel tuo profilo e nell'elenco delle modelle, ritagliata a quadrato." }
    UploadPhoto { en: "Upload photo", it: "Carica la foto" }
    PhotoSaved { en: "Your photo is saved.", it: "La tua foto è salvata." }
    PhotoOf { en: "Photo of {name}", it: "Foto di {name}" }

    // Empty lists say what would fill them (issue 16)
    EmptyDisputes { en: "No disputes here. A dispute opens when a session is cancelled late, or when a call or a purchase is contested; this filter shows none.", it: "Nessuna contestazione qui. Una contestazione si apre quando un incontro è annullato tardi, o quando si contesta una chiamata o un acquisto; questo filtro non ne mostra." }
    EmptyReviewQueue { en: "No call reviews with this status. Clients ask for one from a call they want refunded.", it: "Nessuna revisione di chiamata con questo stato. I clienti la chiedono da una chiamata che vogliono rimborsata." }
    EmptyAudit { en: "Nothing recorded yet. Every money movement and every decision by support appears here.", it: "Ancora nulla di registrato. Qui compaiono ogni movimento di denaro e ogni decisione dell'assistenza." }
    EmptyRatingQueue { en: "No ratings waiting. Models' removal requests and flagged comments appear here.", it: "Nessuna valutazione in attesa. Qui compaiono le richieste di rimozione delle modelle e i commenti segnalati." }

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

    // Plain language (issue 16)
    CallReviewOpen { en: "Waiting for a decision", it: "In attesa di decisione" }
    CallReviewGranted { en: "Refund granted", it: "Rimborso concesso" }
    CallReviewDeclined { en: "Request declined", it: "Richiesta respinta" }
    CallEventConnected { en: "Connected", it: "Collegamento riuscito" }
    CallEventDropped { en: "Connection dropped", it: "Collegamento caduto" }
    CallEventReconnected { en: "Reconnected", it: "Collegamento ripristinato" }
    CallEventQuality { en: "Stream quality", it: "Qualità del segnale" }
    CallEventEnded { en: "Call ended", it: "Chiamata terminata" }
    CallEventOther { en: "Call system event", it: "Evento del sistema di chiamata" }
    AuditDisputeAwaiting { en: "Dispute set to await the decision", it: "Contestazione messa in attesa di decisione" }
    AuditDisputeDecided { en: "Dispute decided", it: "Contestazione decisa" }
    AuditSanction { en: "Sanction imposed", it: "Sanzione applicata" }
    AuditReviewDecided { en: "Call review decided", it: "Verifica della chiamata decisa" }
    AuditBillingDecided { en: "Refund request decided", it: "Richiesta di rimborso decisa" }
    AuditRatingRemoved { en: "Rating removed", it: "Valutazione rimossa" }
    AuditRatingKept { en: "Rating kept", it: "Valutazione mantenuta" }
    AuditHelpSaved { en: "Help article saved", it: "Articolo di assistenza salvato" }
    AuditProcessorSaved { en: "Processor contacts saved", it: "Contatti del processore salvati" }
    AuditRevision { en: "revision {n}", it: "revisione {n}" }
    SuspensionForDays { en: "Suspension for {n} days", it: "Sospensione per {n} giorni" }
    RatingSourceFlag { en: "flagged automatically by its comment", it: "segnalata automaticamente per il commento" }
    RatingSourceModel { en: "removal asked by the model", it: "rimozione chiesta dalla modella" }
    RatingReviewRemoved { en: "Removed by support", it: "Rimossa dall'assistenza" }
    RatingReviewDeclined { en: "Kept by support", it: "Mantenuta dall'assistenza" }
    RatingReviewOpen { en: "Waiting for support", it: "In attesa dell'assistenza" }
    ChatStepBooked { en: "Session booked", it: "Incontro prenotato" }
    ChatStepOnMyWay { en: "On the way", it: "In arrivo" }
    ChatStepArrived { en: "Arrived at the meeting point", it: "Arrivo al punto d'incontro" }
    ChatStepAddressGiven { en: "Full address given", it: "Indirizzo completo inviato" }
    ChatStepPreferences { en: "Services by preference stated", it: "Servizi a preferenza indicati" }
    ChatStepStarted { en: "Session started", it: "Incontro iniziato" }
    ChatStepAdditionProposed { en: "Addition proposed", it: "Aggiunta proposta" }
    ChatStepAdditionConfirmed { en: "Addition confirmed", it: "Aggiunta confermata" }
    ChatStepAdditionDeclined { en: "Addition declined", it: "Aggiunta rifiutata" }
    ChatStepCancelled { en: "Session cancelled", it: "Incontro annullato" }
    ChatStepRefundedNow { en: "Credits given back", it: "Crediti restituiti" }
    ChatStepCompleted { en: "Session completed", it: "Incontro concluso" }
    DisputeUpdatedBySupport { en: "Support updated this dispute.", it: "L'assistenza ha aggiornato questa contestazione." }

    // Navigation and homes (issue 16)
    Menu { en: "Menu", it: "Menu" }
    UpcomingSessions { en: "Your next sessions", it: "I tuoi prossimi incontri" }
    NoUpcomingSessions { en: "No sessions booked yet.", it: "Nessun incontro prenotato per ora." }
    BookFromModels { en: "Book one with a model", it: "Prenotane uno con una modella" }
    AllSessions { en: "All your sessions", it: "Tutti i tuoi incontri" }
    AdditionsToConfirm { en: "Additions waiting for your answer", it: "Aggiunte in attesa della tua risposta" }
    SessionsToday { en: "Your sessions today", it: "I tuoi incontri di oggi" }
    OpenDisputes { en: "Open disputes", it: "Contestazioni aperte" }
    RefundableCalls { en: "Calls you can still refund", it: "Chiamate che puoi ancora rimborsare" }
    NothingNeedsYou { en: "Nothing needs you now.", it: "Per ora non c'è niente da fare." }
    NothingNeedsYouHint { en: "Additions to confirm, today's sessions, open disputes and calls you can still refund will appear here.", it: "Qui compariranno le aggiunte da confermare, gli incontri di oggi, le contestazioni aperte e le chiamate che puoi ancora rimborsare." }
    BrowseModels { en: "Browse the models", it: "Scopri le modelle" }
    ClientNoCalls { en: "No calls yet. Each call you make shows here when it ends, to rate it or ask support about it.", it: "Ancora nessuna chiamata. Ogni chiamata che fai compare qui quando finisce: potrai valutarla o chiedere all'assistenza di controllarla." }
    ModelNoCalls { en: "No calls yet. Each call shows here when it ends, with the option to refund it for the first 60 minutes.", it: "Ancora nessuna chiamata. Ogni chiamata compare qui quando finisce, e per i primi 60 minuti puoi rimborsarla." }
    NoPurchasesYet { en: "No purchases yet. The credit packs and Premium you buy will show here.", it: "Ancora nessun acquisto. Qui compariranno i pacchetti di crediti e il Premium che acquisti." }
    NoSpendsYet { en: "Nothing spent with a model yet. Tips, private shows, photos and videos will show here.", it: "Non hai ancora speso crediti con una modella. Qui compariranno mance, show privati, foto e video." }
    NoRefundRequestsYet { en: "No refund requests. If you ask for one, it shows here with support's answer.", it: "Nessuna richiesta di rimborso. Se ne fai una, comparirà qui con la risposta dell'assistenza." }
    NoModelRequestsYet { en: "No refund requests about you. If a client asks for a tip or a show with you back, you give your side here.", it: "Nessuna richiesta di rimborso che ti riguardi. Se un cliente chiede indietro una mancia o uno show con te, qui potrai dire la tua." }
    BillingQueueEmpty { en: "Nothing here yet. Refund requests with this status will show here.", it: "Per ora niente. Qui compariranno le richieste di rimborso con questo stato." }

    // Session ratings (issue 16)
    SessionRateTitle { en: "Rate this session", it: "Valuta questo incontro" }
    SessionRateHow { en: "How was your session with {name}?", it: "Com'è andato l'incontro con {name}?" }
    SessionRateUntil { en: "You can rate until {time}.", it: "Puoi dare la tua valutazione fino al {time}." }
    SessionRatingChangeUntil { en: "You can change your rating until {time}.", it: "Puoi modificare la tua valutazione fino al {time}." }
    SessionRateWaitUntil { en: "You rated {name} less than 24 hours ago. You can rate this session from {from} until {until}.", it: "Hai valutato {name} meno di 24 ore fa. Puoi valutare questo incontro dal {from} al {until}." }
    SessionRatingFinalSince { en: "Since {time} your rating can no longer be changed, only removed.", it: "Dal {time} la tua valutazione non si può più modificare, solo rimuovere." }
    SessionRatingRemove { en: "Remove my rating", it: "Rimuovi la mia valutazione" }
    SessionRatingClosedSince { en: "The 24 hours to rate this session ended on {time}.", it: "Le 24 ore per valutare questo incontro sono finite il {time}." }
    SessionRatingRemoved { en: "Your rating of this session was removed.", it: "La tua valutazione di questo incontro è stata rimossa." }
    SessionRateAfterEnd { en: "You can rate this session once it is finished.", it: "Potrai valutare questo incontro quando sarà concluso." }
    SessionYourRating { en: "Your rating of {name}:", it: "La tua valutazione di {name}:" }
    SessionStarsLabel { en: "Stars (1 to 5)", it: "Stelle (da 1 a 5)" }
    SessionOneStar { en: "1 star", it: "1 stella" }
    SessionNStars { en: "{n} stars", it: "{n} stelle" }
    SessionRatingComment { en: "Comment (optional)", it: "Commento (facoltativo)" }
    SessionRateSend { en: "Send rating", it: "Invia la valutazione" }
    SessionRateChange { en: "Change rating", it: "Modifica la valutazione" }
    SessionRatingSaved { en: "Thank you: your rating is saved.", it: "Grazie: la tua valutazione è salvata." }
    RuleRate1SessionClosedAt { en: "A session can be rated within 24 hours of its end; for this one that was until {time}.", it: "Un incontro si può valutare entro 24 ore dalla fine; per questo il termine era {time}." }
    RuleRate1SessionClosed { en: "A session can be rated only within 24 hours of its end.", it: "Un incontro si può valutare solo entro 24 ore dalla fine." }
    RuleRate1SessionNotFinished { en: "A session can be rated only once it is finished.", it: "Un incontro si può valutare solo quando è concluso." }

    // Notifications (issue 18, NOTE)
    Notifications { en: "Notifications", it: "Notifiche" }
    NotificationsUnread { en: "{n} unread", it: "{n} da leggere" }
    PreviewFailed { en: "The preview could not be made. Check the text and try again; saving is not affected.", it: "Non è stato possibile creare l'anteprima. Controlla il testo e riprova; il salvataggio non ne risente." }
    LiveChanged { en: "This page has changed while you were typing. What you typed is still here; reload the page to see the change.", it: "Questa pagina è cambiata mentre scrivevi. Quello che hai scritto è ancora qui; ricarica la pagina per vedere la modifica." }
    NotificationsNone { en: "No notifications yet. When someone is on the way, a session is near, money moves or support answers, you will read it here.", it: "Ancora nessuna notifica. Quando qualcuno è in viaggio, un incontro si avvicina, si muovono crediti o l'assistenza risponde, lo leggerai qui." }
    NotificationsMarkAll { en: "Mark all as read", it: "Segna tutte come lette" }
    NoticeNew { en: "New", it: "Nuova" }
    NoticeOnMyWay { en: "{name} is on the way", it: "{name} è in viaggio" }
    NoticeOnMyWayBody { en: "Your session starts {time}.", it: "L'incontro inizia il {time}." }
    NoticeArrived { en: "{name} is here", it: "{name} è sul posto" }
    NoticeArrivedBody { en: "Your session starts {time}. Open it to take the next step.", it: "L'incontro inizia il {time}. Aprilo per fare il passo successivo." }
    NoticeAddressNeeded { en: "{name} is here: give your full address", it: "{name} è sul posto: indica l'indirizzo completo" }
    NoticeAddressNeededBody { en: "Entrance, apartment and floor, so the session can start.", it: "Ingresso, interno e piano, così l'incontro può iniziare." }
    NoticeAdditionProposed { en: "{name} proposes an addition", it: "{name} propone un'aggiunta" }
    NoticeAdditionProposedBody { en: "“{text}” waits for your yes or no on the session page.", it: "«{text}» attende il tuo sì o no nella pagina dell'incontro." }
    NoticeReminder24h { en: "Your session with {name} is in 24 hours", it: "Il tuo incontro con {name} è tra 24 ore" }
    NoticeReminder1h { en: "Your session with {name} is in 1 hour", it: "Il tuo incontro con {name} è tra un'ora" }
    NoticeReminderBody { en: "It starts {time}.", it: "Inizia il {time}." }
    NoticeSessionCancelled { en: "Your session with {name} was cancelled", it: "Il tuo incontro con {name} è stato annullato" }
    NoticeSessionCancelledBody { en: "It was to start {time}. Open it to see what happens to the credits.", it: "Doveva iniziare il {time}. Aprilo per vedere cosa succede ai crediti." }
    NoticeSessionNotStarted { en: "Your session with {name} did not start", it: "Il tuo incontro con {name} non è iniziato" }
    NoticeSessionNotStartedBody { en: "The time to start it ended {time}, so it is closed as not started.", it: "Il tempo per iniziarlo è finito il {time}, quindi è chiuso come non iniziato." }
    NoticeSessionFinished { en: "Your session with {name} was closed", it: "Il tuo incontro con {name} è stato chiuso" }
    NoticeSessionFinishedBody { en: "Nobody pressed Finish within 2 hours of its end ({time}), so it finished by itself.", it: "Nessuno ha premuto Concludi entro 2 ore dalla fine ({time}), quindi si è concluso da solo." }
    NoticeSessionPaid { en: "{amount} credits paid for your session with {name}", it: "{amount} crediti pagati per il tuo incontro con {name}" }
    NoticeSessionPaidBody { en: "The 24 hours to report a problem are over; the credits are in your balance.", it: "Le 24 ore per segnalare un problema sono finite; i crediti sono nel tuo saldo." }
    NoticeDisputeOpened { en: "A dispute was opened", it: "È stata aperta una contestazione" }
    NoticeDisputeOpenedBody { en: "Support will write to you in its chat. You can add your side there.", it: "L'assistenza ti scriverà nella sua chat. Lì puoi dare la tua versione." }
    NoticeDisputeMessage { en: "New message in your dispute", it: "Nuovo messaggio nella tua contestazione" }
    NoticeDisputeDecided { en: "Your dispute was decided", it: "La tua contestazione è stata decisa" }
    NoticeDisputeDecidedBody { en: "Open it to read the decision and where the credits went.", it: "Aprila per leggere la decisione e dove sono andati i crediti." }
    NoticeCreditsBack { en: "{amount} credits are back in your balance", it: "{amount} crediti sono tornati nel tuo saldo" }
    NoticeCreditsBackBody { en: "You can use them right away.", it: "Puoi usarli subito." }
    NoticeRequestDecided { en: "Your request was answered", it: "La tua richiesta ha ricevuto risposta" }
    NoticeRequestDecidedBody { en: "Open it to read support's answer.", it: "Aprila per leggere la risposta dell'assistenza." }
    NoticeChatMessage { en: "New message from {name}", it: "Nuovo messaggio da {name}" }
    MailOpenLink { en: "Open it in Settle:", it: "Aprila in Settle:" }
    MailFooter { en: "You get this e-mail because of your Settle account. Choose which e-mails you get in Settings:", it: "Ricevi questa e-mail per il tuo account Settle. Scegli quali e-mail ricevere nelle Impostazioni:" }
    MailTopicsTitle { en: "E-mails", it: "E-mail" }
    MailTopicsHint { en: "Notifications always appear in the app. Untick a kind to stop its e-mails.", it: "Le notifiche compaiono sempre nell'app. Togli la spunta a un tipo per non riceverne le e-mail." }
    MailTopicSessions { en: "Session steps (on the way, here, additions, cancellations)", it: "Passi degli incontri (in viaggio, sul posto, aggiunte, annullamenti)" }
    MailTopicReminders { en: "Reminders 24 hours and 1 hour before a session", it: "Promemoria 24 ore e un'ora prima di un incontro" }
    MailTopicDisputes { en: "Disputes (opened, new messages, decisions)", it: "Contestazioni (aperte, nuovi messaggi, decisioni)" }
    MailTopicMoney { en: "Money (credits back, payments, answers to requests)", it: "Crediti (rimborsi, pagamenti, risposte alle richieste)" }
    MailTopicMessages { en: "Chat messages that arrive while you are away", it: "Messaggi in chat che arrivano mentre non ci sei" }
    MailTopicsSaved { en: "Your e-mail choices are saved.", it: "Le tue scelte sulle e-mail sono salvate." }
    SaveMailTopics { en: "Save e-mail choices", it: "Salva le scelte sulle e-mail" }

    // What happens by itself (issue 18, MEET-14..16)
    StageNotStarted { en: "Not started", it: "Non iniziato" }
    ReasonNotStarted { en: "Not started in time", it: "Non iniziato in tempo" }
    EventNotStarted { en: "Closed as not started: the time to start it ended", it: "Chiuso come non iniziato: il tempo per iniziarlo è finito" }
    EventComplained { en: "A problem was reported", it: "È stato segnalato un problema" }
    EventReleased { en: "Paid to the model", it: "Pagato alla modella" }
    ChatStepNotStarted { en: "Session closed as not started", it: "Incontro chiuso come non iniziato" }
    ChatStepComplained { en: "A problem was reported about the session", it: "È stato segnalato un problema sull'incontro" }
    ChatStepReleased { en: "Session paid to the model", it: "Incontro pagato alla modella" }
    ActorSettle { en: "Settle", it: "Settle" }
    AdditionLapsed { en: "lapsed (not confirmed before the end)", it: "decaduta (non confermata prima della fine)" }
    ReportProblem { en: "Report a problem", it: "Segnala un problema" }
    ReportProblemHint { en: "Until {time} you can report a problem with this session. The credits stay held until support decides.", it: "Fino al {time} puoi segnalare un problema con questo incontro. I crediti restano trattenuti finché l'assistenza decide." }
    PaymentAfterPeriod { en: "The credits go to the model on {time}, unless a problem is reported before then.", it: "I crediti vanno alla modella il {time}, a meno che prima venga segnalato un problema." }
    RuleMeet14NotStarted { en: "The time to start this session is over: it closed as not started.", it: "Il tempo per iniziare questo incontro è finito: è stato chiuso come non iniziato." }
    RuleMeet15Period { en: "A problem can be reported only within 24 hours of the end of a session paid from the balance, before the model is paid.", it: "Un problema si può segnalare solo entro 24 ore dalla fine di un incontro pagato dal saldo, prima che la modella sia pagata." }
    RuleMeet15ClosedAt { en: "The 24 hours to report a problem ended on {time}.", it: "Le 24 ore per segnalare un problema sono finite il {time}." }
    RuleMeet15Disputed { en: "This session already has a dispute: write to support there.", it: "Questo incontro ha già una contestazione: scrivi all'assistenza lì." }
    RuleMeet16Lapsed { en: "This addition lapsed: it was not confirmed before the session ended.", it: "Questa aggiunta è decaduta: non è stata confermata prima della fine dell'incontro." }
    RuleNote1Notice { en: "This notice is not yours.", it: "Questa notifica non è tua." }
    RuleNote2Delivery { en: "The notice could not be delivered yet; it will be tried again.", it: "Non è stato ancora possibile consegnare la notifica; verrà ritentato." }
    RuleNote3Words { en: "Notices are written in your language and time zone.", it: "Le notifiche sono scritte nella tua lingua e nel tuo fuso orario." }
    // Support's cases (SUP-1, SUP-2)
    CasesTitle { en: "Cases", it: "Casi" }
    CaseKindDispute { en: "Session dispute", it: "Contestazione di un incontro" }
    CaseKindCallReview { en: "Call review", it: "Revisione di una chiamata" }
    CaseKindBilling { en: "Refund request", it: "Richiesta di rimborso" }
    CaseKindRating { en: "Rating removal", it: "Rimozione di una valutazione" }
    CaseKindContact { en: "Contact request", it: "Richiesta di contatto" }
    CasesAll { en: "All open cases", it: "Tutti i casi aperti" }
    CasesMine { en: "Mine", it: "Miei" }
    CasesUnowned { en: "Nobody's", it: "Di nessuno" }
    CasesOverdue { en: "Overdue", it: "In ritardo" }
    CasesOpen { en: "Open", it: "Aperti" }
    CasesShow { en: "Show", it: "Mostra" }
    CasesKind { en: "Kind", it: "Tipo" }
    CasesEveryKind { en: "Every kind", it: "Ogni tipo" }
    CasesEveryLanguage { en: "Every language", it: "Ogni lingua" }
    CasesEmpty { en: "No open case matches. New disputes, reviews and requests appear here as they come in.", it: "Nessun caso aperto corrisponde. Contestazioni, revisioni e richieste nuove compaiono qui appena arrivano." }
    CasesMineCount { en: "Your open cases: {n}", it: "I tuoi casi aperti: {n}" }
    CasePeople { en: "People", it: "Persone" }
    CaseOwner { en: "Handled by", it: "Gestito da" }
    CaseDue { en: "Due", it: "Scadenza" }
    CaseActions { en: "Actions", it: "Azioni" }
    CaseNobody { en: "nobody yet", it: "ancora nessuno" }
    CaseYou { en: "you", it: "te" }
    CaseTake { en: "Take", it: "Prendi" }
    CaseHandTo { en: "Hand to", it: "Passa a" }
    CaseHandOver { en: "Hand over", it: "Passa" }
    CaseFirstAnswer { en: "First answer", it: "Prima risposta" }
    CaseResolution { en: "Decision", it: "Decisione" }
    CaseResolved { en: "Settled", it: "Chiuso" }
    CaseDueAt { en: "{what} due {time}", it: "{what} entro {time}" }
    CaseOverdueSince { en: "{what} overdue since {time}", it: "{what} in ritardo da {time}" }
    CaseBarLabel { en: "Who handles this case", it: "Chi gestisce questo caso" }
    CaseTargetsTitle { en: "Due times", it: "Tempi di risposta" }
    CaseTargetsHint { en: "Minutes for the first answer and for the decision. A change applies to cases opened after it.", it: "Minuti per la prima risposta e per la decisione. Una modifica vale per i casi aperti dopo." }
    CaseFirstAnswerMinutes { en: "First answer (minutes)", it: "Prima risposta (minuti)" }
    CaseResolutionMinutes { en: "Decision (minutes)", it: "Decisione (minuti)" }
    RuleSup1Resolved { en: "This case is already settled: there is nothing left to take or hand over.", it: "Questo caso è già chiuso: non c'è più niente da prendere o passare." }
    RuleSup1Owner { en: "Someone else in support has this case.", it: "Questo caso è di un'altra persona del supporto." }
    RuleSup1Owned { en: "Another agent took this case first. Ask them to hand it over if you should have it.", it: "Un altro operatore ha preso questo caso per primo. Chiedigli di passartelo se deve essere tuo." }
    RuleSup1NotOwner { en: "Only the agent who has this case can hand it over. Take it first if nobody has it.", it: "Solo l'operatore che ha questo caso può passarlo. Se non è di nessuno, prendilo prima tu." }
    RuleSup1SameAgent { en: "The case is already yours: choose another agent to hand it to.", it: "Il caso è già tuo: scegli un altro operatore a cui passarlo." }
    RuleSup1Agent { en: "Cases can only be handed to someone in support.", it: "I casi si possono passare solo a chi lavora nel supporto." }
    RuleSup2Targets { en: "Due times are whole minutes, at most 31 days, and the first answer cannot be due after the resolution.", it: "I tempi sono minuti interi, al massimo 31 giorni, e la prima risposta non può scadere dopo la risoluzione." }
    RepliesTitle { en: "Saved replies", it: "Risposte salvate" }
    RepliesLead { en: "Texts to start a chat message from, in English and Italian. These placeholders are filled from the case when a reply is inserted: {list} (the client, the model, the session's or call's time in the client's zone, the credits held).", it: "Testi da cui partire per un messaggio in chat, in inglese e in italiano. Quando una risposta viene inserita, questi segnaposto si riempiono con i dati del caso: {list} (il cliente, la modella, l'ora dell'incontro o della chiamata nel fuso del cliente, i crediti trattenuti)." }
    RepliesEmpty { en: "No saved reply in this language yet.", it: "Ancora nessuna risposta salvata in questa lingua." }
    ReplyNew { en: "New saved reply", it: "Nuova risposta salvata" }
    ReplyName { en: "Name (what you search for)", it: "Nome (quello che cerchi)" }
    ReplyText { en: "Text", it: "Testo" }
    ReplyDelete { en: "Delete", it: "Elimina" }
    SavedReplies { en: "Saved replies", it: "Risposte salvate" }
    ReplyFind { en: "Find", it: "Trova" }
    ReplyInsert { en: "Insert", it: "Inserisci" }
    ReplyNoneFound { en: "No saved reply in this language matches those words.", it: "Nessuna risposta salvata in questa lingua contiene quelle parole." }
    ReplyManage { en: "Manage saved replies", it: "Gestisci le risposte salvate" }
    RuleSup3Reply { en: "This saved reply could not be kept as written.", it: "Questa risposta salvata non si può tenere così com'è." }
    RuleSup3Placeholder { en: "The text has a placeholder we do not know, or a curly bracket left open. Use only the four placeholders listed at the top of this page, written exactly as shown.", it: "Il testo ha un segnaposto che non conosciamo, o una parentesi graffa non chiusa. Usa solo i quattro segnaposto elencati in cima a questa pagina, scritti esattamente così." }
    RuleSup3Title { en: "Give the reply a name of 1 to 80 characters.", it: "Dai alla risposta un nome da 1 a 80 caratteri." }
    RuleSup3Body { en: "The reply's text must be 1 to 2,000 characters, without control characters.", it: "Il testo della risposta deve avere da 1 a 2.000 caratteri, senza caratteri di controllo." }
    RuleSup3Language { en: "Choose English or Italian for the reply.", it: "Scegli inglese o italiano per la risposta." }
    FactsTitle { en: "The case at a glance", it: "Il caso in breve" }
    FactsHistory { en: "Earlier disputes and sanctions of both", it: "Contestazioni e sanzioni precedenti di entrambi" }
    FactsNoHistory { en: "No earlier dispute or sanction.", it: "Nessuna contestazione o sanzione precedente." }
    FactsRefunded { en: "{n} credits back to the client", it: "{n} crediti restituiti al cliente" }
    FactsSuspendedUntil { en: "Suspended until {time}", it: "Sospensione fino al {time}" }
    FactsPerMinute { en: "{n} credits a minute", it: "{n} crediti al minuto" }
    FactsCharged { en: "charged", it: "addebitati" }
    FactsReceipt { en: "Receipt", it: "Ricevuta" }
    FactsReceiptImage { en: "The receipt the client uploaded", it: "La ricevuta caricata dal cliente" }
    RuleNote4Link { en: "This link is not valid any more. Links in our e-mails work once, within an hour; ask for a new one.", it: "Questo link non è più valido. I link nelle nostre e-mail funzionano una volta sola, entro un'ora; chiedine uno nuovo." }

    // Accounts by e-mail (issue 18, NOTE-4)
    ConfirmMailSubject { en: "Confirm your address for Settle", it: "Conferma il tuo indirizzo per Settle" }
    ConfirmMailBody { en: "Welcome to Settle. To confirm this address, open the link below. It works once, within an hour.", it: "Benvenuto su Settle. Per confermare questo indirizzo apri il link qui sotto. Funziona una volta sola, entro un'ora." }
    ConfirmMailIgnore { en: "If you did not create a Settle account, ignore this e-mail.", it: "Se non hai creato un account Settle, ignora questa e-mail." }
    ConfirmMailAction { en: "Confirm my address", it: "Conferma il mio indirizzo" }
    ResetMailSubject { en: "A new password for Settle", it: "Una nuova password per Settle" }
    ResetMailBody { en: "Someone asked to change the password of your Settle account. To choose a new one, open the link below. It works once, within an hour.", it: "Qualcuno ha chiesto di cambiare la password del tuo account Settle. Per sceglierne una nuova apri il link qui sotto. Funziona una volta sola, entro un'ora." }
    ResetMailIgnore { en: "If you did not ask, ignore this e-mail: your password stays as it is.", it: "Se non l'hai chiesto tu, ignora questa e-mail: la tua password resta com'è." }
    ResetMailAction { en: "Choose a new password", it: "Scegli una nuova password" }
    ConfirmTitle { en: "Confirm your address", it: "Conferma il tuo indirizzo" }
    AddressConfirmed { en: "Your address is confirmed. Thank you!", it: "Il tuo indirizzo è confermato. Grazie!" }
    LinkNewFromSettings { en: "You can ask for a new link in Settings.", it: "Puoi chiedere un nuovo link nelle Impostazioni." }
    ForgotPassword { en: "Forgot your password?", it: "Hai dimenticato la password?" }
    ForgotTitle { en: "Forgotten password", it: "Password dimenticata" }
    ForgotHint { en: "Type the address of your account. We will send it a link to choose a new password.", it: "Scrivi l'indirizzo del tuo account. Gli invieremo un link per scegliere una nuova password." }
    SendResetLink { en: "Send the link", it: "Invia il link" }
    ResetLinkSent { en: "If an account uses this address, we have sent a link to it. It works once, within an hour.", it: "Se un account usa questo indirizzo, gli abbiamo inviato un link. Funziona una volta sola, entro un'ora." }
    ResetTitle { en: "Choose a new password", it: "Scegli una nuova password" }
    NewPassword { en: "New password", it: "Nuova password" }
    NewPasswordAgain { en: "New password again", it: "Ripeti la nuova password" }
    ChangePassword { en: "Change password", it: "Cambia password" }
    PasswordChanged { en: "Your password is changed: sign in with the new one.", it: "La tua password è cambiata: accedi con quella nuova." }
    AskNewLink { en: "Ask for a new link", it: "Chiedi un nuovo link" }
    ConfirmAddressNote { en: "Confirm your address: we sent a link to {address}.", it: "Conferma il tuo indirizzo: abbiamo inviato un link a {address}." }
    SendNewLink { en: "Send a new link", it: "Invia un nuovo link" }
    NewLinkSent { en: "We sent a new link to {address}. It works once, within an hour.", it: "Abbiamo inviato un nuovo link a {address}. Funziona una volta sola, entro un'ora." }
    RuleNote4TooManyLinks { en: "You asked for 3 links in the last hour; you can ask again from {time}.", it: "Hai chiesto 3 link nell'ultima ora; puoi chiederne ancora a partire da {time}." }
    RuleNote4TooManyFromHere { en: "Many links were asked for from your connection in the last hour; you can ask again from {time}.", it: "Dalla tua connessione sono stati chiesti molti link nell'ultima ora; puoi chiederne ancora a partire da {time}." }
    RuleNote4PasswordsDiffer { en: "The two passwords are not the same: type the new password twice.", it: "Le due password non sono uguali: scrivi due volte la nuova password." }

    // Notification list and header (issue 18, NOTE-1)
    ComplaintText { en: "What happened (only support reads this)", it: "Cosa è successo (lo legge solo l'assistenza)" }

    // Contact support (issue 19, SUP-6)
    ContactTitle { en: "Contact support", it: "Contatta l'assistenza" }
    ContactLead { en: "Tell us what happened and what you need. A person from our support team reads every message and answers it.", it: "Raccontaci cosa è successo e di cosa hai bisogno. Una persona del nostro team di assistenza legge ogni messaggio e risponde." }
    ContactAbout { en: "About the article:", it: "A proposito dell'articolo:" }
    ContactMessageLabel { en: "Your message", it: "Il tuo messaggio" }
    ContactEmailLabel { en: "Your e-mail address", it: "Il tuo indirizzo e-mail" }
    ContactEmailHint { en: "We send our answer there, with a private link back to this conversation.", it: "Ti mandiamo lì la risposta, con un link privato per tornare a questa conversazione." }
    ContactSignedIn { en: "You are signed in as {name}: our answer will be in your notifications.", it: "Hai effettuato l'accesso come {name}: troverai la risposta nelle tue notifiche." }
    ContactSend { en: "Send to support", it: "Invia all'assistenza" }
    ContactRequestTitle { en: "Your message to support", it: "Il tuo messaggio all'assistenza" }
    ContactSentByMail { en: "Sent. We will answer at {email}, with a link back to this page. You can also keep this page's address to come back.", it: "Inviato. Ti risponderemo a {email}, con un link per tornare a questa pagina. Puoi anche salvare l'indirizzo di questa pagina per tornarci." }
    ContactSentToAccount { en: "Sent. Our answer will be in your notifications.", it: "Inviato. Troverai la risposta nelle tue notifiche." }
    ContactFollowUpLabel { en: "Add something to your message", it: "Aggiungi qualcosa al tuo messaggio" }
    ContactFollowUp { en: "Add", it: "Aggiungi" }
    ContactAdded { en: "Added: support sees it with your message.", it: "Aggiunto: l'assistenza lo vede insieme al tuo messaggio." }
    ContactClosed { en: "This request is closed.", it: "Questa richiesta è chiusa." }
    ContactWriteAgain { en: "Write to us again", it: "Scrivici di nuovo" }
    ContactMine { en: "Your messages to support", it: "I tuoi messaggi all'assistenza" }
    ContactAfterNo { en: "Sorry this did not answer your question. Tell us what you were looking for and a person from support will answer.", it: "Ci dispiace che non abbia risposto alla tua domanda. Dicci cosa cercavi e una persona dell'assistenza ti risponderà." }
    ContactWriteToSupport { en: "Write to support", it: "Scrivi all'assistenza" }
    ContactFrom { en: "Written by", it: "Scritta da" }
    ContactNoAccount { en: "without an account; the answer goes by e-mail", it: "senza account; la risposta va per e-mail" }
    ContactWithAccount { en: "signed in; the answer goes to their notifications", it: "con accesso; la risposta va nelle sue notifiche" }
    ContactWrittenFrom { en: "Written from the page", it: "Scritta dalla pagina" }
    ContactOpened { en: "Sent", it: "Inviata" }
    ContactAnswerLabel { en: "Your answer", it: "La tua risposta" }
    ContactNoteOnly { en: "A note for support only (not sent to the writer)", it: "Una nota solo per l'assistenza (non inviata a chi ha scritto)" }
    ContactAnswerSend { en: "Send", it: "Invia" }
    ContactClose { en: "Close the request", it: "Chiudi la richiesta" }
    ContactMailSubject { en: "Settle support answered your message", it: "L'assistenza di Settle ha risposto al tuo messaggio" }
    ContactMailIntro { en: "Here is our answer to the message you sent us:", it: "Ecco la nostra risposta al messaggio che ci hai mandato:" }
    ContactMailAction { en: "Read the conversation and write back:", it: "Leggi la conversazione e rispondi:" }
    ContactMailFooter { en: "You get this e-mail because you wrote to Settle support from our help center.", it: "Ricevi questa e-mail perché hai scritto all'assistenza di Settle dal nostro centro assistenza." }
    NoticeContactAnswered { en: "Support answered your message", it: "L'assistenza ha risposto al tuo messaggio" }
    RuleSup6Request { en: "Your message to support could not be sent as written.", it: "Il tuo messaggio all'assistenza non si può inviare così com'è." }
    RuleSup6Message { en: "Write your message: 1 to 4,000 characters, without control characters.", it: "Scrivi il tuo messaggio: da 1 a 4.000 caratteri, senza caratteri di controllo." }
    RuleSup6Email { en: "Give an e-mail address we can answer at, such as name@example.com.", it: "Indica un indirizzo e-mail a cui possiamo rispondere, come nome@esempio.it." }
    RuleSup6Closed { en: "This request is closed, so nothing more can be added to it. Write to support again from the help center.", it: "Questa richiesta è chiusa, quindi non si può aggiungere altro. Scrivi di nuovo all'assistenza dal centro assistenza." }
    RuleSup6LimitAt { en: "You sent 5 messages to support in the last hour; you can send another from {time}.", it: "Hai mandato 5 messaggi all'assistenza nell'ultima ora; puoi mandarne un altro a partire da {time}." }

    // Help center insights (issue 19, HELP-6)
    InsightsTitle { en: "Help center insights", it: "Dati del centro assistenza" }
    InsightsLead { en: "What readers searched for since {time}, and the articles they said did not answer their question.", it: "Cosa hanno cercato i lettori dal {time}, e gli articoli che secondo loro non hanno risposto alla domanda." }
    InsightsTop { en: "Most frequent searches", it: "Ricerche più frequenti" }
    InsightsNothingFound { en: "Searches that found nothing", it: "Ricerche senza risultati" }
    InsightsQuery { en: "Search", it: "Ricerca" }
    InsightsTimes { en: "Times", it: "Volte" }
    InsightsEmptyTimes { en: "Found nothing", it: "Senza risultati" }
    InsightsNoSearches { en: "No searches in this period.", it: "Nessuna ricerca in questo periodo." }
    InsightsArticles { en: "Articles answered “No”", it: "Articoli con risposta «No»" }
    InsightsArticle { en: "Article", it: "Articolo" }
    InsightsNo { en: "No", it: "No" }
    InsightsYes { en: "Yes", it: "Sì" }
    InsightsRequests { en: "Contact requests it led to", it: "Richieste di contatto che ne sono nate" }
    InsightsNoArticles { en: "No article has been answered “No” yet.", it: "Nessun articolo ha ancora ricevuto un «No»." }
    InsightsRequestOpen { en: "open", it: "aperta" }
    InsightsRequestClosed { en: "closed", it: "chiusa" }

    // Back-office tables (issue 19)
    CsvReference { en: "Reference", it: "Riferimento" }
    CsvBalanceChange { en: "Change to balance (credits)", it: "Variazione del saldo (crediti)" }
    CsvBy { en: "By", it: "Da" }
    CsvProcessor { en: "Processor", it: "Processore" }
    CsvRefersTo { en: "Refunds or reverses", it: "Rimborsa o annulla" }
    CsvDeleted { en: "Deleted", it: "Eliminata" }
    CsvDownload { en: "Download as CSV (with these filters)", it: "Scarica in CSV (con questi filtri)" }
    TxnPage { en: "Page {n}", it: "Pagina {n}" }
    TxnNewer { en: "Newer", it: "Più recenti" }
    TxnOlder { en: "Older", it: "Meno recenti" }
    TxnPages { en: "Pages of transactions", it: "Pagine dei movimenti" }
    AuditNewest { en: "Newest entries", it: "Voci più recenti" }
    AuditCaseTaken { en: "Took a case", it: "Ha preso un caso" }
    AuditCaseHandedOver { en: "Handed a case over to", it: "Ha passato un caso a" }
}
