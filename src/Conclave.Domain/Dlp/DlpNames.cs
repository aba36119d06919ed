using Conclave.Domain.Common;

namespace Conclave.Domain.Dlp;

/// <summary>The names of policies, rules and custom types: shown to admins and in policy tips, so plain single-line text.</summary>
public static class DlpNames
{
    public const int MaxLength = 128;

    /// <summary>The trimmed name, or the refusal.</summary>
    public static Result<string> Validate(string? name, string what)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            return DlpErrors.InvalidName(what, "is empty");
        }

        if (trimmed.Length > MaxLength)
        {
            return DlpErrors.InvalidName(what, $"is longer than {MaxLength} characters");
        }

        if (!IsPlainText(trimmed))
        {
            return DlpErrors.InvalidName(what, "holds control characters or broken text");
        }

        return trimmed;
    }

    /// <summary>No control characters (line breaks included) and no unpaired surrogates.</summary>
    public static bool IsPlainText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) || char.IsLowSurrogate(c))
            {
                return false;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 == text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++;
            }
        }

        return true;
    }
}
