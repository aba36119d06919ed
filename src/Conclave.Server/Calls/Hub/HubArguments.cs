using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Conclave.Contracts.Errors;
using Conclave.Domain.Calls;
using Conclave.Domain.Directory;

namespace Conclave.Server.Calls;

/// <summary>
/// The checks of what a device sends to the call hub, made before the call service sees it: any argument may
/// be null, empty, oversized or malformed, and each such one is answered with a refusal carrying a stable
/// code (docs/api.md: refusals are <c>{ code, message }</c>, never exceptions).
/// </summary>
/// <remarks>
/// Arguments arrive as text (a call id too) so that a malformed one reaches these checks: SignalR answers an
/// argument its binder cannot convert with an exception of its own instead.
/// </remarks>
internal static class HubArguments
{
    /// <summary>An SDP of one audio or audio+video section is a few KiB; 64 KiB (UTF-8) bounds what the hub relays (docs/api.md).</summary>
    public const int MaxDescriptionBytes = 64 * 1024;

    /// <summary>RFC 8839 §5.1 candidate lines are short; 1 KiB bounds a trickled one.</summary>
    public const int MaxCandidateLength = 1024;

    /// <summary>A device name is a label people read ("laptop", "Browser (Chromium)"); it becomes part of the device id.</summary>
    public const int MaxDeviceNameLength = 64;

    /// <summary>E.164 numbers have at most 15 digits (ITU-T E.164 §6); with RFC 3966 visual separators 64 characters is ample.</summary>
    public const int MaxTelUriLength = 64;

    /// <summary>The longest feature name is 16 characters; 64 bounds the text echoed in a refusal.</summary>
    public const int MaxFeatureLength = 64;

    /// <summary>
    /// The largest hub message accepted (SignalR's default is 32 KB, below one SDP at its bound). JSON escaping
    /// at most doubles a real SDP (each CRLF line end becomes <c>\r\n</c>; the .NET client writes <c>+</c> as
    /// <c>\u002B</c>), so twice <see cref="MaxDescriptionBytes"/> plus 4 KiB for the invocation envelope
    /// (method, invocation id, call id, type) carries every description the contract allows.
    /// </summary>
    public const int MaxMessageBytes = (2 * MaxDescriptionBytes) + (4 * 1024);

    private const string TelScheme = "tel:";

    /// <summary>RFC 3966 global-number-digits: digits, and "+" and visual separators.</summary>
    private static readonly System.Buffers.SearchValues<char> TelCharacters = System.Buffers.SearchValues.Create("0123456789+-.()");

    public static bool TryCallId(string? text, out Guid callId, [NotNullWhen(false)] out SignalError? error)
    {
        // The form the server hands out (docs/api.md): 36 characters, "D" format.
        if (Guid.TryParseExact(text, "D", out callId))
        {
            error = null;
            return true;
        }

        error = Invalid("callId", "a call id as the server gave it (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)");
        return false;
    }

    /// <summary>A directory user's UPN (normalised to lower case) or a <c>tel:</c> URI (RFC 3966 global number).</summary>
    public static bool TryCallee(string? text, out string callee, [NotNullWhen(false)] out SignalError? error)
    {
        callee = "";
        if (text is not null && text.StartsWith(TelScheme, StringComparison.OrdinalIgnoreCase))
        {
            var number = text.AsSpan(TelScheme.Length);
            if (text.Length <= MaxTelUriLength && number.ContainsAnyInRange('0', '9') && !number.ContainsAnyExcept(TelCharacters))
            {
                callee = TelScheme + number.ToString();
                error = null;
                return true;
            }

            error = Invalid("calleeUpn", $"a tel: URI of digits and + - . ( ), at most {MaxTelUriLength} characters");
            return false;
        }

        var upn = Upn.Parse(text);
        if (upn.IsSuccess)
        {
            callee = upn.Value.Value;
            error = null;
            return true;
        }

        error = Invalid("calleeUpn", "a UPN (name@domain) or a tel: URI");
        return false;
    }

