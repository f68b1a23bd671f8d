namespace Ervaring.Storage;

/// <summary>
/// The one place where table and container names are written down. The app creates exactly these at
/// start-up, and the bicep template is checked against this list by a test, so the two cannot drift apart.
/// </summary>
public static class StorageNames
{
    public static class Tables
    {
        public const string Waves = "waves";
        public const string WaveEvents = "waveevents";
        public const string TokenIndex = "tokenindex";
        public const string ContactHistory = "contacthistory";
        public const string Invitations = "invitations";
        public const string Responses = "responses";
        public const string Aggregates = "aggregates";
        public const string OptOuts = "optouts";
        public const string AuditLog = "auditlog";
        /// <summary>The officer's interpretations, improvement actions and follow-ups per wave (the report draft's words).</summary>
        public const string ReportNotes = "reportnotes";
        /// <summary>Quotes chosen for publication: only the final text, theme and cell — apart from the responses.</summary>
        public const string Quotes = "quotes";
        /// <summary>
        /// Admin sign-in sessions: a keyed hash of the session id, a keyed hash of the key it came from, created-at,
        /// absolute expiry and a revoked flag. No name, no role, no address: nothing about the person.
        /// </summary>
        public const string SignInSessions = "signinsessions";

        public static readonly IReadOnlyList<string> All =
            [Waves, WaveEvents, Invitations, TokenIndex, Responses, Aggregates, OptOuts, ContactHistory, AuditLog, ReportNotes, Quotes, SignInSessions];
    }

    public static class Containers
    {
        /// <summary>Raw frame uploads; deleted after the retention period (timer and lifecycle rule).</summary>
        public const string Frames = "frames";
        /// <summary>Survey-definition snapshots per wave, so editing a questionnaire never changes history.</summary>
        public const string Definitions = "definitions";
        /// <summary>Generated exports such as reminder lists.</summary>
        public const string Exports = "exports";
        /// <summary>Published reports: immutable versions, never overwritten.</summary>
        public const string Reports = "reports";
        /// <summary>Sampling records for auditors (seed, per-stratum counts, hashed exclusions); no client references.</summary>
        public const string Audit = "audit";

        /// <summary>
        /// The key ring that protects sign-in and antiforgery cookies, shared by every instance of the app (keys only,
        /// nothing about people).
        /// </summary>
        public const string KeyRing = "keyring";

        public static readonly IReadOnlyList<string> All = [Frames, Definitions, Exports, Reports, Audit, KeyRing];
    }
}
