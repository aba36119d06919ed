using Conclave.Contracts.Errors;
using Conclave.Domain.Common;

namespace Conclave.Domain.Directory;

/// <summary>Rules on group names and mail nicknames.</summary>
public static class GroupName
{
    public const int MaxLength = 128;

    public static Result<string> Validate(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxLength || name.Any(char.IsControl))
        {
            return new Error(ErrorCodes.Directory.InvalidGroupName, $"A group name has 1 to {MaxLength} printable characters.");
        }

        return name.Trim();
    }

    /// <summary>A nickname derived from the name when none is given: letters and digits only, lower-case.</summary>
    public static Result<string> ValidateNickname(string? nickname, string name)
    {
        var value = string.IsNullOrWhiteSpace(nickname)
            ? new string(name.Where(char.IsAsciiLetterOrDigit).ToArray()).ToLowerInvariant()
            : nickname.Trim().ToLowerInvariant();
        if (value.Length is 0 or > 64 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            return new Error(ErrorCodes.Directory.InvalidMailNickname, "A mail nickname has 1 to 64 letters, digits, '-', '_' or '.'.");
        }

        return value;
    }
}
