using Conclave.Domain.Common;

namespace Conclave.Domain.Teams;

/// <summary>The rules on team and channel names and descriptions (Microsoft Teams' limits).</summary>
public static class TeamText
{
    /// <summary>The longest team name in UTF-16 code units: Teams' limit for a team's display name.</summary>
    public const int MaxTeamNameLength = 256;

    /// <summary>The longest channel name: Teams allows 50 characters.</summary>
    public const int MaxChannelNameLength = 50;

    /// <summary>The longest description of a team or channel: Teams allows 1,024 characters.</summary>
    public const int MaxDescriptionLength = 1024;

    /// <summary>The name of the channel every team has; no other channel may take it (any case).</summary>
    public const string GeneralChannelName = "General";

    // Teams refuses these in channel names (they are unsafe in the SharePoint folder a channel gets).
    private const string ChannelForbidden = "~#%&*{}+/\\:<>?|'\",";

    private static readonly System.Buffers.SearchValues<char> ChannelForbiddenValues = System.Buffers.SearchValues.Create(ChannelForbidden);

    /// <summary>The trimmed team name; refused when empty, longer than <see cref="MaxTeamNameLength"/> or holding control characters.</summary>
    public static Result<string> TeamName(string? name) => Name(name, MaxTeamNameLength, "A team's");

    /// <summary>
    /// The trimmed channel name; refused when empty, longer than <see cref="MaxChannelNameLength"/>, holding control
    /// characters or any of <c>~#%&amp;*{}+/\:&lt;&gt;?|'",</c>, starting with '_' or '.', ending with '.', or "General".
    /// </summary>
    public static Result<string> ChannelName(string? name)
    {
        var checkedName = Name(name, MaxChannelNameLength, "A channel's");
        if (!checkedName.IsSuccess)
        {
            return checkedName;
        }

        var value = checkedName.Value;
        if (value.AsSpan().IndexOfAny(ChannelForbiddenValues) >= 0 || value.Contains("..", StringComparison.Ordinal))
        {
            return TeamErrors.InvalidName($"A channel's name holds none of {ChannelForbidden} and no '..'.");
        }

        if (value[0] is '_' or '.' || value[^1] == '.')
        {
            return TeamErrors.InvalidName("A channel's name does not start with '_' or '.' nor end with '.'.");
        }

        return string.Equals(value, GeneralChannelName, StringComparison.OrdinalIgnoreCase)
            ? TeamErrors.InvalidName("Every team has its General channel: choose another name.")
            : value;
    }

    /// <summary>The trimmed description, null for none (null, empty or whitespace); refused when too long or holding control characters other than line breaks.</summary>
    public static Result<string?> Description(string? description)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            return Result<string?>.Success(null);
        }

        var trimmed = description.Trim();
        if (trimmed.Length > MaxDescriptionLength)
        {
            return TeamErrors.InvalidDescription($"A description has at most {MaxDescriptionLength:N0} characters.");
        }

        return trimmed.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')) || HasLoneSurrogate(trimmed)
            ? TeamErrors.InvalidDescription("A description holds no control characters other than line breaks and tabs.")
            : Result<string?>.Success(trimmed);
    }

    private static Result<string> Name(string? name, int max, string whose)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return TeamErrors.InvalidName($"{whose} name is not empty.");
        }

        var trimmed = name.Trim();
        if (trimmed.Length > max)
        {
            return TeamErrors.InvalidName($"{whose} name has at most {max} characters.");
        }

        return trimmed.Any(char.IsControl) || HasLoneSurrogate(trimmed)
            ? TeamErrors.InvalidName($"{whose} name holds no control characters.")
            : trimmed;
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
