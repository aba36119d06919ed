using Conclave.Contracts.Errors;
using Conclave.Domain.Dlp;

namespace Conclave.Domain.Tests.Dlp;

public sealed class CustomSensitiveInfoTypeTests
{
    [Fact]
    public void Pattern_FindsItsMatches_WithTheTypesConfidence_AndMasked()
    {
        var type = CustomSensitiveInfoType.Create("Contoso employee ID", @"\bCE-[0-9]{6}\b", confidence: DlpConfidence.Medium).Value;
        var result = DlpScanner.Scan("ids CE-123456 and CE-654321, not CE-12345", [type]).Types.Single();
        Assert.Equal(2, result.Count);
        Assert.Equal(2, result.CountAtLeast(DlpConfidence.Medium));
        Assert.Equal(0, result.CountAtLeast(DlpConfidence.High));
        Assert.Equal(new[] { "**-**3456", "**-**4321" }, result.Matches.Select(m => m.MaskedExcerpt));
        Assert.Equal(4, result.Matches[0].Start);
    }

    [Fact]
    public void Keywords_WhenGiven_AreRequiredWithinTheProximity()
    {
        var type = CustomSensitiveInfoType.Create("Project code", "PX[0-9]{4}", ["project", "projet"], keywordProximity: 20).Value;
        Assert.Equal(1, Count(type, "Projet : PX1234"));
        Assert.Equal(1, Count(type, "PX1234 is the project"));
        Assert.Equal(0, Count(type, "PX1234"));
        Assert.Equal(0, Count(type, "project" + new string(' ', 30) + "PX1234"));
        Assert.Equal(0, Count(type, "projects PX1234"));
    }

    [Theory]
    [InlineData("(a+)+$")]
    [InlineData("(a|aa)*b")]
    [InlineData("(.*a){20}")]
    [InlineData("(x+x+)+y")]
    public void HostilePatterns_OnHostileText_FinishInLinearTime(string pattern)
    {
        var type = CustomSensitiveInfoType.Create("Hostile", pattern).Value;
        var text = new string('a', 200_000) + "!" + new string('x', 200_000);
        var result = DlpScanner.Scan(text, [type]).Types.Single();
        Assert.False(result.Incomplete);
    }

