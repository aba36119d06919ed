using System.Globalization;
using Conclave.Contracts.Errors;
using Conclave.Domain.Common;

namespace Conclave.Domain.Dlp;

/// <summary>The refusals of DLP policy definitions, each with a stable code clients may branch on.</summary>
public static class DlpErrors
{
    public static Error InvalidName(string what, string why) => new(ErrorCodes.Dlp.InvalidName, $"The {what} name {why}.");

    public static Error InvalidPattern(string why) => new(ErrorCodes.Dlp.InvalidPattern, $"The pattern is not accepted: {why}.");

    public static Error PatternTooLong(int length, int max) => new(
        ErrorCodes.Dlp.PatternTooLong,
        string.Create(CultureInfo.InvariantCulture, $"The pattern has {length} characters; at most {max} are allowed."));

    public static Error InvalidKeywords(string why) => new(ErrorCodes.Dlp.InvalidKeywords, $"The keywords are not accepted: {why}.");

    public static Error InvalidProximity(int proximity, int max) => new(
        ErrorCodes.Dlp.InvalidProximity,
        string.Create(CultureInfo.InvariantCulture, $"A keyword proximity of {proximity} characters is not allowed; it must be from 1 to {max}."));

    public static Error UnknownType(string name) => new(ErrorCodes.Dlp.UnknownType, $"'{name}' is not a sensitive information type.");

    public static Error DuplicateType(string name) => new(
        ErrorCodes.Dlp.DuplicateType, $"A sensitive information type named '{name}' exists already.", ErrorKind.Conflict);

    public static Error InvalidThreshold(string why) => new(ErrorCodes.Dlp.InvalidThreshold, $"The condition is not valid: {why}.");

    public static Error InvalidAction(DlpAction action) => new(
        ErrorCodes.Dlp.InvalidAction, $"'{action}' is not a rule action; use AuditOnly, NotifySender, BlockWithOverride or Block.");

    public static Error EmptyRule(string rule, int max) => new(
        ErrorCodes.Dlp.EmptyRule,
        string.Create(CultureInfo.InvariantCulture, $"Rule '{rule}' needs from 1 to {max} conditions."));

    public static Error EmptyPolicy(string policy, int max) => new(
        ErrorCodes.Dlp.EmptyPolicy,
        string.Create(CultureInfo.InvariantCulture, $"Policy '{policy}' needs from 1 to {max} rules."));

    public static Error InvalidValue(string parameter, string value, string allowed) =>
        new(ErrorCodes.Dlp.InvalidValue, $"'{value}' is not a value of {parameter}; use {allowed}.");

    public static Error DuplicateRule(string rule) => new(ErrorCodes.Dlp.DuplicateRule, $"The policy has two rules named '{rule}'.");
}
