namespace Conclave.Contracts.Errors;

public static partial class ErrorCodes
{
    /// <summary>Data-loss-prevention policies: their rules, conditions and custom sensitive information types.</summary>
    public static class Dlp
    {
        public const string InvalidName = "dlp.invalid_name";
        public const string InvalidPattern = "dlp.invalid_pattern";
        public const string PatternTooLong = "dlp.pattern_too_long";
        public const string InvalidKeywords = "dlp.invalid_keywords";
        public const string InvalidProximity = "dlp.invalid_proximity";
        public const string UnknownType = "dlp.unknown_type";
        public const string DuplicateType = "dlp.duplicate_type";
        public const string InvalidThreshold = "dlp.invalid_threshold";
        public const string InvalidAction = "dlp.invalid_action";
        public const string EmptyRule = "dlp.empty_rule";
        public const string EmptyPolicy = "dlp.empty_policy";
        public const string DuplicateRule = "dlp.duplicate_rule";
        public const string InvalidValue = "dlp.invalid_value";
        public const string NotFound = "dlp.not_found";
        public const string Exists = "dlp.exists";
        public const string TypeInUse = "dlp.type_in_use";
        public const string Blocked = "dlp.blocked";
        public const string JustificationRequired = "dlp.justification_required";

        public static IReadOnlyList<ErrorCodeInfo> Catalog { get; } =
        [
            new(InvalidName, "400: the name of the policy, rule or custom type is empty, longer than 128 characters or holds control characters."),
            new(InvalidPattern, "400: the custom type's regular expression does not parse, can match empty text, uses a construct that cannot run in linear time (backreferences, lookarounds, atomic groups), or has a counted repetition above 100 (or group repetitions multiplying past 1,000)."),
            new(PatternTooLong, "400: the custom type's regular expression is longer than 512 characters."),
            new(InvalidKeywords, "400: a keyword is empty, longer than 64 characters or holds control characters, or there are more than 50 keywords."),
            new(InvalidProximity, "400: the keyword proximity is outside 1 to 2,000 characters."),
            new(UnknownType, "400: no built-in or custom sensitive information type has this name."),
            new(DuplicateType, "409: a sensitive information type with this name exists already (names are compared without case)."),
            new(InvalidThreshold, "400: a condition's instance count is outside 1 to 500, or its confidence is not Low, Medium or High."),
            new(InvalidAction, "400: a rule's action is not AuditOnly, NotifySender, BlockWithOverride or Block."),
            new(EmptyRule, "400: a rule needs at least one condition, and at most 20."),
            new(EmptyPolicy, "400: a policy needs at least one rule, and at most 50."),
            new(DuplicateRule, "400: two rules of the policy have the same name (names are compared without case)."),
            new(InvalidValue, "400: a parameter's value is not one it takes (Mode, AccessScope, NotifyUser, NotifyAllowOverride, a confidence), or the policy tip is longer than 256 characters or not one line of plain text."),
            new(NotFound, "404: no DLP policy, rule or custom sensitive information type has this name."),
            new(Exists, "409: a DLP policy or rule with this name exists already (names are compared without case)."),
            new(TypeInUse, "409: a rule names this custom sensitive information type; change or remove the rule first."),
            new(Blocked, "403: a DLP rule blocks this content; nothing was stored or delivered. The detail names the rules and the types found, never the values."),
            new(JustificationRequired, "403: a DLP rule holds this content unless the sender overrides it with a business justification (overrideJustification); nothing was stored or delivered."),
        ];
    }
}