    public static bool TryDeviceName(string? text, out string name, [NotNullWhen(false)] out SignalError? error)
    {
        name = text?.Trim() ?? "";
        if (name.Length is > 0 and <= MaxDeviceNameLength && IsPrintable(name))
        {
            error = null;
            return true;
        }

        error = Invalid("deviceName", $"1 to {MaxDeviceNameLength} printable characters");
        return false;
    }

    public static bool TryFlag(bool? value, string argument, out bool flag, [NotNullWhen(false)] out SignalError? error)
    {
        flag = value.GetValueOrDefault();
        error = value.HasValue ? null : Invalid(argument, "true or false");
        return error is null;
    }

    /// <summary>An "offer" or "answer" (JSEP) whose SDP starts with the version line (RFC 8866 §5.1) and holds at most <see cref="MaxDescriptionBytes"/>.</summary>
    public static SignalError? CheckDescription(string? type, string? sdp)
    {
        var wellFormed = type is "offer" or "answer"
            && sdp is not null
            && (sdp.StartsWith("v=0\r\n", StringComparison.Ordinal) || sdp.StartsWith("v=0\n", StringComparison.Ordinal))
            && sdp.Length <= MaxDescriptionBytes
            && Encoding.UTF8.GetByteCount(sdp) <= MaxDescriptionBytes;
        return wellFormed ? null : new SignalError(
            ErrorCodes.Call.InvalidDescription,
            $"A description is an \"offer\" or an \"answer\" with an SDP that starts with v=0, of at most {MaxDescriptionBytes} bytes.");
    }

    /// <summary>
    /// Null or empty (end-of-candidates, RFC 8838 §4.4; browsers send an empty candidate), or one
    /// <c>candidate:</c> attribute value (RFC 8839 §5.1) on one line, at most <see cref="MaxCandidateLength"/> characters.
    /// </summary>
    public static SignalError? CheckCandidate(string? candidate)
    {
        var wellFormed = string.IsNullOrEmpty(candidate)
            || (candidate.Length <= MaxCandidateLength
                && candidate.StartsWith("candidate:", StringComparison.OrdinalIgnoreCase)
                && !candidate.AsSpan().ContainsAnyInRange('\0', '\u001f')
                && !candidate.Contains('\u007f', StringComparison.Ordinal));
        return wellFormed ? null : new SignalError(
            ErrorCodes.Call.InvalidCandidate,
            $"A candidate is one \"candidate:\" line of at most {MaxCandidateLength} characters, or null for end-of-candidates.");
    }

    /// <summary>A <see cref="CallFeature"/> by name (case-insensitive); numbers and combinations are not names.</summary>
    public static bool TryFeature(string? text, out CallFeature feature, [NotNullWhen(false)] out SignalError? error)
    {
        feature = default;
        if (string.IsNullOrEmpty(text) || text.Length > MaxFeatureLength)
        {
            error = Invalid("feature", $"a feature name of at most {MaxFeatureLength} characters");
            return false;
        }

        var name = Enum.GetNames<CallFeature>().FirstOrDefault(n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
        if (name is null)
        {
            error = new SignalError(ErrorCodes.Call.UnknownFeature, $"Unknown feature '{text}'. Known: {string.Join(", ", Enum.GetNames<CallFeature>())}.");
            return false;
        }

        feature = Enum.Parse<CallFeature>(name);
        error = null;
        return true;
    }

    private static SignalError Invalid(string argument, string expected) => new(ErrorCodes.Call.InvalidArgument, $"{argument} must be {expected}.");

    /// <summary>No control or format characters (terminal escapes, bidirectional overrides), no line breaks, no lone surrogates.</summary>
    private static bool IsPrintable(string text)
    {
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return false;
            }

            if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
            {
                return false;
            }

            rest = rest[consumed..];
        }

        return true;
    }
}
