using Conclave.Contracts.Errors;
using Conclave.Domain.Common;
using Conclave.Domain.Dlp;

namespace Conclave.Domain.ConditionalAccess;

/// <summary>The names of named locations and policies: shown to administrators and in refusals, so plain single-line text.</summary>
public static class AccessNames
{
    public const int MaxLength = 128;

    /// <summary>The trimmed name, or the refusal (<see cref="ErrorCodes.Access.InvalidName"/>).</summary>
    public static Result<string> Validate(string? name, string what)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        return trimmed.Length == 0 || trimmed.Length > MaxLength || !DlpNames.IsPlainText(trimmed)
            ? new Error(ErrorCodes.Access.InvalidName, $"The {what}'s name must be 1 to {MaxLength} characters of plain text.")
            : trimmed;
    }
}