    [Theory]
    [InlineData("(a)\\1", ErrorCodes.Dlp.InvalidPattern)] // backreference
    [InlineData("(?<=a)b", ErrorCodes.Dlp.InvalidPattern)] // lookbehind
    [InlineData("a(?=b)", ErrorCodes.Dlp.InvalidPattern)] // lookahead
    [InlineData("(?>a+)b", ErrorCodes.Dlp.InvalidPattern)] // atomic group
    [InlineData("(unclosed", ErrorCodes.Dlp.InvalidPattern)]
    [InlineData("[z-a]", ErrorCodes.Dlp.InvalidPattern)]
    [InlineData("a*", ErrorCodes.Dlp.InvalidPattern)] // matches empty text
    [InlineData("", ErrorCodes.Dlp.InvalidPattern)]
    public void Create_UnacceptablePattern_IsRefusedWithCode(string pattern, string code)
    {
        var result = CustomSensitiveInfoType.Create("Bad", pattern);
        Assert.False(result.IsSuccess);
        Assert.Equal(code, result.Error.Code);
        Assert.DoesNotContain(pattern.Length > 2 ? pattern : "\u0000", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_PatternTooLong_IsRefused()
    {
        Assert.True(CustomSensitiveInfoType.Create("Long", new string('a', CustomSensitiveInfoType.MaxPatternLength)).IsSuccess);
        var result = CustomSensitiveInfoType.Create("Long", new string('a', CustomSensitiveInfoType.MaxPatternLength + 1));
        Assert.Equal(ErrorCodes.Dlp.PatternTooLong, result.Error?.Code);
    }

    [Theory]
    [InlineData("((((a{1,1000}){1,1000}){1,1000}){1,1000})")] // the engine's own size estimate overflows and accepts this
    [InlineData("(((((a{1,100}){1,100}){1,100}){1,100}){1,100})")]
    [InlineData("[a-z]{1,1000}x")] // linear, but seconds per megabyte
    [InlineData("x{101}")]
    [InlineData("x{2,99999999999999999999}")]
    [InlineData("(ab{2}){10}(cd){10}(ef){11}")] // group repetitions multiply past 1,000
    [InlineData("(a{1,100}){1,100}")] // refused by the engine itself
    public void Create_PatternTooCostlyForTheLinearEngine_IsRefused(string pattern) =>
        Assert.Equal(ErrorCodes.Dlp.InvalidPattern, CustomSensitiveInfoType.Create("Costly", pattern).Error?.Code);

    [Theory]
    [InlineData(@"(\d{4}[ -]?){3}\d{4}")]
    [InlineData(@"[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}")]
    [InlineData(@"\w{1,64}@\w{1,64}\.[a-z]{2,24}")]
    [InlineData(@"x\{1000}")] // an escaped brace is a literal
    [InlineData(@"[{1000}]x")] // so is a brace in a class
    public void Create_UsualCountedRepetitions_AreAccepted(string pattern) =>
        Assert.True(CustomSensitiveInfoType.Create("Usual", pattern).IsSuccess);

    [Theory]
    [InlineData("", "x[0-9]", null, 300, ErrorCodes.Dlp.InvalidName)]
    [InlineData("   ", "x[0-9]", null, 300, ErrorCodes.Dlp.InvalidName)]
    [InlineData("line\nbreak", "x[0-9]", null, 300, ErrorCodes.Dlp.InvalidName)]
    [InlineData("ok", "x[0-9]", "", 300, ErrorCodes.Dlp.InvalidKeywords)]
    [InlineData("ok", "x[0-9]", "tab\there", 300, ErrorCodes.Dlp.InvalidKeywords)]
    [InlineData("ok", "x[0-9]", "word", 0, ErrorCodes.Dlp.InvalidProximity)]
    [InlineData("ok", "x[0-9]", "word", 2001, ErrorCodes.Dlp.InvalidProximity)]
    public void Create_InvalidDefinition_IsRefusedWithCode(string name, string pattern, string? keyword, int proximity, string code)
    {
        var result = CustomSensitiveInfoType.Create(name, pattern, keyword is null ? null : [keyword], proximity);
        Assert.Equal(code, result.Error?.Code);
    }

    [Fact]
    public void Create_TooManyKeywords_OrAnUndefinedConfidence_IsRefused()
    {
        var keywords = Enumerable.Range(0, CustomSensitiveInfoType.MaxKeywords + 1).Select(i => $"k{i}").ToArray();
        Assert.Equal(ErrorCodes.Dlp.InvalidKeywords, CustomSensitiveInfoType.Create("ok", "x[0-9]", keywords).Error?.Code);
        Assert.Equal(ErrorCodes.Dlp.InvalidThreshold, CustomSensitiveInfoType.Create("ok", "x[0-9]", confidence: (DlpConfidence)70).Error?.Code);
    }

    [Fact]
    public void Catalog_FindsBuiltInAndCustomTypesByName_AndRefusesDuplicatesAndUnknownNames()
    {
        var custom = CustomSensitiveInfoType.Create("Contoso employee ID", "CE-[0-9]{6}").Value;
        var catalog = SensitiveInfoTypeCatalog.Create([custom]).Value;
        Assert.Same(custom, catalog.Find("contoso EMPLOYEE id").Value);
        Assert.Same(SensitiveInfoTypes.Iban, catalog.Find("International Banking Account Number (IBAN)").Value);
        Assert.Equal(ErrorCodes.Dlp.UnknownType, catalog.Find("Passport Number").Error?.Code);
        Assert.Equal(ErrorCodes.Dlp.UnknownType, SensitiveInfoTypeCatalog.BuiltIn.Find("Contoso employee ID").Error?.Code);

        var clash = CustomSensitiveInfoType.Create("credit card number", "[0-9]{16}").Value;
        Assert.Equal(ErrorCodes.Dlp.DuplicateType, SensitiveInfoTypeCatalog.Create([clash]).Error?.Code);
    }

    [Fact]
    public void LongMatch_Excerpt_IsClippedAndMasked()
    {
        var type = CustomSensitiveInfoType.Create("Secret block", "BEGIN[A-Z0-9]+END").Value;
        var secret = "BEGIN" + string.Concat(Enumerable.Repeat("ABCDEFGHIJ0123456789", 20)) + "END";
        var match = Assert.Single(DlpScanner.Scan("x " + secret + " y", [type]).Types.Single().Matches);
        Assert.Equal(secret.Length, match.Length);
        Assert.Equal(Masking.MaxExcerptChars + 1, match.MaskedExcerpt.Length);
        Assert.StartsWith("…***", match.MaskedExcerpt, StringComparison.Ordinal);
        Assert.EndsWith("*9END", match.MaskedExcerpt, StringComparison.Ordinal);
    }

    private static int Count(SensitiveInfoType type, string text) => DlpScanner.Scan(text, [type]).Count(type);
}
