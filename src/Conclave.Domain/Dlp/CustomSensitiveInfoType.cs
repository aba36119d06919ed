using System.Globalization;
using System.Text.RegularExpressions;
using Conclave.Domain.Common;

namespace Conclave.Domain.Dlp;

/// <summary>
/// An organisation's own sensitive information type (Purview's custom SIT): a regular expression, and
/// optionally keywords of which one must appear within <see cref="SensitiveInfoType.KeywordProximity"/>
/// characters of a match for it to count. Every match has the type's <see cref="Confidence"/>.
/// The pattern runs on .NET's non-backtracking engine, whose matching time is linear in the text for any
/// pattern, so neither a hostile pattern nor hostile text can hang the server; constructs that engine
/// cannot run (backreferences, lookarounds, atomic groups) are refused when the type is defined, and so
/// are counted repetitions large enough to make the linear scan slow (see <see cref="PatternRepetitionBounds"/>).
/// </summary>
public sealed class CustomSensitiveInfoType : SensitiveInfoType
{
    /// <summary>Longest pattern accepted, in characters: room for real identifiers, and a bound on the automaton.</summary>
    public const int MaxPatternLength = 512;

    public const int MaxKeywords = 50;

    public const int MaxKeywordLength = 64;

    /// <summary>Largest keyword proximity, in characters (Purview's largest window is "anywhere in the document"; a bound keeps evidence local).</summary>
    public const int MaxKeywordProximity = 2_000;

    /// <summary>
    /// A second guard on top of the linear engine: a scan of the largest text (1 Mi characters) takes
    /// milliseconds, so a second means something is wrong; the type is then reported incomplete.
    /// </summary>
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private readonly Regex _regex;

    private CustomSensitiveInfoType(string name, string pattern, Regex regex, KeywordSet keywords, int proximity, DlpConfidence confidence)
        : base(name, keywords, proximity)
    {
        Pattern = pattern;
        _regex = regex;
        Confidence = confidence;
    }

    public string Pattern { get; }

    public DlpConfidence Confidence { get; }

    /// <summary>
    /// Defines a custom type, or refuses with <c>dlp.invalid_name</c>, <c>dlp.pattern_too_long</c>,
    /// <c>dlp.invalid_pattern</c>, <c>dlp.invalid_keywords</c>, <c>dlp.invalid_proximity</c> or
    /// <c>dlp.invalid_threshold</c> (an undefined confidence).
    /// </summary>
    /// <param name="name">How rules refer to it (1–128 characters).</param>
    /// <param name="pattern">A .NET regular expression of at most <see cref="MaxPatternLength"/> characters that cannot match empty text.</param>
    /// <param name="keywords">When given, a match counts only with one of these words near it (whole words, any case).</param>
    /// <param name="keywordProximity">Characters either side of a match where a keyword counts; default 300.</param>
    /// <param name="confidence">The confidence of every match; default high.</param>
    public static Result<CustomSensitiveInfoType> Create(
        string name,
        string pattern,
        IReadOnlyList<string>? keywords = null,
        int keywordProximity = DefaultKeywordProximity,
        DlpConfidence confidence = DlpConfidence.High)
    {
        var validName = DlpNames.Validate(name, "custom type");
        if (!validName.IsSuccess)
        {
            return validName.Error;
        }

        if (string.IsNullOrEmpty(pattern))
        {
            return DlpErrors.InvalidPattern("it is empty");
        }

        if (pattern.Length > MaxPatternLength)
        {
            return DlpErrors.PatternTooLong(pattern.Length, MaxPatternLength);
        }

        var regex = TryCompile(pattern);
        if (!regex.IsSuccess)
        {
            return regex.Error;
        }

        var keywordSet = ValidateKeywords(keywords ?? []);
        if (!keywordSet.IsSuccess)
        {
            return keywordSet.Error;
        }

        if (keywordProximity is < 1 or > MaxKeywordProximity)
        {
            return DlpErrors.InvalidProximity(keywordProximity, MaxKeywordProximity);
        }

        if (!Enum.IsDefined(confidence))
        {
            return DlpErrors.InvalidThreshold("the confidence must be Low, Medium or High");
        }

        return new CustomSensitiveInfoType(validName.Value, pattern, regex.Value, keywordSet.Value, keywordProximity, confidence);
    }

    internal override void Find(ReadOnlySpan<char> text, MatchCollector matches)
    {
        var needsKeyword = KeywordSet.Words.Count > 0;
        try
        {
            foreach (var match in _regex.EnumerateMatches(text))
            {
                var end = match.Index + match.Length;
                if (match.Length == 0 || (needsKeyword && !matches.HasKeywordNear(text, match.Index, end)))
                {
                    continue;
                }

                matches.Add(text, match.Index, match.Length, Confidence);
            }
        }
        catch (RegexMatchTimeoutException)
        {
            matches.MarkIncomplete();
        }
    }

    private static Result<Regex> TryCompile(string pattern)
    {
        if (!PatternRepetitionBounds.AreAcceptable(pattern))
        {
            return DlpErrors.InvalidPattern(string.Create(
                CultureInfo.InvariantCulture,
                $"a counted repetition is above {PatternRepetitionBounds.MaxBound}, or repetitions of groups multiply past {PatternRepetitionBounds.MaxGroupProduct:N0} (use + or * for open-ended runs)"));
        }

        Regex regex;
        try
        {
            regex = new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, MatchTimeout);
        }
        catch (ArgumentException)
        {
            // RegexParseException: the pattern is not a regular expression. Its message quotes the pattern
            // (which may hold sensitive examples), so only the fact is reported.
            return DlpErrors.InvalidPattern("it is not a valid regular expression");
        }
        catch (NotSupportedException)
        {
            return DlpErrors.InvalidPattern("it uses a construct that cannot run in linear time (backreferences, lookarounds, atomic groups) or is too large once expanded");
        }

        if (regex.IsMatch(string.Empty))
        {
            return DlpErrors.InvalidPattern("it matches empty text");
        }

        return regex;
    }

    private static Result<KeywordSet> ValidateKeywords(IReadOnlyList<string> keywords)
    {
        if (keywords.Count > MaxKeywords)
        {
            return DlpErrors.InvalidKeywords($"there are more than {MaxKeywords}");
        }

        var trimmed = new List<string>(keywords.Count);
        foreach (var keyword in keywords)
        {
            var word = keyword?.Trim() ?? string.Empty;
            if (word.Length is 0 or > MaxKeywordLength || !DlpNames.IsPlainText(word))
            {
                return DlpErrors.InvalidKeywords($"each must have 1 to {MaxKeywordLength} characters of plain single-line text");
            }

            trimmed.Add(word);
        }

        return new KeywordSet(trimmed.Distinct(StringComparer.OrdinalIgnoreCase));
    }
}
